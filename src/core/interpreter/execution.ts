// One execution of a compiled state machine: the per-state pipeline, Retry/Catch, events,
// the context object, limits. State-type specifics live in states/*.ts; values come from
// core/expr. Hot-path rules: no history objects unless a sink listens, no allocation per
// transition beyond what the state's own values need, no promises unless something is async.

import type { Catcher, JsonObject, JsonValue, QueryLanguage, WorkflowType } from '../asl/types'
import { isJsonObject } from '../asl/types'
import type { EvalEnv, ExprRuntime, StatesBinding, VariableScope } from '../expr'
import {
  applyResultPath,
  containsJsonata,
  evaluateAssign,
  evaluateJsonataValue,
  StatesError,
} from '../expr'
import type { Clock } from './clock'
import { isoTime } from './clock'
import type { CompiledMachine, CompiledState, CompiledSub } from './compile'
import {
  errorMatches,
  isEvaluationError,
  stateErrorCause,
  StateFailure,
  StatesErrors,
  StepwiseErrors,
  asStateFailure,
} from './errors'
import type { EventSink, HistoryEvent, HistoryEventBody, StatePath } from './history'
import { NOT_TRUNCATED } from './history'
import type { MockedResponseEntry, MockOptions, TaskCall, UnmappedTaskPolicy } from './mocks'
import { responseForInvocation, selectTestCase } from './mocks'
import { jsonByteSize } from './payloadSize'
import type { SeededRandom } from './random'
import type { Fiber, Routine, SchedulerOptions } from './scheduler'
import { awaitPromise, HOST_YIELD, isPromiseLike, Scheduler, sleepUntil } from './scheduler'
import type { Scope } from './scope'
import type { InspectionData } from './types'
import { runStateBody } from './states'

/** Fiber-local state: where a branch or iteration is, and what it last did. */
export interface Frame {
  /** Enclosing path for the states run in this frame, e.g. `['Fan out', 3]`. */
  readonly path: StatePath
  readonly scope: Scope
  lastEventId: number
  /** The state being executed (for *StateAborted events when the fiber is cancelled). */
  current: CompiledState | null
  /** Set by Map iterations (for MapIterationAborted). */
  readonly iteration: { mapName: string; index: number; path: StatePath } | null
  /** Out-parameters of a state body: the transition and the variables it assigned. */
  next: CompiledState | null
  assigned: JsonObject | undefined
  /** TestState: records intermediate values of the state being tested. */
  trace: InspectionData | null
  /** The fiber running this frame (owner of the Map/Parallel children it starts). */
  fiber: Fiber | null
  /**
   * Where this frame's events go: undefined in a Distributed Map's child workflow (AWS keeps
   * those events in the child execution's own history) or when nobody listens.
   */
  readonly sink: EventSink | undefined
  /** Event numbering: the execution's, or a child workflow execution's own. */
  readonly counter: EventCounter
  /** Inside a Parallel branch (AWS reports a failing Task there as aborted too). */
  readonly inBranch: boolean
}

export interface EventCounter {
  count: number
}

export interface FrameOptions {
  iteration?: Frame['iteration']
  sink?: EventSink | undefined
  counter?: EventCounter
  inBranch?: boolean
}

/** A frame for a branch or iteration of `parent` (or the root frame when `parent` is null). */
export function newFrame(
  path: StatePath,
  scope: Scope,
  parent: Frame | { sink: EventSink | undefined; counter: EventCounter; lastEventId: number },
  options: FrameOptions = {},
): Frame {
  return {
    path,
    scope,
    lastEventId: options.counter ? options.counter.count : parent.lastEventId,
    current: null,
    iteration: options.iteration ?? null,
    next: null,
    assigned: undefined,
    trace: null,
    fiber: null,
    sink: 'sink' in options ? options.sink : parent.sink,
    counter: options.counter ?? parent.counter,
    inBranch: options.inBranch ?? ('inBranch' in parent ? parent.inBranch : false),
  }
}

