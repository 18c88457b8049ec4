import { useId } from 'react'
import type { Diagnostic } from '../../core/asl/diagnostics'
import { scopeStates } from '../../core/graph/model'
import { Field } from '../common/Field'
import { useStateEditor } from './context'

// Picks a transition target among the states of the selected state's scope (the only states a
// transition may name). A target that does not exist is kept and shown as missing.

export interface TargetSelectProps {
  label: string
  value: string | undefined
  onChange(name: string | undefined): void
  /** Label of the "no target" option; omitted when a target is required. */
  noneLabel: string
  help?: string
  diagnostics?: readonly Diagnostic[]
  testId?: string
  /** Extra first options (e.g. End). */
  extra?: readonly { value: string; label: string }[]
}

export function TargetSelect({
  label,
  value,
  onChange,
  noneLabel,
  help,
  diagnostics,
  testId,
  extra = [],
}: TargetSelectProps) {
  const { graph, state } = useStateEditor()
  const id = useId()
  const names = scopeStates(graph, state.scopeId).map((s) => s.name)
  const missing =
    value !== undefined && !names.includes(value) && !extra.some((e) => e.value === value)
  return (
    <Field label={label} htmlFor={id} help={help} diagnostics={diagnostics}>
      <select
        id={id}
        className="sw-select"
        value={value ?? ''}
        data-testid={testId}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      >
        <option value="">{noneLabel}</option>
        {extra.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {missing && <option value={value}>{value} (missing)</option>}
        {names.map((name) => (
          <option key={name} value={name}>
            {name === state.name ? `${name} (this state)` : name}
          </option>
        ))}
      </select>
    </Field>
  )
}
