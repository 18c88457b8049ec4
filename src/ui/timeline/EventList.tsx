// The history as a windowed list grouped by state visit, with Map iterations and Parallel
// branches as collapsible groups. Only the rows in view are in the DOM, so 100,000 events scroll
// like 100; rows are rebuilt (typed arrays) when events arrive or a group opens, never per event.

import {
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react'
import type { HistoryEvent } from '../../core/interpreter'
import { usePlaybackStore } from '../../state/executionStore'
import { formatCount, formatDuration, formatOffset } from '../run/format'
import { RunIcons } from '../run/icons'
import { eventSummary, eventTone } from './eventText'
import {
  RowBuilder,
  type HistoryGroup,
  type HistoryIndex,
  type Snapshot,
  type VisitStatus,
} from './historyIndex'
import { useThrottled } from './useThrottled'
import { selectStateOf, setPlayhead, type TimelineModel } from './useTimeline'

const ROW_HEIGHT = 24
/** Rows rendered above and below the view. */
const OVERSCAN = 10

export interface EventListProps {
  model: TimelineModel & { index: HistoryIndex }
  snapshot: Snapshot
  isCollapsed(group: HistoryGroup): boolean
  setCollapsed(groupId: number, collapsed: boolean): void
  /** Changes when collapse overrides change (memo key). */
  collapseVersion: number
}

export function EventList({
  model,
  snapshot,
  isCollapsed,
  setCollapsed,
  collapseVersion,
}: EventListProps) {
  const { index, playhead, count, live } = model
  // The index grows in place: its event count is what says it changed. While a run streams
  // in, the list is rebuilt four times a second rather than every frame.
  const listCount = useThrottled(count, live ? 250 : 0)
  const builder = useMemo(() => new RowBuilder(index, isCollapsed), [index, isCollapsed])
  const rows = useMemo(() => {
    void listCount
    void collapseVersion
    return builder.rows()
  }, [builder, listCount, collapseVersion])
  const scroller = useRef<HTMLDivElement>(null)

  // Fixed-height windowing: the rows in view are a division away, whatever the row count (a
  // general virtualizer keeps a measurement per row, rebuilt whenever 150,000 rows grow).
  const [view, setView] = useState({ top: 0, height: 0 })
  const viewport = useRef(view)
  viewport.current = view
  useEffect(() => {
    const element = scroller.current
    if (!element) return
    let frame = 0
    let height = element.clientHeight
    const read = () => {
      frame = 0
      const next = { top: element.scrollTop, height }
      const current = viewport.current
      if (next.top !== current.top || next.height !== current.height) setView(next)
    }
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(read)
    }
    const observer = new ResizeObserver(([entry]) => {
      if (entry) height = entry.contentRect.height
      onScroll()
    })
    observer.observe(element)
    element.addEventListener('scroll', onScroll, { passive: true })
    read()
    return () => {
      cancelAnimationFrame(frame)
      observer.disconnect()
      element.removeEventListener('scroll', onScroll)
    }
  }, [])
  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(rows.length, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN)

  // Keep the playhead's row in view (after steps, scrubbing, jumps, canvas clicks), in the same
  // frame: the scroll position comes from row numbers, never from reading the layout.
  const playheadRow = playhead >= 0 && playhead < index.count ? rows.rowOf(playhead) : -1
  useLayoutEffect(() => {
    const element = scroller.current
    const { height, top: scrollTop } = viewport.current
    if (playheadRow < 0 || !element || height === 0) return
    const top = playheadRow * ROW_HEIGHT
    if (top >= scrollTop && top + ROW_HEIGHT <= scrollTop + height) return
    // Following a live run: the last row at the bottom. Elsewhere: the row in the middle.
    const target = live ? top + ROW_HEIGHT - height : top - height / 2 + ROW_HEIGHT / 2
    const next = Math.max(0, Math.min(Math.round(target), rows.length * ROW_HEIGHT - height))
    // The rows for the new position render now; the scroll itself is written at the next frame,
    // where the browser lays out anyway (writing it here would force a layout mid-commit).
    setView({ top: next, height })
    const frame = requestAnimationFrame(() => {
      element.scrollTop = next
    })
    return () => cancelAnimationFrame(frame)
  }, [playheadRow, live, rows.length])

  const startMs = index.count > 0 ? Date.parse(index.events[0]!.timestamp) : 0

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const count = index.count
    let next: number | null = null
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        // Along the rows as listed (a group header stands for its first event).
        const delta = event.key === 'ArrowDown' ? 1 : -1
        let row = playheadRow + delta
        while (row >= 0 && row < rows.length) {
          const ref = rows.refs[row]!
          const target = ref >= 0 ? ref : index.groups[-ref - 1]!.firstEvent
          if (target !== playhead) {
            next = target
            break
          }
          row += delta
        }
        break
      }
      case 'Home':
        next = 0
        break
      case 'End':
        next = count - 1
        break
      case 'Enter': {
        const ref = playheadRow >= 0 ? rows.refs[playheadRow]! : 0
        if (ref < 0) {
          const group = index.groups[-ref - 1]!
          setCollapsed(group.id, !isCollapsed(group))
          event.preventDefault()
        }
        return
      }
      default:
        return
    }
    event.preventDefault()
    if (next !== null && next >= 0 && next < count) {
      usePlaybackStore.getState().pause()
      setPlayhead(next)
      selectStateOf(index, next)
    }
  }

  return (
    <div
      ref={scroller}
      className="sw-tl-list"
      tabIndex={0}
      role="list"
      aria-label="History events, grouped by state"
      data-testid="timeline-list"
      onKeyDown={onKeyDown}
    >
      <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
        {Array.from({ length: Math.max(0, last - first) }, (_, k) => {
          const row = first + k
          const ref = rows.refs[row]!
          const depth = rows.depth[row]!
          const top = row * ROW_HEIGHT
          if (ref >= 0) {
            return (
              <EventRow
                key={`e${ref}`}
                top={top}
                index={index}
                eventIndex={ref}
                event={index.events[ref]!}
                depth={depth}
                current={ref === playhead}
                past={ref <= playhead}
                startMs={startMs}
              />
            )
          }
          const group = index.groups[-ref - 1]!
          const containsPlayhead =
            playhead >= group.firstEvent &&
            playhead <= group.lastEvent &&
            isCollapsed(group) &&
            playheadRow === row
          return (
            <GroupRow
              key={`g${group.id}`}
              top={top}
              index={index}
              group={group}
              depth={depth}
              status={index.groupStatusIn(snapshot, group.id)}
              collapsed={isCollapsed(group)}
              containsPlayhead={containsPlayhead}
              setCollapsed={setCollapsed}
            />
          )
        })}
      </div>
    </div>
  )
}

