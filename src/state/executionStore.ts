// Runs of the open workflow: the run input and context overrides (remembered per workflow), the
// list of runs with their history events, which run is shown, the limits and the AWS rates used
// for the cost estimate. Runs happen in the interpreter Web Worker (worker/interpreterClient);
// nothing here runs the interpreter on the main thread.
//
// Three stores, on purpose:
//   - useExecutionStore: the per-workflow data (persisted; see /work/team/persistence-api.md).
//     It changes when a run starts or ends, not per event, so persistence is not woken by a
//     stream of 100,000 events.
//   - useLiveRunStore: a version counter bumped at most once per animation frame while events
//     stream in. A running run's `events` array is appended in place (copying it per batch would
//     be quadratic); views re-read it when the version moves.
//   - usePlaybackStore: the playhead, play/pause and speed (moves many times a second, never saved).

import { create } from 'zustand'
import type { JsonObject, JsonValue, WorkflowType } from '../core/asl/types'
import { isJsonObject } from '../core/asl/types'
import type { ExecutionLimits, ExecutionStatus, HistoryEvent } from '../core/interpreter'
import type { StartRequest } from '../worker/interpreterClient'
import { InterpreterClient, WorkerCrashedError } from '../worker/interpreterClient'
import { selectDefinition, useDocumentStore } from './documentStore'
import { selectRunMocks, useMocksStore } from './mocksStore'
import { useWorkspaceStore } from './workspaceStore'

export type RunStatus = ExecutionStatus | 'RUNNING'

export interface RunSummary {
  /** States entered, Retry attempts included (what AWS bills for Standard workflows). */
  transitions: number
  eventCount: number
  /** Virtual (or, for an imported history, recorded) start and stop, ISO 8601. */
  startDate: string
  stopDate: string
  durationMs: number
  output?: JsonValue
  error?: string
  cause?: string
}

export interface RunRecord {
  id: string
  /** "Run 3 · FlakyThenOk", or the imported file's name. */
  name: string
  source: 'simulated' | 'imported'
  /** Wall-clock time the run was started or imported (ms since the epoch). */
  createdAt: number
  status: RunStatus
  /** What the run was started with (for re-run). */
  inputText: string
  testCase: string | null
  contextText: string
  workflowType: WorkflowType
  stateMachineName: string | null
  executionArn: string | null
  summary: RunSummary | null
  /** Why the run stopped early: a limit, Stop, a crashed worker, an invalid request. */
  note: string | null
  /** AWS GetExecutionHistory events with Stepwise's statePath (append-only while running). */
  events: HistoryEvent[]
}

export interface Pricing {
  /** USD per 1,000 state transitions (Standard). */
  standardPerThousandTransitions: number
  /** USD per million requests (Express). */
  expressPerMillionRequests: number
  /** USD per GB-second (Express). */
  expressPerGbSecond: number
  /** The memory an Express execution uses, in MB (billed in 64 MB chunks). */
  expressMemoryMb: number
}

/** us-east-1 list prices. */
export const DEFAULT_PRICING: Pricing = {
  standardPerThousandTransitions: 0.025,
  expressPerMillionRequests: 1.0,
  expressPerGbSecond: 0.00001667,
  expressMemoryMb: 64,
}

export interface RunLimits {
  maxTransitions: number
  maxHistoryEvents: number
}

/**
 * Lower than the interpreter's own defaults: every event of a run comes to the page, and a
 * runaway loop should stop within a second with a clear message rather than fill the memory.
 */
export const DEFAULT_LIMITS: RunLimits = { maxTransitions: 100_000, maxHistoryEvents: 250_000 }

/** AWS's quota of history events for one Standard execution. */
export const AWS_HISTORY_QUOTA = 25_000

/** Runs kept per workflow; the oldest go first. */
export const MAX_RUNS = 20

export const DEFAULT_INPUT_TEXT = '{}'

export interface ExecutionPersisted {
  inputText: string
  contextText: string
  runs: RunRecord[]
  selectedRunId: string | null
  pricing: Pricing
  limits: RunLimits
  runSeq: number
}

export type StartRunResult = { ok: true; runId: string } | { ok: false; message: string }

export type ImportHistoryResult =
  { ok: true; runId: string; warnings: string[] } | { ok: false; message: string }

