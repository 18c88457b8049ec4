// Canvas actions: what a gesture, a shortcut, a menu item or a toolbar button does. Each reads
// the stores when it runs (never a stale render's copy) and applies one undo step. Failures a
// user can cause (a taken name, a transition across branches) become a notice, never a crash.

import type { JsonObject } from '../../core/asl/types'
import type { EdgeKind } from '../../core/graph/edges'
import { parseEdgeId } from '../../core/graph/edges'
import type { GraphCommand } from '../../core/graph/commands'
import type { Layout, Point } from '../../core/graph/layoutMap'
import type { ScopeId, StateId } from '../../core/graph/model'
import { ROOT_SCOPE_ID, statesToAsl } from '../../core/graph/model'
import { checkStateName } from '../../core/graph/names'
import { useDocumentStore } from '../../state/documentStore'
import { useWorkspaceStore } from '../../state/workspaceStore'
import type { ClipboardStates, DropTarget, NewState, Plan } from './editing'
import {
  copyStates,
  parseClipboardStates,
  planAppend,
  planDrop,
  planDuplicate,
  planMove,
  planPaste,
} from './editing'

const doc = () => useDocumentStore.getState()
const workspace = () => useWorkspaceStore.getState()

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Applies commands as one step; a refused edit becomes an error notice. Returns success. */
export function applySafely(
  commands: GraphCommand | readonly GraphCommand[],
  options: { layout?: Layout; label?: string } = {},
): boolean {
  try {
    doc().apply(commands, options)
    return true
  } catch (error) {
    workspace().notify('error', errorMessage(error))
    return false
  }
}

/** Plans a gesture; a refused one (e.g. a transition a state cannot have) becomes a notice. */
function planSafely(make: () => Plan | undefined): Plan | undefined {
  try {
    return make()
  } catch (error) {
    workspace().notify('error', errorMessage(error))
    return undefined
  }
}

function applyPlan(plan: Plan | undefined): boolean {
  if (!plan) return false
  const ok = applySafely(plan.commands, { layout: plan.layout, label: plan.label })
  if (ok && plan.newIds.length > 0) workspace().select(plan.newIds.slice(0, 1))
  return ok
}

/** Drops a palette item on the canvas (a point or an edge). */
export function dropNewState(item: NewState, target: DropTarget): boolean {
  const { graph, layout } = doc()
  return applyPlan(planSafely(() => planDrop(graph, layout, item, target)))
}

/** Adds a palette item by keyboard: after the (single) selected state, else at the end. */
export function appendNewState(item: NewState): StateId | undefined {
  const { graph, layout } = doc()
  const selected = workspace().selectedIds
  const plan = planSafely(() =>
    planAppend(graph, layout, item, selected.length === 1 ? selected[0] : undefined),
  )
  return applyPlan(plan) ? plan?.newIds[0] : undefined
}

/** Renames a state; returns why not, or null when done. */
export function renameState(id: StateId, name: string): string | null {
  const { graph } = doc()
  const state = graph.states[id]
  if (!state) return null
  const trimmed = name.trim()
  if (trimmed === state.name) return null
  const problem = checkStateName(graph, trimmed, id)
  if (problem) return problem
  try {
    doc().apply({ type: 'renameState', id, name: trimmed }, { label: `Rename ${state.name}` })
    return null
  } catch (error) {
    return errorMessage(error)
  }
}

export function deleteStates(ids: readonly StateId[]): void {
  if (ids.length === 0) return
  applySafely({ type: 'removeStates', ids }, { label: ids.length > 1 ? 'Delete states' : 'Delete' })
}

export function deleteSelection(): void {
  deleteStates(workspace().selectedIds)
}

/** Removes the transition an edge shows (start/end markers are not transitions). */
export function deleteEdge(edgeId: string): void {
  const ref = parseEdgeId(edgeId)
  if (!ref) return
  applySafely(
    {
      type: 'disconnect',
      sourceId: ref.sourceId,
      kind: ref.kind,
      ...(ref.index === undefined ? {} : { index: ref.index }),
    },
    { label: 'Remove transition' },
  )
}

export function duplicateSelection(): void {
  const { graph, layout } = doc()
  const ids = workspace().selectedIds.filter((id) => graph.states[id])
  if (ids.length === 0) return
  const plan = planSafely(() => planDuplicate(graph, layout, ids))
  if (plan && applySafely(plan.commands, { layout: plan.layout, label: plan.label })) {
    const after = doc().graph
    workspace().select(
      plan.newIds.filter((id) => after.states[id] && isTopLevelCopy(after, plan.newIds, id)),
    )
  }
}

