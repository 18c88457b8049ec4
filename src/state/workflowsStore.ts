// The workspace: the list of workflows kept in the browser's IndexedDB, which one is open, and the
// actions on the list (create, open, rename, duplicate, delete with undo). Not undone with the
// document: the document's history belongs to the open workflow and starts afresh when another
// one opens.
//
// Every change of the open workflow (document, title, and every store of the persistence
// contract) is saved as it happens: a short debounce gathers a burst of edits into one write,
// and the page's `pagehide` / `visibilitychange` flush what is pending. Runs are saved in their
// own records, only when they changed (by identity) and have finished.
//
// Storage failures are shown (a notice and `storageError` for a lasting banner), never
// swallowed; when IndexedDB cannot be opened at all the workspace works in memory and says so.

import { create } from 'zustand'
import type { JsonObject, JsonValue, WorkflowType } from '../core/asl/types'
import { isJsonObject } from '../core/asl/types'
import type { SerializedLayout } from '../core/graph/layoutMap'
import { useWorkspaceStore } from './workspaceStore'
import { joinRuns, runKey, splitRuns, type RunRecord, type WorkflowRecord } from './persistence/db'
import {
  describeStorageError,
  IdbRepository,
  MemoryRepository,
  type DeletedWorkflow,
  type WorkspaceRepository,
} from './persistence/repository'
import {
  exportDocument,
  importDocument,
  persistedSlices,
  storeFunction,
  subscribeDocument,
} from './persistence/slices'

/** What a new workflow starts from (New, an import, an example, a share link). */
export interface WorkflowSeed {
  name: string
  definition: JsonObject
  workflowType?: WorkflowType
  layout?: SerializedLayout
  /** A MockConfigFile for the mocks store (`importMockConfig`). */
  mockConfig?: JsonObject
  /** The run input to start with (the execution store's `setInputText`). */
  runInput?: JsonValue
  /** Store data as `exportPersisted()` gives it, by store key (duplicates, share links). */
  slices?: Record<string, unknown>
}

export interface WorkflowSummary {
  id: string
  name: string
  createdAt: number
  updatedAt: number
  stateCount: number
}

export interface WorkflowsState {
  /** 'starting' until the workspace has been read and a workflow opened. */
  status: 'starting' | 'ready'
  /** False when the browser refused storage: the workspace lives only in this tab. */
  durable: boolean
  /** In creation order. */
  workflows: WorkflowSummary[]
  openId: string | null
  /** The last storage failure, shown until dismissed. */
  storageError: string | null
  /** The workflow the last delete removed, while Undo can bring it back. */
  lastDeleted: { id: string; name: string } | null
  createWorkflow(seed?: WorkflowSeed): Promise<string>
  openWorkflow(id: string): Promise<void>
  renameWorkflow(id: string, name: string): Promise<void>
  duplicateWorkflow(id: string): Promise<string | undefined>
  deleteWorkflow(id: string): Promise<void>
  undoDelete(): Promise<void>
  dismissStorageError(): void
}

export const EMPTY_DEFINITION: JsonObject = { StartAt: '', States: {} }
const SAVE_DELAY_MS = 200
const OPEN_KEY = 'openWorkflowId'

// ---------------------------------------------------------------------------------------------
// Session state (beside the store: views never render it)

let repository: WorkspaceRepository = new MemoryRepository()
let open: { id: string; createdAt: number } | null = null
/** Set while a workflow is being loaded into the stores: those changes are not edits. */
let loading = false
let dirty = false
let timer: ReturnType<typeof setTimeout> | null = null
/** Writes run one after another, so an older snapshot never lands after a newer one. */
let chain: Promise<void> = Promise.resolve()
/** The run objects last written for the open workflow, by run id. */
let savedRuns = new Map<string, unknown>()
let deleted: DeletedWorkflow | null = null
let unsubscribers: (() => void)[] = []

function now(): number {
  return Date.now()
}

/**
 * Creation times are the list's order, so they never tie: two workflows made in the same
 * millisecond (an import of several, a quick duplicate) keep the order they were made in.
 */
let lastCreatedAt = 0
function creationTime(): number {
  lastCreatedAt = Math.max(now(), lastCreatedAt + 1)
  return lastCreatedAt
}

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `wf-${now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`
}

