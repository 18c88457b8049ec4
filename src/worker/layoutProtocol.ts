// Messages between the layout client and the layout worker: one union each way.

import type { AutoLayoutOptions, NodeSizes } from '../core/graph/layout'
import type { Layout } from '../core/graph/layoutMap'
import type { WorkflowGraph } from '../core/graph/model'

export type LayoutRequest = {
  type: 'layout/run'
  id: number
  graph: WorkflowGraph
  sizes: NodeSizes
  options: AutoLayoutOptions
}

export type LayoutResponse =
  | { type: 'layout/done'; id: number; layout: Layout }
  | { type: 'layout/failed'; id: number; message: string }