/** The EvalEnv of one state execution; the context object is built only when read. */
export class StateEnv implements EvalEnv {
  private ctx: JsonObject | undefined = undefined
  retryCount = 0
  taskToken: string | undefined = undefined
  constructor(
    readonly x: Execution,
    readonly frame: Frame,
    readonly state: CompiledState,
    readonly enteredTime: number,
    readonly enteredEventId: number,
    readonly mapItem?: JsonObject,
  ) {}
  get context(): JsonObject {
    return (this.ctx ??= this.x.buildContext(this))
  }
  get variables(): VariableScope {
    return this.frame.scope
  }
  get runtime(): ExprRuntime {
    return this.x.runtime
  }
  /** The context changed (a retry, a task token): rebuild it on next read. */
  refresh(): void {
    this.ctx = undefined
  }
  /** The env of a Map's ItemSelector, where `$$.Map.Item` is defined. */
  withMapItem(index: number, value: JsonValue): StateEnv {
    const env = new StateEnv(
      this.x,
      this.frame,
      this.state,
      this.enteredTime,
      this.enteredEventId,
      { Index: index, Value: value },
    )
    env.retryCount = this.retryCount
    return env
  }
}

export type RecoveryDecision =
  | { kind: 'retry'; index: number; delayMs: number }
  | { kind: 'catch'; index: number }
  | { kind: 'fail'; retryIndex?: number }

/** AWS's back-off: IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, FULL jitter. */
export function retryDelayMs(
  retrier: {
    IntervalSeconds?: number
    BackoffRate?: number
    MaxDelaySeconds?: number
    JitterStrategy?: string
  },
  attempt: number,
  random: () => number,
): number {
  const interval = retrier.IntervalSeconds ?? 1
  const rate = retrier.BackoffRate ?? 2
  let seconds = interval * Math.pow(rate, attempt)
  if (retrier.MaxDelaySeconds !== undefined && seconds > retrier.MaxDelaySeconds) {
    seconds = retrier.MaxDelaySeconds
  }
  if (retrier.JitterStrategy === 'FULL') seconds = random() * seconds
  return Math.round(seconds * 1000)
}

/**
 * What happens to a failed state: the first Retrier whose ErrorEquals matches decides whether
 * it is retried (attempts left); otherwise the first matching Catcher; otherwise it fails.
 */
export function decideRecovery(
  state: CompiledState,
  failure: StateFailure,
  retryCounts: number[],
  random: () => number,
): RecoveryDecision {
  let retryIndex: number | undefined
  const retriers = state.retriers
  for (let i = 0; i < retriers.length; i++) {
    const r = retriers[i]!
    if (!errorMatches(r.ErrorEquals, failure)) continue
    retryIndex = i
    const max = r.MaxAttempts ?? 3
    if ((retryCounts[i] ?? 0) < max) {
      return { kind: 'retry', index: i, delayMs: retryDelayMs(r, retryCounts[i] ?? 0, random) }
    }
    break
  }
  const catchers = state.catchers
  for (let i = 0; i < catchers.length; i++) {
    if (errorMatches(catchers[i]!.def.ErrorEquals, failure)) return { kind: 'catch', index: i }
  }
  return retryIndex === undefined ? { kind: 'fail' } : { kind: 'fail', retryIndex }
}

export interface MockOutcome {
  ok: boolean
  value: JsonValue
  error?: string
  cause?: string
  durationMs: number
}

const EMPTY_COUNTS: number[] = []
export interface ExecutionSetup {
  machine: CompiledMachine
  input: JsonValue
  clock: Clock
  random: SeededRandom
  sink: EventSink | undefined
  workflowType: WorkflowType
  executionName: string
  stateMachineName: string
  accountId: string
  region: string
  partition: string
  roleArn: string | null
  contextOverrides: JsonObject | undefined
  mocks: MockOptions | undefined
  maxTransitions: number
  maxHistoryEvents: number
  maxPayloadBytes: number
  deadline: number
  yieldEvery: number
  scheduler: Omit<SchedulerOptions, 'onCancel' | 'clock' | 'deadline'>
  /** TestState: the mocked result of the state under test, and its configuration. */
  stateOverride?: StateOverride
  /** TestState: a context object given by the caller replaces the built one entirely. */
  contextReplacement?: JsonObject
  /** TestState: AWS names the state under test `StateName` in the context object. */
  contextStateName?: string
  distributedChildEvents?: boolean
}

export interface StateOverride {
  stateName: string
  entry: MockedResponseEntry | undefined
  errorCausedByState?: string
  mapIterationFailureCount?: number
  mapItemReaderData?: JsonValue
}

