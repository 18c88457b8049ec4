// The timeline benchmark's page: the real Stepwise app (canvas, stores, interpreter worker,
// timeline panel), driven through window.bench. A run of ~100,000 history events streams in
// from the worker while a long-task observer watches the main thread; then the playhead is
// moved to many events and each move is timed until React has committed it.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import type { JsonObject, JsonValue } from '../src/core/asl/types'
import { useDocumentStore } from '../src/state/documentStore'
import {
  importPersisted as resetExecution,
  useExecutionStore,
  usePlaybackStore,
} from '../src/state/executionStore'
import { importPersisted as resetMocks, useMocksStore } from '../src/state/mocksStore'
import { useWorkspaceStore } from '../src/state/workspaceStore'
import { App } from '../src/ui/shell/App'
import '../src/ui/shell/global.css'

export type Shape = 'map' | 'loop'

/** A Map whose iterations each run a Task (7 events per item) or a Choice loop (4 per round). */
function workload(shape: Shape, events: number): { definition: JsonObject; input: JsonValue } {
  if (shape === 'map') {
    const items = Math.round((events - 6) / 7)
    return {
      definition: {
        StartAt: 'Each order',
        States: {
          'Each order': {
            Type: 'Map',
            ItemProcessor: {
              StartAt: 'Charge',
              States: {
                Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true },
              },
            },
            End: true,
          },
        },
      },
      input: Array.from({ length: items }, (_, i) => i),
    }
  }
  const rounds = Math.round((events - 6) / 4)
  return {
    definition: {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Result: { i: 0 }, Next: 'Step' },
        Step: { Type: 'Pass', Parameters: { 'i.$': 'States.MathAdd($.i, 1)' }, Next: 'More?' },
        'More?': {
          Type: 'Choice',
          Choices: [{ Variable: '$.i', NumericLessThan: rounds, Next: 'Step' }],
          Default: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    },
    input: {},
  }
}

const macrotask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => resolve()
    channel.port2.postMessage(null)
  })
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))

function observeLongTasks() {
  const durations: number[] = []
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) durations.push(entry.duration)
  })
  observer.observe({ entryTypes: ['longtask'] })
  return {
    stop() {
      for (const entry of observer.takeRecords()) durations.push(entry.duration)
      observer.disconnect()
      return durations
    },
  }
}

function frameGaps() {
  let last = 0
  let max = 0
  let running = true
  const tick = (now: number) => {
    if (!running) return
    if (last) max = Math.max(max, now - last)
    last = now
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  return {
    stop() {
      running = false
      return max
    },
  }
}

export interface StreamResult {
  events: number
  status: string
  streamMs: number
  longTasks: number[]
  maxFrameGapMs: number
  rowsInDom: number
}

export interface ScrubResult {
  times: number[]
  longTasks: number[]
}

const api = {
  async stream(shape: Shape, events: number): Promise<StreamResult> {
    const { definition, input } = workload(shape, events)
    useDocumentStore.getState().openDocument({ definition })
    resetMocks(undefined)
    useMocksStore.getState().setUnmappedTasks('passthrough')
    resetExecution(undefined)
    const execution = useExecutionStore.getState()
    execution.setInputText(JSON.stringify(input))
    execution.setLimits({ maxTransitions: 5_000_000, maxHistoryEvents: 5_000_000 })
    useWorkspaceStore.getState().showBottomPanel('timeline')
    for (let i = 0; i < 10; i++) await frame()
    await new Promise((resolve) => setTimeout(resolve, 300))

    const tasks = observeLongTasks()
    const gaps = frameGaps()
    const t0 = performance.now()
    const started = useExecutionStore.getState().startRun()
    if (!started.ok) throw new Error(started.message)
    while (useExecutionStore.getState().activeRunId !== null) await frame()
    await frame()
    await frame()
    await macrotask()
    const streamMs = performance.now() - t0
    // Anything still queued by the end of the run (a last render) counts too.
    await new Promise((resolve) => setTimeout(resolve, 200))
    const longTasks = tasks.stop()
    const maxFrameGapMs = gaps.stop()
    const run = useExecutionStore.getState().runs.at(-1)!
    return {
      events: run.events.length,
      status: run.status,
      streamMs,
      longTasks,
      maxFrameGapMs,
      rowsInDom: document.querySelectorAll('[data-testid="timeline-event"]').length,
    }
  },

  async scrub(indices: number[]): Promise<ScrubResult> {
    const tasks = observeLongTasks()
    const times: number[] = []
    for (const index of indices) {
      await frame()
      const t0 = performance.now()
      usePlaybackStore.getState().setPlayhead(index)
      // The store update renders synchronously (React flushes it in a microtask); the
      // macrotask after it runs once the timeline and the canvas have committed.
      await macrotask()
      // The list scrolls to the row after the commit: done when the row is on screen.
      const selector = `[data-testid="timeline-event"][aria-current="step"][data-event-id="${index + 1}"]`
      for (let i = 0; i < 30 && !document.querySelector(selector); i++) await frame()
      times.push(performance.now() - t0)
      if (!document.querySelector(selector)) {
        throw new Error(`the playhead row did not follow to event ${index + 1}`)
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300))
    return { times, longTasks: tasks.stop() }
  },
}

;(window as unknown as { bench: typeof api }).bench = api

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App startWorkspaceOnMount={false} />
  </StrictMode>,
)
