import type { ReactNode } from 'react'
import { useId, useState } from 'react'
import type { DocPath } from '../../core/asl/diagnostics'
import type { FieldSpec } from '../../core/asl/fields'
import type { JsonValue } from '../../core/asl/types'
import { CommitInput } from '../common/CommitInput'
import { Field } from '../common/Field'
import { JsonEditor } from '../common/JsonEditor'
import type { JsonExpectation } from '../common/jsonText'
import { jsonCheckFor } from './checks'
import { useFieldDiagnostics, useStateEditor } from './context'
import type { ScalarSpec } from './scalar'
import { parseScalar, scalarText } from './scalar'

// Form rows bound to a path of the selected state: each reads its value, shows the field's
// diagnostics and commits one change (one undo step).

export function pathKey(path: DocPath): string {
  return path.join('.')
}

interface RowBase {
  path: DocPath
  label: ReactNode
  help?: ReactNode
  testId?: string
  aside?: ReactNode
}

export interface ScalarRowProps extends RowBase {
  spec: ScalarSpec
  placeholder?: string
  /** Overrides the commit (e.g. to also remove an exclusive twin). */
  onCommit?(value: JsonValue | undefined): void
  /** Help as a tooltip on the input instead of text under it (dense cards). */
  tooltip?: string
}

/** A one-line input: text, number, path, timestamp or `{% %}`. */
export function ScalarRow({
  path,
  label,
  help,
  testId,
  aside,
  spec,
  placeholder,
  onCommit,
  tooltip,
}: ScalarRowProps) {
  const editor = useStateEditor()
  const id = useId()
  const helpId = useId()
  const diagnostics = useFieldDiagnostics(path)
  const value = editor.get(path)
  return (
    <Field
      label={label}
      htmlFor={id}
      help={help}
      helpId={helpId}
      diagnostics={diagnostics}
      aside={aside}
      data-field={pathKey(path)}
    >
      <CommitInput
        id={id}
        value={scalarText(value)}
        placeholder={placeholder}
        title={tooltip}
        aria-describedby={help ? helpId : undefined}
        data-testid={testId}
        inputMode={spec.kind === 'integer' || spec.kind === 'number' ? 'decimal' : undefined}
        validate={(text) => {
          const parsed = parseScalar(text, spec)
          return parsed.ok ? undefined : parsed.error
        }}
        onCommit={(text) => {
          const parsed = parseScalar(text, spec)
          if (!parsed.ok) return
          if (onCommit) onCommit(parsed.value)
          else editor.change({ path, value: parsed.value }, `Edit ${String(path.at(-1))}`)
        }}
      />
    </Field>
  )
}

export interface JsonRowProps extends RowBase {
  expect?: JsonExpectation
  check?(value: JsonValue): string | undefined
  placeholder?: string
  allowEmpty?: boolean
  tooltip?: string
  /** Accept a bare `{% … %}` (JSONata fields). */
  jsonata?: boolean
}

/** A small JSON editor for an object or value field. */
export function JsonRow({
  path,
  label,
  help,
  testId,
  aside,
  expect,
  check,
  placeholder,
  allowEmpty,
  tooltip,
  jsonata,
}: JsonRowProps) {
  const editor = useStateEditor()
  const id = useId()
  const helpId = useId()
  const diagnostics = useFieldDiagnostics(path)
  return (
    <Field
      label={label}
      htmlFor={id}
      help={help}
      helpId={helpId}
      diagnostics={diagnostics}
      aside={aside}
      data-field={pathKey(path)}
    >
      <JsonEditor
        id={id}
        value={editor.get(path)}
        expect={expect}
        check={check}
        allowEmpty={allowEmpty}
        placeholder={placeholder}
        title={tooltip}
        jsonata={jsonata}
        aria-describedby={help ? helpId : undefined}
        data-testid={testId}
        onCommit={(value) => editor.change({ path, value }, `Edit ${String(path.at(-1))}`)}
      />
    </Field>
  )
}

/** A JSON row for a field described by the field table (help text and checks from its spec). */
export function SpecJsonRow({
  spec,
  path,
  testId,
  expect,
  placeholder,
  dense,
}: {
  spec: FieldSpec
  path?: DocPath
  testId?: string
  expect?: JsonExpectation
  placeholder?: string
  /** Help as a tooltip (inside repeated cards). */
  dense?: boolean
}) {
  const { language } = useStateEditor()
  const kind = spec.kind
  const shape: JsonExpectation =
    expect ??
    (kind === 'payloadTemplate' || kind === 'assign'
      ? language === 'JSONata' && kind === 'payloadTemplate'
        ? 'objectOrString'
        : 'object'
      : kind === 'nested'
        ? 'object'
        : 'any')
  return (
    <JsonRow
      path={path ?? [spec.name]}
      label={spec.name}
      help={dense ? undefined : spec.description}
      tooltip={dense ? spec.description : undefined}
      testId={testId}
      expect={shape}
      check={jsonCheckFor(kind, language)}
      jsonata={language === 'JSONata'}
      placeholder={placeholder}
    />
  )
}

