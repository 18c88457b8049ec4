// The designer canvas: React Flow over the document store. The graph and layout are projected
// into nodes and edges (projection.ts); every edit goes through actions.ts as one undo step.
// React Flow keeps only what is transient: the positions of a drag in progress.

import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  getViewportForBounds,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type OnConnectStart,
  type OnNodeDrag,
} from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type KeyboardEvent,
  type MouseEvent as ReactMouseEvent,
} from 'react'
import type { Point } from '../../core/graph/layoutMap'
import { selectDiagnosticsByState, useDocumentStore } from '../../state/documentStore'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { findPaletteItem } from '../palette/templates'
import { useRunOverlay } from '../timeline/canvasOverlay'
import { PALETTE_MIME } from '../palette/dragData'
import {
  commitMove,
  connectStates,
  copySelectionText,
  deleteEdge,
  deleteSelection,
  dropNewState,
  duplicateSelection,
  lastCopiedText,
  pasteText,
  selectAll,
  setStartAt,
} from './actions'
import { autoLayoutFailure, computeAutoLayout } from './autoLayout'
import { useCanvasUi } from './canvasUiStore'
import { CanvasToolbar } from './CanvasToolbar'
import { connectChoices, neighbour } from './editing'
import { classifyPastedText, importPastedText } from '../import/importActions'
import { edgeTypes } from './edges'
import { scopeAt, type Geometry } from './geometry'
import { ConnectMenuView, ContextMenuView, FindDialog } from './menus'
import { DetailContext, detailedSelector, focusNode, nodeTypes } from './nodes'
import type { CanvasEdge, CanvasNode } from './projection'
import { createProjector, START_MARKER_ID } from './projection'
import './canvas.css'

/** From this many nodes on, React Flow renders only what is in view. */
const VISIBLE_ONLY_THRESHOLD = 200

export function Canvas() {
  return (
    <ReactFlowProvider>
      <CanvasInner />
    </ReactFlowProvider>
  )
}

function isEditableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return (
    target.isContentEditable ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  )
}