export class Execution {
  readonly machine: CompiledMachine
  readonly clock: Clock
  readonly sink: EventSink | undefined
  readonly random: SeededRandom
  readonly runtime: ExprRuntime
  readonly scheduler: Scheduler
  readonly workflowType: WorkflowType
  readonly executionArn: string
  readonly stateMachineArn: string
  readonly executionContext: JsonObject
  readonly stateMachineContext: JsonObject
  readonly partition: string
  readonly region: string
  readonly accountId: string
  readonly executionName: string
  readonly stateMachineName: string
  readonly input: JsonValue
  readonly stateOverride: StateOverride | undefined
  private readonly stateContextOverride: JsonObject | undefined
  private readonly contextReplacement: JsonObject | undefined
  private readonly contextStateName: string | undefined
  private readonly extraContext: JsonObject | undefined
  readonly maxPayloadBytes: number
  private readonly maxTransitions: number
  private readonly maxHistoryEvents: number
  private readonly yieldEvery: number
  private readonly mockOptions: MockOptions | undefined
  private readonly testCase: Record<string, string> | undefined
  private readonly unmapped: UnmappedTaskPolicy
  private readonly invocations = new Map<string, number>()
  /** The execution's own event numbering (child workflows of Distributed Maps have theirs). */
  readonly counter: EventCounter = { count: 0 }
  transitions = 0
  readonly distributedChildEvents: boolean

  constructor(setup: ExecutionSetup) {
    this.machine = setup.machine
    this.clock = setup.clock
    this.sink = setup.sink
    this.distributedChildEvents = setup.distributedChildEvents ?? false
    this.random = setup.random
    this.scheduler = new Scheduler({
      ...setup.scheduler,
      clock: setup.clock,
      deadline: setup.deadline,
      onCancel: (fiber) => this.onCancel(fiber),
    })
    this.workflowType = setup.workflowType
    this.partition = setup.partition
    this.region = setup.region
    this.accountId = setup.accountId
    this.input = setup.input
    this.maxPayloadBytes = setup.maxPayloadBytes
    this.maxTransitions = setup.maxTransitions
    this.maxHistoryEvents = setup.maxHistoryEvents
    this.yieldEvery = setup.yieldEvery
    this.mockOptions = setup.mocks
    this.stateOverride = setup.stateOverride
    const random = setup.random
    this.runtime = {
      uuid: () => random.uuid(),
      random: () => random.random(),
      partition: setup.partition,
    }
    const overrides = setup.contextOverrides ?? {}
    const execOverride = isJsonObject(overrides.Execution) ? overrides.Execution : {}
    const smOverride = isJsonObject(overrides.StateMachine) ? overrides.StateMachine : {}
    this.stateMachineName =
      typeof smOverride.Name === 'string' ? smOverride.Name : setup.stateMachineName
    this.executionName =
      typeof execOverride.Name === 'string' ? execOverride.Name : setup.executionName
    const arnBase = `arn:${setup.partition}:states:${setup.region}:${setup.accountId}`
    this.stateMachineArn = `${arnBase}:stateMachine:${this.stateMachineName}`
    this.executionArn =
      setup.workflowType === 'EXPRESS'
        ? `${arnBase}:express:${this.stateMachineName}:${this.executionName}:${random.uuid()}`
        : `${arnBase}:execution:${this.stateMachineName}:${this.executionName}`
    const execution: JsonObject = {
      Id: this.executionArn,
      Input: setup.input,
      StartTime: isoTime(setup.clock.now()),
      Name: this.executionName,
      RoleArn: setup.roleArn,
    }
    if (setup.workflowType === 'STANDARD') execution.RedriveCount = 0
    this.executionContext = { ...execution, ...execOverride }
    this.stateMachineContext = {
      Id: this.stateMachineArn,
      Name: this.stateMachineName,
      ...smOverride,
    }
    this.stateContextOverride = isJsonObject(overrides.State) ? overrides.State : undefined
    this.contextReplacement = setup.contextReplacement
    this.contextStateName = setup.contextStateName
    const extra: JsonObject = {}
    for (const key of Object.keys(overrides)) {
      if (key !== 'Execution' && key !== 'StateMachine' && key !== 'State') {
        extra[key] = overrides[key]!
      }
    }
    this.extraContext = Object.keys(extra).length ? extra : undefined
    const config = setup.mocks?.config
    this.testCase = config
      ? selectTestCase(config, setup.mocks?.stateMachineName, setup.mocks?.testCase)
      : undefined
    this.unmapped = setup.mocks?.unmappedTasks ?? config?.Stepwise?.UnmappedTasks ?? 'fail'
  }

