// The execution store over the real interpreter worker (simulated in Node by @vitest/web-worker):
// runs with mocks, limits, Stop, history import/export, cost, persistence.
import '@vitest/web-worker'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import flakyDefinition from '../../public/examples/flaky-checkout.asl.json'
import flakyMocks from '../../public/examples/flaky-checkout.mocks.json'
import type { JsonObject } from '../core/asl/types'
import type { HistoryEvent } from '../core/interpreter'
import { useDocumentStore } from './documentStore'
import {
  DEFAULT_PRICING,
  estimateCost,
  exportPersisted,
  importPersisted,
  normalizeHistory,
  selectSelectedRun,
  setInterpreterClientFactory,
  summaryFromEvents,
  toAwsHistory,
  useExecutionStore,
  type RunRecord,
} from './executionStore'
import { InterpreterClient, type WorkerLike } from '../worker/interpreterClient'
import { importPersisted as importMocks, useMocksStore } from './mocksStore'
import { useWorkspaceStore } from './workspaceStore'

const store = () => useExecutionStore.getState()

async function finished(runId: string): Promise<RunRecord> {
  for (let i = 0; i < 400; i++) {
    const run = store().runs.find((r) => r.id === runId)
    if (run && run.status !== 'RUNNING' && store().activeRunId === null) return run
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('the run did not finish')
}

function openFlaky(testCase: string) {
  useDocumentStore.getState().openDocument({ definition: flakyDefinition as JsonObject })
  importMocks(undefined)
  const imported = useMocksStore.getState().importMockConfig(JSON.stringify(flakyMocks))
  expect(imported.ok).toBe(true)
  useMocksStore.getState().selectTestCase(testCase)
  store().setInputText('{"orderId":"o-1","amount":42,"customer":{"id":"c-7"}}')
}

beforeEach(() => importPersisted(undefined))
afterEach(async () => {
  await store().stopRun()
})

describe('runs in the worker', () => {
  it('runs the flaky Lambda through its retries and keeps the history', async () => {
    openFlaky('FlakyThenOk')
    const started = store().startRun()
    expect(started.ok).toBe(true)
    if (!started.ok) return
    expect(store().activeRunId).toBe(started.runId)
    const run = await finished(started.runId)
    expect(run.status).toBe('SUCCEEDED')
    expect(run.name).toBe('Run 1 · FlakyThenOk')
    expect(run.summary).toMatchObject({ transitions: 6, eventCount: 22, durationMs: 6000 })
    expect(run.events.filter((e) => e.type === 'TaskFailed')).toHaveLength(2)
    // What the store derives from events alone agrees with the interpreter's own count.
    expect(summaryFromEvents(run.events).transitions).toBe(6)
    expect(selectSelectedRun(store())?.id).toBe(run.id)
  })

  it('takes the Catch path with another test case, and re-runs with a run’s settings', async () => {
    openFlaky('Declined')
    const first = store().startRun()
    if (!first.ok) throw new Error(first.message)
    const declined = await finished(first.runId)
    expect(declined.status).toBe('FAILED')
    expect(declined.summary?.error).toBe('PaymentFailed')
    expect(declined.events.map((e) => e.statePath[0])).toContain('Notify payment failed')

    useMocksStore.getState().selectTestCase('FlakyThenOk')
    const again = store().rerun(declined.id)
    if (!again.ok) throw new Error(again.message)
    const rerun = await finished(again.runId)
    expect(rerun.testCase).toBe('Declined')
    expect(rerun.status).toBe('FAILED')
    expect(store().runs).toHaveLength(2)
  })

  it('refuses input that is not JSON and says why', () => {
    openFlaky('FlakyThenOk')
    store().setInputText('{"orderId": ')
    const result = store().startRun()
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.message).toMatch(/execution input is not valid JSON/)
    expect(store().runs).toHaveLength(0)
  })

  it('stops a runaway loop at its limit with a message', async () => {
    useDocumentStore.getState().openDocument({
      definition: {
        StartAt: 'Again',
        States: { Again: { Type: 'Pass', Next: 'Again' } },
      },
    })
    importMocks(undefined)
    store().setInputText('{}')
    store().setLimits({ maxTransitions: 500 })
    const started = store().startRun()
    if (!started.ok) throw new Error(started.message)
    const run = await finished(started.runId)
    expect(run.status).toBe('FAILED')
    expect(run.summary?.error).toBe('Stepwise.TransitionLimitExceeded')
    expect(run.note).toMatch(/limit of 500 state transitions/)
  })

  it('Stop aborts a long run at once', async () => {
    useDocumentStore.getState().openDocument({
      definition: {
        StartAt: 'Again',
        States: { Again: { Type: 'Pass', Next: 'Again' } },
      },
    })
    importMocks(undefined)
    store().setLimits({ maxTransitions: 50_000_000, maxHistoryEvents: 500_000_000 })
    const started = store().startRun()
    if (!started.ok) throw new Error(started.message)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await store().stopRun()
    const run = await finished(started.runId)
    expect(run.status).toBe('ABORTED')
    expect(run.note).toMatch(/Stopped|terminated/)
  })
})

