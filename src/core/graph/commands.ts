// Pure edit commands: each takes a graph and arguments and returns a new graph, sharing every
// state and scope it did not touch and never mutating its input, so the document store can keep
// old graphs for undo and log the commands themselves. Invalid arguments (an unknown id, a
// taken name, a transition a state type cannot have) throw a GraphError; the UI checks first
// (e.g. with checkStateName) and shows why.
//
// Semantics a user sees, in one place:
// - Names are unique in the whole machine. New, pasted and duplicated states that would clash
//   are named "Name (1)", "Name (2)"…; rename refuses a taken name.
// - Rename rewrites every reference in the state's scope: Next, Default, Choices[].Next,
//   Catch[].Next and the scope's StartAt.
// - Removing states splices them out: a reference to a removed state moves on to the state the
//   removed one led to through `Next` (following a chain of removed states). When there is none
//   (the removed state ended the path, or was a Choice), a `Next` becomes `End: true`, a
//   `Default` is dropped, and Choice rules, catchers and StartAt are left pointing at the missing
//   name, so no condition or error list the user wrote disappears; the validator flags them.
// - Moving states into another scope detaches them the same way on both sides: the old scope is
//   spliced as on removal, and the moved states' transitions to states left behind end (`Next`
//   → `End`, `Default` dropped). Transitions among the moved states are kept.
// - Adding, pasting or moving the first state into an empty scope makes it the scope's StartAt.
// - Connecting `next` from a state with `End: true` puts `Next` in End's place; disconnecting
//   `next` puts `End: true` in Next's place (not for Choice, Succeed, Fail). Disconnecting a
//   Choice rule or a catcher removes that rule or catcher (an empty Catch is dropped); to keep a
//   rule without its target, unset its `Next` with unsetField.
// - setField/unsetField edit the document at a path, relative to a state or a scope: the result
//   is exactly the ASL with that path changed. Paths into a nested branch or processor are routed
//   there; paths that change the structure (Type, Branches, ItemProcessor, Iterator, States)
//   rebuild that part of the graph, keeping the ids of states whose names are unchanged.

import type { DocPath } from '../asl/diagnostics'
import type { JsonObject, JsonValue, QueryLanguage, StateType } from '../asl/types'
import { assertNever, isJsonObject } from '../asl/types'
import type { EdgeKind, EdgeRef } from './edges'
import { transitionRefs } from './edges'
import {
  hasOwn,
  keyIndex,
  own,
  replaceKey,
  setIn,
  unsetIn,
  withKey,
  withKeyAt,
  withoutKey,
} from './json'
import type { Scope, ScopeId, StateId, StateNode, WorkflowGraph } from './model'
import {
  GraphBuilder,
  GraphError,
  ROOT_SCOPE_ID,
  aslToGraph,
  childKey,
  isScopeInside,
  requireScope,
  requireState,
  reuseIndex,
  reuseIndexOfChildren,
  scopeToAsl,
  stateToAsl,
  stateType,
} from './model'
import { checkStateName, uniqueName } from './names'

// ---------------------------------------------------------------------------------------------
// Arguments and the command union

export interface AddStateArgs {
  scopeId: ScopeId
  /** The type of a new default state; may be omitted when `fields` has a Type. */
  stateType?: StateType
  /** The state's fields (a palette template); defaults to defaultStateFields(stateType). */
  fields?: JsonObject
  /** Wanted name (made unique); defaults to the type. */
  name?: string
  /** Position among the scope's states; the end by default. */
  index?: number
}

export interface PasteStatesArgs {
  scopeId: ScopeId
  /** A `States`-like object: name → definition (e.g. from statesToAsl or the clipboard). */
  states: JsonObject
  index?: number
}

export interface RemoveStatesArgs {
  ids: readonly StateId[]
}

export interface RenameStateArgs {
  id: StateId
  name: string
}

export interface ConnectArgs {
  sourceId: StateId
  kind: EdgeKind
  /** For `choice`/`catch`: the rule or catcher to point; omitted or = length appends a new one. */
  index?: number
  targetId: StateId
  /** For a new rule or catcher: its fields (Next is set); a sensible default otherwise. */
  template?: JsonObject
}

export interface DisconnectArgs {
  sourceId: StateId
  kind: EdgeKind
  index?: number
}

/** Where a field path starts: a state's object, or a container (the machine, a branch, a processor). */
export type FieldTarget = { stateId: StateId } | { scopeId: ScopeId }

export interface SetFieldArgs {
  target: FieldTarget
  /** e.g. `['Retry', 0, 'MaxAttempts']`; `[]` replaces the whole state or container. */
  path: DocPath
  value: JsonValue
}

export interface UnsetFieldArgs {
  target: FieldTarget
  path: DocPath
}

export interface ReplaceStateArgs {
  id: StateId
  /** The whole state as ASL (nested branches/processor included), e.g. from the inspector. */
  definition: JsonObject
}

/** The arrow from a scope's start marker to its StartAt state. */
export interface StartEdgeRef {
  scopeId: ScopeId
  kind: 'start'
}

export interface InsertStateOnEdgeArgs {
  edge: EdgeRef | StartEdgeRef
  stateType?: StateType
  fields?: JsonObject
  name?: string
}

export interface MoveStatesArgs {
  ids: readonly StateId[]
  /** The scope to move them to (may be their own: then this reorders). */
  scopeId: ScopeId
  /** Position among the target scope's other states; the end by default. */
  index?: number
}

export interface AddBranchArgs {
  stateId: StateId
  /** Position among the branches; the end by default. */
  index?: number
  /** The branch as ASL (`{StartAt, States}`); an empty branch by default. Names are made unique. */
  branch?: JsonObject
}

