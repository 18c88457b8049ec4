import type { InputHTMLAttributes, KeyboardEvent, TextareaHTMLAttributes } from 'react'
import { useEffect, useId, useRef, useState } from 'react'
import './forms.css'

// A text input that edits a draft and commits it once: on Enter, on blur, or when it unmounts
// with unsaved text (the canvas may take the selection away without moving focus). So one field
// edit is one document change and one undo step, never one per keystroke. Escape reverts.

export interface CommitInputProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'defaultValue' | 'onChange' | 'onBlur' | 'onKeyDown'
> {
  value: string
  onCommit(value: string): void
  /** An error message for a draft, shown under the input; a draft with an error is not committed. */
  validate?(value: string): string | undefined
  'data-testid'?: string
  /**
   * A wrapping textarea for long one-value text (JSONata conditions): Enter still commits,
   * Shift+Enter starts a new line.
   */
  multiline?: boolean
}

export function CommitInput({ value, onCommit, validate, multiline, ...rest }: CommitInputProps) {
  const [draft, setDraft] = useState<string | null>(null)
  const errorId = useId()
  const shown = draft ?? value
  const error = draft !== null && validate ? validate(draft) : undefined

  // Latest values for the unmount commit, which must not re-run on every render.
  const pending = useRef<{ draft: string | null; value: string; error: string | undefined }>({
    draft: null,
    value,
    error: undefined,
  })
  const commitRef = useRef(onCommit)
  useEffect(() => {
    pending.current = { draft, value, error }
    commitRef.current = onCommit
  })
  useEffect(
    () => () => {
      const { draft: text, value: current, error: problem } = pending.current
      if (text !== null && text !== current && problem === undefined) commitRef.current(text)
    },
    [],
  )

  const commit = () => {
    if (draft === null) return
    if (error !== undefined) return
    setDraft(null)
    pending.current = { draft: null, value, error: undefined }
    if (draft !== value) onCommit(draft)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !(multiline && event.shiftKey)) {
      event.preventDefault()
      commit()
    } else if (event.key === 'Escape' && draft !== null) {
      event.preventDefault()
      event.stopPropagation()
      setDraft(null)
    }
  }

  const describedBy = [rest['aria-describedby'], error ? errorId : undefined]
    .filter(Boolean)
    .join(' ')

  const common = {
    spellCheck: false,
    autoComplete: 'off',
    value: shown,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    onBlur: commit,
    onKeyDown,
  } as const
  return (
    <>
      {multiline ? (
        <textarea
          {...(rest as TextareaHTMLAttributes<HTMLTextAreaElement>)}
          {...common}
          className={['sw-input', 'sw-input--multiline', rest.className].filter(Boolean).join(' ')}
          rows={Math.min(6, Math.max(1, Math.ceil(shown.length / 38), shown.split('\n').length))}
          onChange={(event) => setDraft(event.target.value)}
        />
      ) : (
        <input
          type="text"
          {...rest}
          {...common}
          className={['sw-input', rest.className].filter(Boolean).join(' ')}
          onChange={(event) => setDraft(event.target.value)}
        />
      )}
      {error && (
        <div className="sw-input-error" id={errorId} role="alert">
          {error}
        </div>
      )}
    </>
  )
}
