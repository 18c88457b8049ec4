// AWS behaviours the recorded conformance cases do not pin down, each checked against the AWS
// developer guide: Wait forms, timeouts, limits, retries, Map readers and batchers, tokens.

import { describe, expect, it } from 'vitest'
import type { JsonValue, StateMachine } from '../asl/types'
import type { HistoryEvent, RunOptions } from './index'
import { runExecution } from './index'

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:work'

async function run(definition: object, input: JsonValue = {}, options: RunOptions = {}) {
  const events: HistoryEvent[] = []
  const result = await runExecution(definition as StateMachine, input, {
    onEvent: (e) => events.push(e),
    ...options,
  })
  return { result, events, types: events.map((e) => e.type) }
}

const pass = (fields: object) => ({ StartAt: 'A', States: { A: { Type: 'Pass', ...fields } } })

describe('JSONPath filters AWS accepts but cannot evaluate', () => {
  const filterPath = '$.items[?(@.status==Failure)]'
  const cause = (state: string) =>
    `An error occurred while executing the state '${state}' (entered at the event id #2). Invalid path '${filterPath}' : Could not compile inline filter : [?(@.status==Failure)]`

  it.each([
    ['InputPath', pass({ InputPath: filterPath, End: true })],
    ['OutputPath', pass({ OutputPath: filterPath, End: true })],
    ['Parameters', pass({ Parameters: { 'x.$': filterPath }, End: true })],
    [
      'an intrinsic argument',
      pass({ Parameters: { 'x.$': `States.ArrayLength(${filterPath})` }, End: true }),
    ],
    [
      'ItemsPath',
      pass({
        Type: 'Map',
        ItemsPath: filterPath,
        ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
        End: true,
      }),
    ],
    [
      'a Choice Variable',
      {
        StartAt: 'A',
        States: {
          A: {
            Type: 'Choice',
            Choices: [{ Variable: filterPath, IsPresent: true, Next: 'B' }],
            Default: 'B',
          },
          B: { Type: 'Succeed' },
        },
      },
    ],
  ])('fails with States.Runtime and Jayway’s message in %s', async (_, definition) => {
    const { result } = await run(definition, { items: [{ status: 'Failure' }] })
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: cause('A') })
  })

  it('cannot be caught, even by States.ALL', async () => {
    const { result } = await run(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: LAMBDA,
            Parameters: { 'x.$': filterPath },
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C' }],
            End: true,
          },
          C: { Type: 'Succeed' },
        },
      },
      { items: [] },
      { mocks: { functions: { [LAMBDA]: () => ({}) } } },
    )
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: cause('T') })
  })
})
