// The header: product, workflow name and type, document actions (new, examples, import, export),
// undo/redo, and the view switch when the code view exists.

import { useEffect, useRef, useState, type ChangeEvent, type ReactNode } from 'react'
import { useDocumentStore } from '../../state/documentStore'
import { useWorkspaceStore, type MainView } from '../../state/workspaceStore'
import { Icons } from '../canvas/icons'
import {
  copyDefinition,
  exportDefinition,
  importFile,
  loadExampleIndex,
  newWorkflow,
  openExample,
  type ExampleEntry,
} from './documentIO'
import {
  canExportMocks,
  copyShareLink,
  exportDiagram,
  exportMockConfig,
} from '../export/exportActions'
import { CodeView, headerItems } from './slots'

export function Header() {
  const title = useWorkspaceStore((s) => s.documentTitle)
  return (
    <header className="sw-header">
      <div className="sw-brand">
        <Logo />
        <span className="sw-brand-name">Stepwise</span>
      </div>
      <div className="sw-doc-title" title={title}>
        <Icons.file />
        <h1>{title}</h1>
        <WorkflowTypeSelect />
      </div>
      <div className="sw-header-actions">
        <HeaderButton
          onClick={newWorkflow}
          testId="new-workflow"
          title="Start an empty workflow (added to Workflows)"
        >
          <Icons.newFile />
          <span className="sw-hlabel">New</span>
        </HeaderButton>
        <ExamplesMenu />
        <ImportControl />
        <ExportControl />
        <span className="sw-header-sep" aria-hidden="true" />
        <UndoRedo />
        {headerItems.map(({ id, Component }) => (
          <Component key={id} />
        ))}
        {CodeView && <ViewSwitch />}
        <InspectorToggle />
      </div>
    </header>
  )
}

function Logo() {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect width="24" height="24" rx="6" fill="#4f46e5" />
      <path
        d="M7 6.5h5.5a2.5 2.5 0 0 1 0 5h-1a2.5 2.5 0 0 0 0 5H17"
        fill="none"
        stroke="#fff"
        strokeWidth="2"
        strokeLinecap="round"
      />
      <circle cx="7" cy="6.5" r="1.8" fill="#a5b4fc" />
      <circle cx="17" cy="16.5" r="1.8" fill="#a5b4fc" />
    </svg>
  )
}

function HeaderButton({
  onClick,
  children,
  testId,
  title,
  disabled,
  shortcut,
  iconOnly = false,
}: {
  onClick: () => void
  children: ReactNode
  testId?: string
  title: string
  disabled?: boolean
  shortcut?: string
  /** An icon-only button takes its accessible name from the title; others from their text. */
  iconOnly?: boolean
}) {
  return (
    <button
      type="button"
      className="sw-hbutton"
      onClick={onClick}
      data-testid={testId}
      title={title}
      aria-label={iconOnly ? title : undefined}
      disabled={disabled}
      aria-keyshortcuts={shortcut}
    >
      {children}
    </button>
  )
}

function WorkflowTypeSelect() {
  const type = useDocumentStore((s) => s.workflowType)
  return (
    <select
      className="sw-type-select"
      aria-label="Workflow type"
      data-testid="workflow-type"
      value={type}
      onChange={(e) => useDocumentStore.getState().setWorkflowType(e.target.value as typeof type)}
    >
      <option value="STANDARD">Standard</option>
      <option value="EXPRESS">Express</option>
    </select>
  )
}

function UndoRedo() {
  const canUndo = useDocumentStore((s) => s.canUndo)
  const canRedo = useDocumentStore((s) => s.canRedo)
  const undoLabel = useDocumentStore((s) => s.undoLabel)
  const redoLabel = useDocumentStore((s) => s.redoLabel)
  return (
    <div className="sw-undo" role="group" aria-label="History">
      <HeaderButton
        onClick={() => useDocumentStore.getState().undo()}
        disabled={!canUndo}
        testId="undo"
        title={canUndo ? `Undo ${undoLabel ?? ''} (Ctrl+Z)` : 'Nothing to undo'}
        shortcut="Control+Z"
        iconOnly
      >
        <Icons.undo />
      </HeaderButton>
      <HeaderButton
        onClick={() => useDocumentStore.getState().redo()}
        disabled={!canRedo}
        testId="redo"
        title={canRedo ? `Redo ${redoLabel ?? ''} (Ctrl+Shift+Z)` : 'Nothing to redo'}
        shortcut="Control+Shift+Z"
        iconOnly
      >
        <Icons.redo />
      </HeaderButton>
    </div>
  )
}

function ImportControl() {
  const input = useRef<HTMLInputElement>(null)
  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    // Reset first, so choosing the same file again imports it again.
    event.target.value = ''
    if (file) await importFile(file)
  }
  return (
    <label
      className="sw-hbutton sw-file"
      title="Import ASL (JSON or YAML), a SAM/CloudFormation template, a MockConfigFile or an execution history; you can also drop or paste one"
    >
      <input
        ref={input}
        type="file"
        className="sw-visually-hidden"
        data-testid="import-file"
        accept=".json,.yaml,.yml,.template,application/json,application/yaml,text/yaml"
        aria-label="Import a file: ASL, template, MockConfigFile or execution history"
        onChange={(e) => void onChange(e)}
      />
      <Icons.upload />
      <span className="sw-hlabel">Import</span>
    </label>
  )
}

