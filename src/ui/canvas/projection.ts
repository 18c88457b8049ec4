// The canvas's view of the document: React Flow nodes and edges projected from the graph, the
// layout (through geometry.ts), the selection and the diagnostics.
//
// React Flow re-renders a node only when its object changes, so the projector keeps the objects
// it produced last time and hands back the same object whenever nothing the node shows has
// changed. With 1,000 states, an edit to one state re-renders one node.

import { MarkerType, type Edge, type EdgeMarker, type Node } from '@xyflow/react'
import type { Diagnostic } from '../../core/asl/diagnostics'
import { isJsonObject } from '../../core/asl/types'
import type { GraphEdge } from '../../core/graph/edges'
import { graphEdges } from '../../core/graph/edges'
import type { Layout } from '../../core/graph/layoutMap'
import type { ScopeId, StateId, StateNode, WorkflowGraph } from '../../core/graph/model'
import { ROOT_SCOPE_ID, scopeStartAt, startStateId, stateType } from '../../core/graph/model'
import { shorten, summarizeChoiceRule } from './choiceSummary'
import type { Geometry } from './geometry'
import { computeGeometry, rootBounds, STATE_WIDTH } from './geometry'
import { describeResource, patternTag } from './integration'

export const START_MARKER_ID = '__start'
export const END_MARKER_ID = '__end'
export const MARKER_WIDTH = 72
export const MARKER_HEIGHT = 28

export interface Problem {
  severity: Diagnostic['severity']
  message: string
}

export interface StateNodeData extends Record<string, unknown> {
  stateId: StateId
  name: string
  /** The ASL `Type`, or '' when the state has none (a broken document). */
  stateType: string
  /** "Lambda: Invoke" for Tasks; a short summary for other types, or null. */
  detail: string | null
  /** "Run job (.sync)", "Wait for callback", or null. */
  pattern: string | null
  retryCount: number
  catchCount: number
  problems: readonly Problem[]
  isStart: boolean
  /** Ends the workflow or its branch (End: true, Succeed, Fail). */
  isEnd: boolean
  /** Can transition on (has a bottom handle): everything but Succeed and Fail. */
  canContinue: boolean
  /** Task, Parallel and Map can catch errors (the right-hand handle). */
  canCatch: boolean
  comment: string | null
  /** Run status (issue 6): running, succeeded, failed, caught, retrying, aborted, not-run. */
  status: string | null
  /** Run overlay (issue 6): visits and retry attempts so far; the state at the playhead. */
  runVisits: number
  runRetries: number
  runCurrent: boolean
  /** Map iterations / Parallel branches of the run so far (null: none, or not a container). */
  runChildKind: 'iteration' | 'branch' | null
  runChildTotal: number
  runChildOk: number
  runChildFailed: number
  runChildRunning: number
}

export interface ScopeNodeData extends Record<string, unknown> {
  scopeId: ScopeId
  ownerId: StateId
  label: string
  empty: boolean
  /** Branch index for a Parallel, null for a Map processor. */
  branchIndex: number | null
}

export interface MarkerNodeData extends Record<string, unknown> {
  kind: 'start' | 'end'
}

export type StateFlowNode = Node<StateNodeData, 'state'>
export type ContainerFlowNode = Node<StateNodeData, 'container'>
export type ScopeFlowNode = Node<ScopeNodeData, 'scope'>
export type MarkerFlowNode = Node<MarkerNodeData, 'marker'>
export type CanvasNode = StateFlowNode | ContainerFlowNode | ScopeFlowNode | MarkerFlowNode

export type TransitionKind = GraphEdge['kind'] | 'start' | 'end'

export interface TransitionEdgeData extends Record<string, unknown> {
  kind: TransitionKind
  /** Shown on the edge (shortened). */
  label: string | null
  /** The whole label, for the tooltip. */
  title: string | null
  /** The scope the transition lives in (for inserting on it). */
  scopeId: ScopeId
  /** While a run is shown (issue 6): whether the run took this transition; null otherwise. */
  run: 'taken' | 'idle' | null
}

