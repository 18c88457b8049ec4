import { useId, useState } from 'react'
import type { Diagnostic } from '../../core/asl/diagnostics'
import type { JsonObject, JsonValue, QueryLanguage, WorkflowType } from '../../core/asl/types'
import type { GraphCommand } from '../../core/graph/commands'
import { MACHINE_FIELDS, findField } from '../../core/asl/fields'
import { rootScope, scopeStates, stateToAsl } from '../../core/graph/model'
import { selectDiagnostics, stateIdForPath, useDocumentStore } from '../../state/documentStore'
import { CommitInput } from '../common/CommitInput'
import { Field } from '../common/Field'
import { JsonEditor } from '../common/JsonEditor'
import { Section } from '../common/Section'
import { applyCommands } from './context'
import { convertState } from './queryLanguage'
import { parseScalar, scalarText } from './scalar'

// With nothing selected, the inspector edits the workflow itself: Comment, StartAt,
// TimeoutSeconds, Version, QueryLanguage and the workflow type (kept beside the ASL).

const KNOWN = new Set([
  'Comment',
  'StartAt',
  'TimeoutSeconds',
  'Version',
  'QueryLanguage',
  'States',
])

function setMachineField(key: string, value: JsonValue | undefined, label: string) {
  applyCommands({ type: 'setMachineField', key, value }, label)
}

