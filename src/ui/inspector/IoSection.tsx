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
  InputPath: 'Selects part of the state input (default $). Type null for an empty object {}.',
  ResultPath:
    'Where the result goes in the input (default $: the result replaces the input). Type null to discard the result and pass the input through.',
  OutputPath: 'Selects part of the output passed on (default $). Type null for {}.',
  Parameters:
    'Builds the task input. Keys ending in .$ take a path ($.x, $$.Execution.Id, $var) or an intrinsic function (States.Format(…)).',
  ResultSelector:
    'Builds a new result from the raw result before ResultPath applies ($ is the raw result).',
  Arguments:
    'The task input. Strings written {% … %} are JSONata expressions over $states.input, $states.context and variables.',
  Output:
    'The state output. Default: the result ($states.result) for tasks, the input otherwise. Use {% … %} for expressions.',
  Assign:
    'Workflow variables set after the state, readable later as $name. Values may use {% %} (JSONata) or keys ending in .$ (JSONPath).',
}

export function IoSection() {
  const { type, language, get } = useStateEditor()
  if (type === undefined) return null
  const wanted = language === 'JSONata' ? JSONATA_IO : JSONPATH_IO
  // Map's Parameters is the legacy ItemSelector: it lives with the Map settings.
  const specs = fieldsFor(type, language).filter(
    (spec) => wanted.includes(spec.name) && !(type === 'Map' && spec.name === 'Parameters'),
  )
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
          placeholder={placeholderFor(spec.name)}
        />
      )
  }
}

function placeholderFor(name: string): string | undefined {
  switch (name) {
    case 'Parameters':
      return '{ "Payload.$": "$" }'
    case 'ResultSelector':
      return '{ "body.$": "$.Payload" }'
    case 'Arguments':
      return '{ "Payload": "{% $states.input %}" }'
    case 'Output':
      return '"{% $states.result %}"'
    case 'Assign':
      return '{ "count": 0 }'
    default:
      return undefined
  }
}
