// The problems panel: every validation diagnostic of the document, errors first, with counts.
// Activating a row (click, or Enter/Space on the focused row) selects the state it belongs to,
// asks the canvas to reveal it and the inspector to show the field; a workflow-level problem
// selects nothing, which shows the workflow settings. Arrow keys move between rows.
//
// Test ids: problems-panel (root), problem-row (each row: a <button> with data-severity and
// data-code), problems-filter-error | -warning | -info (toggle buttons), problems-search.

import type { KeyboardEvent } from 'react'
import { useId, useMemo, useRef, useState } from 'react'
import type { Diagnostic, Severity } from '../../core/asl/diagnostics'
import { formatDocPath } from '../../core/asl/diagnostics'
import { stateDocPath } from '../../core/graph/model'
import { selectDiagnostics, stateIdForPath, useDocumentStore } from '../../state/documentStore'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { SEVERITY_LABEL, SeverityIcon } from '../common/DiagnosticList'
import { useFieldFocus } from '../inspector/focus'
import './problems.css'

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info']
const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 }
/** Rows rendered at most; a document with more problems than this has bigger issues. */
export const MAX_ROWS = 500

/** Errors first, then warnings, then info; document order within each. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => RANK[a.d.severity] - RANK[b.d.severity] || a.i - b.i)
    .map(({ d }) => d)
}

export function ProblemsPanel() {
  const graph = useDocumentStore((s) => s.graph)
  const diagnostics = useDocumentStore(selectDiagnostics)
  const selectedIds = useWorkspaceStore((s) => s.selectedIds)
  const [hidden, setHidden] = useState<ReadonlySet<Severity>>(new Set())
  const [query, setQuery] = useState('')
  const searchId = useId()
  const listRef = useRef<HTMLUListElement>(null)

  const counts = useMemo(() => {
    const result: Record<Severity, number> = { error: 0, warning: 0, info: 0 }
    for (const d of diagnostics) result[d.severity]++
    return result
  }, [diagnostics])

  const rows = useMemo(() => {
    const needle = query.trim().toLowerCase()
    return sortDiagnostics(diagnostics)
      .filter((d) => !hidden.has(d.severity))
      .filter(
        (d) =>
          needle === '' ||
          d.message.toLowerCase().includes(needle) ||
          d.code.toLowerCase().includes(needle) ||
          d.statePath.join(' ').toLowerCase().includes(needle),
      )
      .map((d) => ({ diagnostic: d, stateId: stateIdForPath(graph, d.path) }))
  }, [diagnostics, hidden, query, graph])

  const activate = (diagnostic: Diagnostic, stateId: string | undefined) => {
    const workspace = useWorkspaceStore.getState()
    if (stateId === undefined) {
      workspace.select([])
      useFieldFocus.getState().focusField(null, diagnostic.path)
      return
    }
    workspace.select([stateId])
    workspace.reveal(stateId)
    const prefix = stateDocPath(graph, stateId)
    useFieldFocus.getState().focusField(stateId, diagnostic.path.slice(prefix.length))
  }

  const onListKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (
      event.key !== 'ArrowDown' &&
      event.key !== 'ArrowUp' &&
      event.key !== 'Home' &&
      event.key !== 'End'
    ) {
      return
    }
    const buttons = [
      ...(listRef.current?.querySelectorAll<HTMLButtonElement>('[data-testid="problem-row"]') ??
        []),
    ]
    if (buttons.length === 0) return
    event.preventDefault()
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? buttons.length - 1
          : Math.max(
              0,
              Math.min(buttons.length - 1, current + (event.key === 'ArrowDown' ? 1 : -1)),
            )
    buttons[next]?.focus()
  }

  const toggle = (severity: Severity) => {
    const next = new Set(hidden)
    if (next.has(severity)) next.delete(severity)
    else next.add(severity)
    setHidden(next)
  }

  const shown = rows.slice(0, MAX_ROWS)
  return (
    <div className="sw-problems" data-testid="problems-panel">
      <div className="sw-problems-toolbar">
        <span className="sw-problems-counts" role="group" aria-label="Show severities">
          {SEVERITIES.map((severity) => (
            <button
              key={severity}
              type="button"
              className="sw-problems-count"
              aria-pressed={!hidden.has(severity)}
              data-testid={`problems-filter-${severity}`}
              title={`${hidden.has(severity) ? 'Show' : 'Hide'} ${SEVERITY_LABEL[severity].toLowerCase()}s`}
              onClick={() => toggle(severity)}
            >
              <SeverityIcon severity={severity} />
              <span>
                {counts[severity]}{' '}
                {plural(SEVERITY_LABEL[severity].toLowerCase(), counts[severity])}
              </span>
            </button>
          ))}
        </span>
        <label className="sw-visually-hidden" htmlFor={searchId}>
          Filter problems
        </label>
        <input
          id={searchId}
          type="search"
          className="sw-input sw-problems-search"
          placeholder="Filter by message, code or state"
          value={query}
          data-testid="problems-search"
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      {diagnostics.length === 0 ? (
        <p className="sw-problems-empty" role="status">
          <span aria-hidden="true">✓</span> No problems: the workflow is valid.
        </p>
      ) : shown.length === 0 ? (
        <p className="sw-problems-empty" role="status">
          No problem matches the filter.
        </p>
      ) : (
        <ul
          className="sw-problems-list"
          ref={listRef}
          aria-label={`Problems: ${diagnostics.length}`}
          onKeyDown={onListKeyDown}
        >
          {shown.map(({ diagnostic: d, stateId }, i) => (
            <li key={`${d.code}-${formatDocPath(d.path)}-${i}`}>
              <button
                type="button"
                className="sw-problem"
                data-testid="problem-row"
                data-severity={d.severity}
                data-code={d.code}
                aria-current={
                  stateId !== undefined && selectedIds.includes(stateId) ? 'true' : undefined
                }
                title={`${d.message}\n${formatDocPath(d.path)}`}
                onClick={() => activate(d, stateId)}
                onKeyDown={(event) => {
                  // Explicit, so Enter acts the same wherever the row is hosted.
                  if (event.key === 'Enter') {
                    event.preventDefault()
                    activate(d, stateId)
                  }
                }}
              >
                <SeverityIcon severity={d.severity} />
                <code className="sw-problem-code">{d.code}</code>
                <span className="sw-problem-message">{d.message}</span>
                <span className="sw-problem-where">
                  {d.statePath.length > 0 ? d.statePath.join(' › ') : 'Workflow'}
                  {d.range && (
                    <span className="sw-problem-pos">
                      {' '}
                      {d.range.start.line}:{d.range.start.column}
                    </span>
                  )}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {rows.length > MAX_ROWS && (
        <p className="sw-problems-more">
          Showing the first {MAX_ROWS} of {rows.length}; fix or filter to see the rest.
        </p>
      )}
    </div>
  )
}

function plural(word: string, n: number): string {
  return n === 1 ? word : `${word}s`
}
