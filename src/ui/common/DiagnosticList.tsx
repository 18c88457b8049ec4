import type { Diagnostic, Severity } from '../../core/asl/diagnostics'
import './forms.css'

// The validator's messages next to a field, with the same icons as the problems panel.

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
}

// Drawn, not emoji: emoji fonts are missing on many Linux machines.
function SeverityGlyph({ severity }: { severity: Severity }) {
  switch (severity) {
    case 'error':
      return (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M5.5 5.5l5 5m0-5l-5 5" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
        </>
      )
    case 'warning':
      return (
        <>
          <path d="M8 1.5l7 12.5H1z" fill="currentColor" />
          <path d="M8 6v3.6" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
          <circle cx="8" cy="11.8" r="0.9" fill="#fff" />
        </>
      )
    case 'info':
      return (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M8 7.2v4" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
          <circle cx="8" cy="4.8" r="0.9" fill="#fff" />
        </>
      )
  }
}

export function SeverityIcon({ severity }: { severity: Severity }) {
  return (
    <svg
      className={`sw-sev sw-sev--${severity}`}
      viewBox="0 0 16 16"
      width="12"
      height="12"
      role="img"
      aria-label={SEVERITY_LABEL[severity]}
    >
      <SeverityGlyph severity={severity} />
    </svg>
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
