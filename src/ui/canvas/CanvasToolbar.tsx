// The canvas's floating toolbar: auto-layout, fit view, set as start, find.

import { useReactFlow } from '@xyflow/react'
import { useDocumentStore } from '../../state/documentStore'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { setStartAt } from './actions'
import { useCanvasUi } from './canvasUiStore'
import { Icons } from './icons'

export function CanvasToolbar({ onAutoLayout }: { onAutoLayout: () => void }) {
  const { fitView } = useReactFlow()
  const selected = useWorkspaceStore((s) => s.selectedIds)
  const graph = useDocumentStore((s) => s.graph)
  const layingOut = useCanvasUi((s) => s.layingOut)
  const single = selected.length === 1 ? graph.states[selected[0]!] : undefined
  const isStart = single ? graph.scopes[single.scopeId]?.fields.StartAt === single.name : false
  const empty = Object.keys(graph.states).length === 0
  return (
    <div className="sw-toolbar" role="toolbar" aria-label="Canvas">
      <button
        type="button"
        className="sw-tool"
        onClick={onAutoLayout}
        disabled={empty || layingOut}
        data-testid="auto-layout"
        title="Arrange all states automatically"
      >
        <Icons.layout />
        <span>Auto layout</span>
      </button>
      <button
        type="button"
        className="sw-tool"
        onClick={() => void fitView({ padding: 0.15, duration: 250 })}
        data-testid="fit-view"
        title="Fit the whole workflow in view"
      >
        <Icons.fit />
        <span>Fit</span>
      </button>
      <span className="sw-tool-sep" aria-hidden="true" />
      <button
        type="button"
        className="sw-tool"
        onClick={() => single && setStartAt(single.id)}
        disabled={!single || isStart}
        data-testid="set-start"
        title={
          single ? `Make ${single.name} the start state` : 'Select one state to make it the start'
        }
      >
        <Icons.start />
        <span>Set as start</span>
      </button>
      <button
        type="button"
        className="sw-tool"
        onClick={() => useCanvasUi.getState().set({ findOpen: true })}
        disabled={empty}
        data-testid="find-state"
        title="Find a state (Ctrl+F)"
        aria-keyshortcuts="Control+F"
      >
        <Icons.search />
        <span>Find</span>
      </button>
    </div>
  )
}
