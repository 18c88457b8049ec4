// The per-workflow data of every store, as the persistence contract defines it
// (/work/team/persistence-api.md): the document (definition, layout, type, title) and each store
// file that exports `exportPersisted()` / `importPersisted(data)` next to its zustand hook.
//
// The other stores are found by file name at build time (`import.meta.glob`), so a store that
// lands later is saved with the workflow without an edit here; a missing file is simply absent.

import type { JsonObject, WorkflowType } from '../../core/asl/types'
import { deserializeLayout, serializeLayout } from '../../core/graph/layoutMap'
import type { SerializedLayout } from '../../core/graph/layoutMap'
import { selectDefinition, useDocumentStore } from '../documentStore'
import { useWorkspaceStore } from '../workspaceStore'

export type SliceKey = 'code' | 'mocks' | 'execution'

export interface PersistedSlice {
  key: SliceKey
  subscribe(listener: () => void): () => void
  exportPersisted(): unknown
  importPersisted(data: unknown): void
}

interface Subscribable {
  subscribe(listener: () => void): () => void
  getState(): unknown
}

type StoreModule = Record<string, unknown>

const FILES: Record<SliceKey, { path: string; hook: string }> = {
  code: { path: '../codeStore.ts', hook: 'useCodeStore' },
  mocks: { path: '../mocksStore.ts', hook: 'useMocksStore' },
  execution: { path: '../executionStore.ts', hook: 'useExecutionStore' },
}

const modules: Record<string, StoreModule> = import.meta.glob<StoreModule>(
  ['../codeStore.ts', '../mocksStore.ts', '../executionStore.ts'],
  { eager: true },
)

function isSubscribable(value: unknown): value is Subscribable {
  return (
    typeof value === 'function' &&
    typeof (value as unknown as Subscribable).subscribe === 'function' &&
    typeof (value as unknown as Subscribable).getState === 'function'
  )
}

function sliceFrom(key: SliceKey, module: StoreModule | undefined): PersistedSlice | undefined {
  if (!module) return undefined
  const exportPersisted = module.exportPersisted
  const importPersisted = module.importPersisted
  if (typeof exportPersisted !== 'function' || typeof importPersisted !== 'function') {
    return undefined
  }
  const hook = isSubscribable(module[FILES[key].hook])
    ? (module[FILES[key].hook] as Subscribable)
    : (Object.values(module).find(isSubscribable) as Subscribable | undefined)
  if (!hook) return undefined
  return {
    key,
    subscribe: (listener) => hook.subscribe(listener),
    exportPersisted: () => (exportPersisted as () => unknown)(),
    importPersisted: (data) => (importPersisted as (data: unknown) => void)(data),
  }
}

/** The stores (other than the document) whose data is saved with each workflow. */
export const persistedSlices: readonly PersistedSlice[] = (Object.keys(FILES) as SliceKey[])
  .map((key) => sliceFrom(key, modules[FILES[key].path]))
  .filter((slice): slice is PersistedSlice => slice !== undefined)

/**
 * A function of a store: exported by its module, or an action of its zustand state (e.g. the
 * mocks store's `importMockConfig`, the execution store's `importHistory`).
 */
export function storeFunction<F extends (...args: never[]) => unknown>(
  key: SliceKey,
  name: string,
): F | undefined {
  const module = modules[FILES[key].path]
  if (!module) return undefined
  const exported = module[name]
  if (typeof exported === 'function' && !isSubscribable(exported)) return exported as F
  const hook = isSubscribable(module[FILES[key].hook])
    ? (module[FILES[key].hook] as Subscribable)
    : (Object.values(module).find(isSubscribable) as Subscribable | undefined)
  const state = hook?.getState() as Record<string, unknown> | undefined
  const action = state?.[name]
  // Looked up on each call: zustand actions read the current state themselves.
  return typeof action === 'function'
    ? (((...args: never[]) =>
        (hook!.getState() as Record<string, (...a: never[]) => unknown>)[name]!(...args)) as F)
    : undefined
}

// ---------------------------------------------------------------------------------------------
// The document

export interface DocumentData {
  name: string
  definition: JsonObject
  layout: SerializedLayout
  workflowType: WorkflowType
}

/** The open document as it is saved. */
export function exportDocument(): DocumentData {
  const doc = useDocumentStore.getState()
  return {
    name: useWorkspaceStore.getState().documentTitle,
    definition: selectDefinition(doc),
    layout: serializeLayout(doc.graph, doc.layout),
    workflowType: doc.workflowType,
  }
}

/** Opens saved document data: a fresh undo history, positions by state path. */
export function importDocument(data: DocumentData): void {
  useDocumentStore.getState().openDocument({
    definition: data.definition,
    layout: (graph) => deserializeLayout(graph, data.layout),
    workflowType: data.workflowType,
  })
  const workspace = useWorkspaceStore.getState()
  workspace.setDocumentTitle(data.name)
  workspace.select([])
}

/** Calls `listener` whenever the saved part of the document or its title changes. */
export function subscribeDocument(listener: () => void): () => void {
  const offDocument = useDocumentStore.subscribe((state, previous) => {
    if (
      state.graph !== previous.graph ||
      state.layout !== previous.layout ||
      state.workflowType !== previous.workflowType
    ) {
      listener()
    }
  })
  const offTitle = useWorkspaceStore.subscribe((state, previous) => {
    if (state.documentTitle !== previous.documentTitle) listener()
  })
  return () => {
    offDocument()
    offTitle()
  }
}
