// The bottom panel: tabs for Problems and whatever later issues plug in (Run, Timeline…), each
// inside its own error boundary.

import { useMemo, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react'
import { selectDiagnostics, useDocumentStore } from '../../state/documentStore'
import {
  BOTTOM_PANEL_MAX_HEIGHT,
  BOTTOM_PANEL_MIN_HEIGHT,
  useWorkspaceStore,
} from '../../state/workspaceStore'
import { followPointer } from '../common/pointerDrag'
import { ErrorBoundary } from './ErrorBoundary'
import { ProblemsPanel, extraBottomPanels, type BottomPanelSpec } from './slots'

function useProblemCount(): string | number | null {
  const graph = useDocumentStore((s) => s.graph)
  const workflowType = useDocumentStore((s) => s.workflowType)
  const diagnostics = useMemo(
    () => selectDiagnostics({ graph, workflowType }),
    [graph, workflowType],
  )
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  return diagnostics.length === 0 ? null : errors > 0 ? errors : diagnostics.length
}

function MissingProblems() {
  return <p className="sw-empty-note">The problems list is not available in this build.</p>
}

const PANELS: BottomPanelSpec[] = [
  {
    id: 'problems',
    title: 'Problems',
    order: 0,
    Component: ProblemsPanel ?? MissingProblems,
    useBadge: useProblemCount,
  },
  ...extraBottomPanels,
].sort((a, b) => a.order - b.order)

function TabBadge({ spec }: { spec: BottomPanelSpec }) {
  const value = spec.useBadge?.() ?? null
  if (value === null || value === 0) return null
  return <span className="sw-tab-badge">{value}</span>
}

/** The panel's top edge: drag it (or focus it and use the arrow keys) to resize the panel. */
function ResizeEdge({ height }: { height: number }) {
  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    event.preventDefault()
    const startY = event.clientY
    followPointer((e) =>
      useWorkspaceStore.getState().setBottomPanelHeight(height + startY - e.clientY),
    )
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? 80 : 20
    const set = useWorkspaceStore.getState().setBottomPanelHeight
    if (event.key === 'ArrowUp') set(height + step)
    else if (event.key === 'ArrowDown') set(height - step)
    else return
    event.preventDefault()
  }
  return (
    <div
      className="sw-bottom-resize"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the panel"
      aria-valuenow={height}
      aria-valuemin={BOTTOM_PANEL_MIN_HEIGHT}
      aria-valuemax={BOTTOM_PANEL_MAX_HEIGHT}
      tabIndex={0}
      data-testid="bottom-panel-resize"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  )
}

export function BottomPanel() {
  const open = useWorkspaceStore((s) => s.bottomPanelOpen)
  const tab = useWorkspaceStore((s) => s.bottomPanelTab)
  const height = useWorkspaceStore((s) => s.bottomPanelHeight)
  const active = PANELS.find((p) => p.id === tab) ?? PANELS[0]!

  const onTabKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return
    event.preventDefault()
    const at = PANELS.indexOf(active)
    const next =
      PANELS[(at + (event.key === 'ArrowRight' ? 1 : PANELS.length - 1)) % PANELS.length]!
    useWorkspaceStore.getState().showBottomPanel(next.id)
    document.getElementById(`sw-tab-${next.id}`)?.focus()
  }

  return (
    <section
      className={`sw-bottom${open ? '' : ' is-collapsed'}`}
      aria-label="Panels"
      style={open ? { height } : undefined}
      data-testid="bottom-panel"
    >
      {open && <ResizeEdge height={height} />}
      <div className="sw-tabs-bar">
        <div className="sw-tabs" role="tablist" aria-label="Panels" onKeyDown={onTabKey}>
          {PANELS.map((panel) => (
            <button
              key={panel.id}
              id={`sw-tab-${panel.id}`}
              type="button"
              role="tab"
              aria-selected={open && panel.id === active.id}
              aria-controls={open && panel.id === active.id ? `sw-tabpanel-${panel.id}` : undefined}
              tabIndex={panel.id === active.id ? 0 : -1}
              data-testid={`tab-${panel.id}`}
              onClick={() => {
                const ws = useWorkspaceStore.getState()
                if (open && panel.id === active.id) ws.toggleBottomPanel()
                else ws.showBottomPanel(panel.id)
              }}
            >
              {panel.title}
              <TabBadge spec={panel} />
            </button>
          ))}
        </div>
        <button
          type="button"
          className="sw-tabs-toggle"
          aria-label={open ? 'Collapse the panel' : 'Expand the panel'}
          aria-expanded={open}
          onClick={() => useWorkspaceStore.getState().toggleBottomPanel()}
        >
          <svg
            width="12"
            height="12"
            viewBox="0 0 16 16"
            aria-hidden="true"
            className={open ? '' : 'is-flipped'}
          >
            <path
              d="m4 6 4 4 4-4"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
              strokeLinecap="round"
            />
          </svg>
        </button>
      </div>
      {open && (
        <div
          className="sw-tabpanel"
          role="tabpanel"
          id={`sw-tabpanel-${active.id}`}
          aria-labelledby={`sw-tab-${active.id}`}
        >
          <ErrorBoundary name={active.title} key={active.id}>
            <active.Component />
          </ErrorBoundary>
        </div>
      )}
    </section>
  )
}
