// Diagnostics and source locations shared by the parser, the validator and every view that
// shows a problem (canvas badges, the problems panel, Monaco markers, the CLI).

/** 1-based line and column, as editors and `file:line:col` show them. */
export interface Position {
  line: number
  column: number
}

/** A range in the original text; `offset`/`endOffset` are 0-based UTF-16 indexes. */
export interface SourceRange {
  start: Position
  end: Position
  offset: number
  endOffset: number
}

export type Severity = 'error' | 'warning' | 'info'

/** A JSON path into the document, e.g. `['States', 'Charge', 'Retry', 0, 'ErrorEquals']`. */
export type DocPath = (string | number)[]

export interface Diagnostic {
  severity: Severity
  /** Stable, machine-readable, e.g. `MISSING_TARGET`, `UNREACHABLE_STATE`, `JSON_SYNTAX`. */
  code: string
  /** A sentence a person understands: what is wrong, where, and when it helps, how to fix it. */
  message: string
  /** Where in the document the problem is. */
  path: DocPath
  /** Names of the states enclosing the problem, outermost first (empty for top-level fields). */
  statePath: string[]
  /** Where in the source text, when the document came from text. */
  range?: SourceRange
}

/**
 * A document path as a JSONPath-like string, as the CLI and the problems panel show it:
 * `$.States.Charge.Retry[0].ErrorEquals`, `$.States["My state"].Next`.
 */
export function formatDocPath(path: DocPath): string {
  let out = '$'
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(step)) out += `.${step}`
    else out += `[${JSON.stringify(step)}]`
  }
  return out
}
