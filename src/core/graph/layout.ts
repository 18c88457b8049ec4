// Auto-layout with ELK's layered algorithm. Top to bottom by default, as in AWS Workflow Studio:
// a state machine reads as a sequence of steps, and Choice fan-outs spread sideways. Parallel
// and Map states are compound nodes: a Parallel holds one node per branch, side by side; a Map
// holds its processor node; branches and processors hold their states. Positions come back
// relative to the parent node, as React Flow sub-flows expect.
//
// This module only builds ELK's input and reads its output; the ELK instance is passed in, so the
// same code runs in a Web Worker (src/worker/layout.worker.ts) and in Node tests.

import type { ELK, ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api'
import type { GraphEdge } from './edges'
import { scopeEdges } from './edges'
import type { Layout, Point, Size } from './layoutMap'
import type { LayoutNodeId, ScopeId, StateId, StateNode, WorkflowGraph } from './model'
import { ROOT_SCOPE_ID, requireScope, requireState } from './model'

export type LayoutDirection = 'DOWN' | 'RIGHT'

export interface Padding {
  top: number
  right: number
  bottom: number
  left: number
}

/** Sizes of state nodes as the canvas renders them; for Parallel/Map, the minimum (header) size. */
export type NodeSizes = Readonly<Record<StateId, Size>>

export interface AutoLayoutOptions {
  direction?: LayoutDirection
  /** For states missing from `sizes`. */
  defaultSize?: Size
  /** Inside a Parallel or Map node around its branches/processor; `top` holds its header. */
  containerPadding?: Padding
  /** Inside a branch or processor node around its states; `top` holds its label. */
  scopePadding?: Padding
  /** Between nodes of one layer, and between branches. */
  nodeSpacing?: number
  /** Between layers. */
  layerSpacing?: number
  /**
   * Cheaper settings (one crossing-minimization pass, no model order, shorter edges kept). By
   * default used from FAST_LAYOUT_THRESHOLD states on, where the thorough settings cost seconds.
   */
  fast?: boolean
  /**
   * Edges spanning more layers than this are left out of ELK's input (see layoutEdges); the
   * canvas still draws them. 4 in fast mode, 12 otherwise.
   */
  maxEdgeSpan?: number
}

export const FAST_LAYOUT_THRESHOLD = 300

const DEFAULTS = {
  direction: 'DOWN' as LayoutDirection,
  defaultSize: { width: 180, height: 56 },
  containerPadding: { top: 48, right: 16, bottom: 16, left: 16 },
  scopePadding: { top: 32, right: 16, bottom: 16, left: 16 },
  nodeSpacing: 40,
  layerSpacing: 56,
}

function padding(p: Padding): string {
  return `[top=${p.top},left=${p.left},bottom=${p.bottom},right=${p.right}]`
}

/** ELK's input graph for a workflow graph. Pure: the same graph and sizes give the same input. */
export function buildElkGraph(
  graph: WorkflowGraph,
  sizes: NodeSizes,
  options: AutoLayoutOptions = {},
): ElkNode {
  const direction = options.direction ?? DEFAULTS.direction
  const defaultSize = options.defaultSize ?? DEFAULTS.defaultSize
  const containerPadding = options.containerPadding ?? DEFAULTS.containerPadding
  const scopePadding = options.scopePadding ?? DEFAULTS.scopePadding
  const nodeSpacing = options.nodeSpacing ?? DEFAULTS.nodeSpacing
  const layerSpacing = options.layerSpacing ?? DEFAULTS.layerSpacing
  const fast = options.fast ?? Object.keys(graph.states).length >= FAST_LAYOUT_THRESHOLD
  const maxSpan = options.maxEdgeSpan ?? (fast ? 4 : 12)

  const layered: LayoutOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.spacing.nodeNode': String(nodeSpacing),
    'elk.layered.spacing.nodeNodeBetweenLayers': String(layerSpacing),
    'elk.spacing.edgeNode': String(Math.round(nodeSpacing / 2)),
    'elk.spacing.edgeEdge': String(Math.round(nodeSpacing / 4)),
  }
  // Keeping document order makes the diagram read like the ASL, but it costs more than the rest
  // of the layout together on big graphs (measured: 1,000 states, 7 s → 1 s without it).
  const modelOrder: LayoutOptions = { 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' }
  const scopeOptions: LayoutOptions = fast
    ? { ...layered, 'elk.layered.thoroughness': '1' }
    : { ...layered, ...modelOrder }
  const sizeOf = (id: StateId): Size => (hasOwn(sizes, id) ? sizes[id]! : defaultSize)

  const scopeNode = (scopeId: ScopeId): ElkNode => {
    const scope = requireScope(graph, scopeId)
    const children = scope.stateIds.map((id) => stateNode(requireState(graph, id)))
    const edges: ElkExtendedEdge[] = layoutEdges(
      scope.stateIds,
      scopeEdges(graph, scopeId),
      maxSpan,
    ).map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target!] }))
    const minimum = `(${defaultSize.width + scopePadding.left + scopePadding.right},${
      defaultSize.height + scopePadding.top + scopePadding.bottom
    })`
    return {
      id: scopeId,
      layoutOptions: {
        ...scopeOptions,
        'elk.padding': padding(scopePadding),
        // An empty branch still shows a drop zone the size of a state.
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': minimum,
      },
      children,
      edges,
    }
  }

  const stateNode = (state: StateNode): ElkNode => {
    const size = sizeOf(state.id)
    const children = state.children
    if (!children) return { id: state.id, width: size.width, height: size.height }
    const scopeIds = children.kind === 'branches' ? children.scopeIds : [children.scopeId]
    return {
      id: state.id,
      layoutOptions: {
        ...layered,
        'elk.padding': padding(containerPadding),
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${size.width},${size.height})`,
        // Branches have no edges between them: kept as one layer they sit side by side, in order.
        'elk.separateConnectedComponents': 'false',
        ...modelOrder,
        'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
      },
      children: scopeIds.map(scopeNode),
      edges: [],
    }
  }

  const root = scopeNode(ROOT_SCOPE_ID)
  return {
    ...root,
    layoutOptions: {
      ...scopeOptions,
      'elk.padding': padding({ top: 0, right: 0, bottom: 0, left: 0 }),
    },
  }
}

/**
 * Reads ELK's output: every node's position relative to its parent, and container sizes.
 * The branches of a Parallel are lined up as lanes: ELK centres nodes of one layer on each
 * other, so branches of different lengths would start at different heights; here they all
 * start where the first does and get the length of the longest (top to bottom; left to right
 * when the direction is RIGHT).
 */
export function applyElkResult(
  graph: WorkflowGraph,
  result: ElkNode,
  direction: LayoutDirection = directionOf(result),
): Layout {
  const positions: Record<LayoutNodeId, Point> = {}
  const sizes: Record<LayoutNodeId, Size> = {}
  const visit = (node: ElkNode) => {
    for (const child of node.children ?? []) {
      const id = child.id
      const known = hasOwn(graph.states, id) || (hasOwn(graph.scopes, id) && id !== ROOT_SCOPE_ID)
      if (!known) continue
      positions[id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) }
      if (child.children !== undefined) {
        sizes[id] = { width: Math.round(child.width ?? 0), height: Math.round(child.height ?? 0) }
        visit(child)
      }
    }
    const state = hasOwn(graph.states, node.id) ? graph.states[node.id] : undefined
    if (state?.children?.kind === 'branches')
      alignLanes(state.children.scopeIds, positions, sizes, direction)
  }
  visit(result)
  return { positions, sizes }
}

function alignLanes(
  scopeIds: readonly ScopeId[],
  positions: Record<LayoutNodeId, Point>,
  sizes: Record<LayoutNodeId, Size>,
  direction: LayoutDirection,
): void {
  const lanes = scopeIds.filter((id) => positions[id] && sizes[id])
  if (lanes.length < 2) return
  if (direction === 'DOWN') {
    const top = Math.min(...lanes.map((id) => positions[id]!.y))
    const height = Math.max(...lanes.map((id) => positions[id]!.y + sizes[id]!.height)) - top
    for (const id of lanes) {
      positions[id] = { ...positions[id]!, y: top }
      sizes[id] = { ...sizes[id]!, height }
    }
  } else {
    const left = Math.min(...lanes.map((id) => positions[id]!.x))
    const width = Math.max(...lanes.map((id) => positions[id]!.x + sizes[id]!.width)) - left
    for (const id of lanes) {
      positions[id] = { ...positions[id]!, x: left }
      sizes[id] = { ...sizes[id]!, width }
    }
  }
}

function directionOf(result: ElkNode): LayoutDirection {
  return result.layoutOptions?.['elk.direction'] === 'RIGHT' ? 'RIGHT' : 'DOWN'
}

/** Lays out the whole graph with the given ELK instance. */
export async function layoutGraph(
  elk: Pick<ELK, 'layout'>,
  graph: WorkflowGraph,
  sizes: NodeSizes,
  options: AutoLayoutOptions = {},
): Promise<Layout> {
  const result = await elk.layout(buildElkGraph(graph, sizes, options))
  return applyElkResult(graph, result, options.direction ?? DEFAULTS.direction)
}

function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key)
}

/**
 * The edges of a scope worth giving ELK. Layered layout turns an edge spanning k layers into k
 * dummy nodes; a typical large machine has dozens of Tasks catching into one handler at the end,
 * and those edges alone made a 1,000-state layout take minutes. Edges only influence where nodes
 * go (the canvas draws its own), so long ones are dropped, except that every node keeps its
 * shortest incoming edge, so an error handler still sits below the states that reach it.
 * Dangling edges and self-loops are dropped too. Spans are estimated with a longest-path
 * layering over the edges that do not close a cycle (found by a DFS from the scope's states in
 * order), which is what ELK's layering sees after cycle breaking.
 */
export function layoutEdges(
  stateIds: readonly StateId[],
  edges: readonly GraphEdge[],
  maxSpan: number,
): GraphEdge[] {
  const inScope = new Set(stateIds)
  const candidates = edges.filter(
    (edge) => edge.target !== null && edge.target !== edge.source && inScope.has(edge.target),
  )
  if (!Number.isFinite(maxSpan)) return candidates
  const outgoing = new Map<StateId, GraphEdge[]>()
  for (const edge of candidates) {
    const list = outgoing.get(edge.source)
    if (list) list.push(edge)
    else outgoing.set(edge.source, [edge])
  }
  // Iterative DFS: back edges (to a state on the stack) are the ones cycle breaking reverses.
  const state = new Map<StateId, 1 | 2>()
  const back = new Set<GraphEdge>()
  const order: StateId[] = []
  for (const root of stateIds) {
    if (state.has(root)) continue
    const stack: [StateId, number][] = [[root, 0]]
    state.set(root, 1)
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!
      const out = outgoing.get(top[0]) ?? []
      if (top[1] < out.length) {
        const edge = out[top[1]++]!
        const target = edge.target!
        const seen = state.get(target)
        if (seen === 1) back.add(edge)
        else if (seen === undefined) {
          state.set(target, 1)
          stack.push([target, 0])
        }
      } else {
        state.set(top[0], 2)
        order.push(top[0])
        stack.pop()
      }
    }
  }
  // Longest path in reverse post-order (a topological order of the forward edges).
  const layer = new Map<StateId, number>()
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i]!
    const from = layer.get(id) ?? 0
    layer.set(id, from)
    for (const edge of outgoing.get(id) ?? []) {
      if (back.has(edge)) continue
      const target = edge.target!
      if ((layer.get(target) ?? 0) < from + 1) layer.set(target, from + 1)
    }
  }
  const span = (edge: GraphEdge) =>
    Math.abs((layer.get(edge.target!) ?? 0) - (layer.get(edge.source) ?? 0))
  const shortestIn = new Map<StateId, GraphEdge>()
  for (const edge of candidates) {
    const best = shortestIn.get(edge.target!)
    if (!best || span(edge) < span(best)) shortestIn.set(edge.target!, edge)
  }
  return candidates.filter((edge) => span(edge) <= maxSpan || shortestIn.get(edge.target!) === edge)
}
