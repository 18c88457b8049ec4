// One executor per state type. Each returns the state's output and sets `frame.next` (when it
// differs from the state's Next) and `frame.assigned` (its Assign values, for the exited event).

import type {
  ChoiceState,
  FailState,
  JsonObject,
  JsonValue,
  PassState,
  SucceedState,
  WaitState,
} from '../../asl/types'
import { assertNever } from '../../asl/types'
import { containsJsonata, evaluateChoiceRule, readPathField, StatesError } from '../../expr'
import { parseIsoTime } from '../clock'
import type { CompiledState } from '../compile'
import { StateFailure, StatesErrors } from '../errors'
import type { Execution, Frame, StateEnv, StateResult } from '../execution'
import type { Routine, Step } from '../scheduler'
import { awaitPromise, isPromiseLike, isRoutine, sleepUntil } from '../scheduler'
import {
  Binding,
  hasJsonataOutput,
  inputPath,
  jsonataTypeError,
  outputJsonata,
  outputPath,
  parameters,
  processResult,
} from './common'
import { runMap } from './map'
import { runParallel } from './parallel'
import { runTask } from './task'

export function runStateBody(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
): Step<StateResult> {
  switch (state.type) {
    case 'Pass':
      return runPass(x, frame, state, env, input)
    case 'Task':
      return runTask(x, frame, state, env, input)
    case 'Choice':
      return runChoice(x, frame, state, env, input)
    case 'Wait':
      return runWait(x, frame, state, env, input)
    case 'Succeed':
      return runSucceed(x, frame, state, env, input)
    case 'Fail':
      return runFail(x, frame, state, env, input)
    case 'Parallel':
      return runParallel(x, frame, state, env, input)
    case 'Map':
      return runMap(x, frame, state, env, input)
    default:
      return assertNever(state.type, 'state type')
  }
}

function runPass(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
): Step<JsonValue> {
  if (state.plainIO && !frame.trace) return input
  const def = state.def as PassState
  if (frame.trace) frame.trace.input = input
  if (state.language === 'JSONata') {
    const binding = new Binding(input, env)
    if (hasJsonataOutput(def)) return outputJsonata(x, frame, state, env, binding, input)
    x.applyAssign(frame, state, def.Assign, binding, env)
    return def.Output === undefined ? input : def.Output
  }
  let result: JsonValue
  if ('Result' in def) {
    // With a Result, AWS does not evaluate InputPath or Parameters at all.
    result = def.Result as JsonValue
    if (frame.trace) frame.trace.result = result
  } else {
    const effective = inputPath(def, input, env, frame)
    result = parameters(def.Parameters, effective, env, frame)
    x.checkPayload(state, result, 'input')
  }
  return processResult(x, frame, state, env, input, result)
}

function runSucceed(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
): Step<JsonValue> {
  frame.next = null
  if (state.plainIO && !frame.trace) return input
  const def = state.def as SucceedState
  if (frame.trace) frame.trace.input = input
  if (state.language === 'JSONata') {
    if (def.Output === undefined) return input
    return x.jsonata(def.Output, new Binding(input, env), env, 'Output')
  }
  return outputPath(def, inputPath(def, input, env, frame), env)
}

function runFail(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
): Step<JsonValue> {
  const def = state.def as FailState
  if (frame.trace) frame.trace.input = input
  frame.next = null
  if (state.language === 'JSONata') {
    if (containsJsonata(def.Error ?? null) || containsJsonata(def.Cause ?? null)) {
      return failJsonata(x, def, env, input)
    }
    throw new StateFailure(def.Error, def.Cause)
  }
  if (frame.trace) frame.trace.afterInputPath = input
  const error =
    def.Error ??
    (def.ErrorPath !== undefined ? pathString(def.ErrorPath, input, env, 'ErrorPath') : undefined)
  const cause =
    def.Cause ??
    (def.CausePath !== undefined ? pathString(def.CausePath, input, env, 'CausePath') : undefined)
  throw new StateFailure(error, cause)
}

function* failJsonata(
  x: Execution,
  def: FailState,
  env: StateEnv,
  input: JsonValue,
): Routine<JsonValue> {
  const binding = new Binding(input, env)
  let error: JsonValue | undefined
  let cause: JsonValue | undefined
  if (def.Error !== undefined) error = yield* x.jsonata(def.Error, binding, env, 'Error')
  if (def.Cause !== undefined) cause = yield* x.jsonata(def.Cause, binding, env, 'Cause')
  if (error !== undefined && typeof error !== 'string') {
    jsonataTypeError(def.Error!, 'Error', error, 'string')
  }
  if (cause !== undefined && typeof cause !== 'string') {
    jsonataTypeError(def.Cause!, 'Cause', cause, 'string')
  }
  throw new StateFailure(error as string | undefined, cause as string | undefined)
}