/** A row's position (a primitive prop, so memoized rows skip re-rendering while in place). */
function rowStyle(top: number): React.CSSProperties {
  return {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    height: ROW_HEIGHT,
    transform: `translateY(${top}px)`,
  }
}

const EventRow = memo(function EventRow({
  top,
  index,
  eventIndex,
  event,
  depth,
  current,
  past,
  startMs,
}: {
  top: number
  index: HistoryIndex
  eventIndex: number
  event: HistoryEvent
  depth: number
  current: boolean
  past: boolean
  startMs: number
}) {
  const tone = eventTone(event.type)
  const summary = eventSummary(event)
  return (
    <div
      style={rowStyle(top)}
      role="listitem"
      className={`sw-tl-row sw-tl-event is-${tone}${current ? ' is-current' : ''}${past ? '' : ' is-future'}`}
      data-testid="timeline-event"
      data-event-id={event.id}
      data-event-type={event.type}
      aria-current={current ? 'step' : undefined}
    >
      <button
        type="button"
        tabIndex={-1}
        className="sw-tl-row-button"
        style={{ paddingLeft: 8 + depth * 14 }}
        onClick={() => {
          usePlaybackStore.getState().pause()
          setPlayhead(eventIndex)
          selectStateOf(index, eventIndex)
        }}
      >
        <span className="sw-tl-dot" aria-hidden="true" />
        <span className="sw-tl-id">{event.id}</span>
        <span className="sw-tl-type">{event.type}</span>
        <span className="sw-tl-summary" title={summary}>
          {summary}
        </span>
        <span className="sw-tl-time">{formatOffset(Date.parse(event.timestamp) - startMs)}</span>
      </button>
    </div>
  )
})

