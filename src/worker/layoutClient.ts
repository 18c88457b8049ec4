// Auto-layout off the main thread: one long-lived ELK worker (its first layout is 2–4× slower
// while the JIT warms up, so it is kept), one layout at a time, the latest request wins.
//
// A request made while another is waiting or running supersedes it: the older promise rejects
// at once with a LayoutCancelledError (check with isLayoutCancelled and ignore it), a waiting
// request is never sent, and the result of a running one is dropped when it arrives (ELK cannot
// be interrupted short of killing the warm worker). An AbortSignal cancels the same way. A
// crashed worker fails the running request and is replaced for the next one.

import type { AutoLayoutOptions, NodeSizes } from '../core/graph/layout'
import type { Layout } from '../core/graph/layoutMap'
import type { WorkflowGraph } from '../core/graph/model'
import type { LayoutRequest, LayoutResponse } from './layoutProtocol'

/** The part of a Worker the client uses (a fake one in tests). */
export interface LayoutWorkerLike {
  postMessage(message: LayoutRequest): void
  terminate(): void
  onmessage: ((event: MessageEvent<LayoutResponse>) => void) | null
  onerror: ((event: ErrorEvent) => void) | null
}

export class LayoutCancelledError extends Error {
  override name = 'AbortError'
  constructor(message = 'The layout was superseded by a newer one or cancelled.') {
    super(message)
  }
}

export function isLayoutCancelled(error: unknown): boolean {
  return error instanceof LayoutCancelledError
}

export interface LayoutCallOptions {
  signal?: AbortSignal
}

interface Pending {
  request: LayoutRequest
  resolve: (layout: Layout) => void
  reject: (error: Error) => void
  settled: boolean
}

function createLayoutWorker(): LayoutWorkerLike {
  // Vite bundles the worker as its own ES chunk from this exact pattern.
  return new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' })
}

export class LayoutClient {
  private worker: LayoutWorkerLike | undefined
  private seq = 0
  private running: Pending | undefined
  private waiting: Pending | undefined

  constructor(private readonly createWorker: () => LayoutWorkerLike = createLayoutWorker) {}

  /** Lays out the whole graph with ELK; positions relative to parents (see core/graph/layout). */
  layout(
    graph: WorkflowGraph,
    sizes: NodeSizes,
    options: AutoLayoutOptions = {},
    call: LayoutCallOptions = {},
  ): Promise<Layout> {
    const signal = call.signal
    if (signal?.aborted) return Promise.reject(new LayoutCancelledError())
    return new Promise<Layout>((resolve, reject) => {
      const pending: Pending = {
        request: { type: 'layout/run', id: ++this.seq, graph, sizes, options },
        resolve,
        reject,
        settled: false,
      }
      if (this.waiting) this.cancel(this.waiting)
      if (this.running) this.cancel(this.running)
      signal?.addEventListener('abort', () => this.cancel(pending), { once: true })
      if (this.running) this.waiting = pending
      else this.send(pending)
    })
  }

  /** Stops the worker; whatever is pending is cancelled. The next layout starts a new worker. */
  dispose(): void {
    if (this.waiting) this.cancel(this.waiting)
    if (this.running) this.cancel(this.running)
    this.running = undefined
    this.worker?.terminate()
    this.worker = undefined
  }

  private cancel(pending: Pending): void {
    if (this.waiting === pending) this.waiting = undefined
    // A running request stays `running` until its answer arrives, so the worker does one layout
    // at a time; only its promise settles now.
    this.settle(pending, () => pending.reject(new LayoutCancelledError()))
  }

  private settle(pending: Pending, how: () => void): void {
    if (pending.settled) return
    pending.settled = true
    how()
  }

  private send(pending: Pending): void {
    this.running = pending
    try {
      this.ensureWorker().postMessage(pending.request)
    } catch (error) {
      // e.g. the graph could not be cloned: fail this request, keep the worker.
      this.running = undefined
      this.settle(pending, () =>
        pending.reject(error instanceof Error ? error : new Error(String(error))),
      )
      this.next()
    }
  }

  private next(): void {
    const waiting = this.waiting
    this.waiting = undefined
    if (waiting && !waiting.settled) this.send(waiting)
  }

  private ensureWorker(): LayoutWorkerLike {
    if (this.worker) return this.worker
    const worker = this.createWorker()
    worker.onmessage = (event) => {
      const message = event.data
      const running = this.running
      if (!running || message.id !== running.request.id) return
      this.running = undefined
      if (message.type === 'layout/done')
        this.settle(running, () => running.resolve(message.layout))
      else this.settle(running, () => running.reject(new Error(message.message)))
      this.next()
    }
    worker.onerror = (event) => {
      event.preventDefault?.()
      if (this.worker !== worker) return
      worker.terminate()
      this.worker = undefined
      const running = this.running
      this.running = undefined
      if (running) {
        const error = new Error(`The layout worker crashed: ${event.message || 'unknown error'}`)
        this.settle(running, () => running.reject(error))
      }
      this.next()
    }
    this.worker = worker
    return worker
  }
}

let shared: LayoutClient | undefined

/** The app's layout client (one worker for the page). */
export function layoutClient(): LayoutClient {
  shared ??= new LayoutClient()
  return shared
}

/** Lays out the whole graph in the shared worker; a newer call cancels an older one. */
export function layoutInWorker(
  graph: WorkflowGraph,
  sizes: NodeSizes,
  options: AutoLayoutOptions = {},
  call: LayoutCallOptions = {},
): Promise<Layout> {
  return layoutClient().layout(graph, sizes, options, call)
}
