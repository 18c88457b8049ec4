// Auto-layout for the canvas: ELK in its Web Worker (src/worker/layoutClient.ts), fed with the
// sizes and paddings the canvas draws, so the result fits the nodes as rendered.

import type { AutoLayoutOptions, NodeSizes } from '../../core/graph/layout'
import type { Layout, Size } from '../../core/graph/layoutMap'
import type { StateId, WorkflowGraph } from '../../core/graph/model'
import { isLayoutCancelled, layoutInWorker } from '../../worker/layoutClient'
import {
  CONTAINER_HEADER,
  CONTAINER_PADDING,
  LAYER_GAP,
  NODE_SPACING,
  SCOPE_PADDING,
  STATE_HEIGHT,
  STATE_WIDTH,
} from './geometry'

export const LAYOUT_OPTIONS: AutoLayoutOptions = {
  direction: 'DOWN',
  defaultSize: { width: STATE_WIDTH, height: STATE_HEIGHT },
  containerPadding: CONTAINER_PADDING,
  scopePadding: SCOPE_PADDING,
  nodeSpacing: NODE_SPACING,
  layerSpacing: LAYER_GAP,
}

/** What each state measures on the canvas (containers: their header, the minimum). */
export function nodeSizes(graph: WorkflowGraph): NodeSizes {
  const sizes: Record<StateId, Size> = {}
  for (const state of Object.values(graph.states)) {
    sizes[state.id] = state.children
      ? { width: STATE_WIDTH, height: CONTAINER_HEADER }
      : { width: STATE_WIDTH, height: STATE_HEIGHT }
  }
  return sizes
}

/** Lays the whole graph out off the main thread. */
export function computeAutoLayout(graph: WorkflowGraph): Promise<Layout> {
  return layoutInWorker(graph, nodeSizes(graph), LAYOUT_OPTIONS)
}

/**
 * What to tell the user when an auto-layout did not complete, or null when there is nothing to
 * say: a layout superseded by a newer one (a quick second edit, the Auto layout button pressed
 * twice) is cancelled on purpose and the newer one reports for both.
 */
export function autoLayoutFailure(error: unknown): { message: string; detail: string } | null {
  if (isLayoutCancelled(error)) return null
  return {
    message: 'Auto-layout failed; states keep their positions.',
    detail: error instanceof Error ? error.message : String(error),
  }
}
