// The Timeline panel: the shown run's history with a scrubber, play/pause with speeds, step
// back/forward (buttons and ←/→), jump to the first failure; the grouped event list and the
// details of the event at the playhead. The canvas shows the same moment (canvasOverlay.ts).

import { useCallback, useMemo, useState, type KeyboardEvent } from 'react'
import { SPEEDS, useExecutionStore, usePlaybackStore } from '../../state/executionStore'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { formatClock, formatCount, formatOffset } from '../run/format'
import { RunIcons } from '../run/icons'
import { exportRunHistory, runWorkflow } from '../run/runActions'
import { HistoryImportButton } from '../run/RunPanel'
import { StatusChip } from '../run/RunSummary'
import { resolveState } from './canvasOverlay'
import { EventDetails } from './EventDetails'
import { EventList } from './EventList'
import {
  ancestorGroups,
  collapsedByDefault,
  type HistoryGroup,
  type HistoryIndex,
  type Snapshot,
} from './historyIndex'
import {
  selectStateOf,
  setPlayhead,
  useFollowCanvasSelection,
  usePlayback,
  useTimeline,
  type TimelineModel,
} from './useTimeline'
import { useDocumentStore } from '../../state/documentStore'
import '../run/run.css'
import './timeline.css'

export function TimelinePanel() {
  const model = useTimeline()
  useFollowCanvasSelection(model)
  usePlayback(model)
  const { run, index } = model
  if (!run || !index) return <EmptyTimeline />
  return <RunTimeline model={{ ...model, index }} />
}

function EmptyTimeline() {
  const runs = useExecutionStore((s) => s.runs.length)
  return (
    <div className="sw-timeline sw-tl-empty">
      <p>
        {runs > 0 ? 'Choose a run in the Run tab' : 'No run yet'}. Press{' '}
        <button
          type="button"
          className="sw-btn sw-btn--small sw-btn--primary"
          onClick={() => runWorkflow()}
        >
          <RunIcons.play size={10} /> Run
        </button>{' '}
        to simulate the workflow, or <HistoryImportButton /> saved with{' '}
        <code>aws stepfunctions get-execution-history</code> to replay it here.
      </p>
    </div>
  )
}

type Model = TimelineModel & { index: HistoryIndex }

function RunTimeline({ model }: { model: Model }) {
  const { index, playhead, count, live, run } = model
  // The index grows in place: its event count is what says it changed.
  const snapshot = useMemo(() => {
    void count
    return index.snapshot(playhead, live)
  }, [index, playhead, count, live])

  // Collapsed groups: the user's choices over the defaults; reset for another run.
  const [overrides, setOverrides] = useState<{ runId: string; map: Map<number, boolean> }>(() => ({
    runId: run!.id,
    map: new Map(),
  }))
  const map = overrides.runId === run!.id ? overrides.map : EMPTY_OVERRIDES
  const [collapseVersion, setCollapseVersion] = useState(0)
  // The groups that hide the playhead by default open while it is inside them (and close again
  // when it moves on), unless the user chose otherwise; decided in render, so a jump into a
  // collapsed iteration is one render, not two. Not while a live run streams past.
  const focusKey =
    live || playhead < 0
      ? ''
      : ancestorGroups(index, playhead)
          .filter((g) => !map.has(g) && collapsedByDefault(index, index.groups[g]!))
          .join(',')
  const focus = useMemo(() => new Set(focusKey ? focusKey.split(',').map(Number) : []), [focusKey])
  const isCollapsed = useCallback(
    (group: HistoryGroup) => {
      const chosen = map.get(group.id)
      if (chosen !== undefined) return chosen
      return collapsedByDefault(index, group) && !focus.has(group.id)
    },
    [map, index, focus],
  )
  const setCollapsed = useCallback(
    (groupId: number, collapsed: boolean) => {
      const next = new Map(overrides.runId === run!.id ? overrides.map : undefined)
      next.set(groupId, collapsed)
      setOverrides({ runId: run!.id, map: next })
      setCollapseVersion((v) => v + 1)
    },
    [overrides, run],
  )

  return (
    <div className="sw-timeline" onKeyDown={(e) => onPanelKeyDown(model, e)}>
      <Controls model={model} snapshot={snapshot} />
      <div className="sw-tl-body">
        <EventList
          model={model}
          snapshot={snapshot}
          isCollapsed={isCollapsed}
          setCollapsed={setCollapsed}
          collapseVersion={collapseVersion}
        />
        <aside className="sw-tl-details" aria-label="Event details">
          <EventDetails
            run={run!}
            index={index}
            playhead={playhead}
            snapshot={snapshot}
            live={live}
          />
        </aside>
      </div>
    </div>
  )
}

