import type { KeyboardEvent } from 'react'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { JsonValue } from '../../core/asl/types'
import type { JsonExpectation } from './jsonText'
import { describeJsonError, formatJson, parseJsonText } from './jsonText'
import './forms.css'

// A light JSON editor for one field (Parameters, Result, Assign…): a textarea validated as you
// type, with "Line n, column m" messages. It commits once, on blur, Ctrl/Cmd+Enter or unmount,
// and only valid JSON; Escape reverts. Monaco is for the code view and never loads here.

export interface JsonEditorProps {
  id?: string
  value: JsonValue | undefined
  /** Called with the parsed value, or undefined when the text was cleared (remove the field). */
  onCommit(value: JsonValue | undefined): void
  expect?: JsonExpectation
  /** May the field be removed by clearing the text? */
  allowEmpty?: boolean
  /** Extra checks on a parsed value (e.g. `key.$` paths); a message blocks the commit. */
  check?(value: JsonValue): string | undefined
  placeholder?: string
  'aria-label'?: string
  'aria-describedby'?: string
  'data-testid'?: string
  readOnly?: boolean
  /** Show and accept a `{% … %}` string without JSON quotes (JSONata fields). */
  jsonata?: boolean
  title?: string
  minRows?: number
  maxRows?: number
}

export function JsonEditor(props: JsonEditorProps) {
  const {
    value,
    onCommit,
    expect = 'any',
    allowEmpty = true,
    check,
    minRows = 2,
    maxRows = 14,
    readOnly,
    jsonata = false,
  } = props
  const committed = useMemo(() => formatJson(value, jsonata), [value, jsonata])
  const [draft, setDraft] = useState<string | null>(null)
  const errorId = useId()
  const text = draft ?? committed

  const error = useMemo(() => {
    if (draft === null) return undefined
    const parsed = parseJsonText(draft, expect, jsonata)
    if (!parsed.ok) return describeJsonError(parsed)
    if (parsed.value === undefined) return allowEmpty ? undefined : 'A value is required.'
    return check?.(parsed.value)
  }, [draft, expect, allowEmpty, check, jsonata])

  const latest = useRef({ draft, committed, error, onCommit, expect, jsonata })
  useEffect(() => {
    latest.current = { draft, committed, error, onCommit, expect, jsonata }
  })
  useEffect(
    () => () => {
      const {
        draft: text,
        committed: current,
        error: problem,
        onCommit: commit,
        expect: shape,
        jsonata: bare,
      } = latest.current
      if (text === null || text === current || problem !== undefined) return
      const parsed = parseJsonText(text, shape, bare)
      if (parsed.ok) commit(parsed.value)
    },
    [],
  )

  const commit = () => {
    if (draft === null || error !== undefined) return
    const parsed = parseJsonText(draft, expect, jsonata)
    if (!parsed.ok) return
    setDraft(null)
    latest.current = { ...latest.current, draft: null }
    // Reformatting alone is not an edit.
    if (formatJson(parsed.value, jsonata) !== committed) onCommit(parsed.value)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      commit()
    } else if (event.key === 'Escape' && draft !== null) {
      event.preventDefault()
      event.stopPropagation()
      setDraft(null)
    }
  }

  const lines = text.split('\n').length
  // An empty editor is one line; it grows with its content.
  const rows = text === '' ? 1 : Math.max(minRows, Math.min(maxRows, lines))
  const describedBy = [props['aria-describedby'], error ? errorId : undefined]
    .filter(Boolean)
    .join(' ')

  return (
    <div className={`sw-json${error ? ' sw-json--invalid' : ''}`}>
      <textarea
        id={props.id}
        className="sw-json-text"
        value={text}
        rows={rows}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        readOnly={readOnly}
        placeholder={props.placeholder}
        title={props.title}
        aria-label={props['aria-label']}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        data-testid={props['data-testid']}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      <div className="sw-json-bar">
        {error ? (
          <span className="sw-json-error" id={errorId} role="alert">
            {error}
          </span>
        ) : (
          <span className="sw-json-hint">
            {draft !== null && draft !== committed
              ? 'Unsaved — leave the field or press Ctrl+Enter to apply, Esc to revert'
              : ''}
          </span>
        )}
      </div>
    </div>
  )
}
