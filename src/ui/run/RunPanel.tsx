// The Run panel: the execution input (validated as you type, remembered per workflow), the test
// case and context overrides, the run limits; the selected run's summary and cost; the runs kept
// for this workflow (view, re-run, export, delete) and history import.

import { useShallow } from 'zustand/react/shallow'
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react'
import { useDocumentStore } from '../../state/documentStore'
import { selectSelectedRun, useExecutionStore, type RunRecord } from '../../state/executionStore'
import {
  selectActiveTestCase,
  selectTestCases,
  selectUnmappedPolicy,
  useMocksStore,
} from '../../state/mocksStore'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { describeJsonError, parseJsonText } from '../common/jsonText'
import { formatAgo, formatCount, formatDuration } from './format'
import { RunIcons } from './icons'
import {
  exportRunHistory,
  importHistoryFile,
  rerunWorkflow,
  runWorkflow,
  stopWorkflow,
} from './runActions'
import { RunSummaryView, StatusChip } from './RunSummary'
import './run.css'

export function RunPanel() {
  return (
    <div className="sw-run-panel">
      <InputColumn />
      <SettingsColumn />
      <RunsColumn />
    </div>
  )
}

function useJsonCheck(text: string, expect: 'any' | 'object', allowEmpty: boolean) {
  return useMemo(() => {
    if (text.trim() === '') return allowEmpty ? null : 'Enter a JSON value, e.g. {}'
    const parsed = parseJsonText(text, expect)
    return parsed.ok ? null : describeJsonError(parsed)
  }, [text, expect, allowEmpty])
}

function InputColumn() {
  const text = useExecutionStore((s) => s.inputText)
  const error = useJsonCheck(text, 'any', true)
  const errorId = useId()
  const running = useExecutionStore((s) => s.activeRunId !== null)
  const format = () => {
    const parsed = parseJsonText(text, 'any')
    if (parsed.ok && parsed.value !== undefined) {
      useExecutionStore.getState().setInputText(JSON.stringify(parsed.value, null, 2))
    }
  }
  return (
    <section className="sw-run-col sw-run-input-col" aria-labelledby={`${errorId}-title`}>
      <div className="sw-run-col-head">
        <h2 id={`${errorId}-title`}>Execution input</h2>
        <span className="sw-run-col-actions">
          <button
            type="button"
            className="sw-btn sw-btn--small"
            onClick={format}
            disabled={error !== null}
          >
            Format
          </button>
          {running ? (
            <button type="button" className="sw-btn sw-btn--small" onClick={stopWorkflow}>
              <RunIcons.stop size={11} /> Stop
            </button>
          ) : (
            <button
              type="button"
              className="sw-btn sw-btn--small sw-btn--primary"
              data-testid="run-panel-start"
              onClick={() => runWorkflow()}
              disabled={error !== null}
              title="Run (Ctrl+Enter)"
            >
              <RunIcons.play size={10} /> Run
            </button>
          )}
        </span>
      </div>
      <textarea
        className={`sw-json-text sw-run-input${error ? ' is-invalid' : ''}`}
        data-testid="run-input"
        aria-label="Execution input (JSON)"
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        value={text}
        onChange={(e) => useExecutionStore.getState().setInputText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault()
            if (!error && !running) runWorkflow()
          }
        }}
      />
      <p
        id={errorId}
        className={error ? 'sw-json-error' : 'sw-json-hint'}
        role={error ? 'alert' : undefined}
      >
        {error ?? 'Valid JSON · remembered with this workflow · Ctrl+Enter runs'}
      </p>
    </section>
  )
}

