import { useId } from 'react'
import { MAX_SECONDS, stateField } from '../../core/asl/fields'
import { CommitInput } from '../common/CommitInput'
import { Field } from '../common/Field'
import { Section } from '../common/Section'
import { useFieldDiagnostics, useStateEditor } from './context'
import type { IntegrationPattern } from './presets'
import {
  RESOURCE_PRESETS,
  describeResource,
  integrationPattern,
  supportsPattern,
  withIntegrationPattern,
} from './presets'
import { SpecJsonRow, ValueOrPathRow } from './rows'

export function TaskSection() {
  const credentials = stateField('Task', 'Credentials')!
  return (
    <Section id="task" title="Task">
      <ResourceRow />
      <ValueOrPathRow
        valueKey="TimeoutSeconds"
        pathKey="TimeoutSecondsPath"
        valueSpec={{ kind: 'integer', min: 1, max: MAX_SECONDS }}
        help="Fails with States.Timeout after this many seconds."
        testId="task-timeout"
        placeholder="e.g. 300"
      />
      <ValueOrPathRow
        valueKey="HeartbeatSeconds"
        pathKey="HeartbeatSecondsPath"
        valueSpec={{ kind: 'integer', min: 1, max: MAX_SECONDS }}
        help="Fails with States.HeartbeatTimeout when no heartbeat arrives for this long."
        testId="task-heartbeat"
      />
      <SpecJsonRow
        spec={{
          ...credentials,
          description: 'The role to assume for a cross-account task.',
        }}
        testId="task-credentials"
        placeholder='{ "RoleArn": "arn:aws:iam::…:role/…" }'
      />
    </Section>
  )
}

const PATTERNS: readonly { value: IntegrationPattern; label: string }[] = [
  { value: 'request', label: 'Request Response — call and continue' },
  { value: 'sync', label: 'Run a job (.sync) — wait for it to finish' },
  { value: 'callback', label: 'Wait for callback (.waitForTaskToken)' },
]

function ResourceRow() {
  const editor = useStateEditor()
  const id = useId()
  const listId = useId()
  const helpId = useId()
  const patternId = useId()
  const diagnostics = useFieldDiagnostics(['Resource'])
  const value = editor.get(['Resource'])
  const resource = typeof value === 'string' ? value : ''
  const described = describeResource(resource)
  const commit = (next: string) =>
    editor.change({ path: ['Resource'], value: next === '' ? undefined : next }, 'Edit Resource')
  return (
    <Field
      label="Resource"
      htmlFor={id}
      helpId={helpId}
      help="An integration, AWS SDK call, Lambda function or activity ARN. Type to search common ones."
      diagnostics={diagnostics}
      data-field="Resource"
    >
      <CommitInput
        id={id}
        value={resource}
        list={listId}
        aria-describedby={helpId}
        data-testid="task-resource"
        placeholder="arn:aws:states:::lambda:invoke"
        onCommit={commit}
      />
      <datalist id={listId}>
        {RESOURCE_PRESETS.map((preset) => (
          <option key={preset.arn} value={preset.arn} label={preset.label} />
        ))}
      </datalist>
      {described && <div className="sw-resource-kind">{described}</div>}
      {supportsPattern(resource) && (
        <div className="sw-subfield">
          <label className="sw-label" htmlFor={patternId}>
            Integration pattern
          </label>
          <select
            id={patternId}
            className="sw-select"
            value={integrationPattern(resource)}
            data-testid="task-resource-pattern"
            onChange={(event) =>
              commit(withIntegrationPattern(resource, event.target.value as IntegrationPattern))
            }
          >
            {PATTERNS.map((pattern) => (
              <option key={pattern.value} value={pattern.value}>
                {pattern.label}
              </option>
            ))}
          </select>
        </div>
      )}
    </Field>
  )
}