function countStates(definition: JsonObject): number {
  let count = 0
  const visit = (container: JsonObject) => {
    const states = container.States
    if (!isJsonObject(states)) return
    for (const state of Object.values(states)) {
      if (!isJsonObject(state)) continue
      count++
      if (Array.isArray(state.Branches)) state.Branches.forEach((b) => isJsonObject(b) && visit(b))
      for (const key of ['ItemProcessor', 'Iterator']) {
        const processor = state[key]
        if (isJsonObject(processor)) visit(processor)
      }
    }
  }
  visit(definition)
  return count
}
function summary(record: WorkflowRecord): WorkflowSummary {
  return {
    id: record.id,
    name: record.name,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    stateCount: countStates(record.definition),
  }
}

function reportStorageError(error: unknown): void {
  const message = describeStorageError(error)
  useWorkflowsStore.setState({ storageError: message })
  useWorkspaceStore
    .getState()
    .notify('error', message, error instanceof Error ? error.message : String(error))
  console.error('Stepwise workspace storage:', error)
}

/** Runs a write after the ones before it; a failure is reported, and the chain goes on. */
function enqueue<T>(write: () => Promise<T>): Promise<T | undefined> {
  const result = chain.then(write).catch((error: unknown) => {
    reportStorageError(error)
    return undefined
  })
  chain = result.then(() => undefined)
  return result
}

function upsertSummary(record: WorkflowRecord): void {
  const list = useWorkflowsStore.getState().workflows
  const next = summary(record)
  const index = list.findIndex((w) => w.id === record.id)
  const workflows =
    index < 0
      ? [...list, next].sort((a, b) => a.createdAt - b.createdAt)
      : list.map((w, i) => (i === index ? next : w))
  useWorkflowsStore.setState({ workflows })
}

// ---------------------------------------------------------------------------------------------
// Saving the open workflow

/** The open workflow's record and its runs, as the stores hold them now. */
function captureOpen(): { record: WorkflowRecord; runs: { id: string; data: unknown }[] } | null {
  if (!open) return null
  const document = exportDocument()
  const slices: Record<string, unknown> = {}
  let runs: { id: string; data: unknown }[] = []
  for (const slice of persistedSlices) {
    const data = slice.exportPersisted()
    if (slice.key === 'execution') {
      const split = splitRuns(data)
      slices.execution = split.rest
      runs = split.runs
    } else {
      slices[slice.key] = data
    }
  }
  return {
    record: {
      id: open.id,
      name: document.name,
      createdAt: open.createdAt,
      updatedAt: now(),
      workflowType: document.workflowType,
      definition: document.definition,
      layout: document.layout,
      slices,
    },
    runs,
  }
}

function isRunning(run: unknown): boolean {
  const status = isJsonObject(run) ? run.status : undefined
  return typeof status === 'string' && status.toLowerCase() === 'running'
}

/** Writes the open workflow now if anything changed since the last write. */
export function flushWorkspace(): Promise<void> {
  if (timer !== null) {
    clearTimeout(timer)
    timer = null
  }
  if (!dirty || !open) return chain
  dirty = false
  const captured = captureOpen()
  if (!captured) return chain
  const { record, runs } = captured
  const workflowId = record.id
  const put: RunRecord[] = []
  const seen = new Set<string>()
  for (const run of runs) {
    seen.add(run.id)
    if (savedRuns.get(run.id) === run.data || isRunning(run.data)) continue
    put.push({ key: runKey(workflowId, run.id), workflowId, runId: run.id, data: run.data })
  }
  const removed = [...savedRuns.keys()].filter((id) => !seen.has(id))
  for (const run of put) savedRuns.set(run.runId, run.data)
  for (const id of removed) savedRuns.delete(id)
  upsertSummary(record)
  // Started now, not after earlier writes: IndexedDB runs read-write transactions on the same
  // stores in the order they were created, and a save from `pagehide` must not wait a turn.
  let save: Promise<void>
  try {
    save = repository.saveWorkflow(record, put, removed)
  } catch (error) {
    save = Promise.reject(error)
  }
  const settled = save.catch((error: unknown) => {
    // Not written: the next save tries these runs again.
    for (const run of put) if (savedRuns.get(run.runId) === run.data) savedRuns.delete(run.runId)
    reportStorageError(error)
  })
  chain = Promise.all([chain, settled]).then(() => undefined)
  return chain
}

function markDirty(): void {
  if (loading || !open) return
  dirty = true
  if (timer !== null) clearTimeout(timer)
  timer = setTimeout(() => void flushWorkspace(), SAVE_DELAY_MS)
}

function subscribeStores(): void {
  for (const off of unsubscribers) off()
  unsubscribers = [
    subscribeDocument(markDirty),
    ...persistedSlices.map((s) => s.subscribe(markDirty)),
  ]
}

// ---------------------------------------------------------------------------------------------
// Loading a workflow into the stores