export interface ExecutionState extends ExecutionPersisted {
  /** The id of the run in progress, if any (only one at a time). */
  activeRunId: string | null
  setInputText(text: string): void
  setContextText(text: string): void
  setPricing(pricing: Partial<Pricing>): void
  setLimits(limits: Partial<RunLimits>): void
  /** Starts the open workflow in the worker with the input, mocks and context of the panels. */
  startRun(options?: { name?: string }): StartRunResult
  /** Aborts the run in progress at once. */
  stopRun(): Promise<void>
  /** Starts the workflow again with a run's input, test case and context. */
  rerun(runId: string): StartRunResult
  deleteRun(runId: string): void
  selectRun(runId: string | null): void
  /**
   * Adds a history (GetExecutionHistory JSON: `{events}` or an array, as text or parsed) as a
   * run, mapping its events to the current definition's states by name; selects it.
   */
  importHistory(source: string | JsonValue, options?: { name?: string }): ImportHistoryResult
  /** A run's history as AWS's GetExecutionHistory output: `{ events: [...] }`. */
  exportHistory(runId: string): { events: JsonObject[] } | undefined
}

function initialData(): ExecutionPersisted {
  return {
    inputText: DEFAULT_INPUT_TEXT,
    contextText: '',
    runs: [],
    selectedRunId: null,
    pricing: DEFAULT_PRICING,
    limits: DEFAULT_LIMITS,
    runSeq: 0,
  }
}

// ---------------------------------------------------------------------------------------------
// The worker client (one per page; a crashed worker is replaced on the next run)

type ClientFactory = (onCrash: (message: string) => void) => InterpreterClient

const defaultClientFactory: ClientFactory = (onCrash) => new InterpreterClient({ onCrash })
let client: InterpreterClient | null = null
let clientFactory = defaultClientFactory

function getClient(): InterpreterClient {
  client ??= clientFactory(onWorkerCrash)
  return client
}

/** For tests: run against another client (e.g. over a fake worker); undefined restores. */
export function setInterpreterClientFactory(factory: ClientFactory | undefined): void {
  client?.dispose()
  client = null
  clientFactory = factory ?? defaultClientFactory
}

function onWorkerCrash(message: string): void {
  useWorkspaceStore
    .getState()
    .notify(
      'error',
      'The interpreter worker crashed; the run was stopped. The page carries on and the next run starts a fresh worker.',
      message,
    )
}

let abortActive: (() => Promise<void>) | null = null

// ---------------------------------------------------------------------------------------------
// Live updates, at most once per frame

interface LiveRunState {
  /** Bumped when events of a running run arrived (at most once per animation frame). */
  version: number
}

export const useLiveRunStore = create<LiveRunState>()(() => ({ version: 0 }))

let flushScheduled = false

type RunEventsListener = (events: readonly HistoryEvent[]) => void
const runEventsListeners = new Set<RunEventsListener>()

/**
 * Called with a running run's events array each time a batch was appended to it, in the task
 * that received the batch: views index events as they arrive, in small steps, instead of all at
 * once in the next render.
 */
export function onRunEvents(listener: RunEventsListener): () => void {
  runEventsListeners.add(listener)
  return () => runEventsListeners.delete(listener)
}

function scheduleLiveFlush(): void {
  if (flushScheduled) return
  flushScheduled = true
  const flush = () => {
    flushScheduled = false
    useLiveRunStore.setState((s) => ({ version: s.version + 1 }))
  }
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined') {
    // A hidden tab gets no frames: fall back to a timer so the run still shows when it returns.
    if (document.visibilityState === 'hidden') setTimeout(flush, 100)
    else requestAnimationFrame(flush)
  } else {
    setTimeout(flush, 16)
  }
}

// ---------------------------------------------------------------------------------------------
// Playback

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 16, 64] as const

export interface PlaybackState {
  /** Index into the shown run's events; null = follow the end (a live run, or its final state). */
  playhead: number | null
  playing: boolean
  speed: number
  setPlayhead(index: number | null): void
  play(): void
  pause(): void
  setSpeed(speed: number): void
}

export const usePlaybackStore = create<PlaybackState>()((set) => ({
  playhead: null,
  playing: false,
  speed: 1,
  setPlayhead(index) {
    set({ playhead: index })
  },
  play() {
    set({ playing: true })
  },
  pause() {
    set({ playing: false })
  },
  setSpeed(speed) {
    set({ speed })
  },
}))

