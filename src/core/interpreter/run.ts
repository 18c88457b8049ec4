// runExecution: one simulated execution, from ExecutionStarted to its end.

import type { JsonValue, StateMachine } from '../asl/types'
import { isJsonObject } from '../asl/types'
import type { Clock } from './clock'
import { DEFAULT_START_TIME, isoTime, parseIsoTime, VirtualClock } from './clock'
import type { CompiledMachine } from './compile'
import { compileMachine, DefinitionError } from './compile'
import type { StateFailure } from './errors'
import { asStateFailure, FAILURE_SHAPE, StatesErrors, StepwiseErrors } from './errors'
import type { ExecutionSetup } from './execution'
import { Execution, Frame } from './execution'
import type { HistoryEventBody } from './history'
import { NOT_TRUNCATED } from './history'
import { DEFAULT_MAX_PAYLOAD_BYTES, jsonByteSize } from './payloadSize'
import { SeededRandom } from './random'
import type { SchedulerOutcome } from './scheduler'
import { isRoutine } from './scheduler'
import { Scope } from './scope'
import type { ExecutionResult, RunOptions } from './types'

const YEAR_SECONDS = 365 * 24 * 3600
const EXPRESS_SECONDS = 300
export const DEFAULT_LIMITS = {
  maxTransitions: 1_000_000,
  maxHistoryEvents: 1_000_000,
  maxPayloadBytes: DEFAULT_MAX_PAYLOAD_BYTES,
}

export function startTimeOf(value: number | string | undefined): number {
  if (value === undefined) return DEFAULT_START_TIME
  if (typeof value === 'number') return value
  const ms = parseIsoTime(value)
  if (Number.isNaN(ms)) throw new Error(`startTime '${value}' is not an ISO 8601 timestamp.`)
  return ms
}

/** A context override's Execution.StartTime also starts the clock (the two must agree). */
function contextStartTime(options: RunOptions): string | undefined {
  const execution = options.context?.Execution
  const start = isJsonObject(execution) ? execution.StartTime : undefined
  return typeof start === 'string' && !Number.isNaN(parseIsoTime(start)) ? start : undefined
}

/** The pieces of an Execution that depend on the options only. */
export function executionSetup(
  machine: CompiledMachine,
  input: JsonValue,
  options: RunOptions,
  clock: Clock,
  random: SeededRandom,
  deadline: number,
  scheduler: ExecutionSetup['scheduler'] = {},
): ExecutionSetup {
  const partition = options.partition ?? 'aws'
  const region = options.region ?? 'us-east-1'
  const accountId = options.accountId ?? '123456789012'
  const limits = options.limits ?? {}
  return {
    machine,
    input,
    clock,
    random,
    sink: options.onEvent,
    distributedChildEvents: options.distributedMapChildEvents,
    workflowType: options.workflowType ?? 'STANDARD',
    executionName: options.executionName ?? random.uuid(),
    stateMachineName: options.stateMachineName ?? 'StateMachine',
    accountId,
    region,
    partition,
    roleArn: options.roleArn ?? `arn:${partition}:iam::${accountId}:role/StepwiseExecutionRole`,
    contextOverrides: options.context,
    mocks: options.mocks,
    maxTransitions: limits.maxTransitions ?? DEFAULT_LIMITS.maxTransitions,
    maxHistoryEvents: limits.maxHistoryEvents ?? DEFAULT_LIMITS.maxHistoryEvents,
    maxPayloadBytes: limits.maxPayloadBytes ?? DEFAULT_LIMITS.maxPayloadBytes,
    deadline,
    yieldEvery: options.yieldToHost ? (options.yieldEveryTransitions ?? 2000) : 0,
    scheduler,
  }
}

/**
 * Simulates one execution of `definition` with `input`. Deterministic: time comes from the
 * (virtual) clock, randomness from the seed, Task results from the mocks. Resolves with the
 * outcome whatever it is; rejects only on a bad option (an unknown test case, say) or a bug.
 */
export function runExecution(
  definition: StateMachine,
  input: JsonValue = {},
  options: RunOptions = {},
): Promise<ExecutionResult> {
  try {
    return Promise.resolve(start(definition, input, options))
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)))
  }
}

