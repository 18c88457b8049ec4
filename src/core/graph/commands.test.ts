import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../asl/types'
import type { GraphCommand } from './commands'
import {
  addBranch,
  addState,
  addedStateIds,
  applyCommand,
  connect,
  defaultStateFields,
  disconnect,
  duplicateStates,
  insertStateOnEdge,
  loadDefinition,
  moveStates,
  pasteStates,
  queryLanguageOf,
  removeBranch,
  removeStates,
  renameState,
  replaceState,
  setField,
  setMachineField,
  setStartAt,
  unsetField,
} from './commands'
import { graphEdges } from './edges'
import type { WorkflowGraph } from './model'
import {
  GraphError,
  ROOT_SCOPE_ID,
  aslToGraph,
  childScopeIds,
  graphToAsl,
  requireState,
  scopeStates,
  stateToAsl,
} from './model'
import {
  deepFreeze,
  expectConsistent,
  expectRoundTrip,
  idOf,
  sample,
  topStates,
} from './testing/fixtures'

/** A frozen graph: any mutation by a command throws. */
function frozen(definition: JsonObject): WorkflowGraph {
  return deepFreeze(aslToGraph(structuredClone(definition)))
}

const chain: JsonObject = {
  StartAt: 'A',
  States: {
    A: { Type: 'Pass', Next: 'B' },
    B: { Type: 'Pass', Comment: 'middle', Next: 'C' },
    C: { Type: 'Pass', End: true, Comment: 'after End' },
  },
}

function names(graph: WorkflowGraph, scopeId = ROOT_SCOPE_ID): string[] {
  return scopeStates(graph, scopeId).map((s) => s.name)
}

function branchScope(graph: WorkflowGraph, stateName: string, index = 0): string {
  return childScopeIds(requireState(graph, idOf(graph, stateName)))[index]!
}

describe('addState', () => {
  it('adds a default state with a unique name at the end, with the next id', () => {
    const graph = frozen(chain)
    const once = addState(graph, { scopeId: ROOT_SCOPE_ID, stateType: 'Pass' })
    const twice = addState(once, { scopeId: ROOT_SCOPE_ID, stateType: 'Pass' })
    const thrice = addState(twice, { scopeId: ROOT_SCOPE_ID, stateType: 'Pass', name: 'Pass' })
    expect(names(thrice)).toEqual(['A', 'B', 'C', 'Pass', 'Pass (1)', 'Pass (2)'])
    expect(addedStateIds(graph, once)).toEqual([`s${graph.nextId}`])
    expect(topStates(once).Pass).toEqual(defaultStateFields('Pass'))
    // Structural sharing: untouched states are the same objects.
    expect(once.states[idOf(graph, 'A')]).toBe(graph.states[idOf(graph, 'A')])
  })

  it('places the state at an index and takes template fields (Type first when missing)', () => {
    const graph = frozen(chain)
    const next = addState(graph, {
      scopeId: ROOT_SCOPE_ID,
      stateType: 'Task',
      fields: { Resource: 'arn:aws:states:::sns:publish', End: true },
      name: 'Notify',
      index: 1,
    })
    expect(names(next)).toEqual(['A', 'Notify', 'B', 'C'])
    expect(Object.keys(topStates(next).Notify as JsonObject)).toEqual(['Type', 'Resource', 'End'])
  })

  it('makes the first state of an empty branch its StartAt (before States)', () => {
    const graph = frozen({
      StartAt: 'P',
      States: { P: { Type: 'Parallel', Branches: [{ States: {} }], End: true } },
    })
    const scopeId = branchScope(graph, 'P')
    const next = addState(graph, { scopeId, stateType: 'Pass', name: 'Inside' })
    const branch = ((topStates(next).P as JsonObject).Branches as JsonObject[])[0]!
    expect(branch).toEqual({ StartAt: 'Inside', States: { Inside: { Type: 'Pass', End: true } } })
    expect(Object.keys(branch)).toEqual(['StartAt', 'States'])
  })

  it('creates States in a container that had none, after StartAt', () => {
    const graph = frozen({ Comment: 'x', StartAt: 'First', Version: '1.0' })
    const next = addState(graph, { scopeId: ROOT_SCOPE_ID, stateType: 'Succeed', name: 'First' })
    expect(Object.keys(graphToAsl(next))).toEqual(['Comment', 'StartAt', 'States', 'Version'])
  })

  it('makes nested names in a template unique in the whole machine', () => {
    const graph = frozen(sample)
    const template = defaultStateFields('Parallel')
    ;(template.Branches as JsonObject[])[0] = {
      StartAt: 'Charge',
      States: { Charge: { Type: 'Pass', Next: 'Done' }, Done: { Type: 'Succeed' } },
    }
    const next = addState(graph, { scopeId: ROOT_SCOPE_ID, fields: template })
    const branch = ((topStates(next).Parallel as JsonObject).Branches as JsonObject[])[0]!
    expect(branch).toEqual({
      StartAt: 'Charge (1)',
      States: { 'Charge (1)': { Type: 'Pass', Next: 'Done (1)' }, 'Done (1)': { Type: 'Succeed' } },
    })
  })

  it('rejects an unknown scope or a state without type', () => {
    const graph = frozen(chain)
    expect(() => addState(graph, { scopeId: 'nope', stateType: 'Pass' })).toThrow(GraphError)
    expect(() => addState(graph, { scopeId: ROOT_SCOPE_ID })).toThrow(GraphError)
  })
})

