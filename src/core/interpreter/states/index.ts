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
import { assertNever, isJsonataString } from '../../asl/types'
import { evaluateChoiceRule, readPathField, StatesError } from '../../expr'
import { parseIsoTime } from '../clock'
import type { CompiledState } from '../compile'
import { StateFailure, StatesErrors } from '../errors'
import type { Execution, Frame, StateEnv } from '../execution'
import type { Routine } from '../scheduler'
import { awaitPromise, isPromiseLike, sleepUntil } from '../scheduler'
import {
  Binding,
  inputPath,
  jsonataTypeError,
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
): Routine<JsonValue> {
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

function* runPass(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
): Routine<JsonValue> {
  const def = state.def as PassState
  if (frame.trace) frame.trace.input = input
  if (state.language === 'JSONata') {
    const binding = new Binding(input, env)
    const output =
      def.Output === undefined ? input : yield* x.jsonata(def.Output, binding, env, 'Output')
    yield* x.assignState(frame, state, binding, env)
    return output
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
  return yield* processResult(x, frame, state, env, input, result)
}

function* runSucceed(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
): Routine<JsonValue> {
  const def = state.def as SucceedState
  if (frame.trace) frame.trace.input = input
  frame.next = null
  if (state.language === 'JSONata') {
    return def.Output === undefined
      ? input
      : yield* x.jsonata(def.Output, new Binding(input, env), env, 'Output')
  }
  return outputPath(def, inputPath(def, input, env, frame), env)
}

function* runFail(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
): Routine<JsonValue> {
  const def = state.def as FailState
  if (frame.trace) frame.trace.input = input
  frame.next = null
  let error: JsonValue | undefined
  let cause: JsonValue | undefined
  if (state.language === 'JSONata') {
    const binding = new Binding(input, env)
    if (def.Error !== undefined) error = yield* x.jsonata(def.Error, binding, env, 'Error')
    if (def.Cause !== undefined) cause = yield* x.jsonata(def.Cause, binding, env, 'Cause')
    if (error !== undefined && typeof error !== 'string') {
      jsonataTypeError(def.Error!, 'Error', error, 'string')
    }
    if (cause !== undefined && typeof cause !== 'string') {
      jsonataTypeError(def.Cause!, 'Cause', cause, 'string')
    }
  } else {
    if (frame.trace) frame.trace.afterInputPath = input
    error =
      def.Error ??
      (def.ErrorPath !== undefined ? pathString(def.ErrorPath, input, env, 'ErrorPath') : undefined)
    cause =
      def.Cause ??
      (def.CausePath !== undefined ? pathString(def.CausePath, input, env, 'CausePath') : undefined)
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

function* runChoice(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
): Routine<JsonValue> {
  const def = state.def as ChoiceState
  if (frame.trace) frame.trace.input = input
  const jsonata = state.language === 'JSONata'
  const effective = jsonata ? input : inputPath(def, input, env, frame)
  const choices = state.choices
  let chosen = -1
  for (let i = 0; i < choices.length; i++) {
    let matched = evaluateChoiceRule(
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
  let assign: JsonObject | undefined
  let outputDef: JsonValue | undefined
  if (chosen >= 0) {
    const rule = choices[chosen]!
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
  let output: JsonValue
  if (jsonata) {
    output = outputDef === undefined ? input : yield* x.jsonata(outputDef, binding, env, 'Output')
  } else {
    output = outputPath(def, effective, env)
  }
  if (assign) {
    const values = yield* x.evalAssign(assign, state.language, binding, env)
    frame.scope.assign(values)
    frame.assigned = values
    if (frame.trace) frame.trace.variables = frame.scope.snapshot()
  }
  return output
}

const MAX_DELAY_SECONDS = 2 ** 31 - 1

function* runWait(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
): Routine<JsonValue> {
  const def = state.def as WaitState
  if (frame.trace) frame.trace.input = input
  const jsonata = state.language === 'JSONata'
  const effective = jsonata ? input : inputPath(def, input, env, frame)
  const binding = new Binding(input, env)
  const now = x.clock.now()
  let until: number
  if (def.Seconds !== undefined) {
    let seconds: JsonValue = def.Seconds
    if (typeof seconds === 'string' && isJsonataString(seconds)) {
      seconds = yield* x.jsonata(seconds, binding, env, 'Seconds')
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
        jsonataTypeError(def.Seconds as string, 'Seconds', seconds, 'integer')
      }
    }
    until = now + waitSeconds(seconds as number, 'Seconds') * 1000
  } else if (def.SecondsPath !== undefined) {
    let value: JsonValue
    try {
      value = readPathField(def.SecondsPath, effective, env, 'SecondsPath')
    } catch (error) {
      if (error instanceof StatesError && error.error === StatesErrors.Runtime) {
        throw new StatesError(
          StatesErrors.Runtime,
          `The SecondsPath parameter does not reference an input value: ${def.SecondsPath}`,
        )
      }
      throw error
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new StatesError(
        StatesErrors.Runtime,
        `The SecondsPath parameter references an invalid value: ${JSON.stringify(value)}. It must be a non-negative integer: ${def.SecondsPath}`,
      )
    }
    until = now + waitSeconds(value, 'SecondsPath') * 1000
  } else if (def.Timestamp !== undefined) {
    let stamp: JsonValue = def.Timestamp
    if (isJsonataString(stamp)) {
      stamp = yield* x.jsonata(stamp, binding, env, 'Timestamp')
      if (typeof stamp !== 'string' || Number.isNaN(parseIsoTime(stamp))) {
        jsonataTypeError(def.Timestamp, 'Timestamp', stamp, 'timestamp')
      }
    }
    until = timestampMs(stamp as string, 'Timestamp')
  } else if (def.TimestampPath !== undefined) {
    let value: JsonValue
    try {
      value = readPathField(def.TimestampPath, effective, env, 'TimestampPath')
    } catch (error) {
      if (error instanceof StatesError && error.error === StatesErrors.Runtime) {
        throw new StatesError(
          StatesErrors.Runtime,
          `The TimestampPath parameter does not reference an input value: ${def.TimestampPath}`,
        )
      }
      throw error
    }
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
  // AWS keeps the delay in a signed 32-bit number of seconds (about 68 years).
  if ((until - now) / 1000 > MAX_DELAY_SECONDS) {
    throw new StatesError(StatesErrors.Runtime, 'Wait state delay is too long.')
  }
  if (until > now) yield sleepUntil(until)
  let output: JsonValue
  if (jsonata) {
    output = def.Output === undefined ? input : yield* x.jsonata(def.Output, binding, env, 'Output')
  } else {
    output = outputPath(def, effective, env)
  }
  yield* x.assignState(frame, state, binding, env)
  return output
}

function waitSeconds(seconds: number, field: string): number {
  if (!Number.isFinite(seconds) || seconds < 0) {
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