export type CanvasEdge = Edge<TransitionEdgeData, 'transition'>

export interface ProjectionInput {
  graph: WorkflowGraph
  layout: Layout
  selectedIds: readonly StateId[]
  problems: ReadonlyMap<StateId, readonly Diagnostic[]>
  statuses?: ReadonlyMap<StateId, string>
  /** The shown run at the playhead (issue 6, computed by ui/timeline/canvasOverlay.ts). */
  run?: RunOverlayInput
}

/** What the canvas draws of a run: per-state status and counts, and the transitions taken. */
export interface RunOverlayInput {
  states: ReadonlyMap<
    StateId,
    {
      status: string
      visits: number
      retries: number
      children: {
        kind: 'iteration' | 'branch'
        total: number
        running: number
        succeeded: number
        failed: number
      } | null
    }
  >
  /** Edge ids: graph edges, `start:root`, `end:<state id>`. */
  takenEdges: ReadonlySet<string>
  currentId: StateId | null
}

export interface Projection {
  nodes: CanvasNode[]
  edges: CanvasEdge[]
  geometry: Geometry
}

const NO_PROBLEMS: readonly Problem[] = []

/** Creates a projector that reuses unchanged node and edge objects between calls. */
export function createProjector() {
  let previousNodes = new Map<string, CanvasNode>()
  let previousEdges = new Map<string, CanvasEdge>()

  return function project(input: ProjectionInput): Projection {
    const { graph, layout } = input
    const geometry = computeGeometry(graph, layout)
    const selected = new Set(input.selectedIds)
    const nodes: CanvasNode[] = []
    const nextNodes = new Map<string, CanvasNode>()
    const keep = <T extends CanvasNode>(node: T): void => {
      const old = previousNodes.get(node.id)
      // Every node's size is ours (from the geometry), so React Flow is told it as `measured`:
      // a node object replaced mid-drag or on a data change then stays initialised and keeps its
      // handle positions, instead of being measured again (and reported "not initialised" to a
      // drag). Their handles never change (see nodes.tsx), and a size change in the DOM is
      // still observed by React Flow.
      const sized = { ...node, measured: { width: node.width, height: node.height } }
      const chosen = old && sameNode(old, sized) ? old : sized
      nodes.push(chosen)
      nextNodes.set(chosen.id, chosen)
    }

    // Parents first, as React Flow requires for sub-flows.
    const visitScope = (scopeId: ScopeId) => {
      const scope = graph.scopes[scopeId]
      if (!scope) return
      const startId = startStateId(graph, scopeId)
      for (const id of scope.stateIds) {
        const state = graph.states[id]!
        const data = stateData(state, startId === id, input)
        const position = geometry.position.get(id)!
        const size = geometry.size.get(id)!
        const common = {
          id,
          position,
          width: size.width,
          height: size.height,
          data,
          ariaLabel: ariaLabelOf(data),
          selected: selected.has(id),
          ...(scopeId === ROOT_SCOPE_ID ? {} : { parentId: scopeId }),
        }
        if (state.children) {
          keep<ContainerFlowNode>({ ...common, type: 'container' })
          const children = state.children
          const scopeIds = children.kind === 'branches' ? children.scopeIds : [children.scopeId]
          scopeIds.forEach((childId, i) => {
            const childScope = graph.scopes[childId]
            const childSize = geometry.size.get(childId)!
            keep<ScopeFlowNode>({
              id: childId,
              type: 'scope',
              parentId: id,
              position: geometry.position.get(childId)!,
              width: childSize.width,
              height: childSize.height,
              draggable: false,
              selectable: false,
              connectable: false,
              data: {
                scopeId: childId,
                ownerId: id,
                label:
                  children.kind === 'branches'
                    ? `Branch ${i + 1}`
                    : children.key === 'Iterator'
                      ? 'Iterator'
                      : 'Item processor',
                empty: (childScope?.stateIds.length ?? 0) === 0,
                branchIndex: children.kind === 'branches' ? i : null,
              },
            })
            visitScope(childId)
          })
        } else {
          keep<StateFlowNode>({ ...common, type: 'state' })
        }
      }
    }
    visitScope(ROOT_SCOPE_ID)

    // Start and end markers of the workflow.
    const root = graph.scopes[ROOT_SCOPE_ID]!
    const rootStart = startStateId(graph, ROOT_SCOPE_ID)
    const bounds = rootBounds(graph, geometry)
    const startAnchor = rootStart !== undefined ? geometry.position.get(rootStart) : undefined
    keep<MarkerFlowNode>({
      id: START_MARKER_ID,
      type: 'marker',
      position: startAnchor
        ? { x: startAnchor.x + STATE_WIDTH / 2 - MARKER_WIDTH / 2, y: startAnchor.y - 76 }
        : bounds
          ? { x: bounds.minX, y: bounds.minY - 76 }
          : { x: STATE_WIDTH / 2 - MARKER_WIDTH / 2, y: -76 },
      width: MARKER_WIDTH,
      height: MARKER_HEIGHT,
      draggable: false,
      selectable: false,
      connectable: false,
      data: { kind: 'start' },
    })
    const terminals = root.stateIds.filter((id) => isTerminal(graph.states[id]!))
    if (bounds && terminals.length > 0) {
      keep<MarkerFlowNode>({
        id: END_MARKER_ID,
        type: 'marker',
        position: { x: (bounds.minX + bounds.maxX) / 2 - MARKER_WIDTH / 2, y: bounds.maxY + 64 },
        width: MARKER_WIDTH,
        height: MARKER_HEIGHT,
        draggable: false,
        selectable: false,
        connectable: false,
        data: { kind: 'end' },
      })
    }

    // Edges.
    const edges: CanvasEdge[] = []
    const nextEdges = new Map<string, CanvasEdge>()
    const keepEdge = (edge: CanvasEdge) => {
      const old = previousEdges.get(edge.id)
      const chosen = old && sameEdge(old, edge) ? old : edge
      edges.push(chosen)
      nextEdges.set(chosen.id, chosen)
    }
    if (rootStart !== undefined) {
      keepEdge({
        id: startEdgeId(ROOT_SCOPE_ID),
        type: 'transition',
        source: START_MARKER_ID,
        target: rootStart,
        sourceHandle: 'out',
        targetHandle: 'in',
        markerEnd: arrowFor('start'),
        data: {
          kind: 'start',
          label: null,
          title: null,
          scopeId: ROOT_SCOPE_ID,
          run: runFlag(input.run, startEdgeId(ROOT_SCOPE_ID)),
        },
      })
    }
    for (const edge of graphEdges(graph)) {
      if (edge.target === null) continue
      keepEdge(transitionEdge(graph, edge, runFlag(input.run, edge.id)))
    }
    if (nextNodes.has(END_MARKER_ID)) {
      for (const id of terminals) {
        keepEdge({
          id: endEdgeId(id),
          type: 'transition',
          source: id,
          target: END_MARKER_ID,
          sourceHandle: 'out',
          targetHandle: 'in',
          markerEnd: arrowFor('end'),
          data: {
            kind: 'end',
            label: null,
            title: null,
            scopeId: ROOT_SCOPE_ID,
            run: runFlag(input.run, endEdgeId(id)),
          },
        })
      }
    }

    previousNodes = nextNodes
    previousEdges = nextEdges
    return { nodes, edges, geometry }
  }
}