describe('pasteStates', () => {
  it('renames clashing states and the references among them, keeping outside references', () => {
    const graph = frozen(chain)
    const next = pasteStates(graph, {
      scopeId: ROOT_SCOPE_ID,
      states: {
        A: { Type: 'Pass', Next: 'B' },
        B: { Type: 'Pass', Next: 'C' },
        Ignored: 3,
      },
    })
    expect(names(next)).toEqual(['A', 'B', 'C', 'A (1)', 'B (1)'])
    expect(topStates(next)['A (1)']).toEqual({ Type: 'Pass', Next: 'B (1)' })
    expect(topStates(next)['B (1)']).toEqual({ Type: 'Pass', Next: 'C' })
    expect(pasteStates(graph, { scopeId: ROOT_SCOPE_ID, states: { x: 1 } })).toBe(graph)
  })
})

describe('removeStates', () => {
  it('splices a state out of a chain: its predecessor moves on to its Next', () => {
    const next = removeStates(frozen(chain), { ids: [idOf(aslToGraph(chain), 'B')] })
    expect(topStates(next)).toEqual({
      A: { Type: 'Pass', Next: 'C' },
      C: chain.States && (chain.States as JsonObject).C,
    })
  })

  it('ends the path where the removed state ended it (End in place of Next)', () => {
    const graph = frozen({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'B', Comment: 'kept after' },
        B: { Type: 'Succeed' },
      },
    })
    const next = removeStates(graph, { ids: [idOf(graph, 'B')] })
    expect(Object.entries(topStates(next).A as JsonObject)).toEqual([
      ['Type', 'Pass'],
      ['End', true],
      ['Comment', 'kept after'],
    ])
  })

  it('follows a chain of removed states, and handles rules, defaults, catchers and StartAt', () => {
    const graph = frozen({
      StartAt: 'X',
      States: {
        Choose: {
          Type: 'Choice',
          Choices: [
            { Variable: '$.a', IsPresent: true, Next: 'X' },
            { Variable: '$.b', IsPresent: true, Next: 'End it' },
          ],
          Default: 'End it',
        },
        X: { Type: 'Pass', Next: 'Y' },
        Y: { Type: 'Pass', Next: 'Z' },
        Z: {
          Type: 'Task',
          Resource: 'r',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'X' }],
          End: true,
        },
        'End it': { Type: 'Succeed' },
      },
    })
    const next = removeStates(graph, {
      ids: [idOf(graph, 'X'), idOf(graph, 'Y'), idOf(graph, 'End it')],
    })
    const asl = graphToAsl(next)
    expect(asl.StartAt).toBe('Z')
    const states = asl.States as JsonObject
    expect(states.Choose).toEqual({
      Type: 'Choice',
      Choices: [
        { Variable: '$.a', IsPresent: true, Next: 'Z' },
        // No successor: the rule keeps its condition and the missing name (the validator says so).
        { Variable: '$.b', IsPresent: true, Next: 'End it' },
      ],
    })
    expect((states.Z as JsonObject).Catch).toEqual([{ ErrorEquals: ['States.ALL'], Next: 'Z' }])
  })

  it('removes everything inside a removed container', () => {
    const graph = frozen(sample)
    const parallel = idOf(graph, 'Fan out')
    const inner = idOf(graph, 'Charge')
    const next = removeStates(graph, { ids: [inner, parallel] })
    expect(Object.values(next.states).map((s) => s.name)).not.toContain('Notify')
    expect(Object.keys(next.scopes)).toHaveLength(2)
    expect((topStates(next).Route as JsonObject).Choices).toEqual([
      // Fan out led to Done: the rule follows.
      { Variable: '$.total', NumericGreaterThan: 100, Next: 'Done' },
      { Not: { Variable: '$.vip', IsPresent: true }, Next: 'Each item' },
    ])
    expectConsistent(next)
    expectRoundTrip(graphToAsl(next), next)
  })

  it('rejects unknown ids and ignores an empty list', () => {
    const graph = frozen(chain)
    expect(() => removeStates(graph, { ids: ['s999'] })).toThrow(GraphError)
    expect(removeStates(graph, { ids: [] })).toBe(graph)
  })
})

