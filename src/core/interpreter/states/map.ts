// The Map state. Iterations are fibers started lazily, at most MaxConcurrency at a time: the
// Map starts one, lets it run until it finishes or must wait, then starts the next. With
// synchronous mocks only one iteration is alive at any moment, which keeps a 10,000-item Map
// small in memory; with waits or asynchronous mocks they overlap as on AWS.

import type { ItemBatcher, JsonObject, JsonValue, MapState } from '../../asl/types'
import { applyPayloadTemplate, readPathField, StatesError } from '../../expr'
import type { CompiledState, CompiledSub } from '../compile'
import { asStateFailure, StateFailure, StatesErrors } from '../errors'
import type { Execution, Frame, MockOutcome, StateEnv } from '../execution'
import type { HistoryEvent, StatePath } from '../history'
import { readerItems } from '../itemReader'
import { jsonByteSize } from '../payloadSize'
import type { ChildListener, Fiber, Routine, Step } from '../scheduler'
import {
  awaitPromise,
  FiberGroup,
  isPromiseLike,
  isRoutine,
  joinAll,
  joinSlot,
  toRoutine,
  YIELD,
} from '../scheduler'
import { Binding, inputPath, jsonataTypeError, numericField, processResult } from './common'
import { mockedStateResult } from './mocked'

const COUNT = { min: 0, integer: true }
const PERCENT = { min: 0, integer: false, max: 100 }

export const TOLERANCE_EXCEEDED_CAUSE = 'The specified tolerated failure threshold was exceeded'

export function* runMap(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
): Routine<JsonValue> {
  const def = state.def as MapState
  const trace = frame.trace
  if (trace) trace.input = input
  const jsonata = state.language === 'JSONata'
  const binding = new Binding(input, env)
  const effective = jsonata ? input : inputPath(def, input, env, frame)

  const path = x.eventPath(frame, state)
  const distributed = state.processor!.distributed
  const mapRunArn = distributed || def.ResultWriter ? mapRunArnOf(x, state) : ''
  // A Distributed Map reads its items inside the Map Run: the run has started when it fails.
  let runStarted = false
  let items: JsonValue[]
  if (def.ItemReader) {
    if (distributed) {
      mapEvent(x, frame, 'MapStateStarted', path, 'mapStateStartedEventDetails', { length: 0 })
      mapEvent(x, frame, 'MapRunStarted', path, 'mapRunStartedEventDetails', { mapRunArn })
      runStarted = true
    }
    try {
      // With an ItemReader, AWS takes the items from the reader and ignores ItemsPath.
      items = yield* readItems(x, frame, state, env, effective, binding)
    } catch (error) {
      if (runStarted) mapRunFailed(x, frame, path, error)
      throw error
    }
  } else if (jsonata) {
    if (def.Items === undefined) {
      if (!Array.isArray(input)) {
        throw new StatesError(
          StatesErrors.QueryEvaluationError,
          `Map state input must be an array but was: ${JSON.stringify(input)}`,
        )
      }
      items = input
    } else {
      const value = yield* x.jsonata(def.Items as JsonValue, binding, env, 'Items')
      if (!Array.isArray(value)) jsonataTypeError(def.Items as string, 'Items', value, 'array')
      items = value
    }
  } else {
    const value =
      def.ItemsPath === undefined || def.ItemsPath === '$'
        ? effective
        : readPathField(def.ItemsPath, effective, env, 'ItemsPath')
    if (!Array.isArray(value)) {
      throw new StatesError(
        StatesErrors.Runtime,
        `Map state input must be an array but was: ${JSON.stringify(value)}`,
      )
    }
    items = value
    if (trace) trace.afterItemsPath = items
  }

  const maxConcurrency =
    (yield* toRoutine(
      numericField(x, def, env, effective, 'MaxConcurrency', 'MaxConcurrencyPath', COUNT),
    )) ?? 0
  const toleratedCount = yield* toRoutine(
    numericField(
      x,
      def,
      env,
      effective,
      'ToleratedFailureCount',
      'ToleratedFailureCountPath',
      COUNT,
    ),
  )
  const toleratedPercent = yield* toRoutine(
    numericField(
      x,
      def,
      env,
      effective,
      'ToleratedFailurePercentage',
      'ToleratedFailurePercentagePath',
      PERCENT,
    ),
  )
  if (trace) {
    trace.maxConcurrency = maxConcurrency
    if (toleratedCount !== undefined) trace.toleratedFailureCount = toleratedCount
    if (toleratedPercent !== undefined) trace.toleratedFailurePercentage = toleratedPercent
  }

  const selector: ItemSelection = {
    template: def.ItemSelector ?? def.Parameters,
    jsonata,
    input,
    effective,
  }
  // Batching and TestState need every iteration input up front; otherwise they are built
  // when the iteration starts.
  let inputs: JsonValue[] | null = null
  if (def.ItemBatcher || trace) {
    inputs = []
    for (let i = 0; i < items.length; i++) {
      inputs.push(yield* toRoutine(itemInput(env, selector, i, items[i]!)))
    }
    if (trace && selector.template !== undefined) trace.afterItemSelector = inputs
    if (def.ItemBatcher) {
      inputs = yield* batch(x, def.ItemBatcher, env, effective, binding, inputs)
      if (trace) trace.afterItemBatcher = inputs
    }
  }
  const count = inputs ? inputs.length : items.length
  // A Distributed Map always has a threshold: with neither field it tolerates no failure (AWS:
  // "the default … is zero, which means that the workflow fails if any one of its child
  // workflow executions fails"), and the Map Run then fails with
  // States.ExceedToleratedFailureThreshold, not with the child's own error.
  // (TestState with a mocked Map result checks only a threshold the state gives: AWS's recorded
  // answer to mapIterationFailureCount 2 of 3 with no threshold is SUCCEEDED.)
  const given: Tolerance | null =
    toleratedCount !== undefined || toleratedPercent !== undefined
      ? { count: toleratedCount, percent: toleratedPercent }
      : null
  const tolerance = given ?? (distributed ? NO_FAILURE_TOLERATED : null)

  if (!runStarted) {
    mapEvent(x, frame, 'MapStateStarted', path, 'mapStateStartedEventDetails', { length: count })
    if (distributed) {
      mapEvent(x, frame, 'MapRunStarted', path, 'mapRunStartedEventDetails', { mapRunArn })
    }
  }

  let result: JsonValue
  const mocked = mockedStateResult(x, state)
  if (mocked !== undefined) {
    const failed = x.stateOverride?.mapIterationFailureCount ?? 0
    if (given && exceeds(given, failed, count)) {
      throw new StateFailure(StatesErrors.ExceedToleratedFailureThreshold, TOLERANCE_EXCEEDED_CAUSE)
    }
    result = mocked
  } else {
    try {
      const run = new MapRun(x, frame, state, count, tolerance)
      result = yield* runIterations(run, env, selector, items, inputs, maxConcurrency)
    } catch (error) {
      if (distributed) mapRunFailed(x, frame, path, error)
      throw error
    }
  }
  if (distributed) mapEvent(x, frame, 'MapRunSucceeded', path)
  mapEvent(x, frame, 'MapStateSucceeded', path)
  if (def.ResultWriter) result = yield* writeResults(x, def, env, effective, binding, mapRunArn)
  return yield* toRoutine(processResult(x, frame, state, env, input, result))
}