  // ---- context object ----------------------------------------------------------------------

  buildContext(env: StateEnv): JsonObject {
    if (this.contextReplacement) return this.contextReplacement
    const state: JsonObject = {
      Name: this.contextStateName ?? env.state.name,
      EnteredTime: isoTime(env.enteredTime),
    }
    if (env.state.canRecover) state.RetryCount = env.retryCount
    const context: JsonObject = {
      Execution: this.executionContext,
      StateMachine: this.stateMachineContext,
      State: this.stateContextOverride ? { ...state, ...this.stateContextOverride } : state,
    }
    if (env.taskToken !== undefined) context.Task = { Token: env.taskToken }
    if (env.mapItem) context.Map = { Item: env.mapItem }
    if (this.extraContext) Object.assign(context, this.extraContext)
    return context
  }

  // ---- events ------------------------------------------------------------------------------

  /** Counts an event (ids are needed in causes even when nobody listens). */
  nextEventId(frame: Frame): number {
    const id = ++frame.counter.count
    if (id > this.maxHistoryEvents) {
      throw new StateFailure(
        StepwiseErrors.HistoryLimitExceeded,
        `The execution produced more than ${this.maxHistoryEvents} history events (limits.maxHistoryEvents).`,
        true,
      )
    }
    return id
  }

  /** Sends an event built by the caller (only call when `frame.sink` is set). */
  send(frame: Frame, id: number, event: HistoryEventBody): void {
    frame.sink!({
      id,
      previousEventId: frame.lastEventId,
      timestamp: isoTime(this.clock.now()),
      ...event,
    } as HistoryEvent)
  }

  /** An event without details, or with the given details object. */
  event(
    frame: Frame,
    type: HistoryEvent['type'],
    statePath: StatePath,
    detailsKey?: string,
    details?: object,
  ): number {
    const id = this.nextEventId(frame)
    if (frame.sink) {
      const event = { type, statePath } as Record<string, unknown>
      if (detailsKey) event[detailsKey] = details
      this.send(frame, id, event as unknown as HistoryEventBody)
    }
    frame.lastEventId = id
    return id
  }

  statePath(frame: Frame, state: CompiledState): StatePath {
    return [...frame.path, state.name]
  }

  stateEntered(frame: Frame, state: CompiledState, input: JsonValue): number {
    const id = this.nextEventId(frame)
    if (frame.sink) {
      this.send(frame, id, {
        type: state.enteredType,
        statePath: this.statePath(frame, state),
        stateEnteredEventDetails: {
          name: state.name,
          input: JSON.stringify(input),
          inputDetails: NOT_TRUNCATED,
        },
      } as HistoryEventBody)
    }
    frame.lastEventId = id
    return id
  }

  stateExited(frame: Frame, state: CompiledState, output: JsonValue, assigned?: JsonObject) {
    const id = this.nextEventId(frame)
    if (frame.sink) {
      const details: Record<string, unknown> = {
        name: state.name,
        output: JSON.stringify(output),
        outputDetails: NOT_TRUNCATED,
      }
      if (assigned) {
        const vars: Record<string, string> = {}
        for (const k in assigned) vars[k] = JSON.stringify(assigned[k])
        details.assignedVariables = vars
        details.assignedVariablesDetails = NOT_TRUNCATED
      }
      this.send(frame, id, {
        type: state.exitedType,
        statePath: this.statePath(frame, state),
        stateExitedEventDetails: details,
      } as unknown as HistoryEventBody)
    }
    frame.lastEventId = id
  }

  // ---- limits ------------------------------------------------------------------------------

  /** Counts a transition; true when the host should get a chance to run (yieldToHost). */
  countTransition(): boolean {
    const n = ++this.transitions
    if (n > this.maxTransitions) {
      throw new StateFailure(
        StepwiseErrors.TransitionLimitExceeded,
        `The execution entered more than ${this.maxTransitions} states (limits.maxTransitions); it looks like an endless loop.`,
        true,
      )
    }
    return this.yieldEvery > 0 && n % this.yieldEvery === 0
  }

