// Import by gesture: files dropped anywhere on the page, and text pasted (Ctrl+V) outside text
// fields. The canvas keeps its own paste of states (it handles the event first and marks it
// handled); a whole definition, template, MockConfigFile or history pasted elsewhere imports.
// Also shows the chooser when a template holds several state machines.

import { useEffect, useRef } from 'react'
import { useWorkspaceStore } from '../../state/workspaceStore'
import {
  importFiles,
  importMachine,
  classifyPastedText,
  importPastedText,
  useImportUi,
} from './importActions'
import './import.css'

function ownsPaste(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.closest('.monaco-editor, [data-own-shortcuts]')) return true
  return (
    target.isContentEditable ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  )
}

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false
}

function useImportGestures(): void {
  useEffect(() => {
    let depth = 0
    const onDragEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return
      depth++
      useImportUi.setState({ dragging: true })
    }
    const onDragOver = (event: DragEvent) => {
      if (!hasFiles(event)) return
      event.preventDefault()
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
    }
    const onDragLeave = (event: DragEvent) => {
      if (!hasFiles(event)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) useImportUi.setState({ dragging: false })
    }
    const onDrop = (event: DragEvent) => {
      depth = 0
      useImportUi.setState({ dragging: false })
      if (!hasFiles(event)) return
      // Captured before the canvas sees it: a file is never a palette item.
      event.preventDefault()
      event.stopPropagation()
      const files = [...(event.dataTransfer?.files ?? [])]
      if (files.length > 0) void importFiles(files)
    }
    const onPaste = (event: ClipboardEvent) => {
      if (event.defaultPrevented || ownsPaste(event.target)) return
      const data = event.clipboardData
      if (!data) return
      const files = [...data.files]
      if (files.length > 0) {
        event.preventDefault()
        void importFiles(files)
        return
      }
      const text = data.getData('text/plain')
      const kind = text ? classifyPastedText(text) : 'other'
      if (kind === 'other') return
      event.preventDefault()
      if (kind === 'states') {
        // A States subset (copied from the canvas) belongs on the canvas, not in a new workflow.
        useWorkspaceStore
          .getState()
          .notify(
            'info',
            'To paste these states into the workflow, click the canvas and paste again.',
          )
        return
      }
      void importPastedText(text)
    }
    window.addEventListener('dragenter', onDragEnter, true)
    window.addEventListener('dragover', onDragOver, true)
    window.addEventListener('dragleave', onDragLeave, true)
    window.addEventListener('drop', onDrop, true)
    window.addEventListener('paste', onPaste)
    return () => {
      window.removeEventListener('dragenter', onDragEnter, true)
      window.removeEventListener('dragover', onDragOver, true)
      window.removeEventListener('dragleave', onDragLeave, true)
      window.removeEventListener('drop', onDrop, true)
      window.removeEventListener('paste', onPaste)
    }
  }, [])
}

export function ImportLayer() {
  useImportGestures()
  const dragging = useImportUi((s) => s.dragging)
  return (
    <>
      {dragging && (
        <div className="sw-drop-overlay" data-testid="drop-overlay" aria-hidden="true">
          <div className="sw-drop-card">
            Drop to import: ASL (JSON or YAML), a SAM or CloudFormation template, a MockConfigFile
            or an execution history
          </div>
        </div>
      )}
      <TemplateChooser />
    </>
  )
}

function TemplateChooser() {
  const pending = useImportUi((s) => s.pendingTemplate)
  const dialog = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!pending) return
    dialog.current?.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus()
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') useImportUi.setState({ pendingTemplate: null })
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [pending])
  if (!pending) return null
  const close = () => useImportUi.setState({ pendingTemplate: null })
  return (
    <div className="sw-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        ref={dialog}
        className="sw-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="sw-template-title"
        data-testid="template-chooser"
      >
        <h2 id="sw-template-title">Which state machine?</h2>
        <p className="sw-modal-note">
          {pending.fileName} ({pending.kind}) has {pending.machines.length} state machines. The one
          you choose opens as a new workflow.
        </p>
        <ul className="sw-template-list">
          {pending.machines.map((machine) => (
            <li key={machine.logicalId}>
              <button
                type="button"
                data-testid={`template-machine-${machine.logicalId}`}
                disabled={!machine.result.ok}
                onClick={() => void importMachine(machine, pending.fileName, pending.kind)}
              >
                <strong>{machine.logicalId}</strong>
                <small>
                  {machine.resourceType}
                  {machine.name ? ` · ${machine.name}` : ''}
                  {machine.workflowType ? ` · ${machine.workflowType}` : ''}
                </small>
                {machine.result.ok ? (
                  <small>
                    {machine.result.source}
                    {machine.result.placeholders.length > 0
                      ? ` · placeholders: ${machine.result.placeholders.join(', ')}`
                      : ''}
                  </small>
                ) : (
                  <small className="sw-template-problem">{machine.result.message}</small>
                )}
              </button>
            </li>
          ))}
        </ul>
        <div className="sw-modal-actions">
          <button type="button" className="sw-modal-cancel" onClick={close}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  )
}