export interface RemoveBranchArgs {
  stateId: StateId
  index: number
}

export interface SetStartAtArgs {
  scopeId: ScopeId
  stateId: StateId
}

export interface DuplicateStatesArgs {
  ids: readonly StateId[]
}

export interface SetMachineFieldArgs {
  key: string
  value: JsonValue | undefined
}

export interface LoadDefinitionArgs {
  /** A whole new document (e.g. the code editor's text); ids are kept by name. */
  definition: JsonObject
}

export type GraphCommand =
  | ({ type: 'addState' } & AddStateArgs)
  | ({ type: 'pasteStates' } & PasteStatesArgs)
  | ({ type: 'removeStates' } & RemoveStatesArgs)
  | ({ type: 'renameState' } & RenameStateArgs)
  | ({ type: 'connect' } & ConnectArgs)
  | ({ type: 'disconnect' } & DisconnectArgs)
  | ({ type: 'setField' } & SetFieldArgs)
  | ({ type: 'unsetField' } & UnsetFieldArgs)
  | ({ type: 'replaceState' } & ReplaceStateArgs)
  | ({ type: 'insertStateOnEdge' } & InsertStateOnEdgeArgs)
  | ({ type: 'moveStates' } & MoveStatesArgs)
  | ({ type: 'addBranch' } & AddBranchArgs)
  | ({ type: 'removeBranch' } & RemoveBranchArgs)
  | ({ type: 'setStartAt' } & SetStartAtArgs)
  | ({ type: 'duplicateStates' } & DuplicateStatesArgs)
  | ({ type: 'setMachineField' } & SetMachineFieldArgs)
  | ({ type: 'loadDefinition' } & LoadDefinitionArgs)

/** The reducer the document store uses: one command, one new graph. */
export function applyCommand(graph: WorkflowGraph, command: GraphCommand): WorkflowGraph {
  switch (command.type) {
    case 'addState':
      return addState(graph, command)
    case 'pasteStates':
      return pasteStates(graph, command)
    case 'removeStates':
      return removeStates(graph, command)
    case 'renameState':
      return renameState(graph, command)
    case 'connect':
      return connect(graph, command)
    case 'disconnect':
      return disconnect(graph, command)
    case 'setField':
      return setField(graph, command)
    case 'unsetField':
      return unsetField(graph, command)
    case 'replaceState':
      return replaceState(graph, command)
    case 'insertStateOnEdge':
      return insertStateOnEdge(graph, command)
    case 'moveStates':
      return moveStates(graph, command)
    case 'addBranch':
      return addBranch(graph, command)
    case 'removeBranch':
      return removeBranch(graph, command)
    case 'setStartAt':
      return setStartAt(graph, command)
    case 'duplicateStates':
      return duplicateStates(graph, command)
    case 'setMachineField':
      return setMachineField(graph, command)
    case 'loadDefinition':
      return loadDefinition(graph, command)
    default:
      return assertNever(command, 'graph command')
  }
}

/** Ids present in `after` but not in `before`, in document order (e.g. to select what was added). */
export function addedStateIds(before: WorkflowGraph, after: WorkflowGraph): StateId[] {
  const added: StateId[] = []
  const visit = (scopeId: ScopeId) => {
    const scope = after.scopes[scopeId]
    if (!scope) return
    for (const id of scope.stateIds) {
      if (!hasOwnId(before.states, id)) added.push(id)
      const state = after.states[id]
      if (state) childScopes(state).forEach(visit)
    }
  }
  visit(ROOT_SCOPE_ID)
  return added
}

// ---------------------------------------------------------------------------------------------
// Defaults

const NO_END_TYPES = new Set(['Choice', 'Succeed', 'Fail'])
const CATCH_TYPES = new Set(['Task', 'Parallel', 'Map'])

/** A new state of a type, as the palette's plain items create it. */
export function defaultStateFields(type: StateType): JsonObject {
  switch (type) {
    case 'Task':
      return { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true }
    case 'Pass':
      return { Type: 'Pass', End: true }
    case 'Wait':
      return { Type: 'Wait', Seconds: 5, End: true }
    case 'Choice':
      return { Type: 'Choice', Choices: [] }
    case 'Succeed':
      return { Type: 'Succeed' }
    case 'Fail':
      return { Type: 'Fail' }
    case 'Parallel':
      return { Type: 'Parallel', Branches: [{ States: {} }, { States: {} }], End: true }
    case 'Map':
      return {
        Type: 'Map',
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, States: {} },
        End: true,
      }
    default:
      return assertNever(type, 'state type')
  }
}

/** A new Choice rule that is true, in the query language in force. */
export function defaultChoiceRule(queryLanguage: QueryLanguage): JsonObject {
  return queryLanguage === 'JSONata'
    ? { Condition: '{% true %}' }
    : { Variable: '$', IsPresent: true }
}

/** The query language in force for a state: its own, else the enclosing states', else the machine's. */
export function queryLanguageOf(graph: WorkflowGraph, id: StateId): QueryLanguage {
  let state: StateNode | undefined = requireState(graph, id)
  while (state) {
    const own = ownQueryLanguage(state.fields)
    if (own) return own
    const parentId: StateId | null = requireScope(graph, state.scopeId).parentId
    state = parentId === null ? undefined : requireState(graph, parentId)
  }
  return ownQueryLanguage(requireScope(graph, ROOT_SCOPE_ID).fields) ?? 'JSONPath'
}

function ownQueryLanguage(fields: JsonObject): QueryLanguage | undefined {
  const value = own(fields, 'QueryLanguage')
  return value === 'JSONata' || value === 'JSONPath' ? value : undefined
}

// ---------------------------------------------------------------------------------------------
// The named commands

