// The code view: the document as ASL JSON or YAML in Monaco, in step with the canvas both ways
// (codeSync.ts), with Stepwise's diagnostics and AWS's ASL language service (completion, hovers,
// schema checks) from a worker. Loaded lazily by the shell, so Monaco never weighs on the first
// screen.

import { useEffect, useRef, useState } from 'react'
import { useCodeStore, type CodeFormat } from '../../state/codeStore'
import { useDocumentStore } from '../../state/documentStore'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { CodeSync, type EditorModelLike, type SyncStatus } from './codeSync'
import { AslLanguageClient } from './language/aslClient'
import { registerAslProviders, toMarkers } from './language/monacoProviders'
import { monaco } from './monaco'
import { stateIdAtOffset, stateTextRange } from './stateRanges'
import './codeView.css'

const MODEL_URI = monaco.Uri.parse('inmemory://stepwise/definition')
const MARKER_OWNER = 'stepwise'
const DIAGNOSE_DELAY_MS = 150

let client: AslLanguageClient | undefined

/** One language worker and one set of providers for the page's life. */
function languageClient(): AslLanguageClient {
  if (!client) {
    client = new AslLanguageClient()
    registerAslProviders(monaco, client, (model) => model.uri.toString() === MODEL_URI.toString())
  }
  return client
}

/** The code view's controller, for the toolbar and banner (set while the view is mounted). */
interface Handles {
  sync: CodeSync
  editor: monaco.editor.IStandaloneCodeEditor
}

