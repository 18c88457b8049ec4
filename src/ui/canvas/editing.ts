// What a canvas gesture does to the document, as plain functions of the graph and the layout:
// each returns the commands and the new layout that the gesture applies as ONE undo step.
// Kept free of React and the DOM so the rules are unit-tested.

import type { JsonObject, QueryLanguage } from '../../core/asl/types'
import { isJsonObject } from '../../core/asl/types'
import type { EdgeKind, EdgeRef } from '../../core/graph/edges'
import { graphEdges, incomingEdges, outgoingEdges, parseEdgeId } from '../../core/graph/edges'
import type { GraphCommand, StartEdgeRef } from '../../core/graph/commands'
import { addedStateIds, applyCommand, queryLanguageOf } from '../../core/graph/commands'
import type { Layout, Point } from '../../core/graph/layoutMap'
import type { ScopeId, StateId, WorkflowGraph } from '../../core/graph/model'
import { ROOT_SCOPE_ID, isScopeInside, requireScope, stateType } from '../../core/graph/model'
import type { ConnectChoice } from './canvasUiStore'
import {
  computeGeometry,
  growAncestors,
  LAYER_GAP,
  normalizeScope,
  rootBounds,
  scopeAt,
  STATE_HEIGHT,
  STATE_WIDTH,
  withPositions,
} from './geometry'

export interface Plan {
  commands: GraphCommand[]
  layout: Layout
  /** The states the gesture created, to select them. */
  newIds: StateId[]
  label: string
}

/** The query language in force inside a scope. */
export function scopeQueryLanguage(graph: WorkflowGraph, scopeId: ScopeId): QueryLanguage {
  const scope = requireScope(graph, scopeId)
  if (scope.parentId !== null) return queryLanguageOf(graph, scope.parentId)
  return scope.fields.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath'
}

export interface NewState {
  name: string
  /** Fields for a query language (a palette item's `fields`). */
  fields(queryLanguage: QueryLanguage): JsonObject
}

/** Where a dropped state goes: a pane point (flow coordinates) or an edge of the canvas. */
export type DropTarget = { kind: 'point'; point: Point } | { kind: 'edge'; edgeId: string }

/** Runs commands on a copy to learn the ids they create (ids are deterministic). */
function simulate(graph: WorkflowGraph, commands: readonly GraphCommand[]) {
  let after = graph
  for (const command of commands) after = applyCommand(after, command)
  return { after, newIds: addedStateIds(graph, after) }
}

/** Moves states of a scope at or below `fromY` down by `dy`, except `exclude`. */
function shiftDown(
  graph: WorkflowGraph,
  layout: Layout,
  scopeId: ScopeId,
  fromY: number,
  dy: number,
  exclude: ReadonlySet<StateId>,
): Layout {
  const geometry = computeGeometry(graph, layout)
  const moved: Record<StateId, Point> = {}
  for (const id of graph.scopes[scopeId]?.stateIds ?? []) {
    if (exclude.has(id)) continue
    const p = geometry.position.get(id)
    if (p && p.y >= fromY) moved[id] = { x: p.x, y: p.y + dy }
  }
  return withPositions(layout, moved)
}

/** Drops a new state (palette item) on the canvas. */
export function planDrop(
  graph: WorkflowGraph,
  layout: Layout,
  item: NewState,
  target: DropTarget,
): Plan {
  const geometry = computeGeometry(graph, layout)
  if (target.kind === 'edge') {
    const onEdge = planInsertOnEdge(graph, layout, item, target.edgeId)
    if (onEdge) return onEdge
    const anchor = edgeAnchor(target.edgeId)
    const abs = anchor ? geometry.absolute.get(anchor) : undefined
    return planDrop(graph, layout, item, {
      kind: 'point',
      point: abs ? { x: abs.x + STATE_WIDTH / 2, y: abs.y + STATE_HEIGHT * 2 } : { x: 0, y: 0 },
    })
  }
  const scopeId = scopeAt(graph, geometry, target.point)
  const fields = item.fields(scopeQueryLanguage(graph, scopeId))
  const command: GraphCommand = { type: 'addState', scopeId, fields, name: item.name }
  const { after, newIds } = simulate(graph, [command])
  const origin = scopeId === ROOT_SCOPE_ID ? { x: 0, y: 0 } : geometry.absolute.get(scopeId)!
  const position = {
    x: Math.round(target.point.x - origin.x - STATE_WIDTH / 2),
    y: Math.round(target.point.y - origin.y - STATE_HEIGHT / 2),
  }
  let next = withPositions(layout, { [newIds[0]!]: position })
  next = normalizeScope(after, next, scopeId)
  next = growAncestors(graph, layout, after, next, scopeId)
  return { commands: [command], layout: next, newIds, label: `Add ${item.name}` }
}

