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

const at = (events: HistoryEvent[], type: string) =>
  events.find((e) => e.type === type)?.timestamp ?? 'none'

describe('Wait, in its four forms, on the virtual clock', () => {
  const wait = (fields: object) => ({
    StartAt: 'W',
    States: {
      W: { Type: 'Wait', ...fields, Next: 'D' },
      D: { Type: 'Pass', Parameters: { 'entered.$': '$$.State.EnteredTime' }, End: true },
    },
  })

  it('waits Seconds and SecondsPath, and shows the wait in the history', async () => {
    const a = await run(wait({ Seconds: 90 }))
    expect(a.result.output).toEqual({ entered: '2024-01-01T00:01:30.000Z' })
    expect(at(a.events, 'WaitStateExited')).toBe('2024-01-01T00:01:30.000Z')
    const b = await run(wait({ SecondsPath: '$.s' }), { s: 3600 })
    expect(b.result.stopDate).toBe('2024-01-01T01:00:00.000Z')
  })

  it('waits until a Timestamp or TimestampPath, offsets and fractions included', async () => {
    const a = await run(wait({ Timestamp: '2024-01-02T00:00:00Z' }))
    expect(a.result.stopDate).toBe('2024-01-02T00:00:00.000Z')
    const b = await run(wait({ TimestampPath: '$.t' }), { t: '2024-01-01T01:00:00.5+01:00' })
    expect(b.result.stopDate).toBe('2024-01-01T00:00:00.500Z')
  })

  it('waits until a real timestamp from the input when the run starts at a real time', async () => {
    // As in AWS-recorded executions: the input carries wall-clock timestamps.
    const { result, events } = await run(
      wait({ TimestampPath: '$.until' }),
      { until: '2031-03-04T05:06:07Z' },
      { startTime: '2031-03-04T05:00:00Z' },
    )
    expect(result.status).toBe('SUCCEEDED')
    expect(at(events, 'WaitStateEntered')).toBe('2031-03-04T05:00:00.000Z')
    expect(at(events, 'WaitStateExited')).toBe('2031-03-04T05:06:07.000Z')
  })

  it('goes on at once when the timestamp is in the past', async () => {
    const { result } = await run(wait({ Timestamp: '2020-01-01T00:00:00Z' }))
    expect(result.stopDate).toBe('2024-01-01T00:00:00.000Z')
  })

  it('fails with States.Runtime for a bad SecondsPath or TimestampPath value', async () => {
    for (const [fields, input] of [
      [{ SecondsPath: '$.s' }, { s: -1 }],
      [{ SecondsPath: '$.s' }, { s: 1.5 }],
      [{ SecondsPath: '$.s' }, { s: '5' }],
      [{ SecondsPath: '$.s' }, {}],
      [{ TimestampPath: '$.t' }, { t: 'tomorrow' }],
      [{ TimestampPath: '$.t' }, { t: 5 }],
    ] as const) {
      const { result } = await run(wait(fields), input)
      expect(result, JSON.stringify(input)).toMatchObject({
        status: 'FAILED',
        error: 'States.Runtime',
      })
    }
  })

  it('takes Seconds and Timestamp from JSONata', async () => {
    const jsonata = (fields: object) => ({
      QueryLanguage: 'JSONata',
      StartAt: 'W',
      States: { W: { Type: 'Wait', ...fields, End: true } },
    })
    const a = await run(jsonata({ Seconds: '{% $states.input.s %}' }), { s: 7 })
    expect(a.result.stopDate).toBe('2024-01-01T00:00:07.000Z')
    const b = await run(jsonata({ Timestamp: '{% $states.input.t %}' }), {
      t: '2024-01-01T00:00:09Z',
    })
    expect(b.result.stopDate).toBe('2024-01-01T00:00:09.000Z')
  })
})

