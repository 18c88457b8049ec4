import { useId, useState } from 'react'
import type { QueryLanguage } from '../../core/asl/types'
import { queryLanguageOf } from '../../core/graph/commands'
import { findStateInScope, requireScope, scopeStartAt, stateToAsl } from '../../core/graph/model'
import { checkStateName } from '../../core/graph/names'
import { CommitInput } from '../common/CommitInput'
import { Field } from '../common/Field'
import { Section } from '../common/Section'
import { useFieldDiagnostics, useStateEditor } from './context'
import { insertOrdered } from './edit'
import type { ConversionResult } from './queryLanguage'
import { convertState } from './queryLanguage'
import { ScalarRow } from './rows'
import { TargetSelect } from './TargetSelect'

const NO_TRANSITION = new Set(['Choice', 'Succeed', 'Fail'])
const END = '\u0000end'

/** Name, comment, query language and the state's own transition. */
export function GeneralSection() {
  const editor = useStateEditor()
  const { state, type } = editor
  return (
    <Section id="general" title="General">
      <NameRow />
      <ScalarRow
        path={['Comment']}
        label="Comment"
        spec={{ kind: 'string' }}
        testId="inspector-comment"
        placeholder="What this state does"
      />
      {type !== undefined && !NO_TRANSITION.has(type) && <NextRow />}
      <StartRow key={state.id} />
      <QueryLanguageRow />
    </Section>
  )
}

function NameRow() {
  const { graph, state, apply } = useStateEditor()
  const id = useId()
  const helpId = useId()
  const diagnostics = useFieldDiagnostics([], true).filter((d) => d.code.includes('NAME'))
  return (
    <Field
      label="Name"
      htmlFor={id}
      help="Unique in the workflow. Renaming updates every transition to it."
      helpId={helpId}
      diagnostics={diagnostics}
    >
      <CommitInput
        id={id}
        value={state.name}
        aria-describedby={helpId}
        data-testid="inspector-name"
        validate={(name) => checkStateName(graph, name, state.id)}
        onCommit={(name) => apply({ type: 'renameState', id: state.id, name }, 'Rename state')}
      />
    </Field>
  )
}

function NextRow() {
  const editor = useStateEditor()
  const { state } = editor
  const next = editor.get(['Next'])
  const end = editor.get(['End']) === true
  const value = typeof next === 'string' ? next : end ? END : undefined
  const diagnostics = [...useFieldDiagnostics(['Next']), ...useFieldDiagnostics(['End'])]
  return (
    <TargetSelect
      label="Next state"
      value={value}
      noneLabel="— not set —"
      extra={[{ value: END, label: 'End (this state ends the workflow)' }]}
      diagnostics={diagnostics}
      testId="inspector-next"
      onChange={(name) => {
        if (name === undefined) {
          editor.change(
            [
              { path: ['Next'], value: undefined },
              { path: ['End'], value: undefined },
            ],
            'Clear transition',
          )
        } else if (name === END) {
          if (typeof next === 'string') {
            editor.apply({ type: 'disconnect', sourceId: state.id, kind: 'next' }, 'End here')
          } else editor.change({ path: ['End'], value: true }, 'End here')
        } else {
          const targetId = findStateInScope(editor.graph, state.scopeId, name)
          if (targetId !== undefined) {
            editor.apply({ type: 'connect', sourceId: state.id, kind: 'next', targetId }, 'Connect')
          }
        }
      }}
    />
  )
}

function StartRow() {
  const { graph, state, apply } = useStateEditor()
  const scope = requireScope(graph, state.scopeId)
  const isStart = scopeStartAt(scope) === state.name
  const where = scope.parentId === null ? 'workflow' : 'branch'
  return (
    <div className="sw-field sw-field--inline">
      <span className="sw-label">Start</span>
      {isStart ? (
        <span className="sw-muted">This state starts the {where}.</span>
      ) : (
        <button
          type="button"
          className="sw-btn sw-btn--small"
          data-testid="inspector-set-start"
          onClick={() =>
            apply(
              { type: 'setStartAt', scopeId: state.scopeId, stateId: state.id },
              'Set start state',
            )
          }
        >
          Set as start of the {where}
        </button>
      )}
    </div>
  )
}

