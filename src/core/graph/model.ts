// The workflow graph: the document model the canvas and the code view edit.
//
// It is a normalized, immutable tree of scopes (the machine, each Parallel branch, each Map
// processor) holding states, keyed by stable ids. Each state keeps the exact object it had in
// the ASL — every field, known or not, in its original key order — minus the nested state
// machines, which become child scopes; the position of the nested key among the fields is
// remembered, so `graphToAsl(aslToGraph(x))` gives back `x` key for key, even for documents
// that are invalid (dangling targets, missing StartAt, unknown fields): the editor must be able
// to hold broken work.
//
// Transitions are not stored: they are derived from `Next`, `Default`, `Choices[i].Next` and
// `Catch[i].Next` (see edges.ts), so there is a single source of truth.

import type { DocPath } from '../asl/diagnostics'
import type { JsonObject, JsonValue } from '../asl/types'
import { isJsonObject } from '../asl/types'
import { own, withKeyAt } from './json'

export type StateId = string
export type ScopeId = string
/** A node of the canvas: a state, or a nested scope (a Parallel branch, a Map processor). */
export type LayoutNodeId = StateId | ScopeId

/** The machine itself. Nested scopes get ids `c<n>`, states `s<n>`. */
export const ROOT_SCOPE_ID: ScopeId = 'root'

export type ProcessorKey = 'ItemProcessor' | 'Iterator'

/** A Parallel's branches: one scope each. `at` = how many of the state's fields precede `Branches`. */
export interface BranchChildren {
  readonly kind: 'branches'
  readonly at: number
  readonly scopeIds: readonly ScopeId[]
}

/** A Map's processor, under `ItemProcessor` or the legacy `Iterator` (whichever the document used). */
export interface ProcessorChild {
  readonly kind: 'processor'
  readonly key: ProcessorKey
  readonly at: number
  readonly scopeId: ScopeId
}

export type StateChildren = BranchChildren | ProcessorChild

export interface StateNode {
  readonly id: StateId
  readonly name: string
  readonly scopeId: ScopeId
  /** Every field of the state in document order, except the nested machines in `children`. */
  readonly fields: JsonObject
  readonly children?: StateChildren
}

export interface Scope {
  readonly id: ScopeId
  /** The Parallel or Map state that owns this scope; null for the machine. */
  readonly parentId: StateId | null
  /**
   * The container's fields in document order except the `States` object: StartAt, Comment,
   * ProcessorConfig, and for the machine TimeoutSeconds, Version, QueryLanguage… and unknown
   * ones. When `States` is not an object of objects it is kept here verbatim instead.
   */
  readonly fields: JsonObject
  /** How many of `fields` precede `States`; null when the container has no modelled `States`. */
  readonly statesAt: number | null
  /** The states in document order. */
  readonly stateIds: readonly StateId[]
}

export interface WorkflowGraph {
  readonly scopes: Readonly<Record<ScopeId, Scope>>
  readonly states: Readonly<Record<StateId, StateNode>>
  /** The number of the next id to hand out: ids are deterministic, never random. */
  readonly nextId: number
}

export interface AslToGraphOptions {
  /**
   * The graph this document replaces (e.g. before a text edit). States whose name is unchanged
   * within the same scope path keep their id, so their positions survive; new ids continue
   * after the previous graph's.
   */
  previous?: WorkflowGraph
}

// ---------------------------------------------------------------------------------------------
// ASL → graph

/** Builds the graph of a state machine definition. Never throws, whatever the object holds. */
export function aslToGraph(definition: JsonObject, options: AslToGraphOptions = {}): WorkflowGraph {
  const previous = options.previous
  const builder = new GraphBuilder(
    previous?.nextId ?? 1,
    previous ? reuseIndex(previous, ROOT_SCOPE_ID, '') : undefined,
  )
  builder.buildScope(definition, ROOT_SCOPE_ID, null, '')
  return { scopes: builder.scopes, states: builder.states, nextId: builder.nextId }
}

