// An index over a run's history events, built incrementally as they stream in, that answers
// what the timeline and the canvas ask many times a second:
//
//   - the tree the timeline lists: the execution, state visits (one StateEntered to its end), Map
//     iterations and Parallel branches, each holding its events in order;
//   - the status of every visit, iteration and branch at any playhead, and from it the status of
//     every state of the definition, the retries, the Map/Parallel counts and the transitions taken.
//
// The status at a playhead is a replay of small per-event "effects" computed once at ingest
// (typed arrays, no allocation per event), so scrubbing to any of 100,000 events is one linear
// pass over numbers. What an event means can depend on later events (a failure is retried,
// caught, or fatal): its effect is patched when the later event arrives.
//
// Pure: no React, no stores. Events must carry `statePath` (the execution store rebuilds it for
// imported AWS histories).

import type { HistoryEvent } from '../../core/interpreter'

export type VisitStatus = 'running' | 'retrying' | 'succeeded' | 'caught' | 'failed' | 'aborted'
export type NodeStatus = VisitStatus | 'not-run'

/** Status codes in the typed arrays (0 = not started). */
const S_NONE = 0
const S_RUNNING = 1
const S_RETRYING = 2
const S_SUCCEEDED = 3
const S_CAUGHT = 4
const S_FAILED = 5
const S_ABORTED = 6

const STATUS_NAMES: readonly (VisitStatus | null)[] = [
  null,
  'running',
  'retrying',
  'succeeded',
  'caught',
  'failed',
  'aborted',
]

/** Per-event effects on the status of its visit or group. */
const E_NONE = 0
const E_ENTER = 1
const E_ATTEMPT = 2
const E_FAIL_PENDING = 3
const E_FAIL_RETRIED = 4
const E_FAIL_CAUGHT = 5
const E_FAIL_FATAL = 6
const E_EXIT_OK = 7
const E_EXIT_CAUGHT = 8
const E_ABORTED = 9
const E_ITER_START = 10
const E_ITER_OK = 11
const E_ITER_FAIL = 12
const E_ITER_ABORT = 13

/** Transition kinds recorded on StateEntered (and ExecutionSucceeded for the end). */
const T_NONE = 0
const T_NEXT = 1
const T_CATCH = 2
const T_START = 3
const T_END = 4

export type GroupKind = 'execution' | 'visit' | 'iteration' | 'branch'

export interface HistoryGroup {
  id: number
  kind: GroupKind
  /** -1 for the execution. */
  parent: number
  depth: number
  /** Event indices (≥ 0) and child groups (encoded as `-(id + 1)`), in order of appearance. */
  items: number[]
  /** How many of `items` are groups. */
  childGroups: number
  firstEvent: number
  lastEvent: number
  /** The visit of a 'visit' group, else -1. */
  visit: number
  /** Iteration index, or branch index; -1 otherwise. */
  index: number
  /** The Map or Parallel visit an iteration or branch belongs to; -1 otherwise. */
  container: number
  label: string
}

export interface Visit {
  id: number
  group: number
  /** Index into `stateKeys`: the state's names path, without iteration/branch indices. */
  stateKey: number
  name: string
  /** 'Task', 'Map'… from the StateEntered event's type. */
  stateType: string
  /** The state path with indices, e.g. ['Fan out', 3, 'Charge card']. */
  path: readonly (string | number)[]
  entered: number
  /** The StateExited event, or -1. */
  exited: number
  /** Failure events in order (every failed attempt). */
  failures: number[]
  /** Events that started another attempt (a retry), in order. */
  retries: number[]
  /** The enclosing Map/Parallel visit, or -1 at the top level. */
  parentVisit: number
}

export interface ChildCounts {
  kind: 'iteration' | 'branch'
  total: number
  running: number
  succeeded: number
  failed: number
  aborted: number
}

export interface StateAtPlayhead {
  status: NodeStatus
  /** Visits entered so far (loops, Map iterations). */
  visits: number
  /** Retry attempts started so far. */
  retries: number
  /** Map iterations / Parallel branches of this state's visits. */
  children: ChildCounts | null
}

export interface Transition {
  /** Names paths (no indices) of the states; null `from` = the workflow's start. */
  from: readonly string[] | null
  /** null = the workflow's end. */
  to: readonly string[] | null
  kind: 'next' | 'catch' | 'start' | 'end'
}

export interface Snapshot {
  /** The playhead this snapshot is for (an event index). */
  playhead: number
  visitStatus: Uint8Array
  groupStatus: Uint8Array
  /** By state key (index into `stateKeys`). */
  states: StateAtPlayhead[]
  transitions: Transition[]
  /** The visit of the event at the playhead, or -1. */
  currentVisit: number
}

const FAILURE_TYPES = new Set([
  'TaskFailed',
  'TaskTimedOut',
  'TaskStartFailed',
  'TaskSubmitFailed',
  'LambdaFunctionFailed',
  'LambdaFunctionTimedOut',
  'LambdaFunctionStartFailed',
  'LambdaFunctionScheduleFailed',
  'ActivityFailed',
  'ActivityTimedOut',
  'ActivityScheduleFailed',
  'MapStateFailed',
  'ParallelStateFailed',
  'EvaluationFailed',
  'MapRunFailed',
])