/** How an iteration's input is made from its item (ItemSelector, or Map's legacy Parameters). */
interface ItemSelection {
  readonly template: JsonValue | undefined
  readonly jsonata: boolean
  /** The Map state's input ($states.input in JSONata). */
  readonly input: JsonValue
  /** The Map state's effective input (after InputPath), what JSONPath templates read. */
  readonly effective: JsonValue
}

function itemInput(
  env: StateEnv,
  selection: ItemSelection,
  index: number,
  value: JsonValue,
): Step<JsonValue> {
  const template = selection.template
  if (template === undefined) return value
  const itemEnv = env.withMapItem(index, value)
  if (selection.jsonata) {
    return env.x.jsonata(template, new Binding(selection.input, itemEnv), itemEnv, 'ItemSelector')
  }
  return applyPayloadTemplate(template, selection.effective, itemEnv, 'ItemSelector')
}

interface Tolerance {
  readonly count: number | undefined
  readonly percent: number | undefined
}

const NO_FAILURE_TOLERATED: Tolerance = { count: 0, percent: undefined }

function exceeds(tolerance: Tolerance, failed: number, count: number): boolean {
  return (
    (tolerance.count !== undefined && failed > tolerance.count) ||
    (tolerance.percent !== undefined && count > 0 && (failed * 100) / count > tolerance.percent)
  )
}

/**
 * One run of a Map state's iterations: their results, failures and fibers. A class (not
 * closures made per run), so the code that runs once per item stays optimized from run to run.
 */
