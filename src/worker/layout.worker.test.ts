// The worker module itself, in Node through a stubbed `self`: elk.bundled.js assigns its own
// self.onmessage when loaded in a worker, and ours must win (TOOLCHAIN.md P12).
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { aslToGraph } from '../core/graph/model'
import type { LayoutRequest, LayoutResponse } from './layoutProtocol'

let posted: LayoutResponse[]
let fakeSelf: {
  onmessage: null | ((e: { data: LayoutRequest }) => void)
  postMessage: (m: LayoutResponse) => void
}

beforeEach(async () => {
  vi.resetModules()
  posted = []
  fakeSelf = { onmessage: null, postMessage: (m) => posted.push(structuredClone(m)) }
  vi.stubGlobal('self', fakeSelf)
  await import('./layout.worker')
})

afterEach(() => {
  vi.unstubAllGlobals()
})

it('answers a layout request with positions for every state', async () => {
  const graph = aslToGraph({
    StartAt: 'A',
    States: {
      A: { Type: 'Pass', Next: 'P' },
      P: {
        Type: 'Parallel',
        Branches: [{ StartAt: 'B', States: { B: { Type: 'Succeed' } } }],
        End: true,
      },
    },
  })
  fakeSelf.onmessage!({ data: { type: 'layout/run', id: 7, graph, sizes: {}, options: {} } })
  await vi.waitFor(() => expect(posted).toHaveLength(1), { timeout: 10_000 })
  const response = posted[0]!
  expect(response.type).toBe('layout/done')
  expect(response.id).toBe(7)
  if (response.type !== 'layout/done') return
  expect(Object.keys(response.layout.positions).sort()).toEqual(['c3', 's1', 's2', 's4'])
  expect(response.layout.sizes.s2).toBeDefined()
})

it('reports a failure instead of crashing', async () => {
  const broken = { scopes: {}, states: {}, nextId: 1 }
  fakeSelf.onmessage!({
    data: { type: 'layout/run', id: 1, graph: broken, sizes: {}, options: {} },
  })
  await vi.waitFor(() => expect(posted).toHaveLength(1))
  expect(posted[0]).toMatchObject({
    type: 'layout/failed',
    id: 1,
    message: "No scope with id 'root'",
  })
})