describe('a crashed worker', () => {
  it('is reported, fails the run with a note, and the next run gets a fresh worker', async () => {
    const workers: { emit(message: string): void; started: boolean }[] = []
    setInterpreterClientFactory(
      (onCrash) =>
        new InterpreterClient({
          onCrash,
          createWorker: () => {
            const listeners = new Map<string, ((event: unknown) => void)[]>()
            const worker = {
              started: false,
              emit(message: string) {
                for (const l of listeners.get('error') ?? []) l({ message })
              },
              postMessage() {
                worker.started = true
              },
              terminate() {},
              addEventListener(type: string, listener: (event: unknown) => void) {
                listeners.set(type, [...(listeners.get(type) ?? []), listener])
              },
            }
            workers.push(worker)
            return worker as unknown as WorkerLike
          },
        }),
    )
    try {
      openFlaky('FlakyThenOk')
      const started = store().startRun()
      if (!started.ok) throw new Error(started.message)
      workers[0]!.emit('out of memory')
      const run = await finished(started.runId)
      expect(run.status).toBe('FAILED')
      expect(run.note).toMatch(/worker crashed \(out of memory\)/)
      expect(useWorkspaceStore.getState().notices.at(-1)).toMatchObject({
        kind: 'error',
        detail: 'out of memory',
      })
      expect(store().startRun().ok).toBe(true)
      expect(workers).toHaveLength(2)
      expect(workers[1]!.started).toBe(true)
    } finally {
      setInterpreterClientFactory(undefined)
    }
  })
})