class MapRun implements ChildListener {
  readonly results: JsonValue[]
  failure: StateFailure | null = null
  failed = 0
  lastEventId: number
  readonly group: FiberGroup
  /** The frame of an iteration that finished synchronously: the next iteration reuses it. */
  private spare: Frame | null = null
  private readonly processor: CompiledSub

  constructor(
    readonly x: Execution,
    readonly frame: Frame,
    readonly state: CompiledState,
    readonly count: number,
    /** Null when every failure fails the Map. */
    private readonly tolerance: Tolerance | null,
  ) {
    this.results = new Array<JsonValue>(count)
    this.lastEventId = frame.lastEventId
    this.group = x.scheduler.group(frame.fiber!, this)
    x.keepShape(MapRun, this)
    x.keepShape(FiberGroup, this.group)
    this.processor = state.processor!
  }

  childExited(child: Fiber, ok: boolean, value: unknown): void {
    this.done(child.local as Frame, child.index, ok, value)
  }

  done(childFrame: Frame, index: number, ok: boolean, value: unknown): void {
    if (childFrame.counter === this.frame.counter && childFrame.lastEventId > this.lastEventId) {
      this.lastEventId = childFrame.lastEventId
    }
    if (ok) {
      this.results[index] = value as JsonValue
      return
    }
    if (this.failure) return
    const f = asStateFailure(value)
    if (f.terminal || !this.tolerance) {
      this.failure = f
      this.x.scheduler.cancelGroup(this.group)
      return
    }
    this.failed++
    this.results[index] = { Error: f.error ?? null, Cause: f.cause ?? null }
    if (exceeds(this.tolerance, this.failed, this.count)) {
      this.failure = new StateFailure(
        StatesErrors.ExceedToleratedFailureThreshold,
        TOLERANCE_EXCEEDED_CAUSE,
      )
      this.x.scheduler.cancelGroup(this.group)
    }
  }

  /**
   * Runs iteration `index` synchronously until it ends or has to wait; true when it had to wait
   * (it is then a fiber of the group, and the Map lets it and the others run before going on).
   */
  start(index: number, value: JsonValue): boolean {
    const x = this.x
    // A Distributed Map's iterations are child workflow executions: they do not see the
    // parent's variables, and their events are theirs, not the parent's (unless asked for).
    const childFrame = this.frame.iterationFrame(
      this.state.name,
      index,
      this.processor.distributed,
      x.distributedChildEvents,
      this.spare,
    )
    this.spare = null
    let step: Step<JsonValue>
    try {
      x.scheduler.inline++
      step = x.runMachine(childFrame, this.processor, value)
    } catch (error) {
      this.done(childFrame, index, false, error)
      return false
    } finally {
      x.scheduler.inline--
    }
    if (isRoutine(step)) {
      childFrame.fiber = x.scheduler.spawn(this.group, step, index, childFrame)
      return true
    }
    this.done(childFrame, index, true, step)
    // Finished synchronously: nothing refers to its frame any more.
    this.spare = childFrame
    return false
  }
}

function* runIterations(
  run: MapRun,
  env: StateEnv,
  selection: ItemSelection,
  items: JsonValue[],
  inputs: JsonValue[] | null,
  maxConcurrency: number,
): Routine<JsonValue> {
  const group = run.group
  const limit = maxConcurrency > 0 ? maxConcurrency : Infinity
  try {
    for (let i = 0; i < run.count && !run.failure; i++) {
      while (group.active >= limit && !run.failure) yield joinSlot(group)
      if (run.failure) break
      let value: JsonValue
      if (inputs) value = inputs[i]!
      else {
        const step = itemInput(env, selection, i, items[i]!)
        value = isRoutine(step) ? yield* step : step
      }
      if (run.start(i, value)) yield YIELD
    }
  } catch (error) {
    run.x.scheduler.cancelGroup(group)
    throw error
  }
  if (group.active > 0) yield joinAll(group)
  run.frame.lastEventId = run.lastEventId
  if (run.failure) throw run.failure
  return run.results
}

function mapEvent(
  x: Execution,
  frame: Frame,
  type: HistoryEvent['type'],
  path: StatePath,
  key?: string,
  details?: object,
): void {
  x.event(frame, type, path, key, details)
}

function mapRunFailed(x: Execution, frame: Frame, path: StatePath, error: unknown): void {
  const failure = asStateFailure(error)
  mapEvent(x, frame, 'MapRunFailed', path, 'mapRunFailedEventDetails', {
    ...(failure.error !== undefined ? { error: failure.error } : {}),
    ...(failure.cause !== undefined ? { cause: failure.cause } : {}),
  })
}