describe('renameState', () => {
  it('updates every reference in the scope, nested too, and keeps the id and key order', () => {
    const graph = frozen({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Work',
              States: {
                Work: {
                  Type: 'Task',
                  Resource: 'r',
                  Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Work' }],
                  Next: 'Check',
                },
                Check: {
                  Type: 'Choice',
                  Choices: [{ Variable: '$.x', IsNull: true, Next: 'Work' }],
                  Default: 'Work',
                },
              },
            },
          ],
          End: true,
        },
      },
      // An unrelated (invalid) reference to the same name at the top level is not touched.
      Comment: 'Work',
    })
    const id = idOf(graph, 'Work')
    const next = renameState(graph, { id, name: 'Do work' })
    expect(requireState(next, id).name).toBe('Do work')
    const branch = ((topStates(next).P as JsonObject).Branches as JsonObject[])[0]!
    expect(branch).toEqual({
      StartAt: 'Do work',
      States: {
        'Do work': {
          Type: 'Task',
          Resource: 'r',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Do work' }],
          Next: 'Check',
        },
        Check: {
          Type: 'Choice',
          Choices: [{ Variable: '$.x', IsNull: true, Next: 'Do work' }],
          Default: 'Do work',
        },
      },
    })
    expect(graphToAsl(next).Comment).toBe('Work')
    expect(Object.keys((branch.States as JsonObject)['Do work'] as JsonObject)).toEqual([
      'Type',
      'Resource',
      'Catch',
      'Next',
    ])
  })

  it('refuses taken, empty and too long names; same name is a no-op', () => {
    const graph = frozen(sample)
    const id = idOf(graph, 'Validate')
    expect(() => renameState(graph, { id, name: 'Charge' })).toThrow(/already named/)
    expect(() => renameState(graph, { id, name: '' })).toThrow(/empty/)
    expect(() => renameState(graph, { id, name: 'x'.repeat(81) })).toThrow(/80/)
    expect(renameState(graph, { id, name: 'Validate' })).toBe(graph)
  })
})