export function addState(graph: WorkflowGraph, args: AddStateArgs): WorkflowGraph {
  const draft = new Draft(graph)
  const definition = newStateDefinition(args)
  const name = args.name ?? (typeof definition.Type === 'string' ? definition.Type : 'State')
  insertNewStates(draft, args.scopeId, [[name, definition]], args.index)
  return draft.finish()
}

export function pasteStates(graph: WorkflowGraph, args: PasteStatesArgs): WorkflowGraph {
  const entries = Object.entries(args.states).filter((entry): entry is [string, JsonObject] =>
    isJsonObject(entry[1]),
  )
  if (entries.length === 0) return graph
  const draft = new Draft(graph)
  insertNewStates(draft, args.scopeId, entries, args.index)
  return draft.finish()
}

export function removeStates(graph: WorkflowGraph, args: RemoveStatesArgs): WorkflowGraph {
  const ids = [...new Set(args.ids)]
  if (ids.length === 0) return graph
  const draft = new Draft(graph)
  for (const id of ids) draft.state(id)
  // States inside a removed container go with it; only the outermost need splicing.
  const outermost = ids.filter(
    (id) =>
      !ids.some((other) => other !== id && isScopeInside(graph, draft.state(id).scopeId, other)),
  )
  for (const [scopeId, nodes] of groupByScope(draft, outermost)) {
    const gone = new Set(nodes.map((node) => node.id))
    spliceOut(draft, scopeId, gone)
    const scope = draft.scope(scopeId)
    draft.setScope({ ...scope, stateIds: scope.stateIds.filter((id) => !gone.has(id)) })
    for (const node of nodes) draft.deleteState(node.id)
  }
  return draft.finish()
}

export function renameState(graph: WorkflowGraph, args: RenameStateArgs): WorkflowGraph {
  const node = requireState(graph, args.id)
  if (node.name === args.name) return graph
  const problem = checkStateName(graph, args.name, args.id)
  if (problem) throw new GraphError(problem)
  const draft = new Draft(graph)
  draft.setState({ ...node, name: args.name })
  const oldName = node.name
  const scope = draft.scope(node.scopeId)
  for (const id of scope.stateIds) {
    const state = draft.state(id)
    let fields: JsonObject | undefined
    for (const ref of transitionRefs(state)) {
      if (ref.name === oldName)
        fields = retarget(fields ?? state.fields, ref.kind, ref.index, args.name)
    }
    if (fields) draft.setState({ ...state, fields })
  }
  draft.setScope(
    own(scope.fields, 'StartAt') === oldName
      ? editScopeFields(scope, (full) => withKey(full, 'StartAt', args.name))
      : scope,
  )
  return draft.finish()
}

export function connect(graph: WorkflowGraph, args: ConnectArgs): WorkflowGraph {
  const source = requireState(graph, args.sourceId)
  const target = requireState(graph, args.targetId)
  if (target.scopeId !== source.scopeId) {
    throw new GraphError(
      `'${source.name}' cannot transition to '${target.name}': a transition stays inside its branch or processor.`,
    )
  }
  const type = stateType(source)
  const name = target.name
  let edit: (full: JsonObject) => JsonObject
  switch (args.kind) {
    case 'next':
      if (type !== undefined && NO_END_TYPES.has(type)) {
        throw new GraphError(`A ${type} state has no Next.`)
      }
      edit = (full) => replaceKey(full, 'End', 'Next', name)
      break
    case 'default':
      requireType(source, 'Choice', 'a Default')
      edit = (full) => withKey(full, 'Default', name)
      break
    case 'choice': {
      requireType(source, 'Choice', 'Choice rules')
      const template = args.template ?? defaultChoiceRule(queryLanguageOf(graph, source.id))
      edit = (full) =>
        pointListItem(full, 'Choices', args.index, name, (list) => [
          ...list,
          withKey(template, 'Next', name),
        ])
      break
    }
    case 'catch': {
      if (type === undefined || !CATCH_TYPES.has(type)) {
        throw new GraphError(`A ${type ?? 'state without a Type'} cannot catch errors.`)
      }
      edit = (full) =>
        pointListItem(full, 'Catch', args.index, name, (list) =>
          insertCatcher(list, args.template, name),
        )
      break
    }
    default:
      return assertNever(args.kind, 'edge kind')
  }
  const draft = new Draft(graph)
  draft.setState(editFields(source, edit))
  return draft.finish()
}

export function disconnect(graph: WorkflowGraph, args: DisconnectArgs): WorkflowGraph {
  const source = requireState(graph, args.sourceId)
  let edit: (full: JsonObject) => JsonObject
  switch (args.kind) {
    case 'next':
      if (own(source.fields, 'Next') === undefined) return graph
      edit = (full) => dropNext(full)
      break
    case 'default':
      if (own(source.fields, 'Default') === undefined) return graph
      edit = (full) => withoutKey(full, 'Default')
      break
    case 'choice':
    case 'catch': {
      const key = args.kind === 'choice' ? 'Choices' : 'Catch'
      const list = own(source.fields, key)
      const index = args.index
      if (!Array.isArray(list) || index === undefined || index < 0 || index >= list.length) {
        throw new GraphError(`'${source.name}' has no ${key}[${String(index)}].`)
      }
      edit = (full) => {
        const rest = list.filter((_, i) => i !== index)
        return key === 'Catch' && rest.length === 0
          ? withoutKey(full, key)
          : withKey(full, key, rest)
      }
      break
    }
    default:
      return assertNever(args.kind, 'edge kind')
  }
  const draft = new Draft(graph)
  draft.setState(editFields(source, edit))
  return draft.finish()
}

