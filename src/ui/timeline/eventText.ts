// How the timeline writes an event in one line: its kind (for colour and icon) and a short
// summary of its details (input, output, error, resource, index).

import type { HistoryEvent } from '../../core/interpreter'
import { isFailureEvent } from './historyIndex'

export type EventTone = 'failure' | 'success' | 'neutral' | 'start' | 'abort'

export function eventTone(type: string): EventTone {
  if (isFailureEvent(type) || type === 'MapIterationFailed') return 'failure'
  if (type.endsWith('Aborted')) return 'abort'
  if (type.endsWith('Succeeded') || type.endsWith('Exited')) return 'success'
  if (type.endsWith('Entered') || type.endsWith('Started') || type.endsWith('Scheduled')) {
    return 'start'
  }
  return 'neutral'
}

function details(event: HistoryEvent): Record<string, unknown> | undefined {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && typeof value === 'object' && value !== null) {
      return value as Record<string, unknown>
    }
  }
  return undefined
}

/** Compact JSON for a one-line preview (never parses more than it shows). */
export function preview(text: unknown, max = 80): string {
  if (typeof text !== 'string') return ''
  const compact = text.length > 4 * max ? text.slice(0, 4 * max) : text
  const oneLine = compact.replace(/\s+/g, ' ')
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine
}

/** A short description of what the event carries. */
export function eventSummary(event: HistoryEvent): string {
  const d = details(event)
  if (!d) return ''
  if (typeof d.error === 'string' || typeof d.cause === 'string') {
    const error = typeof d.error === 'string' ? d.error : ''
    const cause = typeof d.cause === 'string' ? d.cause : ''
    return cause ? `${error}: ${preview(cause, 100)}` : error
  }
  switch (event.type) {
    case 'MapStateStarted':
      return `${String(d.length)} item${d.length === 1 ? '' : 's'}`
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed':
    case 'MapIterationAborted':
      return `index ${String(d.index)}`
    case 'TaskScheduled':
    case 'TaskStarted':
      return `${String(d.resourceType)}:${String(d.resource)}`
    case 'LambdaFunctionScheduled':
    case 'ActivityScheduled':
      return preview(String(d.resource).split(':').slice(-1)[0], 60)
    default:
      break
  }
  if ('output' in d) return preview(d.output)
  if ('input' in d) return preview(d.input)
  return ''
}