describe('execution time limits', () => {
  const loop = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, Next: 'W' } } }

  it('times a Standard execution out after a year', async () => {
    const { result, events } = await run(loop)
    expect(result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' })
    expect(result.stopDate).toBe('2024-12-31T00:00:00.000Z') // 365 days
    expect(events.at(-1)).toMatchObject({
      type: 'ExecutionTimedOut',
      executionTimedOutEventDetails: { error: 'States.Timeout' },
    })
  })

  it('times an Express execution out after 5 minutes, even with a longer TimeoutSeconds', async () => {
    for (const definition of [loop, { ...loop, TimeoutSeconds: 86400 }]) {
      const { result } = await run(definition, {}, { workflowType: 'EXPRESS' })
      expect(result).toMatchObject({ status: 'TIMED_OUT', stopDate: '2024-01-01T00:05:00.000Z' })
      expect(result.cause).toContain('5-minute limit of an Express workflow')
    }
  })

  it("times out at the machine's TimeoutSeconds", async () => {
    const { result } = await run({ ...loop, TimeoutSeconds: 7205 })
    expect(result).toMatchObject({ status: 'TIMED_OUT', stopDate: '2024-01-01T02:00:05.000Z' })
    expect(result.cause).toBe('The execution timed out after 7205 seconds.')
  })
})

describe('Task timeouts with a mocked duration', () => {
  const mocks = (entry: object) => ({
    mocks: {
      config: {
        StateMachines: { M: { TestCases: { T: { T: 'R' } } } },
        MockedResponses: { R: { '0': entry } },
      },
      stateMachineName: 'M',
      testCase: 'T',
    },
  })
  const task = (fields: object) => ({
    StartAt: 'T',
    States: { T: { Type: 'Task', Resource: LAMBDA, ...fields, End: true } },
  })
  const slow = (seconds: number) => mocks({ Return: 1, Stepwise: { DurationSeconds: seconds } })

  it('fails with States.HeartbeatTimeout when no heartbeat comes within HeartbeatSeconds', async () => {
    const { result, events } = await run(
      task({ HeartbeatSeconds: 10, TimeoutSeconds: 100 }),
      {},
      slow(30),
    )
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout', cause: '' })
    expect(result.stopDate).toBe('2024-01-01T00:00:10.000Z')
    expect(events.map((e) => e.type)).toContain('LambdaFunctionTimedOut')
  })

  it('fails with States.Timeout after TimeoutSeconds(Path), and succeeds within it', async () => {
    const a = await run(task({ TimeoutSeconds: 20 }), {}, slow(30))
    expect(a.result).toMatchObject({
      error: 'States.Timeout',
      stopDate: '2024-01-01T00:00:20.000Z',
    })
    const b = await run(task({ TimeoutSecondsPath: '$.t' }), { t: 5 }, slow(30))
    expect(b.result).toMatchObject({
      error: 'States.Timeout',
      stopDate: '2024-01-01T00:00:05.000Z',
    })
    const c = await run(task({ TimeoutSeconds: 20 }), {}, slow(15))
    expect(c.result).toMatchObject({ status: 'SUCCEEDED', stopDate: '2024-01-01T00:00:15.000Z' })
  })

  it('lets States.TaskFailed not match timeouts, as AWS documents', async () => {
    const { result } = await run(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: LAMBDA,
            HeartbeatSeconds: 10,
            Catch: [
              { ErrorEquals: ['States.TaskFailed'], Next: 'Failed' },
              { ErrorEquals: ['States.HeartbeatTimeout'], ResultPath: '$.e', Next: 'Beat' },
            ],
            End: true,
          },
          Failed: { Type: 'Fail' },
          Beat: { Type: 'Pass', End: true },
        },
      },
      {},
      slow(30),
    )
    expect(result.output).toEqual({ e: { Error: 'States.HeartbeatTimeout', Cause: '' } })
  })

  it('lets a States.Timeout catcher catch a heartbeat timeout, still named States.HeartbeatTimeout', async () => {
    const { result } = await run(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: LAMBDA,
            HeartbeatSeconds: 10,
            Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.e', Next: 'TimedOut' }],
            End: true,
          },
          TimedOut: { Type: 'Pass', End: true },
        },
      },
      {},
      slow(30),
    )
    expect(result.output).toEqual({ e: { Error: 'States.HeartbeatTimeout', Cause: '' } })
  })
})