// ---------------------------------------------------------------------------------------------
// The store

export const useExecutionStore = create<ExecutionState>()((set, get) => {
  const updateRun = (id: string, patch: Partial<RunRecord>) => {
    set({ runs: get().runs.map((run) => (run.id === id ? { ...run, ...patch } : run)) })
  }
  const addRun = (run: RunRecord) => {
    const runs = [...get().runs, run]
    // Drop the oldest finished runs beyond the limit (never the one in progress).
    while (runs.length > MAX_RUNS) {
      const at = runs.findIndex((r) => r.status !== 'RUNNING')
      if (at === -1) break
      runs.splice(at, 1)
    }
    set({ runs, selectedRunId: run.id })
    usePlaybackStore.setState({ playhead: null, playing: false })
  }

  return {
    ...initialData(),
    activeRunId: null,

    setInputText(text) {
      set({ inputText: text })
    },
    setContextText(text) {
      set({ contextText: text })
    },
    setPricing(pricing) {
      set({ pricing: { ...get().pricing, ...pricing } })
    },
    setLimits(limits) {
      set({ limits: { ...get().limits, ...limits } })
    },

    startRun(options = {}) {
      const state = get()
      if (state.activeRunId !== null) {
        return { ok: false, message: 'A run is already in progress; stop it first.' }
      }
      const input = parseJsonInput(state.inputText, 'The execution input')
      if (!input.ok) return input
      const context = state.contextText.trim()
        ? parseJsonInput(state.contextText, 'The context overrides')
        : { ok: true as const, value: undefined }
      if (!context.ok) return context
      if (context.value !== undefined && !isJsonObject(context.value)) {
        return { ok: false, message: 'The context overrides must be a JSON object.' }
      }
      const document = useDocumentStore.getState()
      const definition = selectDefinition(document)
      const mocksState = useMocksStore.getState()
      const { mocks, stateMachineName, testCase } = selectRunMocks(mocksState)
      const seq = state.runSeq + 1
      const id = `run-${Date.now().toString(36)}-${seq}`
      const run: RunRecord = {
        id,
        name: options.name ?? `Run ${seq}${testCase ? ` · ${testCase}` : ''}`,
        source: 'simulated',
        createdAt: Date.now(),
        status: 'RUNNING',
        inputText: state.inputText,
        testCase: testCase ?? null,
        contextText: state.contextText,
        workflowType: document.workflowType,
        stateMachineName: stateMachineName ?? null,
        executionArn: null,
        summary: null,
        note: null,
        events: [],
      }
      set({ runSeq: seq, activeRunId: id })
      addRun(run)

      const request: StartRequest = {
        definition: definition as unknown as StartRequest['definition'],
        input: input.value,
        mocks,
        testCase,
        stateMachineName,
        options: {
          workflowType: document.workflowType,
          limits: state.limits satisfies ExecutionLimits,
          ...(context.value !== undefined ? { context: context.value as JsonObject } : {}),
        },
      }
      const events = run.events
      let handle
      try {
        handle = getClient().start(request, {
          onEvents: (batch) => {
            for (const event of batch) events.push(event)
            for (const listener of runEventsListeners) listener(events)
            scheduleLiveFlush()
          },
        })
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        updateRun(id, { status: 'FAILED', note: `The run could not start: ${message}` })
        set({ activeRunId: null })
        return { ok: false, message }
      }
      abortActive = () => handle.abort()
      handle.finished
        .then(
          (result) => {
            const summary: RunSummary = {
              transitions: result.transitions,
              eventCount: events.length,
              startDate: result.startDate,
              stopDate: result.stopDate,
              durationMs: Math.max(0, Date.parse(result.stopDate) - Date.parse(result.startDate)),
              ...(result.output !== undefined ? { output: result.output } : {}),
              ...(result.error !== undefined ? { error: result.error } : {}),
              ...(result.cause !== undefined ? { cause: result.cause } : {}),
            }
            updateRun(id, {
              status: result.status,
              summary,
              executionArn: result.executionArn || null,
              note: noteFor(result.status, result.error, get().limits),
            })
          },
          (error: unknown) => {
            const crashed = error instanceof WorkerCrashedError
            const message = error instanceof Error ? error.message : String(error)
            updateRun(id, {
              status: 'FAILED',
              summary: summaryFromEvents(events),
              note: crashed
                ? `The interpreter worker crashed (${message}); the run was stopped.`
                : `The run failed: ${message}`,
            })
          },
        )
        .finally(() => {
          if (get().activeRunId === id) set({ activeRunId: null })
          abortActive = null
          useLiveRunStore.setState((s) => ({ version: s.version + 1 }))
        })
      return { ok: true, runId: id }
    },

    async stopRun() {
      await abortActive?.()
    },

    rerun(runId) {
      const run = get().runs.find((r) => r.id === runId)
      if (!run) return { ok: false, message: 'That run no longer exists.' }
      set({ inputText: run.inputText, contextText: run.contextText })
      const mocks = useMocksStore.getState()
      if (run.testCase !== null) mocks.selectTestCase(run.testCase)
      return get().startRun()
    },

    deleteRun(runId) {
      const state = get()
      if (state.activeRunId === runId) return
      const runs = state.runs.filter((r) => r.id !== runId)
      const selectedRunId =
        state.selectedRunId === runId ? (runs.at(-1)?.id ?? null) : state.selectedRunId
      set({ runs, selectedRunId })
      if (selectedRunId !== state.selectedRunId) {
        usePlaybackStore.setState({ playhead: null, playing: false })
      }
    },

    selectRun(runId) {
      if (runId === get().selectedRunId) return
      set({ selectedRunId: runId })
      usePlaybackStore.setState({ playhead: null, playing: false })
    },

    importHistory(source, options = {}) {
      let value: JsonValue
      if (typeof source === 'string') {
        try {
          value = JSON.parse(source) as JsonValue
        } catch (error) {
          return { ok: false, message: `The file is not valid JSON: ${(error as Error).message}` }
        }
      } else {
        value = source
      }
      const definition = selectDefinition(useDocumentStore.getState())
      let normalized: NormalizedHistory
      try {
        normalized = normalizeHistory(value, definition)
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) }
      }
      const seq = get().runSeq + 1
      const id = `run-${Date.now().toString(36)}-${seq}`
      const started = normalized.events[0]
      const input =
        started?.type === 'ExecutionStarted' ? started.executionStartedEventDetails.input : '{}'
      const run: RunRecord = {
        id,
        name: options.name ?? `Imported history ${seq}`,
        source: 'imported',
        createdAt: Date.now(),
        status: normalized.status,
        inputText: prettyJsonText(input),
        testCase: null,
        contextText: '',
        workflowType: useDocumentStore.getState().workflowType,
        stateMachineName: null,
        executionArn: null,
        summary: summaryFromEvents(normalized.events),
        note: normalized.status === 'RUNNING' ? 'The history has no end event (incomplete).' : null,
        events: normalized.events,
      }
      set({ runSeq: seq })
      addRun(run)
      return { ok: true, runId: id, warnings: normalized.warnings }
    },

    exportHistory(runId) {
      const run = get().runs.find((r) => r.id === runId)
      return run ? toAwsHistory(run.events) : undefined
    },
  }
})

