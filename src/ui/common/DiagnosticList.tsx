import type { Diagnostic, Severity } from '../../core/asl/diagnostics'
import './forms.css'

// The validator's messages next to a field, with the same icons as the problems panel.

export const SEVERITY_ICON: Readonly<Record<Severity, string>> = {
  error: '⛔',
  warning: '⚠',
  info: 'ℹ',
}

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
}

export function SeverityIcon({ severity }: { severity: Severity }) {
  return (
    <span className={`sw-sev sw-sev--${severity}`} role="img" aria-label={SEVERITY_LABEL[severity]}>
      {SEVERITY_ICON[severity]}
    </span>
  )
}

export function DiagnosticList({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  return (
    <ul className="sw-diags">
      {diagnostics.map((d, i) => (
        <li key={`${d.code}-${i}`} className={`sw-diag sw-diag--${d.severity}`}>
          <SeverityIcon severity={d.severity} />
          <span className="sw-diag-message">{d.message}</span>
          <code className="sw-diag-code">{d.code}</code>
        </li>
      ))}
    </ul>
  )
}