function useDismiss(open: boolean, close: () => void) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const onDown = (event: MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) close()
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close()
    }
    document.addEventListener('mousedown', onDown)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('mousedown', onDown)
      document.removeEventListener('keydown', onKey)
    }
  }, [open, close])
  return ref
}

function ExportControl() {
  const [open, setOpen] = useState(false)
  const ref = useDismiss(open, () => setOpen(false))
  return (
    <div className="sw-split" ref={ref}>
      <button
        type="button"
        className="sw-hbutton sw-primary"
        data-testid="export-asl"
        title="Download the ASL definition as JSON"
        onClick={() => exportDefinition('json')}
      >
        <Icons.download />
        <span>Export</span>
      </button>
      <button
        type="button"
        className="sw-hbutton sw-primary sw-split-toggle"
        aria-label="More export formats"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="export-menu"
      >
        <Icons.chevronDown />
      </button>
      {open && (
        <div className="sw-dropdown" role="menu" aria-label="Export">
          <button
            type="button"
            role="menuitem"
            onClick={() => (setOpen(false), exportDefinition('json'))}
          >
            ASL JSON <span>.asl.json</span>
          </button>
          <button
            type="button"
            role="menuitem"
            data-testid="export-yaml"
            onClick={() => (setOpen(false), exportDefinition('yaml'))}
          >
            ASL YAML <span>.asl.yaml</span>
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={() => (setOpen(false), void copyDefinition())}
          >
            Copy ASL JSON <span>clipboard</span>
          </button>
          <div className="sw-dropdown-sep" role="separator" />
          <button
            type="button"
            role="menuitem"
            data-testid="export-png"
            onClick={() => (setOpen(false), void exportDiagram('png'))}
          >
            Diagram as PNG <span>.png</span>
          </button>
          <button
            type="button"
            role="menuitem"
            data-testid="export-svg"
            onClick={() => (setOpen(false), void exportDiagram('svg'))}
          >
            Diagram as SVG <span>.svg</span>
          </button>
          <button
            type="button"
            role="menuitem"
            data-testid="export-mocks"
            disabled={!canExportMocks()}
            title={canExportMocks() ? undefined : 'No mocks panel in this build'}
            onClick={() => (setOpen(false), exportMockConfig())}
          >
            MockConfigFile <span>.json</span>
          </button>
          <div className="sw-dropdown-sep" role="separator" />
          <button
            type="button"
            role="menuitem"
            data-testid="export-share"
            onClick={() => (setOpen(false), void copyShareLink())}
          >
            Copy share link <span>URL</span>
          </button>
        </div>
      )}
    </div>
  )
}

function ExamplesMenu() {
  const [open, setOpen] = useState(false)
  const [examples, setExamples] = useState<ExampleEntry[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const ref = useDismiss(open, () => setOpen(false))
  useEffect(() => {
    if (!open || examples) return
    loadExampleIndex().then(setExamples, (e: unknown) => setError(String(e)))
  }, [open, examples])
  return (
    <div className="sw-split" ref={ref}>
      <button
        type="button"
        className="sw-hbutton"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="examples-menu"
        title="Open an example workflow (with mocks and test cases) as a new workflow"
      >
        <span>Examples</span>
        <Icons.chevronDown />
      </button>
      {open && (
        <div className="sw-dropdown sw-examples" role="menu" aria-label="Examples">
          {error && <p className="sw-dropdown-note">Could not load the examples: {error}</p>}
          {!examples && !error && <p className="sw-dropdown-note">Loading…</p>}
          {examples?.map((example) => (
            <button
              key={example.id}
              type="button"
              role="menuitem"
              data-testid={`example-${example.id}`}
              onClick={() => {
                setOpen(false)
                void openExample(example)
              }}
            >
              <strong>{example.title}</strong>
              <small>{example.description}</small>
            </button>
          ))}
        </div>
      )}
    </div>
  )
}

/** Shows or hides the inspector column (more room for the canvas and the code). */
function InspectorToggle() {
  const open = useWorkspaceStore((s) => s.inspectorOpen)
  return (
    <button
      type="button"
      className="sw-hbutton"
      title={open ? 'Hide the inspector' : 'Show the inspector'}
      aria-label="Inspector"
      aria-pressed={open}
      data-testid="toggle-inspector"
      onClick={() => useWorkspaceStore.getState().toggleInspector()}
    >
      <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" fill="none" stroke="currentColor" />
        <path d="M10 2.5v11" stroke="currentColor" />
        {open && <rect x="10" y="3" width="4" height="10" fill="currentColor" opacity="0.35" />}
      </svg>
    </button>
  )
}

const VIEWS: { id: MainView; label: string }[] = [
  { id: 'canvas', label: 'Canvas' },
  { id: 'split', label: 'Split' },
  { id: 'code', label: 'Code' },
]

function ViewSwitch() {
  const view = useWorkspaceStore((s) => s.mainView)
  return (
    <div className="sw-segmented" role="radiogroup" aria-label="Main view">
      {VIEWS.map((v) => (
        <button
          key={v.id}
          type="button"
          role="radio"
          aria-checked={view === v.id}
          data-testid={`view-${v.id}`}
          onClick={() => useWorkspaceStore.getState().setMainView(v.id)}
        >
          {v.label}
        </button>
      ))}
    </div>
  )
}
