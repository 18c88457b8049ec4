// The one document: the graph model, the layout beside it and the workflow type. Every view
// edits it through these actions, which call the pure commands of core/graph. Only this store is
// undone; one user gesture is one apply() and so one undo step (see store-api.md).
//
// History keeps whole snapshots: graphs are immutable and share every untouched state, so a
// snapshot costs a few object references, and undo is an assignment rather than an inverse
// command that could drift from the forward one.

import { create } from 'zustand'
import type { Diagnostic, DocPath } from '../core/asl/diagnostics'
import type { JsonObject, WorkflowType } from '../core/asl/types'
import { validateDefinition } from '../core/asl/validate'
import type { GraphCommand } from '../core/graph/commands'
import { applyCommand } from '../core/graph/commands'
import type { Layout } from '../core/graph/layoutMap'
import { EMPTY_LAYOUT, pruneLayout } from '../core/graph/layoutMap'
import type { StateId, WorkflowGraph } from '../core/graph/model'
import { aslToGraph, graphToAsl, stateIdAtDocPath } from '../core/graph/model'

/** What one undo step restores. */
export interface DocumentSnapshot {
  readonly graph: WorkflowGraph
  readonly layout: Layout
  readonly workflowType: WorkflowType
  /** What the step that left this snapshot did, e.g. "Rename state" (for Undo's tooltip). */
  readonly label: string
}

export interface OpenDocumentArgs {
  definition: JsonObject
  layout?: Layout | ((graph: WorkflowGraph) => Layout)
  workflowType?: WorkflowType
}

export interface DocumentState {
  graph: WorkflowGraph
  layout: Layout
  workflowType: WorkflowType
  canUndo: boolean
  canRedo: boolean
  /** Labels of the steps undo and redo would take back / bring back (for tooltips). */
  undoLabel: string | null
  redoLabel: string | null
  /** Bumped by openDocument: views reset (fit the view, clear local state) when it changes. */
  documentSeq: number
  /**
   * Applies commands as ONE undo step; `layout` (optional) replaces the layout in that step.
   * A command that fails (GraphError) throws and changes nothing; a step that changes nothing
   * is not recorded.
   */
  apply(
    commands: GraphCommand | readonly GraphCommand[],
    options?: { layout?: Layout; label?: string },
  ): void
  /** Positions only (drag end is one undo step; `undoable: false` for auto-layout on open). */
  setLayout(layout: Layout, options?: { undoable?: boolean; label?: string }): void
  setWorkflowType(type: WorkflowType): void
  /** Replaces the definition (code view, import). States keep ids (and so positions) by name. */
  replaceDefinition(
    definition: JsonObject,
    options?: { label?: string; undoable?: boolean; layout?: Layout },
  ): void
  /**
   * Opens another document (an example, a workspace entry): fresh ids and an empty history.
   * `layout` may be computed from the new graph (e.g. deserialized by path keys).
   */
  openDocument(args: OpenDocumentArgs): void
  undo(): void
  redo(): void
}

/** How many steps undo goes back. */
export const HISTORY_LIMIT = 200

const EMPTY_DEFINITION: JsonObject = { StartAt: '', States: {} }

// History lives beside the store, not in it: views never render it, and keeping it out of the
// state keeps every selector's equality cheap.
let past: DocumentSnapshot[] = []
let future: DocumentSnapshot[] = []

function historyFlags() {
  return {
    canUndo: past.length > 0,
    canRedo: future.length > 0,
    undoLabel: past.at(-1)?.label ?? null,
    redoLabel: future.at(-1)?.label ?? null,
  }
}

export const useDocumentStore = create<DocumentState>()((set, get) => {
  /** Records the current document as an undo step, then moves to `next`. */
  const commit = (
    next: Partial<Pick<DocumentState, 'graph' | 'layout' | 'workflowType'>>,
    label: string,
  ) => {
    const current = get()
    past.push({
      graph: current.graph,
      layout: current.layout,
      workflowType: current.workflowType,
      label,
    })
    if (past.length > HISTORY_LIMIT) past = past.slice(past.length - HISTORY_LIMIT)
    future = []
    set({ ...next, ...historyFlags() })
  }

  const restore = (from: DocumentSnapshot[], to: DocumentSnapshot[]) => {
    const snapshot = from.pop()
    if (!snapshot) return
    const current = get()
    to.push({
      graph: current.graph,
      layout: current.layout,
      workflowType: current.workflowType,
      label: snapshot.label,
    })
    set({
      graph: snapshot.graph,
      layout: snapshot.layout,
      workflowType: snapshot.workflowType,
      ...historyFlags(),
    })
  }

  return {
    graph: aslToGraph(EMPTY_DEFINITION),
    layout: EMPTY_LAYOUT,
    workflowType: 'STANDARD',
    canUndo: false,
    canRedo: false,
    undoLabel: null,
    redoLabel: null,
    documentSeq: 0,

    apply(commands, options = {}) {
      const list: readonly GraphCommand[] = isCommandList(commands) ? commands : [commands]
      const before = get().graph
      let graph = before
      for (const command of list) graph = applyCommand(graph, command)
      if (graph === before && options.layout === undefined) return
      const label = options.label ?? commandLabel(list[0])
      commit(options.layout === undefined ? { graph } : { graph, layout: options.layout }, label)
    },

    setLayout(layout, options = {}) {
      if (layout === get().layout) return
      if (options.undoable === false) set({ layout })
      else commit({ layout }, options.label ?? 'Move')
    },

    setWorkflowType(type) {
      if (type === get().workflowType) return
      commit({ workflowType: type }, `Workflow type ${type}`)
    },

    replaceDefinition(definition, options = {}) {
      const current = get()
      // The code view re-sends unchanged text (formatting, undo in the editor): not a step.
      if (
        options.layout === undefined &&
        JSON.stringify(definition) === JSON.stringify(selectDefinition(current))
      ) {
        return
      }
      const graph = aslToGraph(definition, { previous: current.graph })
      const layout = options.layout ?? pruneLayout(graph, current.layout)
      if (options.undoable === false) set({ graph, layout })
      else commit({ graph, layout }, options.label ?? 'Replace definition')
    },

    openDocument(args) {
      const graph = aslToGraph(args.definition)
      const layout =
        typeof args.layout === 'function' ? args.layout(graph) : (args.layout ?? EMPTY_LAYOUT)
      past = []
      future = []
      set({
        graph,
        layout,
        workflowType: args.workflowType ?? 'STANDARD',
        documentSeq: get().documentSeq + 1,
        ...historyFlags(),
      })
    },

    undo() {
      restore(past, future)
    },

    redo() {
      restore(future, past)
    },
  }
})

