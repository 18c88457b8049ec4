// The canvas's node components: a state, a Parallel/Map container, a branch/processor scope,
// and the Start/End markers. Memoized and defined once at module level (stable nodeTypes), so
// React Flow re-renders a node only when its projected object changes.

import { Handle, Position, type NodeProps, type ReactFlowState } from '@xyflow/react'
import {
  createContext,
  memo,
  useContext,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react'
import { renameState } from './actions'
import { useCanvasUi } from './canvasUiStore'
import { Icons, StateTypeIcon } from './icons'
import type {
  ContainerFlowNode,
  MarkerFlowNode,
  Problem,
  ScopeFlowNode,
  StateFlowNode,
  StateNodeData,
} from './projection'

/**
 * Below this zoom a node shows only its name, larger (icons, badges and details would be a few
 * pixels wide): far fewer DOM nodes, so a 1,000-state overview stays smooth.
 */
export const DETAIL_ZOOM = 0.35

export const detailedSelector = (state: ReactFlowState) => state.transform[2] >= DETAIL_ZOOM

/**
 * Whether nodes and edges show details, provided once by the canvas: a context rather than a
 * React Flow store subscription per node and edge, which every pointer move of a drag would run.
 */
export const DetailContext = createContext(true)

export function useDetailed(): boolean {
  return useContext(DetailContext)
}

function NameField({ id, name }: { id: string; name: string }) {
  const renaming = useCanvasUi((s) => s.renamingId === id)
  if (!renaming) {
    return (
      <div className="sw-node-name" title={name}>
        {name}
      </div>
    )
  }
  return <RenameInput id={id} name={name} />
}

function RenameInput({ id, name }: { id: string; name: string }) {
  const [value, setValue] = useState(name)
  const error = useCanvasUi((s) => s.renameError)
  const input = useRef<HTMLInputElement>(null)
  const done = useRef(false)

  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])

  const commit = () => {
    if (done.current) return
    const problem = renameState(id, value)
    if (problem) {
      useCanvasUi.getState().setRenameError(problem)
      input.current?.focus()
      return
    }
    done.current = true
    useCanvasUi.getState().endRename()
    focusNode(id)
  }
  const cancel = () => {
    done.current = true
    useCanvasUi.getState().endRename()
    focusNode(id)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    event.stopPropagation()
    if (event.key === 'Enter') {
      event.preventDefault()
      commit()
    } else if (event.key === 'Escape') {
      event.preventDefault()
      cancel()
    }
  }
  return (
    <div className="sw-rename nodrag nopan">
      <input
        ref={input}
        className={error ? 'has-error' : undefined}
        aria-label="State name"
        aria-invalid={error ? true : undefined}
        data-testid="rename-input"
        value={value}
        maxLength={80}
        onChange={(e) => {
          setValue(e.target.value)
          if (error) useCanvasUi.getState().setRenameError(null)
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // Clicking elsewhere keeps a valid name and drops an invalid one.
          if (done.current) return
          const problem = renameState(id, value)
          done.current = true
          useCanvasUi.getState().endRename()
          if (problem) useCanvasUi.getState().setRenameError(null)
        }}
        onDoubleClick={(e) => e.stopPropagation()}
      />
      {error && (
        <div className="sw-rename-error" role="alert">
          {error}
        </div>
      )}
    </div>
  )
}

/** Moves keyboard focus to a node's wrapper (after rename, arrow navigation, find). */
export function focusNode(id: string): void {
  requestAnimationFrame(() => {
    const element = document.querySelector<HTMLElement>(
      `.react-flow__node[data-id="${CSS.escape(id)}"]`,
    )
    element?.focus({ preventScroll: true })
  })
}

function Badges({ data }: { data: StateNodeData }) {
  return (
    <div className="sw-badges">
      {data.retryCount > 0 && (
        <span
          className="sw-badge sw-badge-retry"
          title={`Retries: ${data.retryCount} retrier${data.retryCount === 1 ? '' : 's'}`}
          data-testid="badge-retry"
        >
          <Icons.retry />
          {data.retryCount}
        </span>
      )}
      {data.catchCount > 0 && (
        <span
          className="sw-badge sw-badge-catch"
          title={`Catches errors: ${data.catchCount} catcher${data.catchCount === 1 ? '' : 's'}`}
          data-testid="badge-catch"
        >
          <Icons.catch />
          {data.catchCount}
        </span>
      )}
      {data.problems.length > 0 && <ProblemBadge problems={data.problems} />}
    </div>
  )
}