// ---------------------------------------------------------------------------------------------
// Persistence (see persistence-api.md)

export function exportPersisted(): ExecutionPersisted {
  const s = useExecutionStore.getState()
  return {
    inputText: s.inputText,
    contextText: s.contextText,
    // A run in progress is saved when it ends.
    runs: s.runs.filter((run) => run.status !== 'RUNNING' || run.source === 'imported'),
    selectedRunId: s.selectedRunId,
    pricing: s.pricing,
    limits: s.limits,
    runSeq: s.runSeq,
  }
}

export function importPersisted(data: ExecutionPersisted | undefined): void {
  // Opening another workflow stops this one's run: its results would land in the wrong place.
  void abortActive?.()
  useExecutionStore.setState({
    ...initialData(),
    ...(data ?? {}),
    pricing: { ...DEFAULT_PRICING, ...(data?.pricing ?? {}) },
    limits: { ...DEFAULT_LIMITS, ...(data?.limits ?? {}) },
    activeRunId: null,
  })
  usePlaybackStore.setState({ playhead: null, playing: false })
}

// ---------------------------------------------------------------------------------------------
// Selectors and pure helpers

export function selectSelectedRun(state: ExecutionState): RunRecord | undefined {
  return state.runs.find((run) => run.id === state.selectedRunId)
}

