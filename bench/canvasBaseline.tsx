// The benchmark's baseline: a bare React Flow page (default nodes and edges, controlled state as
// the React Flow docs show it) with the same nodes, sizes, parents and edges as the app.
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  type Edge,
  type Node,
  type NodeChange,
} from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { StrictMode, useCallback, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { frameRecorder, nodesShown, type CanvasBenchApi } from './canvasBenchApi'

const frames = frameRecorder()
let setGraph: (graph: { nodes: Node[]; edges: Edge[] }) => void = () => undefined

function Baseline() {
  const [graph, set] = useState<{ nodes: Node[]; edges: Edge[] }>({ nodes: [], edges: [] })
  setGraph = set
  const onNodesChange = useCallback(
    (changes: NodeChange[]) => set((g) => ({ ...g, nodes: applyNodeChanges(changes, g.nodes) })),
    [],
  )
  return (
    <div style={{ position: 'fixed', inset: 0 }}>
      <ReactFlow
        nodes={graph.nodes}
        edges={graph.edges}
        onNodesChange={onNodesChange}
        onlyRenderVisibleElements={graph.nodes.length >= 200}
        minZoom={0.05}
        fitView
      >
        <Background />
        <MiniMap />
        <Controls />
      </ReactFlow>
    </div>
  )
}

const api: CanvasBenchApi = {
  async open() {
    throw new Error('open() is the app page')
  },
  snapshot() {
    throw new Error('snapshot() is the app page')
  },
  async show(nodes, edges) {
    const t0 = performance.now()
    setGraph({
      nodes: nodes.map((n) => ({
        id: n.id,
        ...(n.parentId ? { parentId: n.parentId } : {}),
        position: n.position,
        width: n.width,
        height: n.height,
        data: { label: n.label },
      })),
      edges: edges.map((e) => ({ ...e, type: 'smoothstep' })),
    })
    await nodesShown(nodes.length)
    return performance.now() - t0
  },
  startFrames: frames.start,
  stopFrames: frames.stop,
}
;(window as unknown as { bench: CanvasBenchApi }).bench = api

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Baseline />
  </StrictMode>,
)