/** Ids of an existing subtree by relative path key, so a rebuilt subtree keeps them. */
export interface ReuseIndex {
  states: Map<string, StateId>
  scopes: Map<string, ScopeId>
}

/** Path keys are unambiguous: each step is JSON-encoded (names as strings, branches as numbers). */
export function childKey(parentKey: string, step: string | number): string {
  return `${parentKey}/${JSON.stringify(step)}`
}

const PROCESSOR_STEP = 'processor'

/** Indexes the states and nested scopes under `scopeId`, keyed relative to `key`. */
export function reuseIndex(
  graph: WorkflowGraph,
  scopeId: ScopeId,
  key: string,
  index: ReuseIndex = { states: new Map(), scopes: new Map() },
): ReuseIndex {
  const scope = graph.scopes[scopeId]
  if (!scope) return index
  for (const stateId of scope.stateIds) {
    const state = graph.states[stateId]
    if (!state) continue
    const stateKey = childKey(key, state.name)
    index.states.set(stateKey, stateId)
    reuseIndexOfChildren(graph, state, stateKey, index)
  }
  return index
}

/** Indexes the nested scopes of a state (and everything under them). */
export function reuseIndexOfChildren(
  graph: WorkflowGraph,
  state: StateNode,
  stateKey: string,
  index: ReuseIndex = { states: new Map(), scopes: new Map() },
): ReuseIndex {
  const children = state.children
  if (!children) return index
  if (children.kind === 'branches') {
    children.scopeIds.forEach((scopeId, i) => {
      const scopeKey = childKey(stateKey, i)
      index.scopes.set(scopeKey, scopeId)
      reuseIndex(graph, scopeId, scopeKey, index)
    })
  } else {
    const scopeKey = childKey(stateKey, PROCESSOR_STEP)
    index.scopes.set(scopeKey, children.scopeId)
    reuseIndex(graph, children.scopeId, scopeKey, index)
  }
  return index
}

/**
 * Turns ASL containers and states into graph nodes. Used by aslToGraph and by the commands that
 * bring new ASL in (add, paste, replace). Ids come from the counter unless `reuse` knows the
 * path; a reused id is handed out at most once.
 */
export class GraphBuilder {
  readonly states: Record<StateId, StateNode> = {}
  readonly scopes: Record<ScopeId, Scope> = {}
  private readonly taken = new Set<string>()

  constructor(
    public nextId: number,
    private readonly reuse?: ReuseIndex,
  ) {}

  private id(prefix: 's' | 'c', reused: string | undefined): string {
    if (reused !== undefined && !this.taken.has(reused)) {
      this.taken.add(reused)
      return reused
    }
    return `${prefix}${this.nextId++}`
  }

  stateId(key: string): StateId {
    return this.id('s', this.reuse?.states.get(key))
  }

  scopeId(key: string): ScopeId {
    return this.id('c', this.reuse?.scopes.get(key))
  }

  buildScope(container: JsonObject, id: ScopeId, parentId: StateId | null, key: string): Scope {
    const statesValue = own(container, 'States')
    const modelled =
      isJsonObject(statesValue) && Object.values(statesValue).every((state) => isJsonObject(state))
    const fields: [string, JsonValue][] = []
    let statesAt: number | null = null
    for (const [k, v] of Object.entries(container)) {
      if (modelled && k === 'States') statesAt = fields.length
      else fields.push([k, v])
    }
    const stateIds: StateId[] = []
    if (modelled) {
      for (const [name, definition] of Object.entries(statesValue as JsonObject)) {
        const stateKey = childKey(key, name)
        const state = this.buildState(
          name,
          definition as JsonObject,
          id,
          stateKey,
          this.stateId(stateKey),
        )
        stateIds.push(state.id)
      }
    }
    const scope: Scope = {
      id,
      parentId,
      fields: Object.fromEntries(fields),
      statesAt,
      stateIds,
    }
    this.scopes[id] = scope
    return scope
  }

