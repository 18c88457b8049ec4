// Transitions, derived from the states' fields: a pure function of the graph, memoized per graph
// object (graphs are immutable, so a new graph is the only way anything changes). Edge objects
// of states that did not change are reused from one graph to the next, so views that compare
// by identity (React Flow, memoized components) re-render only what moved.

import { isJsonObject } from '../asl/types'
import { own } from './json'
import type { Scope, ScopeId, StateId, StateNode, WorkflowGraph } from './model'
import {
  ROOT_SCOPE_ID,
  childScopeIds,
  findStateInScope,
  requireScope,
  requireState,
  stateType,
} from './model'

export type EdgeKind = 'next' | 'default' | 'choice' | 'catch'

export const EDGE_KINDS: readonly EdgeKind[] = ['next', 'default', 'choice', 'catch']

export interface GraphEdge {
  /** `${source}:next`, `${source}:default`, `${source}:choice:${i}`, `${source}:catch:${i}`. */
  readonly id: string
  readonly kind: EdgeKind
  readonly source: StateId
  /** Null when no state of that name exists in the source's scope: a dangling transition. */
  readonly target: StateId | null
  /** The name the field holds, whether or not it resolves. */
  readonly targetName: string
  /** Index of the rule in `Choices` or of the catcher in `Catch`; null for next and default. */
  readonly index: number | null
  readonly scopeId: ScopeId
}

/** Names one transition of a state, existing or to be created. */
export interface EdgeRef {
  sourceId: StateId
  kind: EdgeKind
  /** Rule or catcher index; required for `choice` and `catch` when it must exist. */
  index?: number
}

export function edgeId(sourceId: StateId, kind: EdgeKind, index?: number | null): string {
  return kind === 'choice' || kind === 'catch'
    ? `${sourceId}:${kind}:${index ?? 0}`
    : `${sourceId}:${kind}`
}

/** The reverse of edgeId (state ids never contain `:`). */
export function parseEdgeId(id: string): EdgeRef | undefined {
  const [sourceId, kind, index, extra] = id.split(':')
  if (!sourceId || extra !== undefined) return undefined
  if ((kind === 'next' || kind === 'default') && index === undefined) return { sourceId, kind }
  if ((kind === 'choice' || kind === 'catch') && index !== undefined && /^\d+$/.test(index)) {
    return { sourceId, kind, index: Number(index) }
  }
  return undefined
}

/** A transition as written in a state's fields, before resolution. */
export interface TransitionRef {
  kind: EdgeKind
  index: number | null
  name: string
}

/** The transitions a state's fields name, in field order of importance: Next, Choices, Default, Catch. */
export function transitionRefs(state: StateNode): TransitionRef[] {
  const fields = state.fields
  const refs: TransitionRef[] = []
  const next = own(fields, 'Next')
  if (typeof next === 'string') refs.push({ kind: 'next', index: null, name: next })
  const choices = own(fields, 'Choices')
  if (Array.isArray(choices)) {
    choices.forEach((rule, index) => {
      const target = isJsonObject(rule) ? own(rule, 'Next') : undefined
      if (typeof target === 'string') refs.push({ kind: 'choice', index, name: target })
    })
  }
  const defaultTarget = own(fields, 'Default')
  if (typeof defaultTarget === 'string') {
    refs.push({ kind: 'default', index: null, name: defaultTarget })
  }
  const catchers = own(fields, 'Catch')
  if (Array.isArray(catchers)) {
    catchers.forEach((catcher, index) => {
      const target = isJsonObject(catcher) ? own(catcher, 'Next') : undefined
      if (typeof target === 'string') refs.push({ kind: 'catch', index, name: target })
    })
  }
  return refs
}

interface EdgeIndex {
  all: GraphEdge[]
  byScope: Map<ScopeId, GraphEdge[]>
  bySource: Map<StateId, GraphEdge[]>
  byTarget: Map<StateId, GraphEdge[]>
}