/** Run overlay (issue 6): retries and visits so far, and a container's iterations/branches. */
function RunChips({ data }: { data: StateNodeData }) {
  if (data.status === null || data.status === 'not-run') return null
  const done = data.runChildTotal - data.runChildRunning
  const other = done - data.runChildOk - data.runChildFailed
  return (
    <div className="sw-run-chips">
      {data.runRetries > 0 && (
        <span
          className="sw-run-chip is-retries"
          data-testid="run-retries"
          title={`${data.runRetries} retr${data.runRetries === 1 ? 'y' : 'ies'} so far`}
        >
          <Icons.retry />
          {data.runRetries}
        </span>
      )}
      {data.runVisits > 1 && data.runChildKind === null && (
        <span className="sw-run-chip" data-testid="run-visits" title="Times entered so far">
          ×{data.runVisits}
        </span>
      )}
      {data.runChildKind !== null && (
        <span
          className="sw-run-chip is-counts"
          data-testid="run-counts"
          title={`${data.runChildKind === 'iteration' ? 'Iterations' : 'Branches'}: ${data.runChildOk} succeeded, ${data.runChildFailed} failed, ${data.runChildRunning} running${other > 0 ? `, ${other} aborted` : ''} of ${data.runChildTotal}`}
        >
          <span className="is-ok">{data.runChildOk} ✓</span>
          {data.runChildFailed > 0 && <span className="is-failed">{data.runChildFailed} ✗</span>}
          {data.runChildRunning > 0 && <span className="is-running">{data.runChildRunning} …</span>}
          <span className="is-total">
            / {data.runChildTotal} {data.runChildKind === 'iteration' ? 'items' : 'branches'}
          </span>
        </span>
      )}
    </div>
  )
}

function ProblemBadge({ problems }: { problems: readonly Problem[] }) {
  const worst = problems.some((p) => p.severity === 'error')
    ? 'error'
    : problems.some((p) => p.severity === 'warning')
      ? 'warning'
      : 'info'
  const text = problems.map((p) => p.message).join('\n')
  return (
    <span
      className={`sw-badge sw-badge-problem is-${worst}`}
      data-testid="badge-problem"
      aria-label={`${problems.length} problem${problems.length === 1 ? '' : 's'}: ${text}`}
    >
      <Icons.alert />
      {problems.length > 1 ? problems.length : null}
      <span className="sw-tooltip" role="tooltip">
        {problems.map((p, i) => (
          <span key={i} className={`sw-tooltip-line is-${p.severity}`}>
            {p.message}
          </span>
        ))}
      </span>
    </span>
  )
}

function StateHandles({ data }: { data: StateNodeData }) {
  return (
    <>
      {/* Where edges arrive. A plain element with React Flow's handle classes (it measures
          them from the DOM) instead of a <Handle>, which would subscribe to the store: drops
          on a node are found by the canvas itself. */}
      <div
        className="react-flow__handle react-flow__handle-top target sw-handle sw-handle-in"
        data-handleid="in"
        data-handlepos="top"
        data-nodeid={data.stateId}
      />

      {/* Every state node has the same source handles, so an edit that changes what a state can
          do (a Pass turned into a Succeed, a Catch left on a Pass) never leaves an edge without
          its handle or needs the node measured again. One the state cannot use is an inert,
          unseen anchor (a plain element, like `in`); Succeed and Fail leave through it for End. */}
      {data.canContinue ? (
        <Handle
          type="source"
          position={Position.Bottom}
          id="out"
          className="sw-handle sw-handle-out"
          title="Drag to connect: Next, Choice rule or Default"
          isConnectableEnd={false}
        />
      ) : (
        <InertHandle id="out" position="bottom" nodeId={data.stateId} />
      )}
      {data.canCatch ? (
        <Handle
          type="source"
          position={Position.Right}
          id="catch"
          className="sw-handle sw-handle-catch"
          title="Drag to add a catcher (on error, go to…)"
          isConnectableEnd={false}
        />
      ) : (
        <InertHandle id="catch" position="right" nodeId={data.stateId} />
      )}
    </>
  )
}

