// Details of the event at the playhead: the event itself (virtual time, offset), its state's
// visit (status, duration, attempts), the data flow through the state's pipeline as JSON trees
// with what each step changed, the variables assigned, and for failures the error, cause and
// the retrier or catcher that handled it.

import { useEffect, useMemo, useState } from 'react'
import type { JsonObject, JsonValue } from '../../core/asl/types'
import { isJsonObject } from '../../core/asl/types'
import type { HistoryEvent } from '../../core/interpreter'
import { selectDefinition, useDocumentStore } from '../../state/documentStore'
import type { RunRecord } from '../../state/executionStore'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { formatClock, formatDuration, formatOffset } from '../run/format'
import { resolveState } from './canvasOverlay'
import {
  errorOf,
  parseJson,
  replayVisit,
  type AttemptFailure,
  type RunContextInfo,
  type VisitFlow,
} from './dataFlow'
import { eventTone } from './eventText'
import type { HistoryIndex, Snapshot, Visit } from './historyIndex'
import { JsonTree } from './JsonTree'
import { setPlayhead } from './useTimeline'

export function EventDetails({
  run,
  index,
  playhead,
  snapshot,
  live,
}: {
  run: RunRecord
  index: HistoryIndex
  playhead: number
  snapshot: Snapshot
  live: boolean
}) {
  const event = index.events[playhead]
  if (!event) return <p className="sw-empty-note">No events yet.</p>
  const visit = index.visitOf(playhead)
  const start = Date.parse(index.events[0]!.timestamp)
  const at = Date.parse(event.timestamp)
  return (
    <div className="sw-tl-details-inner" data-testid="timeline-details">
      <header className="sw-tl-event-head">
        <span className={`sw-tl-badge is-${eventTone(event.type)}`}>#{event.id}</span>
        <strong data-testid="details-event-type">{event.type}</strong>
        <span className="sw-muted" title={event.timestamp}>
          {formatClock(event.timestamp)} · {formatOffset(at - start)}
        </span>
      </header>
      {visit ? (
        <VisitDetails
          run={run}
          index={index}
          visit={visit}
          playhead={playhead}
          snapshot={snapshot}
          live={live}
        />
      ) : (
        <ExecutionEventDetails
          index={index}
          event={event}
          eventIndex={playhead}
          snapshot={snapshot}
        />
      )}
      <details className="sw-tl-raw">
        <summary>Event JSON</summary>
        <JsonTree value={event as unknown as JsonValue} openDepth={1} label="Event JSON" />
      </details>
    </div>
  )
}

function ExecutionEventDetails({
  index,
  event,
  eventIndex,
  snapshot,
}: {
  index: HistoryIndex
  event: HistoryEvent
  eventIndex: number
  snapshot: Snapshot
}) {
  const group = index.groups[index.eventGroup[eventIndex] ?? 0]
  switch (event.type) {
    case 'ExecutionStarted':
      return (
        <section className="sw-tl-section">
          <h3>Execution input</h3>
          <JsonTree value={parseJson(event.executionStartedEventDetails.input) ?? null} />
        </section>
      )
    case 'ExecutionSucceeded':
      return (
        <section className="sw-tl-section">
          <h3>Execution output</h3>
          <JsonTree value={parseJson(event.executionSucceededEventDetails.output) ?? null} />
        </section>
      )
    case 'ExecutionFailed':
    case 'ExecutionTimedOut':
    case 'ExecutionAborted': {
      const { error, cause } = errorOf(event)
      return (
        <ErrorBox
          title={event.type === 'ExecutionAborted' ? 'Aborted' : 'The execution failed'}
          error={error}
          cause={cause}
        />
      )
    }
    default:
      if (group && (group.kind === 'iteration' || group.kind === 'branch')) {
        const status = index.groupStatusIn(snapshot, group.id)
        const first = Date.parse(index.events[group.firstEvent]!.timestamp)
        const last = Date.parse(index.events[group.lastEvent]!.timestamp)
        return (
          <section className="sw-tl-section">
            <h3>
              {group.label} of {index.visits[group.container]?.name}
            </h3>
            <p className="sw-muted">
              {status ?? 'not started'} · {group.childGroups} state visit
              {group.childGroups === 1 ? '' : 's'} · took {formatDuration(last - first)}
            </p>
          </section>
        )
      }
      return null
  }
}

