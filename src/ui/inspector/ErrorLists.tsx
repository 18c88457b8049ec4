import { useId } from 'react'
import type { DocPath } from '../../core/asl/diagnostics'
import { CATCHER_FIELDS, RETRIER_FIELDS, findField } from '../../core/asl/fields'
import type { JsonObject, JsonValue } from '../../core/asl/types'
import { isJsonObject } from '../../core/asl/types'
import { findStateInScope, scopeStates, stateType } from '../../core/graph/model'
import { ChipsInput } from '../common/ChipsInput'
import { DiagnosticList } from '../common/DiagnosticList'
import { Field } from '../common/Field'
import { Section } from '../common/Section'
import { useFieldDiagnostics, useStateEditor } from './context'
import { ERROR_PRESETS, addErrorNames } from './presets'
import { ScalarRow, SelectRow, SpecJsonRow } from './rows'
import { TargetSelect } from './TargetSelect'

// Retry and Catch list editors. Each change is one document step: adding, removing or moving
// an item rewrites the list; editing a field sets that field of that item.

function listAt(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : []
}

function errorNames(item: JsonValue | undefined): string[] {
  const list = isJsonObject(item) ? item.ErrorEquals : undefined
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []
}

function catchAllIndex(list: readonly JsonValue[]): number {
  return list.findIndex((item) => errorNames(item).includes('States.ALL'))
}

/** A new retrier or catcher goes last, or just before a States.ALL one (which must stay last). */
export function withNewItem(list: readonly JsonValue[], make: (errors: string[]) => JsonObject) {
  const at = catchAllIndex(list)
  if (at === -1) return { list: [...list, make(['States.ALL'])], index: list.length }
  return {
    list: [...list.slice(0, at), make(['States.TaskFailed']), ...list.slice(at)],
    index: at,
  }
}

function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = list.slice()
  const [item] = copy.splice(from, 1)
  copy.splice(to, 0, item!)
  return copy
}

interface ItemToolbarProps {
  noun: string
  index: number
  count: number
  prefix: string
  onMove(to: number): void
  onRemove(): void
}