  buildState(
    name: string,
    definition: JsonObject,
    scopeId: ScopeId,
    key: string,
    id: StateId,
  ): StateNode {
    const nestedKey = nestedMachineKey(definition)
    let node: StateNode
    if (nestedKey === undefined) {
      node = { id, name, scopeId, fields: definition }
    } else {
      const fields: [string, JsonValue][] = []
      let at = 0
      for (const [k, v] of Object.entries(definition)) {
        if (k === nestedKey) at = fields.length
        else fields.push([k, v])
      }
      let children: StateChildren
      if (nestedKey === 'Branches') {
        const branches = definition.Branches as JsonObject[]
        const scopeIds = branches.map((branch, i) => {
          const scopeKey = childKey(key, i)
          return this.buildScope(branch, this.scopeId(scopeKey), id, scopeKey).id
        })
        children = { kind: 'branches', at, scopeIds }
      } else {
        const scopeKey = childKey(key, PROCESSOR_STEP)
        const processor = definition[nestedKey] as JsonObject
        const scopeId = this.buildScope(processor, this.scopeId(scopeKey), id, scopeKey).id
        children = { kind: 'processor', key: nestedKey, at, scopeId }
      }
      node = { id, name, scopeId, fields: Object.fromEntries(fields), children }
    }
    this.states[id] = node
    return node
  }
}

/**
 * Which key of a state holds nested machines the graph models: `Branches` of a Parallel when it
 * is an array of objects, the first of `ItemProcessor`/`Iterator` of a Map that is an object.
 * Anything else stays a plain field, kept verbatim.
 */