function ErrorBox({
  title,
  error,
  cause,
  children,
}: {
  title: string
  error: string | undefined
  cause: string | undefined
  children?: React.ReactNode
}) {
  const parsedCause = cause !== undefined ? parseJson(cause) : undefined
  return (
    <section className="sw-tl-error" data-testid="details-error">
      <h3>{title}</h3>
      <dl>
        <dt>Error</dt>
        <dd>
          <code>{error ?? '(none)'}</code>
        </dd>
        {cause !== undefined && (
          <>
            <dt>Cause</dt>
            <dd>
              {isJsonObject(parsedCause as JsonValue) || Array.isArray(parsedCause) ? (
                <JsonTree value={parsedCause as JsonValue} openDepth={1} />
              ) : (
                cause
              )}
            </dd>
          </>
        )}
      </dl>
      {children}
    </section>
  )
}

function VisitDetails({
  run,
  index,
  visit,
  playhead,
  snapshot,
  live,
}: {
  run: RunRecord
  index: HistoryIndex
  visit: Visit
  playhead: number
  snapshot: Snapshot
  live: boolean
}) {
  const graph = useDocumentStore((s) => s.graph)
  const definition = useMemo(() => selectDefinition({ graph }), [graph])
  const status = index.visitStatusIn(snapshot, visit.id)
  const enteredAt = Date.parse(index.events[visit.entered]!.timestamp)
  const endEvent = visit.exited >= 0 ? visit.exited : visit.failures.at(-1)
  const duration =
    endEvent !== undefined ? Date.parse(index.events[endEvent]!.timestamp) - enteredAt : null
  const focus = visit.failures.includes(playhead) ? playhead : -1
  const flow = useVisitFlow(run, index, visit, focus, definition, live)
  const stateId = resolveState(graph, index.stateKeys[visit.stateKey]!)
  return (
    <>
      <section className="sw-tl-visit">
        <div className="sw-tl-visit-head">
          <button
            type="button"
            className="sw-link-button sw-tl-state-link"
            data-testid="details-state"
            disabled={stateId === undefined}
            onClick={() => {
              if (stateId === undefined) return
              useWorkspaceStore.getState().select([stateId])
              useWorkspaceStore.getState().reveal(stateId)
            }}
            title="Show this state on the canvas"
          >
            {visit.name}
          </button>
          <span className="sw-muted">{visit.stateType}</span>
          {status && (
            <span className={`sw-tl-status is-${status}`} data-testid="details-status">
              {status}
            </span>
          )}
        </div>
        <p className="sw-muted sw-tl-visit-times">
          Entered {formatClock(index.events[visit.entered]!.timestamp)}
          {duration !== null && (
            <>
              {' '}
              · {visit.stateType === 'Wait' ? 'waited' : 'took'} {formatDuration(duration)}
            </>
          )}
          {visit.path.some((p) => typeof p === 'number') && <> · {pathLabel(visit.path)}</>}
        </p>
        {(visit.failures.length > 0 || visit.retries.length > 0) && (
          <Attempts index={index} visit={visit} playhead={playhead} />
        )}
      </section>
      {flow.state === 'loading' && <p className="sw-muted">Replaying the state…</p>}
      {flow.state === 'live' && (
        <p className="sw-muted">The data flow of each state shows once the run has ended.</p>
      )}
      {flow.state === 'ready' && <FlowView flow={flow.flow} />}
    </>
  )
}

function pathLabel(path: readonly (string | number)[]): string {
  const parts: string[] = []
  for (let i = 0; i < path.length - 1; i++) {
    if (typeof path[i + 1] === 'number') {
      parts.push(`${String(path[i])} #${String(path[i + 1])}`)
      i++
    }
  }
  return parts.join(' › ')
}

type FlowState = { state: 'loading' } | { state: 'live' } | { state: 'ready'; flow: VisitFlow }

const flowCache = new WeakMap<object, Map<string, VisitFlow>>()

/** Replays run after the playhead rests this long (playing or scrubbing replays nothing). */
const REPLAY_DELAY_MS = 60

function useVisitFlow(
  run: RunRecord,
  index: HistoryIndex,
  visit: Visit,
  focus: number,
  definition: JsonObject,
  live: boolean,
): FlowState {
  const key = `${run.id}:${visit.id}:${focus}`
  const cached = live ? undefined : flowCache.get(definition)?.get(key)
  const [result, setResult] = useState<{ key: string; flow: VisitFlow } | null>(null)
  useEffect(() => {
    // While a run streams in, the main thread belongs to the stream: replay once it ended.
    if (cached || live) return
    let cancelled = false
    const timer = window.setTimeout(() => {
      const info: RunContextInfo = {
        executionArn: run.executionArn,
        stateMachineName: run.stateMachineName,
        workflowType: run.workflowType,
        contextOverrides: parseContext(run.contextText),
      }
      void replayVisit(definition, index, visit, focus, info).then((flow) => {
        let map = flowCache.get(definition)
        if (!map) flowCache.set(definition, (map = new Map()))
        map.set(key, flow)
        if (!cancelled) setResult({ key, flow })
      })
    }, REPLAY_DELAY_MS)
    return () => {
      cancelled = true
      window.clearTimeout(timer)
    }
  }, [cached, key, run, index, visit, focus, definition, live])
  if (live) return { state: 'live' }
  if (cached) return { state: 'ready', flow: cached }
  if (result && result.key === key) return { state: 'ready', flow: result.flow }
  return { state: 'loading' }
}

