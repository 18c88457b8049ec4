import { describe, expect, it } from 'vitest'
import flakyDefinition from '../../../public/examples/flaky-checkout.asl.json'
import flakyMocks from '../../../public/examples/flaky-checkout.mocks.json'
import type { JsonObject, JsonValue, StateMachine } from '../../core/asl/types'
import type { HistoryEvent, MockConfigFile } from '../../core/interpreter'
import { runExecution } from '../../core/interpreter'
import {
  ancestorGroups,
  buildRows,
  collapsedByDefault,
  HistoryIndex,
  historyIndexOf,
  RowBuilder,
  type HistoryGroup,
  type Snapshot,
} from './historyIndex'

async function history(
  definition: JsonObject,
  input: JsonValue,
  mocks?: { config: MockConfigFile; testCase: string },
): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = []
  await runExecution(definition as unknown as StateMachine, input, {
    mocks: mocks
      ? { config: mocks.config, stateMachineName: 'FlakyCheckout', testCase: mocks.testCase }
      : { unmappedTasks: 'passthrough' },
    onEvent: (e) => events.push(e),
  })
  return events
}

const ORDER = { orderId: 'o-1', amount: 42, customer: { id: 'c-7' } }
const flaky = (testCase: string) =>
  history(flakyDefinition as JsonObject, ORDER, {
    config: flakyMocks as MockConfigFile,
    testCase,
  })

function stateOf(index: HistoryIndex, snapshot: Snapshot, ...names: string[]) {
  const key = index.stateKeyIdOf(names)
  return key === -1 ? undefined : snapshot.states[key]
}

function at(events: HistoryEvent[], type: string, nth = 0): number {
  const found = events.map((e, i) => [e.type, i] as const).filter(([t]) => t === type)
  return found[nth]![1]
}

function transitions(snapshot: Snapshot): string[] {
  return snapshot.transitions.map(
    (t) => `${t.from?.join('/') ?? 'START'} -${t.kind}-> ${t.to?.join('/') ?? 'END'}`,
  )
}