function edgeAnchor(edgeId: string): StateId | undefined {
  if (edgeId.startsWith('end:')) return edgeId.slice(4)
  return parseEdgeId(edgeId)?.sourceId
}

/**
 * Inserts a new state on a canvas edge: between a transition's ends, after the start marker
 * (it becomes StartAt), or after a state that ends the workflow (it takes over the end).
 * Returns undefined when the edge cannot take a state (e.g. after a Succeed).
 */
export function planInsertOnEdge(
  graph: WorkflowGraph,
  layout: Layout,
  item: NewState,
  edgeId: string,
): Plan | undefined {
  const geometry = computeGeometry(graph, layout)
  let commands: GraphCommand[]
  let scopeId: ScopeId
  let anchorY: number
  let anchorX: number
  if (edgeId.startsWith('end:')) {
    const sourceId = edgeId.slice(4)
    const source = graph.states[sourceId]
    const type = source ? stateType(source) : undefined
    if (!source || type === 'Succeed' || type === 'Fail') return undefined
    // After a Choice, a new state becomes its Default (when it has none yet).
    if (type === 'Choice' && typeof source.fields.Default === 'string') return undefined
    scopeId = source.scopeId
    const fields = item.fields(scopeQueryLanguage(graph, scopeId))
    const index = graph.scopes[scopeId]!.stateIds.indexOf(sourceId) + 1
    const add: GraphCommand = { type: 'addState', scopeId, fields, name: item.name, index }
    const { newIds } = simulate(graph, [add])
    const kind = type === 'Choice' ? 'default' : 'next'
    commands = [add, { type: 'connect', sourceId, kind, targetId: newIds[0]! }]
    const p = geometry.position.get(sourceId)!
    const s = geometry.size.get(sourceId)!
    anchorX = p.x + s.width / 2
    anchorY = p.y + s.height + LAYER_GAP
  } else {
    let edge: EdgeRef | StartEdgeRef
    let targetId: StateId | undefined
    if (edgeId.startsWith('start:')) {
      scopeId = edgeId.slice('start:'.length)
      if (!graph.scopes[scopeId]) return undefined
      edge = { scopeId, kind: 'start' }
      const startAt = graph.scopes[scopeId]!.fields.StartAt
      targetId = graph.scopes[scopeId]!.stateIds.find((id) => graph.states[id]!.name === startAt)
    } else {
      const ref = parseEdgeId(edgeId)
      const found = ref && graphEdges(graph).find((e) => e.id === edgeId)
      if (!ref || !found) return undefined
      edge = ref
      scopeId = found.scopeId
      targetId = found.target ?? undefined
    }
    const fields = item.fields(scopeQueryLanguage(graph, scopeId))
    commands = [{ type: 'insertStateOnEdge', edge, fields, name: item.name }]
    const target = targetId !== undefined ? geometry.position.get(targetId) : undefined
    const targetSize = targetId !== undefined ? geometry.size.get(targetId) : undefined
    if (target && targetSize) {
      anchorX = target.x + targetSize.width / 2
      anchorY = target.y
    } else {
      const bounds = rootBounds(graph, geometry)
      anchorX = (bounds?.minX ?? 0) + STATE_WIDTH / 2
      anchorY = bounds ? bounds.maxY + LAYER_GAP : 0
    }
  }
  const { after, newIds } = simulate(graph, commands)
  const newId = newIds[0]!
  const newSize = computeGeometry(after, layout).size.get(newId)!
  const position = { x: Math.round(anchorX - newSize.width / 2), y: Math.round(anchorY) }
  let next = withPositions(layout, { [newId]: position })
  next = shiftDown(after, next, scopeId, anchorY, newSize.height + LAYER_GAP, new Set([newId]))
  next = normalizeScope(after, next, scopeId)
  next = growAncestors(graph, layout, after, next, scopeId)
  return { commands, layout: next, newIds, label: `Insert ${item.name}` }
}

