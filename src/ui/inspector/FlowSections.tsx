import { useId, useState } from 'react'
import { MAX_SECONDS, stateField } from '../../core/asl/fields'
import { requireScope, scopeStartAt, startStateId } from '../../core/graph/model'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { Field } from '../common/Field'
import { Section } from '../common/Section'
import { useFieldDiagnostics, useStateEditor } from './context'
import type { FieldChange } from './edit'
import { ScalarRow, SpecJsonRow, ValueOrPathRow } from './rows'
import type { ScalarSpec } from './scalar'

// Settings of the flow states: Wait, Fail, Pass and Parallel.

// ---------------------------------------------------------------------------------------------
// Wait: exactly one of Seconds, SecondsPath, Timestamp, TimestampPath

type WaitMode = 'Seconds' | 'SecondsPath' | 'Timestamp' | 'TimestampPath'
const WAIT_MODES: readonly WaitMode[] = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath']

const WAIT_HELP: Readonly<Record<WaitMode, string>> = {
  Seconds: 'Waits this many seconds (0 to 99999999).',
  SecondsPath: 'Reads the number of seconds from the input, e.g. $.delaySeconds.',
  Timestamp: 'Waits until this time (RFC 3339, e.g. 2024-01-31T12:00:00Z).',
  TimestampPath: 'Reads the time to wait until from the input, e.g. $.deliverAt.',
}

const WAIT_SPEC: Readonly<Record<WaitMode, ScalarSpec>> = {
  Seconds: { kind: 'integer', min: 0, max: MAX_SECONDS, required: true },
  SecondsPath: { kind: 'reference', required: true },
  Timestamp: { kind: 'timestamp', required: true },
  TimestampPath: { kind: 'reference', required: true },
}

export function WaitSection() {
  const editor = useStateEditor()
  const jsonata = editor.language === 'JSONata'
  const modes = jsonata ? (['Seconds', 'Timestamp'] as const) : WAIT_MODES
  const present = WAIT_MODES.filter((mode) => editor.get([mode]) !== undefined)
  // A choice holds until the document changes which form it uses (a commit, an undo).
  const presentKey = present.join()
  const [choice, setChoice] = useState<{ mode: WaitMode; under: string } | null>(null)
  const mode = choice && choice.under === presentKey ? choice.mode : (present[0] ?? 'Seconds')
  const setChosen = (next: WaitMode) => setChoice({ mode: next, under: presentKey })
  const name = useId()
  const diagnostics = useFieldDiagnostics([], true).filter((d) => d.code === 'INVALID_WAIT')
  const commit = (value: unknown) => {
    if (value === undefined) return
    const changes: FieldChange[] = WAIT_MODES.map((key) => ({
      path: [key],
      value: key === mode ? (value as FieldChange['value']) : undefined,
    }))
    editor.change(changes, `Wait ${mode}`)
  }
  return (
    <Section id="wait" title="Wait">
      <Field label="Wait for" group diagnostics={diagnostics}>
        <div className="sw-radio-row" role="radiogroup" aria-label="Wait for">
          {modes.map((option) => (
            <label key={option} className="sw-radio">
              <input
                type="radio"
                name={name}
                value={option}
                checked={mode === option}
                data-testid={`wait-mode-${option}`}
                onChange={() => setChosen(option)}
              />
              {option}
            </label>
          ))}
        </div>
      </Field>
      <ScalarRow
        key={mode}
        path={[mode]}
        label={mode}
        help={jsonata ? `${WAIT_HELP[mode]} A {% … %} expression may compute it.` : WAIT_HELP[mode]}
        testId="wait-value"
        placeholder={
          mode === 'Seconds' ? '10' : mode === 'Timestamp' ? '2024-01-31T12:00:00Z' : '$.field'
        }
        spec={{ ...WAIT_SPEC[mode], jsonata }}
        onCommit={commit}
      />
    </Section>
  )
}

// ---------------------------------------------------------------------------------------------
// Fail

