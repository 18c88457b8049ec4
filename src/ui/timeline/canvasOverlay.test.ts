import { describe, expect, it } from 'vitest'
import flakyDefinition from '../../../public/examples/flaky-checkout.asl.json'
import flakyMocks from '../../../public/examples/flaky-checkout.mocks.json'
import type { JsonObject, StateMachine } from '../../core/asl/types'
import { EMPTY_LAYOUT } from '../../core/graph/layoutMap'
import { aslToGraph, findStatesByName } from '../../core/graph/model'
import type { HistoryEvent, MockConfigFile } from '../../core/interpreter'
import { runExecution } from '../../core/interpreter'
import { createProjector } from '../canvas/projection'
import { effectivePlayhead, projectRun, resolveState } from './canvasOverlay'
import { HistoryIndex } from './historyIndex'

async function flakyRun(testCase: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = []
  await runExecution(
    flakyDefinition as unknown as StateMachine,
    { orderId: 'o-1', amount: 42, customer: { id: 'c-7' } },
    {
      mocks: {
        config: flakyMocks as MockConfigFile,
        stateMachineName: 'FlakyCheckout',
        testCase,
      },
      onEvent: (e) => events.push(e),
    },
  )
  return events
}

const graph = aslToGraph(flakyDefinition as JsonObject)
const id = (name: string) => findStatesByName(graph, name)[0]!

describe('the run on the canvas', () => {
  it('colours states and the path taken through the Catch', async () => {
    const events = await flakyRun('Declined')
    const index = new HistoryIndex(events)
    const overlay = projectRun(graph, index, index.snapshot(events.length - 1))
    expect(overlay.states.get(id('Charge card'))?.status).toBe('caught')
    expect(overlay.states.get(id('Ship order'))?.status).toBe('not-run')
    expect(overlay.states.get(id('Payment failed'))?.status).toBe('failed')
    expect([...overlay.takenEdges].sort()).toEqual(
      [
        'start:root',
        `${id('Prepare order')}:next`,
        `${id('Charge card')}:catch:0`,
        `${id('Notify payment failed')}:next`,
      ].sort(),
    )
    expect(overlay.currentId).toBeNull()
  })

  it('feeds the projection: status, retries, current state and taken edges', async () => {
    const events = await flakyRun('FlakyThenOk')
    const index = new HistoryIndex(events)
    const secondFailure = events.findLastIndex((e) => e.type === 'TaskFailed')
    const overlay = projectRun(graph, index, index.snapshot(secondFailure))
    const projection = createProjector()({
      graph,
      layout: EMPTY_LAYOUT,
      selectedIds: [],
      problems: new Map(),
      run: overlay,
    })
    const charge = projection.nodes.find((n) => n.id === id('Charge card'))!
    expect(charge.data).toMatchObject({ status: 'retrying', runRetries: 1, runCurrent: true })
    const ship = projection.edges.find((e) => e.id === `${id('Charge card')}:next`)!
    expect(ship.data?.run).toBe('idle')
    const prepare = projection.edges.find((e) => e.id === `${id('Prepare order')}:next`)!
    expect(prepare.data?.run).toBe('taken')
  })

  it('finds states by name path, or by name alone when they moved', () => {
    expect(resolveState(graph, ['Charge card'])).toBe(id('Charge card'))
    expect(resolveState(graph, ['Old branch', 'Charge card'])).toBe(id('Charge card'))
    expect(resolveState(graph, ['Nowhere'])).toBeUndefined()
    expect(effectivePlayhead(null, 10)).toBe(9)
    expect(effectivePlayhead(50, 10)).toBe(9)
    expect(effectivePlayhead(null, 0)).toBe(-1)
  })
})