describe('status at the playhead', () => {
  it('follows the flaky Lambda through its retries to success', async () => {
    const events = await flaky('FlakyThenOk')
    const index = new HistoryIndex(events)
    const end = index.snapshot(events.length - 1)
    expect(stateOf(index, end, 'Charge card')).toEqual({
      status: 'succeeded',
      visits: 1,
      retries: 2,
      children: null,
    })
    expect(stateOf(index, end, 'Ship order')?.status).toBe('succeeded')
    expect(stateOf(index, end, 'Notify payment failed')).toBeUndefined()
    expect(transitions(end)).toEqual([
      'START -start-> Prepare order',
      'Prepare order -next-> Charge card',
      'Charge card -next-> Ship order',
      'Ship order -next-> Order complete',
      'Order complete -end-> END',
    ])

    // Step by step: scheduled, failed (to be retried), scheduled again.
    expect(stateOf(index, index.snapshot(at(events, 'TaskScheduled')), 'Charge card')).toEqual({
      status: 'running',
      visits: 1,
      retries: 0,
      children: null,
    })
    const failed = index.snapshot(at(events, 'TaskFailed'))
    expect(stateOf(index, failed, 'Charge card')?.status).toBe('retrying')
    expect(stateOf(index, failed, 'Ship order')?.status).toBe('not-run')
    expect(transitions(failed)).toEqual([
      'START -start-> Prepare order',
      'Prepare order -next-> Charge card',
    ])
    const retry = index.snapshot(at(events, 'TaskScheduled', 1))
    expect(stateOf(index, retry, 'Charge card')).toMatchObject({ status: 'running', retries: 1 })
    expect(index.firstFailure).toBe(at(events, 'TaskFailed'))
    expect(index.visitOf(at(events, 'TaskFailed'))?.failures).toHaveLength(2)
  })

  it('shows a caught error and the Catch transition', async () => {
    const events = await flaky('Declined')
    const index = new HistoryIndex(events)
    const end = index.snapshot(events.length - 1)
    expect(stateOf(index, end, 'Charge card')?.status).toBe('caught')
    expect(stateOf(index, end, 'Notify payment failed')?.status).toBe('succeeded')
    expect(stateOf(index, end, 'Payment failed')?.status).toBe('failed')
    expect(transitions(end)).toContain('Charge card -catch-> Notify payment failed')
    expect(stateOf(index, index.snapshot(at(events, 'TaskFailed')), 'Charge card')?.status).toBe(
      'caught',
    )
  })

  it('counts Map iterations and Parallel branches, and their states', async () => {
    const definition: JsonObject = {
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Nap', States: { Nap: { Type: 'Wait', Seconds: 5, End: true } } },
            { StartAt: 'Quick', States: { Quick: { Type: 'Pass', End: true } } },
          ],
          Next: 'Each',
        },
        Each: {
          Type: 'Map',
          ItemsPath: '$$.Execution.Input.items',
          ToleratedFailureCount: 1,
          ItemProcessor: {
            StartAt: 'Work',
            States: {
              Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:w', End: true },
            },
          },
          End: true,
        },
      },
    }
    const config: MockConfigFile = {
      StateMachines: { FlakyCheckout: { TestCases: { T: { Work: 'W' } } } },
      MockedResponses: {
        W: {
          '0': { Return: 1 },
          '1': { Throw: { Error: 'Boom', Cause: 'x' } },
          '2': { Return: 3 },
        },
      },
    }
    const events = await history(definition, { items: [1, 2, 3] }, { config, testCase: 'T' })
    const index = new HistoryIndex(events)
    const end = index.snapshot(events.length - 1)
    expect(stateOf(index, end, 'Each')?.children).toEqual({
      kind: 'iteration',
      total: 3,
      running: 0,
      succeeded: 2,
      failed: 1,
      aborted: 0,
    })
    expect(stateOf(index, end, 'Each', 'Work')).toMatchObject({ status: 'failed', visits: 3 })
    expect(stateOf(index, end, 'Fan')?.children).toMatchObject({ kind: 'branch', succeeded: 2 })

    // While the Wait of branch 1 runs, branch 2 is already done.
    const quickExit = events.findIndex((e) => e.type === 'PassStateExited')
    const during = index.snapshot(quickExit)
    expect(stateOf(index, during, 'Fan')).toMatchObject({
      status: 'running',
      children: { kind: 'branch', total: 2, running: 1, succeeded: 1 },
    })
    expect(stateOf(index, during, 'Fan', 'Nap')?.status).toBe('running')
  })

  it('marks the state of a States.Runtime failure as failed though it has no failure event', async () => {
    const events = await history(
      {
        StartAt: 'Pick',
        States: { Pick: { Type: 'Pass', InputPath: '$.missing', End: true } },
      },
      {},
    )
    const index = new HistoryIndex(events)
    expect(events.at(-1)?.type).toBe('ExecutionFailed')
    expect(stateOf(index, index.snapshot(events.length - 1), 'Pick')?.status).toBe('failed')
    expect(index.firstFailure).toBe(events.length - 1)
  })

  it('shows an unanswered failure as running while the run is live', async () => {
    const events = await flaky('FlakyThenOk')
    const cut = events.slice(0, at(events, 'TaskFailed') + 1)
    const index = new HistoryIndex(cut)
    expect(stateOf(index, index.snapshot(cut.length - 1, true), 'Charge card')?.status).toBe(
      'running',
    )
    expect(stateOf(index, index.snapshot(cut.length - 1), 'Charge card')?.status).toBe('failed')
  })

  it('aborts what was running when the execution is aborted', async () => {
    const events = await history(
      { StartAt: 'Nap', States: { Nap: { Type: 'Wait', Seconds: 60, End: true } } },
      {},
    )
    const cut = events.slice(0, 2)
    cut.push({
      id: 3,
      previousEventId: 2,
      timestamp: cut[1]!.timestamp,
      type: 'ExecutionAborted',
      statePath: [],
      executionAbortedEventDetails: {},
    })
    const index = new HistoryIndex(cut)
    expect(stateOf(index, index.snapshot(2), 'Nap')?.status).toBe('aborted')
    expect(stateOf(index, index.snapshot(1), 'Nap')?.status).toBe('running')
  })
})

describe('incremental ingest', () => {
  it('gives the same answers when events arrive in batches', async () => {
    const events = await flaky('Declined')
    const whole = new HistoryIndex(events)
    const streamed: HistoryEvent[] = []
    const index = historyIndexOf(streamed)
    for (let i = 0; i < events.length; i += 4) {
      streamed.push(...events.slice(i, i + 4))
      expect(historyIndexOf(streamed)).toBe(index)
    }
    expect(index.count).toBe(events.length)
    for (const p of [0, 5, 9, events.length - 1]) {
      expect(index.snapshot(p).states).toEqual(whole.snapshot(p).states)
    }
    expect(index.groups.map((g) => g.items)).toEqual(whole.groups.map((g) => g.items))
  })

  it('keeps its replay right across live snapshots, patched failures and moves back', async () => {
    const events = await flaky('FlakyThenOk')
    const streamed: HistoryEvent[] = []
    const index = new HistoryIndex(streamed)
    // Live: each batch is looked at as it lands (failures are answered by later batches).
    for (let i = 0; i < events.length; i += 3) {
      streamed.push(...events.slice(i, i + 3))
      index.sync()
      const live = index.snapshot(index.count - 1, true)
      const fresh = new HistoryIndex([...streamed]).snapshot(streamed.length - 1, true)
      expect(live.states).toEqual(fresh.states)
    }
    const whole = new HistoryIndex(events)
    for (const p of [3, 10, 21, 6, 0, 15, 21]) {
      const got = index.snapshot(p)
      const want = whole.snapshot(p)
      expect(got.states).toEqual(want.states)
      expect(got.transitions).toEqual(want.transitions)
      expect([...got.visitStatus]).toEqual([...want.visitStatus])
    }
    expect(index.snapshot(21)).toBe(index.snapshot(21))
  })
})