  checkPayload(state: CompiledState, value: JsonValue, what: 'input' | 'output'): void {
    if (jsonByteSize(value) > this.maxPayloadBytes) {
      throw new StateFailure(
        StatesErrors.DataLimitExceeded,
        `The state/task '${state.name}' ${what === 'input' ? 'received an input' : 'returned a result'} with a size exceeding the maximum number of bytes service limit.`,
        true,
      )
    }
  }

  // ---- mocks -------------------------------------------------------------------------------

  /** The 0-based invocation number of a state's resource (retries included). */
  nextInvocation(stateName: string): number {
    const n = this.invocations.get(stateName) ?? 0
    this.invocations.set(stateName, n + 1)
    return n
  }

  /** The mocked outcome of a call, or a promise of it. */
  invokeMock(
    frame: Frame,
    state: CompiledState,
    resource: string,
    input: JsonValue,
    invocation: number,
    purpose: TaskCall['purpose'],
  ): MockOutcome | PromiseLike<MockOutcome> {
    const override = this.stateOverride
    if (override && override.stateName === state.name && override.entry) {
      return entryOutcome(override.entry, state.name)
    }
    const options = this.mockOptions
    const responseName = this.testCase?.[state.name]
    if (responseName !== undefined) {
      const response = options!.config!.MockedResponses?.[responseName]
      const entry = response ? responseForInvocation(response, invocation) : undefined
      if (!entry) {
        throw new StateFailure(
          StepwiseErrors.MockNotFound,
          `Mocked response '${responseName}' of state '${state.name}' has no entry for invocation ${invocation} (counted from 0, retries included).`,
          true,
        )
      }
      return entryOutcome(entry, state.name)
    }
    if (purpose === 'task') {
      const fn = options?.functions?.[resource]
      if (fn) {
        let value: unknown
        try {
          value = fn(input)
        } catch (error) {
          return thrownOutcome(error)
        }
        if (isPromiseLike(value)) {
          return Promise.resolve(value).then(
            (v) => ({ ok: true, value: v as JsonValue, durationMs: 0 }),
            thrownOutcome,
          )
        }
        return { ok: true, value: value as JsonValue, durationMs: 0 }
      }
    }
    const call: TaskCall = {
      stateName: state.name,
      statePath: this.statePath(frame, state),
      resource,
      input,
      invocation,
      purpose,
    }
    const handler = options?.handler
    if (handler) {
      let entry: ReturnType<typeof handler>
      try {
        entry = handler(call)
      } catch (error) {
        return thrownOutcome(error)
      }
      if (isPromiseLike(entry)) {
        return Promise.resolve(entry).then(
          (e) => (e ? entryOutcome(e, state.name) : this.unmappedOutcome(call)),
          thrownOutcome,
        )
      }
      if (entry) return entryOutcome(entry, state.name)
    }
    return this.unmappedOutcome(call)
  }

  private unmappedOutcome(call: TaskCall): MockOutcome {
    if (this.unmapped === 'passthrough' && call.purpose === 'task') {
      return { ok: true, value: call.input, durationMs: 0 }
    }
    const where = this.mockOptions?.testCase ? ` in test case '${this.mockOptions.testCase}'` : ''
    throw new StateFailure(
      StepwiseErrors.MockNotFound,
      call.purpose === 'itemReader'
        ? `Map state '${call.stateName}' reads its items with an ItemReader (${call.resource}) but no mock provides them${where}: map the state's name to a mocked response whose Return is the object's content.`
        : `Task state '${call.stateName}' (${call.resource}) has no mock${where}. Map it to a mocked response, or run with unmapped Tasks passing their input through.`,
      true,
    )
  }

  // ---- running -----------------------------------------------------------------------------

  /** Runs a (sub-)machine from its StartAt to its end in the calling fiber. */
  *runMachine(frame: Frame, sub: CompiledSub, input: JsonValue): Routine<JsonValue> {
    let state = sub.start
    let value = input
    for (;;) {
      if (this.countTransition()) yield HOST_YIELD
      value = yield* this.runState(frame, state, value)
      const next = frame.next
      if (next === null) return value
      state = next
    }
  }

