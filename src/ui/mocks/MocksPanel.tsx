// The Mocks panel: the workflow's MockConfigFile (AWS Step Functions Local's format) edited per
// state — test cases, the response each Task (or Map ItemReader) gets per invocation, Throw
// presets from the state's own Retry/Catch rules, what an unmapped Task does — with import and
// export of the file itself.

import { useShallow } from 'zustand/react/shallow'
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react'
import type { JsonValue } from '../../core/asl/types'
import type { MockedResponse, MockedResponseEntry } from '../../core/interpreter'
import { useDocumentStore } from '../../state/documentStore'
import {
  parseInvocationKey,
  responseUsage,
  selectActiveTestCase,
  selectMachineName,
  selectMapping,
  selectProblems,
  selectTestCases,
  selectUnmappedPolicy,
  useMocksStore,
} from '../../state/mocksStore'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { JsonEditor } from '../common/JsonEditor'
import { RunIcons } from '../run/icons'
import { downloadText, safeFileName } from '../run/runActions'
import { errorPresets, handlerFor, mockableStates, type MockableState } from './mockable'
import '../run/run.css'
import './mocks.css'

export function MocksPanel() {
  const graph = useDocumentStore((s) => s.graph)
  const states = useMemo(() => mockableStates(graph), [graph])
  const selectedIds = useWorkspaceStore((s) => s.selectedIds)
  const [chosen, setChosen] = useState<string | null>(null)
  // Selecting a state on the canvas opens its mocks.
  const fromCanvas = selectedIds.length === 1 ? states.find((s) => s.id === selectedIds[0]) : null
  useEffect(() => {
    if (fromCanvas) setChosen(fromCanvas.name)
  }, [fromCanvas])
  const current = states.find((s) => s.name === chosen) ?? states[0] ?? null
  return (
    <div className="sw-mocks">
      <MocksToolbar />
      <div className="sw-mocks-body">
        <StateList states={states} current={current} onChoose={setChosen} />
        <div className="sw-mocks-editor">
          {current ? (
            <StateMockEditor key={current.name} state={current} />
          ) : (
            <p className="sw-empty-note">
              This workflow has no Task states to mock. Tasks (Lambda, SQS, .sync jobs, callbacks,
              Activities…) and Map states with an ItemReader appear here.
            </p>
          )}
        </div>
      </div>
    </div>
  )
}

// ---------------------------------------------------------------------------------------------