const ATTEMPT_STARTS = new Set([
  'TaskScheduled',
  'LambdaFunctionScheduled',
  'ActivityScheduled',
  'MapStateStarted',
  'ParallelStateStarted',
])

export function isFailureEvent(type: string): boolean {
  return FAILURE_TYPES.has(type) || type === 'ExecutionFailed' || type === 'ExecutionTimedOut'
}

/** Shared by the visits without failures or retries (most of them), never written to. */
const NONE: number[] = []

function pathKey(path: readonly (string | number)[], length = path.length): string {
  let key = ''
  for (let i = 0; i < length; i++) key += (i ? '\u0001' : '') + String(path[i])
  return key
}

function growInt32(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= array.length) return array
  const next = new Int32Array(Math.max(size, array.length * 2))
  next.set(array)
  return next
}

function growUint8(array: Uint8Array<ArrayBuffer>, size: number): Uint8Array<ArrayBuffer> {
  if (size <= array.length) return array
  const next = new Uint8Array(Math.max(size, array.length * 2))
  next.set(array)
  return next
}

export class HistoryIndex {
  /** How many events have been ingested. */
  count = 0
  readonly groups: HistoryGroup[] = []
  readonly visits: Visit[] = []
  /** Names paths (no indices) of the states that occur, e.g. ['Fan out', 'Charge card']. */
  readonly stateKeys: (readonly string[])[] = []
  /** The first failure event (any attempt, any state), or -1. */
  firstFailure = -1
  /** The execution ended (an Execution{Succeeded,Failed,TimedOut,Aborted} event). */
  ended = false
  /** Ids of the Parallel branch groups (their status is derived, not evented). */
  readonly branchGroups: number[] = []
  /** Per frame group (execution, iteration, branch): visits that assigned variables, in order. */
  readonly assigningVisits = new Map<number, number[]>()
  /** Which group got each item, in order (rows are extended from it instead of rebuilt). */
  appendLog = new Int32Array(1024)
  appendCount = 0
  /** Bumped when a container passes the collapse threshold (rows before it change). */
  collapseFlips = 0

  private append(groupId: number, item: number): void {
    this.groups[groupId]!.items.push(item)
    this.appendLog = growInt32(this.appendLog, this.appendCount + 1)
    this.appendLog[this.appendCount++] = groupId
  }

  eventVisit = new Int32Array(1024)
  eventGroup = new Int32Array(1024)
  private effect = new Uint8Array(1024)
  private transFrom = new Int32Array(1024)
  private transKind = new Uint8Array(1024)
  /** Visits (and iteration/branch groups) an event ends besides its own: frame ends. */
  private readonly closes = new Map<number, number[]>()

  private readonly stateKeyIds = new Map<string, number>()
  private readonly openVisitByPath = new Map<string, number>()
  private readonly openVisits = new Set<number>()
  private readonly pendingFailures = new Map<number, number[]>()
  private readonly lastVisitInFrame = new Map<number, number>()
  private readonly frameGroups = new Map<string, number>()
  private readonly attemptsOf = new Map<number, number>()
  private readonly caughtVisits = new Set<number>()

  constructor(readonly events: readonly HistoryEvent[]) {
    this.groups.push({
      id: 0,
      kind: 'execution',
      parent: -1,
      depth: 0,
      items: [],
      childGroups: 0,
      firstEvent: 0,
      lastEvent: 0,
      visit: -1,
      index: -1,
      container: -1,
      label: 'Execution',
    })
    this.sync()
  }

  /** Ingests events appended to `events` since the last call. */
  sync(): void {
    const total = this.events.length
    if (total === this.count) return
    this.eventVisit = growInt32(this.eventVisit, total)
    this.eventGroup = growInt32(this.eventGroup, total)
    this.effect = growUint8(this.effect, total)
    this.transFrom = growInt32(this.transFrom, total)
    this.transKind = growUint8(this.transKind, total)
    for (let i = this.count; i < total; i++) this.ingest(i, this.events[i]!)
    this.count = total
  }

  private stateKeyOf(path: readonly (string | number)[]): number {
    const names = path.filter((p): p is string => typeof p === 'string')
    const key = names.join('\u0001')
    let id = this.stateKeyIds.get(key)
    if (id === undefined) {
      id = this.stateKeys.length
      this.stateKeys.push(names)
      this.stateKeyIds.set(key, id)
    }
    return id
  }

  private addGroup(
    group: Omit<HistoryGroup, 'id' | 'depth' | 'items' | 'childGroups'>,
    at: number,
  ): number {
    const id = this.groups.length
    const parent = this.groups[group.parent]!
    // Every group with the same fields in the same order: one hidden class for all of them.
    this.groups.push({
      id,
      kind: group.kind,
      parent: group.parent,
      depth: parent.depth + 1,
      items: [],
      childGroups: 0,
      firstEvent: group.firstEvent,
      lastEvent: group.lastEvent,
      visit: group.visit,
      index: group.index,
      container: group.container,
      label: group.label,
    })
    this.append(group.parent, -(id + 1))
    parent.childGroups++
    // Past the threshold, the container's iterations start collapsed: rows before change.
    if (parent.childGroups === COLLAPSE_THRESHOLD + 1) this.collapseFlips++
    this.touch(group.parent, at)
    return id
  }

