import { describe, expect, it } from 'vitest'
import type { JsonValue, StateMachine } from '../asl/types'
import type { HistoryEvent, RunOptions } from './index'
import { runExecution } from './index'
import { retainedShapes } from './run'

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:work'

async function run(definition: object, input: JsonValue = {}, options: RunOptions = {}) {
  const events: HistoryEvent[] = []
  const result = await runExecution(definition as StateMachine, input, {
    onEvent: (e) => events.push(e),
    ...options,
  })
  return { result, events, types: events.map((e) => e.type) }
}

const seconds = (events: HistoryEvent[], i: number) =>
  (Date.parse(events[i]!.timestamp) - Date.parse(events[0]!.timestamp)) / 1000

describe('history events', () => {
  it('numbers events, links them and stamps them with virtual time', async () => {
    const { events, result } = await run({
      StartAt: 'Wait',
      States: {
        Wait: { Type: 'Wait', Seconds: 90, Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    })
    expect(result.status).toBe('SUCCEEDED')
    expect(events.map((e) => [e.id, e.previousEventId])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
      [4, 3],
      [5, 4],
      [6, 5],
    ])
    expect(seconds(events, 2)).toBe(90)
    expect(events[1]).toMatchObject({
      type: 'WaitStateEntered',
      statePath: ['Wait'],
      stateEnteredEventDetails: { name: 'Wait', input: '{}', inputDetails: { truncated: false } },
    })
    expect(result.stopDate).toBe('2024-01-01T00:01:30.000Z')
  })

  it('gives nested states a statePath with the branch and iteration', async () => {
    const { events } = await run(
      {
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Parallel',
            End: true,
            Branches: [
              {
                StartAt: 'Each',
                States: {
                  Each: {
                    Type: 'Map',
                    End: true,
                    ItemProcessor: {
                      StartAt: 'Item',
                      States: { Item: { Type: 'Pass', End: true } },
                    },
                  },
                },
              },
            ],
          },
        },
      },
      [1, 2],
    )
    const item = events.filter((e) => e.type === 'PassStateEntered').map((e) => e.statePath)
    expect(item).toEqual([
      ['Fan', 0, 'Each', 0, 'Item'],
      ['Fan', 0, 'Each', 1, 'Item'],
    ])
    expect(events.find((e) => e.type === 'MapIterationStarted')).toMatchObject({
      statePath: ['Fan', 0, 'Each', 0],
      mapIterationStartedEventDetails: { name: 'Each', index: 0 },
    })
  })

  it('reports assigned variables as JSON text on the exited event', async () => {
    const { events } = await run({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Assign: { n: 1, s: 'x' }, End: true } },
    })
    expect(events.find((e) => e.type === 'PassStateExited')).toMatchObject({
      stateExitedEventDetails: { assignedVariables: { n: '1', s: '"x"' } },
    })
  })

  it('counts events without building them when nobody listens', async () => {
    const definition = {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Fail', Error: 'E' } },
    } as StateMachine
    const silent = await runExecution(definition, {})
    const { events } = await run(definition)
    expect(silent.eventCount).toBe(events.length)
  })
})