describe('Retry back-off', () => {
  /** The waits between a failed attempt and the next one, in seconds. */
  async function waits(retrier: object, seed = 0) {
    let calls = 0
    const { result, events } = await run(
      {
        StartAt: 'T',
        States: { T: { Type: 'Task', Resource: LAMBDA, Retry: [retrier], End: true } },
      },
      {},
      {
        seed,
        mocks: {
          functions: {
            [LAMBDA]: () => {
              if (calls++ < 5) throw Object.assign(new Error('busy'), { name: 'Busy' })
              return 1
            },
          },
        },
      },
    )
    const failed = events.filter((e) => e.type === 'LambdaFunctionFailed')
    const scheduled = events.filter((e) => e.type === 'LambdaFunctionScheduled').slice(1)
    return {
      status: result.status,
      waits: scheduled.map(
        (e, i) => (Date.parse(e.timestamp) - Date.parse(failed[i]!.timestamp)) / 1000,
      ),
    }
  }

  it('defaults to 1 s, ×2, 3 attempts', async () => {
    expect(await waits({ ErrorEquals: ['Busy'] })).toEqual({ status: 'FAILED', waits: [1, 2, 4] })
  })

  it('multiplies by BackoffRate and caps at MaxDelaySeconds', async () => {
    expect(
      await waits({ ErrorEquals: ['Busy'], IntervalSeconds: 3, BackoffRate: 1.5, MaxAttempts: 5 }),
    ).toEqual({ status: 'SUCCEEDED', waits: [3, 4.5, 6.75, 10.125, 15.188] })
    expect(
      await waits({
        ErrorEquals: ['Busy'],
        IntervalSeconds: 10,
        BackoffRate: 3,
        MaxDelaySeconds: 60,
        MaxAttempts: 5,
      }),
    ).toEqual({ status: 'SUCCEEDED', waits: [10, 30, 60, 60, 60] })
  })

  it('draws FULL jitter between 0 and the capped delay, the same for the same seed', async () => {
    const retrier = {
      ErrorEquals: ['Busy'],
      IntervalSeconds: 10,
      BackoffRate: 3,
      MaxDelaySeconds: 60,
      MaxAttempts: 5,
      JitterStrategy: 'FULL',
    }
    const a = await waits(retrier, 1)
    expect(await waits(retrier, 1)).toEqual(a)
    expect((await waits(retrier, 2)).waits).not.toEqual(a.waits)
    const caps = [10, 30, 60, 60, 60]
    a.waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(0)
      expect(w).toBeLessThanOrEqual(caps[i]!)
    })
    expect(a.waits).not.toEqual(caps)
  })

  it('never retries with MaxAttempts 0', async () => {
    expect(await waits({ ErrorEquals: ['Busy'], MaxAttempts: 0 })).toEqual({
      status: 'FAILED',
      waits: [],
    })
  })
})

