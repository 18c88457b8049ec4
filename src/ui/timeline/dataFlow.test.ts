import { describe, expect, it } from 'vitest'
import flakyDefinition from '../../../public/examples/flaky-checkout.asl.json'
import flakyMocks from '../../../public/examples/flaky-checkout.mocks.json'
import type { JsonObject, JsonValue, StateMachine } from '../../core/asl/types'
import type { HistoryEvent, MockConfigFile } from '../../core/interpreter'
import { runExecution, testState } from '../../core/interpreter'
import {
  changedPaths,
  pathId,
  replayVisit,
  variablesInScope,
  type RunContextInfo,
} from './dataFlow'
import { HistoryIndex } from './historyIndex'

const RUN: RunContextInfo = {
  executionArn: null,
  stateMachineName: 'FlakyCheckout',
  workflowType: 'STANDARD',
  contextOverrides: null,
}

async function run(
  definition: JsonObject,
  input: JsonValue,
  mocks?: { config: MockConfigFile; testCase: string },
) {
  const events: HistoryEvent[] = []
  const result = await runExecution(definition as unknown as StateMachine, input, {
    stateMachineName: 'FlakyCheckout',
    mocks: mocks
      ? { config: mocks.config, stateMachineName: 'FlakyCheckout', testCase: mocks.testCase }
      : { unmappedTasks: 'passthrough' },
    onEvent: (e) => events.push(e),
  })
  return {
    index: new HistoryIndex(events),
    events,
    info: { ...RUN, executionArn: result.executionArn },
  }
}

const ORDER = { orderId: 'o-1', amount: 42, customer: { id: 'c-7' } }
const flaky = (testCase: string) =>
  run(flakyDefinition as JsonObject, ORDER, { config: flakyMocks as MockConfigFile, testCase })