async function loadIntoStores(record: WorkflowRecord, runRecords: RunRecord[]): Promise<void> {
  loading = true
  try {
    importDocument({
      name: record.name,
      definition: record.definition,
      layout: record.layout,
      workflowType: record.workflowType,
    })
    const runs = new Map(runRecords.map((r) => [r.runId, r.data]))
    for (const slice of persistedSlices) {
      const data = record.slices[slice.key]
      slice.importPersisted(slice.key === 'execution' ? joinRuns(data, runs) : data)
    }
    savedRuns = runs
    open = { id: record.id, createdAt: record.createdAt }
    dirty = false
    useWorkflowsStore.setState({ openId: record.id })
  } finally {
    loading = false
  }
  void enqueue(() => repository.setMeta(OPEN_KEY, record.id))
}

function recordFromSeed(seed: WorkflowSeed, id: string): WorkflowRecord {
  const time = creationTime()
  return {
    id,
    name: seed.name.trim() || 'Untitled workflow',
    createdAt: time,
    updatedAt: time,
    workflowType: seed.workflowType ?? 'STANDARD',
    definition: seed.definition,
    layout: seed.layout ?? {},
    slices: seed.slices ?? {},
  }
}

/** A name not yet in the list: "Orders", "Orders (2)", … */
function uniqueName(name: string, except?: string): string {
  const taken = new Set(
    useWorkflowsStore
      .getState()
      .workflows.filter((w) => w.id !== except)
      .map((w) => w.name),
  )
  if (!taken.has(name)) return name
  const base = name.replace(/ \(\d+\)$/, '')
  for (let i = 2; ; i++) {
    const candidate = `${base} (${i})`
    if (!taken.has(candidate)) return candidate
  }
}

// ---------------------------------------------------------------------------------------------
// The store

export const useWorkflowsStore = create<WorkflowsState>()((set, get) => ({
  status: 'starting',
  durable: false,
  workflows: [],
  openId: null,
  storageError: null,
  lastDeleted: null,

  async createWorkflow(seed = { name: 'Untitled workflow', definition: EMPTY_DEFINITION }) {
    await flushWorkspace()
    const record = recordFromSeed({ ...seed, name: uniqueName(seed.name) }, newId())
    upsertSummary(record)
    await enqueue(() => repository.putWorkflow(record))
    await loadIntoStores(record, [])
    if (seed.mockConfig) {
      const importMockConfig = storeFunction<(json: unknown) => unknown>(
        'mocks',
        'importMockConfig',
      )
      importMockConfig?.(seed.mockConfig)
    }
    if (seed.runInput !== undefined) {
      const setInputText = storeFunction<(text: string) => void>('execution', 'setInputText')
      setInputText?.(JSON.stringify(seed.runInput, null, 2))
    }
    // Whatever the stores made of the seed (normalized mocks, a reset execution) is saved too.
    dirty = true
    await flushWorkspace()
    return record.id
  },

  async openWorkflow(id) {
    if (id === open?.id) return
    await flushWorkspace()
    const loaded = await enqueue(async () => {
      const record = await repository.getWorkflow(id)
      const runs = record ? await repository.getRuns(id) : []
      return { record, runs }
    })
    if (!loaded?.record) {
      useWorkspaceStore.getState().notify('error', 'That workflow is no longer in the workspace.')
      set({ workflows: get().workflows.filter((w) => w.id !== id) })
      return
    }
    await loadIntoStores(loaded.record, loaded.runs)
  },

  async renameWorkflow(id, name) {
    const trimmed = name.trim()
    if (!trimmed) return
    if (id === open?.id) {
      useWorkspaceStore.getState().setDocumentTitle(trimmed)
      await flushWorkspace()
      return
    }
    const record = await enqueue(() => repository.getWorkflow(id))
    if (!record) return
    const renamed = { ...record, name: trimmed, updatedAt: now() }
    upsertSummary(renamed)
    await enqueue(() => repository.putWorkflow(renamed))
  },

  async duplicateWorkflow(id) {
    await flushWorkspace()
    const loaded = await enqueue(async () => {
      const record = await repository.getWorkflow(id)
      const runs = record ? await repository.getRuns(id) : []
      return { record, runs }
    })
    if (!loaded?.record) return undefined
    const copyId = newId()
    const source = loaded.record
    const copy = recordFromSeed(
      {
        name: uniqueName(`${source.name} (copy)`),
        definition: source.definition,
        workflowType: source.workflowType,
        layout: source.layout,
        slices: source.slices,
      },
      copyId,
    )
    const runs = loaded.runs.map((run) => ({
      ...run,
      key: runKey(copyId, run.runId),
      workflowId: copyId,
    }))
    upsertSummary(copy)
    await enqueue(async () => {
      await repository.putWorkflow(copy)
      await repository.saveRuns(copyId, runs, [])
    })
    await loadIntoStores(copy, runs)
    return copyId
  },

  async deleteWorkflow(id) {
    const wasOpen = id === open?.id
    const openBefore = open
    if (wasOpen) {
      await flushWorkspace()
      open = null
    }
    const removed = await enqueue(() => repository.deleteWorkflow(id))
    if (!removed) {
      // Not deleted (storage refused): it stays open as it was.
      if (wasOpen) open = openBefore
      return
    }
    deleted = removed
    const workflows = get().workflows.filter((w) => w.id !== id)
    set({ workflows, lastDeleted: { id, name: removed.record.name } })
    if (!wasOpen) return
    const next = [...workflows].sort((a, b) => b.updatedAt - a.updatedAt)[0]
    if (next) await get().openWorkflow(next.id)
    else await get().createWorkflow()
  },

  async undoDelete() {
    const restore = deleted
    if (!restore) return
    deleted = null
    set({ lastDeleted: null })
    await enqueue(() => repository.restoreWorkflow(restore))
    upsertSummary(restore.record)
    await get().openWorkflow(restore.record.id)
  },

  dismissStorageError() {
    set({ storageError: null })
  },
}))