describe('connect / disconnect', () => {
  it('connects next in place of End, and disconnects back to End in place', () => {
    const graph = frozen(chain)
    const c = idOf(graph, 'C')
    const connected = connect(graph, { sourceId: c, kind: 'next', targetId: idOf(graph, 'A') })
    expect(Object.entries(topStates(connected).C as JsonObject)).toEqual([
      ['Type', 'Pass'],
      ['Next', 'A'],
      ['Comment', 'after End'],
    ])
    const disconnected = disconnect(connected, { sourceId: c, kind: 'next' })
    expect(topStates(disconnected).C).toEqual((chain.States as JsonObject).C)
    expect(Object.keys(topStates(disconnected).C as JsonObject)).toEqual(['Type', 'End', 'Comment'])
    expect(disconnect(disconnected, { sourceId: c, kind: 'next' })).toBe(disconnected)
  })

  it('adds Choice rules in the query language in force, points existing ones, sets Default', () => {
    const definition = (ql?: string): JsonObject => ({
      ...(ql ? { QueryLanguage: ql } : {}),
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsNull: true, Next: 'A' }] },
        A: { Type: 'Succeed' },
        B: { Type: 'Fail' },
      },
    })
    const graph = frozen(definition())
    const c = idOf(graph, 'C')
    const b = idOf(graph, 'B')
    let next = connect(graph, { sourceId: c, kind: 'choice', targetId: b })
    next = connect(next, { sourceId: c, kind: 'choice', index: 0, targetId: b })
    next = connect(next, { sourceId: c, kind: 'default', targetId: idOf(graph, 'A') })
    expect(topStates(next).C).toEqual({
      Type: 'Choice',
      Choices: [
        { Variable: '$.x', IsNull: true, Next: 'B' },
        { Variable: '$', IsPresent: true, Next: 'B' },
      ],
      Default: 'A',
    })
    const jsonata = frozen(definition('JSONata'))
    expect(queryLanguageOf(jsonata, c)).toBe('JSONata')
    const rule = connect(jsonata, { sourceId: c, kind: 'choice', targetId: b })
    expect(((topStates(rule).C as JsonObject).Choices as JsonObject[])[1]).toEqual({
      Condition: '{% true %}',
      Next: 'B',
    })
    const templated = connect(graph, {
      sourceId: c,
      kind: 'choice',
      targetId: b,
      template: { Variable: '$.y', BooleanEquals: true },
    })
    expect(((topStates(templated).C as JsonObject).Choices as JsonObject[])[1]).toEqual({
      Variable: '$.y',
      BooleanEquals: true,
      Next: 'B',
    })
    expect(() => connect(graph, { sourceId: c, kind: 'choice', index: 5, targetId: b })).toThrow(
      GraphError,
    )
    expect(() => connect(graph, { sourceId: c, kind: 'next', targetId: b })).toThrow(/no Next/)
    // Disconnecting a rule removes it; disconnecting the Default drops it.
    const dropped = disconnect(next, { sourceId: c, kind: 'choice', index: 0 })
    expect((topStates(dropped).C as JsonObject).Choices).toEqual([
      { Variable: '$', IsPresent: true, Next: 'B' },
    ])
    expect(topStates(disconnect(next, { sourceId: c, kind: 'default' })).C).not.toHaveProperty(
      'Default',
    )
    expect(() => disconnect(next, { sourceId: c, kind: 'choice', index: 9 })).toThrow(GraphError)
  })

  it('adds catchers before a catch-all, and drops an emptied Catch', () => {
    const graph = frozen({
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: 'r', End: true },
        H: { Type: 'Fail' },
        P: { Type: 'Pass', End: true },
      },
    })
    const t = idOf(graph, 'T')
    const h = idOf(graph, 'H')
    let next = connect(graph, { sourceId: t, kind: 'catch', targetId: h })
    next = connect(next, { sourceId: t, kind: 'catch', targetId: h })
    expect((topStates(next).T as JsonObject).Catch).toEqual([
      { ErrorEquals: ['States.TaskFailed'], Next: 'H' },
      { ErrorEquals: ['States.ALL'], Next: 'H' },
    ])
    next = connect(next, { sourceId: t, kind: 'catch', index: 0, targetId: idOf(graph, 'P') })
    expect(graphEdges(next).map((e) => e.id)).toEqual([`${t}:catch:0`, `${t}:catch:1`])
    next = disconnect(next, { sourceId: t, kind: 'catch', index: 0 })
    next = disconnect(next, { sourceId: t, kind: 'catch', index: 0 })
    expect(topStates(next).T).toEqual({ Type: 'Task', Resource: 'r', End: true })
    expect(() =>
      connect(graph, { sourceId: idOf(graph, 'P'), kind: 'catch', targetId: h }),
    ).toThrow(/cannot catch/)
    expect(() => connect(graph, { sourceId: t, kind: 'default', targetId: h })).toThrow(/Choice/)
  })

  it('refuses transitions across scopes', () => {
    const graph = frozen(sample)
    expect(() =>
      connect(graph, {
        sourceId: idOf(graph, 'Charge'),
        kind: 'next',
        targetId: idOf(graph, 'Done'),
      }),
    ).toThrow(/inside its branch/)
  })
})