describe('history files', () => {
  it('exports AWS’s shape and imports it back with the same state paths', async () => {
    openFlaky('FlakyThenOk')
    const started = store().startRun()
    if (!started.ok) throw new Error(started.message)
    const run = await finished(started.runId)
    const file = store().exportHistory(run.id)!
    expect(Object.keys(file)).toEqual(['events'])
    expect(file.events.every((e) => !('statePath' in e))).toBe(true)
    const imported = store().importHistory(JSON.stringify(file), { name: 'saved.json' })
    if (!imported.ok) throw new Error(imported.message)
    const copy = selectSelectedRun(store())!
    expect(copy.source).toBe('imported')
    expect(copy.status).toBe('SUCCEEDED')
    expect(copy.events.map((e) => e.statePath)).toEqual(run.events.map((e) => e.statePath))
    expect(copy.summary?.transitions).toBe(6)
    expect(JSON.parse(copy.inputText)).toEqual({
      orderId: 'o-1',
      amount: 42,
      customer: { id: 'c-7' },
    })
  })

  it('rebuilds Map iterations and Parallel branches from AWS’s chain of event ids', () => {
    const definition: JsonObject = {
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
            {
              StartAt: 'Each',
              States: {
                Each: {
                  Type: 'Map',
                  ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } },
                  End: true,
                },
              },
            },
          ],
          End: true,
        },
      },
    }
    // As the CLI prints it: newest first, epoch-second timestamps, no statePath.
    const aws = [
      {
        id: 1,
        previousEventId: 0,
        timestamp: 1704067200.5,
        type: 'ExecutionStarted',
        executionStartedEventDetails: {
          input: '[1,2]',
          inputDetails: { truncated: false },
          roleArn: 'r',
        },
      },
      {
        id: 2,
        previousEventId: 1,
        timestamp: 1704067200.5,
        type: 'ParallelStateEntered',
        stateEnteredEventDetails: { name: 'Fan', input: '[1,2]' },
      },
      { id: 3, previousEventId: 2, timestamp: 1704067200.5, type: 'ParallelStateStarted' },
      {
        id: 4,
        previousEventId: 3,
        timestamp: 1704067200.5,
        type: 'PassStateEntered',
        stateEnteredEventDetails: { name: 'A', input: '[1,2]' },
      },
      {
        id: 5,
        previousEventId: 3,
        timestamp: 1704067200.5,
        type: 'MapStateEntered',
        stateEnteredEventDetails: { name: 'Each', input: '[1,2]' },
      },
      {
        id: 6,
        previousEventId: 5,
        timestamp: 1704067200.5,
        type: 'MapStateStarted',
        mapStateStartedEventDetails: { length: 2 },
      },
      {
        id: 7,
        previousEventId: 6,
        timestamp: 1704067200.5,
        type: 'MapIterationStarted',
        mapIterationStartedEventDetails: { name: 'Each', index: 0 },
      },
      {
        id: 8,
        previousEventId: 6,
        timestamp: 1704067200.5,
        type: 'MapIterationStarted',
        mapIterationStartedEventDetails: { name: 'Each', index: 1 },
      },
      {
        id: 9,
        previousEventId: 8,
        timestamp: 1704067200.5,
        type: 'PassStateEntered',
        stateEnteredEventDetails: { name: 'Work', input: '2' },
      },
      {
        id: 10,
        previousEventId: 7,
        timestamp: 1704067200.5,
        type: 'PassStateEntered',
        stateEnteredEventDetails: { name: 'Work', input: '1' },
      },
      {
        id: 11,
        previousEventId: 9,
        timestamp: 1704067200.5,
        type: 'PassStateExited',
        stateExitedEventDetails: { name: 'Work', output: '2' },
      },
      {
        id: 12,
        previousEventId: 11,
        timestamp: 1704067200.5,
        type: 'MapIterationSucceeded',
        mapIterationSucceededEventDetails: { name: 'Each', index: 1 },
      },
    ].reverse()
    const { events, status, warnings } = normalizeHistory(
      { events: aws, nextToken: 'x' } as unknown as JsonObject,
      definition,
    )
    expect(status).toBe('RUNNING')
    expect(warnings).toEqual([])
    expect(events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(events[0]!.timestamp).toBe('2024-01-01T00:00:00.500Z')
    expect(events.map((e) => e.statePath)).toEqual([
      [],
      ['Fan'],
      ['Fan'],
      ['Fan', 0, 'A'],
      ['Fan', 1, 'Each'],
      ['Fan', 1, 'Each'],
      ['Fan', 1, 'Each', 0],
      ['Fan', 1, 'Each', 1],
      ['Fan', 1, 'Each', 1, 'Work'],
      ['Fan', 1, 'Each', 0, 'Work'],
      ['Fan', 1, 'Each', 1, 'Work'],
      ['Fan', 1, 'Each', 1],
    ])
  })

  it('tolerates PascalCase keys, microsecond timestamps and states the definition lacks', () => {
    const { events, status, warnings } = normalizeHistory(
      [
        {
          Id: 1,
          PreviousEventId: 0,
          Timestamp: '2024-05-01 10:00:00.123456+02:00',
          Type: 'ExecutionStarted',
          ExecutionStartedEventDetails: { Input: '{}' },
        },
        {
          Id: 2,
          PreviousEventId: 1,
          Timestamp: '2024-05-01 10:00:01.000000+02:00',
          Type: 'PassStateEntered',
          StateEnteredEventDetails: { Name: 'Gone', Input: '{}' },
        },
        {
          Id: 3,
          PreviousEventId: 2,
          Timestamp: '2024-05-01 10:00:01.000000+02:00',
          Type: 'ExecutionSucceeded',
          ExecutionSucceededEventDetails: { Output: '{}' },
        },
      ],
      { StartAt: 'Here', States: { Here: { Type: 'Succeed' } } },
    )
    expect(status).toBe('SUCCEEDED')
    expect(events[0]!.timestamp).toBe('2024-05-01T08:00:00.123Z')
    expect(events[1]!.statePath).toEqual(['Gone'])
    expect(warnings[0]).toMatch(/“Gone” is not in the current definition/)
  })

  it('says what is wrong with a file that is not a history', () => {
    expect(store().importHistory('{"StartAt": "A"}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not an execution history/),
    })
    expect(store().importHistory('nope')).toMatchObject({ ok: false })
    expect(store().runs).toHaveLength(0)
  })

  it('drops statePath only, keeping AWS fields in order', () => {
    const event = {
      id: 1,
      previousEventId: 0,
      timestamp: 't',
      type: 'ExecutionStarted',
      statePath: [],
      executionStartedEventDetails: {
        input: '{}',
        inputDetails: { truncated: false },
        roleArn: 'r',
      },
    } as unknown as HistoryEvent
    expect(Object.keys(toAwsHistory([event]).events[0]!)).toEqual([
      'id',
      'previousEventId',
      'timestamp',
      'type',
      'executionStartedEventDetails',
    ])
  })
})