/** A source handle that only anchors edges: React Flow measures it from the DOM (its classes). */
function InertHandle(props: { id: 'out' | 'catch'; position: 'bottom' | 'right'; nodeId: string }) {
  return (
    <div
      className={`react-flow__handle react-flow__handle-${props.position} source sw-handle sw-handle-${props.id} is-inert`}
      data-handleid={props.id}
      data-handlepos={props.position}
      data-nodeid={props.nodeId}
    />
  )
}

function classNames(data: StateNodeData, selected: boolean, extra: string): string {
  return [
    'sw-node',
    extra,
    `sw-type-${data.stateType || 'Unknown'}`,
    selected ? 'is-selected' : '',
    data.problems.some((p) => p.severity === 'error') ? 'has-error' : '',
    data.status ? `status-${data.status}` : '',
    data.runCurrent ? 'is-run-current' : '',
  ]
    .filter(Boolean)
    .join(' ')
}

function NodeBody({ id, data }: { id: string; data: StateNodeData }) {
  const detailed = useDetailed()
  if (!detailed) {
    return (
      <div className="sw-node-lod-name" title={data.name}>
        {data.name}
      </div>
    )
  }
  return (
    <>
      <div className="sw-node-icon">
        <StateTypeIcon type={data.stateType} />
      </div>
      <div className="sw-node-text">
        <NameField id={id} name={data.name} />
        <div className="sw-node-detail">
          <span className="sw-node-detail-text" title={data.detail ?? undefined}>
            {data.detail ?? data.stateType ?? 'State'}
          </span>
          {data.pattern && (
            <span
              className="sw-chip"
              title={
                data.pattern === 'callback'
                  ? 'Waits for a task token callback (.waitForTaskToken)'
                  : `Runs the job and waits for it to finish (${data.pattern})`
              }
            >
              {data.pattern}
            </span>
          )}
        </div>
      </div>
      <Badges data={data} />
      <RunChips data={data} />
    </>
  )
}

export const StateNodeView = memo(function StateNodeView({
  id,
  data,
  selected,
}: NodeProps<StateFlowNode>) {
  return (
    <div
      className={classNames(data, selected, 'sw-state')}
      data-state-name={data.name}
      data-state-type={data.stateType}
      data-status={data.status ?? undefined}
      data-run-current={data.runCurrent || undefined}
      data-start={data.isStart || undefined}
    >
      <StateHandles data={data} />
      <NodeBody id={id} data={data} />
    </div>
  )
})

export const ContainerNodeView = memo(function ContainerNodeView({
  id,
  data,
  selected,
}: NodeProps<ContainerFlowNode>) {
  return (
    <div
      className={classNames(data, selected, 'sw-container')}
      data-state-name={data.name}
      data-state-type={data.stateType}
      data-status={data.status ?? undefined}
      data-run-current={data.runCurrent || undefined}
      data-start={data.isStart || undefined}
    >
      <StateHandles data={data} />
      <div className="sw-container-header">
        <NodeBody id={id} data={data} />
      </div>
    </div>
  )
})

export const ScopeNodeView = memo(function ScopeNodeView({ id, data }: NodeProps<ScopeFlowNode>) {
  const target = useCanvasUi((s) => s.dropScopeId === id)
  return (
    <div
      className={`sw-scope${target ? ' is-drop-target' : ''}${data.empty ? ' is-empty' : ''}`}
      data-scope-label={data.label}
      data-testid={`scope-${id}`}
    >
      <div className="sw-scope-label">{data.label}</div>
      {data.empty && <div className="sw-scope-hint">Drop a state here</div>}
    </div>
  )
})

export const MarkerNodeView = memo(function MarkerNodeView({ data }: NodeProps<MarkerFlowNode>) {
  const start = data.kind === 'start'
  return (
    <div className={`sw-marker is-${data.kind}`} data-testid={`marker-${data.kind}`}>
      {start ? (
        <Handle
          type="source"
          position={Position.Bottom}
          id="out"
          className="sw-handle sw-handle-out"
          title="Drag to a state to make it the start"
          isConnectableEnd={false}
        />
      ) : (
        <Handle
          type="target"
          position={Position.Top}
          id="in"
          className="sw-handle sw-handle-in"
          isConnectable={false}
        />
      )}
      {start ? 'Start' : 'End'}
    </div>
  )
})

export const nodeTypes = {
  state: StateNodeView,
  container: ContainerNodeView,
  scope: ScopeNodeView,
  marker: MarkerNodeView,
}