  /** Extends a group and its ancestors to event `at`. */
  private touch(groupId: number, at: number): void {
    for (let g = groupId; g >= 0; g = this.groups[g]!.parent) {
      const group = this.groups[g]!
      if (group.lastEvent >= at && g !== 0) break
      group.lastEvent = at
    }
  }

  /**
   * The group events at `prefix` (a path ending with an iteration or branch index) belong to,
   * created on first use under the container's current visit.
   */
  private frameGroup(path: readonly (string | number)[], length: number, at: number): number {
    if (length === 0) return 0
    const containerKey = pathKey(path, length - 1)
    const container = this.openVisitByPath.get(containerKey)
    if (container === undefined) return 0
    const index = path[length - 1] as number
    const attempt = this.attemptsOf.get(container) ?? 0
    const key = `${container}:${attempt}:${index}`
    let id = this.frameGroups.get(key)
    if (id === undefined) {
      const visit = this.visits[container]!
      const kind = visit.stateType === 'Parallel' ? 'branch' : 'iteration'
      id = this.addGroup(
        {
          kind,
          parent: visit.group,
          firstEvent: at,
          lastEvent: at,
          visit: -1,
          index,
          container,
          label:
            (kind === 'branch' ? `Branch ${index + 1}` : `Iteration ${index}`) +
            (attempt > 0 ? ` (attempt ${attempt + 1})` : ''),
        },
        at,
      )
      this.frameGroups.set(key, id)
      if (kind === 'branch') this.branchGroups.push(id)
    }
    return id
  }

  private ingest(i: number, event: HistoryEvent): void {
    const type = event.type
    const path = event.statePath ?? []
    this.effect[i] = E_NONE
    this.transKind[i] = T_NONE
    this.transFrom[i] = -1
    this.eventVisit[i] = -1
    const last = path.length > 0 ? path[path.length - 1] : undefined

    if (path.length === 0) {
      // Execution-level events.
      this.eventGroup[i] = 0
      this.append(0, i)
      this.touch(0, i)
      if (type === 'ExecutionSucceeded') {
        const lastVisit = this.lastVisitInFrame.get(0)
        if (lastVisit !== undefined) {
          this.transKind[i] = T_END
          this.transFrom[i] = this.visits[lastVisit]!.stateKey
        }
        this.ended = true
      } else if (type === 'ExecutionFailed' || type === 'ExecutionTimedOut') {
        this.closeUnder(0, i, S_FAILED)
        this.ended = true
        if (this.firstFailure === -1) this.firstFailure = i
      } else if (type === 'ExecutionAborted') {
        this.closeUnder(0, i, S_ABORTED)
        this.ended = true
      }
      return
    }

    if (typeof last === 'number') {
      // A Map iteration event: [..., Map, index].
      const group = this.frameGroup(path, path.length, i)
      this.eventGroup[i] = group
      this.append(group, i)
      this.touch(group, i)
      switch (type) {
        case 'MapIterationStarted':
          this.effect[i] = E_ITER_START
          break
        case 'MapIterationSucceeded':
          this.effect[i] = E_ITER_OK
          break
        case 'MapIterationFailed':
          this.effect[i] = E_ITER_FAIL
          this.closeUnder(group, i, S_FAILED)
          break
        case 'MapIterationAborted':
          this.effect[i] = E_ITER_ABORT
          this.closeUnder(group, i, S_ABORTED)
          break
        default:
          break
      }
      return
    }

    if (type.endsWith('StateEntered')) {
      const key = pathKey(path)
      const frame = this.frameGroup(path, path.length - 1, i)
      const parentVisit =
        path.length > 2 ? (this.openVisitByPath.get(pathKey(path, path.length - 2)) ?? -1) : -1
      const visitId = this.visits.length
      const group = this.addGroup(
        {
          kind: 'visit',
          parent: frame,
          firstEvent: i,
          lastEvent: i,
          visit: visitId,
          index: -1,
          container: -1,
          label: String(last),
        },
        i,
      )
      const stateKey = this.stateKeyOf(path)
      this.visits.push({
        id: visitId,
        group,
        stateKey,
        name: String(last),
        stateType: type.slice(0, -'StateEntered'.length),
        path,
        entered: i,
        exited: -1,
        failures: NONE,
        retries: NONE,
        parentVisit,
      })
      this.openVisitByPath.set(key, visitId)
      this.openVisits.add(visitId)
      this.eventVisit[i] = visitId
      this.eventGroup[i] = group
      this.append(group, i)
      this.effect[i] = E_ENTER
      const previous = this.lastVisitInFrame.get(frame)
      if (previous !== undefined) {
        this.transFrom[i] = this.visits[previous]!.stateKey
        this.transKind[i] = this.caughtVisits.has(previous) ? T_CATCH : T_NEXT
      } else if (frame === 0) {
        this.transKind[i] = T_START
      }
      this.lastVisitInFrame.set(frame, visitId)
      return
    }

    // Any other event of a state: Task*, Lambda*, Map/Parallel*, exits, aborts, failures. Its
    // visit is usually that of the event it follows (AWS chains a state's events through
    // previousEventId), which spares building a path key per event.
    const visitId = this.followedVisit(i, event, path) ?? this.openVisitByPath.get(pathKey(path))
    if (visitId === undefined) {
      // An event of a state that was never entered (a cut history): listed at its frame.
      const frame = this.frameGroup(path, path.length - 1, i)
      this.eventGroup[i] = frame
      this.append(frame, i)
      this.touch(frame, i)
      if (FAILURE_TYPES.has(type) && this.firstFailure === -1) this.firstFailure = i
      return
    }
    const visit = this.visits[visitId]!
    this.eventVisit[i] = visitId
    this.eventGroup[i] = visit.group
    this.append(visit.group, i)
    this.touch(visit.group, i)
    const pending = this.pendingFailures.get(visitId)

    if (FAILURE_TYPES.has(type)) {
      if (visit.failures === NONE) visit.failures = [i]
      else visit.failures.push(i)
      if (this.firstFailure === -1) this.firstFailure = i
      this.effect[i] = E_FAIL_PENDING
      if (pending) pending.push(i)
      else this.pendingFailures.set(visitId, [i])
      if (type === 'MapStateFailed' || type === 'ParallelStateFailed') {
        // Whatever still runs inside has failed with it (the failing branch) or was aborted
        // (the interpreter reports those with explicit *Aborted events first).
        this.closeChildren(visit.group, i, S_FAILED)
      }
      return
    }
    if (type.endsWith('StateExited')) {
      visit.exited = i
      this.openVisits.delete(visitId)
      const details = (event as { stateExitedEventDetails?: { assignedVariables?: unknown } })
        .stateExitedEventDetails
      if (details?.assignedVariables !== undefined) {
        const frame = this.groups[visit.group]!.parent
        const list = this.assigningVisits.get(frame)
        if (list) list.push(visitId)
        else this.assigningVisits.set(frame, [visitId])
      }
      if (pending) {
        this.resolve(visitId, E_FAIL_CAUGHT)
        this.effect[i] = E_EXIT_CAUGHT
        this.caughtVisits.add(visitId)
      } else {
        this.effect[i] = E_EXIT_OK
      }
      return
    }
    if (type.endsWith('StateAborted')) {
      if (pending) this.resolve(visitId, E_FAIL_FATAL)
      this.effect[i] = E_ABORTED
      this.openVisits.delete(visitId)
      this.closeChildren(visit.group, i, S_ABORTED)
      return
    }
    if (ATTEMPT_STARTS.has(type) && pending) {
      this.resolve(visitId, E_FAIL_RETRIED)
      this.effect[i] = E_ATTEMPT
      if (visit.retries === NONE) visit.retries = [i]
      else visit.retries.push(i)
      this.attemptsOf.set(visitId, (this.attemptsOf.get(visitId) ?? 0) + 1)
    }
  }