describe('replaying a state’s data flow', () => {
  it('shows every step of the Task pipeline, exactly as the run computed it', async () => {
    const { index, info } = await flaky('FlakyThenOk')
    const visit = index.visits.find((v) => v.name === 'Charge card')!
    const flow = await replayVisit(flakyDefinition as JsonObject, index, visit, visit.exited, info)
    expect(flow.exact).toBe(true)
    expect(flow.note).toBeNull()
    expect(flow.failure).toBeNull()
    expect(flow.steps.map((s) => s.label)).toEqual([
      'Input',
      'After InputPath',
      'After Parameters',
      'Task result',
      'After ResultSelector',
      'After ResultPath',
      'Output (after OutputPath)',
    ])
    const byKey = Object.fromEntries(flow.steps.map((s) => [s.key, s]))
    expect(byKey.afterInputPath!.same).toBe(true)
    expect(byKey.afterParameters!.value).toEqual({
      FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:charge-card',
      Payload: { orderId: 'o-1', amount: 42 },
    })
    expect(byKey.afterResultSelector!.value).toEqual({ chargeId: 'ch_1001', status: 'captured' })
    // ResultPath added `payment` to the input, and nothing else changed.
    expect(byKey.afterResultPath!.changed).toEqual(
      new Set([
        pathId([]),
        pathId(['payment']),
        pathId(['payment', 'chargeId']),
        pathId(['payment', 'status']),
      ]),
    )
    expect(byKey.output!.same).toBe(true)
  })

  it('names the retrier and the back-off of each failed attempt', async () => {
    const { index, info } = await flaky('FlakyThenOk')
    const visit = index.visits.find((v) => v.name === 'Charge card')!
    const [first, second] = visit.failures
    const one = await replayVisit(flakyDefinition as JsonObject, index, visit, first!, info)
    expect(one.failure).toMatchObject({
      error: 'Lambda.TooManyRequestsException',
      cause: 'Rate exceeded.',
      handler: { kind: 'retrier', index: 0, attempt: 1, maxAttempts: 3, backoffMs: 2000 },
    })
    expect(one.exact).toBe(true)
    const two = await replayVisit(flakyDefinition as JsonObject, index, visit, second!, info)
    expect(two.failure?.handler).toMatchObject({ kind: 'retrier', attempt: 2, backoffMs: 4000 })
  })

  it('names the catcher that handled an error and where it went', async () => {
    const { index, info } = await flaky('Declined')
    const visit = index.visits.find((v) => v.name === 'Charge card')!
    const flow = await replayVisit(
      flakyDefinition as JsonObject,
      index,
      visit,
      visit.failures[0]!,
      info,
    )
    expect(flow.exact).toBe(true)
    expect(flow.failure).toMatchObject({
      error: 'CardDeclined',
      handler: {
        kind: 'catcher',
        index: 0,
        errorEquals: ['States.ALL'],
        next: 'Notify payment failed',
      },
    })
    expect(flow.steps.at(-1)?.value).toMatchObject({ error: { Error: 'CardDeclined' } })
  })

  it('replays Map and Parallel states from their iterations and branches', async () => {
    const definition: JsonObject = {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { factor: 10 }, Next: 'Each' },
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: { 'value.$': '$$.Map.Item.Value', 'at.$': '$$.Map.Item.Index' },
          ItemProcessor: {
            StartAt: 'Scale',
            States: { Scale: { Type: 'Pass', Parameters: { 'v.$': '$.value' }, End: true } },
          },
          ResultPath: '$.scaled',
          Next: 'Both',
        },
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'L', States: { L: { Type: 'Pass', Result: 'left', End: true } } },
            { StartAt: 'R', States: { R: { Type: 'Pass', Result: 'right', End: true } } },
          ],
          ResultSelector: { 'first.$': '$[0]' },
          End: true,
        },
      },
    }
    const { index, info } = await run(definition, { items: [1, 2] })
    const each = index.visits.find((v) => v.name === 'Each')!
    const mapFlow = await replayVisit(definition, index, each, each.exited, info)
    expect(mapFlow.exact).toBe(true)
    expect(mapFlow.steps.find((s) => s.key === 'afterItemSelector')?.value).toEqual([
      { value: 1, at: 0 },
      { value: 2, at: 1 },
    ])
    expect(mapFlow.steps.find((s) => s.key === 'result')?.value).toEqual([{ v: 1 }, { v: 2 }])
    const both = index.visits.find((v) => v.name === 'Both')!
    const parallelFlow = await replayVisit(definition, index, both, both.exited, info)
    expect(parallelFlow.exact).toBe(true)
    expect(parallelFlow.steps.find((s) => s.key === 'afterResultSelector')?.value).toEqual({
      first: 'left',
    })
    // Inside an iteration, the variables of the enclosing scope are visible.
    const scale = index.visits.find((v) => v.name === 'Scale')!
    expect(variablesInScope(index, scale)).toEqual({ factor: 10 })
  })

  it('flags a definition edited since the run', async () => {
    const { index, info } = await flaky('FlakyThenOk')
    const edited = structuredClone(flakyDefinition) as JsonObject
    ;((edited.States as JsonObject)['Charge card'] as JsonObject).ResultPath = '$.charge'
    const visit = index.visits.find((v) => v.name === 'Charge card')!
    const flow = await replayVisit(edited, index, visit, visit.exited, info)
    expect(flow.exact).toBe(false)
    expect(flow.note).toMatch(/different result/)
  })
})

describe('changedPaths', () => {
  it('marks new and changed values and the containers holding them', () => {
    const changed = changedPaths(
      { a: 1, b: { c: 2, d: 3 }, e: [1] },
      { a: 1, b: { c: 9, d: 3 }, e: [1, 2] },
    )
    expect([...changed].sort()).toEqual(
      [pathId([]), pathId(['b']), pathId(['b', 'c']), pathId(['e']), pathId(['e', 1])].sort(),
    )
    expect(changedPaths({ a: 1 }, { a: 1 }).size).toBe(0)
  })
})

describe('interpreter behaviour the replay relies on', () => {
  // Once reported to the interpreter's owner and fixed: with a `context` given, testState used to
  // replace the whole context object of the Map's ItemSelector too, hiding `$$.Map.Item`.
  it('keeps $$.Map.Item in a Map’s ItemSelector when a context object is given', async () => {
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: { 'v.$': '$$.Map.Item.Value' },
          ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    } as unknown as StateMachine
    const result = await testState(
      { definition, stateName: 'Each' },
      { items: [1, 2] },
      {
        mock: { result: '[1,2]' },
        inspectionLevel: 'DEBUG',
        context: { Execution: { Id: 'x' } },
      },
    )
    expect(result.status).toBe('SUCCEEDED')
    expect(result.inspectionData?.afterItemSelector).toEqual([{ v: 1 }, { v: 2 }])
  })
})
