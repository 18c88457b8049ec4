// Where every canvas node is and how big it is, derived from the graph and the layout.
//
// Only the positions of states inside their scope are the user's (the layout's `positions`).
// Everything else is derived bottom-up so it can never disagree with the states it holds:
// a branch or processor is as big as its states plus padding; a Parallel lays its branches
// side by side under its header; a Map holds its processor under its header. States without
// a position yet (just pasted, or from a definition with a partial layout) are stacked below
// their siblings until the next auto-layout.

import type { Layout, Point, Size } from '../../core/graph/layoutMap'
import type {
  LayoutNodeId,
  Scope,
  ScopeId,
  StateId,
  StateNode,
  WorkflowGraph,
} from '../../core/graph/model'
import { ROOT_SCOPE_ID, childScopeIds } from '../../core/graph/model'

export const STATE_WIDTH = 220
export const STATE_HEIGHT = 60
/** Parallel/Map header (icon, name, type, badges) above its branches/processor. */
export const CONTAINER_HEADER = 56
export const CONTAINER_PADDING = { top: CONTAINER_HEADER, right: 16, bottom: 16, left: 16 }
/** Inside a branch/processor: room for its label on top. */
export const SCOPE_PADDING = { top: 36, right: 20, bottom: 20, left: 20 }
export const BRANCH_GAP = 24
/** Vertical room one inserted state takes (its height and the gap to the next layer). */
export const LAYER_GAP = 64
export const NODE_SPACING = 48
const MIN_SCOPE: Size = {
  width: STATE_WIDTH + SCOPE_PADDING.left + SCOPE_PADDING.right,
  height: STATE_HEIGHT + SCOPE_PADDING.top + SCOPE_PADDING.bottom,
}

export interface Geometry {
  /** Position relative to the parent node (a scope node for nested states; the pane for root). */
  readonly position: ReadonlyMap<LayoutNodeId, Point>
  readonly size: ReadonlyMap<LayoutNodeId, Size>
  /** Position on the pane (flow coordinates). */
  readonly absolute: ReadonlyMap<LayoutNodeId, Point>
  /** States that had no position in the layout. */
  readonly unplaced: ReadonlySet<StateId>
}

const cache = new WeakMap<WorkflowGraph, WeakMap<Layout, Geometry>>()

/** Memoized by graph and layout identity. */
export function computeGeometry(graph: WorkflowGraph, layout: Layout): Geometry {
  let byLayout = cache.get(graph)
  if (!byLayout) {
    byLayout = new WeakMap()
    cache.set(graph, byLayout)
  }
  let geometry = byLayout.get(layout)
  if (!geometry) {
    geometry = buildGeometry(graph, layout)
    byLayout.set(layout, geometry)
  }
  return geometry
}

