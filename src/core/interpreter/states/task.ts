// The Task state: input processing, the mocked call (with its simulated duration against
// TimeoutSeconds / HeartbeatSeconds on the virtual clock) and the resource-specific events
// AWS records (LambdaFunction*, Activity*, or Task* for service integrations).

import type { JsonValue, TaskState } from '../../asl/types'
import type { CompiledState, ResourceInfo } from '../compile'
import { StateFailure, StatesErrors } from '../errors'
import type { Execution, Frame, MockOutcome, StateEnv, StateResult } from '../execution'
import { thrownOutcome } from '../execution'
import type { HistoryEventBody } from '../history'
import { NOT_TRUNCATED } from '../history'
import { jsonByteSize } from '../payloadSize'
import { containsJsonata } from '../../expr'
import type { Routine, Step } from '../scheduler'
import { awaitPromise, isPromiseLike, isRoutine, sleepUntil } from '../scheduler'
import { Binding, inputPath, numericField, parameters, processResult } from './common'

const SECONDS = { min: 1, integer: true, max: 99999999 }

interface TaskCallInfo {
  resource: ResourceInfo
  timeout: number | undefined
  heartbeat: number | undefined
}

export function runTask(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
): Step<StateResult> {
  const resource = state.resource!
  const plainCall = state.plainCall
  // The common case first: nothing to compute before the call (JSONPath, no I/O fields, no
  // timeouts, no task token, no TestState trace).
  if (
    plainCall !== null &&
    state.plainIO &&
    frame.trace === null &&
    resource.pattern !== 'waitForTaskToken'
  ) {
    return invoke(x, frame, state, env, input, input, plainCall)
  }
  const def = state.def as TaskState
  if (frame.trace) frame.trace.input = input
  if (resource.pattern === 'waitForTaskToken' && env.taskToken === undefined) {
    env.taskToken = x.random.token()
    env.refresh()
  }
  if (
    state.language === 'JSONata' &&
    (containsJsonata((def.Arguments as JsonValue | undefined) ?? null) ||
      containsJsonata((def.TimeoutSeconds as JsonValue | undefined) ?? null) ||
      containsJsonata((def.HeartbeatSeconds as JsonValue | undefined) ?? null))
  ) {
    return taskJsonata(x, frame, state, env, input)
  }
  let taskInput: JsonValue
  let effective = input
  if (state.language === 'JSONata') {
    taskInput = def.Arguments === undefined ? input : (def.Arguments as JsonValue)
    if (frame.trace) frame.trace.afterArguments = taskInput
  } else if (state.plainIO && !frame.trace) {
    taskInput = input
  } else {
    effective = inputPath(def, input, env, frame)
    taskInput = parameters(def.Parameters, effective, env, frame)
  }
  const call: TaskCallInfo = plainCall ?? {
    resource,
    timeout: numericField(
      x,
      def,
      env,
      effective,
      'TimeoutSeconds',
      'TimeoutSecondsPath',
      SECONDS,
    ) as number | undefined,
    heartbeat: numericField(
      x,
      def,
      env,
      effective,
      'HeartbeatSeconds',
      'HeartbeatSecondsPath',
      SECONDS,
    ) as number | undefined,
  }
  return invoke(x, frame, state, env, input, taskInput, call)
}

/** A JSONata Task whose Arguments or timeouts are expressions: evaluate them, then invoke. */
function* taskJsonata(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
): Routine<StateResult> {
  const def = state.def as TaskState
  const binding = new Binding(input, env)
  const taskInput =
    def.Arguments === undefined
      ? input
      : yield* x.jsonata(def.Arguments as JsonValue, binding, env, 'Arguments')
  if (frame.trace) frame.trace.afterArguments = taskInput
  const timeout = numericField(x, def, env, input, 'TimeoutSeconds', 'TimeoutSecondsPath', SECONDS)
  const heartbeat = numericField(
    x,
    def,
    env,
    input,
    'HeartbeatSeconds',
    'HeartbeatSecondsPath',
    SECONDS,
  )
  const call: TaskCallInfo = {
    resource: state.resource!,
    timeout: isRoutine(timeout) ? yield* timeout : timeout,
    heartbeat: isRoutine(heartbeat) ? yield* heartbeat : heartbeat,
  }
  const step = invoke(x, frame, state, env, input, taskInput, call)
  return isRoutine(step) ? yield* step : step
}