function parseJsonInput(
  text: string,
  what: string,
): { ok: true; value: JsonValue } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text.trim() === '' ? '{}' : text) as JsonValue }
  } catch (error) {
    return { ok: false, message: `${what} is not valid JSON: ${(error as Error).message}` }
  }
}

function prettyJsonText(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

function noteFor(status: ExecutionStatus, error: string | undefined, limits: RunLimits) {
  if (error === 'Stepwise.TransitionLimitExceeded') {
    return `Stopped at the limit of ${limits.maxTransitions.toLocaleString('en-US')} state transitions: an endless loop? Raise the limit in the run settings if the workflow really needs more.`
  }
  if (error === 'Stepwise.HistoryLimitExceeded') {
    return `Stopped at the limit of ${limits.maxHistoryEvents.toLocaleString('en-US')} history events. Raise the limit in the run settings if the workflow really needs more.`
  }
  if (error === 'Stepwise.InvalidRequest') return 'The run could not start.'
  if (status === 'ABORTED') return 'Stopped.'
  return null
}

export interface CostEstimate {
  standard: number
  express: {
    requests: number
    duration: number
    total: number
    /** Duration billed: rounded up to the next 100 ms. */
    billedMs: number
    /** Memory billed: rounded up to the next 64 MB. */
    billedMb: number
    gbSeconds: number
  }
}

/** What one execution would cost on AWS (no free tier). */
export function estimateCost(
  summary: Pick<RunSummary, 'transitions' | 'durationMs'>,
  pricing: Pricing,
): CostEstimate {
  const standard = (summary.transitions / 1000) * pricing.standardPerThousandTransitions
  const billedMs = Math.max(100, Math.ceil(summary.durationMs / 100) * 100)
  const billedMb = Math.max(64, Math.ceil(pricing.expressMemoryMb / 64) * 64)
  const gbSeconds = (billedMb / 1024) * (billedMs / 1000)
  const requests = pricing.expressPerMillionRequests / 1_000_000
  const duration = gbSeconds * pricing.expressPerGbSecond
  return {
    standard,
    express: { requests, duration, total: requests + duration, billedMs, billedMb, gbSeconds },
  }
}

const RETRY_STARTS = new Set([
  'TaskScheduled',
  'LambdaFunctionScheduled',
  'ActivityScheduled',
  'MapStateStarted',
  'ParallelStateStarted',
])

/** Counts, dates and outcome of a history (for imported or interrupted runs). */
export function summaryFromEvents(events: readonly HistoryEvent[]): RunSummary {
  let transitions = 0
  const failedAt = new Set<string>()
  for (const event of events) {
    const key = event.statePath.join('\u0001')
    if (event.type.endsWith('StateEntered')) {
      transitions++
      failedAt.delete(key)
    } else if (isFailureType(event.type)) {
      failedAt.add(key)
    } else if (RETRY_STARTS.has(event.type) && failedAt.has(key)) {
      // Another attempt of a failed state: AWS counts each retry as a transition.
      transitions++
      failedAt.delete(key)
    }
  }
  const first = events[0]
  const last = events.at(-1)
  const startDate = first?.timestamp ?? new Date(0).toISOString()
  const stopDate = last?.timestamp ?? startDate
  const summary: RunSummary = {
    transitions,
    eventCount: events.length,
    startDate,
    stopDate,
    durationMs: Math.max(0, Date.parse(stopDate) - Date.parse(startDate)),
  }
  if (last) {
    switch (last.type) {
      case 'ExecutionSucceeded':
        summary.output = parseOr(last.executionSucceededEventDetails.output)
        break
      case 'ExecutionFailed':
      case 'ExecutionTimedOut':
      case 'ExecutionAborted': {
        const details =
          last.type === 'ExecutionFailed'
            ? last.executionFailedEventDetails
            : last.type === 'ExecutionTimedOut'
              ? last.executionTimedOutEventDetails
              : last.executionAbortedEventDetails
        if (details?.error !== undefined) summary.error = details.error
        if (details?.cause !== undefined) summary.cause = details.cause
        break
      }
      default:
        break
    }
  }
  return summary
}

function parseOr(text: string | undefined): JsonValue | undefined {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text) as JsonValue
  } catch {
    return text
  }
}

