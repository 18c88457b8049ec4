// The Map state. Iterations are fibers started lazily, at most MaxConcurrency at a time: the
// Map starts one, lets it run until it finishes or must wait, then starts the next. With
// synchronous mocks only one iteration is alive at any moment, which keeps a 10,000-item Map
// small in memory; with waits or asynchronous mocks they overlap as on AWS.

import type { ItemBatcher, JsonObject, JsonValue, MapState } from '../../asl/types'
import { applyPayloadTemplate, readPathField, StatesError } from '../../expr'
import type { CompiledState } from '../compile'
import { asStateFailure, StateFailure, StatesErrors } from '../errors'
import type { Execution, Frame, MockOutcome, StateEnv } from '../execution'
import type { HistoryEvent, StatePath } from '../history'
import { readerItems } from '../itemReader'
import type { Routine, Step } from '../scheduler'
import {
  awaitPromise,
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

  const path = x.statePath(frame, state)
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

  const selector = def.ItemSelector ?? def.Parameters
  const itemInput = (index: number, value: JsonValue): Step<JsonValue> => {
    if (selector === undefined) return value
    const itemEnv = env.withMapItem(index, value)
    if (jsonata) {
      return x.jsonata(selector, new Binding(input, itemEnv), itemEnv, 'ItemSelector')
    }
    return applyPayloadTemplate(selector, effective, itemEnv, 'ItemSelector')
  }
  // Batching and TestState need every iteration input up front; otherwise they are built
  // when the iteration starts.
  let inputs: JsonValue[] | null = null
  if (def.ItemBatcher || trace) {
    inputs = []
    for (let i = 0; i < items.length; i++) inputs.push(yield* toRoutine(itemInput(i, items[i]!)))
    if (trace && selector !== undefined) trace.afterItemSelector = inputs
    if (def.ItemBatcher) {
      inputs = yield* batch(x, def.ItemBatcher, env, effective, binding, inputs)
      if (trace) trace.afterItemBatcher = inputs
    }
  }
  const count = inputs ? inputs.length : items.length
  const exceeds = (failed: number): boolean =>
    (toleratedCount !== undefined && failed > toleratedCount) ||
    (toleratedPercent !== undefined && count > 0 && (failed * 100) / count > toleratedPercent)
  const tolerant = toleratedCount !== undefined || toleratedPercent !== undefined

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
    if (tolerant && exceeds(failed)) {
      throw new StateFailure(StatesErrors.ExceedToleratedFailureThreshold, TOLERANCE_EXCEEDED_CAUSE)
    }
    result = mocked
  } else {
    try {
      result = yield* runIterations(
        x,
        frame,
        state,
        items,
        inputs,
        itemInput,
        maxConcurrency,
        tolerant,
        exceeds,
      )
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

function* runIterations(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  items: JsonValue[],
  inputs: JsonValue[] | null,
  itemInput: (index: number, value: JsonValue) => Step<JsonValue>,
  maxConcurrency: number,
  tolerant: boolean,
  exceeds: (failed: number) => boolean,
): Routine<JsonValue> {
  const processor = state.processor!
  const count = inputs ? inputs.length : items.length
  const results: JsonValue[] = new Array<JsonValue>(count)
  let failure = null as StateFailure | null
  let failed = 0
  let lastEventId = frame.lastEventId
  const done = (childFrame: Frame, index: number, ok: boolean, value: unknown) => {
    if (childFrame.counter === frame.counter && childFrame.lastEventId > lastEventId) {
      lastEventId = childFrame.lastEventId
    }
    if (ok) {
      results[index] = value as JsonValue
      return
    }
    if (failure) return
    const f = asStateFailure(value)
    if (f.terminal || !tolerant) {
      failure = f
      x.scheduler.cancelGroup(group)
      return
    }
    failed++
    results[index] = { Error: f.error ?? null, Cause: f.cause ?? null }
    if (exceeds(failed)) {
      failure = new StateFailure(
        StatesErrors.ExceedToleratedFailureThreshold,
        TOLERANCE_EXCEEDED_CAUSE,
      )
      x.scheduler.cancelGroup(group)
    }
  }
  const group = x.scheduler.group(frame.fiber!, (child, ok, value) =>
    done(child.local as Frame, child.index, ok, value),
  )
  const limit = maxConcurrency > 0 ? maxConcurrency : Infinity
  // A Distributed Map's iterations are child workflow executions: they do not see the parent's
  // variables, and their events are theirs, not the parent's (unless asked for).
  const distributed = processor.distributed
  let spare: Frame | null = null
  try {
    for (let i = 0; i < count && !failure; i++) {
      while (group.active >= limit && !failure) yield joinSlot(group)
      if (failure) break
      let value: JsonValue
      if (inputs) value = inputs[i]!
      else {
        const step = itemInput(i, items[i]!)
        value = isRoutine(step) ? yield* step : step
      }
      const childFrame = frame.iterationFrame(
        state.name,
        i,
        distributed,
        x.distributedChildEvents,
        spare,
      )
      spare = null
      // The iteration runs synchronously until it has to wait; only then does it get a fiber
      // (and the Map lets it and the others run before starting the next one).
      let step: Step<JsonValue>
      try {
        x.scheduler.inline++
        step = x.runMachine(childFrame, processor, value)
      } catch (error) {
        done(childFrame, i, false, error)
        continue
      } finally {
        x.scheduler.inline--
      }
      if (isRoutine(step)) {
        childFrame.fiber = x.scheduler.spawn(group, step, i, childFrame)
        yield YIELD
      } else {
        done(childFrame, i, true, step)
        // Finished synchronously: nothing refers to its frame any more.
        spare = childFrame
      }
    }
  } catch (error) {
    x.scheduler.cancelGroup(group)
    throw error
  }
  if (group.active > 0) yield joinAll(group)
  frame.lastEventId = lastEventId
  if (failure) throw failure
  return results
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
    const size = maxBytes === undefined ? 0 : JSON.stringify(item).length
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