describe('setField / unsetField', () => {
  it('sets and unsets a nested field by path, keeping key order', () => {
    const graph = frozen(sample)
    const id = idOf(graph, 'Validate')
    const next = setField(graph, {
      target: { stateId: id },
      path: ['Retry', 0, 'MaxAttempts'],
      value: 5,
    })
    expect(((topStates(next).Validate as JsonObject).Retry as JsonObject[])[0]).toEqual({
      ErrorEquals: ['States.TaskFailed'],
      MaxAttempts: 5,
    })
    const added = setField(next, { target: { stateId: id }, path: ['TimeoutSeconds'], value: 30 })
    expect(Object.keys(topStates(added).Validate as JsonObject).at(-1)).toBe('TimeoutSeconds')
    const removed = unsetField(added, { target: { stateId: id }, path: ['Retry'] })
    expect(topStates(removed).Validate).not.toHaveProperty('Retry')
    expect(() => unsetField(graph, { target: { stateId: id }, path: [] })).toThrow(GraphError)
  })

  it('keeps a nested key in place when fields before it are removed or added', () => {
    const graph = frozen(sample)
    const id = idOf(graph, 'Fan out')
    const next = unsetField(graph, { target: { stateId: id }, path: ['Comment'] })
    expect(Object.keys(topStates(next)['Fan out'] as JsonObject)).toEqual([
      'Type',
      'Branches',
      'ResultPath',
      'Next',
    ])
    expect(childScopeIds(requireState(next, id))).toEqual(childScopeIds(requireState(graph, id)))
  })

  it('routes paths into processors and branches', () => {
    const graph = frozen(sample)
    const map = idOf(graph, 'Each item')
    const next = setField(graph, {
      target: { stateId: map },
      path: ['ItemProcessor', 'ProcessorConfig', 'Mode'],
      value: 'INLINE',
    })
    const processor = (topStates(next)['Each item'] as JsonObject).ItemProcessor as JsonObject
    expect(processor.ProcessorConfig).toEqual({ Mode: 'INLINE', ExecutionType: 'EXPRESS' })
    expect(childScopeIds(requireState(next, map))).toEqual(childScopeIds(requireState(graph, map)))
    const parallel = idOf(graph, 'Fan out')
    const viaBranch = setField(graph, {
      target: { stateId: parallel },
      path: ['Branches', 1, 'States', 'Notify', 'Comment'],
      value: 'hi',
    })
    expect(stateToAsl(viaBranch, idOf(graph, 'Notify'))).toEqual({
      Type: 'Pass',
      Next: 'Notified',
      Comment: 'hi',
    })
    expect(viaBranch.states[idOf(graph, 'Charge')]).toBe(graph.states[idOf(graph, 'Charge')])
  })

  it('rebuilds structure when Type, Branches or States change, keeping ids by name', () => {
    const graph = frozen(sample)
    const parallel = idOf(graph, 'Fan out')
    const notify = idOf(graph, 'Notify')
    const swapped = setField(graph, {
      target: { stateId: parallel },
      path: ['Branches', 0],
      value: { StartAt: 'Notify', States: { Notify: { Type: 'Pass', End: true } } },
    })
    // Notify moved to branch 0: another scope path, so a new id; Charge is gone.
    expect(Object.values(swapped.states).filter((s) => s.name === 'Notify')).toHaveLength(2)
    expect(Object.values(swapped.states).map((s) => s.name)).not.toContain('Charge')
    expect(requireState(swapped, notify).name).toBe('Notify')

    const toPass = setField(graph, { target: { stateId: parallel }, path: ['Type'], value: 'Pass' })
    expect(requireState(toPass, parallel).children).toBeUndefined()
    expect(Object.values(toPass.states).map((s) => s.name)).not.toContain('Charge')
    const back = setField(toPass, {
      target: { stateId: parallel },
      path: ['Type'],
      value: 'Parallel',
    })
    expect(graphToAsl(back)).toEqual(graphToAsl(graph))
    expect(JSON.stringify(graphToAsl(back))).toBe(JSON.stringify(graphToAsl(graph)))

    const newState = setField(graph, {
      target: { scopeId: ROOT_SCOPE_ID },
      path: ['States', 'Brand new'],
      value: { Type: 'Succeed' },
    })
    expect(names(newState).at(-1)).toBe('Brand new')
    expect(idOf(newState, 'Validate')).toBe(idOf(graph, 'Validate'))
  })

  it('edits machine fields', () => {
    const graph = frozen(sample)
    const next = setMachineField(graph, { key: 'TimeoutSeconds', value: 60 })
    expect(Object.entries(graphToAsl(next)).slice(0, 4)).toEqual([
      ['Comment', 'Orders'],
      ['QueryLanguage', 'JSONPath'],
      ['StartAt', 'Validate'],
      ['TimeoutSeconds', 60],
    ])
    const unset = setMachineField(next, { key: 'Comment', value: undefined })
    expect(Object.keys(graphToAsl(unset))).toEqual([
      'QueryLanguage',
      'StartAt',
      'TimeoutSeconds',
      'States',
      'XTopLevelUnknown',
    ])
    expect(setMachineField(unset, { key: 'Comment', value: undefined })).toBe(unset)
    const version = setMachineField(graph, { key: 'Version', value: '1.0' })
    expect(Object.keys(graphToAsl(version)).at(-1)).toBe('Version')
  })
})