function nestedMachineKey(definition: JsonObject): 'Branches' | ProcessorKey | undefined {
  const type = own(definition, 'Type')
  if (type === 'Parallel') {
    const branches = own(definition, 'Branches')
    return Array.isArray(branches) && branches.every((branch) => isJsonObject(branch))
      ? 'Branches'
      : undefined
  }
  if (type === 'Map') {
    for (const key of Object.keys(definition)) {
      if ((key === 'ItemProcessor' || key === 'Iterator') && isJsonObject(definition[key])) {
        return key
      }
    }
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// graph → ASL

/** The state machine definition, with every key where the document had it. */
export function graphToAsl(graph: WorkflowGraph): JsonObject {
  return scopeToAsl(graph, ROOT_SCOPE_ID)
}

/** A container (the machine, a branch, a processor) as ASL. */
export function scopeToAsl(graph: WorkflowGraph, scopeId: ScopeId): JsonObject {
  const scope = requireScope(graph, scopeId)
  if (scope.statesAt === null) return { ...scope.fields }
  const states = Object.fromEntries(
    scope.stateIds.map((id) => {
      const state = requireState(graph, id)
      return [state.name, stateToAsl(graph, id)]
    }),
  )
  return withKeyAt(scope.fields, scope.statesAt, 'States', states)
}

/** One state as ASL, nested branches or processor included. */
export function stateToAsl(graph: WorkflowGraph, id: StateId): JsonObject {
  const state = requireState(graph, id)
  const children = state.children
  if (!children) return { ...state.fields }
  if (children.kind === 'branches') {
    const branches = children.scopeIds.map((scopeId) => scopeToAsl(graph, scopeId))
    return withKeyAt(state.fields, children.at, 'Branches', branches)
  }
  return withKeyAt(state.fields, children.at, children.key, scopeToAsl(graph, children.scopeId))
}

/** Several states of one scope as a `States`-like object (name → definition), e.g. for copy. */
export function statesToAsl(graph: WorkflowGraph, ids: readonly StateId[]): JsonObject {
  return Object.fromEntries(ids.map((id) => [requireState(graph, id).name, stateToAsl(graph, id)]))
}

// ---------------------------------------------------------------------------------------------
// Queries

export class GraphError extends Error {
  override name = 'GraphError'
}

export function requireState(graph: WorkflowGraph, id: StateId): StateNode {
  const state = Object.prototype.hasOwnProperty.call(graph.states, id)
    ? graph.states[id]
    : undefined
  if (!state) throw new GraphError(`No state with id '${id}'`)
  return state
}

export function requireScope(graph: WorkflowGraph, id: ScopeId): Scope {
  const scope = Object.prototype.hasOwnProperty.call(graph.scopes, id)
    ? graph.scopes[id]
    : undefined
  if (!scope) throw new GraphError(`No scope with id '${id}'`)
  return scope
}

export function rootScope(graph: WorkflowGraph): Scope {
  return requireScope(graph, ROOT_SCOPE_ID)
}

/** The states of a scope in document order. */
export function scopeStates(graph: WorkflowGraph, scopeId: ScopeId): StateNode[] {
  return requireScope(graph, scopeId).stateIds.map((id) => requireState(graph, id))
}

/** `Type` when it is a string (documents may hold anything). */
export function stateType(state: StateNode): string | undefined {
  const type = own(state.fields, 'Type')
  return typeof type === 'string' ? type : undefined
}

/** The scopes nested directly in a state (branches in order, or the processor). */
export function childScopeIds(state: StateNode): readonly ScopeId[] {
  const children = state.children
  if (!children) return []
  return children.kind === 'branches' ? children.scopeIds : [children.scopeId]
}

/** The scope's `StartAt` when it is a string. */
export function scopeStartAt(scope: Scope): string | undefined {
  const startAt = own(scope.fields, 'StartAt')
  return typeof startAt === 'string' ? startAt : undefined
}

/** The state `StartAt` names, when it exists in the scope. */
export function startStateId(graph: WorkflowGraph, scopeId: ScopeId): StateId | undefined {
  const startAt = scopeStartAt(requireScope(graph, scopeId))
  return startAt === undefined ? undefined : findStateInScope(graph, scopeId, startAt)
}

interface NameIndex {
  byScope: Map<ScopeId, Map<string, StateId>>
  byName: Map<string, StateId[]>
}

const nameIndexes = new WeakMap<WorkflowGraph, NameIndex>()

function nameIndex(graph: WorkflowGraph): NameIndex {
  let index = nameIndexes.get(graph)
  if (!index) {
    index = { byScope: new Map(), byName: new Map() }
    for (const scope of Object.values(graph.scopes)) {
      const names = new Map<string, StateId>()
      for (const id of scope.stateIds) {
        const state = graph.states[id]
        if (!state) continue
        if (!names.has(state.name)) names.set(state.name, id)
        const all = index.byName.get(state.name)
        if (all) all.push(id)
        else index.byName.set(state.name, [id])
      }
      index.byScope.set(scope.id, names)
    }
    nameIndexes.set(graph, index)
  }
  return index
}

/** The state of that name in the scope (the only place a transition may point). */
export function findStateInScope(
  graph: WorkflowGraph,
  scopeId: ScopeId,
  name: string,
): StateId | undefined {
  return nameIndex(graph).byScope.get(scopeId)?.get(name)
}

/** Every state of that name anywhere in the machine (more than one only in invalid documents). */
export function findStatesByName(graph: WorkflowGraph, name: string): readonly StateId[] {
  return nameIndex(graph).byName.get(name) ?? []
}

/** True when some state anywhere in the machine has this name. */
export function isStateNameTaken(graph: WorkflowGraph, name: string): boolean {
  return nameIndex(graph).byName.has(name)
}

/** The state owning a scope and the index of the branch (null for a processor). */
export function scopeOwner(
  graph: WorkflowGraph,
  scopeId: ScopeId,
): { state: StateNode; branchIndex: number | null } | undefined {
  const scope = requireScope(graph, scopeId)
  if (scope.parentId === null) return undefined
  const state = requireState(graph, scope.parentId)
  const children = state.children
  if (children?.kind === 'branches') {
    return { state, branchIndex: children.scopeIds.indexOf(scopeId) }
  }
  return { state, branchIndex: null }
}

/** True when `scopeId` is nested (at any depth) inside state `stateId`. */
export function isScopeInside(graph: WorkflowGraph, scopeId: ScopeId, stateId: StateId): boolean {
  let scope: Scope | undefined = graph.scopes[scopeId]
  while (scope && scope.parentId !== null) {
    if (scope.parentId === stateId) return true
    scope = graph.scopes[requireState(graph, scope.parentId).scopeId]
  }
  return false
}

/** Names of the enclosing states then the state itself, outermost first (like Diagnostic.statePath). */
export function stateNamePath(graph: WorkflowGraph, id: StateId): string[] {
  const names: string[] = []
  let state: StateNode | undefined = requireState(graph, id)
  while (state) {
    names.unshift(state.name)
    const parentId: StateId | null = requireScope(graph, state.scopeId).parentId
    state = parentId === null ? undefined : requireState(graph, parentId)
  }
  return names
}

/** Where a scope sits in the ASL document: `[]`, `['States','P','Branches',0]`, … */
export function scopeDocPath(graph: WorkflowGraph, scopeId: ScopeId): DocPath {
  const scope = requireScope(graph, scopeId)
  if (scope.parentId === null) return []
  const owner = requireState(graph, scope.parentId)
  const ownerPath = stateDocPath(graph, owner.id)
  const children = owner.children
  if (children?.kind === 'branches') {
    return [...ownerPath, 'Branches', children.scopeIds.indexOf(scopeId)]
  }
  return [...ownerPath, children?.key ?? 'ItemProcessor']
}

/** Where a state sits in the ASL document: `['States','P','Branches',0,'States','Inner']`. */
export function stateDocPath(graph: WorkflowGraph, id: StateId): DocPath {
  const state = requireState(graph, id)
  return [...scopeDocPath(graph, state.scopeId), 'States', state.name]
}

/**
 * The innermost state a document path points into (e.g. from a diagnostic or the editor's
 * cursor), or undefined when it points at top-level fields.
 */
export function stateIdAtDocPath(graph: WorkflowGraph, path: DocPath): StateId | undefined {
  let scopeId: ScopeId = ROOT_SCOPE_ID
  let found: StateId | undefined
  let i = 0
  for (;;) {
    const scope = graph.scopes[scopeId]
    if (!scope || scope.statesAt === null || path[i] !== 'States') return found
    const name = path[i + 1]
    if (typeof name !== 'string') return found
    const id = findStateInScope(graph, scopeId, name)
    if (id === undefined) return found
    found = id
    i += 2
    const children = requireState(graph, id).children
    if (!children) return found
    if (children.kind === 'branches') {
      const index = path[i + 1]
      if (path[i] !== 'Branches' || typeof index !== 'number') return found
      const next = children.scopeIds[index]
      if (next === undefined) return found
      scopeId = next
      i += 2
    } else {
      if (path[i] !== children.key) return found
      scopeId = children.scopeId
      i += 1
    }
  }
}

/** Every state and scope under a state (not the state itself), outermost first. */
export function descendantsOf(
  graph: WorkflowGraph,
  id: StateId,
): { stateIds: StateId[]; scopeIds: ScopeId[] } {
  const stateIds: StateId[] = []
  const scopeIds: ScopeId[] = []
  const visit = (state: StateNode) => {
    for (const scopeId of childScopeIds(state)) {
      scopeIds.push(scopeId)
      const scope = graph.scopes[scopeId]
      if (!scope) continue
      for (const childId of scope.stateIds) {
        const child = graph.states[childId]
        if (!child) continue
        stateIds.push(childId)
        visit(child)
      }
    }
  }
  visit(requireState(graph, id))
  return { stateIds, scopeIds }
}