function pathString(path: string, input: JsonValue, env: StateEnv, field: string): string {
  const value = readPathField(path, input, env, field)
  if (typeof value !== 'string') {
    throw new StatesError(
      StatesErrors.Runtime,
      `The ${field} field refers to a value that is not a string: ${JSON.stringify(value)}`,
    )
  }
  return value
}

function runChoice(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
): Step<JsonValue> {
  const def = state.def as ChoiceState
  if (frame.trace) frame.trace.input = input
  const effective = state.language === 'JSONata' ? input : inputPath(def, input, env, frame)
  const choices = state.choices
  for (let i = 0; i < choices.length; i++) {
    const matched = evaluateChoiceRule(
      choices[i]!.rule as unknown as JsonObject,
      state.language,
      effective,
      env,
    )
    if (isPromiseLike(matched))
      return choiceAsync(x, frame, state, env, input, effective, i, matched)
    if (matched) return chooseRule(x, frame, state, env, input, effective, i)
  }
  return chooseRule(x, frame, state, env, input, effective, -1)
}

function* choiceAsync(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
  effective: JsonValue,
  from: number,
  pending: PromiseLike<boolean>,
): Routine<JsonValue> {
  const choices = state.choices
  let chosen = -1
  for (let i = from; i < choices.length; i++) {
    let matched =
      i === from
        ? pending
        : evaluateChoiceRule(
            choices[i]!.rule as unknown as JsonObject,
            state.language,
            effective,
            env,
          )
    if (isPromiseLike(matched)) matched = (yield awaitPromise(matched)) as boolean
    if (matched) {
      chosen = i
      break
    }
  }
  const step = chooseRule(x, frame, state, env, input, effective, chosen)
  return isRoutine(step) ? yield* step : step
}

/** The transition, output and Assign of the chosen rule (-1: the Default). */
function chooseRule(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
  effective: JsonValue,
  chosen: number,
): Step<JsonValue> {
  const def = state.def as ChoiceState
  let assign: JsonObject | undefined
  let outputDef: JsonValue | undefined
  if (chosen >= 0) {
    const rule = state.choices[chosen]!
    frame.next = rule.next
    assign = (rule.rule as { Assign?: JsonObject }).Assign
    outputDef = (rule.rule as { Output?: JsonValue }).Output ?? def.Output
  } else if (state.defaultNext) {
    frame.next = state.defaultNext
    assign = def.Assign
    outputDef = def.Output
  } else {
    throw new StateFailure(
      StatesErrors.NoChoiceMatched,
      `No Choice Rule matched and no Default is defined for the Choice state '${state.name}'.`,
    )
  }
  const binding = new Binding(input, env)
  if (state.language === 'JSONata') {
    if (containsJsonata(outputDef ?? null) || assign !== undefined) {
      return choiceOutputJsonata(x, frame, state, env, binding, outputDef, assign)
    }
    x.applyAssign(frame, state, assign, binding, env)
    return outputDef === undefined ? input : outputDef
  }
  const output = outputPath(def, effective, env)
  x.applyAssign(frame, state, assign, binding, env)
  return output
}

function* choiceOutputJsonata(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  binding: Binding,
  outputDef: JsonValue | undefined,
  assign: JsonObject | undefined,
): Routine<JsonValue> {
  const output =
    outputDef === undefined ? binding.input : yield* x.jsonata(outputDef, binding, env, 'Output')
  if (assign) {
    const values = yield* x.evalAssign(assign, state.language, binding, env)
    frame.assign(values)
    frame.assigned = values
    if (frame.trace) frame.trace.variables = frame.scope.snapshot()
  }
  return output
}

/** AWS keeps a Wait's delay in a signed 32-bit number of seconds (about 68 years). */
const MAX_DELAY_SECONDS = 2 ** 31 - 1