export function setField(graph: WorkflowGraph, args: SetFieldArgs): WorkflowGraph {
  const draft = new Draft(graph)
  editAt(draft, args.target, args.path, { kind: 'set', value: args.value })
  return draft.finish()
}

export function unsetField(graph: WorkflowGraph, args: UnsetFieldArgs): WorkflowGraph {
  if (args.path.length === 0) {
    throw new GraphError('unsetField needs a path; use removeStates to remove a state.')
  }
  const draft = new Draft(graph)
  editAt(draft, args.target, args.path, { kind: 'unset' })
  return draft.finish()
}

export function replaceState(graph: WorkflowGraph, args: ReplaceStateArgs): WorkflowGraph {
  return setField(graph, { target: { stateId: args.id }, path: [], value: args.definition })
}

export function setMachineField(graph: WorkflowGraph, args: SetMachineFieldArgs): WorkflowGraph {
  const target = { scopeId: ROOT_SCOPE_ID }
  if (args.value === undefined) {
    if (!hasOwn(requireScope(graph, ROOT_SCOPE_ID).fields, args.key)) return graph
    return unsetField(graph, { target, path: [args.key] })
  }
  return setField(graph, { target, path: [args.key], value: args.value })
}

export function insertStateOnEdge(
  graph: WorkflowGraph,
  args: InsertStateOnEdgeArgs,
): WorkflowGraph {
  const edge = args.edge
  const draft = new Draft(graph)
  let scopeId: ScopeId
  let index: number
  let oldTarget: string | undefined
  if (edge.kind === 'start') {
    scopeId = edge.scopeId
    const startAt = own(draft.scope(scopeId).fields, 'StartAt')
    oldTarget = typeof startAt === 'string' ? startAt : undefined
    index = 0
  } else {
    const source = draft.state(edge.sourceId)
    scopeId = source.scopeId
    oldTarget = transitionRefs(source).find(
      (ref) => ref.kind === edge.kind && (ref.index === null || ref.index === edge.index),
    )?.name
    if (oldTarget === undefined) {
      throw new GraphError(`'${source.name}' has no ${edge.kind} transition to insert into.`)
    }
    index = draft.scope(scopeId).stateIds.indexOf(source.id) + 1
  }
  const definition = newStateDefinition(args)
  const name = args.name ?? (typeof definition.Type === 'string' ? definition.Type : 'State')
  const [newId] = insertNewStates(draft, scopeId, [[name, definition]], index)
  const inserted = draft.state(newId!)
  if (oldTarget !== undefined) {
    const type = stateType(inserted)
    let edit: ((full: JsonObject) => JsonObject) | undefined
    if (type === 'Choice') {
      if (own(inserted.fields, 'Default') === undefined) {
        edit = (full) => withKey(full, 'Default', oldTarget)
      }
    } else if (type !== 'Succeed' && type !== 'Fail') {
      edit = (full) => replaceKey(full, 'End', 'Next', oldTarget)
    }
    if (edit) draft.setState(editFields(inserted, edit))
  }
  if (edge.kind === 'start') {
    const scope = draft.scope(scopeId)
    draft.setScope(editScopeFields(scope, (full) => withStartAt(full, inserted.name)))
  } else {
    const source = draft.state(edge.sourceId)
    const ref = transitionRefs(source).find(
      (r) => r.kind === edge.kind && (r.index === null || r.index === edge.index),
    )!
    draft.setState(editFields(source, (full) => retarget(full, ref.kind, ref.index, inserted.name)))
  }
  return draft.finish()
}

export function moveStates(graph: WorkflowGraph, args: MoveStatesArgs): WorkflowGraph {
  const draft = new Draft(graph)
  const target = draft.scope(args.scopeId)
  const ids = [...new Set(args.ids)]
  if (ids.length === 0) return graph
  const movedNames = new Set<string>()
  for (const id of ids) {
    const state = draft.state(id)
    if (isScopeInside(graph, target.id, id)) {
      throw new GraphError(`'${state.name}' cannot be moved inside itself.`)
    }
    // Only documents already invalid (duplicate names) get here: one object cannot hold both.
    const clash = draft.inScope(target.id, state.name)
    if ((clash !== undefined && !ids.includes(clash)) || movedNames.has(state.name)) {
      throw new GraphError(`There is already a state named '${state.name}' there.`)
    }
    movedNames.add(state.name)
  }
  const groups = groupByScope(draft, ids)
  const ordered: StateId[] = []
  const targetWasEmpty = target.stateIds.length === 0
  for (const [scopeId, nodes] of groups) {
    ordered.push(...nodes.map((node) => node.id))
    if (scopeId === target.id) continue
    const moving = new Set(nodes.map((node) => node.id))
    spliceOut(draft, scopeId, moving)
    const scope = draft.scope(scopeId)
    const remaining = new Set(
      scope.stateIds.filter((id) => !moving.has(id)).map((id) => draft.state(id).name),
    )
    draft.setScope({ ...scope, stateIds: scope.stateIds.filter((id) => !moving.has(id)) })
    for (const node of nodes) {
      draft.setState({ ...detachFrom(draft.state(node.id), remaining), scopeId: target.id })
    }
  }
  const current = draft.scope(target.id)
  const rest = current.stateIds.filter((id) => !ids.includes(id))
  const at = clampIndex(args.index, rest.length)
  let scope: Scope = { ...current, stateIds: [...rest.slice(0, at), ...ordered, ...rest.slice(at)] }
  if (targetWasEmpty) {
    const first = draft.state(ordered[0]!).name
    scope = editScopeFields(scope, (full) => withStartAt(full, first))
  }
  draft.setScope(scope)
  return draft.finish()
}

