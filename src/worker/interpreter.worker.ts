/// <reference lib="webworker" />
// The interpreter's Web Worker: turns run/start and run/abort into runExecution calls and streams
// the history back in batches. All logic is in core/interpreter; this only translates.

import { runExecution } from '../core/interpreter'
import type { HistoryEvent } from '../core/interpreter'
import { assertNever } from '../core/asl/types'
import type { FromWorker, RunStartMessage, ToWorker } from './protocol'
import { INVALID_REQUEST } from './protocol'

declare const self: DedicatedWorkerGlobalScope

/** Events are sent in batches of at most this many, and at least once per macrotask turn. */
const BATCH = 500
/** How often a long synchronous run lets the worker read its messages (run/abort). */
const YIELD_EVERY_TRANSITIONS = 2000

const post = (message: FromWorker) => self.postMessage(message)
const running = new Map<string, AbortController>()

/** A macrotask turn, so queued messages (an abort) are handled during a long run. */
function macrotask(): Promise<void> {
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        channel.port1.close()
        resolve()
      }
      channel.port2.postMessage(null)
    })
  }
  return new Promise((resolve) => setTimeout(resolve, 0))
}

async function start(message: RunStartMessage): Promise<void> {
  const { runId } = message
  const controller = new AbortController()
  running.set(runId, controller)
  let batch: HistoryEvent[] = []
  const flush = () => {
    if (batch.length) {
      post({ type: 'run/events', runId, events: batch })
      batch = []
    }
  }
  const options = message.options ?? {}
  try {
    const result = await runExecution(message.definition, message.input, {
      ...options,
      stateMachineName: message.stateMachineName,
      mocks: {
        config: message.mocks,
        stateMachineName: message.stateMachineName,
        testCase: message.testCase,
        unmappedTasks: options.unmappedTasks,
      },
      signal: controller.signal,
      onEvent: (event) => {
        batch.push(event)
        if (batch.length >= BATCH) flush()
      },
      yieldToHost: async () => {
        flush()
        await macrotask()
      },
      yieldEveryTransitions: YIELD_EVERY_TRANSITIONS,
    })
    flush()
    post({ type: 'run/finished', runId, ...result })
  } catch (error) {
    flush()
    // runExecution only rejects on a bad request (an unknown test case, say).
    const now = new Date().toISOString()
    post({
      type: 'run/finished',
      runId,
      status: 'FAILED',
      error: INVALID_REQUEST,
      cause: error instanceof Error ? error.message : String(error),
      transitions: 0,
      eventCount: 0,
      executionArn: '',
      startDate: now,
      stopDate: now,
    })
  } finally {
    running.delete(runId)
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data
  try {
    switch (message.type) {
      case 'run/start':
        void start(message)
        return
      case 'run/abort':
        running.get(message.runId)?.abort()
        return
      default:
        assertNever(message, 'message')
    }
  } catch (error) {
    post({
      type: 'worker/crashed',
      message: error instanceof Error ? error.message : String(error),
    })
  }
}