describe('replaceState', () => {
  it('replaces a whole definition, keeping nested ids whose names are unchanged', () => {
    const graph = frozen(sample)
    const map = idOf(graph, 'Each item')
    const process = idOf(graph, 'Process')
    const definition = {
      Type: 'Map',
      ItemProcessor: {
        StartAt: 'Process',
        States: { Process: { Type: 'Pass', Next: 'More' }, More: { Type: 'Succeed' } },
      },
      Next: 'Done',
    }
    const next = replaceState(graph, { id: map, definition })
    expect(stateToAsl(next, map)).toEqual(definition)
    expect(idOf(next, 'Process')).toBe(process)
    expect(requireState(next, map).name).toBe('Each item')
    expect(() => replaceState(graph, { id: map, definition: [] as unknown as JsonObject })).toThrow(
      GraphError,
    )
  })
})

describe('insertStateOnEdge', () => {
  it('inserts between the two ends of a next edge, right after the source', () => {
    const graph = frozen(chain)
    const next = insertStateOnEdge(graph, {
      edge: { sourceId: idOf(graph, 'A'), kind: 'next' },
      stateType: 'Wait',
    })
    expect(names(next)).toEqual(['A', 'Wait', 'B', 'C'])
    expect(topStates(next).A).toEqual({ Type: 'Pass', Next: 'Wait' })
    expect(topStates(next).Wait).toEqual({ Type: 'Wait', Seconds: 5, Next: 'B' })
  })

  it('names the new state apart from the target even when they share a base name', () => {
    const graph = frozen({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'Pass' }, Pass: { Type: 'Succeed' } },
    })
    const next = insertStateOnEdge(graph, {
      edge: { sourceId: idOf(graph, 'A'), kind: 'next' },
      stateType: 'Pass',
    })
    expect(topStates(next)).toEqual({
      A: { Type: 'Pass', Next: 'Pass (1)' },
      'Pass (1)': { Type: 'Pass', Next: 'Pass' },
      Pass: { Type: 'Succeed' },
    })
  })

  it('works on choice, default and catch edges and on the start marker', () => {
    const graph = frozen(sample)
    const route = idOf(graph, 'Route')
    const onRule = insertStateOnEdge(graph, {
      edge: { sourceId: route, kind: 'choice', index: 1 },
      stateType: 'Pass',
    })
    expect(((topStates(onRule).Route as JsonObject).Choices as JsonObject[])[1]!.Next).toBe('Pass')
    expect(topStates(onRule).Pass).toEqual({ Type: 'Pass', Next: 'Each item' })

    const onDefault = insertStateOnEdge(graph, {
      edge: { sourceId: route, kind: 'default' },
      stateType: 'Choice',
    })
    expect(topStates(onDefault).Choice).toEqual({ Type: 'Choice', Choices: [], Default: 'Done' })

    const validate = idOf(graph, 'Validate')
    const onCatch = insertStateOnEdge(graph, {
      edge: { sourceId: validate, kind: 'catch', index: 0 },
      stateType: 'Succeed',
      name: 'Log',
    })
    expect(((topStates(onCatch).Validate as JsonObject).Catch as JsonObject[])[0]!.Next).toBe('Log')
    expect(topStates(onCatch).Log).toEqual({ Type: 'Succeed' })

    const atStart = insertStateOnEdge(graph, {
      edge: { scopeId: ROOT_SCOPE_ID, kind: 'start' },
      stateType: 'Pass',
    })
    expect(graphToAsl(atStart).StartAt).toBe('Pass')
    expect(names(atStart)[0]).toBe('Pass')
    expect(topStates(atStart).Pass).toEqual({ Type: 'Pass', Next: 'Validate' })

    expect(() =>
      insertStateOnEdge(graph, {
        edge: { sourceId: idOf(graph, 'Done'), kind: 'next' },
        stateType: 'Pass',
      }),
    ).toThrow(GraphError)
  })
})