export function addBranch(graph: WorkflowGraph, args: AddBranchArgs): WorkflowGraph {
  const node = requireState(graph, args.stateId)
  let children = node.children
  if (!children) {
    if (stateType(node) !== 'Parallel' || hasOwn(node.fields, 'Branches')) {
      throw new GraphError(`'${node.name}' is not a Parallel state with branches.`)
    }
    children = { kind: 'branches', at: Object.keys(node.fields).length, scopeIds: [] }
  }
  if (children.kind !== 'branches') {
    throw new GraphError(`'${node.name}' is not a Parallel state with branches.`)
  }
  const draft = new Draft(graph)
  const branch = uniquifyContainer(args.branch ?? { States: {} }, draft.names())
  const builder = new GraphBuilder(draft.nextId)
  const scopeId = builder.buildScope(branch, builder.scopeId(''), node.id, '').id
  draft.merge(builder)
  const at = clampIndex(args.index, children.scopeIds.length)
  const scopeIds = [...children.scopeIds.slice(0, at), scopeId, ...children.scopeIds.slice(at)]
  draft.setState({ ...node, children: { ...children, scopeIds } })
  return draft.finish()
}

export function removeBranch(graph: WorkflowGraph, args: RemoveBranchArgs): WorkflowGraph {
  const node = requireState(graph, args.stateId)
  const children = node.children
  if (children?.kind !== 'branches' || children.scopeIds[args.index] === undefined) {
    throw new GraphError(`'${node.name}' has no branch ${args.index}.`)
  }
  const draft = new Draft(graph)
  draft.deleteScope(children.scopeIds[args.index]!)
  draft.setState({
    ...node,
    children: { ...children, scopeIds: children.scopeIds.filter((_, i) => i !== args.index) },
  })
  return draft.finish()
}

export function setStartAt(graph: WorkflowGraph, args: SetStartAtArgs): WorkflowGraph {
  const state = requireState(graph, args.stateId)
  const scope = requireScope(graph, args.scopeId)
  if (state.scopeId !== scope.id) {
    throw new GraphError(`'${state.name}' is not in this ${scope.parentId ? 'branch' : 'machine'}.`)
  }
  if (own(scope.fields, 'StartAt') === state.name) return graph
  const draft = new Draft(graph)
  draft.setScope(editScopeFields(scope, (full) => withStartAt(full, state.name)))
  return draft.finish()
}

export function duplicateStates(graph: WorkflowGraph, args: DuplicateStatesArgs): WorkflowGraph {
  const ids = [...new Set(args.ids)]
  if (ids.length === 0) return graph
  const draft = new Draft(graph)
  for (const [scopeId, nodes] of groupByScope(draft, ids)) {
    const scope = draft.scope(scopeId)
    const copies = nodes.map((node): [string, JsonObject] => [
      node.name,
      stateToAsl(graph, node.id),
    ])
    const after = Math.max(...nodes.map((node) => scope.stateIds.indexOf(node.id))) + 1
    insertNewStates(draft, scopeId, copies, after)
  }
  return draft.finish()
}

export function loadDefinition(graph: WorkflowGraph, args: LoadDefinitionArgs): WorkflowGraph {
  return aslToGraph(args.definition, { previous: graph })
}

// ---------------------------------------------------------------------------------------------
// Working copy

/** A command's working copy: the records are copied once, nodes are replaced, never mutated. */
class Draft {
  private readonly states: Record<StateId, StateNode>
  private readonly scopes: Record<ScopeId, Scope>
  nextId: number

  constructor(base: WorkflowGraph) {
    this.states = { ...base.states }
    this.scopes = { ...base.scopes }
    this.nextId = base.nextId
  }

  state(id: StateId): StateNode {
    const state = hasOwnId(this.states, id) ? this.states[id] : undefined
    if (!state) throw new GraphError(`No state with id '${id}'`)
    return state
  }

  scope(id: ScopeId): Scope {
    const scope = hasOwnId(this.scopes, id) ? this.scopes[id] : undefined
    if (!scope) throw new GraphError(`No scope with id '${id}'`)
    return scope
  }

  setState(state: StateNode): void {
    this.states[state.id] = state
  }

  /**
   * Stores a scope with its states in the order its `States` object will enumerate them: a JS
   * object lists integer-like keys ("0", "10") first, ascending, whatever the insertion order,
   * so a state named "7" cannot be placed after "B". The graph follows the document.
   */
  setScope(scope: Scope): void {
    const integers = scope.stateIds.filter((id) => isArrayIndex(this.state(id).name))
    if (integers.length > 0) {
      const sorted = [
        ...integers.sort((a, b) => Number(this.state(a).name) - Number(this.state(b).name)),
        ...scope.stateIds.filter((id) => !isArrayIndex(this.state(id).name)),
      ]
      if (sorted.some((id, i) => id !== scope.stateIds[i])) scope = { ...scope, stateIds: sorted }
    }
    this.scopes[scope.id] = scope
  }

  /** Deletes a state and everything nested in it (its scope's list is the caller's business). */
  deleteState(id: StateId): void {
    const state = this.state(id)
    for (const scopeId of childScopes(state)) this.deleteScope(scopeId)
    delete this.states[id]
  }

  /** Deletes a scope and everything in it (its owner's children are the caller's business). */
  deleteScope(id: ScopeId): void {
    for (const stateId of this.scope(id).stateIds) this.deleteState(stateId)
    delete this.scopes[id]
  }

  inScope(scopeId: ScopeId, name: string): StateId | undefined {
    return this.scope(scopeId).stateIds.find((id) => this.state(id).name === name)
  }

  names(): Set<string> {
    return new Set(Object.values(this.states).map((state) => state.name))
  }