function ItemToolbar({ noun, index, count, prefix, onMove, onRemove }: ItemToolbarProps) {
  return (
    <span className="sw-item-tools">
      <button
        type="button"
        className="sw-ibtn"
        aria-label={`Move ${noun} ${index + 1} up`}
        title="Move up"
        disabled={index === 0}
        data-testid={`${prefix}-up`}
        onClick={() => onMove(index - 1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="sw-ibtn"
        aria-label={`Move ${noun} ${index + 1} down`}
        title="Move down"
        disabled={index === count - 1}
        data-testid={`${prefix}-down`}
        onClick={() => onMove(index + 1)}
      >
        ↓
      </button>
      <button
        type="button"
        className="sw-ibtn sw-ibtn--danger"
        aria-label={`Remove ${noun} ${index + 1}`}
        title="Remove"
        data-testid={`${prefix}-remove`}
        onClick={onRemove}
      >
        ✕
      </button>
    </span>
  )
}

function ErrorEqualsRow({ path, testId }: { path: DocPath; testId: string }) {
  const editor = useStateEditor()
  const id = useId()
  const helpId = useId()
  const names = errorNames(editor.get(path.slice(0, -1)))
  const diagnostics = useFieldDiagnostics(path)
  const set = (next: string[], label: string) => editor.change({ path, value: next }, label)
  return (
    <Field label="ErrorEquals" htmlFor={id} diagnostics={diagnostics}>
      <span id={helpId} className="sw-visually-hidden">
        Error names this handles. States.ALL matches any error and must be alone: adding it replaces
        the others, and a specific error replaces a lone States.ALL.
      </span>
      <ChipsInput
        id={id}
        noun="error"
        values={names}
        presets={ERROR_PRESETS}
        aria-describedby={helpId}
        data-testid={testId}
        placeholder="Add error…"
        onAdd={(added) => set(addErrorNames(names, added), 'Edit ErrorEquals')}
        onRemove={(index) =>
          set(
            names.filter((_, i) => i !== index),
            'Edit ErrorEquals',
          )
        }
      />
    </Field>
  )
}

// ---------------------------------------------------------------------------------------------
// Retry

const NEW_RETRIER = (errors: string[]): JsonObject => ({
  ErrorEquals: errors,
  IntervalSeconds: 1,
  MaxAttempts: 3,
  BackoffRate: 2,
})

export function RetrySection() {
  const editor = useStateEditor()
  const list = listAt(editor.get(['Retry']))
  const setList = (next: JsonValue[], label: string) =>
    editor.change({ path: ['Retry'], value: next.length > 0 ? next : undefined }, label)
  const add = (
    <button
      type="button"
      className="sw-btn sw-btn--small"
      data-testid="retry-add"
      onClick={() => setList(withNewItem(list, NEW_RETRIER).list, 'Add retrier')}
    >
      + Add retrier
    </button>
  )
  return (
    <Section
      id="retry"
      title="Retry"
      badge={list.length > 0 ? <span className="sw-count">{list.length}</span> : undefined}
      actions={add}
      data-testid="retry-section"
    >
      <p className="sw-empty">
        {list.length === 0 ? 'No retriers: an error fails the state or goes to a catcher. ' : ''}
        Tried in order, before catchers; the first whose ErrorEquals matches is used. States.ALL
        must be alone and last.
      </p>
      {list.map((_, index) => (
        <RetrierCard
          key={index}
          index={index}
          count={list.length}
          onMove={(to) => setList(moved(list, index, to), 'Move retrier')}
          onRemove={() =>
            setList(
              list.filter((__, i) => i !== index),
              'Remove retrier',
            )
          }
        />
      ))}
    </Section>
  )
}

const retrierHelp = (name: string) => findField(RETRIER_FIELDS, name)?.description

function RetrierCard({
  index,
  count,
  onMove,
  onRemove,
}: {
  index: number
  count: number
  onMove(to: number): void
  onRemove(): void
}) {
  const editor = useStateEditor()
  const prefix = `retry-${index}`
  const base = ['Retry', index]
  const names = errorNames(editor.get(base))
  const ownDiagnostics = useFieldDiagnostics(base, true)
  return (
    <div className="sw-card" data-testid={prefix} data-field={base.join('.')}>
      <div className="sw-card-header">
        <span className="sw-card-title">
          <span className="sw-card-name">Retrier {index + 1}</span>
          <span className="sw-card-summary">{names.join(', ') || 'no errors'}</span>
        </span>
        <ItemToolbar
          noun="retrier"
          index={index}
          count={count}
          prefix={prefix}
          onMove={onMove}
          onRemove={onRemove}
        />
      </div>
      {ownDiagnostics.length > 0 && <DiagnosticList diagnostics={ownDiagnostics} />}
      <ErrorEqualsRow path={[...base, 'ErrorEquals']} testId={`${prefix}-error-equals`} />
      <div className="sw-grid-2">
        <ScalarRow
          path={[...base, 'IntervalSeconds']}
          label="IntervalSeconds"
          tooltip={retrierHelp('IntervalSeconds')}
          placeholder="1"
          spec={{ kind: 'integer', min: 1, max: 99999999 }}
          testId={`${prefix}-interval`}
        />
        <ScalarRow
          path={[...base, 'MaxAttempts']}
          label="MaxAttempts"
          tooltip={retrierHelp('MaxAttempts')}
          placeholder="3"
          spec={{ kind: 'integer', min: 0, max: 99999999 }}
          testId={`${prefix}-max-attempts`}
        />
        <ScalarRow
          path={[...base, 'BackoffRate']}
          label="BackoffRate"
          tooltip={retrierHelp('BackoffRate')}
          placeholder="2.0"
          spec={{ kind: 'number', min: 1 }}
          testId={`${prefix}-backoff-rate`}
        />
        <ScalarRow
          path={[...base, 'MaxDelaySeconds']}
          label="MaxDelaySeconds"
          tooltip={retrierHelp('MaxDelaySeconds')}
          placeholder="none"
          spec={{ kind: 'integer', min: 1, max: 31622400 }}
          testId={`${prefix}-max-delay`}
        />
      </div>
      <SelectRow
        path={[...base, 'JitterStrategy']}
        label="JitterStrategy"
        emptyLabel="NONE (default)"
        options={[
          { value: 'FULL', label: 'FULL' },
          { value: 'NONE', label: 'NONE' },
        ]}
        testId={`${prefix}-jitter`}
      />
    </div>
  )
}

// ---------------------------------------------------------------------------------------------
// Catch

export function CatchSection() {
  const editor = useStateEditor()
  const { graph, state } = editor
  const list = listAt(editor.get(['Catch']))
  const setList = (next: JsonValue[], label: string) =>
    editor.change({ path: ['Catch'], value: next.length > 0 ? next : undefined }, label)
  // A sensible first target: a Fail state of the scope, else nothing (the user picks one).
  const others = scopeStates(graph, state.scopeId).filter((s) => s.id !== state.id)
  const fallback = others.find((s) => stateType(s) === 'Fail')
  const add = (
    <button
      type="button"
      className="sw-btn sw-btn--small"
      data-testid="catch-add"
      onClick={() =>
        setList(
          withNewItem(list, (errors): JsonObject =>
            fallback ? { ErrorEquals: errors, Next: fallback.name } : { ErrorEquals: errors },
          ).list,
          'Add catcher',
        )
      }
    >
      + Add catcher
    </button>
  )
  return (
    <Section
      id="catch"
      title="Catch"
      badge={list.length > 0 ? <span className="sw-count">{list.length}</span> : undefined}
      actions={add}
      data-testid="catch-section"
    >
      <p className="sw-empty">
        {list.length === 0
          ? 'No catchers: an error that retries do not resolve fails the execution. '
          : ''}
        A catcher sends the error to a fallback state; the first match wins.
      </p>
      {list.map((_, index) => (
        <CatcherCard
          key={index}
          index={index}
          count={list.length}
          onMove={(to) => setList(moved(list, index, to), 'Move catcher')}
          onRemove={() =>
            setList(
              list.filter((__, i) => i !== index),
              'Remove catcher',
            )
          }
        />
      ))}
    </Section>
  )
}

const catcherSpec = (name: string) => findField(CATCHER_FIELDS, name)!

function CatcherCard({
  index,
  count,
  onMove,
  onRemove,
}: {
  index: number
  count: number
  onMove(to: number): void
  onRemove(): void
}) {
  const editor = useStateEditor()
  const { state, language } = editor
  const prefix = `catch-${index}`
  const base = ['Catch', index]
  const item = editor.get(base)
  const names = errorNames(item)
  const next = isJsonObject(item) && typeof item.Next === 'string' ? item.Next : undefined
  const ownDiagnostics = useFieldDiagnostics(base, true)
  const nextDiagnostics = useFieldDiagnostics([...base, 'Next'])
  return (
    <div className="sw-card" data-testid={prefix} data-field={base.join('.')}>
      <div className="sw-card-header">
        <span className="sw-card-title">
          <span className="sw-card-name">Catcher {index + 1}</span>
          <span className="sw-card-summary">
            {names.join(', ') || 'no errors'} → {next ?? '?'}
          </span>
        </span>
        <ItemToolbar
          noun="catcher"
          index={index}
          count={count}
          prefix={prefix}
          onMove={onMove}
          onRemove={onRemove}
        />
      </div>
      {ownDiagnostics.length > 0 && <DiagnosticList diagnostics={ownDiagnostics} />}
      <ErrorEqualsRow path={[...base, 'ErrorEquals']} testId={`${prefix}-error-equals`} />
      <TargetSelect
        label="Next (fallback state)"
        value={next}
        noneLabel="— choose a state —"
        diagnostics={nextDiagnostics}
        testId={`${prefix}-next`}
        onChange={(name) => {
          if (name === undefined) {
            editor.change({ path: [...base, 'Next'], value: undefined }, 'Edit catcher')
            return
          }
          const targetId = findStateInScope(editor.graph, state.scopeId, name)
          if (targetId === undefined) return
          editor.apply(
            { type: 'connect', sourceId: state.id, kind: 'catch', index, targetId },
            'Connect catcher',
          )
        }}
      />
      {language === 'JSONPath' ? (
        <ScalarRow
          path={[...base, 'ResultPath']}
          label="ResultPath"
          tooltip="Where the error output ({Error, Cause}) goes in the state input, e.g. $.error (default $: it replaces the input). null passes the input on unchanged."
          placeholder="$"
          spec={{ kind: 'resultPath', nullable: true }}
          testId={`${prefix}-result-path`}
        />
      ) : (
        <SpecJsonRow
          spec={catcherSpec('Output')}
          path={[...base, 'Output']}
          testId={`${prefix}-output`}
          dense
          expect="any"
          placeholder='{% $merge([$states.input, {"error": $states.errorOutput}]) %}'
        />
      )}
      <SpecJsonRow
        spec={catcherSpec('Assign')}
        path={[...base, 'Assign']}
        testId={`${prefix}-assign`}
        dense
      />
    </div>
  )
}