  /** The open visit of the event this one follows, if it is of the same state path. */
  private followedVisit(
    i: number,
    event: HistoryEvent,
    path: readonly (string | number)[],
  ): number | undefined {
    // Ids are 1, 2, 3… in order (the importer sorts them); anything else takes the slow path.
    const previous = event.previousEventId - 1
    if (previous < 0 || previous >= i || this.events[previous]!.id !== event.previousEventId) {
      return undefined
    }
    const visitId = this.eventVisit[previous]!
    if (visitId < 0) return undefined
    const visit = this.visits[visitId]!
    const other = visit.path
    if (other.length !== path.length) return undefined
    for (let k = path.length - 1; k >= 0; k--) if (other[k] !== path[k]) return undefined
    // A new visit of the same state starts with StateEntered, handled before this.
    return visitId
  }

  private resolve(visitId: number, effect: number): void {
    const pending = this.pendingFailures.get(visitId)
    if (!pending) return
    for (const at of pending) {
      this.effect[at] = effect
      if (at < this.patchedFrom) this.patchedFrom = at
    }
    this.pendingFailures.delete(visitId)
  }

  private isInside(groupId: number, ancestor: number): boolean {
    for (let g = groupId; g >= 0; g = this.groups[g]!.parent) if (g === ancestor) return true
    return false
  }

  /** Ends every open visit inside `groupId` (itself included) at event `at`. */
  private closeUnder(groupId: number, at: number, status: number): void {
    const closed: number[] = []
    for (const visitId of this.openVisits) {
      const visit = this.visits[visitId]!
      if (!this.isInside(visit.group, groupId)) continue
      closed.push(visitId)
    }
    if (closed.length === 0) return
    const list = this.closes.get(at) ?? []
    for (const visitId of closed) {
      this.openVisits.delete(visitId)
      const hadFailure = this.pendingFailures.has(visitId)
      this.resolve(visitId, E_FAIL_FATAL)
      list.push(visitId, hadFailure ? S_FAILED : status)
    }
    this.closes.set(at, list)
  }