// ---------------------------------------------------------------------------------------------
// Startup

export interface StartOptions {
  /** The store to use (tests); by default IndexedDB, else memory with a message. */
  repository?: WorkspaceRepository
  /** A workflow to add and open (a share link): added beside the others, never over one. */
  shared?: WorkflowSeed
  /** What a first visit opens (the bundled example). */
  firstWorkflow?: () => Promise<WorkflowSeed | undefined>
}

let pageListeners = false

/** Reads the workspace and opens the last open workflow (or the shared / first one). */
export async function startWorkspace(options: StartOptions = {}): Promise<void> {
  let repo = options.repository
  if (!repo) {
    try {
      repo = await IdbRepository.open({
        onBlocked: () =>
          useWorkspaceStore
            .getState()
            .notify(
              'error',
              'Another Stepwise tab keeps an older version of the workspace open: close it so this tab can load and save your workflows.',
            ),
        onVersionChange: () =>
          reportStorageError(
            new DOMException('Upgraded in another tab', 'VersionError') as unknown as Error,
          ),
      })
    } catch (error) {
      reportStorageError(error)
      repo = new MemoryRepository()
    }
  }
  repository = repo
  set({ durable: repo.durable })
  subscribeStores()
  if (!pageListeners && typeof window !== 'undefined') {
    pageListeners = true
    window.addEventListener('pagehide', () => void flushWorkspace())
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void flushWorkspace()
    })
  }

  let records: WorkflowRecord[] = []
  let lastOpen: unknown
  try {
    records = await repo.listWorkflows()
    lastOpen = await repo.getMeta(OPEN_KEY)
  } catch (error) {
    reportStorageError(error)
  }
  for (const record of records) lastCreatedAt = Math.max(lastCreatedAt, record.createdAt)
  set({ workflows: records.map(summary).sort((a, b) => a.createdAt - b.createdAt) })
  const store = useWorkflowsStore.getState()
  if (options.shared) {
    await store.createWorkflow(options.shared)
  } else if (records.length > 0) {
    const target =
      records.find((r) => r.id === lastOpen) ??
      [...records].sort((a, b) => b.updatedAt - a.updatedAt)[0]!
    await store.openWorkflow(target.id)
  } else {
    let seed: WorkflowSeed | undefined
    try {
      seed = await options.firstWorkflow?.()
    } catch (error) {
      useWorkspaceStore
        .getState()
        .notify(
          'error',
          'Could not load the example workflow; starting with an empty one.',
          error instanceof Error ? error.message : String(error),
        )
    }
    await store.createWorkflow(seed)
  }
  set({ status: 'ready' })
}

function set(partial: Partial<WorkflowsState>): void {
  useWorkflowsStore.setState(partial)
}

/** For tests: forget the session (the repository's data stays where it is). */
export async function resetWorkspaceSession(): Promise<void> {
  await flushWorkspace()
  await chain
  for (const off of unsubscribers) off()
  unsubscribers = []
  repository = new MemoryRepository()
  open = null
  loading = false
  dirty = false
  savedRuns = new Map()
  deleted = null
  useWorkflowsStore.setState({
    status: 'starting',
    durable: false,
    workflows: [],
    openId: null,
    storageError: null,
    lastDeleted: null,
  })
}