describe('payload quota (States.DataLimitExceeded)', () => {
  const KIB_256 = 256 * 1024
  // The input {"s":"…"} has 8 bytes around the string; Parameters makes {"ab":"…"}, 9 bytes.
  const passAb = pass({ Parameters: { 'ab.$': '$.s' }, End: true })
  const wrap = (definition: object) => ({
    StartAt: 'P',
    States: {
      P: {
        Type: 'Parallel',
        Branches: [definition],
        Catch: [{ ErrorEquals: ['States.DataLimitExceeded'], Next: 'Caught' }],
        End: true,
      },
      Caught: { Type: 'Pass', Result: 'caught', End: true },
    },
  })

  it('counts the UTF-8 bytes of the JSON text, as AWS does', async () => {
    const exact = await run(passAb, { s: 'x' + 'é'.repeat((KIB_256 - 10) / 2) })
    expect(exact.result.status).toBe('SUCCEEDED')
    // One byte over: the input (exactly 256 KiB) is accepted, the state's result is not,
    // though its string has far fewer UTF-16 units than bytes.
    for (const s of ['é'.repeat((KIB_256 - 8) / 2), '😀'.repeat((KIB_256 - 8) / 4)]) {
      const over = await run(passAb, { s })
      expect(over.result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' })
      expect(over.types).toContain('PassStateEntered')
    }
    const ascii = await run(passAb, { s: 'x'.repeat(KIB_256 - 9) })
    expect(ascii.result.status).toBe('SUCCEEDED')
  })

  it('is caught only by name, never by States.ALL', async () => {
    const big = { s: 'x'.repeat(KIB_256 / 2) }
    const doubling = pass({ Parameters: { 'a.$': '$.s', 'b.$': '$.s' }, End: true })
    const byName = await run(wrap(doubling), big)
    expect(byName.result).toMatchObject({ status: 'SUCCEEDED', output: 'caught' })
    const all = JSON.parse(
      JSON.stringify(wrap(doubling)).replace('States.DataLimitExceeded', 'States.ALL'),
    )
    const byAll = await run(all, big)
    expect(byAll.result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' })
  })

  it('refuses an execution input over the quota before any state runs', async () => {
    const { result, types } = await run(pass({ End: true }), { s: 'x'.repeat(KIB_256) })
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' })
    expect(result.cause).toContain('over the 262144-byte payload quota')
    expect(types).toEqual(['ExecutionStarted', 'ExecutionFailed'])
  })
})

describe('Distributed Map: readers, batches, results, tolerance', () => {
  const processor = (states: object = { P: { Type: 'Pass', End: true } }, start = 'P') => ({
    ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
    StartAt: start,
    States: states,
  })
  const map = (fields: object, states?: object, start?: string) => ({
    StartAt: 'M',
    States: { M: { Type: 'Map', ItemProcessor: processor(states, start), End: true, ...fields } },
  })
  const reader = (config: object, body: JsonValue) =>
    [
      map({
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: config,
          Parameters: { Bucket: 'b', Key: 'k' },
        },
      }),
      { mocks: { handler: () => ({ Return: body }) } },
    ] as const

  it('reads JSON, JSONL and CSV objects from the mocked reader data', async () => {
    const json = await run(...withInput(reader({ InputType: 'JSON' }, '[{"a":1},{"a":2}]')))
    expect(json.result.output).toEqual([{ a: 1 }, { a: 2 }])
    const jsonl = await run(
      ...withInput(reader({ InputType: 'JSONL', MaxItems: 2 }, '{"a":1}\n{"a":2}\n{"a":3}\n')),
    )
    expect(jsonl.result.output).toEqual([{ a: 1 }, { a: 2 }])
    const firstRow = await run(
      ...withInput(
        reader(
          { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', CSVDelimiter: 'SEMICOLON' },
          'id;name\n1;"a;b"\n2;c\n',
        ),
      ),
    )
    expect(firstRow.result.output).toEqual([
      { id: '1', name: 'a;b' },
      { id: '2', name: 'c' },
    ])
    const given = await run(
      ...withInput(
        reader(
          {
            InputType: 'CSV',
            CSVHeaderLocation: 'GIVEN',
            CSVHeaders: ['x', 'y'],
            CSVDelimiter: 'TAB',
          },
          '1\t2\n3\t4',
        ),
      ),
    )
    expect(given.result.output).toEqual([
      { x: '1', y: '2' },
      { x: '3', y: '4' },
    ])
    for (const [delimiter, sep] of [
      ['COMMA', ','],
      ['PIPE', '|'],
      ['SPACE', ' '],
    ] as const) {
      const r = await run(
        ...withInput(reader({ InputType: 'CSV', CSVDelimiter: delimiter }, `k${sep}v\n1${sep}2\n`)),
      )
      expect(r.result.output, delimiter).toEqual([{ k: '1', v: '2' }])
    }
  })

  it('fails with States.ItemReaderFailed and MapRun events for unreadable data', async () => {
    const { result, types } = await run(...withInput(reader({ InputType: 'JSON' }, '{"a":1}')))
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'States.ItemReaderFailed',
      cause: 'Attempting to map over non-iterable node.',
    })
    expect(types).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapRunStarted',
      'MapRunFailed',
      'MapStateFailed',
      'ExecutionFailed',
    ])
  })

  it('batches items into {Items} (and BatchInput) by count and by bytes', async () => {
    const byCount = await run(map({ ItemBatcher: { MaxItemsPerBatch: 2 } }), [1, 2, 3, 4, 5])
    expect(byCount.result.output).toEqual([{ Items: [1, 2] }, { Items: [3, 4] }, { Items: [5] }])
    const withInputs = await run(
      map({ ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'run.$': '$$.Execution.Name' } } }),
      [1, 2, 3],
      { executionName: 'e-1' },
    )
    expect(withInputs.result.output).toEqual([
      { BatchInput: { run: 'e-1' }, Items: [1, 2] },
      { BatchInput: { run: 'e-1' }, Items: [3] },
    ])
    // ["aaaa","bbbb","cccc"] is 20 bytes; a fourth item would exceed MaxInputBytesPerBatch.
    const byBytes = await run(map({ ItemBatcher: { MaxInputBytesPerBatch: 20 } }), [
      'aaaa',
      'bbbb',
      'cccc',
      'dddd',
    ])
    expect(byBytes.result.output).toEqual([
      { Items: ['aaaa', 'bbbb', 'cccc'] },
      { Items: ['dddd'] },
    ])
    // Bytes, not characters: "éé" is 6 bytes of JSON.
    const utf8 = await run(map({ ItemBatcher: { MaxInputBytesPerBatch: 12 } }), ['éé', 'éé', 'éé'])
    expect(utf8.result.output).toEqual([{ Items: ['éé', 'éé'] }, { Items: ['éé'] }])
    const byPath = await run(
      map({ ItemsPath: '$.items', ItemBatcher: { MaxItemsPerBatchPath: '$.n' } }),
      { n: 3, items: [1, 2, 3, 4] },
    )
    expect(byPath.result.output).toEqual([{ Items: [1, 2, 3] }, { Items: [4] }])
  })

  it('returns the MapRun ARN and the manifest location with a ResultWriter', async () => {
    const { result } = await run(
      map({
        ResultWriter: {
          Resource: 'arn:aws:states:::s3:putObject',
          Parameters: { Bucket: 'results', Prefix: 'runs' },
        },
      }),
      [1, 2],
    )
    const output = result.output as { MapRunArn: string; ResultWriterDetails: JsonValue }
    expect(output.MapRunArn).toMatch(
      /^arn:aws:states:us-east-1:123456789012:mapRun:StateMachine\/M:[0-9a-f-]{36}$/,
    )
    const id = output.MapRunArn.split(':').at(-1)
    expect(output.ResultWriterDetails).toEqual({
      Bucket: 'results',
      Key: `runs/${id}/manifest.json`,
    })
  })

  it('tolerates failures up to ToleratedFailureCount/Percentage, then fails the Map', async () => {
    const failing = {
      C: {
        Type: 'Choice',
        Choices: [{ Variable: '$', NumericEquals: 1, Next: 'X' }],
        Default: 'OK',
      },
      X: { Type: 'Fail', Error: 'Bad', Cause: 'item failed' },
      OK: { Type: 'Pass', End: true },
    }
    // Four failures in ten items: 40 %.
    const items = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    const outcome = async (fields: object) => (await run(map(fields, failing, 'C'), items)).result
    expect(await outcome({ ToleratedFailurePercentage: 40 })).toMatchObject({
      status: 'SUCCEEDED',
    })
    expect(await outcome({ ToleratedFailurePercentage: 39.9 })).toMatchObject({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'The specified tolerated failure threshold was exceeded',
    })
    expect(await outcome({ ToleratedFailureCount: 4 })).toMatchObject({ status: 'SUCCEEDED' })
    expect(await outcome({ ToleratedFailureCount: 3 })).toMatchObject({
      error: 'States.ExceedToleratedFailureThreshold',
    })
    expect(
      await outcome({ ToleratedFailurePercentagePath: '$$.Execution.Input[4]' }),
    ).toMatchObject({ error: 'States.ExceedToleratedFailureThreshold' })
  })

  it('tolerates no failure without a threshold: one failed child fails the Map Run', async () => {
    const failing = {
      C: {
        Type: 'Choice',
        Choices: [{ Variable: '$', NumericEquals: 1, Next: 'X' }],
        Default: 'OK',
      },
      X: { Type: 'Fail', Error: 'Bad', Cause: 'item failed' },
      OK: { Type: 'Pass', End: true },
    }
    const { result, types } = await run(map({}, failing, 'C'), [0, 1, 0])
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'The specified tolerated failure threshold was exceeded',
    })
    expect(types).toContain('MapRunFailed')
    expect(types).not.toContain('MapRunSucceeded')
  })

  it('reports MapRunStarted with the run ARN (Label included) and MapRunSucceeded', async () => {
    const { events, types } = await run(map({ Label: 'Resize' }), [1])
    expect(types).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapRunStarted',
      'MapRunSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ])
    expect(events[3]).toMatchObject({
      mapRunStartedEventDetails: {
        mapRunArn: expect.stringMatching(/:mapRun:StateMachine\/Resize:[0-9a-f-]{36}$/),
      },
    })
  })
})