function CanvasInner() {
  const graph = useDocumentStore((s) => s.graph)
  const layout = useDocumentStore((s) => s.layout)
  const workflowType = useDocumentStore((s) => s.workflowType)
  const documentSeq = useDocumentStore((s) => s.documentSeq)
  const selectedIds = useWorkspaceStore((s) => s.selectedIds)
  const revealRequest = useWorkspaceStore((s) => s.revealRequest)
  const layingOut = useCanvasUi((s) => s.layingOut)
  const detailed = useStore(detailedSelector)
  const flow = useReactFlow<CanvasNode, CanvasEdge>()
  const wrapper = useRef<HTMLDivElement>(null)

  const problems = useMemo(
    () => selectDiagnosticsByState({ graph, workflowType }),
    [graph, workflowType],
  )
  // The shown run at the playhead (issue 6): statuses, counts, transitions taken.
  const run = useRunOverlay(graph)
  const [project] = useState(createProjector)
  const projection = useMemo(
    () => project({ graph, layout, selectedIds, problems, run }),
    [project, graph, layout, selectedIds, problems, run],
  )
  const projectionRef = useRef(projection)
  projectionRef.current = projection

  // A document whose states have no positions at all is laid out before it is shown.
  const stateCount = Object.keys(graph.states).length
  const needsLayout = stateCount > 0 && projection.geometry.unplaced.size === stateCount

  // Positions of a drag in progress; null otherwise.
  const [dragNodes, setDragNodes] = useState<CanvasNode[] | null>(null)
  const [selectedEdgeId, setSelectedEdgeId] = useState<string | null>(null)
  // The view is fitted to a newly opened or auto-laid-out document BEFORE its nodes are handed
  // to React Flow: rendering them first at the old zoom would mount (detailed) nodes only to
  // replace them a frame later.
  const [layoutEpoch, setLayoutEpoch] = useState(0)
  const fitToken = `${documentSeq}:${layoutEpoch}`
  const [fittedToken, setFittedToken] = useState<string | null>(null)
  const pendingFit = fitToken !== fittedToken
  const hidden = needsLayout || (pendingFit && stateCount > 0)
  const nodes = hidden ? EMPTY_NODES : (dragNodes ?? projection.nodes)
  const edges = useMemo(() => {
    if (hidden) return EMPTY_EDGES
    if (selectedEdgeId === null) return projection.edges
    return projection.edges.map((e) => (e.id === selectedEdgeId ? { ...e, selected: true } : e))
  }, [hidden, projection.edges, selectedEdgeId])

  // ------------------------------------------------------------------------------------------
  // Auto-layout

  const layoutRun = useRef(0)
  const runAutoLayout = useCallback(async (undoable: boolean) => {
    const run = ++layoutRun.current
    const target = useDocumentStore.getState().graph
    useCanvasUi.getState().set({ layingOut: true })
    try {
      const result = await computeAutoLayout(target)
      if (run !== layoutRun.current) return
      if (useDocumentStore.getState().graph !== target) return
      // Both updates land in one render: the new layout is fitted before it is shown.
      useDocumentStore.getState().setLayout(result, { undoable, label: 'Auto layout' })
      setLayoutEpoch((epoch) => epoch + 1)
    } catch (error) {
      const failure = autoLayoutFailure(error)
      if (failure) useWorkspaceStore.getState().notify('error', failure.message, failure.detail)
    } finally {
      if (run === layoutRun.current) useCanvasUi.getState().set({ layingOut: false })
    }
  }, [])

  useEffect(() => {
    if (needsLayout) void runAutoLayout(false)
  }, [needsLayout, graph, runAutoLayout])

  // A newly opened document forgets the old one's transient state.
  useEffect(() => {
    setSelectedEdgeId(null)
    setDragNodes(null)
  }, [documentSeq])

  // Fit (see `hidden` above): from the geometry, before paint; an empty workflow is shown at
  // 100 % with its origin near the top centre, where drops land.
  const empty = stateCount === 0
  useLayoutEffect(() => {
    if (empty) {
      const width = wrapper.current?.clientWidth ?? 800
      void flow.setViewport({ x: Math.round(width / 2 - 110), y: 140, zoom: 1 })
      // This is the fit of the opened document: the first drop must not refit (and move) it.
      if (pendingFit) setFittedToken(fitToken)
      return
    }
    if (!pendingFit || needsLayout) return
    const rect = wrapper.current?.getBoundingClientRect()
    const bounds = boundsOf(projectionRef.current.nodes, projectionRef.current.geometry)
    if (rect && bounds && rect.width > 0 && rect.height > 0) {
      void flow.setViewport(openingViewport(bounds, rect, stateCount))
    }
    setFittedToken(fitToken)
  }, [empty, pendingFit, needsLayout, fitToken, flow, stateCount])

  // Problems panel, find, code view…: centre on a state.
  useEffect(() => {
    if (!revealRequest) return
    const { geometry } = projectionRef.current
    const abs = geometry.absolute.get(revealRequest.id)
    const size = geometry.size.get(revealRequest.id)
    if (!abs || !size) return
    const zoom = Math.max(flow.getZoom(), 0.8)
    void flow.setCenter(abs.x + size.width / 2, abs.y + size.height / 2, { zoom, duration: 300 })
  }, [revealRequest, flow])

  // ------------------------------------------------------------------------------------------
  // Selection and dragging

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    const positionChanges = changes.filter((c) => c.type === 'position')
    if (positionChanges.length > 0) {
      setDragNodes((current) =>
        applyNodeChanges(positionChanges, current ?? projectionRef.current.nodes),
      )
    }
    const selectChanges = changes.filter((c) => c.type === 'select')
    if (selectChanges.length > 0) {
      const { graph: g } = useDocumentStore.getState()
      const next = new Set(useWorkspaceStore.getState().selectedIds)
      for (const change of selectChanges) {
        if (!g.states[change.id]) continue
        if (change.selected) next.add(change.id)
        else next.delete(change.id)
      }
      useWorkspaceStore.getState().select([...next])
      if ([...next].length > 0) setSelectedEdgeId(null)
    }
  }, [])

  const onEdgesChange = useCallback((changes: EdgeChange<CanvasEdge>[]) => {
    for (const change of changes) {
      if (change.type !== 'select') continue
      if (change.selected) setSelectedEdgeId(change.id)
      else setSelectedEdgeId((current) => (current === change.id ? null : current))
    }
  }, [])

  const onNodeDragStop: OnNodeDrag<CanvasNode> = useCallback((_event, _node, dragged) => {
    const moves = dragged
      .filter((n) => n.type === 'state' || n.type === 'container')
      .map((n) => ({ id: n.id, position: n.position }))
    commitMove(moves)
    setDragNodes(null)
  }, [])

  // ------------------------------------------------------------------------------------------
  // Connecting

  const pendingConnection = useRef<{
    source: string
    handle: 'out' | 'catch'
    target: string
  } | null>(null)
  const connectFrom = useRef<{ nodeId: string; handle: 'out' | 'catch' } | null>(null)
  const [connecting, setConnecting] = useState(false)

  const onConnectStart: OnConnectStart = useCallback((_event, params) => {
    connectFrom.current = params.nodeId
      ? { nodeId: params.nodeId, handle: params.handleId === 'catch' ? 'catch' : 'out' }
      : null
    setConnecting(true)
  }, [])

  const isValidConnection: IsValidConnection<CanvasEdge> = useCallback((connection) => {
    const { graph: g } = useDocumentStore.getState()
    const target = g.states[connection.target]
    if (!target) return false
    if (connection.source === START_MARKER_ID) return target.scopeId === 'root'
    const source = g.states[connection.source]
    if (!source || source.scopeId !== target.scopeId) return false
    const handle = connection.sourceHandle === 'catch' ? 'catch' : 'out'
    return connectChoices(g, source.id, handle).length > 0
  }, [])

  const onConnect = useCallback((connection: Connection) => {
    pendingConnection.current = {
      source: connection.source,
      target: connection.target,
      handle: connection.sourceHandle === 'catch' ? 'catch' : 'out',
    }
  }, [])

  /** The connection a drop on a node body makes, when it is a valid one. */
  const connectionAt = useCallback(
    (clientX: number, clientY: number) => {
      const from = connectFrom.current
      if (!from) return null
      const element = document.elementFromPoint(clientX, clientY)?.closest('.react-flow__node')
      const target = element?.getAttribute('data-id')
      if (!target || target === from.nodeId) return null
      const valid = isValidConnection({
        source: from.nodeId,
        target,
        sourceHandle: from.handle,
        targetHandle: 'in',
      })
      return valid ? { source: from.nodeId, handle: from.handle, target } : null
    },
    [isValidConnection],
  )

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, _state: FinalConnectionState) => {
      setConnecting(false)
      const point = 'changedTouches' in event ? event.changedTouches[0]! : (event as MouseEvent)
      // Dropped on a node's body rather than near its handle: that node is the target.
      const pending = pendingConnection.current ?? connectionAt(point.clientX, point.clientY)
      pendingConnection.current = null
      connectFrom.current = null
      if (!pending) return
      if (pending.source === START_MARKER_ID) {
        setStartAt(pending.target)
        return
      }
      const { graph: g } = useDocumentStore.getState()
      const choices = connectChoices(g, pending.source, pending.handle)
      if (choices.length === 1) {
        connectStates(pending.source, choices[0]!.kind, pending.target)
        return
      }
      if (choices.length === 0) return
      useCanvasUi.getState().set({
        connectMenu: {
          x: point.clientX + 8,
          y: point.clientY + 8,
          sourceId: pending.source,
          targetId: pending.target,
          choices,
        },
      })
    },
    [connectionAt],
  )

  // ------------------------------------------------------------------------------------------
  // Dropping palette items

  const edgeAt = (clientX: number, clientY: number): string | null => {
    for (const element of document.elementsFromPoint(clientX, clientY)) {
      const edge = element.closest('.react-flow__edge')
      const id = edge?.getAttribute('data-id')
      if (id && (!id.startsWith('end:') || !isTerminalEnd(id))) return id
      const label = element.closest('[data-edge-id]')
      const labelId = label?.getAttribute('data-edge-id')
      if (labelId) return labelId
      if (element.closest('.react-flow__node')) return null
    }
    return null
  }
  const isTerminalEnd = (id: string) => {
    const state = useDocumentStore.getState().graph.states[id.slice(4)]
    const type = state?.fields.Type
    return type === 'Succeed' || type === 'Fail'
  }

  const onDragOver = useCallback(
    (event: DragEvent) => {
      if (!event.dataTransfer.types.includes(PALETTE_MIME)) return
      event.preventDefault()
      event.dataTransfer.dropEffect = 'copy'
      const edgeId = edgeAt(event.clientX, event.clientY)
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY })
      const { graph: g } = useDocumentStore.getState()
      const scopeId = edgeId ? null : scopeAt(g, projectionRef.current.geometry, point)
      const ui = useCanvasUi.getState()
      const dropScopeId = scopeId && scopeId !== 'root' ? scopeId : null
      if (ui.dropEdgeId !== edgeId || ui.dropScopeId !== dropScopeId) {
        ui.set({ dropEdgeId: edgeId, dropScopeId })
      }
    },
    // edgeAt reads only the DOM and the store.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [flow],
  )

  const onDragLeave = useCallback((event: DragEvent) => {
    if (
      wrapper.current &&
      event.relatedTarget instanceof Node &&
      wrapper.current.contains(event.relatedTarget)
    )
      return
    useCanvasUi.getState().set({ dropEdgeId: null, dropScopeId: null })
  }, [])

  const onDrop = useCallback(
    (event: DragEvent) => {
      const id = event.dataTransfer.getData(PALETTE_MIME)
      useCanvasUi.getState().set({ dropEdgeId: null, dropScopeId: null })
      if (!id) return
      event.preventDefault()
      const item = findPaletteItem(id)
      if (!item) return
      const edgeId = edgeAt(event.clientX, event.clientY)
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY })
      dropNewState(item, edgeId ? { kind: 'edge', edgeId } : { kind: 'point', point })
      wrapper.current?.focus({ preventScroll: true })
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [flow],
  )

  // ------------------------------------------------------------------------------------------
  // Menus, rename

  const startRename = useCallback((id: string) => {
    if (!useDocumentStore.getState().graph.states[id]) return
    useWorkspaceStore.getState().select([id])
    useCanvasUi.getState().startRename(id)
  }, [])

  const onNodeDoubleClick = useCallback(
    (event: ReactMouseEvent, node: CanvasNode) => {
      if ((event.target as HTMLElement).closest('.sw-rename')) return
      if (node.type === 'state' || node.type === 'container') startRename(node.id)
    },
    [startRename],
  )

  const onNodeContextMenu = useCallback((event: ReactMouseEvent, node: CanvasNode) => {
    event.preventDefault()
    if (node.type === 'state' || node.type === 'container') {
      if (!useWorkspaceStore.getState().selectedIds.includes(node.id)) {
        useWorkspaceStore.getState().select([node.id])
      }
      useCanvasUi.getState().set({
        contextMenu: { x: event.clientX, y: event.clientY, target: { kind: 'state', id: node.id } },
      })
    } else if (node.type === 'scope') {
      useCanvasUi.getState().set({
        contextMenu: { x: event.clientX, y: event.clientY, target: { kind: 'scope', id: node.id } },
      })
    }
  }, [])

  const focusCanvas = useCallback(() => wrapper.current?.focus({ preventScroll: true }), [])

  const viewportCentre = (): Point => {
    const rect = wrapper.current?.getBoundingClientRect()
    if (!rect) return { x: 0, y: 0 }
    return flow.screenToFlowPosition({
      x: rect.left + rect.width / 2,
      y: rect.top + rect.height / 3,
    })
  }

  // ------------------------------------------------------------------------------------------
  // Keyboard

  const pasteFallback = useRef<number | null>(null)
  const copyFallback = useRef<number | null>(null)

  const paste = useCallback((text: string | undefined) => {
    if (!text) return
    // A whole definition, a template, a MockConfigFile or a history imports as a drop would (a
    // definition opens as a new workflow, with a way back); a States subset pastes here.
    if (classifyPastedText(text) === 'import') {
      void importPastedText(text)
      return
    }
    if (!pasteText(text, viewportCentre())) {
      useWorkspaceStore
        .getState()
        .notify('info', 'Nothing to paste: the clipboard holds no ASL states.')
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const onKeyDownCapture = (event: KeyboardEvent) => {
    // Arrow keys move the selection between states (React Flow would nudge the node instead).
    if (!event.key.startsWith('Arrow') || isEditableTarget(event.target)) return
    if (event.ctrlKey || event.metaKey || event.altKey) return
    // Menus and dialogs inside the canvas use arrows for themselves.
    const target = event.target as HTMLElement
    if (target !== wrapper.current && !target.closest('.react-flow__node, .react-flow__pane'))
      return
    const { selectedIds: ids } = useWorkspaceStore.getState()
    const focusedId = (event.target as HTMLElement)
      .closest?.('.react-flow__node')
      ?.getAttribute('data-id')
    const from =
      focusedId && useDocumentStore.getState().graph.states[focusedId] ? focusedId : ids[0]
    if (!from) return
    const direction = event.key.slice(5).toLowerCase() as 'up' | 'down' | 'left' | 'right'
    const { graph: g, layout: l } = useDocumentStore.getState()
    const to = neighbour(g, l, from, direction)
    event.preventDefault()
    event.stopPropagation()
    if (!to) return
    useWorkspaceStore.getState().select([to])
    useWorkspaceStore.getState().reveal(to)
    focusNode(to)
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (isEditableTarget(event.target)) return
    const mod = event.ctrlKey || event.metaKey
    const key = event.key.toLowerCase()
    const ids = useWorkspaceStore.getState().selectedIds
    if ((event.key === 'Delete' || event.key === 'Backspace') && !mod) {
      event.preventDefault()
      if (ids.length > 0) deleteSelection()
      else if (selectedEdgeId) {
        deleteEdge(selectedEdgeId)
        setSelectedEdgeId(null)
      }
    } else if (mod && key === 'd') {
      event.preventDefault()
      duplicateSelection()
    } else if (mod && key === 'a') {
      event.preventDefault()
      selectAll()
    } else if (mod && (key === 'c' || key === 'x')) {
      const text = copySelectionText()
      if (!text) return
      // The native copy event (below) writes the clipboard; if the browser sends none, the
      // async clipboard API does.
      copyFallback.current = window.setTimeout(() => {
        copyFallback.current = null
        void navigator.clipboard?.writeText(text).catch(() => undefined)
      }, 50)
      if (key === 'x') deleteSelection()
    } else if (mod && key === 'v') {
      pasteFallback.current = window.setTimeout(() => {
        pasteFallback.current = null
        const read = navigator.clipboard?.readText?.()
        if (!read) return paste(lastCopiedText())
        read.then(paste, () => paste(lastCopiedText()))
      }, 50)
    } else if (event.key === 'F2') {
      event.preventDefault()
      if (ids.length === 1) startRename(ids[0]!)
    } else if (event.key === 'Escape') {
      useWorkspaceStore.getState().select([])
      setSelectedEdgeId(null)
      // React Flow blurs the node on Escape; keep keyboard users inside the canvas.
      wrapper.current?.focus({ preventScroll: true })
    } else if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      const id = ids[0]
      if (!id) return
      event.preventDefault()
      const element = document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`)
      const rect = element?.getBoundingClientRect()
      useCanvasUi.getState().set({
        contextMenu: {
          x: rect ? rect.left + 24 : 200,
          y: rect ? rect.bottom : 200,
          target: { kind: 'state', id },
        },
      })
    }
  }

  const onCopy = (event: React.ClipboardEvent) => {
    if (isEditableTarget(event.target)) return
    if (copyFallback.current !== null) {
      window.clearTimeout(copyFallback.current)
      copyFallback.current = null
    }
    const text = lastCopiedText()
    if (!text) return
    event.clipboardData.setData('text/plain', text)
    event.preventDefault()
  }

  const onPaste = (event: React.ClipboardEvent) => {
    if (isEditableTarget(event.target)) return
    if (pasteFallback.current !== null) {
      window.clearTimeout(pasteFallback.current)
      pasteFallback.current = null
    }
    event.preventDefault()
    paste(event.clipboardData.getData('text/plain'))
  }

  return (
    <div
      ref={wrapper}
      className={`sw-canvas${connecting ? ' is-connecting' : ''}${detailed ? '' : ' is-overview'}`}
      tabIndex={0}
      role="region"
      aria-label="Workflow diagram"
      aria-keyshortcuts="Delete Control+D Control+C Control+V Control+A F2 Control+F"
      data-testid="canvas"
      onKeyDownCapture={onKeyDownCapture}
      onKeyDown={onKeyDown}
      onCopy={onCopy}
      onPaste={onPaste}
    >
      <DetailContext.Provider value={detailed}>
        <ReactFlow<CanvasNode, CanvasEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStop={onNodeDragStop}
          onConnectStart={onConnectStart}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          onNodeDoubleClick={onNodeDoubleClick}
          onNodeContextMenu={onNodeContextMenu}
          onPaneClick={focusCanvas}
          onDragOver={onDragOver}
          onDragLeave={onDragLeave}
          onDrop={onDrop}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          zoomOnDoubleClick={false}
          connectionRadius={28}
          minZoom={MIN_ZOOM}
          maxZoom={2}
          onlyRenderVisibleElements={nodes.length >= VISIBLE_ONLY_THRESHOLD}
          nodeDragThreshold={2}
          elevateEdgesOnSelect
          ariaLabelConfig={ARIA_LABELS}
          onError={reportFlowError}
        >
          <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
          <MiniMap
            style={MINIMAP_STYLE}
            pannable
            zoomable
            ariaLabel="Overview of the workflow"
            nodeColor={minimapColor}
            nodeStrokeWidth={0}
            maskColor="rgba(241, 245, 249, 0.7)"
          />
          <Controls showInteractive={false} position="bottom-left" aria-label="Zoom" />
          <Panel position="top-left">
            <CanvasToolbar onAutoLayout={() => void runAutoLayout(true)} />
          </Panel>
        </ReactFlow>
      </DetailContext.Provider>
      {empty && (
        <div className="sw-canvas-empty" aria-hidden="true">
          <div className="sw-canvas-empty-card">
            <strong>An empty workflow</strong>
            <span>Drag a state from the palette onto the canvas, or press Enter on one.</span>
          </div>
        </div>
      )}
      {layingOut && needsLayout && (
        <div className="sw-canvas-busy" role="status">
          Laying out {stateCount} states…
        </div>
      )}
      <ConnectMenuView onDone={focusCanvas} />
      <ContextMenuView onDone={() => undefined} onRename={startRename} />
      <FindDialog onDone={focusCanvas} />
    </div>
  )
}

// Props React Flow compares by identity: module constants, so a re-render of the canvas during a
// drag does not look like new options (which would update its whole store).
const FIT_OPTIONS = { padding: 0.15, maxZoom: 1.1 }
const MIN_ZOOM = 0.05
const MINIMAP_STYLE = { width: 148, height: 96 }
const MULTI_SELECT_KEYS = ['Meta', 'Control']
const ARIA_LABELS = {
  'node.a11yDescription.default':
    'Press Enter or Space to select this state, F2 to rename, Delete to remove, arrow keys to move to a neighbour.',
}
const EMPTY_NODES: CanvasNode[] = []
const EMPTY_EDGES: CanvasEdge[] = []

const TYPE_COLORS: Readonly<Record<string, string>> = {
  Task: '#3b82f6',
  Pass: '#64748b',
  Choice: '#f59e0b',
  Wait: '#8b5cf6',
  Parallel: '#6366f1',
  Map: '#14b8a6',
  Succeed: '#22c55e',
  Fail: '#ef4444',
}

/** Zoom at which node text is comfortable to read. */
const READABLE_ZOOM = 0.6
/** Room for the floating toolbar above the diagram. */
const TOOLBAR_ROOM = 56

/**
 * How a document is first shown: whole when that is readable (or when it is big: then an
 * overview is what helps); otherwise at a readable zoom from the top (the start), centred.
 */
function openingViewport(
  bounds: { x: number; y: number; width: number; height: number },
  rect: { width: number; height: number },
  stateCount: number,
) {
  const padded = { ...bounds, y: bounds.y - TOOLBAR_ROOM, height: bounds.height + TOOLBAR_ROOM }
  const fit = getViewportForBounds(
    padded,
    rect.width,
    rect.height,
    MIN_ZOOM,
    FIT_OPTIONS.maxZoom,
    FIT_OPTIONS.padding,
  )
  if (fit.zoom >= READABLE_ZOOM || stateCount >= 60) return fit
  const zoom = READABLE_ZOOM
  const width = bounds.width * zoom
  const x =
    width <= rect.width
      ? rect.width / 2 - (bounds.x + bounds.width / 2) * zoom
      : 32 - bounds.x * zoom
  return { x, y: TOOLBAR_ROOM + 24 - bounds.y * zoom, zoom }
}

/** The pane rectangle the projected nodes cover (nested nodes are inside their containers). */
function boundsOf(nodes: readonly CanvasNode[], geometry: Geometry) {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const node of nodes) {
    if (node.parentId) continue
    const x = node.position.x
    const y = node.position.y
    const size = geometry.size.get(node.id) ?? { width: node.width ?? 0, height: node.height ?? 0 }
    minX = Math.min(minX, x)
    minY = Math.min(minY, y)
    maxX = Math.max(maxX, x + size.width)
    maxY = Math.max(maxY, y + size.height)
  }
  if (minX === Infinity) return null
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY }
}

/**
 * React Flow reports wiring mistakes (an edge whose handle does not exist, a node type unknown…)
 * only in development builds by default; they are bugs of ours, so they are reported in every
 * build (the e2e suite, which runs the production build, fails on them).
 */
function reportFlowError(code: string, message: string): void {
  console.warn(`[React Flow]: ${message} (error ${code})`)
}

function minimapColor(node: CanvasNode): string {
  if (node.type === 'scope') return 'rgba(148, 163, 184, 0.15)'
  if (node.type === 'marker') return '#94a3b8'
  if (node.type === 'container') return 'rgba(99, 102, 241, 0.18)'
  return TYPE_COLORS[node.data.stateType] ?? '#94a3b8'
}
