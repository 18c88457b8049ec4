import { describe, expect, it } from 'vitest'
import { renameState, setField } from './commands'
import {
  edgeId,
  findEdge,
  graphEdges,
  incomingEdges,
  outgoingEdges,
  parseEdgeId,
  scopeEdges,
  transitionRefs,
} from './edges'
import { ROOT_SCOPE_ID, aslToGraph, childScopeIds, requireState } from './model'
import { idOf, sample } from './testing/fixtures'

describe('derived edges', () => {
  it('derives next, choice, default and catch edges with stable ids', () => {
    const graph = aslToGraph(sample)
    const validate = idOf(graph, 'Validate')
    const route = idOf(graph, 'Route')
    expect(outgoingEdges(graph, validate)).toEqual([
      {
        id: `${validate}:next`,
        kind: 'next',
        source: validate,
        target: route,
        targetName: 'Route',
        index: null,
        scopeId: ROOT_SCOPE_ID,
      },
      {
        id: `${validate}:catch:0`,
        kind: 'catch',
        source: validate,
        target: idOf(graph, 'Failed'),
        targetName: 'Failed',
        index: 0,
        scopeId: ROOT_SCOPE_ID,
      },
    ])
    expect(outgoingEdges(graph, route).map((e) => [e.id, e.kind, e.index])).toEqual([
      [`${route}:choice:0`, 'choice', 0],
      [`${route}:choice:1`, 'choice', 1],
      [`${route}:default`, 'default', null],
    ])
    expect(incomingEdges(graph, idOf(graph, 'Done')).map((e) => e.id)).toEqual([
      `${route}:default`,
      `${idOf(graph, 'Fan out')}:next`,
      `${idOf(graph, 'Each item')}:next`,
    ])
    const branch = childScopeIds(requireState(graph, idOf(graph, 'Fan out')))[1]!
    expect(scopeEdges(graph, branch).map((e) => e.targetName)).toEqual(['Notified'])
    expect(graphEdges(graph).map((e) => e.targetName)).toEqual([
      'Route',
      'Failed',
      'Fan out',
      'Each item',
      'Done',
      'Done',
      'Done',
      'Notified',
    ])
  })

  it('keeps dangling and cross-scope transitions as edges without a target', () => {
    const graph = aslToGraph({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'Missing' },
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'In', States: { In: { Type: 'Pass', Next: 'A' } } }],
          End: true,
        },
        C: { Type: 'Choice', Choices: [null, { Next: 3 }, { Next: 'A' }], Default: 'Nope' },
      },
    })
    const a = idOf(graph, 'A')
    expect(outgoingEdges(graph, a)).toMatchObject([{ target: null, targetName: 'Missing' }])
    expect(outgoingEdges(graph, idOf(graph, 'In'))).toMatchObject([
      { target: null, targetName: 'A' },
    ])
    const c = idOf(graph, 'C')
    expect(outgoingEdges(graph, c).map((e) => [e.id, e.target])).toEqual([
      [`${c}:choice:2`, a],
      [`${c}:default`, null],
    ])
    expect(incomingEdges(graph, a).map((e) => e.source)).toEqual([c])
  })

  it('memoizes per graph and reuses the edges of unchanged states across edits', () => {
    const graph = aslToGraph(sample)
    expect(graphEdges(graph)).toBe(graphEdges(graph))
    const validate = idOf(graph, 'Validate')
    const route = idOf(graph, 'Route')
    const edited = setField(graph, { target: { stateId: validate }, path: ['Comment'], value: 'x' })
    expect(outgoingEdges(edited, route)).toBe(outgoingEdges(graph, route))
    // Same state object, but its target was renamed: new edge objects with the new name.
    const renamed = renameState(graph, { id: idOf(graph, 'Done'), name: 'Finished' })
    expect(outgoingEdges(renamed, route)).not.toBe(outgoingEdges(graph, route))
    expect(outgoingEdges(renamed, route).at(-1)!.targetName).toBe('Finished')
  })

  it('formats and parses edge ids, and finds edges by id', () => {
    expect(edgeId('s3', 'choice', 2)).toBe('s3:choice:2')
    expect(parseEdgeId('s3:choice:2')).toEqual({ sourceId: 's3', kind: 'choice', index: 2 })
    expect(parseEdgeId('s3:next')).toEqual({ sourceId: 's3', kind: 'next' })
    for (const bad of ['s3', 's3:next:1', 's3:choice', 's3:catch:x', ':next', 's3:jump']) {
      expect(parseEdgeId(bad)).toBeUndefined()
    }
    const graph = aslToGraph(sample)
    const route = idOf(graph, 'Route')
    expect(findEdge(graph, `${route}:choice:1`)?.targetName).toBe('Each item')
    expect(findEdge(graph, `${route}:choice:7`)).toBeUndefined()
    expect(findEdge(graph, 'nope:next')).toBeUndefined()
  })

  it('lists the transitions a state names, in field order', () => {
    const graph = aslToGraph(sample)
    expect(transitionRefs(requireState(graph, idOf(graph, 'Route')))).toEqual([
      { kind: 'choice', index: 0, name: 'Fan out' },
      { kind: 'choice', index: 1, name: 'Each item' },
      { kind: 'default', index: null, name: 'Done' },
    ])
  })
})