const EDGE_COLORS: Readonly<Record<TransitionKind, string>> = {
  next: '#64748b',
  default: '#64748b',
  choice: '#b45309',
  catch: '#dc2626',
  start: '#94a3b8',
  end: '#94a3b8',
}

const markers = new Map<TransitionKind, EdgeMarker>()

/** One arrowhead object per kind, so edges compare equal and React Flow shares the defs. */
export function arrowFor(kind: TransitionKind): EdgeMarker {
  let marker = markers.get(kind)
  if (!marker) {
    marker = { type: MarkerType.ArrowClosed, width: 14, height: 14, color: EDGE_COLORS[kind] }
    markers.set(kind, marker)
  }
  return marker
}

export function startEdgeId(scopeId: ScopeId): string {
  return `start:${scopeId}`
}

export function endEdgeId(stateId: StateId): string {
  return `end:${stateId}`
}

function isTerminal(state: StateNode): boolean {
  const type = stateType(state)
  return type === 'Succeed' || type === 'Fail' || state.fields.End === true
}

function canContinue(state: StateNode): boolean {
  const type = stateType(state)
  return type !== 'Succeed' && type !== 'Fail'
}

function countOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0
}

function stateData(state: StateNode, isStart: boolean, input: ProjectionInput): StateNodeData {
  const type = stateType(state) ?? ''
  const fields = state.fields
  let detail: string | null = null
  let pattern: string | null = null
  switch (type) {
    case 'Task': {
      const integration = describeResource(fields.Resource)
      detail = integration.label
      pattern = patternTag(integration)
      break
    }
    case 'Wait':
      detail = waitSummary(state)
      break
    case 'Choice': {
      const rules = countOf(fields.Choices)
      detail = `${rules} rule${rules === 1 ? '' : 's'}${typeof fields.Default === 'string' ? ' + default' : ''}`
      break
    }
    case 'Fail':
      detail =
        typeof fields.Error === 'string'
          ? fields.Error
          : typeof fields.ErrorPath === 'string'
            ? fields.ErrorPath
            : null
      break
    case 'Map': {
      const processor = state.children?.kind === 'processor' ? state.children.scopeId : undefined
      const config = processor ? input.graph.scopes[processor]?.fields.ProcessorConfig : undefined
      const mode = isJsonObject(config) && config.Mode === 'DISTRIBUTED' ? 'Distributed' : 'Inline'
      const max = fields.MaxConcurrency
      detail = typeof max === 'number' && max > 0 ? `${mode} · max ${max} at once` : mode
      break
    }
    case 'Parallel': {
      const n = state.children?.kind === 'branches' ? state.children.scopeIds.length : 0
      detail = `${n} branch${n === 1 ? '' : 'es'}`
      break
    }
    default:
      detail = null
  }
  const diagnostics = input.problems.get(state.id)
  const run = input.run?.states.get(state.id)
  const children = run?.children ?? null
  return {
    stateId: state.id,
    name: state.name,
    stateType: type,
    detail,
    pattern,
    retryCount: countOf(fields.Retry),
    catchCount: countOf(fields.Catch),
    problems: diagnostics
      ? diagnostics.map((d) => ({ severity: d.severity, message: d.message }))
      : NO_PROBLEMS,
    isStart,
    isEnd: isTerminal(state),
    canContinue: canContinue(state),
    canCatch: type === 'Task' || type === 'Parallel' || type === 'Map',
    comment: typeof fields.Comment === 'string' ? fields.Comment : null,
    status: run?.status ?? input.statuses?.get(state.id) ?? null,
    runVisits: run?.visits ?? 0,
    runRetries: run?.retries ?? 0,
    runCurrent: input.run !== undefined && input.run.currentId === state.id,
    runChildKind: children?.kind ?? null,
    runChildTotal: children?.total ?? 0,
    runChildOk: children?.succeeded ?? 0,
    runChildFailed: children?.failed ?? 0,
    runChildRunning: children?.running ?? 0,
  }
}

