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
    this.groups.push({ ...group, id, depth: parent.depth + 1, items: [], childGroups: 0 })
    parent.items.push(-(id + 1))
    parent.childGroups++
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
      this.groups[0]!.items.push(i)
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
      this.groups[group]!.items.push(i)
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

    const key = pathKey(path)
    if (type.endsWith('StateEntered')) {
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
        failures: [],
        retries: [],
        parentVisit,
      })
      this.openVisitByPath.set(key, visitId)
      this.openVisits.add(visitId)
      this.eventVisit[i] = visitId
      this.eventGroup[i] = group
      this.groups[group]!.items.push(i)
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

    // Any other event of a state: Task*, Lambda*, Map/Parallel*, exits, aborts, failures.
    const visitId = this.openVisitByPath.get(key)
    if (visitId === undefined) {
      // An event of a state that was never entered (a cut history): listed at its frame.
      const frame = this.frameGroup(path, path.length - 1, i)
      this.eventGroup[i] = frame
      this.groups[frame]!.items.push(i)
      this.touch(frame, i)
      if (FAILURE_TYPES.has(type) && this.firstFailure === -1) this.firstFailure = i
      return
    }
    const visit = this.visits[visitId]!
    this.eventVisit[i] = visitId
    this.eventGroup[i] = visit.group
    this.groups[visit.group]!.items.push(i)
    this.touch(visit.group, i)
    const pending = this.pendingFailures.get(visitId)

    if (FAILURE_TYPES.has(type)) {
      visit.failures.push(i)
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
      visit.retries.push(i)
      this.attemptsOf.set(visitId, (this.attemptsOf.get(visitId) ?? 0) + 1)
    }
  }

  private resolve(visitId: number, effect: number): void {
    const pending = this.pendingFailures.get(visitId)
    if (!pending) return
    for (const at of pending) this.effect[at] = effect
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
   */
  snapshot(playhead: number, live = false): Snapshot {
    const p = Math.max(-1, Math.min(playhead, this.count - 1))
    const visitStatus = new Uint8Array(this.visits.length)
    const groupStatus = new Uint8Array(this.groups.length)
    const keyCount = this.stateKeys.length
    const visitsByKey = new Int32Array(keyCount)
    const retriesByKey = new Int32Array(keyCount)
    const taken = new Map<string, Transition>()
    const effect = this.effect
    const eventVisit = this.eventVisit
    const eventGroup = this.eventGroup
    for (let i = 0; i <= p; i++) {
      const e = effect[i]!
      const v = eventVisit[i]!
      switch (e) {
        case E_NONE:
          break
        case E_ENTER: {
          visitStatus[v] = S_RUNNING
          const stateKey = this.visits[v]!.stateKey
          visitsByKey[stateKey]!++
          const kind = this.transKind[i]!
          if (kind !== T_NONE) this.noteTransition(taken, this.transFrom[i]!, stateKey, kind)
          break
        }
        case E_ATTEMPT:
          visitStatus[v] = S_RUNNING
          retriesByKey[this.visits[v]!.stateKey]!++
          break
        case E_FAIL_PENDING:
          visitStatus[v] = live ? S_RUNNING : S_FAILED
          break
        case E_FAIL_RETRIED:
          visitStatus[v] = S_RETRYING
          break
        case E_FAIL_CAUGHT:
        case E_EXIT_CAUGHT:
          visitStatus[v] = S_CAUGHT
          break
        case E_FAIL_FATAL:
          visitStatus[v] = S_FAILED
          break
        case E_EXIT_OK:
          visitStatus[v] = S_SUCCEEDED
          break
        case E_ABORTED:
          visitStatus[v] = S_ABORTED
          break
        case E_ITER_START:
          groupStatus[eventGroup[i]!] = S_RUNNING
          break
        case E_ITER_OK:
          groupStatus[eventGroup[i]!] = S_SUCCEEDED
          break
        case E_ITER_FAIL:
          groupStatus[eventGroup[i]!] = S_FAILED
          break
        case E_ITER_ABORT:
          groupStatus[eventGroup[i]!] = S_ABORTED
          break
      }
      if (e === E_NONE && this.transKind[i] === T_END) {
        this.noteTransition(taken, this.transFrom[i]!, -1, T_END)
      }
      const closes = this.closes.get(i)
      if (closes) {
        for (let k = 0; k < closes.length; k += 2) visitStatus[closes[k]!] = closes[k + 1]!
      }
    }

    // Branches have no events of their own: their status follows their states.
    for (const group of this.groups) {
      if (group.kind !== 'branch' || group.firstEvent > p) continue
      let status = group.lastEvent > p ? S_RUNNING : S_SUCCEEDED
      for (const item of group.items) {
        if (item >= 0) continue
        const child = this.groups[-item - 1]!
        if (child.visit < 0) continue
        const s = visitStatus[child.visit]!
        if (s === S_FAILED) status = S_FAILED
        else if (s === S_ABORTED && status !== S_FAILED) status = S_ABORTED
        else if ((s === S_RUNNING || s === S_RETRYING) && status === S_SUCCEEDED) {
          status = S_RUNNING
        }
      }
      groupStatus[group.id] = status
    }

    // Per state: the most telling status of its visits (something running, else a failure,
    // else the latest outcome).
    const statusByKey = new Uint8Array(keyCount)
    for (const visit of this.visits) {
      const s = visitStatus[visit.id]!
      if (s === S_NONE) continue
      const current = statusByKey[visit.stateKey]!
      if (rank(s) >= rank(current)) statusByKey[visit.stateKey] = s
    }
    const children: (ChildCounts | null)[] = new Array(keyCount).fill(null)
    for (const group of this.groups) {
      if ((group.kind !== 'iteration' && group.kind !== 'branch') || group.firstEvent > p) continue
      const key = this.visits[group.container]!.stateKey
      const counts = (children[key] ??= {
        kind: group.kind,
        total: 0,
        running: 0,
        succeeded: 0,
        failed: 0,
        aborted: 0,
      })
      counts.total++
      const s = groupStatus[group.id]!
      if (s === S_SUCCEEDED) counts.succeeded++
      else if (s === S_FAILED) counts.failed++
      else if (s === S_ABORTED) counts.aborted++
      else counts.running++
    }
    const states: StateAtPlayhead[] = []
    for (let k = 0; k < keyCount; k++) {
      states.push({
        status: STATUS_NAMES[statusByKey[k]!] ?? 'not-run',
        visits: visitsByKey[k]!,
        retries: retriesByKey[k]!,
        children: children[k] ?? null,
      })
    }
    return {
      playhead: p,
      visitStatus,
      groupStatus,
      states,
      transitions: [...taken.values()],
      currentVisit: p >= 0 ? eventVisit[p]! : -1,
    }
  }

  private noteTransition(taken: Map<string, Transition>, from: number, to: number, kind: number) {
    const id = `${from}>${to}>${kind}`
    if (taken.has(id)) return
    taken.set(id, {
      from: from >= 0 ? this.stateKeys[from]! : null,
      to: to >= 0 ? this.stateKeys[to]! : null,
      kind:
        kind === T_CATCH ? 'catch' : kind === T_START ? 'start' : kind === T_END ? 'end' : 'next',
    })
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

  /** The events of a state (by names path), in order: to jump to a state clicked on the canvas. */
  eventsOfState(names: readonly string[]): number[] {
    const key = this.stateKeyIds.get(names.join('\u0001'))
    if (key === undefined) return []
    const result: number[] = []
    for (const visit of this.visits) if (visit.stateKey === key) result.push(visit.entered)
    return result
  }

  /** The state key of a names path, or -1. */
  stateKeyIdOf(names: readonly string[]): number {
    return this.stateKeyIds.get(names.join('\u0001')) ?? -1
  }
}

function rank(status: number): number {
  // Running beats everything, then retrying, then a failure; the rest: the latest wins.
  return status === S_RUNNING ? 3 : status === S_RETRYING ? 2 : status === S_FAILED ? 1 : 0
}

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
  /** Per event: its row, or the row of the collapsed group that hides it. */
  rowOfEvent: Int32Array
}