  merge(builder: GraphBuilder): void {
    Object.assign(this.states, builder.states)
    Object.assign(this.scopes, builder.scopes)
    this.nextId = builder.nextId
  }

  /** A graph over the current records, for read-only helpers; do not keep it. */
  view(): WorkflowGraph {
    return { states: this.states, scopes: this.scopes, nextId: this.nextId }
  }

  finish(): WorkflowGraph {
    return { scopes: this.scopes, states: this.states, nextId: this.nextId }
  }
}

/** A key JS objects enumerate first: a canonical integer below 2^32 - 1. */
function isArrayIndex(name: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(name) && Number(name) < 4294967295
}

function hasOwnId(record: Readonly<Record<string, unknown>>, id: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, id)
}

function childScopes(state: StateNode): readonly ScopeId[] {
  const children = state.children
  if (!children) return []
  return children.kind === 'branches' ? children.scopeIds : [children.scopeId]
}

/** Nodes grouped by scope, each group in document order, groups in order of first mention. */
function groupByScope(draft: Draft, ids: readonly StateId[]): Map<ScopeId, StateNode[]> {
  const groups = new Map<ScopeId, StateNode[]>()
  for (const id of ids) {
    const node = draft.state(id)
    const group = groups.get(node.scopeId)
    if (group) group.push(node)
    else groups.set(node.scopeId, [node])
  }
  for (const [scopeId, nodes] of groups) {
    const order = draft.scope(scopeId).stateIds
    nodes.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id))
  }
  return groups
}

function clampIndex(index: number | undefined, length: number): number {
  if (index === undefined || !Number.isFinite(index)) return length
  return Math.max(0, Math.min(Math.trunc(index), length))
}

// ---------------------------------------------------------------------------------------------
// Field edits that keep the place of nested machines among a state's or a container's keys

/**
 * Edits a state's fields as if the nested key (Branches/ItemProcessor/Iterator) were among them,
 * so keys added, removed or replaced around it keep it in its place.
 */
function editFields(node: StateNode, edit: (full: JsonObject) => JsonObject): StateNode {
  const children = node.children
  if (!children) return { ...node, fields: edit(node.fields) }
  const key = children.kind === 'branches' ? 'Branches' : children.key
  const full = edit(withKeyAt(node.fields, children.at, key, null))
  return {
    ...node,
    fields: withoutKey(full, key),
    children: { ...children, at: keyIndex(full, key) },
  }
}

function editScopeFields(scope: Scope, edit: (full: JsonObject) => JsonObject): Scope {
  if (scope.statesAt === null) return { ...scope, fields: edit(scope.fields) }
  const full = edit(withKeyAt(scope.fields, scope.statesAt, 'States', null))
  return { ...scope, fields: withoutKey(full, 'States'), statesAt: keyIndex(full, 'States') }
}

/** StartAt set in place, or inserted just before States. */
function withStartAt(full: JsonObject, name: string): JsonObject {
  if (hasOwn(full, 'StartAt')) return withKey(full, 'StartAt', name)
  const at = keyIndex(full, 'States')
  return at === -1 ? withKey(full, 'StartAt', name) : withKeyAt(full, at, 'StartAt', name)
}

/** Points an existing transition at another name. */
function retarget(
  fields: JsonObject,
  kind: EdgeKind,
  index: number | null,
  name: string,
): JsonObject {
  switch (kind) {
    case 'next':
      return withKey(fields, 'Next', name)
    case 'default':
      return withKey(fields, 'Default', name)
    case 'choice':
    case 'catch': {
      const key = kind === 'choice' ? 'Choices' : 'Catch'
      const list = own(fields, key)
      if (!Array.isArray(list) || index === null) return fields
      const item = list[index]
      if (!isJsonObject(item)) return fields
      return withKey(
        fields,
        key,
        list.map((entry, i) => (i === index ? withKey(item, 'Next', name) : entry)),
      )
    }
    default:
      return assertNever(kind, 'edge kind')
  }
}

/** Ends the path where `Next` was: `End: true` in its place, unless the type has no End. */
function dropNext(full: JsonObject): JsonObject {
  const type = own(full, 'Type')
  if (typeof type === 'string' && NO_END_TYPES.has(type)) return withoutKey(full, 'Next')
  return replaceKey(full, 'Next', 'End', true)
}

function requireType(node: StateNode, type: string, what: string): void {
  if (stateType(node) !== type) {
    throw new GraphError(
      `Only a ${type} state has ${what}; '${node.name}' is a ${stateType(node) ?? 'state without a Type'}.`,
    )
  }
}

/** Points item `index` of a rule/catcher list at `name`, or appends a new item. */
function pointListItem(
  full: JsonObject,
  key: string,
  index: number | undefined,
  name: string,
  append: (list: JsonValue[]) => JsonValue[],
): JsonObject {
  const value = own(full, key)
  const list = Array.isArray(value) ? value : []
  if (index === undefined || index === list.length) return withKey(full, key, append(list))
  const item = list[index]
  if (!isJsonObject(item)) throw new GraphError(`There is no ${key}[${index}] to connect.`)
  return withKey(
    full,
    key,
    list.map((entry, i) => (i === index ? withKey(item, 'Next', name) : entry)),
  )
}

/**
 * A new catcher goes last, except before a catch-all (`States.ALL` must stay last): then it
 * catches `States.TaskFailed` unless its template says otherwise.
 */
function insertCatcher(
  list: JsonValue[],
  template: JsonObject | undefined,
  name: string,
): JsonValue[] {
  const catchAll = list.findIndex(
    (item) =>
      isJsonObject(item) &&
      Array.isArray(item.ErrorEquals) &&
      item.ErrorEquals.includes('States.ALL'),
  )
  if (catchAll === -1) {
    return [...list, withKey(template ?? { ErrorEquals: ['States.ALL'] }, 'Next', name)]
  }
  const catcher = withKey(template ?? { ErrorEquals: ['States.TaskFailed'] }, 'Next', name)
  return [...list.slice(0, catchAll), catcher, ...list.slice(catchAll)]
}