/** Calls the mock; continues synchronously unless it answers with a promise or must wait. */
function invoke(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
  taskInput: JsonValue,
  call: TaskCallInfo,
): Step<StateResult> {
  if (x.maxPayloadBytes !== Infinity) x.checkPayload(state, taskInput, 'input')
  const resource = call.resource
  const submits = resource.kind === 'service' && resource.pattern !== 'request'
  if (frame.sink) {
    scheduled(x, frame, state, resource, taskInput, call.timeout, call.heartbeat)
    started(x, frame, state, resource)
    if (submits) submitted(x, frame, state, resource)
  } else {
    // Nobody listens: only the event ids count (causes quote them). Past the history limit,
    // count one by one so the failure comes at the same event.
    const counter = frame.counter
    const events = submits ? 3 : 2
    if (counter.count + events > x.maxHistoryEvents) {
      for (let i = 0; i < events; i++) x.nextEventId(frame)
    } else counter.count += events
    frame.lastEventId = counter.count
  }
  const fn = x.functionMock(state, resource.arn)
  if (fn) {
    // A function mock (the benchmark's kind): no response entry, no duration to simulate.
    let value: unknown
    try {
      value = fn(taskInput)
    } catch (error) {
      return settle(x, frame, state, env, input, call, thrownOutcome(error))
    }
    if (isPromiseLike(value)) {
      const pending = Promise.resolve(value).then(
        (v): MockOutcome => ({ ok: true, value: v as JsonValue, durationMs: 0 }),
        thrownOutcome,
      )
      return awaitOutcome(x, frame, state, env, input, call, pending)
    }
    return succeed(x, frame, state, env, input, call, value as JsonValue)
  }
  // Only mocked responses are chosen by invocation number (a function mock is just called).
  const invocation = x.nextInvocation(state)
  const outcome = x.invokeMock(frame, state, resource.arn, taskInput, invocation, 'task')
  if (isPromiseLike(outcome)) return awaitOutcome(x, frame, state, env, input, call, outcome)
  const until = x.clock.now() + waitingMs(outcome, call)
  if (until > x.clock.now() && !x.scheduler.fastForward(until)) {
    return sleepThenSettle(x, frame, state, env, input, call, outcome, until)
  }
  return settle(x, frame, state, env, input, call, outcome)
}

function* awaitOutcome(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
  call: TaskCallInfo,
  pending: PromiseLike<MockOutcome>,
): Routine<StateResult> {
  const outcome = (yield awaitPromise(pending)) as MockOutcome
  const until = x.clock.now() + waitingMs(outcome, call)
  if (until > x.clock.now() && !x.scheduler.fastForward(until)) yield sleepUntil(until)
  const step = settle(x, frame, state, env, input, call, outcome)
  return isRoutine(step) ? yield* step : step
}

function* sleepThenSettle(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
  call: TaskCallInfo,
  outcome: MockOutcome,
  until: number,
): Routine<StateResult> {
  yield sleepUntil(until)
  const step = settle(x, frame, state, env, input, call, outcome)
  return isRoutine(step) ? yield* step : step
}

/** How long the call keeps the state busy: its duration, cut short by a timeout. */
function waitingMs(outcome: MockOutcome, call: TaskCallInfo): number {
  const limit = call.timeout === undefined ? Infinity : call.timeout * 1000
  const beat = call.heartbeat === undefined ? Infinity : call.heartbeat * 1000
  return Math.min(outcome.durationMs, limit, beat)
}

/** After the call (and its simulated duration): timeout, failure or result. */
function settle(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
  call: TaskCallInfo,
  outcome: MockOutcome,
): Step<StateResult> {
  const { resource } = call
  const limitMs = call.timeout === undefined ? Infinity : call.timeout * 1000
  const heartbeatMs = call.heartbeat === undefined ? Infinity : call.heartbeat * 1000
  if (outcome.durationMs > limitMs || outcome.durationMs > heartbeatMs) {
    const error = heartbeatMs < limitMs ? StatesErrors.HeartbeatTimeout : StatesErrors.Timeout
    finished(x, frame, state, resource, 'TimedOut', undefined, error, '')
    return new StateFailure(error, '')
  }
  if (!outcome.ok) {
    finished(x, frame, state, resource, 'Failed', undefined, outcome.error, outcome.cause)
    return new StateFailure(outcome.error, outcome.cause)
  }
  return succeed(x, frame, state, env, input, call, outcome.value)
}