  /** Ends the open visits inside a container visit's iterations/branches (not the visit itself). */
  private closeChildren(visitGroup: number, at: number, status: number): void {
    for (const item of this.groups[visitGroup]!.items) {
      if (item < 0) this.closeUnder(-item - 1, at, status)
    }
  }

  // ------------------------------------------------------------------------------------------
  // Queries

  /** Which state path (with indices) an event belongs to, for selection and details. */
  visitOf(eventIndex: number): Visit | undefined {
    const id = this.eventVisit[eventIndex]
    return id !== undefined && id >= 0 && eventIndex < this.count ? this.visits[id] : undefined
  }

  /**
   * Statuses at the playhead (an event index; clamped). `live`: the run is still going, so a
   * failure nothing has answered yet is shown as running rather than failed.
   *
   * The replay state is kept between calls: moving forward (playing, following a live run)
   * replays only the new events; moving back replays from the start (a pass over typed
   * arrays). The same playhead twice gives the same object.
   */
  snapshot(playhead: number, live = false): Snapshot {
    const p = Math.max(-1, Math.min(playhead, this.count - 1))
    if (this.patchedFrom !== Infinity) {
      // Ingest changed what earlier events mean (a failure turned out to be retried…).
      this.checkpoints = this.checkpoints.filter((c) => c.p < this.patchedFrom)
      if (this.replay && this.replay.p >= this.patchedFrom) this.replay = null
      this.patchedFrom = Infinity
    }
    let replay = this.replay
    if (replay && replay.live !== live) {
      // Only unanswered failures read the flag: without any, the replay stays valid.
      if (replay.pendingApplied === 0) replay.live = live
      else replay = null
      if (this.checkpoints.some((c) => c.live !== live)) this.checkpoints = []
    }
    if (!replay || p < replay.p) {
      const checkpoint = this.checkpoints.findLast((c) => c.p <= p && c.live === live)
      replay = checkpoint ? checkpoint.clone() : new Replay(this, live)
    }
    this.replay = replay
    if (replay.cached && replay.p === p && replay.cachedCount === this.count) return replay.cached
    replay.advance(p, this.checkpoints)
    replay.cached = replay.output(p)
    replay.cachedCount = this.count
    return replay.cached
  }

  /** @internal replay states kept along the history, so moving back replays a short stretch. */
  private checkpoints: Replay[] = []

  /** @internal the replay state between snapshots. */
  private replay: Replay | null = null
  /** @internal the first event whose effect ingest changed after the fact. */
  patchedFrom = Infinity

  /** @internal for Replay. */
  effects(): Uint8Array {
    return this.effect
  }
  /** @internal for Replay: per event, the kind of transition its StateEntered made, and from where. */
  transitions(): { kinds: Uint8Array; froms: Int32Array } {
    return { kinds: this.transKind, froms: this.transFrom }
  }
  /** @internal for Replay. */
  closesAt(i: number): number[] | undefined {
    return this.closes.get(i)
  }
  /** @internal for Replay. */
  hasCloses(): boolean {
    return this.closes.size > 0
  }

  /** Builds a Transition from encoded state keys and kind. */
  transition(from: number, to: number, kind: number): Transition {
    return {
      from: from >= 0 ? this.stateKeys[from]! : null,
      to: to >= 0 ? this.stateKeys[to]! : null,
      kind:
        kind === T_CATCH ? 'catch' : kind === T_START ? 'start' : kind === T_END ? 'end' : 'next',
    }
  }

  /** The status of a visit or an iteration/branch group in a snapshot. */
  visitStatusIn(snapshot: Snapshot, visitId: number): VisitStatus | null {
    return STATUS_NAMES[snapshot.visitStatus[visitId] ?? 0] ?? null
  }

  groupStatusIn(snapshot: Snapshot, groupId: number): VisitStatus | null {
    const group = this.groups[groupId]
    if (!group) return null
    if (group.kind === 'visit') return this.visitStatusIn(snapshot, group.visit)
    return STATUS_NAMES[snapshot.groupStatus[groupId] ?? 0] ?? null
  }

  /** The state key of a names path, or -1. */
  stateKeyIdOf(names: readonly string[]): number {
    return this.stateKeyIds.get(names.join('\u0001')) ?? -1
  }
}

/** Per state key: visits per status, so the state's status needs no pass over its visits. */
const STATUS_SLOTS = 7

/** A replay checkpoint every 8,192 events: moving back replays at most that many. */
const CHECKPOINT_MASK = 8191

/**
 * The status of everything at a playhead, advanced event by event. Per-state aggregates are
 * kept incrementally (visits per status, the latest outcome), so a snapshot costs the events
 * replayed since the last one plus the number of states, not the length of the history.
 */
class Replay {
  p = -1
  cached: Snapshot | null = null
  cachedCount = -1
  /** Unanswered failures replayed so far (the only thing `live` changes). */
  pendingApplied = 0
  private keyCount = 0
  private visitStatus = new Uint8Array(16)
  private groupStatus = new Uint8Array(16)
  private counts = new Int32Array(0)
  private latest = new Uint8Array(0)
  private visitsByKey = new Int32Array(0)
  private retriesByKey = new Int32Array(0)
  /** Iteration counts per container key: total, running, succeeded, failed, aborted. */
  private children = new Int32Array(0)
  private taken = new Map<number, Transition>()