describe('moving back through a long history', () => {
  it('gives the same statuses from checkpoints as from a replay of everything', async () => {
    const rounds = 6000
    const events = await history(
      {
        StartAt: 'Step',
        States: {
          Step: { Type: 'Pass', Parameters: { 'i.$': 'States.MathAdd($.i, 1)' }, Next: 'More?' },
          'More?': {
            Type: 'Choice',
            Choices: [{ Variable: '$.i', NumericLessThan: rounds, Next: 'Step' }],
            Default: 'Done',
          },
          Done: { Type: 'Succeed' },
        },
      },
      { i: 0 },
    )
    expect(events.length).toBeGreaterThan(20_000)
    const index = new HistoryIndex(events)
    index.snapshot(events.length - 1)
    for (const p of [20_000, 8_191, 16_384, 9_000, 1, events.length - 1, 12_345]) {
      const fresh = new HistoryIndex(events).snapshot(p)
      const got = index.snapshot(p)
      expect(got.states).toEqual(fresh.states)
      expect(got.transitions).toEqual(fresh.transitions)
      expect([...got.visitStatus]).toEqual([...fresh.visitStatus])
    }
  })
})

describe('rows', () => {
  it('lists every group and event, and hides what a collapsed group holds', async () => {
    const events = await flaky('FlakyThenOk')
    const index = new HistoryIndex(events)
    const open = buildRows(index, () => false)
    // Every event, plus one header per visit (the execution itself has none).
    expect(open.length).toBe(events.length + index.groups.length - 1)
    expect(open.refs[0]).toBe(0) // ExecutionStarted
    expect(open.refs[1]).toBe(-2) // the first visit's header
    const charge = index.visits.find((v) => v.name === 'Charge card')!
    const closed = buildRows(index, (g) => g.id === charge.group)
    const hidden = index.groups[charge.group]!.items.length
    expect(closed.length).toBe(open.length - hidden)
    const headerRow = closed.rowOf(charge.entered)
    expect(closed.refs[headerRow]).toBe(-(charge.group + 1))
    expect(ancestorGroups(index, charge.entered)).toEqual([charge.group])
  })

  it('extends its rows as events stream in, exactly as a rebuild would list them', async () => {
    const definition: JsonObject = {
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Nap', States: { Nap: { Type: 'Wait', Seconds: 5, End: true } } },
            {
              StartAt: 'Each',
              States: {
                Each: {
                  Type: 'Map',
                  ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Pass', End: true } } },
                  End: true,
                },
              },
            },
          ],
          Next: 'Loop',
        },
        Loop: { Type: 'Pass', End: true },
      },
    }
    const events = await history(
      definition,
      Array.from({ length: 12 }, (_, i) => i),
    )
    const streamed: HistoryEvent[] = []
    const index = new HistoryIndex(streamed)
    const isCollapsed = (g: HistoryGroup) => collapsedByDefault(index, g)
    const builder = new RowBuilder(index, isCollapsed)
    for (let i = 0; i < events.length; i += 5) {
      streamed.push(...events.slice(i, i + 5))
      index.sync()
      const got = builder.rows()
      const want = buildRows(index, isCollapsed)
      expect(got.length).toBe(want.length)
      expect([...got.refs.slice(0, got.length)]).toEqual([...want.refs.slice(0, want.length)])
      expect([...got.depth.slice(0, got.length)]).toEqual([...want.depth.slice(0, want.length)])
      for (let e = 0; e < index.count; e++) expect(got.rowOf(e)).toBe(want.rowOf(e))
    }
    // Interleaved branches and a Map passing the collapse threshold force a few rebuilds…
    expect(builder.rebuilds).toBeGreaterThan(1)
    expect(builder.rebuilds).toBeLessThan(events.length / 5)
  })

  it('only extends its rows for a sequential run', async () => {
    const events = await flaky('FlakyThenOk')
    const streamed: HistoryEvent[] = []
    const index = new HistoryIndex(streamed)
    const builder = new RowBuilder(index, () => false)
    for (let i = 0; i < events.length; i += 3) {
      streamed.push(...events.slice(i, i + 3))
      index.sync()
      builder.rows()
    }
    expect(builder.rebuilds).toBe(1)
    expect([...builder.rows().refs.slice(0, 28)]).toEqual([
      ...buildRows(index, () => false).refs.slice(0, 28),
    ])
  })

  it('collapses the iterations of a large Map by default', async () => {
    const items = Array.from({ length: 20 }, (_, i) => i)
    const events = await history(
      {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      },
      items,
    )
    const index = new HistoryIndex(events)
    const rows = buildRows(index, (g) => collapsedByDefault(index, g))
    // The execution's 2 events, the Map's header and its 4 own events, 20 iteration headers.
    expect(rows.length).toBe(2 + 1 + 4 + 20)
  })
})
