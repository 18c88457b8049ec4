// The client over the real worker module (simulated in Node by @vitest/web-worker) and over
// fake workers for the failure paths (crash, a worker that never answers an abort).
import '@vitest/web-worker'
import { describe, expect, it } from 'vitest'
import type { StateMachine } from '../core/asl/types'
import type { HistoryEvent } from '../core/interpreter'
import type { WorkerLike } from './interpreterClient'
import { InterpreterClient, WorkerCrashedError } from './interpreterClient'
import type { FromWorker, ToWorker } from './protocol'

const WAIT_MACHINE: StateMachine = {
  StartAt: 'Nap',
  States: {
    Nap: { Type: 'Wait', Seconds: 3600, Next: 'Done' },
    Done: { Type: 'Pass', Result: 'rested', End: true },
  },
}

describe('InterpreterClient with the real worker', () => {
  it('runs and streams the history', async () => {
    const client = new InterpreterClient()
    const run = client.start({ definition: WAIT_MACHINE, input: { a: 1 } })
    const events: HistoryEvent[] = []
    for await (const event of run.events) events.push(event)
    const result = await run.finished
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: 'rested' })
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ])
    // The hour-long Wait cost no real time but shows in the timestamps.
    expect(Date.parse(events[2]!.timestamp) - Date.parse(events[1]!.timestamp)).toBe(3_600_000)
    client.dispose()
  })

  it('delivers batches to onEvents', async () => {
    const client = new InterpreterClient()
    const batches: HistoryEvent[][] = []
    const run = client.start({ definition: WAIT_MACHINE }, { onEvents: (b) => batches.push(b) })
    await expect(run.finished).resolves.toMatchObject({ status: 'SUCCEEDED' })
    expect(batches.flat()).toHaveLength(6)
    client.dispose()
  })
})

/** A worker that records what it is sent and lets the test play its side. */
class FakeWorker implements WorkerLike {
  sent: ToWorker[] = []
  terminated = false
  private listeners = new Map<string, ((event: never) => void)[]>()
  postMessage(message: ToWorker): void {
    this.sent.push(message)
  }
  terminate(): void {
    this.terminated = true
  }
  addEventListener(type: string, listener: (event: never) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }
  emit(type: 'message', data: FromWorker): void
  emit(type: 'error', data: { message: string }): void
  emit(type: string, data: unknown): void {
    const event = type === 'message' ? { data } : data
    for (const l of this.listeners.get(type) ?? []) l(event as never)
  }
}

describe('InterpreterClient failure paths', () => {
  it('reports a crash, fails the runs in flight and starts a new worker next time', async () => {
    const workers: FakeWorker[] = []
    const crashes: string[] = []
    const client = new InterpreterClient({
      createWorker: () => {
        const w = new FakeWorker()
        workers.push(w)
        return w
      },
      onCrash: (m) => crashes.push(m),
    })
    const run = client.start({ definition: WAIT_MACHINE })
    workers[0]!.emit('error', { message: 'boom' })
    await expect(run.finished).rejects.toBeInstanceOf(WorkerCrashedError)
    expect(crashes).toEqual(['boom'])
    expect(workers[0]!.terminated).toBe(true)
    const next = client.start({ definition: WAIT_MACHINE })
    expect(workers).toHaveLength(2)
    expect(workers[1]!.sent[0]).toMatchObject({ type: 'run/start', runId: next.runId })
    workers[1]!.emit('message', {
      type: 'run/finished',
      runId: next.runId,
      status: 'SUCCEEDED',
      output: 1,
      transitions: 1,
      eventCount: 3,
      executionArn: 'arn',
      startDate: 'a',
      stopDate: 'b',
    })
    await expect(next.finished).resolves.toMatchObject({ status: 'SUCCEEDED', output: 1 })
  })

  it('treats worker/crashed like an error event', async () => {
    const worker = new FakeWorker()
    const client = new InterpreterClient({ createWorker: () => worker })
    const run = client.start({ definition: WAIT_MACHINE })
    worker.emit('message', { type: 'worker/crashed', message: 'out of memory' })
    await expect(run.finished).rejects.toThrow('out of memory')
  })

  it('terminates a worker that does not answer an abort in time', async () => {
    const worker = new FakeWorker()
    const client = new InterpreterClient({ createWorker: () => worker, abortTimeoutMs: 20 })
    const run = client.start({ definition: WAIT_MACHINE })
    await run.abort()
    expect(worker.sent.map((m) => m.type)).toEqual(['run/start', 'run/abort'])
    expect(worker.terminated).toBe(true)
    await expect(run.finished).resolves.toMatchObject({ status: 'ABORTED' })
  })

  it('resolves an abort as soon as the worker reports the run stopped', async () => {
    const worker = new FakeWorker()
    const client = new InterpreterClient({ createWorker: () => worker, abortTimeoutMs: 60_000 })
    const run = client.start({ definition: WAIT_MACHINE })
    const stopped = run.abort()
    worker.emit('message', {
      type: 'run/finished',
      runId: run.runId,
      status: 'ABORTED',
      transitions: 3,
      eventCount: 5,
      executionArn: 'arn',
      startDate: 'a',
      stopDate: 'b',
    })
    await stopped
    expect(worker.terminated).toBe(false)
    await expect(run.finished).resolves.toMatchObject({ status: 'ABORTED', transitions: 3 })
  })
})
