// Auto-layout off the main thread: one long-lived ELK worker (its first layout is slow while
// the JIT warms up; later ones are fast), requests matched by id. A crashed worker is reported
// to the waiting callers and replaced on the next request.
//
// (Written by the canvas engineer because the canvas needed it before the graph side had one;
// the API is `layoutInWorker(graph, sizes, options)`.)

import type { AutoLayoutOptions, NodeSizes } from '../core/graph/layout'
import type { Layout } from '../core/graph/layoutMap'
import type { WorkflowGraph } from '../core/graph/model'
import type { LayoutRequest, LayoutResponse } from './layoutProtocol'

let worker: Worker | undefined
let seq = 0
const pending = new Map<number, { resolve: (layout: Layout) => void; reject: (e: Error) => void }>()

function getWorker(): Worker {
  if (worker) return worker
  const created = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' })
  created.onmessage = (event: MessageEvent<LayoutResponse>) => {
    const message = event.data
    const waiting = pending.get(message.id)
    if (!waiting) return
    pending.delete(message.id)
    if (message.type === 'layout/done') waiting.resolve(message.layout)
    else waiting.reject(new Error(message.message))
  }
  created.onerror = (event) => {
    event.preventDefault()
    const error = new Error(`The layout worker crashed: ${event.message || 'unknown error'}`)
    for (const waiting of pending.values()) waiting.reject(error)
    pending.clear()
    created.terminate()
    if (worker === created) worker = undefined
  }
  worker = created
  return created
}

/** Lays out the whole graph with ELK in the worker; positions are relative to parents. */
export function layoutInWorker(
  graph: WorkflowGraph,
  sizes: NodeSizes,
  options: AutoLayoutOptions = {},
): Promise<Layout> {
  const id = ++seq
  const request: LayoutRequest = { type: 'layout/run', id, graph, sizes, options }
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject })
    getWorker().postMessage(request)
  })
}