/**
 * Flattens the tree into rows: each group is a header row followed (unless collapsed) by its
 * items; the execution's own events sit at depth 0.
 */
export function buildRows(
  index: HistoryIndex,
  isCollapsed: (group: HistoryGroup) => boolean,
): TimelineRows {
  const total = index.count + index.groups.length
  const refs = new Int32Array(total)
  const depth = new Uint8Array(total)
  const rowOfEvent = new Int32Array(index.count)
  let length = 0
  const stack: { group: number; at: number; hiddenRow: number }[] = [
    { group: 0, at: 0, hiddenRow: -1 },
  ]
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!
    const group = index.groups[frame.group]!
    if (frame.at >= group.items.length) {
      stack.pop()
      continue
    }
    const item = group.items[frame.at++]!
    if (item >= 0) {
      if (frame.hiddenRow >= 0) {
        rowOfEvent[item] = frame.hiddenRow
      } else {
        refs[length] = item
        depth[length] = Math.min(255, group.depth)
        rowOfEvent[item] = length++
      }
      continue
    }
    const child = index.groups[-item - 1]!
    let hiddenRow = frame.hiddenRow
    if (hiddenRow < 0) {
      refs[length] = item
      depth[length] = Math.min(255, child.depth - 1)
      if (isCollapsed(child)) hiddenRow = length
      length++
    }
    stack.push({ group: child.id, at: 0, hiddenRow })
  }
  return { refs, depth, length, rowOfEvent }
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
export function collapsedByDefault(index: HistoryIndex, group: HistoryGroup, threshold = 8) {
  if (group.kind !== 'iteration' && group.kind !== 'branch') return false
  return (index.groups[group.parent]?.childGroups ?? 0) > threshold
}