/** Event types that report a failed attempt of a state. */
function isFailureType(type: string): boolean {
  return (
    type === 'TaskFailed' ||
    type === 'TaskTimedOut' ||
    type === 'LambdaFunctionFailed' ||
    type === 'LambdaFunctionTimedOut' ||
    type === 'LambdaFunctionStartFailed' ||
    type === 'LambdaFunctionScheduleFailed' ||
    type === 'ActivityFailed' ||
    type === 'ActivityTimedOut' ||
    type === 'ActivityScheduleFailed' ||
    type === 'TaskStartFailed' ||
    type === 'TaskSubmitFailed' ||
    type === 'MapStateFailed' ||
    type === 'ParallelStateFailed' ||
    type === 'EvaluationFailed' ||
    type === 'MapRunFailed'
  )
}

// ---------------------------------------------------------------------------------------------
// History files: AWS's GetExecutionHistory shape in and out

/** AWS's shape: Stepwise's statePath is dropped (the importer rebuilds it from the definition). */
export function toAwsHistory(events: readonly HistoryEvent[]): { events: JsonObject[] } {
  return {
    events: events.map((event) => {
      const { statePath: _statePath, ...rest } = event
      return rest as unknown as JsonObject
    }),
  }
}

export interface NormalizedHistory {
  events: HistoryEvent[]
  status: RunStatus
  /** Things a person should know (states missing from the current definition…). */
  warnings: string[]
}

interface Ancestor {
  name: string
  kind: 'parallel' | 'map'
  branch: number
}

/** State name → its enclosing Parallel/Map states, outermost first (names are unique in ASL). */
function ancestorsByName(definition: JsonObject): Map<string, Ancestor[]> {
  const result = new Map<string, Ancestor[]>()
  const visit = (machine: JsonValue | undefined, ancestors: Ancestor[]) => {
    if (!isJsonObject(machine) || !isJsonObject(machine.States)) return
    for (const [name, state] of Object.entries(machine.States)) {
      if (!result.has(name)) result.set(name, ancestors)
      if (!isJsonObject(state)) continue
      if (Array.isArray(state.Branches)) {
        state.Branches.forEach((branch, i) =>
          visit(branch, [...ancestors, { name, kind: 'parallel', branch: i }]),
        )
      }
      const processor = state.ItemProcessor ?? state.Iterator
      if (processor !== undefined)
        visit(processor, [...ancestors, { name, kind: 'map', branch: 0 }])
    }
  }
  visit(definition, [])
  return result
}

interface ChainContext {
  state: string | null
  /** Map state name → iteration index, for the iterations this event is inside. */
  iterations: Readonly<Record<string, number>>
}

const ROOT_CONTEXT: ChainContext = { state: null, iterations: {} }

function lowerFirst(key: string): string {
  return key.length > 0 ? key[0]!.toLowerCase() + key.slice(1) : key
}

/** PascalCase keys (PowerShell, .NET, some exports) → the CLI's camelCase. */
function camelKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(camelKeys)
  if (!isJsonObject(value)) return value
  const out: JsonObject = {}
  for (const [key, item] of Object.entries(value)) out[lowerFirst(key)] = camelKeys(item)
  return out
}

function isoTimestamp(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // The CLI and boto3 print epoch seconds (with a fraction); JavaScript SDKs milliseconds.
    return new Date(value > 1e11 ? value : value * 1000).toISOString()
  }
  if (typeof value === 'string') {
    // Python prints microseconds (".123456+00:00"); Date.parse wants at most milliseconds.
    const trimmed = value.replace(/(\.\d{3})\d+/, '$1').replace(' ', 'T')
    const ms = Date.parse(trimmed)
    if (!Number.isNaN(ms)) return new Date(ms).toISOString()
    if (/^\d+(\.\d+)?$/.test(value)) return isoTimestamp(Number(value))
  }
  return undefined
}

function detailsOf(event: JsonObject): JsonObject | undefined {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && isJsonObject(value)) return value
  }
  return undefined
}

/**
 * Reads a history as the AWS CLI, the SDKs or Stepwise export it: `{events: [...]}` (extra keys
 * like nextToken ignored), a bare array, newest-first (`--reverse-order`), timestamps as ISO text
 * or epoch numbers, camelCase or PascalCase keys. Events without Stepwise's `statePath` get one
 * rebuilt from the definition (states by name) and the previousEventId chain (which Map
 * iteration an event belongs to). Throws an Error with a readable message for anything else.
 */
