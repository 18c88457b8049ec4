// The worker module itself, driven in Node through a stubbed `self`.
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import type { FromWorker, RunFinishedMessage, ToWorker } from './protocol'

let posted: FromWorker[]
let fakeSelf: {
  onmessage: null | ((e: { data: ToWorker }) => void)
  postMessage: (m: FromWorker) => void
}

beforeEach(async () => {
  vi.resetModules()
  posted = []
  fakeSelf = { onmessage: null, postMessage: (m) => posted.push(structuredClone(m)) }
  vi.stubGlobal('self', fakeSelf)
  await import('./interpreter.worker')
})

afterEach(() => {
  vi.unstubAllGlobals()
})

const send = (message: ToWorker) => fakeSelf.onmessage!({ data: message })

async function finished(runId: string): Promise<RunFinishedMessage> {
  await vi.waitFor(() => {
    expect(posted.some((m) => m.type === 'run/finished' && m.runId === runId)).toBe(true)
  })
  return posted.find((m) => m.type === 'run/finished' && m.runId === runId) as RunFinishedMessage
}

it('runs an execution with mocks and streams its events in order', async () => {
  send({
    type: 'run/start',
    runId: 'r1',
    definition: {
      StartAt: 'Charge',
      States: {
        Charge: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:pay', End: true },
      },
    },
    input: { amount: 5 },
    stateMachineName: 'Shop',
    testCase: 'Happy',
    mocks: {
      StateMachines: { Shop: { TestCases: { Happy: { Charge: 'Paid' } } } },
      MockedResponses: { Paid: { '0': { Return: { ok: true } } } },
    },
  })
  const result = await finished('r1')
  expect(result).toMatchObject({ status: 'SUCCEEDED', output: { ok: true }, transitions: 1 })
  const events = posted.flatMap((m) => (m.type === 'run/events' ? m.events : []))
  expect(events.map((e) => e.type)).toEqual([
    'ExecutionStarted',
    'TaskStateEntered',
    'LambdaFunctionScheduled',
    'LambdaFunctionStarted',
    'LambdaFunctionSucceeded',
    'TaskStateExited',
    'ExecutionSucceeded',
  ])
  expect(events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7])
  // Events arrive before the run is reported finished.
  expect(posted.findIndex((m) => m.type === 'run/finished')).toBe(posted.length - 1)
})

it('stops a long run on run/abort', async () => {
  send({
    type: 'run/start',
    runId: 'loop',
    definition: {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } },
    },
    input: {},
    options: { limits: { maxTransitions: 50_000_000, maxHistoryEvents: 100_000_000 } },
  })
  await vi.waitFor(() => expect(posted.some((m) => m.type === 'run/events')).toBe(true))
  send({ type: 'run/abort', runId: 'loop' })
  const result = await finished('loop')
  expect(result.status).toBe('ABORTED')
  expect(result.transitions).toBeLessThan(50_000_000)
})

it('reports a bad request as a failed run, not a crash', async () => {
  send({
    type: 'run/start',
    runId: 'bad',
    definition: { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
    input: {},
    mocks: { StateMachines: { M: { TestCases: {} } }, MockedResponses: {} },
    testCase: 'Nope',
  })
  const result = await finished('bad')
  expect(result).toMatchObject({ status: 'FAILED', error: 'Stepwise.InvalidRequest' })
  expect(result.cause).toContain("no test case 'Nope'")
  expect(posted.some((m) => m.type === 'worker/crashed')).toBe(false)
})