function runWait(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
): Step<JsonValue> {
  const def = state.def as WaitState
  if (frame.trace) frame.trace.input = input
  const effective = state.language === 'JSONata' ? input : inputPath(def, input, env, frame)
  if (
    state.language === 'JSONata' &&
    (containsJsonata(def.Seconds ?? null) || containsJsonata(def.Timestamp ?? null))
  ) {
    return waitJsonata(x, frame, state, env, input)
  }
  const until = waitUntil(x, def, effective, env, def.Seconds as number | undefined, def.Timestamp)
  if (until > x.clock.now() && !x.scheduler.fastForward(until)) {
    return sleepThenFinish(x, frame, state, env, input, effective, until)
  }
  return finishWait(x, frame, state, env, input, effective)
}

function* waitJsonata(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
): Routine<JsonValue> {
  const def = state.def as WaitState
  const binding = new Binding(input, env)
  let seconds: JsonValue | undefined
  let stamp: JsonValue | undefined
  if (def.Seconds !== undefined) {
    seconds = yield* x.jsonata(def.Seconds, binding, env, 'Seconds')
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      jsonataTypeError(def.Seconds as string, 'Seconds', seconds, 'integer')
    }
  } else if (def.Timestamp !== undefined) {
    stamp = yield* x.jsonata(def.Timestamp, binding, env, 'Timestamp')
    if (typeof stamp !== 'string' || Number.isNaN(parseIsoTime(stamp))) {
      jsonataTypeError(def.Timestamp, 'Timestamp', stamp, 'timestamp')
    }
  }
  const until = waitUntil(
    x,
    def,
    input,
    env,
    seconds as number | undefined,
    stamp as string | undefined,
  )
  if (until > x.clock.now() && !x.scheduler.fastForward(until)) yield sleepUntil(until)
  const step = finishWait(x, frame, state, env, input, input)
  return isRoutine(step) ? yield* step : step
}

function* sleepThenFinish(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
  effective: JsonValue,
  until: number,
): Routine<JsonValue> {
  yield sleepUntil(until)
  const step = finishWait(x, frame, state, env, input, effective)
  return isRoutine(step) ? yield* step : step
}

function finishWait(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
  effective: JsonValue,
): Step<JsonValue> {
  const def = state.def as WaitState
  const binding = new Binding(input, env)
  if (state.language === 'JSONata') {
    if (hasJsonataOutput(def)) return outputJsonata(x, frame, state, env, binding, input)
    x.applyAssign(frame, state, def.Assign, binding, env)
    return def.Output === undefined ? input : def.Output
  }
  const output = outputPath(def, effective, env)
  x.applyAssign(frame, state, def.Assign, binding, env)
  return output
}

/** When the Wait ends (ms), from Seconds, SecondsPath, Timestamp or TimestampPath. */
function waitUntil(
  x: Execution,
  def: WaitState,
  effective: JsonValue,
  env: StateEnv,
  seconds: number | undefined,
  stamp: string | undefined,
): number {
  const now = x.clock.now()
  let until: number
  if (seconds !== undefined) {
    until = now + waitSeconds(seconds, 'Seconds') * 1000
  } else if (def.SecondsPath !== undefined) {
    const value = readPathField(def.SecondsPath, effective, env, 'SecondsPath')
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new StatesError(
        StatesErrors.Runtime,
        `The SecondsPath parameter references an invalid value: ${JSON.stringify(value)}. It must be a non-negative integer: ${def.SecondsPath}`,
      )
    }
    until = now + value * 1000
  } else if (stamp !== undefined) {
    until = timestampMs(stamp, 'Timestamp')
  } else if (def.TimestampPath !== undefined) {
    const value = readPathField(def.TimestampPath, effective, env, 'TimestampPath')
    if (typeof value !== 'string' || Number.isNaN(parseIsoTime(value))) {
      throw new StatesError(
        StatesErrors.Runtime,
        `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${def.TimestampPath} == ${JSON.stringify(value)}`,
      )
    }
    until = timestampMs(value, 'TimestampPath')
  } else {
    until = now
  }
  if ((until - now) / 1000 > MAX_DELAY_SECONDS) {
    throw new StatesError(StatesErrors.Runtime, 'Wait state delay is too long.')
  }
  return until
}

function waitSeconds(seconds: number, field: string): number {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw new StatesError(
      StatesErrors.Runtime,
      `The ${field} value must be a non-negative integer.`,
    )
  }
  return seconds
}

function timestampMs(text: string, field: string): number {
  const ms = parseIsoTime(text)
  if (Number.isNaN(ms)) {
    throw new StatesError(
      StatesErrors.Runtime,
      `The ${field} value is not a valid timestamp: ${text}`,
    )
  }
  return ms
}
