import { describe, expect, it } from 'vitest'
import flakyDefinition from '../../../public/examples/flaky-checkout.asl.json'
import type { JsonObject } from '../../core/asl/types'
import { aslToGraph } from '../../core/graph/model'
import { errorMatches, errorPresets, handlerFor, mockableStates } from './mockable'

describe('mockable states', () => {
  it('lists every Task in document order with its Retry and Catch rules', () => {
    const states = mockableStates(aslToGraph(flakyDefinition as JsonObject))
    expect(states.map((s) => [s.name, s.label])).toEqual([
      ['Charge card', 'Lambda: Invoke'],
      ['Ship order', 'SQS: SendMessage'],
      ['Notify payment failed', 'SNS: Publish'],
    ])
    const charge = states[0]!
    expect(charge.retriers).toEqual([
      {
        index: 0,
        errorEquals: ['Lambda.TooManyRequestsException', 'Lambda.ServiceException'],
        maxAttempts: 3,
      },
    ])
    expect(charge.catchers).toEqual([
      { index: 0, errorEquals: ['States.ALL'], next: 'Notify payment failed' },
    ])
  })

  it('includes nested Tasks and Maps with an ItemReader', () => {
    const graph = aslToGraph({
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: {} },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Work',
            States: {
              Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true },
            },
          },
          End: true,
        },
      },
    })
    expect(mockableStates(graph).map((s) => [s.name, s.kind])).toEqual([
      ['Each', 'itemReader'],
      ['Work', 'task'],
    ])
  })

  it('offers the state’s own errors as Throw presets, with what handles them', () => {
    const charge = mockableStates(aslToGraph(flakyDefinition as JsonObject))[0]!
    const presets = errorPresets(charge)
    expect(presets.slice(0, 2)).toEqual([
      { error: 'Lambda.TooManyRequestsException', handledBy: 'Retry #1 (up to 3×)' },
      { error: 'Lambda.ServiceException', handledBy: 'Retry #1 (up to 3×)' },
    ])
    expect(presets.map((p) => p.error)).not.toContain('States.ALL')
    expect(handlerFor(charge, 'CardDeclined')).toBe('Catch #1 → Notify payment failed')
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout')).toBe(false)
    expect(errorMatches(['States.ALL'], 'States.Runtime')).toBe(false)
  })
})
