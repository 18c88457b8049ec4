// The app frame: header on top; the workspace's workflows and the palette on the left; the canvas
// and the code view in the middle; the inspector on the right; tabbed panels below.
// Each panel has its own error boundary, so one crash never blanks the page.

import { Suspense, useEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react'
import { decodeShareFragment, isShareFragment } from '../../state/persistence/shareLink'
import { startWorkspace, type WorkflowSeed } from '../../state/workflowsStore'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { Canvas } from '../canvas/Canvas'
import { followPointer } from '../common/pointerDrag'
import { ImportLayer } from '../import/ImportLayer'
import { watchOtherTabs } from '../workspace/otherTabs'
import { Palette } from '../palette/Palette'
import { BottomPanel } from './BottomPanel'
import { exampleSeed, loadExampleIndex } from './documentIO'
import { ErrorBoundary } from './ErrorBoundary'
import { Header } from './Header'
import { Notices } from './Notices'
import { CodeView, Inspector, WorkspaceList } from './slots'
import { useGlobalShortcuts } from './useGlobalShortcuts'
import './shell.css'

/** The example a first visit opens (later visits reopen the workspace as it was). */
export const STARTUP_EXAMPLE = 'order-processing'

let startupDone = false

/** A share link in the address (`#share=…`) becomes a new workflow of the workspace. */
async function sharedFromLocation(): Promise<WorkflowSeed | undefined> {
  if (!isShareFragment(window.location.hash)) return undefined
  const hash = window.location.hash
  // The fragment has done its job: a reload must not add the workflow a second time.
  window.history.replaceState(null, '', window.location.pathname + window.location.search)
  try {
    const shared = await decodeShareFragment(hash)
    useWorkspaceStore
      .getState()
      .notify('success', `Added the shared workflow “${shared.name}” to your workspace.`)
    return {
      name: shared.name,
      definition: shared.definition,
      workflowType: shared.workflowType,
      layout: shared.layout,
      ...(shared.mocks === undefined ? {} : { slices: { mocks: shared.mocks } }),
    }
  } catch (error) {
    useWorkspaceStore
      .getState()
      .notify(
        'error',
        'Could not open the shared workflow; your workspace is unchanged.',
        error instanceof Error ? error.message : String(error),
      )
    return undefined
  }
}

async function startUp() {
  // Once per page: StrictMode runs effects twice in development.
  if (startupDone) return
  startupDone = true
  watchOtherTabs(navigator.locks as LockManager | undefined)
  await startWorkspace({
    shared: await sharedFromLocation(),
    firstWorkflow: async () => {
      const examples = await loadExampleIndex()
      const example = examples.find((e) => e.id === STARTUP_EXAMPLE) ?? examples[0]
      return example ? exampleSeed(example) : undefined
    },
  })
}

export function App({ startWorkspaceOnMount = true }: { startWorkspaceOnMount?: boolean }) {
  useGlobalShortcuts()
  useEffect(() => {
    if (startWorkspaceOnMount) void startUp()
  }, [startWorkspaceOnMount])
  const inspectorOpen = useWorkspaceStore((s) => s.inspectorOpen)

  return (
    <div className="sw-app">
      <ErrorBoundary name="Header">
        <Header />
      </ErrorBoundary>
      <div className={`sw-body${inspectorOpen && Inspector ? '' : ' no-inspector'}`}>
        <aside className="sw-left" aria-label="Workflows and palette">
          <ErrorBoundary name="Palette">
            {WorkspaceList ? <WorkspaceList /> : null}
            <Palette />
          </ErrorBoundary>
        </aside>
        <main className="sw-main" aria-label="Designer">
          <MainArea />
          <BottomPanel />
        </main>
        {Inspector && inspectorOpen && (
          <aside className="sw-right" aria-label="Inspector">
            <ErrorBoundary name="Inspector">
              <Inspector />
            </ErrorBoundary>
          </aside>
        )}
      </div>
      <ImportLayer />
      <Notices />
    </div>
  )
}

/** Canvas, code (issue 5), or both side by side with a draggable divider. */
function MainArea() {
  const view = useWorkspaceStore((s) => (CodeView ? s.mainView : 'canvas'))
  const ratio = useWorkspaceStore((s) => s.splitRatio)
  const area = useRef<HTMLDivElement>(null)

  const onDividerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    const element = area.current
    if (!element) return
    event.preventDefault()
    const rect = element.getBoundingClientRect()
    followPointer((e) =>
      useWorkspaceStore.getState().setSplitRatio((e.clientX - rect.left) / rect.width),
    )
  }

  const showCanvas = view !== 'code'
  const showCode = view !== 'canvas' && CodeView !== undefined
  return (
    <div className="sw-main-area" ref={area}>
      {showCanvas && (
        <div className="sw-pane" style={showCode ? { flex: `0 0 ${ratio * 100}%` } : undefined}>
          <ErrorBoundary name="Canvas">
            <Canvas />
          </ErrorBoundary>
        </div>
      )}
      {showCanvas && showCode && (
        <div
          className="sw-divider"
          role="separator"
          aria-orientation="vertical"
          aria-label="Resize canvas and code"
          aria-valuenow={Math.round(ratio * 100)}
          aria-valuemin={15}
          aria-valuemax={85}
          tabIndex={0}
          onPointerDown={onDividerDown}
          onKeyDown={(e) => {
            if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
              e.preventDefault()
              const step = e.key === 'ArrowLeft' ? -0.05 : 0.05
              useWorkspaceStore.getState().setSplitRatio(ratio + step)
            }
          }}
        />
      )}
      {showCode && CodeView && (
        <div className="sw-pane sw-pane-code">
          <ErrorBoundary name="Code view">
            <Suspense fallback={<div className="sw-loading">Loading the code editor…</div>}>
              <CodeView />
            </Suspense>
          </ErrorBoundary>
        </div>
      )}
    </div>
  )
}
