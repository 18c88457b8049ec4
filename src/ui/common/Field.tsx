import type { ReactNode } from 'react'
import type { Diagnostic } from '../../core/asl/diagnostics'
import { DiagnosticList } from './DiagnosticList'
import './forms.css'

// One labelled control: label, control, help text from the ASL spec, and the validator's
// diagnostics for that field. `htmlFor` ties the label to the control; groups of controls
// (radio buttons, chips) use `group` to become a fieldset with a legend.

export interface FieldProps {
  label: ReactNode
  htmlFor?: string
  help?: ReactNode
  helpId?: string
  diagnostics?: readonly Diagnostic[]
  /** Render as a fieldset/legend (for several controls). */
  group?: boolean
  /** Right of the label: a mode switch, a remove button… */
  aside?: ReactNode
  inline?: boolean
  children: ReactNode
  'data-field'?: string
}

export function Field({
  label,
  htmlFor,
  help,
  helpId,
  diagnostics,
  group,
  aside,
  inline,
  children,
  ...rest
}: FieldProps) {
  const body = (
    <>
      {children}
      {help && (
        <div className="sw-help" id={helpId}>
          {help}
        </div>
      )}
      {diagnostics && diagnostics.length > 0 && <DiagnosticList diagnostics={diagnostics} />}
    </>
  )
  const className = `sw-field${inline ? ' sw-field--inline' : ''}`
  if (group) {
    return (
      <fieldset className={className} data-field={rest['data-field']}>
        <legend className="sw-label">
          {label}
          {aside && <span className="sw-label-aside">{aside}</span>}
        </legend>
        {body}
      </fieldset>
    )
  }
  return (
    <div className={className} data-field={rest['data-field']}>
      <div className="sw-label-row">
        <label className="sw-label" htmlFor={htmlFor}>
          {label}
        </label>
        {aside && <span className="sw-label-aside">{aside}</span>}
      </div>
      {body}
    </div>
  )
}
