// The benchmark's app page: the real Stepwise shell and canvas, opened on generated workflows.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import type { JsonObject } from '../src/core/asl/types'
import type { Layout } from '../src/core/graph/layoutMap'
import { useDocumentStore } from '../src/state/documentStore'
import { computeGeometry } from '../src/ui/canvas/geometry'
import { createProjector } from '../src/ui/canvas/projection'
import { App } from '../src/ui/shell/App'
import '../src/ui/shell/global.css'
import { frameRecorder, nodesShown, type BaselineNode, type CanvasBenchApi } from './canvasBenchApi'

const frames = frameRecorder()

function expectedNodeCount(): number {
  const { graph, layout } = useDocumentStore.getState()
  const projection = createProjector()({ graph, layout, selectedIds: [], problems: new Map() })
  return projection.nodes.length
}

const api: CanvasBenchApi = {
  async open(definition, layout) {
    const t0 = performance.now()
    useDocumentStore.getState().openDocument({
      definition: definition as JsonObject,
      ...(layout ? { layout: layout as Layout } : {}),
    })
    // With no layout, the canvas runs ELK first; the projection's count then includes markers.
    for (;;) {
      const { graph, layout: current } = useDocumentStore.getState()
      const geometry = computeGeometry(graph, current)
      if (geometry.unplaced.size === 0) break
      await new Promise((resolve) => setTimeout(resolve, 16))
    }
    await nodesShown(expectedNodeCount())
    return performance.now() - t0
  },
  snapshot() {
    const { graph, layout } = useDocumentStore.getState()
    const projection = createProjector()({ graph, layout, selectedIds: [], problems: new Map() })
    const nodes: BaselineNode[] = projection.nodes.map((node) => ({
      id: node.id,
      ...(node.parentId ? { parentId: node.parentId } : {}),
      position: node.position,
      width: node.width ?? 0,
      height: node.height ?? 0,
      label:
        'name' in node.data
          ? String(node.data.name)
          : 'label' in node.data
            ? String(node.data.label)
            : String(node.data.kind),
    }))
    const edges = projection.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
    }))
    return { layout, nodes, edges }
  },
  async show() {
    throw new Error('show() is the baseline page')
  },
  startFrames: frames.start,
  stopFrames: frames.stop,
}
;(window as unknown as { bench: CanvasBenchApi }).bench = api

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App startWorkspaceOnMount={false} />
  </StrictMode>,
)
