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
import type {
  MockedResponseEntry,
  MockFunction,
  MockOptions,
  TaskCall,
  UnmappedTaskPolicy,
} from './mocks'
import { responseForInvocation, selectTestCase } from './mocks'
import { jsonByteSize } from './payloadSize'
import type { SeededRandom } from './random'
import type { Fiber, Routine, SchedulerOptions, Step } from './scheduler'
import {
  awaitPromise,
  HOST_YIELD,
  GeneratorObject,
  isPromiseLike,
  isRoutine,
  Scheduler,
  sleepUntil,
} from './scheduler'
import { Scope } from './scope'
import type { InspectionData } from './types'
import { runStateBody } from './states'

export interface EventCounter {
  count: number
}

/** A Distributed Map child workflow's variables start empty. */
const EMPTY_SCOPE = new Scope(null)

/**
 * Fiber-local state: where a branch or iteration is, and what it last did. Its path and its own
 * variable scope are only made when needed (events are recorded, a state assigns).
 */
export class Frame {
  lastEventId: number
  /** The state being executed (for *StateAborted events when the fiber is cancelled). */
  current: CompiledState | null = null
  /** Out-parameters of a state body: the transition and the variables it assigned. */
  next: CompiledState | null = null
  assigned: JsonObject | undefined = undefined
  /** TestState: records intermediate values of the state being tested. */
  trace: InspectionData | null = null
  /** The fiber running this frame (owner of the Map/Parallel children it starts). */
  fiber: Fiber | null = null
  /** The env of the state being run, reused from state to state. */
  env: StateEnv | null = null
  private pathCache: StatePath | null
  private ownScope: Scope | null

  constructor(
    /** The frame this one branched from; null for the execution's root frame. */
    readonly parent: Frame | null,
    /** The Parallel or Map state this frame is a branch or iteration of. */
    readonly segment: string | null,
    /** The branch or iteration index. */
    public index: number,
    /** The scope inherited from the parent (or the root scope itself). */
    private readonly baseScope: Scope,
    lastEventId: number,
    /**
     * Where this frame's events go: undefined in a Distributed Map's child workflow (AWS keeps
     * those events in the child execution's own history) or when nobody listens.
     */
    public sink: EventSink | undefined,
    /** Event numbering: the execution's, or a child workflow execution's own. */
    readonly counter: EventCounter,
    /** Inside a Parallel branch (AWS reports a failing Task there as aborted too). */
    readonly inBranch: boolean,
    /** A Map iteration that reports MapIteration* events (`segment` is the Map, `index` its index). */
    readonly isIteration: boolean,
  ) {
    this.lastEventId = lastEventId
    this.pathCache = parent ? null : []
    this.ownScope = parent ? null : baseScope
  }

  /** The root frame of an execution (or of a TestState run). */
  static root(scope: Scope, sink: EventSink | undefined, counter: EventCounter): Frame {
    return new Frame(null, null, 0, scope, counter.count, sink, counter, false, false)
  }

  /** A Parallel branch. */
  branch(stateName: string, index: number): Frame {
    return new Frame(
      this,
      stateName,
      index,
      this.scope,
      this.lastEventId,
      this.sink,
      this.counter,
      true,
      false,
    )
  }

  /**
   * A Map iteration; a Distributed Map's is a child workflow execution of its own. `spare` is a
   * frame of an earlier iteration of the same Map that finished synchronously: it is reused.
   */
  iterationFrame(
    mapName: string,
    index: number,
    childExecution: boolean,
    childEvents: boolean,
    spare: Frame | null,
  ): Frame {
    const ownHistory = childExecution && !childEvents
    if (spare) {
      spare.index = index
      spare.lastEventId = ownHistory ? 1 : this.lastEventId
      if (ownHistory) spare.counter.count = 1
      spare.pathCache = null
      spare.ownScope = null
      spare.current = spare.next = null
      spare.assigned = undefined
      return spare
    }
    if (ownHistory) {
      const counter = { count: 1 }
      return new Frame(this, mapName, index, EMPTY_SCOPE, 1, undefined, counter, false, false)
    }
    return new Frame(
      this,
      mapName,
      index,
      childExecution ? EMPTY_SCOPE : this.scope,
      this.lastEventId,
      this.sink,
      this.counter,
      false,
      true,
    )
  }