export function normalizeHistory(source: JsonValue, definition: JsonObject): NormalizedHistory {
  let list: JsonValue | undefined = source
  if (isJsonObject(source)) {
    list = source.events ?? source.Events
    if (list === undefined && isJsonObject(source.executionHistory)) {
      list = source.executionHistory.events
    }
  }
  if (!Array.isArray(list)) {
    throw new Error(
      'This is not an execution history: expected {"events": [...]} as `aws stepfunctions get-execution-history` prints it, or an array of events.',
    )
  }
  if (list.length === 0) throw new Error('The history has no events.')
  const raw: JsonObject[] = []
  list.forEach((item, i) => {
    if (!isJsonObject(item)) throw new Error(`Event ${i + 1} is not an object.`)
    const event = 'Type' in item && !('type' in item) ? (camelKeys(item) as JsonObject) : item
    if (typeof event.type !== 'string') {
      throw new Error(`Event ${i + 1} has no "type" (e.g. "ExecutionStarted").`)
    }
    raw.push(event)
  })
  const hasIds = raw.every((e) => e.id !== undefined && Number.isFinite(Number(e.id)))
  const ordered = hasIds ? [...raw].sort((a, b) => Number(a.id) - Number(b.id)) : raw

  const ancestors = ancestorsByName(definition)
  const unknownStates = new Set<string>()
  const pathOf = (name: string, iterations: Readonly<Record<string, number>>) => {
    const chain = ancestors.get(name)
    if (!chain) {
      unknownStates.add(name)
      return [name]
    }
    const path: (string | number)[] = []
    for (const a of chain)
      path.push(a.name, a.kind === 'parallel' ? a.branch : (iterations[a.name] ?? 0))
    path.push(name)
    return path
  }

  const contexts = new Map<number, ChainContext>()
  const events: HistoryEvent[] = []
  let lastTimestamp = new Date(0).toISOString()
  ordered.forEach((source, i) => {
    const id = hasIds ? Number(source.id) : i + 1
    const previousEventId =
      source.previousEventId !== undefined && Number.isFinite(Number(source.previousEventId))
        ? Number(source.previousEventId)
        : hasIds
          ? 0
          : i
    const type = source.type as string
    const timestamp = isoTimestamp(source.timestamp) ?? lastTimestamp
    lastTimestamp = timestamp
    const parent = contexts.get(previousEventId) ?? ROOT_CONTEXT
    const details = detailsOf(source)
    let context = parent
    let statePath: (string | number)[]
    if (Array.isArray(source.statePath)) {
      statePath = source.statePath.filter(
        (s): s is string | number => typeof s === 'string' || typeof s === 'number',
      )
    } else if (type.startsWith('Execution')) {
      statePath = []
    } else if (type.startsWith('MapIteration')) {
      const name = typeof details?.name === 'string' ? details.name : (parent.state ?? '')
      const index = typeof details?.index === 'number' ? details.index : 0
      statePath = [...pathOf(name, parent.iterations), index]
      context = { state: null, iterations: { ...parent.iterations, [name]: index } }
    } else if (
      (type.endsWith('StateEntered') || type.endsWith('StateExited')) &&
      typeof details?.name === 'string'
    ) {
      statePath = pathOf(details.name, parent.iterations)
      context = { state: details.name, iterations: parent.iterations }
    } else {
      statePath = parent.state === null ? [] : pathOf(parent.state, parent.iterations)
    }
    contexts.set(id, context)
    const event: JsonObject = { ...source, id, previousEventId, timestamp }
    event.statePath = statePath
    events.push(event as unknown as HistoryEvent)
  })

  const last = events.at(-1)!.type
  const status: RunStatus =
    last === 'ExecutionSucceeded'
      ? 'SUCCEEDED'
      : last === 'ExecutionFailed'
        ? 'FAILED'
        : last === 'ExecutionTimedOut'
          ? 'TIMED_OUT'
          : last === 'ExecutionAborted'
            ? 'ABORTED'
            : 'RUNNING'
  const warnings: string[] = []
  if (unknownStates.size > 0) {
    const names = [...unknownStates]
    warnings.push(
      `${names.length === 1 ? 'State' : 'States'} ${names.map((n) => `“${n}”`).join(', ')} ${names.length === 1 ? 'is' : 'are'} not in the current definition; ${names.length === 1 ? 'its' : 'their'} events are listed but not shown on the canvas.`,
    )
  }
  return { events, status, warnings }
}