  /**
   * Runs one state: entered event, the state body, Retry and Catch, exited event. Sets
   * `frame.next` (null at the end of the machine) and returns the state's output.
   */
  *runState(frame: Frame, state: CompiledState, input: JsonValue): Routine<JsonValue> {
    const enteredId = this.stateEntered(frame, state, input)
    const env = new StateEnv(this, frame, state, this.clock.now(), enteredId)
    frame.current = state
    frame.next = state.next
    frame.assigned = undefined
    let retryCounts = EMPTY_COUNTS
    for (;;) {
      let output: JsonValue
      try {
        output = yield* runStateBody(this, frame, state, env, input)
        if (state.type !== 'Fail') this.checkPayload(state, output, 'output')
      } catch (thrown) {
        const failure = this.toFailure(frame, state, env, thrown)
        if (!state.canRecover) {
          frame.current = null
          throw failure
        }
        if (retryCounts === EMPTY_COUNTS && state.retriers.length) {
          retryCounts = new Array<number>(state.retriers.length).fill(0)
        }
        const decision = decideRecovery(state, failure, retryCounts, this.runtime.random)
        if (decision.kind === 'retry') {
          retryCounts[decision.index]!++
          env.retryCount++
          env.refresh()
          if (decision.delayMs > 0) yield sleepUntil(this.clock.now() + decision.delayMs)
          if (this.countTransition()) yield HOST_YIELD
          continue
        }
        if (!failure.terminal) this.recoverableStateFailed(frame, state)
        if (decision.kind === 'catch') {
          const catcher = state.catchers[decision.index]!
          output = yield* this.applyCatch(frame, state, env, input, failure, catcher.def)
          this.checkPayload(state, output, 'output')
          this.stateExited(frame, state, output, frame.assigned)
          frame.next = catcher.next
          frame.current = null
          return output
        }
        // AWS reports a Task that fails a Parallel branch as aborted as well.
        if (frame.inBranch && state.type === 'Task') {
          this.event(frame, 'TaskStateAborted', this.statePath(frame, state))
        }
        frame.current = null
        throw failure
      }
      if (state.type !== 'Fail') this.stateExited(frame, state, output, frame.assigned)
      frame.current = null
      return output
    }
  }

  /** Map and Parallel report their failure before Catch or the end of the run. */
  private recoverableStateFailed(frame: Frame, state: CompiledState): void {
    if (state.type === 'Map') this.event(frame, 'MapStateFailed', this.statePath(frame, state))
    else if (state.type === 'Parallel') {
      this.event(frame, 'ParallelStateFailed', this.statePath(frame, state))
    }
  }

  /** Anything thrown by a state body as a StateFailure, with AWS's cause prefix. */
  toFailure(frame: Frame, state: CompiledState, env: StateEnv, thrown: unknown): StateFailure {
    if (thrown instanceof StateFailure) return thrown
    if (thrown instanceof StatesError) {
      const cause = isEvaluationError(thrown.error)
        ? stateErrorCause(state.name, env.enteredEventId, thrown.cause)
        : thrown.cause
      const failure = new StateFailure(thrown.error, cause, thrown.error === StatesErrors.Runtime)
      if (thrown.error === StatesErrors.QueryEvaluationError) {
        this.event(
          frame,
          'EvaluationFailed',
          this.statePath(frame, state),
          'evaluationFailedEventDetails',
          {
            error: failure.error,
            cause: failure.cause,
            state: state.name,
          },
        )
      }
      return failure
    }
    return asStateFailure(thrown)
  }

  /** The Catcher's output: `{Error, Cause}` through ResultPath (JSONPath) or Output (JSONata). */
  *applyCatch(
    frame: Frame,
    state: CompiledState,
    env: StateEnv,
    input: JsonValue,
    failure: StateFailure,
    catcher: Catcher,
  ): Routine<JsonValue> {
    const errorOutput: JsonObject = {
      Error: failure.error ?? null,
      Cause: failure.cause ?? null,
    }
    const binding: StatesBinding = { input, errorOutput, context: env.context }
    let output: JsonValue
    if (state.language === 'JSONata') {
      output =
        catcher.Output === undefined
          ? errorOutput
          : yield* this.jsonata(catcher.Output, binding, env, 'Output')
    } else {
      output =
        catcher.ResultPath === undefined
          ? errorOutput
          : applyResultPath(catcher.ResultPath, input, errorOutput)
    }
    frame.assigned = undefined
    if (catcher.Assign) {
      const assigned = yield* this.evalAssign(catcher.Assign, state.language, binding, env)
      frame.scope.assign(assigned)
      frame.assigned = assigned
    }
    return output
  }

