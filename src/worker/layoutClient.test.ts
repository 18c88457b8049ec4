import ELK from 'elkjs/lib/elk.bundled.js'
import { describe, expect, it } from 'vitest'
import { layoutGraph } from '../core/graph/layout'
import type { Layout } from '../core/graph/layoutMap'
import { aslToGraph } from '../core/graph/model'
import type { LayoutWorkerLike } from './layoutClient'
import { LayoutClient, LayoutCancelledError, isLayoutCancelled } from './layoutClient'
import type { LayoutRequest, LayoutResponse } from './layoutProtocol'

const graph = aslToGraph({
  StartAt: 'A',
  States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } },
})

/** A worker whose answers the test sends by hand. */
class FakeWorker implements LayoutWorkerLike {
  received: LayoutRequest[] = []
  terminated = false
  onmessage: ((event: MessageEvent<LayoutResponse>) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  postMessage(message: LayoutRequest) {
    this.received.push(structuredClone(message))
  }
  terminate() {
    this.terminated = true
  }
  answer(response: LayoutResponse) {
    this.onmessage!({ data: response } as MessageEvent<LayoutResponse>)
  }
  done(id: number, layout: Layout = { positions: { s1: { x: id, y: 0 } }, sizes: {} }) {
    this.answer({ type: 'layout/done', id, layout })
  }
  crash(message: string) {
    this.onerror!({ message, preventDefault() {} } as ErrorEvent)
  }
}

function setup() {
  const workers: FakeWorker[] = []
  const client = new LayoutClient(() => {
    const worker = new FakeWorker()
    workers.push(worker)
    return worker
  })
  return { client, workers }
}

/** Records how a promise settled, without unhandled rejections. */
function track<T>(promise: Promise<T>) {
  const state: { value?: T; error?: unknown; settled: boolean } = { settled: false }
  promise.then(
    (value) => Object.assign(state, { value, settled: true }),
    (error: unknown) => Object.assign(state, { error, settled: true }),
  )
  return state
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('LayoutClient', () => {
  it('sends the graph, sizes and options and resolves with the layout, reusing one worker', async () => {
    const { client, workers } = setup()
    const first = client.layout(graph, { s1: { width: 10, height: 5 } }, { direction: 'RIGHT' })
    expect(workers).toHaveLength(1)
    const request = workers[0]!.received[0]!
    expect(request).toMatchObject({
      type: 'layout/run',
      sizes: { s1: { width: 10, height: 5 } },
      options: { direction: 'RIGHT' },
    })
    expect(request.graph).toEqual(graph)
    workers[0]!.done(request.id)
    expect((await first).positions.s1).toEqual({ x: request.id, y: 0 })
    const second = client.layout(graph, {})
    workers[0]!.done(workers[0]!.received[1]!.id)
    await second
    expect(workers).toHaveLength(1)
  })

  it('lets the latest request win: waiting ones are never sent, running ones are dropped', async () => {
    const { client, workers } = setup()
    const a = track(client.layout(graph, {}))
    const b = track(client.layout(graph, {}))
    const c = track(client.layout(graph, {}))
    await tick()
    expect(isLayoutCancelled(a.error)).toBe(true)
    expect(b.error).toBeInstanceOf(LayoutCancelledError)
    const worker = workers[0]!
    // Only `a` went out; `c` waits for it to finish, `b` never leaves.
    expect(worker.received.map((r) => r.id)).toEqual([1])
    worker.done(1)
    expect(worker.received.map((r) => r.id)).toEqual([1, 3])
    worker.done(3)
    await tick()
    expect(c.value?.positions.s1).toEqual({ x: 3, y: 0 })
    expect(a.value).toBeUndefined()
  })

  it('cancels with an AbortSignal, before or during the request', async () => {
    const { client, workers } = setup()
    const aborted = new AbortController()
    aborted.abort()
    await expect(client.layout(graph, {}, {}, { signal: aborted.signal })).rejects.toThrow(
      LayoutCancelledError,
    )
    expect(workers).toHaveLength(0)
    const controller = new AbortController()
    const running = track(client.layout(graph, {}, {}, { signal: controller.signal }))
    controller.abort()
    await tick()
    expect(isLayoutCancelled(running.error)).toBe(true)
    const next = client.layout(graph, {})
    workers[0]!.done(1)
    workers[0]!.done(2)
    await expect(next).resolves.toBeDefined()
  })

  it('reports failures and replaces a crashed worker', async () => {
    const { client, workers } = setup()
    const failed = client.layout(graph, {})
    workers[0]!.answer({ type: 'layout/failed', id: 1, message: 'ELK said no' })
    await expect(failed).rejects.toThrow('ELK said no')
    const crashed = client.layout(graph, {})
    const waiting = client.layout(graph, {})
    // `crashed` was superseded by `waiting`; the crash sends `waiting` to a fresh worker.
    await expect(crashed).rejects.toThrow(LayoutCancelledError)
    workers[0]!.crash('out of memory')
    expect(workers[0]!.terminated).toBe(true)
    expect(workers).toHaveLength(2)
    workers[1]!.done(workers[1]!.received[0]!.id)
    await expect(waiting).resolves.toBeDefined()
    const alone = client.layout(graph, {})
    workers[1]!.crash('again')
    await expect(alone).rejects.toThrow('The layout worker crashed: again')
    client.dispose()
  })

  it('round-trips a real layout through a worker-like wrapper around ELK', async () => {
    const elk = new ELK()
    const client = new LayoutClient(() => {
      const worker: LayoutWorkerLike = {
        onmessage: null,
        onerror: null,
        terminate() {},
        postMessage(message) {
          const request = structuredClone(message)
          void layoutGraph(elk, request.graph, request.sizes, request.options).then((layout) =>
            worker.onmessage!({
              data: structuredClone({ type: 'layout/done', id: request.id, layout }),
            } as MessageEvent<LayoutResponse>),
          )
        },
      }
      return worker
    })
    const layout = await client.layout(graph, {})
    expect(layout.positions.s1!.y).toBeLessThan(layout.positions.s2!.y)
  })
})