/** Adds a state by keyboard (palette Enter): after the selected state, else at the end. */
export function planAppend(
  graph: WorkflowGraph,
  layout: Layout,
  item: NewState,
  afterId: StateId | undefined,
): Plan {
  if (afterId !== undefined && graph.states[afterId]) {
    const next = outgoingEdges(graph, afterId).find((e) => e.kind === 'next' && e.target !== null)
    const viaEdge = next
      ? planInsertOnEdge(graph, layout, item, next.id)
      : planInsertOnEdge(graph, layout, item, `end:${afterId}`)
    if (viaEdge) return viaEdge
  }
  const geometry = computeGeometry(graph, layout)
  const bounds = rootBounds(graph, geometry)
  const point = bounds
    ? { x: bounds.minX + STATE_WIDTH / 2, y: bounds.maxY + LAYER_GAP + STATE_HEIGHT / 2 }
    : { x: STATE_WIDTH / 2, y: STATE_HEIGHT / 2 }
  const fields = item.fields(scopeQueryLanguage(graph, ROOT_SCOPE_ID))
  const command: GraphCommand = {
    type: 'addState',
    scopeId: ROOT_SCOPE_ID,
    fields,
    name: item.name,
  }
  const { newIds } = simulate(graph, [command])
  const position = {
    x: Math.round(point.x - STATE_WIDTH / 2),
    y: Math.round(point.y - STATE_HEIGHT / 2),
  }
  return {
    commands: [command],
    layout: withPositions(layout, { [newIds[0]!]: position }),
    newIds,
    label: `Add ${item.name}`,
  }
}

/** Duplicates states next to the originals (offset down-right). */
export function planDuplicate(graph: WorkflowGraph, layout: Layout, ids: readonly StateId[]): Plan {
  const command: GraphCommand = { type: 'duplicateStates', ids }
  const { after, newIds } = simulate(graph, [command])
  const geometry = computeGeometry(graph, layout)
  // Copies come in the originals' order within each scope.
  const originals = [...ids]
    .filter((id) => graph.states[id])
    .sort((a, b) => documentOrder(graph, a) - documentOrder(graph, b))
  const positions: Record<StateId, Point> = {}
  newIds.forEach((newId, i) => {
    const original = originals[i]
    if (original === undefined || after.states[newId]?.scopeId !== graph.states[original]?.scopeId)
      return
    const p = geometry.position.get(original)
    if (p) positions[newId] = { x: p.x + 40, y: p.y + 40 }
  })
  return {
    commands: [command],
    layout: withPositions(layout, positions),
    newIds,
    label: 'Duplicate',
  }
}

function documentOrder(graph: WorkflowGraph, id: StateId): number {
  const state = graph.states[id]!
  return graph.scopes[state.scopeId]!.stateIds.indexOf(id)
}

/** Clipboard content: the `States` subset, plus where each state sat relative to the group. */
export interface ClipboardStates {
  states: JsonObject
  offsets: Record<string, Point>
}

/** The states to copy (those of the first selected state's scope), as ASL and offsets. */
export function copyStates(
  graph: WorkflowGraph,
  layout: Layout,
  ids: readonly StateId[],
  statesToAsl: (graph: WorkflowGraph, ids: readonly StateId[]) => JsonObject,
): ClipboardStates | undefined {
  const first = ids.find((id) => graph.states[id])
  if (first === undefined) return undefined
  const scopeId = graph.states[first]!.scopeId
  const inScope = graph.scopes[scopeId]!.stateIds.filter((id) => ids.includes(id))
  const geometry = computeGeometry(graph, layout)
  const points = inScope.map((id) => geometry.position.get(id) ?? { x: 0, y: 0 })
  const minX = Math.min(...points.map((p) => p.x))
  const minY = Math.min(...points.map((p) => p.y))
  const offsets: Record<string, Point> = {}
  inScope.forEach((id, i) => {
    offsets[graph.states[id]!.name] = { x: points[i]!.x - minX, y: points[i]!.y - minY }
  })
  return { states: statesToAsl(graph, inScope), offsets }
}