function isCommandList(
  commands: GraphCommand | readonly GraphCommand[],
): commands is readonly GraphCommand[] {
  return Array.isArray(commands)
}

/** A default undo label from the first command of a step. */
function commandLabel(command: GraphCommand | undefined): string {
  if (!command) return 'Edit'
  switch (command.type) {
    case 'addState':
      return 'Add state'
    case 'pasteStates':
      return 'Paste'
    case 'removeStates':
      return command.ids.length > 1 ? 'Delete states' : 'Delete state'
    case 'renameState':
      return 'Rename state'
    case 'connect':
      return 'Connect'
    case 'disconnect':
      return 'Disconnect'
    case 'setField':
    case 'unsetField':
    case 'replaceState':
      return 'Edit state'
    case 'insertStateOnEdge':
      return 'Insert state'
    case 'moveStates':
      return 'Move states'
    case 'addBranch':
      return 'Add branch'
    case 'removeBranch':
      return 'Remove branch'
    case 'setStartAt':
      return 'Set start state'
    case 'duplicateStates':
      return 'Duplicate'
    case 'setMachineField':
      return 'Edit workflow settings'
    case 'loadDefinition':
      return 'Replace definition'
  }
}

// ---------------------------------------------------------------------------------------------
// Derived data: memoized by graph identity, so calling these in render is free after the first.

const definitions = new WeakMap<WorkflowGraph, JsonObject>()
const diagnostics = new WeakMap<WorkflowGraph, Partial<Record<WorkflowType, Diagnostic[]>>>()

/** The ASL definition of the document (`graphToAsl(graph)`). */
export function selectDefinition(state: Pick<DocumentState, 'graph'>): JsonObject {
  let definition = definitions.get(state.graph)
  if (!definition) {
    definition = graphToAsl(state.graph)
    definitions.set(state.graph, definition)
  }
  return definition
}

/** The validator's diagnostics for the document under its workflow type. */
export function selectDiagnostics(
  state: Pick<DocumentState, 'graph' | 'workflowType'>,
): Diagnostic[] {
  let byType = diagnostics.get(state.graph)
  if (!byType) {
    byType = {}
    diagnostics.set(state.graph, byType)
  }
  let list = byType[state.workflowType]
  if (!list) {
    list = validateDefinition(selectDefinition(state), { workflowType: state.workflowType })
    byType[state.workflowType] = list
  }
  return list
}

const diagnosticsByState = new WeakMap<Diagnostic[], ReadonlyMap<StateId, Diagnostic[]>>()

/** Diagnostics grouped by the innermost state they belong to (for canvas badges). */
export function selectDiagnosticsByState(
  state: Pick<DocumentState, 'graph' | 'workflowType'>,
): ReadonlyMap<StateId, Diagnostic[]> {
  const list = selectDiagnostics(state)
  let grouped = diagnosticsByState.get(list)
  if (!grouped) {
    const map = new Map<StateId, Diagnostic[]>()
    for (const diagnostic of list) {
      const id = stateIdForPath(state.graph, diagnostic.path)
      if (id === undefined) continue
      const bucket = map.get(id)
      if (bucket) bucket.push(diagnostic)
      else map.set(id, [diagnostic])
    }
    grouped = map
    diagnosticsByState.set(list, grouped)
  }
  return grouped
}

/** Which state a diagnostic (by its document path) belongs to, if any. */
export function stateIdForPath(graph: WorkflowGraph, path: DocPath): StateId | undefined {
  return stateIdAtDocPath(graph, path)
}

/** For tests: back to an empty document with no history. */
export function resetDocumentStore(): void {
  useDocumentStore.getState().openDocument({ definition: EMPTY_DEFINITION })
}