  constructor(
    private readonly index: HistoryIndex,
    public live: boolean,
  ) {
    this.ensureCapacity()
  }

  clone(): Replay {
    const copy = new Replay(this.index, this.live)
    copy.p = this.p
    copy.pendingApplied = this.pendingApplied
    copy.keyCount = this.keyCount
    copy.visitStatus = this.visitStatus.slice()
    copy.groupStatus = this.groupStatus.slice()
    copy.counts = this.counts.slice()
    copy.latest = this.latest.slice()
    copy.visitsByKey = this.visitsByKey.slice()
    copy.retriesByKey = this.retriesByKey.slice()
    copy.children = this.children.slice()
    copy.taken = new Map(this.taken)
    return copy
  }

  /** Grows the arrays to the index's visits, groups and state keys (they grow while streaming). */
  private ensureCapacity(): void {
    const index = this.index
    if (index.visits.length > this.visitStatus.length) {
      this.visitStatus = growUint8(this.visitStatus, index.visits.length)
    }
    if (index.groups.length > this.groupStatus.length) {
      this.groupStatus = growUint8(this.groupStatus, index.groups.length)
    }
    const keys = index.stateKeys.length
    if (keys > this.keyCount) {
      const int32 = (a: Int32Array, per: number) => {
        const next = new Int32Array(keys * per)
        next.set(a)
        return next
      }
      const uint8 = (a: Uint8Array, per: number) => {
        const next = new Uint8Array(keys * per)
        next.set(a)
        return next
      }
      this.counts = int32(this.counts, STATUS_SLOTS)
      this.latest = uint8(this.latest, 1)
      this.visitsByKey = int32(this.visitsByKey, 1)
      this.retriesByKey = int32(this.retriesByKey, 1)
      this.children = int32(this.children, 5)
      this.keyCount = keys
    }
  }

  private setVisit(v: number, status: number): void {
    const old = this.visitStatus[v]!
    if (old === status) return
    const key = this.index.visits[v]!.stateKey
    const base = key * STATUS_SLOTS
    if (old !== S_NONE) this.counts[base + old]!--
    this.counts[base + status]!++
    this.visitStatus[v] = status
    if (status !== S_RUNNING && status !== S_RETRYING) this.latest[key] = status
  }

  private setGroup(g: number, status: number): void {
    const old = this.groupStatus[g]!
    if (old === status) return
    this.groupStatus[g] = status
    const group = this.index.groups[g]!
    if (group.kind !== 'iteration') return
    const base = this.index.visits[group.container]!.stateKey * 5
    if (old === S_NONE) this.children[base]!++
    else this.children[base + childSlot(old)]!--
    this.children[base + childSlot(status)]!++
  }

  /** Applies the events after the last playhead up to `p`, leaving checkpoints on the way. */
  advance(p: number, checkpoints: Replay[]): void {
    const index = this.index
    this.ensureCapacity()
    const effect = index.effects()
    const eventVisit = index.eventVisit
    const eventGroup = index.eventGroup
    const visits = index.visits
    const anyCloses = index.hasCloses()
    const { kinds, froms } = index.transitions()
    for (let i = this.p + 1; i <= p; i++) {
      const e = effect[i]!
      const v = eventVisit[i]!
      switch (e) {
        case E_NONE:
          if (kinds[i] === T_END) this.note(froms[i]!, -1, T_END)
          break
        case E_ENTER: {
          this.setVisit(v, S_RUNNING)
          const key = visits[v]!.stateKey
          this.visitsByKey[key]!++
          const kind = kinds[i]!
          if (kind !== T_NONE) this.note(froms[i]!, key, kind)
          break
        }
        case E_ATTEMPT:
          this.setVisit(v, S_RUNNING)
          this.retriesByKey[visits[v]!.stateKey]!++
          break
        case E_FAIL_PENDING:
          this.pendingApplied++
          this.setVisit(v, this.live ? S_RUNNING : S_FAILED)
          break
        case E_FAIL_RETRIED:
          this.setVisit(v, S_RETRYING)
          break
        case E_FAIL_CAUGHT:
        case E_EXIT_CAUGHT:
          this.setVisit(v, S_CAUGHT)
          break
        case E_FAIL_FATAL:
          this.setVisit(v, S_FAILED)
          break
        case E_EXIT_OK:
          this.setVisit(v, S_SUCCEEDED)
          break
        case E_ABORTED:
          this.setVisit(v, S_ABORTED)
          break
        case E_ITER_START:
          this.setGroup(eventGroup[i]!, S_RUNNING)
          break
        case E_ITER_OK:
          this.setGroup(eventGroup[i]!, S_SUCCEEDED)
          break
        case E_ITER_FAIL:
          this.setGroup(eventGroup[i]!, S_FAILED)
          break
        case E_ITER_ABORT:
          this.setGroup(eventGroup[i]!, S_ABORTED)
          break
      }
      if (anyCloses) {
        const closes = index.closesAt(i)
        if (closes)
          for (let k = 0; k < closes.length; k += 2) this.setVisit(closes[k]!, closes[k + 1]!)
      }
      if ((i & CHECKPOINT_MASK) === CHECKPOINT_MASK && i > (checkpoints.at(-1)?.p ?? -1)) {
        this.p = i
        checkpoints.push(this.clone())
      }
    }
    this.p = p
  }

