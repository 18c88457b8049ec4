import ELK from 'elkjs/lib/elk.bundled.js'
import { describe, expect, it } from 'vitest'
import type { GraphEdge } from './edges'
import { scopeEdges } from './edges'
import { applyElkResult, buildElkGraph, layoutEdges, layoutGraph } from './layout'
import { ROOT_SCOPE_ID, aslToGraph, childScopeIds, requireState } from './model'
import { generateWorkflow } from './testing/generateWorkflow'
import { idOf, sample } from './testing/fixtures'

const graph = aslToGraph(sample)

describe('buildElkGraph', () => {
  it('nests branches in Parallel nodes and the processor in Map nodes, with caller sizes', () => {
    const validate = idOf(graph, 'Validate')
    const elk = buildElkGraph(
      graph,
      { [validate]: { width: 250, height: 80 } },
      { defaultSize: { width: 100, height: 40 } },
    )
    expect(elk.id).toBe(ROOT_SCOPE_ID)
    expect(elk.children!.map((c) => c.id)).toEqual(
      ['Validate', 'Route', 'Fan out', 'Each item', 'Done', 'Failed'].map((n) => idOf(graph, n)),
    )
    expect(elk.children![0]).toMatchObject({ width: 250, height: 80 })
    expect(elk.children![1]).toMatchObject({ width: 100, height: 40 })
    const parallel = elk.children![2]!
    const branches = childScopeIds(requireState(graph, idOf(graph, 'Fan out')))
    expect(parallel.children!.map((c) => c.id)).toEqual(branches)
    expect(parallel.children![1]!.children!.map((c) => c.id)).toEqual([
      idOf(graph, 'Notify'),
      idOf(graph, 'Notified'),
    ])
    expect(parallel.children![1]!.edges).toEqual([
      {
        id: `${idOf(graph, 'Notify')}:next`,
        sources: [idOf(graph, 'Notify')],
        targets: [idOf(graph, 'Notified')],
      },
    ])
    const map = elk.children![3]!
    expect(map.children!.map((c) => c.id)).toEqual(
      childScopeIds(requireState(graph, idOf(graph, 'Each item'))),
    )
    expect(elk.edges).toHaveLength(7)
    expect(elk.layoutOptions!['elk.direction']).toBe('DOWN')
    expect(buildElkGraph(graph, {}, { direction: 'RIGHT' }).layoutOptions!['elk.direction']).toBe(
      'RIGHT',
    )
  })

  it('leaves dangling edges, self-loops and long edges out, keeping each node its shortest incoming edge', () => {
    const chain = aslToGraph({
      StartAt: 'S0',
      States: Object.fromEntries([
        ...Array.from({ length: 8 }, (_, i) => [
          `S${i}`,
          {
            Type: 'Task',
            Resource: 'r',
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handler' }],
            ...(i === 3
              ? { Retry: [], Next: 'Missing' }
              : { Next: i === 7 ? 'Handler' : `S${i + 1}` }),
          },
        ]),
        ['Handler', { Type: 'Pass', Next: 'Handler' }],
      ]),
    })
    const edges = scopeEdges(chain, ROOT_SCOPE_ID)
    const kept = layoutEdges(chain.scopes[ROOT_SCOPE_ID]!.stateIds, edges, 2)
    const label = (e: GraphEdge) =>
      `${requireState(chain, e.source).name}->${e.target && requireState(chain, e.target).name}`
    // S3 → Missing is dangling, Handler → Handler a loop; catchers spanning over 2 layers go.
    expect(kept.map(label)).toEqual([
      'S0->S1',
      'S1->S2',
      'S2->S3',
      'S2->Handler',
      'S3->Handler',
      'S4->S5',
      'S5->S6',
      'S6->S7',
      'S6->Handler',
      'S7->Handler',
      'S7->Handler',
    ])
    expect(layoutEdges(chain.scopes[ROOT_SCOPE_ID]!.stateIds, edges, Infinity)).toHaveLength(
      edges.length - 2,
    )
  })
})

describe('layoutGraph (ELK in Node)', () => {
  it('lays a small machine out top to bottom, branches side by side, positions relative to parents', async () => {
    const elk = new ELK()
    const layout = await layoutGraph(elk, graph, {}, { defaultSize: { width: 120, height: 40 } })
    const pos = (name: string) => layout.positions[idOf(graph, name)]!
    for (const id of [
      ...Object.keys(graph.states),
      ...Object.keys(graph.scopes).filter((s) => s !== ROOT_SCOPE_ID),
    ]) {
      expect(layout.positions[id], id).toBeDefined()
    }
    expect(layout.positions[ROOT_SCOPE_ID]).toBeUndefined()
    expect(pos('Validate').y).toBeLessThan(pos('Route').y)
    expect(pos('Route').y).toBeLessThan(pos('Done').y)
    const parallel = idOf(graph, 'Fan out')
    const [b0, b1] = childScopeIds(requireState(graph, parallel))
    // Lanes: same top, same height, side by side in order.
    expect(layout.positions[b0!]!.y).toBe(layout.positions[b1!]!.y)
    expect(layout.sizes[b0!]!.height).toBe(layout.sizes[b1!]!.height)
    expect(layout.positions[b0!]!.x + layout.sizes[b0!]!.width).toBeLessThanOrEqual(
      layout.positions[b1!]!.x,
    )
    // Inside branch 1 (relative to it): Notify above Notified, both within the branch.
    const notify = pos('Notify')
    const notified = pos('Notified')
    expect(notify.y).toBeLessThan(notified.y)
    for (const p of [notify, notified]) {
      expect(p.x + 120).toBeLessThanOrEqual(layout.sizes[b1!]!.width)
      expect(p.y + 40).toBeLessThanOrEqual(layout.sizes[b1!]!.height)
    }
    // Containers enclose their children.
    const size = layout.sizes[parallel]!
    expect(layout.positions[b1!]!.x + layout.sizes[b1!]!.width).toBeLessThanOrEqual(size.width)
    expect(layout.sizes[idOf(graph, 'Validate')]).toBeUndefined()
  })

  it('lays out a generated 60-state machine and reads back exactly the nodes it has', async () => {
    const big = aslToGraph(generateWorkflow(60, { seed: 3 }))
    const elkGraph = buildElkGraph(big, {})
    const result = await new ELK().layout(elkGraph)
    const layout = applyElkResult(big, result)
    expect(Object.keys(layout.positions).sort()).toEqual(
      [
        ...Object.keys(big.states),
        ...Object.keys(big.scopes).filter((s) => s !== ROOT_SCOPE_ID),
      ].sort(),
    )
    expect(Object.keys(big.states)).toHaveLength(60)
  })
})