function buildGeometry(graph: WorkflowGraph, layout: Layout): Geometry {
  const position = new Map<LayoutNodeId, Point>()
  const size = new Map<LayoutNodeId, Size>()
  const unplaced = new Set<StateId>()

  const sizeOfState = (id: StateId): Size => {
    const state = graph.states[id]!
    const scopes = childScopeIds(state)
    if (!state.children) {
      const s = { width: STATE_WIDTH, height: STATE_HEIGHT }
      size.set(id, s)
      return s
    }
    let x = CONTAINER_PADDING.left
    let height = 0
    scopes.forEach((scopeId, i) => {
      const box = sizeOfScope(scopeId)
      position.set(scopeId, { x, y: CONTAINER_PADDING.top })
      x += box.width + (i < scopes.length - 1 ? BRANCH_GAP : 0)
      height = Math.max(height, box.height)
    })
    if (scopes.length === 0) height = 0
    const s = {
      width: Math.max(STATE_WIDTH, x + CONTAINER_PADDING.right),
      height: CONTAINER_PADDING.top + height + (scopes.length > 0 ? CONTAINER_PADDING.bottom : 0),
    }
    size.set(id, s)
    return s
  }

  const sizeOfScope = (scopeId: ScopeId): Size => {
    const bounds = placeScope(scopeId, SCOPE_PADDING.left, SCOPE_PADDING.top)
    const s = {
      width: Math.max(MIN_SCOPE.width, bounds.right + SCOPE_PADDING.right),
      height: Math.max(MIN_SCOPE.height, bounds.bottom + SCOPE_PADDING.bottom),
    }
    size.set(scopeId, s)
    return s
  }

  /** Sizes and positions the states of a scope; returns how far right and down they reach. */
  const placeScope = (scopeId: ScopeId, originX: number, originY: number) => {
    const scope = graph.scopes[scopeId]
    let right = 0
    let bottom = 0
    if (!scope) return { right, bottom }
    const pending: StateId[] = []
    for (const id of scope.stateIds) {
      const s = sizeOfState(id)
      const p = Object.prototype.hasOwnProperty.call(layout.positions, id)
        ? layout.positions[id]!
        : undefined
      if (!p) {
        pending.push(id)
        continue
      }
      position.set(id, p)
      right = Math.max(right, p.x + s.width)
      bottom = Math.max(bottom, p.y + s.height)
    }
    // Unplaced states go below everything else, one per layer, left-aligned.
    let y = bottom > 0 ? bottom + LAYER_GAP : originY
    for (const id of pending) {
      const s = size.get(id)!
      position.set(id, { x: originX, y })
      unplaced.add(id)
      right = Math.max(right, originX + s.width)
      bottom = Math.max(bottom, y + s.height)
      y += s.height + LAYER_GAP
    }
    return { right, bottom }
  }

  placeScope(ROOT_SCOPE_ID, 0, 0)

  const absolute = new Map<LayoutNodeId, Point>()
  const visit = (scopeId: ScopeId, origin: Point) => {
    const scope = graph.scopes[scopeId]
    if (!scope) return
    for (const id of scope.stateIds) {
      const p = position.get(id)!
      const abs = { x: origin.x + p.x, y: origin.y + p.y }
      absolute.set(id, abs)
      for (const child of childScopeIds(graph.states[id]!)) {
        const cp = position.get(child)!
        const cabs = { x: abs.x + cp.x, y: abs.y + cp.y }
        absolute.set(child, cabs)
        visit(child, cabs)
      }
    }
  }
  visit(ROOT_SCOPE_ID, { x: 0, y: 0 })
  return { position, size, absolute, unplaced }
}

/** The layout with these positions set (others kept). */
export function withPositions(
  layout: Layout,
  positions: Readonly<Record<LayoutNodeId, Point>>,
): Layout {
  return { ...layout, positions: { ...layout.positions, ...positions } }
}

/**
 * Makes vertical room in a scope: every state whose top is at or below `fromY` moves down by
 * `dy` (except `exclude`), and enclosing containers that grow push their own followers down.
 */
export function makeRoom(
  graph: WorkflowGraph,
  layout: Layout,
  scopeId: ScopeId,
  fromY: number,
  dy: number,
  exclude: ReadonlySet<StateId> = new Set(),
): Layout {
  const scope = graph.scopes[scopeId]
  if (!scope || dy <= 0) return layout
  const before = computeGeometry(graph, layout)
  const moved: Record<StateId, Point> = {}
  for (const id of scope.stateIds) {
    if (exclude.has(id)) continue
    const p = before.position.get(id)
    if (p && p.y >= fromY) moved[id] = { x: p.x, y: p.y + dy }
  }
  const next = withPositions(layout, moved)
  return growAncestors(graph, layout, graph, next, scopeId)
}

/**
 * After states of `scopeId` changed (added, moved, resized), the containers around it may have
 * grown: states below each grown container move down by the growth, scope after scope up to the
 * root, so nothing ends up underneath a bigger container.
 */