function ariaLabelOf(data: StateNodeData): string {
  const parts = [`${data.name}, ${data.stateType || 'untyped'} state`]
  if (data.detail) parts.push(data.detail)
  if (data.isStart) parts.push('start')
  if (data.retryCount > 0)
    parts.push(`${data.retryCount} retrier${data.retryCount === 1 ? '' : 's'}`)
  if (data.catchCount > 0)
    parts.push(`${data.catchCount} catcher${data.catchCount === 1 ? '' : 's'}`)
  if (data.status) parts.push(`run status ${data.status}`)
  if (data.runRetries > 0) {
    parts.push(`${data.runRetries} retr${data.runRetries === 1 ? 'y' : 'ies'} in the run`)
  }
  if (data.problems.length > 0) {
    parts.push(
      `${data.problems.length} problem${data.problems.length === 1 ? '' : 's'}: ${data.problems.map((p) => p.message).join(' ')}`,
    )
  }
  return parts.join(', ')
}

function waitSummary(state: StateNode): string | null {
  const f = state.fields
  if (typeof f.Seconds === 'number') return `${f.Seconds} s`
  if (typeof f.Seconds === 'string') return `Seconds ${shorten(f.Seconds, 24)}`
  if (typeof f.Timestamp === 'string') return `Until ${shorten(f.Timestamp, 24)}`
  if (typeof f.SecondsPath === 'string') return `Seconds from ${f.SecondsPath}`
  if (typeof f.TimestampPath === 'string') return `Until ${f.TimestampPath}`
  return null
}

