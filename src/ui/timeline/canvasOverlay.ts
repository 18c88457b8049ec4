// What the canvas shows of a run: the status of every state at the playhead, retries and visits,
// Map/Parallel counts, the transitions taken, and which state is current. Computed from the
// selected run's HistoryIndex and mapped from state names (what events carry) to the graph's
// state ids (what the canvas draws); one snapshot per playhead move or live batch, never per event.

import { useMemo } from 'react'
import { graphEdges } from '../../core/graph/edges'
import type { StateId, WorkflowGraph } from '../../core/graph/model'
import { ROOT_SCOPE_ID, stateNamePath } from '../../core/graph/model'
import {
  onRunEvents,
  selectSelectedRun,
  useExecutionStore,
  usePlaybackStore,
} from '../../state/executionStore'
import type { ChildCounts, NodeStatus, Snapshot } from './historyIndex'
import { historyIndexOf, type HistoryIndex } from './historyIndex'
import { useLiveVersion } from './useThrottled'

export interface RunStateView {
  status: NodeStatus
  visits: number
  retries: number
  children: ChildCounts | null
}

export interface RunOverlay {
  /** Every state of the graph (those the run never reached are 'not-run'). */
  states: ReadonlyMap<StateId, RunStateView>
  /** Canvas edge ids of the transitions taken (graph edge ids, `start:root`, `end:<id>`). */
  takenEdges: ReadonlySet<string>
  /** The state of the event at the playhead. */
  currentId: StateId | null
}

// A running run's events are indexed batch by batch as they arrive (a few hundred per task),
// so no render ever has to ingest the thousands that arrived since the last frame.
onRunEvents((events) => historyIndexOf(events))

const NOT_RUN: RunStateView = { status: 'not-run', visits: 0, retries: 0, children: null }

const idsByNames = new WeakMap<WorkflowGraph, Map<string, StateId>>()

/** Names path (outermost first, no indices) → state id, memoized per graph. */
export function stateIdsByNamePath(graph: WorkflowGraph): Map<string, StateId> {
  let map = idsByNames.get(graph)
  if (!map) {
    map = new Map()
    const byName = new Map<string, StateId[]>()
    for (const id of Object.keys(graph.states)) {
      map.set(stateNamePath(graph, id).join('\u0001'), id)
      const name = graph.states[id]!.name
      byName.set(name, [...(byName.get(name) ?? []), id])
    }
    // A history recorded before a state moved into (or out of) a branch still finds it by its
    // name, which ASL keeps unique across the machine.
    for (const [name, ids] of byName) if (ids.length === 1 && !map.has(name)) map.set(name, ids[0]!)
    idsByNames.set(graph, map)
  }
  return map
}

export function resolveState(graph: WorkflowGraph, names: readonly string[]): StateId | undefined {
  const map = stateIdsByNamePath(graph)
  return map.get(names.join('\u0001')) ?? map.get(names[names.length - 1] ?? '')
}

/** Projects a snapshot of a run onto a graph. Pure. */
export function projectRun(
  graph: WorkflowGraph,
  index: HistoryIndex,
  snapshot: Snapshot,
): RunOverlay {
  const states = new Map<StateId, RunStateView>()
  for (const id of Object.keys(graph.states)) states.set(id, NOT_RUN)
  const keyToId: (StateId | undefined)[] = index.stateKeys.map((names) =>
    resolveState(graph, names),
  )
  snapshot.states.forEach((view, key) => {
    const id = keyToId[key]
    if (id === undefined || view.status === 'not-run') return
    states.set(id, view)
  })
  const takenEdges = new Set<string>()
  const edges = graphEdges(graph)
  for (const t of snapshot.transitions) {
    const from = t.from ? keyToIdOf(graph, t.from) : undefined
    const to = t.to ? keyToIdOf(graph, t.to) : undefined
    switch (t.kind) {
      case 'start':
        if (to !== undefined && graph.states[to]?.scopeId === ROOT_SCOPE_ID) {
          takenEdges.add(`start:${ROOT_SCOPE_ID}`)
        }
        break
      case 'end':
        if (from !== undefined) takenEdges.add(`end:${from}`)
        break
      case 'next':
      case 'catch':
        for (const edge of edges) {
          if (edge.source !== from || edge.target !== to) continue
          if ((edge.kind === 'catch') === (t.kind === 'catch')) takenEdges.add(edge.id)
        }
        break
    }
  }
  const current = snapshot.currentVisit >= 0 ? index.visits[snapshot.currentVisit] : undefined
  return {
    states,
    takenEdges,
    currentId: current ? (keyToId[current.stateKey] ?? null) : null,
  }
}

function keyToIdOf(graph: WorkflowGraph, names: readonly string[]): StateId | undefined {
  return resolveState(graph, names)
}

/** The playhead as an event index: the chosen one, or the last event when following the end. */
export function effectivePlayhead(playhead: number | null, eventCount: number): number {
  if (eventCount === 0) return -1
  return playhead === null ? eventCount - 1 : Math.min(playhead, eventCount - 1)
}

/** The overlay for the canvas, or undefined when no run is shown. */
export function useRunOverlay(graph: WorkflowGraph): RunOverlay | undefined {
  const run = useExecutionStore(selectSelectedRun)
  const live = useExecutionStore((s) => s.activeRunId !== null && s.activeRunId === run?.id)
  // Re-read the (appended-in-place) events of a live run when a batch lands, at most eight
  // times a second: the canvas (React Flow) is the costliest view to update.
  const version = useLiveVersion(live, 125)
  const playhead = usePlaybackStore((s) => s.playhead)
  // The run object changes when it ends, the version while it streams: either can bring events.
  return useMemo(() => {
    void version
    if (!run) return undefined
    const index = historyIndexOf(run.events)
    const snapshot = index.snapshot(effectivePlayhead(playhead, index.count), live)
    return projectRun(graph, index, snapshot)
  }, [graph, run, live, version, playhead])
}