/** The language the state would have without its own QueryLanguage. */
function inheritedLanguage(editor: ReturnType<typeof useStateEditor>): QueryLanguage {
  const parentId = requireScope(editor.graph, editor.state.scopeId).parentId
  return parentId === null ? editor.machineLanguage : queryLanguageOf(editor.graph, parentId)
}

interface PendingSwitch {
  own: QueryLanguage | undefined
  to: QueryLanguage
  result: ConversionResult
}

function QueryLanguageRow() {
  const editor = useStateEditor()
  const id = useId()
  const helpId = useId()
  const [pending, setPending] = useState<PendingSwitch | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const own = editor.get(['QueryLanguage'])
  const inherited = inheritedLanguage(editor)
  const diagnostics = useFieldDiagnostics(['QueryLanguage'])

  const apply = (choice: PendingSwitch) => {
    let definition = choice.result.definition
    const { QueryLanguage: _old, ...rest } = definition
    definition = choice.own === undefined ? rest : insertOrdered(rest, 'QueryLanguage', choice.own)
    if (
      editor.apply(
        { type: 'replaceState', id: editor.state.id, definition },
        `Switch to ${choice.to}`,
      )
    ) {
      const converted = choice.result.converted
      setDone(
        converted.length > 0
          ? `Converted to ${choice.to}: ${converted.join('; ')}.`
          : `Now uses ${choice.to}.`,
      )
    }
    setPending(null)
  }

  const onChange = (value: string) => {
    setDone(null)
    const nextOwn = value === '' ? undefined : (value as QueryLanguage)
    const to = nextOwn ?? inherited
    if (to === editor.language) {
      editor.change({ path: ['QueryLanguage'], value: nextOwn }, 'Query language')
      return
    }
    const result = convertState(stateToAsl(editor.graph, editor.state.id), to)
    const choice = { own: nextOwn, to, result }
    if (result.kept.length === 0) apply(choice)
    else setPending(choice)
  }

  return (
    <Field
      label="QueryLanguage"
      htmlFor={id}
      helpId={helpId}
      help={
        <>
          JSONata states use Arguments and Output with <code>{'{% … %}'}</code> expressions.
          Switching converts what has an equivalent.
        </>
      }
      diagnostics={diagnostics}
    >
      <select
        id={id}
        className="sw-select"
        value={own === 'JSONPath' || own === 'JSONata' ? own : ''}
        aria-describedby={helpId}
        data-testid="inspector-query-language"
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">Inherited ({inherited})</option>
        <option value="JSONPath" disabled={editor.machineLanguage === 'JSONata'}>
          JSONPath
          {editor.machineLanguage === 'JSONata' ? ' (not allowed in a JSONata workflow)' : ''}
        </option>
        <option value="JSONata">JSONata</option>
      </select>
      {pending && (
        <div
          className="sw-callout sw-callout--warning"
          role="alertdialog"
          aria-labelledby={`${id}-title`}
        >
          <p id={`${id}-title`} className="sw-callout-title">
            Switch to {pending.to}? Some fields cannot be converted.
          </p>
          {pending.result.converted.length > 0 && (
            <>
              <p className="sw-callout-sub">Converted:</p>
              <ul>
                {pending.result.converted.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          )}
          <p className="sw-callout-sub">Kept as they are (fix them after switching):</p>
          <ul>
            {pending.result.kept.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <div className="sw-btn-row">
            <button
              type="button"
              className="sw-btn sw-btn--primary"
              data-testid="query-language-confirm"
              onClick={() => apply(pending)}
            >
              Switch anyway
            </button>
            <button
              type="button"
              className="sw-btn"
              data-testid="query-language-cancel"
              onClick={() => setPending(null)}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {done && (
        <p className="sw-callout sw-callout--info" role="status">
          {done}
        </p>
      )}
    </Field>
  )
}