describe('moveStates', () => {
  const outer: JsonObject = {
    StartAt: 'A',
    States: {
      A: { Type: 'Pass', Next: 'B' },
      B: { Type: 'Pass', Next: 'C' },
      C: { Type: 'Pass', Next: 'P' },
      P: { Type: 'Parallel', Branches: [{ States: {} }], End: true },
    },
  }

  it('moves states into an empty branch: both sides detached, inner transitions kept', () => {
    const graph = frozen(outer)
    const scopeId = branchScope(graph, 'P')
    const next = moveStates(graph, { ids: [idOf(graph, 'C'), idOf(graph, 'B')], scopeId })
    expect(graphToAsl(next)).toEqual({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'P' },
        P: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'B',
              States: { B: { Type: 'Pass', Next: 'C' }, C: { Type: 'Pass', End: true } },
            },
          ],
          End: true,
        },
      },
    })
    expect(requireState(next, idOf(graph, 'B')).scopeId).toBe(scopeId)
    // Out again, to the front.
    const back = moveStates(next, { ids: [idOf(graph, 'B')], scopeId: ROOT_SCOPE_ID, index: 0 })
    expect(names(back)).toEqual(['B', 'A', 'P'])
    expect(graphToAsl(back).StartAt).toBe('A')
  })

  it('reorders within a scope without touching transitions or StartAt', () => {
    const graph = frozen(outer)
    const next = moveStates(graph, { ids: [idOf(graph, 'A')], scopeId: ROOT_SCOPE_ID })
    expect(names(next)).toEqual(['B', 'C', 'P', 'A'])
    expect(topStates(next).A).toEqual({ Type: 'Pass', Next: 'B' })
    expect(graphToAsl(next).StartAt).toBe('A')
  })

  it('refuses to move a container inside itself', () => {
    const graph = frozen(outer)
    expect(() =>
      moveStates(graph, { ids: [idOf(graph, 'P')], scopeId: branchScope(graph, 'P') }),
    ).toThrow(/inside itself/)
  })
})

describe('branches, StartAt, duplicate, load', () => {
  it('adds and removes Parallel branches', () => {
    const graph = frozen(sample)
    const parallel = idOf(graph, 'Fan out')
    const added = addBranch(graph, {
      stateId: parallel,
      index: 0,
      branch: { StartAt: 'Charge', States: { Charge: { Type: 'Succeed' } } },
    })
    const branches = (topStates(added)['Fan out'] as JsonObject).Branches as JsonObject[]
    expect(branches).toHaveLength(3)
    expect(branches[0]).toEqual({
      StartAt: 'Charge (1)',
      States: { 'Charge (1)': { Type: 'Succeed' } },
    })
    const removed = removeBranch(added, { stateId: parallel, index: 0 })
    expect(graphToAsl(removed)).toEqual(graphToAsl(graph))
    expect(Object.keys(removed.states).sort()).toEqual(Object.keys(graph.states).sort())
    expect(() => removeBranch(graph, { stateId: parallel, index: 7 })).toThrow(GraphError)
    expect(() => addBranch(graph, { stateId: idOf(graph, 'Done') })).toThrow(GraphError)
    const empty = addBranch(graph, { stateId: parallel })
    expect(((topStates(empty)['Fan out'] as JsonObject).Branches as JsonObject[])[2]).toEqual({
      States: {},
    })
  })

  it('sets StartAt of a scope, in place or before States', () => {
    const graph = frozen(sample)
    const next = setStartAt(graph, { scopeId: ROOT_SCOPE_ID, stateId: idOf(graph, 'Route') })
    expect(Object.keys(graphToAsl(next))).toEqual(Object.keys(sample))
    expect(graphToAsl(next).StartAt).toBe('Route')
    expect(setStartAt(next, { scopeId: ROOT_SCOPE_ID, stateId: idOf(graph, 'Route') })).toBe(next)
    expect(() =>
      setStartAt(graph, { scopeId: ROOT_SCOPE_ID, stateId: idOf(graph, 'Charge') }),
    ).toThrow(GraphError)
    const noStart = frozen({ Comment: 'c', States: { A: { Type: 'Succeed' } } })
    const set = setStartAt(noStart, { scopeId: ROOT_SCOPE_ID, stateId: idOf(noStart, 'A') })
    expect(Object.keys(graphToAsl(set))).toEqual(['Comment', 'StartAt', 'States'])
  })

  it('duplicates states after the originals, remapping references among the copies', () => {
    const graph = frozen(sample)
    const next = duplicateStates(graph, { ids: [idOf(graph, 'Fan out'), idOf(graph, 'Route')] })
    expect(names(next)).toEqual([
      'Validate',
      'Route',
      'Fan out',
      'Route (1)',
      'Fan out (1)',
      'Each item',
      'Done',
      'Failed',
    ])
    const copy = topStates(next)['Route (1)'] as JsonObject
    expect((copy.Choices as JsonObject[]).map((rule) => rule.Next)).toEqual([
      'Fan out (1)',
      'Each item',
    ])
    const fanOut = topStates(next)['Fan out (1)'] as JsonObject
    expect(((fanOut.Branches as JsonObject[])[1]!.States as JsonObject)['Notify (1)']).toEqual({
      Type: 'Pass',
      Next: 'Notified (1)',
    })
    expect(addedStateIds(graph, next).map((id) => requireState(next, id).name)).toEqual([
      'Route (1)',
      'Fan out (1)',
      'Charge (1)',
      'Notify (1)',
      'Notified (1)',
    ])
  })

  it('loads a new definition keeping ids by name', () => {
    const graph = frozen(sample)
    const edited = structuredClone(sample)
    edited.Comment = 'edited in the code view'
    const next = loadDefinition(graph, { definition: edited })
    expect(idOf(next, 'Notify')).toBe(idOf(graph, 'Notify'))
    expect(graphToAsl(next).Comment).toBe('edited in the code view')
  })
})