// ---------------------------------------------------------------------------------------------
// Splicing states out of a scope

/**
 * Rewires what the other states of a scope (and its StartAt) say about the states in `gone`,
 * which are leaving it (removed or moved): see the header for the rules.
 */
function spliceOut(draft: Draft, scopeId: ScopeId, gone: ReadonlySet<StateId>): void {
  const scope = draft.scope(scopeId)
  const goneByName = new Map<string, StateNode>()
  for (const id of gone) goneByName.set(draft.state(id).name, draft.state(id))
  const staying = new Set(
    scope.stateIds.filter((id) => !gone.has(id)).map((id) => draft.state(id).name),
  )
  const successor = (name: string): string | undefined => {
    const seen = new Set<string>()
    let current = goneByName.get(name)
    while (current && !seen.has(current.name)) {
      seen.add(current.name)
      const next = own(current.fields, 'Next')
      if (typeof next !== 'string') return undefined
      if (staying.has(next)) return next
      current = goneByName.get(next)
    }
    return undefined
  }
  for (const id of scope.stateIds) {
    if (gone.has(id)) continue
    const state = draft.state(id)
    const refs = transitionRefs(state).filter((ref) => goneByName.has(ref.name))
    if (refs.length === 0) continue
    const next = editFields(state, (full) => {
      let fields = full
      for (const ref of refs) {
        const to = successor(ref.name)
        if (to !== undefined) fields = retarget(fields, ref.kind, ref.index, to)
        else if (ref.kind === 'next') fields = dropNext(fields)
        else if (ref.kind === 'default') fields = withoutKey(fields, 'Default')
      }
      return fields
    })
    draft.setState(next)
  }
  const startAt = own(scope.fields, 'StartAt')
  if (typeof startAt === 'string' && goneByName.has(startAt)) {
    const to = successor(startAt)
    if (to !== undefined) {
      draft.setScope(editScopeFields(draft.scope(scopeId), (full) => withKey(full, 'StartAt', to)))
    }
  }
}

/** A state leaving its scope, with its transitions to states staying behind ended. */
function detachFrom(state: StateNode, staying: ReadonlySet<string>): StateNode {
  const refs = transitionRefs(state).filter(
    (ref) => staying.has(ref.name) && (ref.kind === 'next' || ref.kind === 'default'),
  )
  if (refs.length === 0) return state
  return editFields(state, (full) => {
    let fields = full
    for (const ref of refs) {
      fields = ref.kind === 'next' ? dropNext(fields) : withoutKey(fields, 'Default')
    }
    return fields
  })
}

// ---------------------------------------------------------------------------------------------
// New states: naming, building, placing

function newStateDefinition(args: { stateType?: StateType; fields?: JsonObject }): JsonObject {
  if (args.fields) {
    if (hasOwn(args.fields, 'Type') || !args.stateType) return args.fields
    return { Type: args.stateType, ...args.fields }
  }
  if (!args.stateType) throw new GraphError('A new state needs a type or fields.')
  return defaultStateFields(args.stateType)
}

/**
 * Adds states (name → ASL, nested machines included) to a scope at `index`, renaming any whose
 * name is taken (and the references among them), with fresh ids. Returns their ids.
 */
function insertNewStates(
  draft: Draft,
  scopeId: ScopeId,
  entries: readonly [string, JsonObject][],
  index: number | undefined,
): StateId[] {
  const scope = draft.scope(scopeId)
  const states = uniquifyStates(Object.fromEntries(entries), draft.names())
  const builder = new GraphBuilder(draft.nextId)
  const ids: StateId[] = []
  for (const [name, definition] of Object.entries(states)) {
    const key = childKey('', name)
    ids.push(
      builder.buildState(name, definition as JsonObject, scopeId, key, builder.stateId(key)).id,
    )
  }
  draft.merge(builder)
  const at = clampIndex(index, scope.stateIds.length)
  let next: Scope = {
    ...scope,
    stateIds: [...scope.stateIds.slice(0, at), ...ids, ...scope.stateIds.slice(at)],
  }
  if (scope.statesAt === null) {
    // The container had no States object (or a broken one): the new states make one.
    const fields = withoutKey(scope.fields, 'States')
    const startAt = keyIndex(fields, 'StartAt')
    next = { ...next, fields, statesAt: startAt === -1 ? Object.keys(fields).length : startAt + 1 }
  }
  if (scope.stateIds.length === 0) {
    next = editScopeFields(next, (full) => withStartAt(full, draft.state(ids[0]!).name))
  }
  draft.setScope(next)
  return ids
}

/** Renames states whose names are taken (in `taken`, which grows), nested ones included. */
function uniquifyStates(states: JsonObject, taken: Set<string>): JsonObject {
  const renamed = new Map<string, string>()
  for (const [name, definition] of Object.entries(states)) {
    if (!isJsonObject(definition)) continue
    const unique = uniqueName(name, (candidate) => taken.has(candidate))
    taken.add(unique)
    if (unique !== name) renamed.set(name, unique)
  }
  return Object.fromEntries(
    Object.entries(states).map(([name, definition]) => {
      if (!isJsonObject(definition)) return [name, definition]
      return [renamed.get(name) ?? name, uniquifyNested(renameRefs(definition, renamed), taken)]
    }),
  )
}