function runFlag(run: RunOverlayInput | undefined, edgeId: string): 'taken' | 'idle' | null {
  if (!run) return null
  return run.takenEdges.has(edgeId) ? 'taken' : 'idle'
}

function transitionEdge(
  graph: WorkflowGraph,
  edge: GraphEdge,
  run: 'taken' | 'idle' | null,
): CanvasEdge {
  const source = graph.states[edge.source]!
  let label: string | null = null
  let title: string | null = null
  switch (edge.kind) {
    case 'next':
      break
    case 'default':
      label = 'Default'
      title = 'Default: when no rule matches'
      break
    case 'choice': {
      const rules = source.fields.Choices
      const rule = Array.isArray(rules) ? rules[edge.index ?? 0] : undefined
      const summary = rule === undefined ? 'rule' : summarizeChoiceRule(rule)
      title = `Rule ${(edge.index ?? 0) + 1}: ${summary}`
      label = shorten(summary)
      break
    }
    case 'catch': {
      const catchers = source.fields.Catch
      const catcher = Array.isArray(catchers) ? catchers[edge.index ?? 0] : undefined
      const errors =
        isJsonObject(catcher) && Array.isArray(catcher.ErrorEquals)
          ? catcher.ErrorEquals.filter((e): e is string => typeof e === 'string')
          : []
      const text = errors.length > 0 ? errors.join(', ') : 'no errors listed'
      title = `Catch ${text}`
      label = shorten(text, 28)
      break
    }
  }
  return {
    id: edge.id,
    type: 'transition',
    source: edge.source,
    target: edge.target!,
    sourceHandle: edge.kind === 'catch' ? 'catch' : 'out',
    targetHandle: 'in',
    markerEnd: arrowFor(edge.kind),
    data: { kind: edge.kind, label, title, scopeId: edge.scopeId, run },
  }
}

function sameNode(a: CanvasNode, b: CanvasNode): boolean {
  return (
    a.type === b.type &&
    a.parentId === b.parentId &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.width === b.width &&
    a.height === b.height &&
    a.selected === b.selected &&
    sameData(a.data, b.data)
  )
}

function sameEdge(a: CanvasEdge, b: CanvasEdge): boolean {
  return (
    a.source === b.source &&
    a.target === b.target &&
    a.sourceHandle === b.sourceHandle &&
    sameData(a.data ?? {}, b.data ?? {})
  )
}

function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  for (const key of keys) {
    const x = a[key]
    const y = b[key]
    if (x === y) continue
    if (key === 'problems' && sameProblems(x as Problem[], y as Problem[])) continue
    return false
  }
  return true
}

function sameProblems(a: readonly Problem[], b: readonly Problem[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => p.severity === b[i]!.severity && p.message === b[i]!.message)
  )
}

/** The StartAt name of the machine, for the toolbar. */
export function machineStartAt(graph: WorkflowGraph): string | undefined {
  return scopeStartAt(graph.scopes[ROOT_SCOPE_ID]!)
}