/**
 * Reads clipboard text as states: a `States`-like object (name → state) or a whole definition
 * (its `States`). Undefined when the text is not that.
 */
export function parseClipboardStates(text: string): JsonObject | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isJsonObject(value)) return undefined
  const candidate = isJsonObject(value.States) ? value.States : value
  const entries = Object.entries(candidate)
  if (entries.length === 0) return undefined
  const isState = (v: unknown) => isJsonObject(v) && typeof v.Type === 'string'
  return entries.every(([, v]) => isState(v)) ? candidate : undefined
}

/** Pastes states into a scope at a pane point (their top-left), keeping their arrangement. */
export function planPaste(
  graph: WorkflowGraph,
  layout: Layout,
  states: JsonObject,
  offsets: Readonly<Record<string, Point>>,
  scopeId: ScopeId,
  at: Point,
  index?: number,
): Plan {
  const command: GraphCommand = {
    type: 'pasteStates',
    scopeId,
    states,
    ...(index === undefined ? {} : { index }),
  }
  const { after, newIds } = simulate(graph, [command])
  const geometry = computeGeometry(graph, layout)
  const origin = scopeId === ROOT_SCOPE_ID ? { x: 0, y: 0 } : geometry.absolute.get(scopeId)!
  const names = Object.keys(states)
  const positions: Record<StateId, Point> = {}
  // Pasted top-level states come first in document order, in the clipboard's order.
  const topLevel = newIds.filter((id) => after.states[id]?.scopeId === scopeId)
  topLevel.forEach((id, i) => {
    const offset = offsets[names[i] ?? ''] ?? { x: i * 40, y: i * (STATE_HEIGHT + LAYER_GAP) }
    positions[id] = {
      x: Math.round(at.x - origin.x + offset.x),
      y: Math.round(at.y - origin.y + offset.y),
    }
  })
  let next = withPositions(layout, positions)
  next = normalizeScope(after, next, scopeId)
  next = growAncestors(graph, layout, after, next, scopeId)
  return { commands: [command], layout: next, newIds, label: 'Paste' }
}

/**
 * The end of a drag of states (positions relative to their current parent). When the states all
 * come from one scope and the first one's centre lands in another branch/processor (or out on the
 * machine), they move there (`moveStates`; transitions to states left behind end, as the core
 * documents); otherwise only positions change. Returns undefined when nothing changed.
 */
export function planMove(
  graph: WorkflowGraph,
  layout: Layout,
  moves: ReadonlyArray<{ id: StateId; position: Point }>,
): { commands: GraphCommand[]; layout: Layout; label: string } | undefined {
  const geometry = computeGeometry(graph, layout)
  const valid = moves.filter((m) => graph.states[m.id])
  if (valid.length === 0) return undefined
  const rounded = valid.map((m) => ({
    id: m.id,
    position: { x: Math.round(m.position.x), y: Math.round(m.position.y) },
  }))
  const fromScope = graph.states[rounded[0]!.id]!.scopeId
  const sameScope = rounded.every((m) => graph.states[m.id]!.scopeId === fromScope)
  const origin = (scopeId: ScopeId): Point =>
    scopeId === ROOT_SCOPE_ID ? { x: 0, y: 0 } : geometry.absolute.get(scopeId)!
  let targetScope = fromScope
  if (sameScope) {
    const lead = rounded[0]!
    const size = geometry.size.get(lead.id)!
    const from = origin(fromScope)
    const centre = {
      x: from.x + lead.position.x + size.width / 2,
      y: from.y + lead.position.y + size.height / 2,
    }
    // Never into a branch of a state being moved (it moves along).
    const candidate = scopeAt(graph, geometry, centre, (scopeId) =>
      rounded.some((m) => isScopeInside(graph, scopeId, m.id)),
    )
    targetScope = candidate
  }
  if (targetScope !== fromScope) {
    const from = origin(fromScope)
    const to = origin(targetScope)
    const positions: Record<StateId, Point> = {}
    for (const m of rounded) {
      positions[m.id] = { x: m.position.x + from.x - to.x, y: m.position.y + from.y - to.y }
    }
    const command: GraphCommand = {
      type: 'moveStates',
      ids: rounded.map((m) => m.id),
      scopeId: targetScope,
    }
    const after = applyCommand(graph, command)
    let next = withPositions(layout, positions)
    next = normalizeScope(after, next, targetScope)
    next = growAncestors(graph, layout, after, next, targetScope)
    const label =
      targetScope === ROOT_SCOPE_ID
        ? 'Move out of the branch'
        : graph.scopes[targetScope]!.parentId !== null &&
            graph.states[graph.scopes[targetScope]!.parentId!]?.children?.kind === 'processor'
          ? 'Move into the processor'
          : 'Move into the branch'
    return { commands: [command], layout: next, label }
  }
  const positions: Record<StateId, Point> = {}
  for (const m of rounded) {
    const old = geometry.position.get(m.id)
    if (old && old.x === m.position.x && old.y === m.position.y) continue
    positions[m.id] = m.position
  }
  if (Object.keys(positions).length === 0) return undefined
  let next = withPositions(layout, positions)
  const scopes = new Set(Object.keys(positions).map((id) => graph.states[id]!.scopeId))
  for (const scopeId of scopes) {
    next = normalizeScope(graph, next, scopeId)
    next = growAncestors(graph, layout, graph, next, scopeId)
  }
  return { commands: [], layout: next, label: rounded.length > 1 ? 'Move states' : 'Move' }
}

