// The Task state: input processing, the mocked call (with its simulated duration against
// TimeoutSeconds / HeartbeatSeconds on the virtual clock) and the resource-specific events
// AWS records (LambdaFunction*, Activity*, or Task* for service integrations).

import type { JsonValue, TaskState } from '../../asl/types'
import type { CompiledState, ResourceInfo } from '../compile'
import { StateFailure, StatesErrors } from '../errors'
import type { Execution, Frame, MockOutcome, StateEnv } from '../execution'
import type { HistoryEventBody } from '../history'
import { NOT_TRUNCATED } from '../history'
import { jsonByteSize } from '../payloadSize'
import type { Routine } from '../scheduler'
import { awaitPromise, isPromiseLike, sleepUntil } from '../scheduler'
import { Binding, inputPath, numericField, parameters, processResult } from './common'

const SECONDS = { min: 1, integer: true, max: 99999999 }

export function* runTask(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
): Routine<JsonValue> {
  const def = state.def as TaskState
  const resource = state.resource!
  const trace = frame.trace
  if (trace) trace.input = input
  if (resource.pattern === 'waitForTaskToken' && env.taskToken === undefined) {
    env.taskToken = x.random.token()
    env.refresh()
  }
  let taskInput: JsonValue
  let effective = input
  if (state.language === 'JSONata') {
    taskInput =
      def.Arguments === undefined
        ? input
        : yield* x.jsonata(def.Arguments, new Binding(input, env), env, 'Arguments')
    if (trace) trace.afterArguments = taskInput
  } else {
    effective = inputPath(def, input, env, frame)
    taskInput = parameters(def.Parameters, effective, env, frame)
  }
  x.checkPayload(state, taskInput, 'input')
  const timeout =
    def.TimeoutSeconds !== undefined || def.TimeoutSecondsPath !== undefined
      ? yield* numericField(x, def, env, effective, 'TimeoutSeconds', SECONDS)
      : undefined
  const heartbeat =
    def.HeartbeatSeconds !== undefined || def.HeartbeatSecondsPath !== undefined
      ? yield* numericField(x, def, env, effective, 'HeartbeatSeconds', SECONDS)
      : undefined

  const invocation = x.nextInvocation(state.name)
  scheduled(x, frame, state, resource, taskInput, timeout, heartbeat)
  started(x, frame, state, resource)
  if (resource.kind === 'service' && resource.pattern !== 'request')
    submitted(x, frame, state, resource)
  let outcome = x.invokeMock(frame, state, resource.arn, taskInput, invocation, 'task')
  if (isPromiseLike(outcome)) outcome = (yield awaitPromise(outcome)) as MockOutcome

  const limitMs = timeout === undefined ? Infinity : timeout * 1000
  const heartbeatMs = heartbeat === undefined ? Infinity : heartbeat * 1000
  const duration = outcome.durationMs
  if (duration > limitMs || duration > heartbeatMs) {
    const byHeartbeat = heartbeatMs < limitMs
    yield sleepUntil(x.clock.now() + (byHeartbeat ? heartbeatMs : limitMs))
    const error = byHeartbeat ? StatesErrors.HeartbeatTimeout : StatesErrors.Timeout
    finished(x, frame, state, resource, 'TimedOut', undefined, error, '')
    throw new StateFailure(error, '')
  }
  if (duration > 0) yield sleepUntil(x.clock.now() + duration)
  if (!outcome.ok) {
    finished(x, frame, state, resource, 'Failed', undefined, outcome.error, outcome.cause)
    throw new StateFailure(outcome.error, outcome.cause)
  }
  const result = outcome.value
  if (jsonByteSize(result) > x.maxPayloadBytes) {
    const cause = `The state/task '${resource.kind === 'service' ? resource.resourceType : resource.arn}' returned a result with a size exceeding the maximum number of bytes service limit.`
    finished(x, frame, state, resource, 'Failed', undefined, StatesErrors.DataLimitExceeded, cause)
    throw new StateFailure(StatesErrors.DataLimitExceeded, cause)
  }
  finished(x, frame, state, resource, 'Succeeded', result)
  if (trace) trace.result = result
  return yield* processResult(x, frame, state, env, input, result)
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