function SettingsColumn() {
  const id = useId()
  const cases = useMocksStore(useShallow(selectTestCases))
  const active = useMocksStore(selectActiveTestCase)
  const policy = useMocksStore(selectUnmappedPolicy)
  const contextText = useExecutionStore((s) => s.contextText)
  const contextError = useJsonCheck(contextText, 'object', true)
  const limits = useExecutionStore((s) => s.limits)
  const workflowType = useDocumentStore((s) => s.workflowType)
  return (
    <section className="sw-run-col sw-run-settings" aria-labelledby={`${id}-title`}>
      <div className="sw-run-col-head">
        <h2 id={`${id}-title`}>Mocks and context</h2>
      </div>
      <div className="sw-field">
        <label className="sw-label" htmlFor={`${id}-case`}>
          Test case
        </label>
        <div className="sw-run-row">
          <select
            id={`${id}-case`}
            className="sw-select"
            data-testid="run-test-case"
            value={active ?? ''}
            disabled={cases.length === 0}
            onChange={(e) => useMocksStore.getState().selectTestCase(e.target.value || null)}
          >
            {cases.length === 0 && <option value="">No test cases</option>}
            {cases.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="sw-btn sw-btn--small"
            onClick={() => useWorkspaceStore.getState().showBottomPanel('mocks')}
          >
            Edit mocks
          </button>
        </div>
        <span className="sw-help">
          Tasks without a mock{' '}
          {policy === 'fail' ? (
            <>
              fail the run (<code>Stepwise.MockNotFound</code>)
            </>
          ) : (
            'return their input'
          )}
          .
        </span>
      </div>
      <div className="sw-field">
        <label className="sw-label" htmlFor={`${id}-context`}>
          Context overrides <span className="sw-muted">(merged into $$)</span>
        </label>
        <textarea
          id={`${id}-context`}
          className="sw-json-text sw-run-context"
          data-testid="run-context"
          rows={3}
          spellCheck={false}
          placeholder={'{ "Execution": { "Name": "order-1001" } }'}
          aria-invalid={contextError ? true : undefined}
          value={contextText}
          onChange={(e) => useExecutionStore.getState().setContextText(e.target.value)}
        />
        {contextError && (
          <span className="sw-json-error" role="alert">
            {contextError}
          </span>
        )}
      </div>
      <fieldset className="sw-field sw-run-limits">
        <legend className="sw-label">Limits</legend>
        <LimitInput
          label="Transitions"
          value={limits.maxTransitions}
          onChange={(v) => useExecutionStore.getState().setLimits({ maxTransitions: v })}
        />
        <LimitInput
          label="History events"
          value={limits.maxHistoryEvents}
          onChange={(v) => useExecutionStore.getState().setLimits({ maxHistoryEvents: v })}
        />
        <span className="sw-help">
          A runaway loop stops here with a message. {workflowType} workflow
          {workflowType === 'EXPRESS' ? ': times out after 5 minutes of virtual time.' : '.'}
        </span>
      </fieldset>
    </section>
  )
}

function LimitInput({
  label,
  value,
  onChange,
}: {
  label: string
  value: number
  onChange: (value: number) => void
}) {
  const id = useId()
  return (
    <label className="sw-limit" htmlFor={id}>
      <span>{label}</span>
      <input
        id={id}
        className="sw-input"
        type="number"
        min={1}
        step={1000}
        value={value}
        onChange={(e) => {
          const v = Math.floor(Number(e.target.value))
          if (Number.isFinite(v) && v >= 1) onChange(v)
        }}
      />
    </label>
  )
}

function RunsColumn() {
  const run = useExecutionStore(selectSelectedRun)
  const runs = useExecutionStore((s) => s.runs)
  const id = useId()
  return (
    <section className="sw-run-col sw-run-runs" aria-labelledby={`${id}-title`}>
      <div className="sw-run-col-head">
        <h2 id={`${id}-title`}>
          Runs <span className="sw-muted">({runs.length})</span>
        </h2>
        <span className="sw-run-col-actions">
          <HistoryImportButton />
        </span>
      </div>
      {run ? (
        <RunSummaryView run={run} />
      ) : (
        <p className="sw-empty-note">
          No run yet. Press <strong>Run</strong> to simulate the workflow with its mocks, or import
          a history saved with <code>aws stepfunctions get-execution-history</code>.
        </p>
      )}
      {runs.length > 0 && <RunsList runs={runs} selectedId={run?.id ?? null} />}
    </section>
  )
}

export function HistoryImportButton({ compact = false }: { compact?: boolean }) {
  const input = useRef<HTMLInputElement>(null)
  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (file) await importHistoryFile(file)
  }
  return (
    <>
      <button
        type="button"
        className="sw-btn sw-btn--small"
        onClick={() => input.current?.click()}
        title="Import an execution history (GetExecutionHistory JSON) to replay it on this workflow"
      >
        <RunIcons.upload size={11} /> {compact ? 'Import' : 'Import history'}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="history-import-file"
        onChange={onChange}
      />
    </>
  )
}

function RunsList({ runs, selectedId }: { runs: RunRecord[]; selectedId: string | null }) {
  const activeId = useExecutionStore((s) => s.activeRunId)
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000)
    return () => window.clearInterval(timer)
  }, [])
  return (
    <ol className="sw-runs" data-testid="runs-list" aria-label="Runs of this workflow">
      {[...runs].reverse().map((run) => (
        <li
          key={run.id}
          className={`sw-run-item${run.id === selectedId ? ' is-selected' : ''}`}
          data-testid="run-row"
          aria-current={run.id === selectedId ? 'true' : undefined}
        >
          <button
            type="button"
            className="sw-run-item-main"
            onClick={() => {
              useExecutionStore.getState().selectRun(run.id)
            }}
            onDoubleClick={() => useWorkspaceStore.getState().showBottomPanel('timeline')}
            title="Show this run on the canvas (double-click: open the timeline)"
          >
            <StatusChip status={run.status} />
            <span className="sw-run-item-name">{run.name}</span>
            <span className="sw-run-item-meta">
              {run.summary
                ? `${formatCount(run.summary.transitions)} transitions · ${formatDuration(run.summary.durationMs)}`
                : `${formatCount(run.events.length)} events`}{' '}
              · {formatAgo(run.createdAt, now)}
            </span>
          </button>
          <span className="sw-run-item-actions">
            <button
              type="button"
              className="sw-ibtn"
              aria-label={`Open ${run.name} in the timeline`}
              title="Timeline"
              onClick={() => {
                useExecutionStore.getState().selectRun(run.id)
                useWorkspaceStore.getState().showBottomPanel('timeline')
              }}
            >
              <RunIcons.timeline size={13} />
            </button>
            <button
              type="button"
              className="sw-ibtn"
              aria-label={`Run again with the input of ${run.name}`}
              title="Re-run with this run's input, test case and context"
              disabled={activeId !== null}
              data-testid="run-rerun"
              onClick={() => rerunWorkflow(run.id)}
            >
              <RunIcons.rerun size={13} />
            </button>
            <button
              type="button"
              className="sw-ibtn"
              aria-label={`Export the history of ${run.name}`}
              title="Export the history (GetExecutionHistory JSON)"
              data-testid="history-export"
              onClick={() => exportRunHistory(run.id)}
            >
              <RunIcons.download size={13} />
            </button>
            <button
              type="button"
              className="sw-ibtn sw-ibtn--danger"
              aria-label={`Delete ${run.name}`}
              title="Delete this run"
              disabled={run.id === activeId}
              onClick={() => useExecutionStore.getState().deleteRun(run.id)}
            >
              <RunIcons.trash size={13} />
            </button>
          </span>
        </li>
      ))}
    </ol>
  )
}