/** The kinds of transition a drag from `handle` of `sourceId` to `targetId` may create. */
export function connectChoices(
  graph: WorkflowGraph,
  sourceId: StateId,
  handle: 'out' | 'catch',
): ConnectChoice[] {
  const source = graph.states[sourceId]
  if (!source) return []
  const type = stateType(source)
  const catchChoice: ConnectChoice = {
    kind: 'catch',
    label: 'New catcher',
    hint: 'Go there when an error is caught (Catch)',
  }
  if (handle === 'catch')
    return type === 'Task' || type === 'Parallel' || type === 'Map' ? [catchChoice] : []
  if (type === 'Choice') {
    return [
      { kind: 'choice', label: 'New Choice rule', hint: 'Go there when a new rule matches' },
      { kind: 'default', label: 'Default', hint: 'Go there when no rule matches' },
    ]
  }
  if (type === 'Succeed' || type === 'Fail') return []
  const next: ConnectChoice = {
    kind: 'next',
    label: typeof source.fields.Next === 'string' ? 'Next (replace)' : 'Next',
    hint: 'Go there when this state succeeds',
  }
  const hasNext = typeof source.fields.Next === 'string'
  if (hasNext && (type === 'Task' || type === 'Parallel' || type === 'Map'))
    return [next, catchChoice]
  return [next]
}

/** The connect command for a chosen kind. */
export function connectCommand(sourceId: StateId, kind: EdgeKind, targetId: StateId): GraphCommand {
  return { type: 'connect', sourceId, kind, targetId }
}

/**
 * The state arrow-key navigation moves to: Down follows the first outgoing transition, Up the
 * first incoming one, Left/Right the nearest state of the same scope on that side.
 */
export function neighbour(
  graph: WorkflowGraph,
  layout: Layout,
  id: StateId,
  direction: 'up' | 'down' | 'left' | 'right',
): StateId | undefined {
  const state = graph.states[id]
  if (!state) return undefined
  if (direction === 'down') {
    return (
      outgoingEdges(graph, id).find((e) => e.target !== null && e.target !== id)?.target ??
      undefined
    )
  }
  if (direction === 'up') {
    return incomingEdges(graph, id).find((e) => e.source !== id)?.source
  }
  const geometry = computeGeometry(graph, layout)
  const here = geometry.position.get(id)!
  let best: StateId | undefined
  let bestScore = Infinity
  for (const other of graph.scopes[state.scopeId]!.stateIds) {
    if (other === id) continue
    const p = geometry.position.get(other)!
    const dx = p.x - here.x
    if (direction === 'left' ? dx >= 0 : dx <= 0) continue
    const score = Math.abs(dx) + 2 * Math.abs(p.y - here.y)
    if (score < bestScore) {
      bestScore = score
      best = other
    }
  }
  return best
}