const EMPTY_OVERRIDES = new Map<number, boolean>()

/** Moves the playhead to an event (clamped) and selects its state on the canvas. */
function go(index: HistoryIndex, target: number): void {
  const count = index.count
  if (count === 0) return
  const next = Math.max(0, Math.min(count - 1, target))
  setPlayhead(next)
  selectStateOf(index, next)
}

function step(model: Model, delta: number): void {
  usePlaybackStore.getState().pause()
  go(model.index, model.playhead + delta)
}

/** ←/→ step anywhere in the panel except in fields (the scrubber has its own arrows). */
function onPanelKeyDown(model: Model, e: KeyboardEvent<HTMLDivElement>): void {
  const target = e.target as HTMLElement
  if (target.closest('input, textarea, select, [contenteditable="true"]')) return
  if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
    e.preventDefault()
    step(model, e.key === 'ArrowLeft' ? -1 : 1)
  } else if (e.key === ' ' && target.closest('.sw-tl-list')) {
    e.preventDefault()
    const playback = usePlaybackStore.getState()
    if (playback.playing) playback.pause()
    else playback.play()
  }
}

function Controls({ model, snapshot }: { model: Model; snapshot: Snapshot }) {
  const { index, playhead, count, run } = model
  const playing = usePlaybackStore((s) => s.playing)
  const speed = usePlaybackStore((s) => s.speed)
  const runs = useExecutionStore((s) => s.runs)
  const event = playhead >= 0 ? index.events[playhead] : undefined
  const startMs = count > 0 ? Date.parse(index.events[0]!.timestamp) : 0

  const firstFailure = () => {
    usePlaybackStore.getState().pause()
    if (index.firstFailure < 0) return
    go(index, index.firstFailure)
    const visit = index.visitOf(index.firstFailure)
    if (visit) {
      const id = resolveState(useDocumentStore.getState().graph, index.stateKeys[visit.stateKey]!)
      if (id !== undefined) useWorkspaceStore.getState().reveal(id)
    }
  }

  const failures = useMemo(() => failureMarks(index, count), [index, count])
  const stateName = event ? index.visitOf(playhead)?.name : undefined

  return (
    <div className="sw-tl-controls" role="toolbar" aria-label="Replay">
      <label className="sw-tl-run-pick">
        <span className="sw-visually-hidden">Run</span>
        <select
          className="sw-select sw-select--compact"
          value={run!.id}
          aria-label="Run shown"
          data-testid="timeline-run"
          onChange={(e) => useExecutionStore.getState().selectRun(e.target.value)}
        >
          {[...runs].reverse().map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} — {r.status.toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      <StatusChip status={run!.status} />
      <span className="sw-tl-transport" role="group" aria-label="Playback">
        <button
          type="button"
          className="sw-ibtn"
          aria-label="First event"
          title="First event (Home)"
          onClick={() => (usePlaybackStore.getState().pause(), go(index, 0))}
          disabled={playhead <= 0}
        >
          <RunIcons.first size={13} />
        </button>
        <button
          type="button"
          className="sw-ibtn"
          data-testid="timeline-prev"
          aria-label="Previous event"
          title="Previous event (←)"
          aria-keyshortcuts="ArrowLeft"
          onClick={() => step(model, -1)}
          disabled={playhead <= 0}
        >
          <RunIcons.stepBack size={13} />
        </button>
        <button
          type="button"
          className="sw-ibtn sw-tl-play"
          data-testid="timeline-play"
          aria-label={playing ? 'Pause' : 'Play'}
          aria-pressed={playing}
          title={playing ? 'Pause' : 'Play from here'}
          onClick={() => usePlaybackStore.getState()[playing ? 'pause' : 'play']()}
          disabled={count === 0}
        >
          {playing ? <RunIcons.pause size={13} /> : <RunIcons.play size={12} />}
        </button>
        <button
          type="button"
          className="sw-ibtn"
          data-testid="timeline-next"
          aria-label="Next event"
          title="Next event (→)"
          aria-keyshortcuts="ArrowRight"
          onClick={() => step(model, 1)}
          disabled={playhead >= count - 1}
        >
          <RunIcons.stepForward size={13} />
        </button>
        <button
          type="button"
          className="sw-ibtn"
          aria-label="Last event"
          title="Last event (End)"
          onClick={() => (usePlaybackStore.getState().pause(), go(index, count - 1))}
          disabled={playhead >= count - 1}
        >
          <RunIcons.last size={13} />
        </button>
        <select
          className="sw-select sw-select--compact sw-tl-speed"
          data-testid="speed-select"
          aria-label="Playback speed"
          value={speed}
          onChange={(e) => usePlaybackStore.getState().setSpeed(Number(e.target.value))}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </span>
      <button
        type="button"
        className="sw-btn sw-btn--small sw-tl-failure"
        data-testid="timeline-first-failure"
        onClick={firstFailure}
        disabled={index.firstFailure < 0}
        title={index.firstFailure < 0 ? 'No failure in this run' : 'Jump to the first failure'}
      >
        <RunIcons.flag size={11} /> First failure
      </button>
      <div className="sw-tl-scrub">
        <div className="sw-tl-marks" aria-hidden="true">
          {failures.map((at) => (
            <span key={at} style={{ left: `${(at / Math.max(1, count - 1)) * 100}%` }} />
          ))}
        </div>
        <input
          type="range"
          className="sw-tl-range"
          data-testid="timeline-scrubber"
          min={0}
          max={Math.max(0, count - 1)}
          value={Math.max(0, playhead)}
          aria-label="Playhead"
          aria-valuetext={
            event
              ? `Event ${event.id} of ${count}: ${event.type}${stateName ? `, ${stateName}` : ''}`
              : 'No events'
          }
          onChange={(e) => {
            usePlaybackStore.getState().pause()
            go(index, Number(e.target.value))
          }}
        />
      </div>
      <span className="sw-tl-position" data-testid="timeline-position" aria-live="off">
        {event ? (
          <>
            <strong>{formatCount(playhead + 1)}</strong> / {formatCount(count)} ·{' '}
            {formatClock(event.timestamp)} ({formatOffset(Date.parse(event.timestamp) - startMs)})
          </>
        ) : (
          'No events'
        )}
      </span>
      <span className="sw-tl-io">
        <HistoryImportButton compact />
        <button
          type="button"
          className="sw-btn sw-btn--small"
          onClick={() => exportRunHistory(run!.id)}
          title="Export this history as GetExecutionHistory JSON"
          data-testid="timeline-export"
        >
          <RunIcons.download size={11} /> Export
        </button>
      </span>
      <span className="sw-visually-hidden" aria-live="polite">
        {snapshot.playhead >= 0 && event ? `${event.type}${stateName ? ` ${stateName}` : ''}` : ''}
      </span>
    </div>
  )
}

/** Failure events, at most 400 of them (a marker per pixel is enough). */
function failureMarks(index: HistoryIndex, count: number): number[] {
  const marks: number[] = []
  if (index.firstFailure < 0) return marks
  const stride = Math.max(1, Math.floor(count / 400))
  let lastBucket = -1
  for (const visit of index.visits) {
    for (const f of visit.failures) {
      const bucket = Math.floor(f / stride)
      if (bucket === lastBucket) continue
      lastBucket = bucket
      marks.push(f)
      if (marks.length >= 400) return marks
    }
  }
  return marks
}
