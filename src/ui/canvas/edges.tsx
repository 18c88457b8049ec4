// The canvas's one edge component: a rounded orthogonal path, styled by transition kind (next,
// Choice rule, default, catch dashed, start/end markers), with an HTML label chip.

import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react'
import { memo } from 'react'
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
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
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

export const edgeTypes = { transition: TransitionEdgeView }