export interface SelectOption {
  value: string
  label: string
}

export interface SelectRowProps extends RowBase {
  options: readonly SelectOption[]
  /** The option meaning "field absent"; omitted when the field is required. */
  emptyLabel?: string
  onSelect?(value: string | undefined): void
}

/** A menu of fixed values; the empty option removes the field. */
export function SelectRow({
  path,
  label,
  help,
  testId,
  aside,
  options,
  emptyLabel,
  onSelect,
}: SelectRowProps) {
  const editor = useStateEditor()
  const id = useId()
  const helpId = useId()
  const diagnostics = useFieldDiagnostics(path)
  const value = editor.get(path)
  const current = value === undefined ? '' : scalarText(value)
  const known = current === '' || options.some((option) => option.value === current)
  return (
    <Field
      label={label}
      htmlFor={id}
      help={help}
      helpId={helpId}
      diagnostics={diagnostics}
      aside={aside}
      data-field={pathKey(path)}
    >
      <select
        id={id}
        className="sw-select"
        value={current}
        aria-describedby={help ? helpId : undefined}
        data-testid={testId}
        onChange={(event) => {
          const next = event.target.value === '' ? undefined : event.target.value
          if (onSelect) onSelect(next)
          else editor.change({ path, value: next }, `Edit ${String(path.at(-1))}`)
        }}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {!known && <option value={current}>{current} (invalid)</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  )
}

export interface ValueOrPathRowProps {
  valueKey: string
  pathKey: string
  /** Where the pair lives (e.g. ['ItemReader', 'ReaderConfig']); the state itself by default. */
  base?: DocPath
  valueSpec: ScalarSpec
  pathSpec?: ScalarSpec
  help?: ReactNode
  testId?: string
  placeholder?: string
}

/**
 * A value field with its `…Path` twin (TimeoutSeconds / TimeoutSecondsPath…). In JSONPath a
 * switch picks which one the state uses; committing one removes the other in the same step. In
 * JSONata the value takes a `{% %}` expression instead.
 */
export function ValueOrPathRow({
  valueKey,
  pathKey: twinKey,
  base = [],
  valueSpec,
  pathSpec = { kind: 'reference' },
  help,
  testId,
  placeholder,
}: ValueOrPathRowProps) {
  const editor = useStateEditor()
  const valuePath = [...base, valueKey]
  const twinPath = [...base, twinKey]
  const hasTwin = editor.get(twinPath) !== undefined
  const hasValue = editor.get(valuePath) !== undefined
  // A choice holds until the document changes which of the two it has (a commit, an undo).
  const presentKey = `${hasValue}/${hasTwin}`
  const [choice, setChoice] = useState<{ mode: 'value' | 'path'; under: string } | null>(null)
  const jsonata = editor.language === 'JSONata'
  if (jsonata) {
    return (
      <ScalarRow
        path={valuePath}
        label={valueKey}
        help={help}
        testId={testId}
        placeholder={placeholder ?? '{% … %} or a value'}
        spec={{ ...valueSpec, jsonata: true }}
      />
    )
  }
  const mode =
    choice && choice.under === presentKey ? choice.mode : hasTwin && !hasValue ? 'path' : 'value'
  const switcher = (
    <span className="sw-seg-group" role="group" aria-label={`${valueKey}: value or path`}>
      {(['value', 'path'] as const).map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={mode === option}
          className="sw-segment"
          onClick={() => {
            // The field moves over only when the user commits a value in the other form.
            if (option !== mode) setChoice({ mode: option, under: presentKey })
          }}
          title={option === 'value' ? `Use ${valueKey}` : `Use ${twinKey} (read from the input)`}
        >
          {option === 'value' ? 'Value' : 'Path'}
        </button>
      ))}
    </span>
  )
  const commit = (which: 'value' | 'path') => (value: JsonValue | undefined) => {
    const [keep, drop] = which === 'value' ? [valuePath, twinPath] : [twinPath, valuePath]
    editor.change(
      value === undefined
        ? [{ path: keep, value: undefined }]
        : [
            { path: keep, value },
            { path: drop, value: undefined },
          ],
      `Edit ${valueKey}`,
    )
  }
  return mode === 'value' ? (
    <ScalarRow
      key="value"
      path={valuePath}
      label={valueKey}
      help={help}
      aside={switcher}
      testId={testId}
      placeholder={placeholder}
      spec={valueSpec}
      onCommit={commit('value')}
    />
  ) : (
    <ScalarRow
      key="path"
      path={twinPath}
      label={twinKey}
      help={`Reads ${valueKey} from the state input, e.g. $.${valueKey.charAt(0).toLowerCase()}${valueKey.slice(1)}.`}
      aside={switcher}
      testId={testId ? `${testId}-path` : undefined}
      placeholder="$.field"
      spec={pathSpec}
      onCommit={commit('path')}
    />
  )
}