export function CodeView() {
  const host = useRef<HTMLDivElement>(null)
  const handles = useRef<Handles | null>(null)
  const [status, setStatus] = useState<SyncStatus>({ kind: 'synced' })
  const format = useCodeStore((s) => s.format)

  useEffect(() => {
    const element = host.current
    if (!element) return
    const language = languageClient()
    const model =
      monaco.editor.getModel(MODEL_URI) ?? monaco.editor.createModel('', 'json', MODEL_URI)
    const editor = monaco.editor.create(element, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      tabSize: 2,
      insertSpaces: true,
      fixedOverflowWidgets: true,
      ariaLabel: 'ASL definition',
      // Monaco uses Chromium's EditContext API by default, with which synthetic key events (and
      // some assistive tools) drop spaces and newlines; the classic textarea has no such gaps.
      editContext: false,
      renderValidationDecorations: 'on',
      quickSuggestions: { other: true, strings: true, comments: false },
    })
    const sync = new CodeSync(monacoModel(model), { onStatus: setStatus })
    handles.current = { sync, editor }
    const disposables: monaco.IDisposable[] = []

    // Diagnostics follow every edit, a little behind the keystrokes.
    let diagnoseTimer: ReturnType<typeof setTimeout> | undefined
    const diagnose = () => {
      clearTimeout(diagnoseTimer)
      diagnoseTimer = setTimeout(() => {
        if (model.isDisposed()) return
        const version = model.getVersionId()
        language
          .request({
            type: 'diagnose',
            text: model.getValue(),
            format: useCodeStore.getState().format,
            workflowType: useDocumentStore.getState().workflowType,
          })
          .then(({ markers }) => {
            if (model.isDisposed() || model.getVersionId() !== version) return
            const data = toMarkers(monaco, model, markers)
            monaco.editor.setModelMarkers(model, MARKER_OWNER, data)
            // The lines with errors, for tests and tools that cannot read the squiggles.
            const lines = new Set(
              data
                .filter((m) => m.severity === monaco.MarkerSeverity.Error)
                .map((m) => m.startLineNumber),
            )
            element.dataset.errorLines = [...lines].sort((a, b) => a - b).join(',')
          })
          .catch(() => {
            // A crashed worker is replaced on the next request; the markers simply wait.
          })
      }, DIAGNOSE_DELAY_MS)
    }

    // Selection in step: selected states are highlighted (the first scrolled into view when the
    // selection came from elsewhere); moving the cursor into a state selects it.
    let highlight = editor.createDecorationsCollection()
    let selectingFromCursor = false
    const showSelection = (scroll: boolean) => {
      const parse = sync.parse()
      const graph = useDocumentStore.getState().graph
      const ranges = useWorkspaceStore
        .getState()
        .selectedIds.map((id) => stateTextRange(parse, graph, id))
        .filter((range) => range !== undefined)
      highlight.set(
        ranges.map((range) => ({
          range: new monaco.Range(
            range.start.line,
            range.start.column,
            range.end.line,
            range.end.column,
          ),
          options: {
            isWholeLine: true,
            className: 'sw-code-state-highlight',
            linesDecorationsClassName: 'sw-code-state-gutter',
          },
        })),
      )
      const [first] = ranges
      if (scroll && first) {
        editor.revealRangeNearTopIfOutsideViewport(
          new monaco.Range(first.start.line, 1, first.start.line, 1),
          monaco.editor.ScrollType.Smooth,
        )
      }
    }

    disposables.push(
      model.onDidChangeContent(() => {
        sync.handleModelChange()
        diagnose()
      }),
      editor.onDidBlurEditorText(() => sync.flush()),
      editor.onDidChangeCursorPosition((event) => {
        if (!editor.hasTextFocus()) return
        if (event.reason !== monaco.editor.CursorChangeReason.Explicit) return
        const id = stateIdAtOffset(
          sync.parse(),
          useDocumentStore.getState().graph,
          model.getOffsetAt(event.position),
        )
        if (id === undefined) return
        const workspace = useWorkspaceStore.getState()
        if (workspace.selectedIds.length === 1 && workspace.selectedIds[0] === id) return
        selectingFromCursor = true
        try {
          workspace.select([id])
          workspace.reveal(id)
        } finally {
          selectingFromCursor = false
        }
      }),
      {
        dispose: useWorkspaceStore.subscribe((state, previous) => {
          if (state.selectedIds !== previous.selectedIds) showSelection(!selectingFromCursor)
        }),
      },
      {
        dispose: useDocumentStore.subscribe((state, previous) => {
          if (state.workflowType !== previous.workflowType) diagnose()
          if (state.graph !== previous.graph) showSelection(false)
        }),
      },
    )
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyZ, () => sync.undo())
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyZ, () =>
      sync.redo(),
    )
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyY, () => sync.redo())

    // Leaving the page must not lose the last keystrokes: parse them before persistence saves
    // (capture phase, so this runs before listeners registered on the window at startup).
    const onHide = () => sync.flush()
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') sync.flush()
    }
    window.addEventListener('pagehide', onHide, { capture: true })
    document.addEventListener('visibilitychange', onVisibility, { capture: true })

    sync.start()
    diagnose()
    showSelection(true)

    return () => {
      window.removeEventListener('pagehide', onHide, { capture: true })
      document.removeEventListener('visibilitychange', onVisibility, { capture: true })
      clearTimeout(diagnoseTimer)
      sync.dispose()
      for (const d of disposables) d.dispose()
      highlight.clear()
      highlight = editor.createDecorationsCollection()
      editor.dispose()
      model.dispose()
      handles.current = null
    }
  }, [])

  const switchFormat = (next: CodeFormat) => {
    handles.current?.sync.setFormat(next)
  }
  const formatDocument = () => {
    const editor = handles.current?.editor
    if (!editor) return
    editor.focus()
    void editor.getAction('editor.action.formatDocument')?.run()
  }
  const goToError = () => {
    const current = handles.current
    if (!current || status.kind !== 'held') return
    const position = { lineNumber: status.error.line, column: status.error.column }
    current.editor.setPosition(position)
    current.editor.revealPositionInCenter(position)
    current.editor.focus()
  }
  const held = status.kind === 'held'

  return (
    <section className="sw-code" aria-label="Code">
      <div className="sw-code-toolbar" role="toolbar" aria-label="Code view">
        <div className="sw-code-segmented" role="radiogroup" aria-label="Text format">
          {(['json', 'yaml'] as const).map((f) => (
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={format === f}
              data-testid={`code-format-${f}`}
              disabled={held && format !== f}
              title={
                held && format !== f
                  ? 'Fix the errors first: unparseable text cannot be converted'
                  : undefined
              }
              onClick={() => switchFormat(f)}
            >
              {f.toUpperCase()}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="sw-code-button"
          data-testid="code-format-document"
          title="Format document (Shift+Alt+F)"
          onClick={formatDocument}
        >
          Format
        </button>
        <span
          className={`sw-code-status is-${status.kind}`}
          data-testid="code-status"
          aria-live="polite"
          title={
            status.kind === 'synced'
              ? 'The diagram shows this text'
              : status.kind === 'held'
                ? 'The text does not parse: the diagram shows the last valid version'
                : 'The diagram follows when you pause typing'
          }
        >
          {statusText(status)}
        </span>
      </div>
      {held && (
        <div className="sw-code-banner" role="alert" data-testid="code-error-banner">
          <p>
            <strong>The code has errors — the diagram shows the last valid version.</strong>{' '}
            <span>
              Line {status.error.line}, column {status.error.column}: {status.error.message}
            </span>
            {status.documentChanged && (
              <span>
                {' '}
                The diagram has changed since; once the code is fixed it replaces those changes.
              </span>
            )}
          </p>
          <div className="sw-code-banner-actions">
            <button type="button" data-testid="code-go-to-error" onClick={goToError}>
              Go to error
            </button>
            <button
              type="button"
              data-testid="code-discard-draft"
              onClick={() => handles.current?.sync.discardDraft()}
            >
              Discard code changes
            </button>
          </div>
        </div>
      )}
      <div className="sw-code-editor" ref={host} data-testid="code-editor" data-error-lines="" />
    </section>
  )
}

function statusText(status: SyncStatus): string {
  switch (status.kind) {
    case 'synced':
      return 'In step'
    case 'pending':
      return 'Editing…'
    case 'held':
      return 'Not in step'
  }
}

/** The controller's view of a Monaco model. */
function monacoModel(model: monaco.editor.ITextModel): EditorModelLike {
  return {
    getValue: () => model.getValue(),
    applyChanges(changes) {
      const edits = changes.map((change) => ({
        range: monaco.Range.fromPositions(
          model.getPositionAt(change.start),
          model.getPositionAt(change.end),
        ),
        text: change.text,
      }))
      model.pushStackElement()
      model.pushEditOperations([], edits, () => null)
      model.pushStackElement()
    },
    setValue: (text) => model.setValue(text),
    setLanguage(format) {
      if (model.getLanguageId() !== format) monaco.editor.setModelLanguage(model, format)
    },
    getVersion: () => model.getAlternativeVersionId(),
    canUndo: () => model.canUndo(),
    canRedo: () => model.canRedo(),
    undo: () => void model.undo(),
    redo: () => void model.redo(),
  }
}
