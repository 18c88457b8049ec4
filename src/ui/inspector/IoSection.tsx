import type { FieldSpec } from '../../core/asl/fields'
import { fieldsFor } from '../../core/asl/fields'
import { Section } from '../common/Section'
import { useStateEditor } from './context'
import { ScalarRow, SpecJsonRow } from './rows'

// The data flow fields, in the form of the state's query language: JSONPath's five-step
// pipeline or JSONata's Arguments/Output. Assign is in both.

const JSONPATH_IO = ['InputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'OutputPath']
const JSONATA_IO = ['Arguments', 'Output']

const TEST_IDS: Readonly<Record<string, string>> = {
  InputPath: 'io-input-path',
  Parameters: 'io-parameters',
  ResultSelector: 'io-result-selector',
  ResultPath: 'io-result-path',
  OutputPath: 'io-output-path',
  Arguments: 'io-arguments',
  Output: 'io-output',
  Assign: 'io-assign',
}

const HELP: Readonly<Record<string, string>> = {
  InputPath: 'Selects the part of the input the state uses (default $; null gives {}).',
  Parameters: 'The task input. Keys ending in .$ take a path or an intrinsic function.',
  ResultSelector: 'Reshapes the raw result ($) before ResultPath.',
  ResultPath: 'Where the result goes in the input (default $ replaces it; null keeps the input).',
  OutputPath: 'Selects the part passed on (default $; null gives {}).',
  Arguments: 'The task input; {% … %} strings are JSONata over $states.input.',
  Output: 'The state output (default: the result for tasks, else the input).',
  Assign: 'Variables set after the state, read later as $name.',
}

export function IoSection() {
  const { type, language, get } = useStateEditor()
  if (type === undefined) return null
  const wanted = language === 'JSONata' ? JSONATA_IO : JSONPATH_IO
  // Map's Parameters is the legacy ItemSelector: it lives with the Map settings.
  const specs = fieldsFor(type, language)
    .filter((spec) => wanted.includes(spec.name) && !(type === 'Map' && spec.name === 'Parameters'))
    // In the order the data flows through them.
    .sort((a, b) => wanted.indexOf(a.name) - wanted.indexOf(b.name))
  const assign = fieldsFor(type, language).find((spec) => spec.name === 'Assign')
  if (specs.length === 0 && !assign) return null
  const count = [...specs, ...(assign ? [assign] : [])].filter(
    (s) => get([s.name]) !== undefined,
  ).length
  return (
    <Section
      id="io"
      title={language === 'JSONata' ? 'Input & output (JSONata)' : 'Input & output (JSONPath)'}
      badge={count > 0 ? <span className="sw-count">{count}</span> : undefined}
    >
      {specs.map((spec) => (
        <IoField key={spec.name} spec={spec} />
      ))}
      {assign && <IoField spec={assign} />}
    </Section>
  )
}

function IoField({ spec }: { spec: FieldSpec }) {
  const { type } = useStateEditor()
  const testId = TEST_IDS[spec.name]
  const help = HELP[spec.name] ?? spec.description
  switch (spec.kind) {
    case 'pathOrNull':
      return (
        <ScalarRow
          path={[spec.name]}
          label={spec.name}
          help={help}
          testId={testId}
          placeholder="$"
          spec={{ kind: 'path', nullable: true }}
        />
      )
    case 'resultPath':
      return (
        <ScalarRow
          path={[spec.name]}
          label={spec.name}
          help={help}
          testId={testId}
          placeholder="$"
          spec={{ kind: 'resultPath', nullable: true }}
        />
      )
    default:
      return (
        <SpecJsonRow
          spec={{ ...spec, description: help }}
          testId={testId}
          expect={spec.name === 'Output' ? 'any' : undefined}
          placeholder={placeholderFor(spec.name, type)}
        />
      )
  }
}

function placeholderFor(name: string, type: string | undefined): string | undefined {
  switch (name) {
    case 'Parameters':
      return '{ "Payload.$": "$" }'
    case 'ResultSelector':
      return '{ "body.$": "$.Payload" }'
    case 'Arguments':
      return '{ "Payload": "{% $states.input %}" }'
    case 'Output':
      return type === 'Task' || type === 'Parallel' || type === 'Map'
        ? '{% $states.result %}'
        : '{ "total": "{% $states.input.price * 2 %}" }'
    case 'Assign':
      return '{ "count": 0 }'
    default:
      return undefined
  }
}
