import { useId } from 'react'
import { MAX_SECONDS, stateField } from '../../core/asl/fields'
import type { JsonObject } from '../../core/asl/types'
import { isJsonObject } from '../../core/asl/types'
import { requireScope, scopeStartAt, startStateId, stateToAsl } from '../../core/graph/model'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { Field } from '../common/Field'
import { Section } from '../common/Section'
import { useFieldDiagnostics, useStateEditor } from './context'
import { insertOrdered } from './edit'
import { ScalarRow, SpecJsonRow, ValueOrPathRow } from './rows'

// Map settings: where the items come from, how each is processed, and the limits.

const DISTRIBUTED_HINT = ' (Distributed mode)'

export function MapSection() {
  const editor = useStateEditor()
  const { graph, state, language } = editor
  const children = state.children
  const processorKey = children?.kind === 'processor' ? children.key : undefined
  const processor =
    children?.kind === 'processor' ? requireScope(graph, children.scopeId) : undefined
  const config = processor?.fields.ProcessorConfig
  const mode = isJsonObject(config) && config.Mode === 'DISTRIBUTED' ? 'DISTRIBUTED' : 'INLINE'
  const executionType =
    isJsonObject(config) && typeof config.ExecutionType === 'string' ? config.ExecutionType : ''
  const distributed = mode === 'DISTRIBUTED'
  const modeId = useId()
  const typeId = useId()
  const select = useWorkspaceStore((s) => s.select)
  const reveal = useWorkspaceStore((s) => s.reveal)
  const startId = children?.kind === 'processor' ? startStateId(graph, children.scopeId) : undefined
  const processorDiagnostics = useFieldDiagnostics([processorKey ?? 'ItemProcessor'], true)
  const configDiagnostics = useFieldDiagnostics([
    processorKey ?? 'ItemProcessor',
    'ProcessorConfig',
  ])

  /** Writes ProcessorConfig (upgrading a legacy Iterator to ItemProcessor when needed). */
  const setConfig = (next: JsonObject, label: string) => {
    if (!processorKey || !processor) return
    const definition = stateToAsl(graph, state.id)
    const container = definition[processorKey] as JsonObject
    const { ProcessorConfig: _old, ...rest } = container
    const updated = Object.keys(next).length > 0 ? { ProcessorConfig: next, ...rest } : rest
    let result: JsonObject
    if (processorKey === 'Iterator' && next.Mode === 'DISTRIBUTED') {
      // Iterator is inline only: a distributed Map needs ItemProcessor, in the same place.
      result = Object.fromEntries(
        Object.entries(definition).map(([k, v]) =>
          k === 'Iterator' ? ['ItemProcessor', updated] : [k, v],
        ),
      )
    } else {
      result = { ...definition, [processorKey]: updated }
    }
    editor.apply({ type: 'replaceState', id: state.id, definition: result }, label)
  }

  const configObject: JsonObject = isJsonObject(config) ? config : {}
  // Distributed-only fields stay out of an inline Map's form unless the document has them.
  const shows = (...keys: string[]) =>
    distributed || keys.some((key) => editor.get([key]) !== undefined)
  return (
    <>
      <Section id="map-items" title="Items">
        {language === 'JSONPath' ? (
          <ScalarRow
            path={['ItemsPath']}
            label="ItemsPath"
            help="Where the array to iterate is in the input (default $: the input itself must be an array)."
            placeholder="$"
            spec={{ kind: 'reference' }}
            testId="map-items-path"
          />
        ) : (
          <SpecJsonRow
            spec={{
              ...stateField('Map', 'Items')!,
              description:
                'The array to iterate: a JSON array or a {% … %} expression (default $states.input).',
            }}
            expect="any"
            testId="map-items"
            placeholder="{% $states.input.items %}"
          />
        )}
        <SpecJsonRow
          spec={{
            ...stateField('Map', 'ItemSelector')!,
            description:
              'Builds the input of each iteration; the item is $$.Map.Item.Value ($states.context.Map.Item.Value in JSONata).',
          }}
          testId="map-item-selector"
          placeholder={
            language === 'JSONPath'
              ? '{ "item.$": "$$.Map.Item.Value" }'
              : '{ "item": "{% $states.context.Map.Item.Value %}" }'
          }
        />
        {editor.get(['Parameters']) !== undefined && (
          <SpecJsonRow spec={stateField('Map', 'Parameters')!} testId="map-parameters" />
        )}
        {shows('ItemReader') && (
          <SpecJsonRow
            spec={{
              ...stateField('Map', 'ItemReader')!,
              description: `Reads the items from S3 (a JSON/CSV/JSONL file, a manifest or a bucket listing)${DISTRIBUTED_HINT}.`,
            }}
            testId="map-item-reader"
            placeholder='{ "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "JSON" }, … }'
          />
        )}
        {shows('ItemBatcher') && (
          <SpecJsonRow
            spec={{
              ...stateField('Map', 'ItemBatcher')!,
              description: `Groups items into batches (MaxItemsPerBatch, MaxInputBytesPerBatch, BatchInput)${DISTRIBUTED_HINT}.`,
            }}
            testId="map-item-batcher"
            placeholder='{ "MaxItemsPerBatch": 10 }'
          />
        )}
      </Section>
      <Section id="map-processing" title="Processing">
        {processorDiagnostics.length > 0 && (
          <ul className="sw-diags">
            {processorDiagnostics.map((d, i) => (
              <li key={i} className={`sw-diag sw-diag--${d.severity}`}>
                {d.message}
              </li>
            ))}
          </ul>
        )}
        {processor && (
          <div className="sw-field sw-field--inline">
            <span className="sw-label">{processorKey}</span>
            <span className="sw-muted">
              {processor.stateIds.length} state{processor.stateIds.length === 1 ? '' : 's'}
              {scopeStartAt(processor) ? ` · starts at ${scopeStartAt(processor)}` : ' · empty'}
            </span>
            {startId && (
              <button
                type="button"
                className="sw-link-button"
                data-testid="map-open-processor"
                onClick={() => {
                  select([startId])
                  reveal(startId)
                }}
              >
                Select start
              </button>
            )}
          </div>
        )}
        <Field
          label="Mode"
          htmlFor={modeId}
          help="INLINE: iterations run in this execution (up to 40 at once). DISTRIBUTED: child executions, for large datasets and S3."
          diagnostics={configDiagnostics}
        >
          <select
            id={modeId}
            className="sw-select"
            value={mode}
            data-testid="map-mode"
            disabled={!processor}
            onChange={(event) => {
              const nextMode = event.target.value
              const next: JsonObject =
                nextMode === 'DISTRIBUTED'
                  ? insertOrdered(
                      { ...configObject, Mode: 'DISTRIBUTED' },
                      'ExecutionType',
                      typeof configObject.ExecutionType === 'string'
                        ? configObject.ExecutionType
                        : 'STANDARD',
                    )
                  : Object.fromEntries(
                      Object.entries({ ...configObject, Mode: 'INLINE' }).filter(
                        ([k]) => k !== 'ExecutionType',
                      ),
                    )
              setConfig(next, `Map mode ${nextMode}`)
            }}
          >
            <option value="INLINE">INLINE</option>
            <option value="DISTRIBUTED">DISTRIBUTED</option>
          </select>
        </Field>
        {distributed && (
          <Field label="ExecutionType" htmlFor={typeId} help="The type of the child executions.">
            <select
              id={typeId}
              className="sw-select"
              value={executionType}
              data-testid="map-execution-type"
              onChange={(event) =>
                setConfig(
                  { ...configObject, ExecutionType: event.target.value },
                  'Map execution type',
                )
              }
            >
              {executionType === '' && <option value="">— choose —</option>}
              <option value="STANDARD">STANDARD</option>
              <option value="EXPRESS">EXPRESS</option>
            </select>
          </Field>
        )}
        <ValueOrPathRow
          valueKey="MaxConcurrency"
          pathKey="MaxConcurrencyPath"
          valueSpec={{ kind: 'integer', min: 0, max: MAX_SECONDS }}
          help="How many iterations run at once; 0 (default) means as many as possible."
          testId="map-max-concurrency"
          placeholder="0"
        />
        {shows('ToleratedFailureCount', 'ToleratedFailureCountPath') && (
          <ValueOrPathRow
            valueKey="ToleratedFailureCount"
            pathKey="ToleratedFailureCountPath"
            valueSpec={{ kind: 'integer', min: 0, max: MAX_SECONDS }}
            help={`How many items may fail before the Map fails with States.ExceedToleratedFailureThreshold${DISTRIBUTED_HINT}.`}
            testId="map-tolerated-count"
          />
        )}
        {shows('ToleratedFailurePercentage', 'ToleratedFailurePercentagePath') && (
          <ValueOrPathRow
            valueKey="ToleratedFailurePercentage"
            pathKey="ToleratedFailurePercentagePath"
            valueSpec={{ kind: 'number', min: 0, max: 100 }}
            help={`Percentage of items that may fail${DISTRIBUTED_HINT}.`}
            testId="map-tolerated-percentage"
          />
        )}
        {shows('Label') && (
          <ScalarRow
            path={['Label']}
            label="Label"
            help={`Names the child executions (up to 40 characters, no spaces or special characters)${DISTRIBUTED_HINT}.`}
            spec={{ kind: 'string' }}
            testId="map-label"
          />
        )}
        {shows('ResultWriter') && (
          <SpecJsonRow
            spec={{
              ...stateField('Map', 'ResultWriter')!,
              description: `Writes the results to S3 instead of returning them${DISTRIBUTED_HINT}.`,
            }}
            testId="map-result-writer"
            placeholder='{ "Resource": "arn:aws:states:::s3:putObject", … }'
          />
        )}
      </Section>
    </>
  )
}