export function MachineInspector() {
  const graph = useDocumentStore((s) => s.graph)
  const workflowType = useDocumentStore((s) => s.workflowType)
  const diagnostics = useDocumentStore(selectDiagnostics)
  const fields = rootScope(graph).fields
  const machineDiagnostics = diagnostics.filter((d) => stateIdForPath(graph, d.path) === undefined)
  const forKey = (key: string) => machineDiagnostics.filter((d) => d.path[0] === key)
  const states = scopeStates(graph, rootScope(graph).id)
  const stateCount = Object.keys(graph.states).length
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  const commentId = useId()
  const timeoutId = useId()
  const startId = useId()
  const versionId = useId()
  const typeName = useId()
  const others = Object.keys(fields).filter((key) => !KNOWN.has(key))
  const startAt = typeof fields.StartAt === 'string' ? fields.StartAt : ''
  return (
    <div className="sw-inspector-machine" data-testid="inspector-machine">
      <header className="sw-inspector-header">
        <span className="sw-type-icon sw-type-icon--machine" aria-hidden="true">
          ≡
        </span>
        <div className="sw-inspector-heading">
          <h2 className="sw-inspector-title">Workflow settings</h2>
          <div className="sw-inspector-subtitle">
            <span className="sw-muted">
              {stateCount} state{stateCount === 1 ? '' : 's'} ·{' '}
              {errors === 0 ? 'no errors' : `${errors} error${errors === 1 ? '' : 's'}`}
            </span>
          </div>
        </div>
      </header>
      <p className="sw-help sw-help--block sw-inspector-hint">
        Select a state on the canvas to edit it.
      </p>
      <Section id="machine" title="Workflow">
        <Field
          label="Type"
          group
          help="STANDARD: up to a year, exactly-once, full history. EXPRESS: up to 5 minutes, at-least-once, high volume; no .sync, .waitForTaskToken or activities."
        >
          <div className="sw-radio-row" role="radiogroup" aria-label="Workflow type">
            {(['STANDARD', 'EXPRESS'] as const).map((type: WorkflowType) => (
              <label key={type} className="sw-radio">
                <input
                  type="radio"
                  name={typeName}
                  value={type}
                  checked={workflowType === type}
                  data-testid={`machine-type-${type}`}
                  onChange={() => useDocumentStore.getState().setWorkflowType(type)}
                />
                {type}
              </label>
            ))}
          </div>
        </Field>
        <Field
          label="Comment"
          htmlFor={commentId}
          help="A human-readable description of the workflow."
          diagnostics={forKey('Comment')}
        >
          <CommitInput
            id={commentId}
            value={scalarText(fields.Comment)}
            data-testid="machine-comment"
            placeholder="What this workflow does"
            onCommit={(text) =>
              setMachineField('Comment', text === '' ? undefined : text, 'Edit workflow comment')
            }
          />
        </Field>
        <Field
          label="StartAt"
          htmlFor={startId}
          help="The first state to run."
          diagnostics={forKey('StartAt')}
        >
          <select
            id={startId}
            className="sw-select"
            value={startAt}
            data-testid="machine-start-at"
            onChange={(event) => {
              const state = states.find((s) => s.name === event.target.value)
              if (state) {
                applyCommands(
                  { type: 'setStartAt', scopeId: rootScope(graph).id, stateId: state.id },
                  'Set start state',
                )
              }
            }}
          >
            {!states.some((s) => s.name === startAt) && (
              <option value={startAt}>
                {startAt === '' ? '— choose —' : `${startAt} (missing)`}
              </option>
            )}
            {states.map((state) => (
              <option key={state.id} value={state.name}>
                {state.name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="TimeoutSeconds"
          htmlFor={timeoutId}
          help={`${findField(MACHINE_FIELDS, 'TimeoutSeconds')?.description ?? ''} Empty: no limit but the workflow type's maximum.`}
          diagnostics={forKey('TimeoutSeconds')}
        >
          <CommitInput
            id={timeoutId}
            value={scalarText(fields.TimeoutSeconds)}
            inputMode="numeric"
            placeholder="no limit"
            data-testid="machine-timeout"
            validate={(text) => {
              const parsed = parseScalar(text, { kind: 'integer', min: 0, max: 99999999 })
              return parsed.ok ? undefined : parsed.error
            }}
            onCommit={(text) => {
              const parsed = parseScalar(text, { kind: 'integer', min: 0, max: 99999999 })
              if (parsed.ok)
                setMachineField('TimeoutSeconds', parsed.value, 'Edit workflow timeout')
            }}
          />
        </Field>
        <Field
          label="Version"
          htmlFor={versionId}
          help="The ASL version; 1.0 is the only one."
          diagnostics={forKey('Version')}
        >
          <select
            id={versionId}
            className="sw-select"
            value={scalarText(fields.Version)}
            data-testid="machine-version"
            onChange={(event) =>
              setMachineField(
                'Version',
                event.target.value === '' ? undefined : event.target.value,
                'Edit version',
              )
            }
          >
            <option value="">(not set)</option>
            <option value="1.0">1.0</option>
            {fields.Version !== undefined && fields.Version !== '1.0' && (
              <option value={scalarText(fields.Version)}>
                {scalarText(fields.Version)} (invalid)
              </option>
            )}
          </select>
        </Field>
        <MachineQueryLanguage diagnostics={forKey('QueryLanguage')} />
      </Section>
      {others.length > 0 && (
        <Section id="machine-other" title="Other fields">
          {others.map((key) => (
            <Field
              key={key}
              label={key}
              help="Not an ASL top-level field; kept as is."
              diagnostics={forKey(key)}
            >
              <JsonEditor
                value={fields[key]}
                aria-label={`${key} (JSON)`}
                onCommit={(value) => setMachineField(key, value, `Edit ${key}`)}
              />
            </Field>
          ))}
        </Section>
      )}
    </div>
  )
}

interface PendingMachineSwitch {
  to: QueryLanguage | undefined
  commands: GraphCommand[]
  converted: string[]
  kept: string[]
}

/** The machine's language; switching converts every state that inherits it. */
function MachineQueryLanguage({ diagnostics }: { diagnostics: Diagnostic[] }) {
  const graph = useDocumentStore((s) => s.graph)
  const id = useId()
  const [pending, setPending] = useState<PendingMachineSwitch | null>(null)
  const own = rootScope(graph).fields.QueryLanguage
  const current: QueryLanguage = own === 'JSONata' ? 'JSONata' : 'JSONPath'

  const plan = (value: QueryLanguage | undefined): PendingMachineSwitch => {
    const to = value ?? 'JSONPath'
    const commands: GraphCommand[] = [{ type: 'setMachineField', key: 'QueryLanguage', value }]
    const converted: string[] = []
    const kept: string[] = []
    if (to !== current) {
      for (const state of scopeStates(graph, rootScope(graph).id)) {
        const definition = stateToAsl(graph, state.id)
        const ownLanguage = definition.QueryLanguage
        // JSONPath states are not allowed in a JSONata workflow: those are converted too.
        const converts =
          ownLanguage === undefined || (to === 'JSONata' && ownLanguage === 'JSONPath')
        if (!converts) continue
        const result = convertState(definition, to)
        let next: JsonObject = result.definition
        if (ownLanguage !== undefined) {
          const { QueryLanguage: _dropped, ...rest } = next
          next = rest
        }
        if (JSON.stringify(next) !== JSON.stringify(definition)) {
          commands.push({ type: 'replaceState', id: state.id, definition: next })
        }
        converted.push(...result.converted.map((line) => `${state.name}: ${line}`))
        kept.push(...result.kept.map((line) => `${state.name}: ${line}`))
      }
    }
    return { to: value, commands, converted, kept }
  }

  const run = (choice: PendingMachineSwitch) => {
    applyCommands(choice.commands, `Workflow QueryLanguage ${choice.to ?? 'default'}`)
    setPending(null)
  }

  return (
    <Field
      label="QueryLanguage"
      htmlFor={id}
      help="The default for every state (JSONPath when not set). Switching converts the states that inherit it; a state can still set its own, except JSONPath inside a JSONata workflow."
      diagnostics={diagnostics}
    >
      <select
        id={id}
        className="sw-select"
        value={own === 'JSONPath' || own === 'JSONata' ? own : ''}
        data-testid="machine-query-language"
        onChange={(event) => {
          const value =
            event.target.value === '' ? undefined : (event.target.value as QueryLanguage)
          const choice = plan(value)
          if (choice.kept.length === 0) run(choice)
          else setPending(choice)
        }}
      >
        <option value="">(not set: JSONPath)</option>
        <option value="JSONPath">JSONPath</option>
        <option value="JSONata">JSONata</option>
      </select>
      {pending && (
        <div
          className="sw-callout sw-callout--warning"
          role="alertdialog"
          aria-labelledby={`${id}-t`}
        >
          <p className="sw-callout-title" id={`${id}-t`}>
            Switch the workflow to {pending.to ?? 'JSONPath'}? Some fields cannot be converted.
          </p>
          <p className="sw-callout-sub">Kept as they are:</p>
          <ul>
            {pending.kept.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <div className="sw-btn-row">
            <button
              type="button"
              className="sw-btn sw-btn--primary"
              data-testid="machine-query-language-confirm"
              onClick={() => run(pending)}
            >
              Switch anyway
            </button>
            <button type="button" className="sw-btn" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </Field>
  )
}