  private note(from: number, to: number, kind: number): void {
    const id = (from + 1) * 4_194_304 * 8 + (to + 1) * 8 + kind
    if (!this.taken.has(id)) this.taken.set(id, this.index.transition(from, to, kind))
  }

  output(p: number): Snapshot {
    const index = this.index
    const visitStatus = this.visitStatus.slice(0, index.visits.length)
    const groupStatus = this.groupStatus.slice(0, index.groups.length)
    const keyCount = index.stateKeys.length
    const children: (ChildCounts | null)[] = new Array<ChildCounts | null>(keyCount).fill(null)
    for (let k = 0; k < keyCount; k++) {
      const c = this.children
      if (c[k * 5]! > 0) {
        children[k] = {
          kind: 'iteration',
          total: c[k * 5]!,
          running: c[k * 5 + 1]!,
          succeeded: c[k * 5 + 2]!,
          failed: c[k * 5 + 3]!,
          aborted: c[k * 5 + 4]!,
        }
      }
    }
    // Branches have no events of their own: their status follows their states (few of them).
    for (const g of index.branchGroups) {
      const group = index.groups[g]!
      if (group.firstEvent > p) continue
      let status = group.lastEvent > p ? S_RUNNING : S_SUCCEEDED
      for (const item of group.items) {
        if (item >= 0) continue
        const child = index.groups[-item - 1]!
        if (child.visit < 0) continue
        const s = visitStatus[child.visit]!
        if (s === S_FAILED) status = S_FAILED
        else if (s === S_ABORTED && status !== S_FAILED) status = S_ABORTED
        else if ((s === S_RUNNING || s === S_RETRYING) && status === S_SUCCEEDED) {
          status = S_RUNNING
        }
      }
      groupStatus[g] = status
      const key = index.visits[group.container]!.stateKey
      const counts = (children[key] ??= {
        kind: 'branch',
        total: 0,
        running: 0,
        succeeded: 0,
        failed: 0,
        aborted: 0,
      })
      counts.total++
      if (status === S_SUCCEEDED) counts.succeeded++
      else if (status === S_FAILED) counts.failed++
      else if (status === S_ABORTED) counts.aborted++
      else counts.running++
    }
    const states: StateAtPlayhead[] = []
    for (let k = 0; k < keyCount; k++) {
      const base = k * STATUS_SLOTS
      const c = this.counts
      const status =
        c[base + S_RUNNING]! > 0
          ? S_RUNNING
          : c[base + S_RETRYING]! > 0
            ? S_RETRYING
            : c[base + S_FAILED]! > 0
              ? S_FAILED
              : this.latest[k]!
      states.push({
        status: STATUS_NAMES[status] ?? 'not-run',
        visits: this.visitsByKey[k]!,
        retries: this.retriesByKey[k]!,
        children: children[k] ?? null,
      })
    }
    return {
      playhead: p,
      visitStatus,
      groupStatus,
      states,
      transitions: [...this.taken.values()],
      currentVisit: p >= 0 ? index.eventVisit[p]! : -1,
    }
  }
}

function childSlot(status: number): number {
  return status === S_SUCCEEDED ? 2 : status === S_FAILED ? 3 : status === S_ABORTED ? 4 : 1
}

/** More iterations or branches than this in one container: they start collapsed. */
const COLLAPSE_THRESHOLD = 8

const indexes = new WeakMap<readonly HistoryEvent[], HistoryIndex>()

/** The index of an events array, created once and brought up to date on every call. */
export function historyIndexOf(events: readonly HistoryEvent[]): HistoryIndex {
  let index = indexes.get(events)
  if (!index) {
    index = new HistoryIndex(events)
    indexes.set(events, index)
  } else {
    index.sync()
  }
  return index
}

// ---------------------------------------------------------------------------------------------
// Rows of the timeline list

export interface TimelineRows {
  /** Per row: an event index (≥ 0) or a group (`-(id + 1)`). */
  refs: Int32Array
  depth: Uint8Array
  length: number
  /** An event's row, or the row of the collapsed group that hides it. */
  rowOf(eventIndex: number): number
}

/**
 * Flattens the tree into rows: each group is a header row followed (unless collapsed) by its
 * items; the execution's own events sit at depth 0. Collapsed groups are not entered, so the
 * cost is the rows shown plus the groups, whatever the collapsed ones hold.
 *
 * A builder keeps its rows between calls: events that land at the end of what is shown (the
 * usual case while a run streams in: the newest visit, the newest iteration) extend them; any
 * other change (events inside an earlier open group, a container passing the collapse
 * threshold) rebuilds them.
 */
export class RowBuilder {
  private refs = new Int32Array(1024)
  private depth = new Uint8Array(1024)
  private rowOfEvent = new Int32Array(1024)
  private rowOfGroup = new Int32Array(64)
  /** Groups whose items are shown (expanded and not inside a collapsed one). */
  private entered = new Uint8Array(64)
  private length = 0
  private groupsCovered = 0
  private logOffset = 0
  private flips = -1
  /** How many times the rows were built from scratch (for tests and diagnostics). */
  rebuilds = 0
  /** The DFS stack where the rows end: the open groups along the last row. */
  private spine: { group: number; at: number }[] = []