describe('applyCommand', () => {
  it('dispatches every command and never mutates its input', () => {
    const graph = frozen(sample)
    const id = (name: string) => idOf(graph, name)
    const commands: GraphCommand[] = [
      { type: 'addState', scopeId: ROOT_SCOPE_ID, stateType: 'Pass' },
      { type: 'pasteStates', scopeId: ROOT_SCOPE_ID, states: { X: { Type: 'Succeed' } } },
      { type: 'removeStates', ids: [id('Done')] },
      { type: 'renameState', id: id('Done'), name: 'Finished' },
      { type: 'connect', sourceId: id('Validate'), kind: 'catch', targetId: id('Done') },
      { type: 'disconnect', sourceId: id('Validate'), kind: 'next' },
      { type: 'setField', target: { stateId: id('Done') }, path: ['Comment'], value: 'c' },
      { type: 'unsetField', target: { scopeId: ROOT_SCOPE_ID }, path: ['Comment'] },
      { type: 'replaceState', id: id('Done'), definition: { Type: 'Succeed' } },
      {
        type: 'insertStateOnEdge',
        edge: { sourceId: id('Validate'), kind: 'next' },
        stateType: 'Pass',
      },
      { type: 'moveStates', ids: [id('Done')], scopeId: branchScope(graph, 'Fan out') },
      { type: 'addBranch', stateId: id('Fan out') },
      { type: 'removeBranch', stateId: id('Fan out'), index: 0 },
      { type: 'setStartAt', scopeId: ROOT_SCOPE_ID, stateId: id('Done') },
      { type: 'duplicateStates', ids: [id('Each item')] },
      { type: 'setMachineField', key: 'Version', value: '1.0' },
      { type: 'loadDefinition', definition: { StartAt: 'A', States: { A: { Type: 'Succeed' } } } },
    ]
    const before = JSON.stringify(graph)
    const results = commands.map((command) => applyCommand(graph, command))
    expect(JSON.stringify(graph)).toBe(before)
    results.forEach((result, i) => {
      // Every command changed the document, and the result is a valid graph of its own ASL.
      expect(JSON.stringify(graphToAsl(result)), commands[i]!.type).not.toBe(
        JSON.stringify(graphToAsl(graph)),
      )
      expectConsistent(result)
      expect(result.nextId).toBeGreaterThanOrEqual(graph.nextId)
    })
    expect(results[3]!.states[id('Done')]!.name).toBe('Finished')
    expect(() => applyCommand(graph, { type: 'nope' } as unknown as GraphCommand)).toThrow(
      /graph command/,
    )
  })
})
