import type { KeyboardEvent } from 'react'
import { useId, useState } from 'react'
import './forms.css'

// A list of names as chips (ErrorEquals): type a name and press Enter (or a comma, or leave the
// field) to add it; several names separated by commas are added at once; Backspace in the empty
// field removes the last chip. `presets` feed the autocomplete and a quick-add menu.

export interface ChipPreset {
  value: string
  description?: string
}

export interface ChipsInputProps {
  id?: string
  values: readonly string[]
  /** Names typed or picked, in order (the owner decides how they combine with the list). */
  onAdd(names: string[]): void
  onRemove(index: number): void
  presets?: readonly ChipPreset[]
  placeholder?: string
  'aria-describedby'?: string
  /** On the text input; `<testid>-preset` on the quick-add menu. */
  'data-testid'?: string
  /** What the chips are, for accessible names ("error"). */
  noun?: string
}

export function ChipsInput(props: ChipsInputProps) {
  const { values, onAdd, onRemove, presets = [], noun = 'item' } = props
  const [text, setText] = useState('')
  const listId = useId()
  const testId = props['data-testid']

  const flush = (raw: string) => {
    const names = raw
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '')
    setText('')
    if (names.length > 0) onAdd(names)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault()
      flush(text)
    } else if (event.key === 'Backspace' && text === '' && values.length > 0) {
      event.preventDefault()
      onRemove(values.length - 1)
    } else if (event.key === 'Escape' && text !== '') {
      event.stopPropagation()
      setText('')
    }
  }

  const unused = presets.filter((preset) => !values.includes(preset.value))

  return (
    <div className="sw-errchips">
      <ul className="sw-errchip-list" aria-label={`${noun}s`}>
        {values.map((value, index) => (
          <li key={`${value}-${index}`} className="sw-errchip" data-testid="chip">
            <span className="sw-errchip-text">{value}</span>
            <button
              type="button"
              className="sw-errchip-remove"
              aria-label={`Remove ${noun} ${value}`}
              onClick={() => onRemove(index)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="sw-errchips-row">
        <input
          id={props.id}
          className="sw-input sw-errchips-input"
          value={text}
          list={listId}
          placeholder={props.placeholder ?? `Add ${noun}…`}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={props['aria-describedby']}
          data-testid={testId}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => flush(text)}
        />
        <datalist id={listId}>
          {unused.map((preset) => (
            <option key={preset.value} value={preset.value} label={preset.description} />
          ))}
        </datalist>
        {unused.length > 0 && (
          <select
            className="sw-select sw-errchips-preset"
            aria-label={`Add a common ${noun}`}
            value=""
            data-testid={testId ? `${testId}-preset` : undefined}
            onChange={(event) => {
              if (event.target.value) onAdd([event.target.value])
            }}
          >
            <option value="">+ Common…</option>
            {unused.map((preset) => (
              <option key={preset.value} value={preset.value} title={preset.description}>
                {preset.value}
              </option>
            ))}
          </select>
        )}
      </div>
    </div>
  )
}