export function FailSection() {
  return (
    <Section id="fail" title="Error">
      <ValueOrPathRow
        valueKey="Error"
        pathKey="ErrorPath"
        valueSpec={{ kind: 'string' }}
        pathSpec={{ kind: 'referenceOrIntrinsic' }}
        help="The error name reported by the execution, e.g. OrderFailed. Catchers of an enclosing Parallel or Map can match it."
        testId="fail-error"
        placeholder="ErrorName"
      />
      <ValueOrPathRow
        valueKey="Cause"
        pathKey="CausePath"
        valueSpec={{ kind: 'string' }}
        pathSpec={{ kind: 'referenceOrIntrinsic' }}
        help="A human-readable description of the failure."
        testId="fail-cause"
        placeholder="What went wrong"
      />
    </Section>
  )
}

// ---------------------------------------------------------------------------------------------
// Pass

export function PassSection() {
  const { language } = useStateEditor()
  if (language === 'JSONata') {
    return (
      <Section id="pass" title="Pass">
        <p className="sw-help sw-help--block">
          A JSONata Pass state passes its input on, or whatever Output computes (see Input &amp;
          output).
        </p>
      </Section>
    )
  }
  return (
    <Section id="pass" title="Pass">
      <SpecJsonRow
        spec={{
          ...stateField('Pass', 'Result')!,
          description:
            'A fixed result (any JSON), placed at ResultPath. Paths in it are not evaluated: use Parameters for that.',
        }}
        testId="pass-result"
        expect="any"
        placeholder='{ "status": "ok" }'
      />
    </Section>
  )
}

// ---------------------------------------------------------------------------------------------
// Parallel: branches

export function ParallelSection() {
  const editor = useStateEditor()
  const { graph, state } = editor
  const select = useWorkspaceStore((s) => s.select)
  const reveal = useWorkspaceStore((s) => s.reveal)
  const children = state.children
  const branches = children?.kind === 'branches' ? children.scopeIds : []
  const diagnostics = useFieldDiagnostics(['Branches'], true)
  return (
    <Section
      id="parallel"
      title="Branches"
      badge={<span className="sw-count">{branches.length}</span>}
      actions={
        <button
          type="button"
          className="sw-btn sw-btn--small"
          data-testid="branch-add"
          onClick={() => editor.apply({ type: 'addBranch', stateId: state.id }, 'Add branch')}
        >
          + Add branch
        </button>
      }
      data-testid="parallel-section"
    >
      <p className="sw-help sw-help--block">
        Each branch runs on a copy of the input, all at once; the output is an array of the
        branches&apos; outputs, in order. Add states to a branch on the canvas.
      </p>
      {diagnostics.length > 0 && (
        <ul className="sw-diags">
          {diagnostics.map((d, i) => (
            <li key={i} className={`sw-diag sw-diag--${d.severity}`}>
              {d.message}
            </li>
          ))}
        </ul>
      )}
      <ol className="sw-branch-list">
        {branches.map((scopeId, index) => {
          const scope = requireScope(graph, scopeId)
          const startId = startStateId(graph, scopeId)
          return (
            <li key={scopeId} className="sw-branch" data-testid={`branch-${index}`}>
              <span className="sw-branch-name">Branch {index + 1}</span>
              <span className="sw-muted">
                {scope.stateIds.length} state{scope.stateIds.length === 1 ? '' : 's'}
                {scopeStartAt(scope) ? ` · starts at ${scopeStartAt(scope)}` : ' · empty'}
              </span>
              <span className="sw-item-tools">
                {startId && (
                  <button
                    type="button"
                    className="sw-link-button"
                    data-testid={`branch-${index}-open`}
                    onClick={() => {
                      select([startId])
                      reveal(startId)
                    }}
                  >
                    Select start
                  </button>
                )}
                <button
                  type="button"
                  className="sw-ibtn sw-ibtn--danger"
                  aria-label={`Remove branch ${index + 1}`}
                  data-testid={`branch-${index}-remove`}
                  disabled={branches.length <= 1}
                  title={
                    branches.length <= 1 ? 'A Parallel state needs at least one branch' : 'Remove'
                  }
                  onClick={() =>
                    editor.apply(
                      { type: 'removeBranch', stateId: state.id, index },
                      'Remove branch',
                    )
                  }
                >
                  ✕
                </button>
              </span>
            </li>
          )
        })}
      </ol>
    </Section>
  )
}