describe('cost', () => {
  it('prices Standard per transition and Express per request and GB-second', () => {
    const cost = estimateCost({ transitions: 6, durationMs: 6000 }, DEFAULT_PRICING)
    expect(cost.standard).toBeCloseTo(0.00015, 10)
    expect(cost.express.requests).toBeCloseTo(0.000001, 12)
    // 64 MB for 6 s = 0.375 GB-s.
    expect(cost.express.gbSeconds).toBeCloseTo(0.375, 10)
    expect(cost.express.duration).toBeCloseTo(0.375 * 0.00001667, 12)
  })

  it('rounds Express duration up to 100 ms and memory up to 64 MB', () => {
    const cost = estimateCost(
      { transitions: 1, durationMs: 1 },
      { ...DEFAULT_PRICING, expressMemoryMb: 100, expressPerGbSecond: 1 },
    )
    expect(cost.express.billedMs).toBe(100)
    expect(cost.express.billedMb).toBe(128)
    expect(cost.express.duration).toBeCloseTo((128 / 1024) * 0.1, 10)
  })
})

describe('persistence', () => {
  it('saves input, runs and rates, and a fresh workflow starts empty', async () => {
    openFlaky('FlakyThenOk')
    store().setPricing({ expressMemoryMb: 256 })
    const started = store().startRun()
    if (!started.ok) throw new Error(started.message)
    await finished(started.runId)
    const saved = structuredClone(exportPersisted())
    importPersisted(undefined)
    expect(store().runs).toEqual([])
    expect(store().inputText).toBe('{}')
    importPersisted(saved)
    expect(store().runs).toHaveLength(1)
    expect(store().pricing.expressMemoryMb).toBe(256)
    expect(store().inputText).toContain('o-1')
    expect(selectSelectedRun(store())?.events).toHaveLength(22)
  })
})