  /** Evaluates `{% %}` expressions in a value (a literal value is returned as is). */
  *jsonata(
    value: JsonValue,
    states: StatesBinding,
    env: EvalEnv,
    field: string,
  ): Routine<JsonValue> {
    if (!containsJsonata(value)) return value
    return (yield awaitPromise(evaluateJsonataValue(value, states, env, field))) as JsonValue
  }

  *evalAssign(
    assign: JsonObject,
    language: QueryLanguage,
    states: StatesBinding,
    env: EvalEnv,
  ): Routine<JsonObject> {
    const r = evaluateAssign(assign, language, states, env)
    return isPromiseLike(r) ? ((yield awaitPromise(r)) as JsonObject) : r
  }

  /** Evaluates the state's Assign (if any) and records it for the exited event. */
  *assignState(
    frame: Frame,
    state: CompiledState,
    states: StatesBinding,
    env: EvalEnv,
  ): Routine<void> {
    const assign = (state.def as { Assign?: JsonObject }).Assign
    if (!assign) return
    const values = yield* this.evalAssign(assign, state.language, states, env)
    frame.scope.assign(values)
    frame.assigned = values
    if (frame.trace) frame.trace.variables = frame.scope.snapshot()
  }

  // ---- fibers ------------------------------------------------------------------------------

  /** Reports the states and iterations a cancelled fiber was in the middle of. */
  onCancel(fiber: Fiber): void {
    const frame = fiber.local as Frame
    const state = frame.current
    if (state) {
      const aborted =
        state.type === 'Task'
          ? 'TaskStateAborted'
          : state.type === 'Wait'
            ? 'WaitStateAborted'
            : state.type === 'Map'
              ? 'MapStateAborted'
              : state.type === 'Parallel'
                ? 'ParallelStateAborted'
                : null
      if (aborted) this.safeEvent(frame, aborted, this.statePath(frame, state))
      frame.current = null
    }
    const it = frame.iteration
    if (it) {
      this.safeEvent(frame, 'MapIterationAborted', it.path, 'mapIterationAbortedEventDetails', {
        name: it.mapName,
        index: it.index,
      })
    }
  }

  /** An event during cancellation, where a history-limit failure has nowhere to go. */
  private safeEvent(
    frame: Frame,
    type: HistoryEvent['type'],
    path: StatePath,
    key?: string,
    details?: object,
  ): void {
    try {
      this.event(frame, type, path, key, details)
    } catch {
      // The run is ending anyway.
    }
  }
}

function entryOutcome(entry: MockedResponseEntry, stateName: string): MockOutcome {
  const durationMs = Math.round((entry.Stepwise?.DurationSeconds ?? 0) * 1000)
  if (entry.Throw) {
    return {
      ok: false,
      value: null,
      error: entry.Throw.Error,
      cause: entry.Throw.Cause,
      durationMs,
    }
  }
  if (!('Return' in entry)) {
    throw new StateFailure(
      StepwiseErrors.InvalidMock,
      `The mocked response for state '${stateName}' has neither Return nor Throw.`,
      true,
    )
  }
  return { ok: true, value: entry.Return as JsonValue, durationMs }
}

function thrownOutcome(error: unknown): MockOutcome {
  if (error instanceof StateFailure && error.terminal) throw error
  const e = error as { name?: unknown; message?: unknown; error?: unknown; cause?: unknown }
  let name: string | undefined
  let cause: string | undefined
  if (typeof e?.error === 'string') {
    name = e.error
    cause = typeof e.cause === 'string' ? e.cause : undefined
  } else if (error instanceof Error) {
    name = error.name || 'Error'
    cause = error.message
  } else {
    name = 'Error'
    cause = String(error)
  }
  return { ok: false, value: null, error: name, cause, durationMs: 0 }
}
