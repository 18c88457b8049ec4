// The canvas's one edge component: a rounded orthogonal path, styled by transition kind (next,
// Choice rule, default, catch dashed, start/end markers), with an HTML label chip.

import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react'
import { memo } from 'react'
import { parseEdgeId } from '../../core/graph/edges'
import { useCanvasUi } from './canvasUiStore'
import { useDetailed } from './nodes'
import type { CanvasEdge } from './projection'

export const TransitionEdgeView = memo(function TransitionEdgeView(props: EdgeProps<CanvasEdge>) {
  const { id, data, selected, markerEnd } = props
  const dropTarget = useCanvasUi((s) => s.dropEdgeId === id)
  const detailed = useDetailed()
  const [path, labelX, labelY] = getSmoothStepPath({
    sourceX: props.sourceX,
    sourceY: props.sourceY,
    sourcePosition: props.sourcePosition,
    targetX: props.targetX,
    targetY: props.targetY,
    targetPosition: props.targetPosition,
    borderRadius: 10,
    offset: 18,
  })
  const kind = data?.kind ?? 'next'
  // A catcher's label sits where its edge leaves the state (stacked by catcher index), not at the
  // middle: catch edges are long, and their middle is often behind another state.
  const labelStyle =
    kind === 'catch'
      ? {
          transform: `translate(0, -50%) translate(${props.sourceX + 8}px, ${
            props.sourceY + 14 + catcherIndex(id) * 20
          }px)`,
        }
      : { transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }
  const className = [
    'sw-edge',
    `sw-edge-${kind}`,
    selected ? 'is-selected' : '',
    dropTarget ? 'is-drop-target' : '',
    data?.run === 'taken' ? 'is-run-taken' : data?.run === 'idle' ? 'is-run-idle' : '',
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={className}
        interactionWidth={22}
      />
      {((data?.label && detailed) || dropTarget) && (
        <EdgeLabelRenderer>
          <div
            className={`sw-edge-label sw-edge-label-${kind}${dropTarget ? ' is-drop-target' : ''}${selected ? ' is-selected' : ''}`}
            style={labelStyle}
            title={data?.title ?? undefined}
            data-edge-id={id}
          >
            {dropTarget ? 'Insert here' : data?.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  )
})

/** The catcher's index from a graph edge id (`<state>:catch:<i>`); 0 when there is none. */
function catcherIndex(edgeId: string): number {
  return parseEdgeId(edgeId)?.index ?? 0
}

export const edgeTypes = { transition: TransitionEdgeView }