function withInput(args: readonly [object, RunOptions]): [object, JsonValue, RunOptions] {
  return [args[0], {}, args[1]]
}

describe('callbacks, activities, context', () => {
  it('gives a .waitForTaskToken task a $$.Task.Token and reports TaskSubmitted', async () => {
    const { result, types } = await run(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
            Parameters: { 'token.$': '$$.Task.Token' },
            End: true,
          },
        },
      },
      {},
      { mocks: { handler: (call) => ({ Return: call.input }) } },
    )
    const token = (result.output as { token: string }).token
    expect(token).toMatch(/^[A-Za-z0-9+/=]{40,}$/)
    expect(types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ])
  })

  it('runs an Activity task from its mock with Activity* events', async () => {
    const activity = 'arn:aws:states:us-east-1:123456789012:activity:approve'
    const { result, events, types } = await run(
      {
        StartAt: 'T',
        States: { T: { Type: 'Task', Resource: activity, HeartbeatSeconds: 5, End: true } },
      },
      { order: 1 },
      { mocks: { handler: () => ({ Return: { approved: true } }) } },
    )
    expect(result.output).toEqual({ approved: true })
    expect(types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'ActivityScheduled',
      'ActivityStarted',
      'ActivitySucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ])
    expect(events[2]).toMatchObject({
      activityScheduledEventDetails: {
        resource: activity,
        input: '{"order":1}',
        heartbeatInSeconds: 5,
      },
    })
  })

  it('has $$.Execution.RedriveCount 0, or the count the caller gives', async () => {
    const machine = pass({ Parameters: { 'n.$': '$$.Execution.RedriveCount' }, End: true })
    expect((await run(machine)).result.output).toEqual({ n: 0 })
    const redriven = await run(machine, {}, { context: { Execution: { RedriveCount: 2 } } })
    expect(redriven.result.output).toEqual({ n: 2 })
  })
})
