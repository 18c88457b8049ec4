import { describe, expect, it } from 'vitest'
import type { HistoryEvent } from '../../core/interpreter'
import { eventSummary, eventTone, preview } from './eventText'

const event = (type: string, details?: Record<string, unknown>): HistoryEvent =>
  ({
    id: 1,
    previousEventId: 0,
    timestamp: '2024-01-01T00:00:00.000Z',
    type,
    statePath: [],
    ...(details ? { [`${type[0]!.toLowerCase()}${type.slice(1)}EventDetails`]: details } : {}),
  }) as unknown as HistoryEvent

describe('event text', () => {
  it('gives each kind of event a tone', () => {
    expect(eventTone('TaskFailed')).toBe('failure')
    expect(eventTone('MapIterationFailed')).toBe('failure')
    expect(eventTone('ExecutionTimedOut')).toBe('failure')
    expect(eventTone('TaskStateAborted')).toBe('abort')
    expect(eventTone('TaskSucceeded')).toBe('success')
    expect(eventTone('PassStateExited')).toBe('success')
    expect(eventTone('TaskScheduled')).toBe('start')
    expect(eventTone('TaskSubmitted')).toBe('neutral')
  })

  it('summarizes what an event carries in one line', () => {
    expect(eventSummary(event('TaskFailed', { error: 'Boom', cause: 'x' }))).toBe('Boom: x')
    expect(eventSummary(event('MapStateStarted', { length: 1 }))).toBe('1 item')
    expect(eventSummary(event('MapIterationStarted', { name: 'M', index: 3 }))).toBe('index 3')
    expect(
      eventSummary(event('TaskScheduled', { resourceType: 'lambda', resource: 'invoke' })),
    ).toBe('lambda:invoke')
    expect(eventSummary(event('PassStateExited', { output: '{"a": 1}' }))).toBe('{"a": 1}')
    expect(eventSummary(event('LambdaFunctionStarted'))).toBe('')
    expect(preview('x'.repeat(500), 10)).toBe('xxxxxxxxx…')
  })
})