describe('Tasks and mocks', () => {
  const charge = {
    StartAt: 'Charge',
    States: {
      Charge: {
        Type: 'Task',
        Resource: LAMBDA,
        Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 3, BackoffRate: 2, MaxAttempts: 2 }],
        End: true,
      },
    },
  }

  it('counts invocations per state, retries included, in a MockConfigFile', async () => {
    const { result, events } = await run(
      charge,
      {},
      {
        mocks: {
          config: {
            StateMachines: { M: { TestCases: { T: { Charge: 'R' } } } },
            MockedResponses: {
              R: {
                '0-1': { Throw: { Error: 'Busy', Cause: 'try later' } },
                '2': { Return: { ok: true } },
              },
            },
          },
          testCase: 'T',
        },
      },
    )
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { ok: true }, transitions: 3 })
    const scheduled = events.filter((e) => e.type === 'LambdaFunctionScheduled')
    // Back-off 3 s then 6 s, on the virtual clock.
    expect(scheduled.map((e) => seconds(events, events.indexOf(e)))).toEqual([0, 3, 9])
  })

  it('passes a function mock the task input and uses its Error.name as the ASL error', async () => {
    const seen: JsonValue[] = []
    const { result } = await run(
      charge,
      { n: 1 },
      {
        mocks: {
          functions: {
            [LAMBDA]: (input) => {
              seen.push(input)
              throw Object.assign(new Error('card declined'), { name: 'Declined' })
            },
          },
        },
      },
    )
    expect(result).toMatchObject({ status: 'FAILED', error: 'Declined', cause: 'card declined' })
    expect(seen).toEqual([{ n: 1 }])
  })

  it('fails an unmocked Task clearly, or passes its input through when asked', async () => {
    const { result } = await run(charge)
    expect(result.status).toBe('FAILED')
    expect(result.error).toBe('Stepwise.MockNotFound')
    expect(result.cause).toContain("Task state 'Charge'")
    const through = await run(charge, { a: 1 }, { mocks: { unmappedTasks: 'passthrough' } })
    expect(through.result).toMatchObject({ status: 'SUCCEEDED', output: { a: 1 } })
  })

  it('reports the mocked response that has no entry for an invocation', async () => {
    const { result } = await run(
      charge,
      {},
      {
        mocks: {
          config: {
            StateMachines: { M: { TestCases: { T: { Charge: 'Once' } } } },
            MockedResponses: { Once: { '0': { Throw: { Error: 'Busy', Cause: '' } } } },
          },
          testCase: 'T',
        },
      },
    )
    expect(result.error).toBe('Stepwise.MockNotFound')
    expect(result.cause).toBe(
      "Mocked response 'Once' of state 'Charge' has no entry for invocation 1 (counted from 0, retries included).",
    )
  })

  it('awaits asynchronous mocks', async () => {
    const { result } = await run(charge, 2, {
      mocks: { functions: { [LAMBDA]: async (n) => (n as number) * 21 } },
    })
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: 42 })
  })

  it('times a Task out on the virtual clock when its mock takes too long', async () => {
    const slow = {
      StartAt: 'Slow',
      States: {
        Slow: {
          Type: 'Task',
          Resource: LAMBDA,
          TimeoutSeconds: 10,
          Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Late' }],
          End: true,
        },
        Late: { Type: 'Pass', End: true },
      },
    }
    const mocks = (secondsTaken: number) => ({
      config: {
        StateMachines: { M: { TestCases: { T: { Slow: 'R' } } } },
        MockedResponses: { R: { '0': { Return: 1, Stepwise: { DurationSeconds: secondsTaken } } } },
      },
      testCase: 'T',
    })
    const late = await run(slow, {}, { mocks: mocks(60) })
    expect(late.result.output).toEqual({ Error: 'States.Timeout', Cause: '' })
    expect(late.types).toContain('LambdaFunctionTimedOut')
    expect(seconds(late.events, late.types.indexOf('LambdaFunctionTimedOut'))).toBe(10)
    const onTime = await run(slow, {}, { mocks: mocks(5) })
    expect(onTime.result.output).toBe(1)
    expect(onTime.result.stopDate).toBe('2024-01-01T00:00:05.000Z')
  })

  it('fails with States.HeartbeatTimeout when the heartbeat is shorter than the call', async () => {
    const { result } = await run(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: LAMBDA,
            TimeoutSeconds: 100,
            HeartbeatSeconds: 5,
            End: true,
          },
        },
      },
      {},
      {
        mocks: {
          handler: () => ({ Return: 1, Stepwise: { DurationSeconds: 30 } }),
        },
      },
    )
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' })
    expect(result.stopDate).toBe('2024-01-01T00:00:05.000Z')
  })

  it('refuses a task result over the payload quota with States.DataLimitExceeded', async () => {
    const big = 'x'.repeat(300 * 1024)
    const { result } = await run(charge, {}, { mocks: { functions: { [LAMBDA]: () => big } } })
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' })
    expect(result.cause).toBe(
      `The state/task '${LAMBDA}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    )
  })

  it('gives .waitForTaskToken tasks a $$.Task.Token', async () => {
    const { result } = await run(
      {
        StartAt: 'Ask',
        States: {
          Ask: {
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
    expect((result.output as { token: string }).token).toMatch(/^AQB[A-Za-z0-9+/]{64}$/)
  })
})

describe('Retry, Catch and errors', () => {
  it('matches States.ALL and States.TaskFailed, but never States.Runtime', async () => {
    const machine = (error: string) => ({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: LAMBDA,
          OutputPath: '$.missing',
          Catch: [{ ErrorEquals: [error], ResultPath: '$.caught', Next: 'C' }],
          End: true,
        },
        C: { Type: 'Pass', End: true },
      },
    })
    const ok = { mocks: { functions: { [LAMBDA]: () => ({}) } } }
    const runtime = await run(machine('States.ALL'), {}, ok)
    expect(runtime.result.error).toBe('States.Runtime')
    const failing = { mocks: { functions: { [LAMBDA]: () => Promise.reject(new Error('x')) } } }
    const caught = await run(machine('States.TaskFailed'), { a: 1 }, failing)
    expect(caught.result.output).toEqual({ a: 1, caught: { Error: 'Error', Cause: 'x' } })
  })

  it('jitters back-offs from the seed, reproducibly', async () => {
    const machine = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: LAMBDA,
          Retry: [
            {
              ErrorEquals: ['States.ALL'],
              IntervalSeconds: 100,
              MaxAttempts: 3,
              JitterStrategy: 'FULL',
            },
          ],
          End: true,
        },
      },
    }
    const stops = async (seed: number) => {
      let calls = 0
      const { result } = await run(
        machine,
        {},
        {
          seed,
          mocks: {
            functions: { [LAMBDA]: () => (++calls < 4 ? Promise.reject(new Error('no')) : 1) },
          },
        },
      )
      expect(result.status).toBe('SUCCEEDED')
      return result.stopDate
    }
    const a = await stops(1)
    expect(await stops(1)).toBe(a)
    expect(await stops(2)).not.toBe(a)
    // Without jitter the waits would be 100 + 200 + 400 s; FULL jitter waits less.
    expect(Date.parse(a) - Date.parse('2024-01-01T00:00:00Z')).toBeLessThan(700_000)
  })

  it('raises States.NoChoiceMatched without a Default', async () => {
    const { result } = await run({
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'D' }] },
        D: { Type: 'Succeed' },
      },
    })
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' })
  })
})

describe('Map and Parallel', () => {
  const mapOf = (extra: object, body: object) => ({
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        ItemProcessor: { StartAt: 'Work', States: { Work: body } },
        End: true,
        ...extra,
      },
    },
  })

  it('never runs more than MaxConcurrency iterations at once', async () => {
    let inFlight = 0
    let most = 0
    const slow = async (x: JsonValue) => {
      inFlight++
      most = Math.max(most, inFlight)
      await new Promise((r) => setTimeout(r, 2))
      inFlight--
      return x
    }
    const { result } = await run(
      mapOf({ MaxConcurrency: 3 }, { Type: 'Task', Resource: LAMBDA, End: true }),
      [1, 2, 3, 4, 5, 6, 7, 8],
      { mocks: { functions: { [LAMBDA]: slow } } },
    )
    expect(result.output).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(most).toBe(3)
  })

  it('overlaps waiting iterations in virtual time, within MaxConcurrency', async () => {
    const wait = { Type: 'Wait', Seconds: 10, End: true }
    const unlimited = await run(mapOf({}, wait), [1, 2, 3, 4])
    expect(unlimited.result.stopDate).toBe('2024-01-01T00:00:10.000Z')
    const two = await run(mapOf({ MaxConcurrency: 2 }, wait), [1, 2, 3, 4])
    expect(two.result.stopDate).toBe('2024-01-01T00:00:20.000Z')
  })

  it('fails with States.ExceedToleratedFailureThreshold past ToleratedFailureCount', async () => {
    const failOdd = {
      Type: 'Choice',
      Choices: [{ Variable: '$', NumericGreaterThan: 2, Next: 'Bad' }],
      Default: 'Good',
    }
    const machine = (tolerated: number) => ({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ToleratedFailureCount: tolerated,
          ItemProcessor: {
            StartAt: 'Check',
            States: {
              Check: failOdd,
              Bad: { Type: 'Fail', Error: 'Big', Cause: 'too big' },
              Good: { Type: 'Succeed' },
            },
          },
          End: true,
        },
      },
    })
    const within = await run(machine(2), [1, 2, 3, 4])
    expect(within.result.output).toEqual([
      1,
      2,
      { Error: 'Big', Cause: 'too big' },
      { Error: 'Big', Cause: 'too big' },
    ])
    const beyond = await run(machine(1), [1, 2, 3, 4])
    expect(beyond.result).toMatchObject({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'The specified tolerated failure threshold was exceeded',
    })
  })

  it('stops the other branches when one fails, reporting them aborted', async () => {
    const { result, types } = await run({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 100, End: true } } },
            {
              StartAt: 'Soon',
              States: {
                Soon: { Type: 'Wait', Seconds: 1, Next: 'Boom' },
                Boom: { Type: 'Fail', Error: 'Boom', Cause: 'b' },
              },
            },
          ],
        },
      },
    })
    expect(result).toMatchObject({ status: 'FAILED', error: 'Boom' })
    expect(result.stopDate).toBe('2024-01-01T00:00:01.000Z')
    expect(types.slice(-3)).toEqual(['WaitStateAborted', 'ParallelStateFailed', 'ExecutionFailed'])
  })

  it('reads items with an ItemReader from a mocked CSV object', async () => {
    const { result } = await run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemReader: {
              Resource: 'arn:aws:states:::s3:getObject',
              ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItems: 2 },
              Parameters: { Bucket: 'b', Key: 'k.csv' },
            },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
              StartAt: 'P',
              States: { P: { Type: 'Pass', End: true } },
            },
            End: true,
          },
        },
      },
      {},
      {
        mocks: {
          config: {
            StateMachines: { S: { TestCases: { T: { M: 'Rows' } } } },
            MockedResponses: { Rows: { '0': { Return: 'id,name\n1,"Ada, L."\n2,Bob\n3,Cy\n' } } },
          },
          testCase: 'T',
        },
      },
    )
    expect(result.output).toEqual([
      { id: '1', name: 'Ada, L.' },
      { id: '2', name: 'Bob' },
    ])
  })

  it('keeps variables assigned in an iteration inside it', async () => {
    const { result } = await run(
      {
        StartAt: 'Set',
        States: {
          Set: { Type: 'Pass', Assign: { outer: 'o' }, Next: 'M' },
          M: {
            Type: 'Map',
            ItemProcessor: {
              StartAt: 'In',
              States: {
                In: {
                  Type: 'Pass',
                  Assign: { inner: 1 },
                  Parameters: { 'seen.$': '$outer' },
                  End: true,
                },
              },
            },
            Next: 'After',
          },
          After: { Type: 'Pass', Parameters: { 'outer.$': '$outer', 'list.$': '$' }, End: true },
        },
      },
      [1],
    )
    expect(result.output).toEqual({ outer: 'o', list: [{ seen: 'o' }] })
  })
})

describe('time, limits and abort', () => {
  const loop = {
    StartAt: 'A',
    States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } },
  }

  it('ends a runaway loop at the transition limit', async () => {
    const { result } = await run(loop, {}, { limits: { maxTransitions: 1000 } })
    expect(result).toMatchObject({ status: 'FAILED', error: 'Stepwise.TransitionLimitExceeded' })
    expect(result.transitions).toBe(1001)
  })

  it('ends a run at the history limit', async () => {
    const { result, events } = await run(loop, {}, { limits: { maxHistoryEvents: 100 } })
    expect(result.error).toBe('Stepwise.HistoryLimitExceeded')
    expect(events.at(-1)!.type).toBe('ExecutionFailed')
  })

  it('times out Express workflows after 5 minutes and Standard ones at TimeoutSeconds', async () => {
    const sleepy = {
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 3600, End: true } },
    }
    const express = await run(sleepy, {}, { workflowType: 'EXPRESS' })
    expect(express.result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' })
    expect(express.result.stopDate).toBe('2024-01-01T00:05:00.000Z')
    expect(express.types.slice(-2)).toEqual(['WaitStateAborted', 'ExecutionTimedOut'])
    const standard = await run({ ...sleepy, TimeoutSeconds: 60 })
    expect(standard.result.status).toBe('TIMED_OUT')
    expect(standard.result.stopDate).toBe('2024-01-01T00:01:00.000Z')
    expect((await run(sleepy)).result.status).toBe('SUCCEEDED')
  })

  it('aborts a run when the signal fires', async () => {
    const controller = new AbortController()
    const pending = runExecution(
      loop as StateMachine,
      {},
      {
        signal: controller.signal,
        limits: { maxTransitions: 1e9, maxHistoryEvents: 1e9 },
        yieldToHost: () => new Promise((r) => setTimeout(r, 0)),
        yieldEveryTransitions: 100,
      },
    )
    setTimeout(() => controller.abort(), 5)
    const result = await pending
    expect(result.status).toBe('ABORTED')
  })

  it('is deterministic for a seed', async () => {
    const machine = {
      StartAt: 'U',
      States: { U: { Type: 'Pass', Parameters: { 'id.$': 'States.UUID()' }, End: true } },
    }
    const a = await run(machine, {}, { seed: 'x' })
    const b = await run(machine, {}, { seed: 'x' })
    const c = await run(machine, {}, { seed: 'y' })
    expect(a.result.output).toEqual(b.result.output)
    expect(a.result.output).not.toEqual(c.result.output)
    expect(a.events).toEqual(b.events)
  })

  it('builds ARNs and the context from the options', async () => {
    const { result } = await run(
      { StartAt: 'C', States: { C: { Type: 'Pass', Parameters: { 'c.$': '$$' }, End: true } } },
      { x: 1 },
      {
        stateMachineName: 'Orders',
        executionName: 'e-1',
        accountId: '111122223333',
        region: 'eu-central-1',
        partition: 'aws-cn',
        workflowType: 'STANDARD',
        context: { Execution: { RoleArn: 'arn:aws-cn:iam::111122223333:role/R' } },
      },
    )
    expect((result.output as { c: JsonValue }).c).toEqual({
      Execution: {
        Id: 'arn:aws-cn:states:eu-central-1:111122223333:execution:Orders:e-1',
        Input: { x: 1 },
        StartTime: '2024-01-01T00:00:00.000Z',
        Name: 'e-1',
        RoleArn: 'arn:aws-cn:iam::111122223333:role/R',
        RedriveCount: 0,
      },
      StateMachine: {
        Id: 'arn:aws-cn:states:eu-central-1:111122223333:stateMachine:Orders',
        Name: 'Orders',
      },
      State: { Name: 'C', EnteredTime: '2024-01-01T00:00:00.000Z' },
    })
    expect(result.executionArn).toBe(
      'arn:aws-cn:states:eu-central-1:111122223333:execution:Orders:e-1',
    )
  })

  it('reports an invalid definition without running it', async () => {
    const { result } = await run({ StartAt: 'Nope', States: { A: { Type: 'Pass', End: true } } })
    expect(result).toMatchObject({ status: 'FAILED', error: 'Stepwise.InvalidDefinition' })
    expect(result.cause).toContain("StartAt 'Nope'")
  })
})

describe('after a run', () => {
  /** Whether `target` can be reached from `from` through properties, array items and Maps. */
  function reaches(from: unknown, target: object): boolean {
    const seen = new Set<unknown>()
    const stack = [from]
    while (stack.length) {
      const v = stack.pop()
      if (v === target) return true
      if (typeof v !== 'object' || v === null || seen.has(v)) continue
      seen.add(v)
      if (v instanceof Map) for (const [k, x] of v) stack.push(k, x)
      else for (const k of Reflect.ownKeys(v)) stack.push((v as Record<PropertyKey, unknown>)[k])
    }
    return false
  }

  it("keeps the last run's objects for their hidden classes, but none of its data", async () => {
    const input = { items: Array.from({ length: 100 }, (_, i) => ({ i })) }
    const events: HistoryEvent[] = []
    const { output } = await runExecution(
      {
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Parallel',
            Branches: [
              {
                StartAt: 'Wait',
                States: {
                  Wait: { Type: 'Wait', Seconds: 5, Next: 'Work' },
                  Work: { Type: 'Task', Resource: LAMBDA, End: true },
                },
              },
            ],
            Assign: { kept: { big: 'value' } },
            End: true,
          },
        },
      } as StateMachine,
      input,
      { onEvent: (e) => events.push(e), mocks: { functions: { [LAMBDA]: (x) => ({ got: x }) } } },
    )
    expect(output).toEqual([{ got: input }])
    const kept = retainedShapes()
    expect(kept).not.toBeNull()
    for (const data of [input, input.items, events, output as object]) {
      expect(reaches(kept, data)).toBe(false)
    }
    expect(kept!.frame.scope.get('kept')).toBeUndefined()
  })
})