export function growAncestors(
  beforeGraph: WorkflowGraph,
  beforeLayout: Layout,
  graph: WorkflowGraph,
  layout: Layout,
  scopeId: ScopeId,
): Layout {
  let current = layout
  let scope = graph.scopes[scopeId]
  while (scope && scope.parentId !== null) {
    const ownerId: StateId = scope.parentId
    const owner = graph.states[ownerId]
    if (!owner || !Object.prototype.hasOwnProperty.call(beforeGraph.states, ownerId)) break
    const oldSize = computeGeometry(beforeGraph, beforeLayout).size.get(ownerId)
    const geometry = computeGeometry(graph, current)
    const newSize = geometry.size.get(ownerId)
    const ownerPos = geometry.position.get(ownerId)
    if (!oldSize || !newSize || !ownerPos) break
    const growth = newSize.height - oldSize.height
    if (growth <= 0) break
    const parentScope = graph.scopes[owner.scopeId]
    if (!parentScope) break
    const moved: Record<StateId, Point> = {}
    for (const id of parentScope.stateIds) {
      if (id === ownerId) continue
      const p = geometry.position.get(id)
      if (p && p.y > ownerPos.y) moved[id] = { x: p.x, y: p.y + growth }
    }
    current = withPositions(current, moved)
    scope = parentScope
  }
  return current
}

/**
 * Keeps a scope's states inside its padding: when some were dragged above or left of it, the
 * scope's states shift together so the topmost and leftmost sit at the padding.
 */
export function normalizeScope(graph: WorkflowGraph, layout: Layout, scopeId: ScopeId): Layout {
  const scope = graph.scopes[scopeId]
  if (!scope || scope.parentId === null) return layout
  const geometry = computeGeometry(graph, layout)
  let minX = Infinity
  let minY = Infinity
  for (const id of scope.stateIds) {
    const p = geometry.position.get(id)
    if (!p) continue
    minX = Math.min(minX, p.x)
    minY = Math.min(minY, p.y)
  }
  const dx = minX < SCOPE_PADDING.left ? SCOPE_PADDING.left - minX : 0
  const dy = minY < SCOPE_PADDING.top ? SCOPE_PADDING.top - minY : 0
  if (dx === 0 && dy === 0) return layout
  const moved: Record<StateId, Point> = {}
  for (const id of scope.stateIds) {
    const p = geometry.position.get(id)
    if (p) moved[id] = { x: p.x + dx, y: p.y + dy }
  }
  return withPositions(layout, moved)
}

/** The innermost branch/processor whose box contains a pane point, else the root. */
export function scopeAt(
  graph: WorkflowGraph,
  geometry: Geometry,
  point: Point,
  exclude: (scopeId: ScopeId) => boolean = () => false,
): ScopeId {
  let best: ScopeId = ROOT_SCOPE_ID
  let bestDepth = 0
  for (const scope of Object.values(graph.scopes)) {
    if (scope.id === ROOT_SCOPE_ID || exclude(scope.id)) continue
    const abs = geometry.absolute.get(scope.id)
    const s = geometry.size.get(scope.id)
    if (!abs || !s) continue
    if (
      point.x < abs.x ||
      point.y < abs.y ||
      point.x > abs.x + s.width ||
      point.y > abs.y + s.height
    )
      continue
    const depth = scopeDepth(graph, scope.id)
    if (depth > bestDepth) {
      best = scope.id
      bestDepth = depth
    }
  }
  return best
}

function scopeDepth(graph: WorkflowGraph, scopeId: ScopeId): number {
  let depth = 0
  let scope: Scope | undefined = graph.scopes[scopeId]
  while (scope && scope.parentId !== null) {
    depth++
    const owner: StateNode | undefined = graph.states[scope.parentId]
    scope = owner ? graph.scopes[owner.scopeId] : undefined
  }
  return depth
}

/** The bounding box of the root scope's states (for placing markers and new states). */
export function rootBounds(graph: WorkflowGraph, geometry: Geometry) {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const id of graph.scopes[ROOT_SCOPE_ID]?.stateIds ?? []) {
    const p = geometry.position.get(id)
    const s = geometry.size.get(id)
    if (!p || !s) continue
    minX = Math.min(minX, p.x)
    minY = Math.min(minY, p.y)
    maxX = Math.max(maxX, p.x + s.width)
    maxY = Math.max(maxY, p.y + s.height)
  }
  if (minX === Infinity) return null
  return { minX, minY, maxX, maxY }
}
