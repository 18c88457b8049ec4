// Positions live beside the ASL, never inside it. In memory they are keyed by node id (so they
// follow a state through renames and moves); persisted and in share links they are keyed by the
// node's path of names, which is what survives a reload or another machine.
//
// A path key is JSON-Pointer-like: the names from the outermost state down, with a branch index
// or `ItemProcessor` between a container state and its children, each step escaped as in JSON
// Pointer (`~` → `~0`, `/` → `~1`):
//   "Charge"                     a top-level state
//   "Fan out/0/Resize"           state Resize in branch 0 of the Parallel "Fan out"
//   "Fan out/0"                  branch 0 itself (a container node)
//   "Each item/ItemProcessor/Go" a state inside a Map's processor (also for legacy Iterator)
// Steps alternate name / branch-or-processor, so a state named "0" is never mistaken for a branch.

import type { LayoutNodeId, ScopeId, StateId, WorkflowGraph } from './model'
import { ROOT_SCOPE_ID } from './model'

export interface Point {
  x: number
  y: number
}

export interface Size {
  width: number
  height: number
}

export interface Layout {
  /** Top-left corner of each node relative to its parent container, as React Flow sub-flows expect. */
  readonly positions: Readonly<Record<LayoutNodeId, Point>>
  /** Sizes of container nodes (Parallel and Map states, branches, processors), when known. */
  readonly sizes: Readonly<Record<LayoutNodeId, Size>>
}

export const EMPTY_LAYOUT: Layout = { positions: {}, sizes: {} }

/** What is saved: path key → position (and size for containers). */
export type SerializedLayout = Record<
  string,
  { x: number; y: number; width?: number; height?: number }
>

const PROCESSOR_STEP = 'ItemProcessor'

function escapeStep(step: string): string {
  return step.replace(/~/g, '~0').replace(/\//g, '~1')
}

function unescapeStep(step: string): string {
  return step.replace(/~1/g, '/').replace(/~0/g, '~')
}

/** Every node of the graph with its path key, outermost first, in document order. */
export function layoutNodeKeys(graph: WorkflowGraph): Map<LayoutNodeId, string> {
  const keys = new Map<LayoutNodeId, string>()
  const visitScope = (scopeId: ScopeId, prefix: string) => {
    const scope = graph.scopes[scopeId]
    if (!scope) return
    for (const id of scope.stateIds) {
      const state = graph.states[id]
      if (!state) continue
      const key = prefix + escapeStep(state.name)
      keys.set(id, key)
      const children = state.children
      if (children?.kind === 'branches') {
        children.scopeIds.forEach((branchId, i) => {
          keys.set(branchId, `${key}/${i}`)
          visitScope(branchId, `${key}/${i}/`)
        })
      } else if (children) {
        keys.set(children.scopeId, `${key}/${PROCESSOR_STEP}`)
        visitScope(children.scopeId, `${key}/${PROCESSOR_STEP}/`)
      }
    }
  }
  visitScope(ROOT_SCOPE_ID, '')
  return keys
}

/** The path key of one node (see the header), or undefined for an unknown id or the root. */
export function layoutNodeKey(graph: WorkflowGraph, id: LayoutNodeId): string | undefined {
  return layoutNodeKeys(graph).get(id)
}

/** Splits a path key into its unescaped steps. */
export function parseLayoutNodeKey(key: string): string[] {
  return key.split('/').map(unescapeStep)
}

/** The layout keyed by paths, for persistence and share links (nodes of other graphs dropped). */
export function serializeLayout(graph: WorkflowGraph, layout: Layout): SerializedLayout {
  const entries: [string, SerializedLayout[string]][] = []
  for (const [id, key] of layoutNodeKeys(graph)) {
    const position = own(layout.positions, id)
    if (!position) continue
    const size = own(layout.sizes, id)
    entries.push([
      key,
      size
        ? { x: position.x, y: position.y, width: size.width, height: size.height }
        : { x: position.x, y: position.y },
    ])
  }
  // fromEntries, not assignment: a state may be called `__proto__`.
  return Object.fromEntries(entries)
}

/**
 * Reads a saved layout back onto a graph. Tolerant: keys that match no node and malformed
 * entries are ignored (the file may be older than the document or hand-edited).
 */
export function deserializeLayout(graph: WorkflowGraph, data: unknown): Layout {
  const positions: Record<LayoutNodeId, Point> = {}
  const sizes: Record<LayoutNodeId, Size> = {}
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { positions, sizes }
  const record = data as Record<string, unknown>
  for (const [id, key] of layoutNodeKeys(graph)) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue
    const entry = record[key]
    if (typeof entry !== 'object' || entry === null) continue
    const { x, y, width, height } = entry as Record<string, unknown>
    if (!isFiniteNumber(x) || !isFiniteNumber(y)) continue
    positions[id] = { x, y }
    if (isFiniteNumber(width) && isFiniteNumber(height) && width > 0 && height > 0) {
      sizes[id] = { width, height }
    }
  }
  return { positions, sizes }
}

/** The layout without entries for nodes the graph no longer has (e.g. after a removal). */
export function pruneLayout(graph: WorkflowGraph, layout: Layout): Layout {
  const keep = (id: string) =>
    Object.prototype.hasOwnProperty.call(graph.states, id) ||
    (id !== ROOT_SCOPE_ID && Object.prototype.hasOwnProperty.call(graph.scopes, id))
  const positions = Object.fromEntries(Object.entries(layout.positions).filter(([id]) => keep(id)))
  const sizes = Object.fromEntries(Object.entries(layout.sizes).filter(([id]) => keep(id)))
  return { positions, sizes }
}

/** States without a position: when any, the canvas runs auto-layout. */
export function unplacedStates(graph: WorkflowGraph, layout: Layout): StateId[] {
  return Object.keys(graph.states).filter(
    (id) => !Object.prototype.hasOwnProperty.call(layout.positions, id),
  )
}

function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}