/** The call returned `result`: check its size, report it, process it into the output. */
function succeed(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
  call: TaskCallInfo,
  result: JsonValue,
): Step<StateResult> {
  const { resource } = call
  if (x.maxPayloadBytes !== Infinity && jsonByteSize(result) > x.maxPayloadBytes) {
    const cause = `The state/task '${resource.kind === 'service' ? resource.resourceType : resource.arn}' returned a result with a size exceeding the maximum number of bytes service limit.`
    finished(x, frame, state, resource, 'Failed', undefined, StatesErrors.DataLimitExceeded, cause)
    return new StateFailure(StatesErrors.DataLimitExceeded, cause)
  }
  if (frame.sink) finished(x, frame, state, resource, 'Succeeded', result)
  else frame.lastEventId = x.nextEventId(frame)
  if (frame.trace) frame.trace.result = result
  else if (state.plainIO) return result
  return processResult(x, frame, state, env, input, result)
}

function scheduled(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  resource: ResourceInfo,
  taskInput: JsonValue,
  timeout: number | undefined,
  heartbeat: number | undefined,
): void {
  const id = x.nextEventId(frame)
  if (frame.sink) {
    const path = x.statePath(frame, state)
    let event: object
    if (resource.kind === 'lambda') {
      event = {
        type: 'LambdaFunctionScheduled',
        statePath: path,
        lambdaFunctionScheduledEventDetails: {
          resource: resource.arn,
          input: JSON.stringify(taskInput),
          inputDetails: NOT_TRUNCATED,
          ...(timeout !== undefined ? { timeoutInSeconds: timeout } : {}),
        },
      }
    } else if (resource.kind === 'activity') {
      event = {
        type: 'ActivityScheduled',
        statePath: path,
        activityScheduledEventDetails: {
          resource: resource.arn,
          input: JSON.stringify(taskInput),
          inputDetails: NOT_TRUNCATED,
          ...(timeout !== undefined ? { timeoutInSeconds: timeout } : {}),
          ...(heartbeat !== undefined ? { heartbeatInSeconds: heartbeat } : {}),
        },
      }
    } else {
      event = {
        type: 'TaskScheduled',
        statePath: path,
        taskScheduledEventDetails: {
          resourceType: resource.resourceType,
          resource: resource.resource,
          region: resource.region ?? x.region,
          parameters: JSON.stringify(taskInput),
          ...(timeout !== undefined ? { timeoutInSeconds: timeout } : {}),
          ...(heartbeat !== undefined ? { heartbeatInSeconds: heartbeat } : {}),
        },
      }
    }
    x.send(frame, id, event as HistoryEventBody)
  }
  frame.lastEventId = id
}

function started(x: Execution, frame: Frame, state: CompiledState, resource: ResourceInfo): void {
  const id = x.nextEventId(frame)
  if (frame.sink) {
    const path = x.statePath(frame, state)
    const event =
      resource.kind === 'lambda'
        ? { type: 'LambdaFunctionStarted', statePath: path }
        : resource.kind === 'activity'
          ? { type: 'ActivityStarted', statePath: path, activityStartedEventDetails: {} }
          : {
              type: 'TaskStarted',
              statePath: path,
              taskStartedEventDetails: {
                resourceType: resource.resourceType,
                resource: resource.resource,
              },
            }
    x.send(frame, id, event as HistoryEventBody)
  }
  frame.lastEventId = id
}

/** .sync and .waitForTaskToken: the request was accepted; the result comes later. */
function submitted(x: Execution, frame: Frame, state: CompiledState, resource: ResourceInfo): void {
  const id = x.nextEventId(frame)
  if (frame.sink) {
    x.send(frame, id, {
      type: 'TaskSubmitted',
      statePath: x.statePath(frame, state),
      taskSubmittedEventDetails: {
        resourceType: resource.resourceType,
        resource: resource.resource,
        output: '{}',
        outputDetails: NOT_TRUNCATED,
      },
    })
  }
  frame.lastEventId = id
}

function finished(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  resource: ResourceInfo,
  how: 'Succeeded' | 'Failed' | 'TimedOut',
  output?: JsonValue,
  error?: string,
  cause?: string,
): void {
  const id = x.nextEventId(frame)
  if (frame.sink) {
    const prefix =
      resource.kind === 'lambda'
        ? 'LambdaFunction'
        : resource.kind === 'activity'
          ? 'Activity'
          : 'Task'
    const type = `${prefix}${how}`
    const key = `${prefix[0]!.toLowerCase()}${prefix.slice(1)}${how}EventDetails`
    const details: Record<string, unknown> =
      how === 'Succeeded'
        ? { output: JSON.stringify(output), outputDetails: NOT_TRUNCATED }
        : { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) }
    if (resource.kind === 'service') {
      details.resourceType = resource.resourceType
      details.resource = resource.resource
    }
    x.send(frame, id, {
      type,
      statePath: x.statePath(frame, state),
      [key]: details,
    } as unknown as HistoryEventBody)
  }
  frame.lastEventId = id
}