const GroupRow = memo(function GroupRow({
  top,
  index,
  group,
  depth,
  status,
  collapsed,
  containsPlayhead,
  setCollapsed,
}: {
  top: number
  index: HistoryIndex
  group: HistoryGroup
  depth: number
  status: VisitStatus | null
  collapsed: boolean
  containsPlayhead: boolean
  setCollapsed(groupId: number, collapsed: boolean): void
}) {
  const onToggle = () => setCollapsed(group.id, !collapsed)
  const visit = group.visit >= 0 ? index.visits[group.visit] : undefined
  const first = index.events[group.firstEvent]
  const last = index.events[group.lastEvent]
  const duration = first && last ? Date.parse(last.timestamp) - Date.parse(first.timestamp) : 0
  const events = group.items.length - group.childGroups
  return (
    <div
      style={rowStyle(top)}
      role="listitem"
      className={`sw-tl-row sw-tl-group is-${group.kind}${containsPlayhead ? ' has-playhead' : ''}`}
      data-testid="timeline-group"
      data-group-kind={group.kind}
      data-label={group.label}
    >
      <div className="sw-tl-group-inner" style={{ paddingLeft: 4 + depth * 14 }}>
        <button
          type="button"
          tabIndex={-1}
          className="sw-tl-toggle"
          aria-expanded={!collapsed}
          aria-label={`${collapsed ? 'Expand' : 'Collapse'} ${group.label}`}
          onClick={onToggle}
        >
          <RunIcons.chevron size={10} className={collapsed ? '' : 'is-open'} />
        </button>
        <button
          type="button"
          tabIndex={-1}
          className="sw-tl-group-label"
          onClick={() => {
            usePlaybackStore.getState().pause()
            setPlayhead(group.firstEvent)
            selectStateOf(index, group.firstEvent)
          }}
        >
          <span className="sw-tl-group-name">{group.label}</span>
          {visit && <span className="sw-tl-group-type">{visit.stateType}</span>}
          {visit && visit.retries.length > 0 && (
            <span className="sw-tl-group-retries">
              {visit.retries.length} retr{visit.retries.length === 1 ? 'y' : 'ies'}
            </span>
          )}
        </button>
        {status && <span className={`sw-tl-status is-${status}`}>{status}</span>}
        <span className="sw-tl-group-meta">{groupMeta(group, visit, events, duration)}</span>
      </div>
    </div>
  )
})

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`
}

/** "3 items · 4 events · 2 s", "2 states · 1 s"… */
function groupMeta(
  group: HistoryGroup,
  visit: { stateType: string } | undefined,
  events: number,
  duration: number,
): string {
  const parts: string[] = []
  const children = group.childGroups
  if (group.kind === 'visit' && children > 0) {
    parts.push(
      visit?.stateType === 'Parallel'
        ? plural(children, 'branch', 'branches')
        : plural(children, 'item'),
    )
  } else if (group.kind !== 'visit') {
    parts.push(plural(children, 'state'))
  }
  if (events > 0) parts.push(plural(events, 'event'))
  if (duration > 0) parts.push(formatDuration(duration))
  return parts.join(' · ')
}