  constructor(
    readonly index: HistoryIndex,
    readonly isCollapsed: (group: HistoryGroup) => boolean,
  ) {}

  rows(): TimelineRows {
    const index = this.index
    if (this.flips !== index.collapseFlips || !this.canExtend()) this.reset()
    this.extend()
    const { refs, depth, length, rowOfEvent, rowOfGroup } = this
    const groups = index.groups
    const eventGroup = index.eventGroup
    return {
      refs,
      depth,
      length,
      rowOf(eventIndex) {
        if (eventIndex < 0 || eventIndex >= index.count) return -1
        const row = rowOfEvent[eventIndex]!
        if (row >= 0) return row
        // Hidden: the nearest enclosing group with a row is the collapsed one.
        for (let g = eventGroup[eventIndex]!; g > 0; g = groups[g]!.parent) {
          if (rowOfGroup[g]! >= 0) return rowOfGroup[g]!
        }
        return -1
      },
    }
  }

  /** Only groups on the spine, hidden groups and new ones got items since the last call. */
  private canExtend(): boolean {
    const index = this.index
    const onSpine = new Set(this.spine.map((f) => f.group))
    for (let k = this.logOffset; k < index.appendCount; k++) {
      const g = index.appendLog[k]!
      if (g < this.groupsCovered && this.entered[g] && !onSpine.has(g)) return false
    }
    return true
  }

  private reset(): void {
    this.rebuilds++
    this.length = 0
    this.groupsCovered = 0
    this.logOffset = 0
    this.flips = this.index.collapseFlips
    this.rowOfEvent.fill(-1)
    this.rowOfGroup.fill(-1)
    this.entered.fill(0)
    this.entered[0] = 1
    this.spine = [{ group: 0, at: 0 }]
  }

  private extend(): void {
    const index = this.index
    const groups = index.groups
    const capacity = index.count + groups.length
    if (capacity > this.refs.length) {
      this.refs = growInt32(this.refs, capacity)
      this.depth = growUint8(this.depth, capacity)
    }
    if (index.count > this.rowOfEvent.length) {
      const old = this.rowOfEvent.length
      this.rowOfEvent = growInt32(this.rowOfEvent, index.count)
      this.rowOfEvent.fill(-1, old)
    }
    if (groups.length > this.rowOfGroup.length) {
      const old = this.rowOfGroup.length
      this.rowOfGroup = growInt32(this.rowOfGroup, groups.length)
      this.rowOfGroup.fill(-1, old)
      this.entered = growUint8(this.entered, groups.length)
    }
    const { refs, depth, rowOfEvent, rowOfGroup, entered } = this
    const stack = this.spine
    let length = this.length
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!
      const group = groups[frame.group]!
      const items = group.items
      if (frame.at >= items.length) {
        stack.pop()
        continue
      }
      const item = items[frame.at++]!
      if (item >= 0) {
        refs[length] = item
        depth[length] = group.depth > 255 ? 255 : group.depth
        rowOfEvent[item] = length++
        continue
      }
      const childId = -item - 1
      const child = groups[childId]!
      refs[length] = item
      depth[length] = child.depth - 1 > 255 ? 255 : child.depth - 1
      rowOfGroup[childId] = length++
      if (!this.isCollapsed(child)) {
        entered[childId] = 1
        stack.push({ group: childId, at: 0 })
      }
    }
    this.length = length
    this.groupsCovered = groups.length
    this.logOffset = index.appendCount
    // Where the next rows go: down the last items of the shown groups.
    const spine = [{ group: 0, at: groups[0]!.items.length }]
    for (;;) {
      const last = groups[spine[spine.length - 1]!.group]!.items.at(-1)
      if (last === undefined || last >= 0 || !entered[-last - 1]) break
      const id = -last - 1
      spine.push({ group: id, at: groups[id]!.items.length })
    }
    this.spine = spine
  }
}

/** The rows of the tree from scratch (tests, one-off uses). */
export function buildRows(
  index: HistoryIndex,
  isCollapsed: (group: HistoryGroup) => boolean,
): TimelineRows {
  return new RowBuilder(index, isCollapsed).rows()
}

/** Groups of the tree that contain an event (innermost last): to expand them on navigation. */
export function ancestorGroups(index: HistoryIndex, eventIndex: number): number[] {
  const result: number[] = []
  for (let g = index.eventGroup[eventIndex] ?? 0; g > 0; g = index.groups[g]!.parent) {
    result.unshift(g)
  }
  return result
}

/**
 * Iterations and branches start collapsed when their container has many of them: a Map over
 * 10,000 items lists 10,000 one-line headers rather than 60,000 events.
 */
export function collapsedByDefault(index: HistoryIndex, group: HistoryGroup) {
  if (group.kind !== 'iteration' && group.kind !== 'branch') return false
  return (index.groups[group.parent]?.childGroups ?? 0) > COLLAPSE_THRESHOLD
}
