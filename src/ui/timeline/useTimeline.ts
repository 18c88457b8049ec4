// The timeline's model: the shown run, its index (kept up to date while events stream in), the
// effective playhead, and navigation (step, jump, follow a state clicked on the canvas).

import { useEffect, useMemo, useRef } from 'react'
import { useDocumentStore } from '../../state/documentStore'
import {
  selectSelectedRun,
  useExecutionStore,
  usePlaybackStore,
  type RunRecord,
} from '../../state/executionStore'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { effectivePlayhead, resolveState } from './canvasOverlay'
import { historyIndexOf, type HistoryIndex } from './historyIndex'
import { useLiveVersion } from './useThrottled'

export interface TimelineModel {
  run: RunRecord | undefined
  index: HistoryIndex | undefined
  /** Bumped when a live run's events grew (memo key for derived data). */
  version: number
  live: boolean
  /** The event at the playhead, or -1 when there are no events. */
  playhead: number
  count: number
}

export function useTimeline(): TimelineModel {
  const run = useExecutionStore(selectSelectedRun)
  const live = useExecutionStore((s) => s.activeRunId !== null && s.activeRunId === run?.id)
  // While a run streams in, ten updates a second are plenty for the panel.
  const liveVersion = useLiveVersion(live, 100)
  const playheadSetting = usePlaybackStore((s) => s.playhead)
  // The run object changes when the run ends; the version while it streams.
  const index = useMemo(() => {
    void liveVersion
    return run ? historyIndexOf(run.events) : undefined
  }, [run, liveVersion])
  const count = index?.count ?? 0
  return {
    run,
    index,
    version: liveVersion,
    live,
    playhead: effectivePlayhead(playheadSetting, count),
    count,
  }
}

/** Moves the playhead; null follows the end. */
export function setPlayhead(index: number | null): void {
  usePlaybackStore.getState().setPlayhead(index)
}

/** Selects (on the canvas) the state of an event, without moving the canvas. */
export function selectStateOf(index: HistoryIndex, event: number): void {
  const visit = index.visitOf(event)
  if (!visit) return
  const graph = useDocumentStore.getState().graph
  const id = resolveState(graph, index.stateKeys[visit.stateKey]!)
  if (id !== undefined) useWorkspaceStore.getState().select([id])
}

/**
 * Clicking a state on the canvas while the timeline is open jumps to its events: the first
 * visit after the playhead (cycling), shown at its outcome.
 */
export function useFollowCanvasSelection(model: TimelineModel): void {
  const latest = useRef(model)
  latest.current = model
  useEffect(
    () =>
      useWorkspaceStore.subscribe((state, previous) => {
        if (state.selectedIds === previous.selectedIds || state.selectedIds.length !== 1) return
        const { index } = latest.current
        if (!index) return
        // Read now, not from the last render: the timeline may have just moved it.
        const playhead = effectivePlayhead(usePlaybackStore.getState().playhead, index.count)
        const graph = useDocumentStore.getState().graph
        const id = state.selectedIds[0]!
        // Already there (the timeline itself selected it).
        const current = playhead >= 0 ? index.visitOf(playhead) : undefined
        if (current && resolveState(graph, index.stateKeys[current.stateKey]!) === id) return
        const visits = index.visits.filter(
          (v) => resolveState(graph, index.stateKeys[v.stateKey]!) === id,
        )
        if (visits.length === 0) return
        const next = visits.find((v) => v.entered > playhead) ?? visits[0]!
        setPlayhead(outcomeEvent(index, next.id))
      }),
    [],
  )
}

/** The event that shows a visit's outcome: its exit, else its last failure, else its entry. */
export function outcomeEvent(index: HistoryIndex, visitId: number): number {
  const visit = index.visits[visitId]!
  if (visit.exited >= 0) return visit.exited
  if (visit.failures.length > 0) return visit.failures.at(-1)!
  const group = index.groups[visit.group]!
  return group.items.filter((i) => i >= 0).at(-1) ?? visit.entered
}

/** Plays the run forward: `rate` events per second at 1×, on animation frames. */
export function usePlayback(model: TimelineModel, rate = 4): void {
  const playing = usePlaybackStore((s) => s.playing)
  const speed = usePlaybackStore((s) => s.speed)
  const latest = useRef(model)
  latest.current = model
  useEffect(() => {
    if (!playing) return
    let frame = 0
    let last = performance.now()
    let carry = 0
    // Playing from the end starts over.
    let position = latest.current.playhead
    if (position >= latest.current.count - 1) position = 0
    let written = position
    setPlayhead(position)
    const step = (now: number) => {
      const { playhead, count } = latest.current
      // The user scrubbed or stepped while playing: continue from there.
      if (playhead !== written && playhead >= 0) position = playhead
      carry += ((now - last) / 1000) * rate * speed
      last = now
      const whole = Math.floor(carry)
      if (whole > 0) {
        carry -= whole
        position = Math.min(count - 1, position + whole)
        written = position
        setPlayhead(position)
      }
      if (position >= count - 1 && !latest.current.live) {
        usePlaybackStore.getState().pause()
        return
      }
      frame = requestAnimationFrame(step)
    }
    frame = requestAnimationFrame(step)
    return () => cancelAnimationFrame(frame)
  }, [playing, speed, rate])
}
