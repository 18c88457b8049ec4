// A typed client for the interpreter worker: starts runs, streams their history events, aborts
// them (terminating the worker when it does not answer in time) and survives worker crashes by
// starting a fresh worker for the next run.

import type { HistoryEvent } from '../core/interpreter'
import { assertNever } from '../core/asl/types'
import type { FromWorker, RunFinishedMessage, RunStartMessage, ToWorker } from './protocol'

export type RunFinished = Omit<RunFinishedMessage, 'type' | 'runId'>

export type StartRequest = Omit<RunStartMessage, 'type' | 'runId' | 'input'> & {
  input?: RunStartMessage['input']
}

/** The worker died (an uncaught error, a message it could not read, or it was terminated). */
export class WorkerCrashedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WorkerCrashedError'
  }
}

export interface RunHandle {
  readonly runId: string
  /**
   * Every history event of the run, in order, as it arrives (empty when the run was started
   * with an `onEvents` callback, which then receives them instead).
   */
  readonly events: AsyncIterable<HistoryEvent>
  /** The run's outcome; rejects with WorkerCrashedError if the worker dies meanwhile. */
  readonly finished: Promise<RunFinished>
  /** Stops the run; resolves once it has stopped (at the latest after the abort timeout). */
  abort(): Promise<void>
}

/** What the client needs of a Worker (a fake one in tests). */
export interface WorkerLike {
  postMessage(message: ToWorker): void
  terminate(): void
  addEventListener(type: 'message', listener: (event: MessageEvent<FromWorker>) => void): void
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void
}

export interface InterpreterClientOptions {
  createWorker?: () => WorkerLike
  /** How long an aborted run may take to stop before the worker is terminated (ms). */
  abortTimeoutMs?: number
  /** Told when a worker crashed (the UI says so); the next run starts a new worker. */
  onCrash?: (message: string) => void
}

function defaultWorker(): WorkerLike {
  return new Worker(new URL('./interpreter.worker.ts', import.meta.url), {
    type: 'module',
  }) as unknown as WorkerLike
}

interface Run {
  readonly id: string
  readonly onEvents?: (events: HistoryEvent[]) => void
  readonly queue: HistoryEvent[]
  waiter: (() => void) | null
  done: boolean
  eventCount: number
  abortTimer: ReturnType<typeof setTimeout> | null
  abortWaiters: (() => void)[]
  resolve(result: RunFinished): void
  reject(error: Error): void
}

export class InterpreterClient {
  private worker: WorkerLike | null = null
  private readonly runs = new Map<string, Run>()
  private seq = 0
  private readonly createWorker: () => WorkerLike
  private readonly abortTimeoutMs: number
  private readonly onCrash?: (message: string) => void

  constructor(options: InterpreterClientOptions = {}) {
    this.createWorker = options.createWorker ?? defaultWorker
    this.abortTimeoutMs = options.abortTimeoutMs ?? 1000
    this.onCrash = options.onCrash
  }

  /** Starts a run in the worker (starting the worker if needed). */
  start(
    request: StartRequest,
    options: { onEvents?: (events: HistoryEvent[]) => void } = {},
  ): RunHandle {
    const runId = `run-${++this.seq}`
    let resolve!: (result: RunFinished) => void
    let reject!: (error: Error) => void
    const finished = new Promise<RunFinished>((res, rej) => {
      resolve = res
      reject = rej
    })
    const run: Run = {
      id: runId,
      onEvents: options.onEvents,
      queue: [],
      waiter: null,
      done: false,
      eventCount: 0,
      abortTimer: null,
      abortWaiters: [],
      resolve,
      reject,
    }
    this.runs.set(runId, run)
    const worker = this.ensureWorker()
    worker.postMessage({ ...request, input: request.input ?? {}, type: 'run/start', runId })
    return {
      runId,
      events: this.eventStream(run),
      finished,
      abort: () => this.abort(run),
    }
  }

  /** Terminates the worker; runs in progress fail with WorkerCrashedError. */
  dispose(): void {
    if (this.worker) this.crash('The interpreter client was disposed.', false)
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker
    const worker = this.createWorker()
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      if (this.worker === worker) this.receive(event.data)
    })
    worker.addEventListener('error', (event: Event) => {
      if (this.worker !== worker) return
      const message = (event as ErrorEvent).message || 'the interpreter worker failed'
      this.crash(message, true)
    })
    worker.addEventListener('messageerror', () => {
      if (this.worker === worker)
        this.crash('a message from the interpreter worker could not be read', true)
    })
    this.worker = worker
    return worker
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'run/events': {
        const run = this.runs.get(message.runId)
        if (!run) return
        run.eventCount += message.events.length
        if (run.onEvents) run.onEvents(message.events)
        else {
          // Kept for the `events` iterable (a run read through onEvents keeps nothing).
          for (const e of message.events) run.queue.push(e)
          this.wake(run)
        }
        return
      }
      case 'run/finished': {
        const run = this.runs.get(message.runId)
        if (!run) return
        const { type: _type, runId: _runId, ...result } = message
        this.settle(run, () => run.resolve(result))
        return
      }
      case 'worker/crashed':
        this.crash(message.message, true)
        return
      default:
        assertNever(message, 'message')
    }
  }

  private abort(run: Run): Promise<void> {
    if (run.done) return Promise.resolve()
    const stopped = new Promise<void>((resolve) => run.abortWaiters.push(resolve))
    if (!run.abortTimer) {
      this.worker?.postMessage({ type: 'run/abort', runId: run.id })
      run.abortTimer = setTimeout(() => {
        // The run did not stop in time (a long synchronous stretch): kill the worker.
        if (run.done) return
        const now = new Date().toISOString()
        this.settle(run, () =>
          run.resolve({
            status: 'ABORTED',
            cause: 'The worker did not stop in time and was terminated.',
            transitions: 0,
            eventCount: run.eventCount,
            executionArn: '',
            startDate: now,
            stopDate: now,
          }),
        )
        this.crash(`terminated to abort ${run.id}`, false)
      }, this.abortTimeoutMs)
    }
    return stopped
  }

  private settle(run: Run, complete: () => void): void {
    if (run.done) return
    run.done = true
    if (run.abortTimer) clearTimeout(run.abortTimer)
    this.runs.delete(run.id)
    complete()
    this.wake(run)
    for (const resolve of run.abortWaiters) resolve()
  }

  /** Fails every run of the current worker and drops the worker (a new one starts on demand). */
  private crash(message: string, report: boolean): void {
    const worker = this.worker
    this.worker = null
    try {
      worker?.terminate()
    } catch {
      // Already gone.
    }
    for (const run of [...this.runs.values()]) {
      this.settle(run, () => run.reject(new WorkerCrashedError(message)))
    }
    if (report) this.onCrash?.(message)
  }

  private wake(run: Run): void {
    const waiter = run.waiter
    run.waiter = null
    waiter?.()
  }

  private eventStream(run: Run): AsyncIterable<HistoryEvent> {
    return {
      [Symbol.asyncIterator]: () => {
        let index = 0
        return {
          next: async (): Promise<IteratorResult<HistoryEvent>> => {
            for (;;) {
              if (index < run.queue.length) return { value: run.queue[index++]!, done: false }
              if (run.done) return { value: undefined, done: true }
              await new Promise<void>((resolve) => (run.waiter = resolve))
            }
          },
        }
      },
    }
  }
}