const indexes = new WeakMap<WorkflowGraph, EdgeIndex>()
// Edges last derived for a state object; reused when they resolve the same way.
const edgesOfState = new WeakMap<StateNode, GraphEdge[]>()

function edgeIndex(graph: WorkflowGraph): EdgeIndex {
  const cached = indexes.get(graph)
  if (cached) return cached
  const index: EdgeIndex = { all: [], byScope: new Map(), bySource: new Map(), byTarget: new Map() }
  for (const scope of scopesInDocumentOrder(graph)) {
    const scopeEdges: GraphEdge[] = []
    for (const id of scope.stateIds) {
      const state = graph.states[id]
      if (!state) continue
      const edges = deriveStateEdges(graph, state)
      index.bySource.set(id, edges)
      for (const edge of edges) {
        scopeEdges.push(edge)
        index.all.push(edge)
        if (edge.target !== null) {
          const incoming = index.byTarget.get(edge.target)
          if (incoming) incoming.push(edge)
          else index.byTarget.set(edge.target, [edge])
        }
      }
    }
    index.byScope.set(scope.id, scopeEdges)
  }
  indexes.set(graph, index)
  return index
}

/** The machine first, then each nested scope right after the state that holds it. */
function scopesInDocumentOrder(graph: WorkflowGraph): Scope[] {
  const out: Scope[] = []
  const visit = (scopeId: ScopeId) => {
    const scope = graph.scopes[scopeId]
    if (!scope) return
    out.push(scope)
    for (const id of scope.stateIds) {
      const state = graph.states[id]
      if (state) childScopeIds(state).forEach(visit)
    }
  }
  visit(ROOT_SCOPE_ID)
  return out
}

function deriveStateEdges(graph: WorkflowGraph, state: StateNode): GraphEdge[] {
  const refs = transitionRefs(state)
  const targets = refs.map((ref) => findStateInScope(graph, state.scopeId, ref.name) ?? null)
  const previous = edgesOfState.get(state)
  if (
    previous &&
    previous.length === refs.length &&
    previous.every((edge, i) => edge.target === targets[i])
  ) {
    return previous
  }
  const edges = refs.map((ref, i): GraphEdge => ({
    id: edgeId(state.id, ref.kind, ref.index),
    kind: ref.kind,
    source: state.id,
    target: targets[i]!,
    targetName: ref.name,
    index: ref.index,
    scopeId: state.scopeId,
  }))
  edgesOfState.set(state, edges)
  return edges
}

/** Every transition of the machine in document order (nested scopes after their state's scope). */
export function graphEdges(graph: WorkflowGraph): readonly GraphEdge[] {
  return edgeIndex(graph).all
}

/** The transitions between the states of one scope. */
export function scopeEdges(graph: WorkflowGraph, scopeId: ScopeId): readonly GraphEdge[] {
  requireScope(graph, scopeId)
  return edgeIndex(graph).byScope.get(scopeId) ?? []
}

/** A state's outgoing transitions. */
export function outgoingEdges(graph: WorkflowGraph, id: StateId): readonly GraphEdge[] {
  requireState(graph, id)
  return edgeIndex(graph).bySource.get(id) ?? []
}

/** The transitions that reach a state. */
export function incomingEdges(graph: WorkflowGraph, id: StateId): readonly GraphEdge[] {
  requireState(graph, id)
  return edgeIndex(graph).byTarget.get(id) ?? []
}

export function findEdge(graph: WorkflowGraph, id: string): GraphEdge | undefined {
  const ref = parseEdgeId(id)
  if (!ref || !Object.prototype.hasOwnProperty.call(graph.states, ref.sourceId)) return undefined
  return outgoingEdges(graph, ref.sourceId).find((edge) => edge.id === id)
}

/** True when the state type ends a path by itself (no `Next`/`End`). */
export function isTerminalType(state: StateNode): boolean {
  const type = stateType(state)
  return type === 'Succeed' || type === 'Fail'
}