function uniquifyNested(definition: JsonObject, taken: Set<string>): JsonObject {
  let result = definition
  const branches = own(definition, 'Branches')
  if (Array.isArray(branches)) {
    result = withKey(
      result,
      'Branches',
      branches.map((branch) => (isJsonObject(branch) ? uniquifyContainer(branch, taken) : branch)),
    )
  }
  for (const key of ['ItemProcessor', 'Iterator']) {
    const processor = own(definition, key)
    if (isJsonObject(processor)) result = withKey(result, key, uniquifyContainer(processor, taken))
  }
  return result
}

function uniquifyContainer(container: JsonObject, taken: Set<string>): JsonObject {
  const states = own(container, 'States')
  if (!isJsonObject(states)) return container
  const unique = uniquifyStates(states, taken)
  const oldNames = Object.keys(states)
  const newNames = Object.keys(unique)
  let result = withKey(container, 'States', unique)
  const startAt = own(container, 'StartAt')
  const at = typeof startAt === 'string' ? oldNames.indexOf(startAt) : -1
  if (at !== -1 && newNames[at] !== startAt) result = withKey(result, 'StartAt', newNames[at]!)
  return result
}

/** A state definition with its transitions renamed per the map (others untouched). */
function renameRefs(definition: JsonObject, renamed: ReadonlyMap<string, string>): JsonObject {
  if (renamed.size === 0) return definition
  const probe: StateNode = { id: '', name: '', scopeId: '', fields: definition }
  let fields = definition
  for (const ref of transitionRefs(probe)) {
    const to = renamed.get(ref.name)
    if (to !== undefined) fields = retarget(fields, ref.kind, ref.index, to)
  }
  return fields
}

// ---------------------------------------------------------------------------------------------
// Path edits

type FieldOp = { kind: 'set'; value: JsonValue } | { kind: 'unset' }

const STRUCTURAL_STATE_KEYS = new Set(['Type', 'Branches', 'ItemProcessor', 'Iterator'])

function applyOp(value: JsonValue, path: DocPath, op: FieldOp): JsonValue {
  return op.kind === 'set' ? setIn(value, path, op.value) : unsetIn(value, path)
}

function editAt(draft: Draft, target: FieldTarget, path: DocPath, op: FieldOp): void {
  if ('stateId' in target) editStateAt(draft, target.stateId, path, op)
  else editScopeAt(draft, target.scopeId, path, op)
}

function editStateAt(draft: Draft, id: StateId, path: DocPath, op: FieldOp): void {
  const node = draft.state(id)
  if (path.length === 0) {
    if (op.kind === 'unset' || !isJsonObject(op.value)) {
      throw new GraphError('A state must be an object.')
    }
    rebuildState(draft, id, op.value)
    return
  }
  const [head, ...rest] = path as [string | number, ...DocPath]
  if (typeof head !== 'string')
    throw new GraphError('A state is an object: a path starts with a key.')
  const children = node.children
  if (children?.kind === 'processor' && head === children.key && rest.length > 0) {
    editScopeAt(draft, children.scopeId, rest, op)
    return
  }
  if (children?.kind === 'branches' && head === 'Branches' && rest.length > 1) {
    const branch = typeof rest[0] === 'number' ? children.scopeIds[rest[0]] : undefined
    if (branch !== undefined) {
      editScopeAt(draft, branch, rest.slice(1), op)
      return
    }
  }
  if (STRUCTURAL_STATE_KEYS.has(head)) {
    const definition = applyOp(stateToAsl(draft.view(), id), path, op) as JsonObject
    rebuildState(draft, id, definition)
    return
  }
  draft.setState(editFields(node, (full) => applyOp(full, path, op) as JsonObject))
}

function editScopeAt(draft: Draft, scopeId: ScopeId, path: DocPath, op: FieldOp): void {
  const scope = draft.scope(scopeId)
  if (path.length === 0) {
    if (op.kind === 'unset' || !isJsonObject(op.value)) {
      throw new GraphError('A state machine, branch or processor must be an object.')
    }
    rebuildScope(draft, scopeId, op.value)
    return
  }
  const [head, ...rest] = path as [string | number, ...DocPath]
  if (typeof head !== 'string')
    throw new GraphError('A container is an object: a path starts with a key.')
  if (head === 'States') {
    const name = rest[0]
    const id =
      scope.statesAt !== null && rest.length > 1 && typeof name === 'string'
        ? draft.inScope(scopeId, name)
        : undefined
    if (id !== undefined) {
      editStateAt(draft, id, rest.slice(1), op)
      return
    }
    rebuildScope(draft, scopeId, applyOp(scopeToAsl(draft.view(), scopeId), path, op) as JsonObject)
    return
  }
  draft.setScope(editScopeFields(scope, (full) => applyOp(full, path, op) as JsonObject))
}

/** Rebuilds a state from ASL; nested states keep their ids where their names did not change. */
function rebuildState(draft: Draft, id: StateId, definition: JsonObject): void {
  const node = draft.state(id)
  const reuse = reuseIndexOfChildren(draft.view(), node, '')
  for (const scopeId of childScopes(node)) draft.deleteScope(scopeId)
  const builder = new GraphBuilder(draft.nextId, reuse)
  builder.buildState(node.name, definition, node.scopeId, '', node.id)
  draft.merge(builder)
}

/** Rebuilds a container from ASL; its states keep their ids where their names did not change. */
function rebuildScope(draft: Draft, scopeId: ScopeId, container: JsonObject): void {
  const scope = draft.scope(scopeId)
  const reuse = reuseIndex(draft.view(), scopeId, '')
  draft.deleteScope(scopeId)
  const builder = new GraphBuilder(draft.nextId, reuse)
  builder.buildScope(container, scopeId, scope.parentId, '')
  draft.merge(builder)
}