function start(
  definition: StateMachine,
  input: JsonValue,
  options: RunOptions,
): ExecutionResult | Promise<ExecutionResult> {
  const clock =
    options.clock ?? new VirtualClock(startTimeOf(options.startTime ?? contextStartTime(options)))
  const random = new SeededRandom(options.seed ?? 0)
  const startTime = clock.now()
  let machine: CompiledMachine
  try {
    machine = compileMachine(definition)
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error
    return failedAtStart(StepwiseErrors.InvalidDefinition, error.message, input, options, startTime)
  }
  // AWS refuses to start an execution whose input is over the payload quota; no state runs.
  const maxPayloadBytes = options.limits?.maxPayloadBytes ?? DEFAULT_LIMITS.maxPayloadBytes
  const inputBytes = maxPayloadBytes === Infinity ? 0 : jsonByteSize(input)
  if (inputBytes > maxPayloadBytes) {
    return failedAtStart(
      StatesErrors.DataLimitExceeded,
      `The execution input is ${inputBytes} bytes (UTF-8 JSON), over the ${maxPayloadBytes}-byte payload quota: AWS rejects such a StartExecution request.`,
      input,
      options,
      startTime,
    )
  }
  const workflowType = options.workflowType ?? 'STANDARD'
  const limitSeconds = workflowType === 'EXPRESS' ? EXPRESS_SECONDS : YEAR_SECONDS
  const timeoutSeconds = Math.min(machine.timeoutSeconds ?? limitSeconds, limitSeconds)
  const deadline = startTime + timeoutSeconds * 1000
  const signal = options.signal
  const execution = new Execution(
    executionSetup(machine, input, options, clock, random, deadline, {
      yieldToHost: options.yieldToHost,
      isAborted: signal ? () => signal.aborted : undefined,
      onAbortRequest: signal?.addEventListener
        ? (wake: () => void) => signal.addEventListener!('abort', wake, { once: true })
        : undefined,
    }),
  )
  const scheduler = execution.scheduler
  const frame = Frame.root(new Scope(null), execution.sink, execution.counter)
  const started = execution.nextEventId(frame)
  if (frame.sink) {
    execution.send(frame, started, {
      type: 'ExecutionStarted',
      statePath: [],
      executionStartedEventDetails: {
        input: JSON.stringify(input),
        inputDetails: NOT_TRUNCATED,
        roleArn: String(execution.executionContext.RoleArn),
      },
    } as HistoryEventBody)
  }
  frame.lastEventId = started
  let outcome: SchedulerOutcome | Promise<SchedulerOutcome>
  if (signal?.aborted) outcome = { stop: 'abort', ok: false, value: undefined }
  else {
    try {
      // Runs synchronously as far as it can; the scheduler only takes over when a state waits.
      const step = execution.runMachine(frame, machine.root, input)
      if (isRoutine(step)) {
        frame.fiber = scheduler.createRoot(step, frame)
        outcome = scheduler.run()
      } else {
        outcome = { stop: null, ok: true, value: step }
      }
    } catch (error) {
      outcome = { stop: null, ok: false, value: error }
    }
  }
  const finish = (o: SchedulerOutcome) => {
    const result = finishExecution(execution, frame, o, startTime, timeoutSeconds, workflowType)
    retainShapes(execution, frame)
    return result
  }
  return outcome instanceof Promise ? outcome.then(finish) : finish(outcome)
}

/**
 * The last finished run's Execution and root Frame (with the Scheduler, StateEnv, Scope and root
 * Fiber they hold), emptied of the run's data. V8 keeps an object's hidden class only while
 * some object uses it: when every object of a run is garbage, the next full GC drops the hidden
 * classes of Execution, Frame, StateEnv, … and with them the inline caches and the optimized
 * code built on them, so the next run starts cold again. Keeping one of each alive keeps all of
 * that warm (about a fifth of a short run's time, e.g. a 1,000-transition benchmark case that
 * runs after a forced GC, or a worker's next run of an edited workflow).
 */
let retained: { execution: Execution; frame: Frame; failure: StateFailure } | null = null

