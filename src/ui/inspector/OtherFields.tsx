import { fieldAllowedIn, findField, STATE_FIELDS } from '../../core/asl/fields'
import { QUERY_LANGUAGE_COUNTERPARTS } from '../../core/asl/fields'
import { stateToAsl } from '../../core/graph/model'
import { JsonEditor } from '../common/JsonEditor'
import { Section } from '../common/Section'
import { DiagnosticList } from '../common/DiagnosticList'
import { useFieldDiagnostics, useStateEditor } from './context'

// Fields the form has no control for: unknown to ASL (kept for forward compatibility and never
// dropped), or of the other query language. Each stays editable as JSON and removable.

/** Keys the type-specific sections render. */
function renderedKeys(type: string | undefined, language: 'JSONPath' | 'JSONata'): Set<string> {
  const keys = new Set<string>(['Type'])
  if (type === undefined || !(type in STATE_FIELDS)) return keys
  for (const spec of STATE_FIELDS[type as keyof typeof STATE_FIELDS]) {
    if (fieldAllowedIn(spec, language)) keys.add(spec.name)
  }
  return keys
}

export function OtherFieldsSection() {
  const editor = useStateEditor()
  const { state, type, language } = editor
  const rendered = renderedKeys(type, language)
  const others = Object.keys(state.fields).filter((key) => !rendered.has(key))
  if (others.length === 0) return null
  return (
    <Section
      id="other"
      title="Other fields"
      badge={<span className="sw-count sw-count--warning">{others.length}</span>}
      data-testid="other-fields"
    >
      {others.map((key) => (
        <OtherField key={key} name={key} />
      ))}
    </Section>
  )
}

function OtherField({ name }: { name: string }) {
  const editor = useStateEditor()
  const { type, language } = editor
  const spec = type ? findField(STATE_FIELDS[type], name) : undefined
  const diagnostics = useFieldDiagnostics([name])
  const reason = spec
    ? `${spec.language}-only field: not used in a ${language} state.${
        QUERY_LANGUAGE_COUNTERPARTS[name]
          ? ` Use ${QUERY_LANGUAGE_COUNTERPARTS[name]} instead.`
          : ''
      }`
    : type
      ? `Not an ASL field of a ${type} state. It is kept as is; AWS rejects unknown fields.`
      : 'Kept as is.'
  const labelId = `other-${name}`
  return (
    <div className="sw-field" data-field={name}>
      <div className="sw-label-row">
        <span className="sw-label" id={labelId}>
          {name}
        </span>
        <button
          type="button"
          className="sw-link-button"
          data-testid={`other-${name}-remove`}
          aria-label={`Remove field ${name}`}
          onClick={() => editor.change({ path: [name], value: undefined }, `Remove ${name}`)}
        >
          Remove
        </button>
      </div>
      <JsonEditor
        value={editor.get([name])}
        aria-label={`${name} (JSON)`}
        allowEmpty
        data-testid={`other-${name}`}
        onCommit={(value) => editor.change({ path: [name], value }, `Edit ${name}`)}
      />
      <div className="sw-help">{reason}</div>
      {diagnostics.length > 0 && <DiagnosticList diagnostics={diagnostics} />}
    </div>
  )
}

/** The whole state as JSON: the escape hatch for anything the form does not cover. */
export function StateJsonSection() {
  const editor = useStateEditor()
  const definition = stateToAsl(editor.graph, editor.state.id)
  return (
    <Section id="json" title="State JSON" defaultOpen={false}>
      <p className="sw-help sw-help--block">
        The state exactly as it is exported. Edits apply when you leave the field (Ctrl+Enter) and
        are one undo step.
      </p>
      <JsonEditor
        value={definition}
        expect="object"
        allowEmpty={false}
        aria-label={`${editor.state.name} as JSON`}
        data-testid="inspector-json"
        maxRows={30}
        onCommit={(value) => {
          if (
            value === undefined ||
            typeof value !== 'object' ||
            value === null ||
            Array.isArray(value)
          )
            return
          editor.apply(
            { type: 'replaceState', id: editor.state.id, definition: value },
            'Edit state JSON',
          )
        }}
      />
    </Section>
  )
}