function MocksToolbar() {
  const id = useId()
  const cases = useMocksStore(useShallow(selectTestCases))
  const active = useMocksStore(selectActiveTestCase)
  const machine = useMocksStore(selectMachineName)
  const machines = useMocksStore(useShallow((s) => Object.keys(s.config.StateMachines ?? {})))
  const policy = useMocksStore(selectUnmappedPolicy)
  const problems = useMocksStore(selectProblems)
  const [renaming, setRenaming] = useState(false)
  const fileInput = useRef<HTMLInputElement>(null)
  const store = useMocksStore.getState

  const onImport = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    const { notify } = useWorkspaceStore.getState()
    let text: string
    try {
      text = await file.text()
    } catch (error) {
      notify('error', `Could not read ${file.name}; nothing was changed.`, String(error))
      return
    }
    const result = store().importMockConfig(text)
    if (!result.ok) {
      notify(
        'error',
        `${file.name} is not a MockConfigFile Step Functions Local can read; nothing was changed.`,
        result.problems.map((p) => `${p.path || '(file)'}: ${p.message}`).join('\n'),
      )
      return
    }
    notify(
      'success',
      `Loaded ${file.name}: ${result.testCases.length} test case${result.testCases.length === 1 ? '' : 's'} (${result.testCases.join(', ') || 'none'}).`,
    )
  }

  const onExport = () => {
    const title = useWorkspaceStore.getState().documentTitle
    downloadText(store().exportMockConfig(), `${safeFileName(title)}.MockConfigFile.json`)
  }

  return (
    <div className="sw-mocks-toolbar" role="toolbar" aria-label="Test cases and mock file">
      <label className="sw-mocks-field" htmlFor={`${id}-case`}>
        <span className="sw-label">Test case</span>
        {renaming && active ? (
          <RenameField
            initial={active}
            onDone={(name) => {
              if (name === null) return setRenaming(false)
              const problem = store().renameTestCase(active, name)
              if (problem) useWorkspaceStore.getState().notify('error', problem)
              else setRenaming(false)
            }}
          />
        ) : (
          <select
            id={`${id}-case`}
            className="sw-select sw-select--compact"
            data-testid="mocks-test-case"
            value={active ?? ''}
            disabled={cases.length === 0}
            onChange={(e) => store().selectTestCase(e.target.value || null)}
          >
            {cases.length === 0 && <option value="">None yet</option>}
            {cases.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        )}
      </label>
      <span className="sw-mocks-group">
        <button
          type="button"
          className="sw-ibtn"
          title="New test case"
          aria-label="New test case"
          onClick={() => store().addTestCase()}
        >
          <RunIcons.plus size={13} />
        </button>
        <button
          type="button"
          className="sw-ibtn"
          title="Duplicate this test case"
          aria-label="Duplicate this test case"
          disabled={!active}
          onClick={() => active && store().addTestCase(`${active}Copy`, { copyFrom: active })}
        >
          <RunIcons.copy size={13} />
        </button>
        <button
          type="button"
          className="sw-ibtn"
          title="Rename this test case"
          aria-label="Rename this test case"
          disabled={!active}
          onClick={() => setRenaming(true)}
        >
          <RunIcons.edit size={13} />
        </button>
        <button
          type="button"
          className="sw-ibtn sw-ibtn--danger"
          title="Delete this test case"
          aria-label="Delete this test case"
          disabled={!active}
          onClick={() => active && store().deleteTestCase(active)}
        >
          <RunIcons.trash size={13} />
        </button>
      </span>
      {machines.length > 1 ? (
        <label className="sw-mocks-field" htmlFor={`${id}-machine`}>
          <span className="sw-label">State machine</span>
          <select
            id={`${id}-machine`}
            className="sw-select sw-select--compact"
            value={machine ?? ''}
            onChange={(e) => store().useStateMachine(e.target.value)}
          >
            {machines.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      ) : machine ? (
        <span className="sw-mocks-field" title="The StateMachines entry of the file">
          <span className="sw-label">State machine</span>
          <code className="sw-mocks-machine">{machine}</code>
        </span>
      ) : null}
      <label className="sw-mocks-field" htmlFor={`${id}-policy`}>
        <span className="sw-label">Tasks without a mock</span>
        <select
          id={`${id}-policy`}
          className="sw-select sw-select--compact"
          data-testid="mocks-unmapped"
          value={policy}
          onChange={(e) => store().setUnmappedTasks(e.target.value as 'fail' | 'passthrough')}
        >
          <option value="fail">fail the run</option>
          <option value="passthrough">return their input</option>
        </select>
      </label>
      <span className="sw-mocks-spacer" />
      {problems.length > 0 && (
        <span
          className="sw-mocks-problems"
          role="status"
          title={problems.map((p) => `${p.path}: ${p.message}`).join('\n')}
        >
          {problems.length} problem{problems.length === 1 ? '' : 's'} in the file
        </span>
      )}
      <button
        type="button"
        className="sw-btn sw-btn--small"
        onClick={() => fileInput.current?.click()}
        title="Load a MockConfigFile.json (AWS Step Functions Local's format)"
      >
        <RunIcons.upload size={11} /> Import
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="mocks-import-file"
        onChange={onImport}
      />
      <button
        type="button"
        className="sw-btn sw-btn--small"
        data-testid="mocks-export"
        onClick={onExport}
        title="Download the MockConfigFile.json, as Step Functions Local reads it"
      >
        <RunIcons.download size={11} /> Export
      </button>
    </div>
  )
}

function RenameField({ initial, onDone }: { initial: string; onDone(name: string | null): void }) {
  const [value, setValue] = useState(initial)
  return (
    <input
      className="sw-input sw-mocks-rename"
      aria-label="Test case name"
      value={value}
      // Focus follows the user's click on Rename.
      autoFocus
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => onDone(value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onDone(value)
        if (e.key === 'Escape') onDone(null)
      }}
    />
  )
}

// ---------------------------------------------------------------------------------------------

function StateList({
  states,
  current,
  onChoose,
}: {
  states: MockableState[]
  current: MockableState | null
  onChoose(name: string): void
}) {
  const mapping = useMocksStore(selectMapping)
  const policy = useMocksStore(selectUnmappedPolicy)
  return (
    <ul className="sw-mocks-states" aria-label="States with mocks">
      {states.map((state) => {
        const response = mapping[state.name]
        return (
          <li key={state.id}>
            <button
              type="button"
              className={`sw-mocks-state${state === current ? ' is-current' : ''}`}
              aria-current={state === current ? 'true' : undefined}
              data-testid={`mock-state-${state.name}`}
              onClick={() => onChoose(state.name)}
            >
              <span className="sw-mocks-state-name">{state.name}</span>
              <span className="sw-mocks-state-meta">
                {response ? (
                  <span className="is-mapped">{response}</span>
                ) : (
                  <span className={policy === 'fail' ? 'is-unmapped' : 'is-pass'}>
                    {policy === 'fail' ? 'not mocked: fails' : 'not mocked: passes input'}
                  </span>
                )}
              </span>
            </button>
          </li>
        )
      })}
    </ul>
  )
}