  /** Names of the enclosing states with branch/iteration indexes, e.g. `['Fan out', 3]`. */
  get path(): StatePath {
    return (this.pathCache ??= [...this.parent!.path, this.segment!, this.index])
  }

  /** The variables visible here. */
  get scope(): Scope {
    return this.ownScope ?? this.baseScope
  }

  /** Assigns variables in this frame's own scope (made on first use). */
  assign(values: JsonObject): void {
    ;(this.ownScope ??= new Scope(this.baseScope)).assign(values)
  }

  /** Drops what a finished run left here (see retainShapes in run.ts). */
  releaseRunData(): void {
    this.current = this.next = null
    this.assigned = undefined
    this.trace = null
    this.fiber = null
    this.sink = undefined
    this.env?.releaseRunData()
    this.scope.clear()
  }
}

/**
 * The EvalEnv of the state a frame is running; the context object is built only when read. A
 * frame reuses one env for all its states (one state runs at a time in a frame).
 */
export class StateEnv implements EvalEnv {
  /** The context object once built (runState resets it when the frame starts a state). */
  ctx: JsonObject | undefined = undefined
  retryCount = 0
  taskToken: string | undefined = undefined
  constructor(
    readonly x: Execution,
    readonly frame: Frame,
    public state: CompiledState,
    public enteredTime: number,
    public enteredEventId: number,
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
  releaseRunData(): void {
    this.ctx = undefined
    this.taskToken = undefined
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

/**
 * What a state body produces: its output, or — for the failures that are ordinary control flow,
 * such as a Task whose mock failed — the failure itself, returned instead of thrown (throwing
 * through the generator stack costs more than the rest of a retried Task).
 */
export type StateResult = JsonValue | StateFailure

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
const NO_PATH: StatePath = []

/** Where a retry that had to wait resumes. */
const enum Resume {
  Sleep,
  HostYield,
  Body,
}
const RELEASED: JsonObject = {}
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
  sink: EventSink | undefined
  readonly random: SeededRandom
  readonly runtime: ExprRuntime
  readonly scheduler: Scheduler
  readonly workflowType: WorkflowType
  readonly executionArn: string
  readonly stateMachineArn: string
  executionContext: JsonObject
  readonly stateMachineContext: JsonObject
  readonly partition: string
  readonly region: string
  readonly accountId: string
  readonly executionName: string
  readonly stateMachineName: string
  input: JsonValue
  readonly stateOverride: StateOverride | undefined
  private stateContextOverride: JsonObject | undefined
  private contextReplacement: JsonObject | undefined
  private readonly contextStateName: string | undefined
  private extraContext: JsonObject | undefined
  readonly maxPayloadBytes: number
  private readonly maxTransitions: number
  readonly maxHistoryEvents: number
  private readonly yieldEvery: number
  private mockOptions: MockOptions | undefined
  private testCase: Record<string, string> | undefined
  private readonly unmapped: UnmappedTaskPolicy
  /** Invocations so far per state (by CompiledState.id), retries included. */
  private readonly invocations: number[] = []
  /**
   * The caller's function mocks by resource, copied on first use: the caller's object is theirs
   * (a new one per run, in the benchmark), and reading it on every call would tie optimized code
   * to its hidden class, which dies with it.
   */
  private mockFunctions: Map<string, MockFunction> | null = null
  /**
   * The last object of each per-run helper class (a Map's or Parallel's run, fiber groups),
   * kept with the execution after the run for its hidden class (see retainShapes in run.ts).
   */
  private shapeDonors: Map<object, object> | null = null
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
    const hooks = setup.scheduler
    this.scheduler = new Scheduler({
      clock: setup.clock,
      deadline: setup.deadline,
      onCancel: (fiber) => this.onCancel(fiber),
      yieldToHost: hooks.yieldToHost,
      isAborted: hooks.isAborted,
      onAbortRequest: hooks.onAbortRequest,
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
    // Usually there are no overrides: no spreads or key loops then (this runs once per run, in
    // code that is still cold).
    const overrides = setup.contextOverrides
    const execOverride =
      overrides && isJsonObject(overrides.Execution) ? overrides.Execution : undefined
    const smOverride =
      overrides && isJsonObject(overrides.StateMachine) ? overrides.StateMachine : undefined
    this.stateMachineName =
      typeof smOverride?.Name === 'string' ? smOverride.Name : setup.stateMachineName
    this.executionName =
      typeof execOverride?.Name === 'string' ? execOverride.Name : setup.executionName
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
    this.executionContext = execOverride ? { ...execution, ...execOverride } : execution
    const stateMachine: JsonObject = { Id: this.stateMachineArn, Name: this.stateMachineName }
    this.stateMachineContext = smOverride ? { ...stateMachine, ...smOverride } : stateMachine
    this.stateContextOverride =
      overrides && isJsonObject(overrides.State) ? overrides.State : undefined
    this.contextReplacement = setup.contextReplacement
    this.contextStateName = setup.contextStateName
    let extra: JsonObject | undefined
    if (overrides) {
      for (const key of Object.keys(overrides)) {
        if (key !== 'Execution' && key !== 'StateMachine' && key !== 'State') {
          ;(extra ??= {})[key] = overrides[key]!
        }
      }
    }
    this.extraContext = extra
    const config = setup.mocks?.config
    this.testCase = config
      ? selectTestCase(config, setup.mocks?.stateMachineName, setup.mocks?.testCase)
      : undefined
    this.unmapped = setup.mocks?.unmappedTasks ?? config?.Stepwise?.UnmappedTasks ?? 'fail'
  }

  /**
   * Drops the finished run's data (input, context, mocks, listener, fibers) so that the object
   * can be kept as a shape donor (see retainShapes in run.ts) without keeping that data alive.
   */
  releaseRunData(): void {
    this.input = null
    this.executionContext = RELEASED
    this.sink = undefined
    this.mockOptions = undefined
    this.testCase = undefined
    this.stateContextOverride = undefined
    this.contextReplacement = undefined
    this.extraContext = undefined
    this.invocations.length = 0
    this.mockFunctions = null
    if (this.shapeDonors) for (const donor of this.shapeDonors.values()) dropReferences(donor)
    this.scheduler.releaseRunData()
  }

  /** Keeps `donor` as the object of its class for retainShapes (see shapeDonors). */
  keepShape(kind: object, donor: object): void {
    ;(this.shapeDonors ??= new Map()).set(kind, donor)
  }

  // ---- context object ----------------------------------------------------------------------

  buildContext(env: StateEnv): JsonObject {
    if (this.contextReplacement) {
      // TestState's context replaces the whole object, but `$$.Map.Item` belongs to one
      // iteration, so a Map's ItemSelector still sees the item it is building.
      if (!env.mapItem) return this.contextReplacement
      const given = this.contextReplacement.Map
      return {
        ...this.contextReplacement,
        Map: { ...(isJsonObject(given) ? given : {}), Item: env.mapItem },
      }
    }
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
    if (id > this.maxHistoryEvents) this.historyLimitExceeded()
    return id
  }

  private historyLimitExceeded(): never {
    throw new StateFailure(
      StepwiseErrors.HistoryLimitExceeded,
      `The execution produced more than ${this.maxHistoryEvents} history events (limits.maxHistoryEvents).`,
      true,
    )
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

  /** The state's path for its events, made only when someone listens (events need it then). */
  eventPath(frame: Frame, state: CompiledState): StatePath {
    return frame.sink ? [...frame.path, state.name] : NO_PATH
  }

  // The two events of every state are counted inline: this runs on every transition.
  stateEntered(frame: Frame, state: CompiledState, input: JsonValue): number {
    const id = ++frame.counter.count
    if (id > this.maxHistoryEvents) this.historyLimitExceeded()
    if (frame.sink) this.sendStateEntered(frame, id, state, input)
    frame.lastEventId = id
    return id
  }

  private sendStateEntered(frame: Frame, id: number, state: CompiledState, input: JsonValue) {
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

  stateExited(frame: Frame, state: CompiledState, output: JsonValue, assigned?: JsonObject) {
    const id = ++frame.counter.count
    if (id > this.maxHistoryEvents) this.historyLimitExceeded()
    if (frame.sink) this.sendStateExited(frame, id, state, output, assigned)
    frame.lastEventId = id
  }

  private sendStateExited(
    frame: Frame,
    id: number,
    state: CompiledState,
    output: JsonValue,
    assigned: JsonObject | undefined,
  ) {
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

  // ---- limits ------------------------------------------------------------------------------

  /** Counts a transition; true when the host should get a chance to run (yieldToHost). */
  countTransition(): boolean {
    const n = ++this.transitions
    if (n > this.maxTransitions) this.transitionLimitExceeded()
    return this.yieldEvery > 0 && n % this.yieldEvery === 0
  }

  private transitionLimitExceeded(): never {
    throw new StateFailure(
      StepwiseErrors.TransitionLimitExceeded,
      `The execution entered more than ${this.maxTransitions} states (limits.maxTransitions); it looks like an endless loop.`,
      true,
    )
  }

  checkPayload(state: CompiledState, value: JsonValue, what: 'input' | 'output'): void {
    if (this.maxPayloadBytes !== Infinity && jsonByteSize(value) > this.maxPayloadBytes) {
      throw new StateFailure(
        StatesErrors.DataLimitExceeded,
        `The state/task '${state.name}' ${what === 'input' ? 'received an input' : 'returned a result'} with a size exceeding the maximum number of bytes service limit.`,
        true,
      )
    }
  }

  // ---- mocks -------------------------------------------------------------------------------

  /** The 0-based invocation number of a state's resource (retries included). */
  nextInvocation(state: CompiledState): number {
    const n = this.invocations[state.id] ?? 0
    this.invocations[state.id] = n + 1
    return n
  }

  /**
   * The function mocking this Task's resource, when nothing takes precedence over it (a test
   * case mapping, TestState's mock): the Task can then call it directly.
   */
  functionMock(state: CompiledState, resource: string): MockFunction | undefined {
    const functions = (this.mockFunctions ??= new Map(
      Object.entries(this.mockOptions?.functions ?? {}),
    ))
    const fn = functions.get(resource)
    if (!fn) return undefined
    if (this.testCase !== undefined && this.testCase[state.name] !== undefined) return undefined
    const override = this.stateOverride
    if (override !== undefined && override.stateName === state.name && override.entry) {
      return undefined
    }
    return fn
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
      if (isPromiseLike(entry)) return this.handlerOutcome(entry, state, call)
      if (entry) return entryOutcome(entry, state.name)
    }
    return this.unmappedOutcome(call)
  }

  // Apart from invokeMock: an arrow there over its locals would make every call allocate a
  // context for them.
  private handlerOutcome(
    pending: PromiseLike<MockedResponseEntry | undefined>,
    state: CompiledState,
    call: TaskCall,
  ): PromiseLike<MockOutcome> {
    return Promise.resolve(pending).then(
      (e) => (e ? entryOutcome(e, state.name) : this.unmappedOutcome(call)),
      thrownOutcome,
    )
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

  /**
   * Runs a (sub-)machine from its StartAt to its end: synchronously as long as no state has to
   * wait, then as a routine for the calling fiber (or a new one) to finish. A Map iteration's
   * frame also reports MapIterationStarted/Succeeded/Failed here.
   */
  runMachine(frame: Frame, sub: CompiledSub, input: JsonValue): Step<JsonValue> {
    if (frame.isIteration) this.iterationEvent(frame, 'MapIterationStarted')
    let state = sub.start
    let value = input
    const yieldEvery = this.yieldEvery
    try {
      for (;;) {
        // countTransition, inlined: this loop is the interpreter's hottest code.
        const n = ++this.transitions
        if (n > this.maxTransitions) this.transitionLimitExceeded()
        if (yieldEvery > 0 && n % yieldEvery === 0) {
          return this.machineRoutine(frame, state, value, null)
        }
        const step = this.runState(frame, state, value)
        // isRoutine, inlined.
        if (step instanceof GeneratorObject) {
          return this.machineRoutine(frame, state, value, step as Routine<JsonValue>)
        }
        value = step as JsonValue
        const next = frame.next
        if (next === null) break
        state = next
      }
    } catch (error) {
      if (frame.isIteration) this.iterationEvent(frame, 'MapIterationFailed')
      throw error
    }
    if (frame.isIteration) this.iterationEvent(frame, 'MapIterationSucceeded')
    return value
  }

  /**
   * The rest of a machine once a state had to wait (`pending` finishes it) or the host should
   * get a turn first (`pending` null: `state` has been counted but not run yet).
   */
  private *machineRoutine(
    frame: Frame,
    state: CompiledState,
    value: JsonValue,
    pending: Routine<JsonValue> | null,
  ): Routine<JsonValue> {
    try {
      if (pending) value = yield* pending
      else {
        yield HOST_YIELD
        const step = this.runState(frame, state, value)
        value = isRoutine(step) ? yield* step : step
      }
      for (let next = frame.next; next !== null; next = frame.next) {
        if (this.countTransition()) yield HOST_YIELD
        const step = this.runState(frame, next, value)
        value = isRoutine(step) ? yield* step : step
      }
    } catch (error) {
      if (frame.isIteration) this.iterationEvent(frame, 'MapIterationFailed')
      throw error
    }
    if (frame.isIteration) this.iterationEvent(frame, 'MapIterationSucceeded')
    return value
  }

  private iterationEvent(
    frame: Frame,
    type: 'MapIterationStarted' | 'MapIterationSucceeded' | 'MapIterationFailed',
  ): void {
    const id = this.nextEventId(frame)
    if (frame.sink) {
      const key = `${type[0]!.toLowerCase()}${type.slice(1)}EventDetails`
      this.send(frame, id, {
        type,
        statePath: frame.path,
        [key]: { name: frame.segment, index: frame.index },
      } as unknown as HistoryEventBody)
    }
    frame.lastEventId = id
  }

  /**
   * Runs one state: entered event, the state body, Retry and Catch, exited event. Sets
   * `frame.next` (null at the end of the machine) and returns the state's output — directly
   * when nothing had to wait, else as a routine to run in the fiber.
   */
  runState(frame: Frame, state: CompiledState, input: JsonValue): Step<JsonValue> {
    // stateEntered, inlined (once per transition).
    const enteredId = ++frame.counter.count
    if (enteredId > this.maxHistoryEvents) this.historyLimitExceeded()
    if (frame.sink) this.sendStateEntered(frame, enteredId, state, input)
    frame.lastEventId = enteredId
    let env = frame.env
    if (env) {
      // env.reset, inlined.
      env.state = state
      env.enteredTime = this.clock.now()
      env.enteredEventId = enteredId
      env.retryCount = 0
      env.taskToken = undefined
      env.ctx = undefined
    } else env = frame.env = new StateEnv(this, frame, state, this.clock.now(), enteredId)
    frame.current = state
    frame.next = state.next
    frame.assigned = undefined
    let body: Step<StateResult>
    try {
      body = runStateBody(this, frame, state, env, input)
    } catch (thrown) {
      return this.recover(frame, state, env, input, thrown)
    }
    if (body instanceof GeneratorObject) {
      return this.finishState(frame, state, env, input, body as Routine<StateResult>)
    }
    if (body instanceof StateFailure) return this.recover(frame, state, env, input, body)
    return this.stateSucceeded(frame, state, body as JsonValue)
  }

  private *finishState(
    frame: Frame,
    state: CompiledState,
    env: StateEnv,
    input: JsonValue,
    body: Routine<StateResult>,
  ): Routine<JsonValue> {
    let output: StateResult
    try {
      output = yield* body
    } catch (thrown) {
      output = this.toFailure(frame, state, env, thrown)
    }
    if (output instanceof StateFailure) {
      const recovered = this.recover(frame, state, env, input, output)
      return isRoutine(recovered) ? yield* recovered : recovered
    }
    return this.stateSucceeded(frame, state, output)
  }

  private stateSucceeded(frame: Frame, state: CompiledState, output: JsonValue): JsonValue {
    if (this.maxPayloadBytes !== Infinity) this.checkPayload(state, output, 'output')
    // stateExited, inlined (once per transition).
    const id = ++frame.counter.count
    if (id > this.maxHistoryEvents) this.historyLimitExceeded()
    if (frame.sink) this.sendStateExited(frame, id, state, output, frame.assigned)
    frame.lastEventId = id
    frame.current = null
    return output
  }

  /**
   * A state body failed: Retry (the first matching Retrier with attempts left), else Catch,
   * else the failure leaves the state. Throws at once when nothing can recover. Retries run
   * right here as long as nothing has to wait (a virtual back-off the clock can jump over, a
   * body that completes synchronously); the first one that must wait continues as a routine.
   */
  private recover(
    frame: Frame,
    state: CompiledState,
    env: StateEnv,
    input: JsonValue,
    thrown: unknown,
  ): Step<JsonValue> {
    let failure = this.toFailure(frame, state, env, thrown)
    if (!state.canRecover) {
      frame.current = null
      throw failure
    }
    const counts = state.retriers.length
      ? new Array<number>(state.retriers.length).fill(0)
      : EMPTY_COUNTS
    for (;;) {
      const decision = decideRecovery(state, failure, counts, this.runtime.random)
      if (decision.kind === 'fail') this.leaveFailed(frame, state, failure)
      if (decision.kind === 'catch') {
        if (!failure.terminal) this.recoverableStateFailed(frame, state)
        const catcher = state.catchers[decision.index]!
        const step = this.applyCatch(frame, state, env, input, failure, catcher.def)
        frame.next = catcher.next
        if (isRoutine(step)) return this.finishCaught(frame, state, step)
        return this.stateSucceeded(frame, state, step)
      }
      counts[decision.index]!++
      env.retryCount++
      env.refresh()
      if (decision.delayMs > 0) {
        const until = this.clock.now() + decision.delayMs
        if (!this.scheduler.fastForward(until)) {
          return this.recovering(frame, state, env, input, counts, Resume.Sleep, until, null)
        }
      }
      if (this.countTransition()) {
        return this.recovering(frame, state, env, input, counts, Resume.HostYield, 0, null)
      }
      let output: StateResult
      try {
        const body = runStateBody(this, frame, state, env, input)
        if (isRoutine(body)) {
          return this.recovering(frame, state, env, input, counts, Resume.Body, 0, body)
        }
        output = body
      } catch (thrown) {
        output = this.toFailure(frame, state, env, thrown)
      }
      if (!(output instanceof StateFailure)) return this.stateSucceeded(frame, state, output)
      failure = output
    }
  }

  private *finishCaught(
    frame: Frame,
    state: CompiledState,
    step: Routine<JsonValue>,
  ): Routine<JsonValue> {
    const output = yield* step
    return this.stateSucceeded(frame, state, output)
  }

  /**
   * The rest of a retry that had to wait (`resume` says where it stopped: before its back-off
   * sleep, before a host yield, or in the middle of the retried body), and of any later
   * attempts, Catch or failure.
   */
  private *recovering(
    frame: Frame,
    state: CompiledState,
    env: StateEnv,
    input: JsonValue,
    counts: number[],
    resume: Resume,
    sleepUntilTime: number,
    pending: Routine<StateResult> | null,
  ): Routine<JsonValue> {
    let output: StateResult
    try {
      if (pending) output = yield* pending
      else {
        if (resume === Resume.Sleep) {
          yield sleepUntil(sleepUntilTime)
          if (this.countTransition()) yield HOST_YIELD
        } else {
          yield HOST_YIELD
        }
        const body = runStateBody(this, frame, state, env, input)
        output = isRoutine(body) ? yield* body : body
      }
    } catch (thrown) {
      output = this.toFailure(frame, state, env, thrown)
    }
    for (;;) {
      if (!(output instanceof StateFailure)) return this.stateSucceeded(frame, state, output)
      const failure = output
      const decision = decideRecovery(state, failure, counts, this.runtime.random)
      if (decision.kind === 'fail') this.leaveFailed(frame, state, failure)
      if (decision.kind === 'catch') {
        if (!failure.terminal) this.recoverableStateFailed(frame, state)
        const catcher = state.catchers[decision.index]!
        const step = this.applyCatch(frame, state, env, input, failure, catcher.def)
        const caught = isRoutine(step) ? yield* step : step
        frame.next = catcher.next
        return this.stateSucceeded(frame, state, caught)
      }
      counts[decision.index]!++
      env.retryCount++
      env.refresh()
      if (decision.delayMs > 0) {
        const until = this.clock.now() + decision.delayMs
        if (!this.scheduler.fastForward(until)) yield sleepUntil(until)
      }
      if (this.countTransition()) yield HOST_YIELD
      try {
        const body = runStateBody(this, frame, state, env, input)
        output = isRoutine(body) ? yield* body : body
      } catch (thrown) {
        output = this.toFailure(frame, state, env, thrown)
      }
    }
  }

  /** The failure leaves the state (no Retry or Catch applies): report it and throw it. */
  private leaveFailed(frame: Frame, state: CompiledState, failure: StateFailure): never {
    if (!failure.terminal) this.recoverableStateFailed(frame, state)
    // AWS reports a Task that fails a Parallel branch as aborted as well.
    if (frame.inBranch && state.type === 'Task') {
      this.event(frame, 'TaskStateAborted', this.statePath(frame, state))
    }
    frame.current = null
    throw failure
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
  applyCatch(
    frame: Frame,
    state: CompiledState,
    env: StateEnv,
    input: JsonValue,
    failure: StateFailure,
    catcher: Catcher,
  ): Step<JsonValue> {
    const errorOutput: JsonObject = {
      Error: failure.error ?? null,
      Cause: failure.cause ?? null,
    }
    const binding: StatesBinding = { input, errorOutput, context: env.context }
    frame.assigned = undefined
    if (state.language === 'JSONata') {
      if (containsJsonata(catcher.Output ?? null) || catcher.Assign !== undefined) {
        return this.catchJsonata(frame, state, env, catcher, binding, errorOutput)
      }
      this.applyAssign(frame, state, catcher.Assign, binding, env)
      return catcher.Output === undefined ? errorOutput : catcher.Output
    }
    const output =
      catcher.ResultPath === undefined
        ? errorOutput
        : applyResultPath(catcher.ResultPath, input, errorOutput)
    this.applyAssign(frame, state, catcher.Assign, binding, env)
    return output
  }

  private *catchJsonata(
    frame: Frame,
    state: CompiledState,
    env: StateEnv,
    catcher: Catcher,
    binding: StatesBinding,
    errorOutput: JsonObject,
  ): Routine<JsonValue> {
    const output =
      catcher.Output === undefined
        ? errorOutput
        : yield* this.jsonata(catcher.Output, binding, env, 'Output')
    if (catcher.Assign) {
      const values = yield* this.evalAssign(catcher.Assign, state.language, binding, env)
      frame.assign(values)
      frame.assigned = values
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

  /**
   * A synchronous Assign (JSONPath, or JSONata without expressions): evaluated, applied to the
   * frame's scope and recorded for the exited event.
   */
  applyAssign(
    frame: Frame,
    state: CompiledState,
    assign: JsonObject | undefined,
    states: StatesBinding,
    env: EvalEnv,
  ): void {
    if (!assign) return
    const values = evaluateAssign(assign, state.language, states, env)
    if (isPromiseLike(values)) {
      // Only JSONata returns a promise, and callers route expressions to assignState.
      throw new Error('Stepwise: an asynchronous Assign reached the synchronous path')
    }
    frame.assign(values)
    frame.assigned = values
    if (frame.trace) frame.trace.variables = frame.scope.snapshot()
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
    frame.assign(values)
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
    if (frame.isIteration) {
      this.safeEvent(frame, 'MapIterationAborted', frame.path, 'mapIterationAbortedEventDetails', {
        name: frame.segment,
        index: frame.index,
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

/**
 * Empties a finished run's helper object of everything it refers to (its other fields are
 * numbers and booleans): it is only kept for its hidden class.
 */
function dropReferences(donor: object): void {
  const fields = donor as Record<string, unknown>
  for (const key of Object.keys(fields)) {
    const value = fields[key]
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
      fields[key] = null
    }
  }
}

export function thrownOutcome(error: unknown): MockOutcome {
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
