import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../../core/asl/types'
import { applyCommand } from '../../core/graph/commands'
import { aslToGraph, findStatesByName, graphToAsl, stateToAsl } from '../../core/graph/model'
import { insertOrdered, setOrdered, stateFieldCommands, unsetPath } from './edit'

describe('ordered insertion', () => {
  it('puts a new key where Workflow Studio writes it and keeps existing keys in place', () => {
    expect(
      Object.keys(insertOrdered({ Type: 'Task', Resource: 'r', End: true }, 'Retry', [])),
    ).toEqual(['Type', 'Resource', 'Retry', 'End'])
    expect(Object.keys(insertOrdered({ End: true, Type: 'Pass' }, 'Comment', 'c'))).toEqual([
      'Comment',
      'End',
      'Type',
    ])
    expect(Object.keys(insertOrdered({ Type: 'Pass', Vendor: 1 }, 'X-Unknown', 2))).toEqual([
      'Type',
      'Vendor',
      'X-Unknown',
    ])
  })

  it('creates nested containers in order and removes paths', () => {
    const value = setOrdered(
      { Retry: [{ ErrorEquals: ['A'], MaxAttempts: 1 }] },
      ['Retry', 0, 'IntervalSeconds'],
      5,
    )
    expect(Object.keys((value as { Retry: JsonObject[] }).Retry[0]!)).toEqual([
      'ErrorEquals',
      'IntervalSeconds',
      'MaxAttempts',
    ])
    expect(unsetPath({ a: [1, 2, 3] }, ['a', 1])).toEqual({ a: [1, 3] })
    expect(unsetPath({ a: { b: 1, c: 2 } }, ['a', 'b'])).toEqual({ a: { c: 2 } })
  })
})

describe('stateFieldCommands', () => {
  const definition: JsonObject = {
    StartAt: 'T',
    States: {
      T: { Type: 'Task', Resource: 'r', Retry: [{ ErrorEquals: ['States.ALL'] }], End: true },
      M: {
        Type: 'Map',
        ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } },
        End: true,
      },
    },
  }
  const graph = aslToGraph(definition)
  const id = (name: string) => findStatesByName(graph, name)[0]!

  it('edits existing keys in place with setField, and skips no-ops', () => {
    const commands = stateFieldCommands(graph, id('T'), [
      { path: ['Retry', 0, 'ErrorEquals'], value: ['States.ALL'] },
      { path: ['Resource'], value: 'arn:x' },
    ])
    expect(commands).toEqual([
      { type: 'setField', target: { stateId: id('T') }, path: ['Resource'], value: 'arn:x' },
    ])
    expect(stateFieldCommands(graph, id('T'), [{ path: ['Comment'], value: undefined }])).toEqual(
      [],
    )
  })

  it('replaces the state to insert a new key in order, keeping nested ids', () => {
    const [command] = stateFieldCommands(graph, id('M'), [{ path: ['MaxConcurrency'], value: 4 }])
    expect(command?.type).toBe('replaceState')
    const after = applyCommand(graph, command!)
    expect(Object.keys(stateToAsl(after, id('M')))).toEqual([
      'Type',
      'MaxConcurrency',
      'ItemProcessor',
      'End',
    ])
    expect(findStatesByName(after, 'I')).toEqual(findStatesByName(graph, 'I'))
    expect(graphToAsl(after).StartAt).toBe('T')
  })
})