// ---------------------------------------------------------------------------------------------

function StateMockEditor({ state }: { state: MockableState }) {
  const mapping = useMocksStore(selectMapping)
  const config = useMocksStore((s) => s.config)
  const active = useMocksStore(selectActiveTestCase)
  const policy = useMocksStore(selectUnmappedPolicy)
  const responseName = mapping[state.name]
  const response = responseName ? config.MockedResponses?.[responseName] : undefined
  const responses = Object.keys(config.MockedResponses ?? {})
  const usage = responseName ? responseUsage(config, responseName) : []
  const id = useId()

  const header = (
    <div className="sw-mocks-head">
      <div className="sw-mocks-title">
        <strong>{state.name}</strong>
        <span className="sw-muted">{state.label}</span>
        {state.pattern && <span className="sw-pill">{state.pattern}</span>}
      </div>
      <RulesSummary state={state} />
    </div>
  )

  if (!responseName || !response) {
    return (
      <div className="sw-mocks-state-editor">
        {header}
        <div className="sw-mocks-unmapped" data-testid="mock-unmapped">
          <p>
            {active ? (
              <>
                Not mocked in <strong>{active}</strong>
              </>
            ) : (
              'Not mocked'
            )}
            :{' '}
            {policy === 'fail' ? (
              <>
                a run fails with <code>Stepwise.MockNotFound</code> when it reaches this state.
              </>
            ) : (
              <>the state returns its input as its result.</>
            )}{' '}
            <span className="sw-muted">(Change this for all Tasks in the toolbar.)</span>
          </p>
          <div className="sw-run-row">
            <button
              type="button"
              className="sw-btn sw-btn--small sw-btn--primary"
              data-testid="mock-add"
              onClick={() =>
                useMocksStore
                  .getState()
                  .addStateMock(
                    state.name,
                    state.kind === 'itemReader' ? { '0': { Return: [] } } : undefined,
                  )
              }
            >
              <RunIcons.plus size={11} /> Add a mocked response
            </button>
            {responses.length > 0 && (
              <label className="sw-mocks-field" htmlFor={`${id}-use`}>
                <span className="sw-label">or use</span>
                <select
                  id={`${id}-use`}
                  className="sw-select sw-select--compact"
                  value=""
                  onChange={(e) =>
                    e.target.value && useMocksStore.getState().mapState(state.name, e.target.value)
                  }
                >
                  <option value="">an existing response…</option>
                  {responses.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
        </div>
      </div>
    )
  }

  const entries = sortedEntries(response)
  const others = usage.filter((u) => u.stateName !== state.name || u.testCase !== active)
  return (
    <div className="sw-mocks-state-editor">
      {header}
      <div className="sw-mocks-response-bar">
        <label className="sw-mocks-field" htmlFor={`${id}-response`}>
          <span className="sw-label">Response</span>
          <select
            id={`${id}-response`}
            className="sw-select sw-select--compact"
            value={responseName}
            onChange={(e) => useMocksStore.getState().mapState(state.name, e.target.value)}
          >
            {responses.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {others.length > 0 && (
          <span
            className="sw-muted"
            title={others.map((u) => `${u.testCase} › ${u.stateName}`).join('\n')}
          >
            shared with {others.length} other mapping{others.length === 1 ? '' : 's'}: edits apply
            to all
          </span>
        )}
        <span className="sw-mocks-spacer" />
        <button
          type="button"
          className="sw-btn sw-btn--small"
          onClick={() => useMocksStore.getState().mapState(state.name, null)}
          title={`Remove the mock of ${state.name} from this test case (the response stays in the file)`}
        >
          Unmap
        </button>
      </div>
      <p className="sw-help sw-help--block">
        Invocations count every attempt of the state from 0, retries included: “0” is the first
        call, “1-2” the next two.{' '}
        {state.kind === 'itemReader' &&
          'Return the object body as text (JSON, JSONL, CSV) or the items themselves.'}
      </p>
      <ol className="sw-mock-entries" aria-label={`Responses of ${responseName}`}>
        {entries.map(([key, entry]) => (
          <EntryEditor
            key={key}
            responseName={responseName}
            entryKey={key}
            entry={entry}
            state={state}
          />
        ))}
      </ol>
      <button
        type="button"
        className="sw-btn sw-btn--small sw-btn--ghost"
        data-testid="mock-add-entry"
        onClick={() => useMocksStore.getState().addEntry(responseName)}
      >
        <RunIcons.plus size={11} /> Add the next invocation
      </button>
    </div>
  )
}

function sortedEntries(response: MockedResponse): [string, MockedResponseEntry][] {
  return Object.entries(response).sort(
    ([a], [b]) =>
      (parseInvocationKey(a)?.[0] ?? Infinity) - (parseInvocationKey(b)?.[0] ?? Infinity),
  )
}

function RulesSummary({ state }: { state: MockableState }) {
  if (state.retriers.length === 0 && state.catchers.length === 0) return null
  return (
    <ul className="sw-mocks-rules" aria-label="Error handling of this state">
      {state.retriers.map((r) => (
        <li key={`r${r.index}`}>
          <span className="sw-rule-kind is-retry">Retry #{r.index + 1}</span>
          {r.errorEquals.join(', ')} · up to {r.maxAttempts} retr{r.maxAttempts === 1 ? 'y' : 'ies'}
        </li>
      ))}
      {state.catchers.map((c) => (
        <li key={`c${c.index}`}>
          <span className="sw-rule-kind is-catch">Catch #{c.index + 1}</span>
          {c.errorEquals.join(', ')}
          {c.next ? ` → ${c.next}` : ''}
        </li>
      ))}
    </ul>
  )
}

function describeInvocations(key: string): string {
  const range = parseInvocationKey(key)
  if (!range) return 'not an invocation number'
  const [from, to] = range
  const attempt = (n: number) => (n === 0 ? 'first call' : `retry ${n}`)
  return from === to ? attempt(from) : `${attempt(from)} to ${attempt(to)}`
}

function EntryEditor({
  responseName,
  entryKey,
  entry,
  state,
}: {
  responseName: string
  entryKey: string
  entry: MockedResponseEntry
  state: MockableState
}) {
  const id = useId()
  const [keyDraft, setKeyDraft] = useState(entryKey)
  const [keyError, setKeyError] = useState<string | null>(null)
  const store = useMocksStore.getState
  const isThrow = entry.Throw !== undefined
  const presets = useMemo(() => errorPresets(state), [state])
  const listId = `${id}-errors`

  const commitKey = () => {
    if (keyDraft === entryKey) return setKeyError(null)
    const problem = store().renameEntry(responseName, entryKey, keyDraft)
    setKeyError(problem)
  }
  const setEntry = (next: MockedResponseEntry) => store().setEntry(responseName, entryKey, next)
  const withStepwise = (next: MockedResponseEntry): MockedResponseEntry =>
    entry.Stepwise ? { ...next, Stepwise: entry.Stepwise } : next
  const switchKind = (kind: 'Return' | 'Throw') => {
    if (kind === 'Throw' && !isThrow) {
      setEntry(
        withStepwise({ Throw: { Error: presets[0]?.error ?? 'States.TaskFailed', Cause: '' } }),
      )
    } else if (kind === 'Return' && isThrow) {
      setEntry(withStepwise({ Return: {} }))
    }
  }
  const thrown = entry.Throw
  const handled = thrown ? handlerFor(state, thrown.Error) : null

  return (
    <li
      className={`sw-mock-entry${isThrow ? ' is-throw' : ''}`}
      data-testid="mock-entry"
      data-key={entryKey}
    >
      <div className="sw-mock-entry-head">
        <label className="sw-mock-key" htmlFor={`${id}-key`}>
          <span className="sw-label">Invocations</span>
          <input
            id={`${id}-key`}
            className="sw-input"
            value={keyDraft}
            aria-invalid={keyError ? true : undefined}
            data-testid="mock-entry-key"
            onChange={(e) => setKeyDraft(e.target.value)}
            onBlur={commitKey}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commitKey()
              if (e.key === 'Escape') {
                setKeyDraft(entryKey)
                setKeyError(null)
              }
            }}
          />
        </label>
        <span className="sw-muted sw-mock-attempts">{describeInvocations(entryKey)}</span>
        <span className="sw-seg-group" role="group" aria-label="Response kind">
          <button
            type="button"
            className="sw-segment"
            aria-pressed={!isThrow}
            data-testid="mock-kind-return"
            onClick={() => switchKind('Return')}
          >
            Return
          </button>
          <button
            type="button"
            className="sw-segment"
            aria-pressed={isThrow}
            data-testid="mock-kind-throw"
            onClick={() => switchKind('Throw')}
          >
            Throw
          </button>
        </span>
        <span className="sw-mocks-spacer" />
        <DurationField
          value={entry.Stepwise?.DurationSeconds}
          onChange={(seconds) => {
            const { Stepwise: _old, ...rest } = entry
            setEntry(
              seconds === undefined ? rest : { ...rest, Stepwise: { DurationSeconds: seconds } },
            )
          }}
        />
        <button
          type="button"
          className="sw-ibtn sw-ibtn--danger"
          aria-label={`Remove the response for invocations ${entryKey}`}
          title="Remove"
          onClick={() => store().removeEntry(responseName, entryKey)}
        >
          <RunIcons.trash size={13} />
        </button>
      </div>
      {keyError && (
        <p className="sw-json-error" role="alert">
          {keyError}
        </p>
      )}
      {thrown ? (
        <div className="sw-mock-throw">
          <label className="sw-field" htmlFor={`${id}-error`}>
            <span className="sw-label">Error</span>
            <CommitText
              id={`${id}-error`}
              value={thrown.Error}
              list={listId}
              testId="mock-throw-error"
              onCommit={(Error) => setEntry(withStepwise({ Throw: { ...thrown, Error } }))}
            />
            <datalist id={listId}>
              {presets.map((p) => (
                <option key={p.error} value={p.error}>
                  {p.handledBy ?? 'not handled'}
                </option>
              ))}
            </datalist>
          </label>
          <label className="sw-field" htmlFor={`${id}-cause`}>
            <span className="sw-label">Cause</span>
            <CommitText
              id={`${id}-cause`}
              value={thrown.Cause ?? ''}
              testId="mock-throw-cause"
              onCommit={(Cause) => setEntry(withStepwise({ Throw: { ...thrown, Cause } }))}
            />
          </label>
          <div className="sw-mock-presets" aria-label="Errors this state handles">
            {presets.slice(0, 6).map((p) => (
              <button
                key={p.error}
                type="button"
                className={`sw-chip-button${p.error === thrown.Error ? ' is-on' : ''}`}
                title={p.handledBy ? `Handled by ${p.handledBy}` : 'Not handled by this state'}
                onClick={() => setEntry(withStepwise({ Throw: { ...thrown, Error: p.error } }))}
              >
                {p.error}
              </button>
            ))}
          </div>
          <p className={`sw-mock-outcome${handled ? '' : ' is-unhandled'}`}>
            {handled ? `Handled by ${handled}.` : 'No Retry or Catch matches: the run fails here.'}
          </p>
        </div>
      ) : (
        <div className="sw-mock-return">
          <JsonEditor
            value={entry.Return as JsonValue | undefined}
            aria-label={`Result returned for invocations ${entryKey}`}
            data-testid="mock-return"
            allowEmpty={false}
            minRows={2}
            maxRows={10}
            onCommit={(value) => setEntry(withStepwise({ Return: value ?? null }))}
          />
        </div>
      )}
    </li>
  )
}

function CommitText({
  id,
  value,
  list,
  testId,
  onCommit,
}: {
  id: string
  value: string
  list?: string
  testId: string
  onCommit(value: string): void
}) {
  const [draft, setDraft] = useState<string | null>(null)
  const commit = () => {
    if (draft !== null && draft !== value) onCommit(draft)
    setDraft(null)
  }
  return (
    <input
      id={id}
      className="sw-input sw-code-input"
      list={list}
      data-testid={testId}
      value={draft ?? value}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit()
        if (e.key === 'Escape') setDraft(null)
      }}
    />
  )
}

function DurationField({
  value,
  onChange,
}: {
  value: number | undefined
  onChange(seconds: number | undefined): void
}) {
  const id = useId()
  return (
    <label
      className="sw-mock-duration"
      htmlFor={id}
      title="How long the call takes on the virtual clock (a Stepwise extension SFN Local ignores): lets TimeoutSeconds and HeartbeatSeconds fire"
    >
      <span className="sw-label">Takes</span>
      <input
        id={id}
        className="sw-input"
        type="number"
        min={0}
        step={1}
        placeholder="0"
        value={value ?? ''}
        onChange={(e) => {
          const text = e.target.value
          const seconds = Number(text)
          onChange(text === '' || !Number.isFinite(seconds) || seconds < 0 ? undefined : seconds)
        }}
      />
      <span className="sw-muted">s</span>
    </label>
  )
}