function retainShapes(execution: Execution, frame: Frame): void {
  execution.releaseRunData()
  frame.releaseRunData()
  retained = { execution, frame, failure: FAILURE_SHAPE }
}

/** For tests: the objects kept by retainShapes. */
export function retainedShapes(): {
  execution: Execution
  frame: Frame
  failure: StateFailure
} | null {
  return retained
}

function finishExecution(
  x: Execution,
  frame: Frame,
  outcome: SchedulerOutcome,
  startTime: number,
  timeoutSeconds: number,
  workflowType: string,
): ExecutionResult {
  const base = {
    transitions: x.transitions,
    executionArn: x.executionArn,
    startDate: isoTime(startTime),
  }
  // The closing event is always recorded, even past maxHistoryEvents; it is only built when
  // someone listens (a succeeded one holds the whole output as JSON text).
  const close = (event: () => object) => {
    const id = ++x.counter.count
    if (frame.sink) x.send(frame, id, event() as HistoryEventBody)
    frame.lastEventId = id
  }
  if (outcome.stop === 'timeout') {
    const cause =
      workflowType === 'EXPRESS' && timeoutSeconds === EXPRESS_SECONDS
        ? 'The execution reached the 5-minute limit of an Express workflow.'
        : `The execution timed out after ${timeoutSeconds} seconds.`
    close(() => ({
      type: 'ExecutionTimedOut',
      statePath: [],
      executionTimedOutEventDetails: { error: StatesErrors.Timeout, cause },
    }))
    return {
      status: 'TIMED_OUT',
      error: StatesErrors.Timeout,
      cause,
      ...base,
      eventCount: x.counter.count,
      stopDate: isoTime(x.clock.now()),
    }
  }
  if (outcome.stop === 'abort') {
    close(() => ({ type: 'ExecutionAborted', statePath: [], executionAbortedEventDetails: {} }))
    return {
      status: 'ABORTED',
      ...base,
      eventCount: x.counter.count,
      stopDate: isoTime(x.clock.now()),
    }
  }
  if (outcome.ok) {
    const output = outcome.value as JsonValue
    close(() => ({
      type: 'ExecutionSucceeded',
      statePath: [],
      executionSucceededEventDetails: {
        output: JSON.stringify(output),
        outputDetails: NOT_TRUNCATED,
      },
    }))
    return {
      status: 'SUCCEEDED',
      output,
      transitions: base.transitions,
      executionArn: base.executionArn,
      startDate: base.startDate,
      eventCount: x.counter.count,
      stopDate: isoTime(x.clock.now()),
    }
  }
  const failure = asStateFailure(outcome.value)
  const details: { error?: string; cause?: string } = {}
  if (failure.error !== undefined) details.error = failure.error
  if (failure.cause !== undefined) details.cause = failure.cause
  close(() => ({ type: 'ExecutionFailed', statePath: [], executionFailedEventDetails: details }))
  return {
    status: 'FAILED',
    ...details,
    ...base,
    eventCount: x.counter.count,
    stopDate: isoTime(x.clock.now()),
  }
}

/** An execution that fails before its first state (an invalid definition, an input too large). */
function failedAtStart(
  error: string,
  message: string,
  input: JsonValue,
  options: RunOptions,
  startTime: number,
): ExecutionResult {
  const time = isoTime(startTime)
  const sink = options.onEvent
  if (sink) {
    sink({
      id: 1,
      previousEventId: 0,
      timestamp: time,
      type: 'ExecutionStarted',
      statePath: [],
      executionStartedEventDetails: {
        input: JSON.stringify(input),
        inputDetails: NOT_TRUNCATED,
        roleArn: options.roleArn ?? '',
      },
    })
    sink({
      id: 2,
      previousEventId: 1,
      timestamp: time,
      type: 'ExecutionFailed',
      statePath: [],
      executionFailedEventDetails: { error, cause: message },
    })
  }
  return {
    status: 'FAILED',
    error,
    cause: message,
    transitions: 0,
    eventCount: 2,
    executionArn: '',
    startDate: time,
    stopDate: time,
  }
}