/** Copies of nested states ride along with their container: select only the outer copies. */
function isTopLevelCopy(graph: ReturnType<typeof doc>['graph'], newIds: StateId[], id: StateId) {
  const scope = graph.scopes[graph.states[id]!.scopeId]
  return !scope || scope.parentId === null || !newIds.includes(scope.parentId)
}

export function connectStates(sourceId: StateId, kind: EdgeKind, targetId: StateId): void {
  const label =
    kind === 'choice'
      ? 'Add Choice rule'
      : kind === 'catch'
        ? 'Add catcher'
        : kind === 'default'
          ? 'Set Default'
          : 'Connect'
  applySafely({ type: 'connect', sourceId, kind, targetId }, { label })
}

export function setStartAt(stateId: StateId): void {
  const state = doc().graph.states[stateId]
  if (!state) return
  applySafely(
    { type: 'setStartAt', scopeId: state.scopeId, stateId },
    { label: `Start at ${state.name}` },
  )
}

export function addBranch(stateId: StateId): void {
  applySafely({ type: 'addBranch', stateId }, { label: 'Add branch' })
}

export function removeBranch(scopeId: ScopeId): void {
  const { graph } = doc()
  const scope = graph.scopes[scopeId]
  if (!scope || scope.parentId === null) return
  const owner = graph.states[scope.parentId]
  if (owner?.children?.kind !== 'branches') return
  const index = owner.children.scopeIds.indexOf(scopeId)
  applySafely({ type: 'removeBranch', stateId: owner.id, index }, { label: 'Remove branch' })
}

export function selectAll(): void {
  workspace().select(Object.keys(doc().graph.states))
}

// ---------------------------------------------------------------------------------------------
// Clipboard: the `States` subset as JSON text, so it pastes into an editor and between workflows.
// The arrangement rides along in memory for pastes within this page.

let lastCopy: { text: string; offsets: ClipboardStates['offsets'] } | null = null

/** The text Ctrl+C puts on the clipboard, or undefined when nothing is selected. */
export function copySelectionText(): string | undefined {
  const { graph, layout } = doc()
  const copied = copyStates(graph, layout, workspace().selectedIds, statesToAsl)
  if (!copied) return undefined
  const text = JSON.stringify(copied.states, null, 2)
  lastCopy = { text, offsets: copied.offsets }
  return text
}

/** The last copy of this page (used when the system clipboard cannot be read). */
export function lastCopiedText(): string | undefined {
  return lastCopy?.text
}

/**
 * Pastes clipboard text: into the scope of the selected state (after it), else the machine, at
 * `at` (pane coordinates). Returns false when the text holds no states.
 */
export function pasteText(text: string, at: Point): boolean {
  const states = parseClipboardStates(text)
  if (!states) return false
  const { graph, layout } = doc()
  const selected = workspace().selectedIds.find((id) => graph.states[id])
  const scopeId = selected !== undefined ? graph.states[selected]!.scopeId : ROOT_SCOPE_ID
  const index =
    selected !== undefined ? graph.scopes[scopeId]!.stateIds.indexOf(selected) + 1 : undefined
  const offsets = lastCopy?.text === text ? lastCopy.offsets : {}
  const plan = planSafely(() =>
    planPaste(graph, layout, states as JsonObject, offsets, scopeId, at, index),
  )
  const ok =
    plan !== undefined && applySafely(plan.commands, { layout: plan.layout, label: plan.label })
  if (plan && ok) {
    const after = doc().graph
    workspace().select(plan.newIds.filter((id) => after.states[id]?.scopeId === scopeId))
  }
  return ok
}

// ---------------------------------------------------------------------------------------------
// Moving nodes

/**
 * Records the end of a drag (one undo step): new positions, or a move into / out of a branch or
 * processor when the states were dropped in another one.
 */
export function commitMove(moves: ReadonlyArray<{ id: StateId; position: Point }>): void {
  const { graph, layout } = doc()
  const plan = planSafely(() => {
    const planned = planMove(graph, layout, moves)
    return planned ? { ...planned, newIds: [] } : undefined
  })
  if (!plan) return
  if (plan.commands.length === 0) doc().setLayout(plan.layout, { label: plan.label })
  else applySafely(plan.commands, { layout: plan.layout, label: plan.label })
}
