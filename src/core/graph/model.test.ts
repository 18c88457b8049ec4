import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../asl/types'
import { expectRoundTrip, sample } from './testing/fixtures'
import type { WorkflowGraph } from './model'
import {
  ROOT_SCOPE_ID,
  aslToGraph,
  childScopeIds,
  findStateInScope,
  findStatesByName,
  graphToAsl,
  requireState,
  scopeDocPath,
  scopeOwner,
  scopeStates,
  startStateId,
  stateDocPath,
  stateIdAtDocPath,
  stateNamePath,
  stateToAsl,
  statesToAsl,
} from './model'

describe('aslToGraph / graphToAsl', () => {
  it('round-trips a machine with nesting, unknown fields and key order', () => {
    expectRoundTrip(sample)
  })

  it('builds scopes for branches and processors, in order, keeping container fields', () => {
    const graph = aslToGraph(sample)
    const root = graph.scopes[ROOT_SCOPE_ID]!
    expect(root.parentId).toBeNull()
    expect(Object.keys(root.fields)).toEqual([
      'Comment',
      'QueryLanguage',
      'StartAt',
      'TimeoutSeconds',
      'XTopLevelUnknown',
    ])
    expect(root.statesAt).toBe(4)
    expect(scopeStates(graph, ROOT_SCOPE_ID).map((s) => s.name)).toEqual([
      'Validate',
      'Route',
      'Fan out',
      'Each item',
      'Done',
      'Failed',
    ])
    const parallel = requireState(graph, findStateInScope(graph, ROOT_SCOPE_ID, 'Fan out')!)
    expect(parallel.children?.kind).toBe('branches')
    expect(Object.keys(parallel.fields)).toEqual(['Type', 'Comment', 'ResultPath', 'Next'])
    const branches = childScopeIds(parallel)
    expect(branches).toHaveLength(2)
    expect(scopeStates(graph, branches[1]!).map((s) => s.name)).toEqual(['Notify', 'Notified'])
    expect(graph.scopes[branches[1]!]!.fields).toEqual({ Comment: 'second', StartAt: 'Notify' })
    expect(scopeOwner(graph, branches[1]!)).toEqual({ state: parallel, branchIndex: 1 })

    const map = requireState(graph, findStateInScope(graph, ROOT_SCOPE_ID, 'Each item')!)
    expect(map.children).toMatchObject({ kind: 'processor', key: 'ItemProcessor', at: 2 })
    const processor = graph.scopes[childScopeIds(map)[0]!]!
    expect(Object.keys(processor.fields)).toEqual(['ProcessorConfig', 'StartAt', 'XUnknown'])
    expect(scopeOwner(graph, processor.id)).toEqual({ state: map, branchIndex: null })
  })

  it('keeps the legacy Iterator as Iterator', () => {
    const definition = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Iterator: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    }
    const graph = aslToGraph(definition)
    expect(requireState(graph, 's1').children).toMatchObject({ kind: 'processor', key: 'Iterator' })
    expectRoundTrip(definition)
  })

  it('gives deterministic ids in document order, without randomness', () => {
    const a = aslToGraph(sample)
    const b = aslToGraph(structuredClone(sample))
    expect(a).toEqual(b)
    expect(Object.keys(a.states)[0]).toBe('s1')
    expect(requireState(a, 's1').name).toBe('Validate')
    expect(a.nextId).toBe(Object.keys(a.states).length + Object.keys(a.scopes).length)
  })

  it('holds broken documents and gives them back unchanged', () => {
    const broken: JsonObject[] = [
      {},
      { States: {} },
      { StartAt: 'Nowhere', States: { A: { Type: 'Pass', Next: 'Missing' } } },
      { StartAt: 'A', States: 'not an object' },
      { StartAt: 'A', States: { A: 5, B: { Type: 'Pass' } } },
      { States: [], StartAt: 1 },
      { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: 'x', End: true } } },
      { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'X' }, 3] } } },
      {
        StartAt: 'P',
        States: { P: { Branches: [{ StartAt: 'X', States: {} }], Type: 'Parallel' } },
      },
      { StartAt: 'P', States: { P: { Type: 'Task', Branches: [{ States: {} }] } } },
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            Iterator: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } },
            ItemProcessor: { StartAt: 'J', States: { J: { Type: 'Pass', End: true } } },
          },
        },
      },
      { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: null } } },
      { StartAt: 'X', States: { X: { Type: 'Nope', Next: 42, Choices: 'no', Catch: [null, 1] } } },
      { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [null, { Next: 7 }, 'x'] } } },
    ]
    for (const definition of broken) expectRoundTrip(definition)
  })

  it('keeps integer-like and prototype-like state names and keys', () => {
    const definition = JSON.parse(
      '{"StartAt":"10","States":{"b":{"Type":"Pass","Next":"10"},"10":{"Type":"Pass","Next":"__proto__"},' +
        '"__proto__":{"Type":"Pass","Next":"constructor","__proto__":1},"constructor":{"Type":"Succeed"}}}',
    ) as JsonObject
    const graph = aslToGraph(definition)
    expect(findStateInScope(graph, ROOT_SCOPE_ID, '__proto__')).toBeDefined()
    expect(findStateInScope(graph, ROOT_SCOPE_ID, 'toString')).toBeUndefined()
    expectRoundTrip(definition, graph)
  })

  it('keeps ids by name within the same scope path when given the previous graph', () => {
    const previous = aslToGraph(sample)
    const edited = structuredClone(sample) as JsonObject
    const states = edited.States as JsonObject
    // Rename Validate in the text, add a state, and change a nested one.
    states['Check input'] = states.Validate!
    delete states.Validate
    ;(states.Route as JsonObject).Default = 'Done'
    const next = aslToGraph(edited, { previous })
    const idOf = (g: WorkflowGraph, name: string) => findStatesByName(g, name)[0]
    for (const name of ['Route', 'Fan out', 'Charge', 'Notify', 'Process', 'Done', 'Failed']) {
      expect(idOf(next, name)).toBe(idOf(previous, name))
    }
    expect(idOf(next, 'Check input')).toBe(`s${previous.nextId}`)
    expect(next.nextId).toBeGreaterThan(previous.nextId)
    const parallelId = idOf(next, 'Fan out')!
    expect(childScopeIds(requireState(next, parallelId))).toEqual(
      childScopeIds(requireState(previous, parallelId)),
    )
    expectRoundTrip(edited, next)
  })

  it('gives a new id to a state that moved to another scope in the text', () => {
    const previous = aslToGraph(sample)
    const moved = structuredClone(sample) as JsonObject
    const states = moved.States as JsonObject
    const branches = (states['Fan out'] as JsonObject).Branches as JsonObject[]
    const branchStates = branches[0]!.States as JsonObject
    branchStates.Failed = states.Failed!
    delete states.Failed
    const next = aslToGraph(moved, { previous })
    expect(findStatesByName(next, 'Failed')[0]).not.toBe(findStatesByName(previous, 'Failed')[0])
  })

  it('answers document-path questions both ways', () => {
    const graph = aslToGraph(sample)
    const notified = findStatesByName(graph, 'Notified')[0]!
    expect(stateDocPath(graph, notified)).toEqual([
      'States',
      'Fan out',
      'Branches',
      1,
      'States',
      'Notified',
    ])
    expect(stateNamePath(graph, notified)).toEqual(['Fan out', 'Notified'])
    expect(stateIdAtDocPath(graph, [...stateDocPath(graph, notified), 'Type'])).toBe(notified)
    expect(stateIdAtDocPath(graph, ['States', 'Fan out', 'Branches', 1, 'Comment'])).toBe(
      findStatesByName(graph, 'Fan out')[0],
    )
    const process = findStatesByName(graph, 'Process')[0]!
    expect(
      stateIdAtDocPath(graph, ['States', 'Each item', 'ItemProcessor', 'States', 'Process']),
    ).toBe(process)
    expect(stateIdAtDocPath(graph, ['Comment'])).toBeUndefined()
    expect(stateIdAtDocPath(graph, ['States', 'Nope'])).toBeUndefined()
    const map = requireState(graph, findStatesByName(graph, 'Each item')[0]!)
    expect(scopeDocPath(graph, childScopeIds(map)[0]!)).toEqual([
      'States',
      'Each item',
      'ItemProcessor',
    ])
  })

  it('exposes StartAt and single-state ASL', () => {
    const graph = aslToGraph(sample)
    expect(requireState(graph, startStateId(graph, ROOT_SCOPE_ID)!).name).toBe('Validate')
    const parallelId = findStatesByName(graph, 'Fan out')[0]!
    expect(stateToAsl(graph, parallelId)).toEqual((sample.States as JsonObject)['Fan out'])
    expect(Object.keys(statesToAsl(graph, [parallelId, 's1']))).toEqual(['Fan out', 'Validate'])
    expect(startStateId(aslToGraph({ StartAt: 'X', States: {} }), ROOT_SCOPE_ID)).toBeUndefined()
  })

  it('never shares mutable structure with what it returns', () => {
    const graph = aslToGraph(sample)
    const before = JSON.stringify(graphToAsl(graph))
    const out = graphToAsl(graph)
    ;(out.States as JsonObject).Extra = {}
    out.Comment = 'changed'
    expect(JSON.stringify(graphToAsl(graph))).toBe(before)
  })
})
