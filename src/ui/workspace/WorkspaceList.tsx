// The workflows of the workspace (left column, above the palette): open one, create, rename,
// duplicate, delete (with an "Undo delete" bar; the list is not part of the document's undo).
// Storage problems stay visible here until dismissed: the user must know when work is not kept.

import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useWorkflowsStore, type WorkflowSummary } from '../../state/workflowsStore'
import { Icons } from '../canvas/icons'
import './workspace.css'

function ago(time: number): string {
  const seconds = Math.max(0, Math.round((Date.now() - time) / 1000))
  if (seconds < 60) return 'just now'
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 24) return `${hours} h ago`
  return new Date(time).toLocaleDateString()
}

export function WorkspaceList() {
  const workflows = useWorkflowsStore((s) => s.workflows)
  const openId = useWorkflowsStore((s) => s.openId)
  const status = useWorkflowsStore((s) => s.status)
  const [collapsed, setCollapsed] = useState(false)
  const [renamingId, setRenamingId] = useState<string | null>(null)
  const store = useWorkflowsStore.getState

  return (
    <section className="sw-workspace" aria-label="Workflows" data-testid="workspace-list">
      <div className="sw-workspace-head">
        <button
          type="button"
          className="sw-workspace-toggle"
          aria-expanded={!collapsed}
          onClick={() => setCollapsed((c) => !c)}
        >
          <Icons.chevronDown />
          <span>Workflows</span>
          <span className="sw-workspace-count">{workflows.length}</span>
        </button>
        <button
          type="button"
          className="sw-icon-button"
          title="New workflow"
          aria-label="New workflow"
          data-testid="workspace-new"
          onClick={() => void store().createWorkflow()}
        >
          <Icons.plus />
        </button>
      </div>
      <StorageBanner />
      <UndoDeleteBar />
      {!collapsed && (
        <ul className="sw-workspace-items" aria-busy={status === 'starting'}>
          {workflows.map((workflow) => (
            <WorkflowItem
              key={workflow.id}
              workflow={workflow}
              open={workflow.id === openId}
              renaming={renamingId === workflow.id}
              onRename={() => setRenamingId(workflow.id)}
              onRenamed={() => setRenamingId(null)}
            />
          ))}
        </ul>
      )}
    </section>
  )
}

function WorkflowItem({
  workflow,
  open,
  renaming,
  onRename,
  onRenamed,
}: {
  workflow: WorkflowSummary
  open: boolean
  renaming: boolean
  onRename: () => void
  onRenamed: () => void
}) {
  const store = useWorkflowsStore.getState
  return (
    <li
      className={`sw-workspace-item${open ? ' is-open' : ''}`}
      data-testid="workflow-item"
      data-workflow-name={workflow.name}
    >
      {renaming ? (
        <RenameField
          name={workflow.name}
          onDone={(name) => {
            onRenamed()
            if (name !== null && name.trim() && name !== workflow.name) {
              void store().renameWorkflow(workflow.id, name)
            }
          }}
        />
      ) : (
        <button
          type="button"
          className="sw-workspace-open"
          data-testid="workflow-open"
          aria-current={open ? 'page' : undefined}
          title={`${workflow.name} — ${workflow.stateCount} states, changed ${ago(workflow.updatedAt)} (double-click to rename)`}
          onClick={() => void store().openWorkflow(workflow.id)}
          onDoubleClick={onRename}
          onKeyDown={(e) => {
            if (e.key === 'F2') {
              e.preventDefault()
              onRename()
            }
          }}
        >
          <span className="sw-workspace-name">{workflow.name}</span>
          <small>
            {workflow.stateCount} state{workflow.stateCount === 1 ? '' : 's'} ·{' '}
            {ago(workflow.updatedAt)}
          </small>
        </button>
      )}
      <div className="sw-workspace-actions">
        <button
          type="button"
          className="sw-icon-button"
          title={`Rename ${workflow.name}`}
          aria-label={`Rename ${workflow.name}`}
          data-testid="workflow-rename"
          onClick={onRename}
        >
          <Icons.edit />
        </button>
        <button
          type="button"
          className="sw-icon-button"
          title={`Duplicate ${workflow.name}`}
          aria-label={`Duplicate ${workflow.name}`}
          data-testid="workflow-duplicate"
          onClick={() => void store().duplicateWorkflow(workflow.id)}
        >
          <Icons.copy />
        </button>
        <button
          type="button"
          className="sw-icon-button"
          title={`Delete ${workflow.name} (can be undone)`}
          aria-label={`Delete ${workflow.name}`}
          data-testid="workflow-delete"
          onClick={() => void store().deleteWorkflow(workflow.id)}
        >
          <Icons.trash />
        </button>
      </div>
    </li>
  )
}

function RenameField({ name, onDone }: { name: string; onDone: (name: string | null) => void }) {
  const input = useRef<HTMLInputElement>(null)
  const done = useRef(false)
  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])
  const finish = (value: string | null) => {
    if (done.current) return
    done.current = true
    onDone(value)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') finish(event.currentTarget.value)
    else if (event.key === 'Escape') finish(null)
  }
  return (
    <input
      ref={input}
      className="sw-workspace-rename"
      defaultValue={name}
      aria-label="Workflow name"
      data-testid="workflow-rename-input"
      onKeyDown={onKeyDown}
      onBlur={(e) => finish(e.currentTarget.value)}
    />
  )
}

function UndoDeleteBar() {
  const lastDeleted = useWorkflowsStore((s) => s.lastDeleted)
  useEffect(() => {
    if (!lastDeleted) return
    // The offer stays a while, then the deletion is final (the data is already gone from disk).
    const timer = window.setTimeout(() => useWorkflowsStore.setState({ lastDeleted: null }), 20_000)
    return () => window.clearTimeout(timer)
  }, [lastDeleted])
  if (!lastDeleted) return null
  return (
    <div className="sw-workspace-undo" role="status" data-testid="undo-delete-bar">
      <span>Deleted “{lastDeleted.name}”.</span>
      <button
        type="button"
        data-testid="undo-delete"
        onClick={() => void useWorkflowsStore.getState().undoDelete()}
      >
        Undo delete
      </button>
    </div>
  )
}

function StorageBanner() {
  const error = useWorkflowsStore((s) => s.storageError)
  const durable = useWorkflowsStore((s) => s.durable)
  const status = useWorkflowsStore((s) => s.status)
  if (!error && (durable || status === 'starting')) return null
  return (
    <div className="sw-workspace-warning" role="alert" data-testid="storage-error">
      <Icons.alert />
      <p>
        {error ??
          'This browser does not keep the workspace: changes last only until the tab closes.'}
      </p>
      {error && (
        <button
          type="button"
          className="sw-icon-button"
          aria-label="Dismiss"
          onClick={() => useWorkflowsStore.getState().dismissStorageError()}
        >
          <Icons.close />
        </button>
      )}
    </div>
  )
}