function parseContext(text: string): JsonObject | null {
  if (!text.trim()) return null
  const value = parseJson(text)
  return value !== undefined && isJsonObject(value) ? value : null
}

function Attempts({
  index,
  visit,
  playhead,
}: {
  index: HistoryIndex
  visit: Visit
  playhead: number
}) {
  // Attempt k starts at the visit's entry (k = 0) or at its k-th retry.
  const starts = [visit.entered, ...visit.retries]
  return (
    <ol className="sw-tl-attempts" aria-label="Attempts">
      {starts.map((start, k) => {
        const end = starts[k + 1] ?? Infinity
        const failure = visit.failures.find((f) => f > start && f < end)
        const current = playhead >= start && playhead < end
        const event = failure !== undefined ? index.events[failure]! : undefined
        const { error } = event ? errorOf(event) : { error: undefined }
        const next = starts[k + 1]
        const backoff =
          failure !== undefined && next !== undefined
            ? Date.parse(index.events[next]!.timestamp) - Date.parse(event!.timestamp)
            : null
        return (
          <li key={start} className={current ? 'is-current' : undefined}>
            <button
              type="button"
              className="sw-link-button"
              onClick={() => setPlayhead(failure ?? start)}
            >
              Attempt {k + 1}
            </button>{' '}
            {failure !== undefined ? (
              <>
                <span className="sw-tl-attempt-failed">failed: {error ?? 'error'}</span>
                {backoff !== null && (
                  <span className="sw-muted"> · retried after {formatDuration(backoff)}</span>
                )}
              </>
            ) : visit.exited >= 0 && k === starts.length - 1 ? (
              <span className="sw-tl-attempt-ok">succeeded</span>
            ) : (
              <span className="sw-muted">running</span>
            )}
          </li>
        )
      })}
    </ol>
  )
}

function handlerText(failure: AttemptFailure): string {
  const h = failure.handler
  switch (h.kind) {
    case 'retrier':
      return `Retry #${h.index + 1} (${h.errorEquals.join(', ')}): retry ${h.attempt} of ${h.maxAttempts}${h.backoffMs !== null ? `, after a back-off of ${formatDuration(h.backoffMs)}` : ''}.`
    case 'catcher':
      return `Catch #${h.index + 1} (${h.errorEquals.join(', ')})${h.next ? ` → ${h.next}` : ''}.`
    case 'none':
      return 'No Retry or Catch rule handled it: the error ended the state.'
  }
}

function FlowView({ flow }: { flow: VisitFlow }) {
  return (
    <>
      {flow.failure && (
        <ErrorBox title="Error" error={flow.failure.error} cause={flow.failure.cause}>
          <p
            className={`sw-tl-handler is-${flow.failure.handler.kind}`}
            data-testid="details-handler"
          >
            <strong>Handled by </strong>
            {handlerText(flow.failure)}
          </p>
        </ErrorBox>
      )}
      {flow.note && <p className="sw-run-note is-warning">{flow.note}</p>}
      <section className="sw-tl-section" aria-label="Data flow">
        <h3>Data flow</h3>
        <ol className="sw-flow" data-testid="dataflow">
          {flow.steps.map((step) => (
            <li
              key={step.key}
              className={`sw-flow-step${step.same ? ' is-same' : ''}`}
              data-testid="dataflow-step"
              data-step={step.key}
            >
              <div className="sw-flow-label">
                <span>{step.label}</span>
                {step.same ? (
                  <span className="sw-flow-note">unchanged</span>
                ) : step.changed && step.changed.size > 0 ? (
                  <span className="sw-flow-note is-changed">changed</span>
                ) : step.changed === null && step.key !== 'input' ? (
                  <span className="sw-flow-note is-new">new</span>
                ) : null}
              </div>
              {!step.same && (
                <JsonTree value={step.value} changed={step.changed} label={step.label} />
              )}
            </li>
          ))}
        </ol>
      </section>
      {flow.assigned && (
        <section className="sw-tl-section" aria-label="Variables assigned">
          <h3>Variables assigned</h3>
          <JsonTree value={flow.assigned} changed={null} label="Variables assigned" />
        </section>
      )}
    </>
  )
}