function mapRunArnOf(x: Execution, state: CompiledState): string {
  const label = (state.def as MapState).Label ?? state.name
  return `arn:${x.partition}:states:${x.region}:${x.accountId}:mapRun:${x.stateMachineName}/${label}:${x.random.uuid()}`
}

function* readItems(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  effective: JsonValue,
  binding: Binding,
): Routine<JsonValue[]> {
  const reader = (state.def as MapState).ItemReader!
  let params: JsonValue = {}
  if (state.language === 'JSONata') {
    if (reader.Arguments !== undefined) {
      params = yield* x.jsonata(reader.Arguments as JsonValue, binding, env, 'Arguments')
    }
  } else if (reader.Parameters !== undefined) {
    params = applyPayloadTemplate(reader.Parameters, effective, env, 'Parameters')
  }
  let data: JsonValue
  const override = x.stateOverride
  if (override && override.stateName === state.name && override.mapItemReaderData !== undefined) {
    data = override.mapItemReaderData
  } else {
    const invocation = x.nextInvocation(state)
    let outcome = x.invokeMock(frame, state, reader.Resource, params, invocation, 'itemReader')
    if (isPromiseLike(outcome)) outcome = (yield awaitPromise(outcome)) as MockOutcome
    if (!outcome.ok) throw new StateFailure(outcome.error, outcome.cause)
    data = outcome.value
  }
  let items = readerItems(data, reader.ReaderConfig)
  if (reader.ReaderConfig) {
    const max = yield* toRoutine(
      numericField(x, reader.ReaderConfig, env, effective, 'MaxItems', 'MaxItemsPath', COUNT),
    )
    if (max !== undefined && max > 0 && items.length > max) items = items.slice(0, max)
  }
  return items
}

function* batch(
  x: Execution,
  batcher: ItemBatcher,
  env: StateEnv,
  effective: JsonValue,
  binding: Binding,
  inputs: JsonValue[],
): Routine<JsonValue[]> {
  const positive = { min: 1, integer: true }
  const maxItems = yield* toRoutine(
    numericField(x, batcher, env, effective, 'MaxItemsPerBatch', 'MaxItemsPerBatchPath', positive),
  )
  const maxBytes = yield* toRoutine(
    numericField(
      x,
      batcher,
      env,
      effective,
      'MaxInputBytesPerBatch',
      'MaxInputBytesPerBatchPath',
      positive,
    ),
  )
  let batchInput: JsonValue | undefined
  if (batcher.BatchInput !== undefined) {
    batchInput =
      env.state.language === 'JSONata'
        ? yield* x.jsonata(batcher.BatchInput, binding, env, 'BatchInput')
        : applyPayloadTemplate(batcher.BatchInput, effective, env, 'BatchInput')
  }
  const batches: JsonValue[] = []
  let current: JsonValue[] = []
  let bytes = 0
  const flush = () => {
    if (!current.length) return
    const b: JsonObject = batchInput === undefined ? {} : { BatchInput: batchInput }
    b.Items = current
    batches.push(b)
    current = []
    bytes = 0
  }
  for (const item of inputs) {
    // Bytes as AWS counts payloads: the item's JSON text in UTF-8.
    const size = maxBytes === undefined ? 0 : jsonByteSize(item)
    if (
      current.length &&
      ((maxItems !== undefined && current.length >= maxItems) ||
        (maxBytes !== undefined && bytes + size > maxBytes))
    ) {
      flush()
    }
    current.push(item)
    bytes += size
  }
  flush()
  return batches
}

function* writeResults(
  x: Execution,
  def: MapState,
  env: StateEnv,
  effective: JsonValue,
  binding: Binding,
  mapRunArn: string,
): Routine<JsonValue> {
  const writer = def.ResultWriter!
  let params: JsonValue = {}
  if (env.state.language === 'JSONata') {
    if (writer.Arguments !== undefined) {
      params = yield* x.jsonata(writer.Arguments as JsonValue, binding, env, 'Arguments')
    }
  } else if (writer.Parameters !== undefined) {
    params = applyPayloadTemplate(writer.Parameters, effective, env, 'Parameters')
  }
  const p = (params ?? {}) as JsonObject
  const prefix = typeof p.Prefix === 'string' && p.Prefix ? `${p.Prefix.replace(/\/$/, '')}/` : ''
  const runId = mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1)
  return {
    MapRunArn: mapRunArn,
    ResultWriterDetails: {
      Bucket: (p.Bucket ?? null) as JsonValue,
      Key: `${prefix}${runId}/manifest.json`,
    },
  }
}
