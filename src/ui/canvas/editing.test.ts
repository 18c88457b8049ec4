import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../../core/asl/types'
import { applyCommand } from '../../core/graph/commands'
import type { GraphCommand } from '../../core/graph/commands'
import type { Layout } from '../../core/graph/layoutMap'
import { aslToGraph, findStatesByName, graphToAsl, statesToAsl } from '../../core/graph/model'
import type { WorkflowGraph } from '../../core/graph/model'
import { findPaletteItem } from '../palette/templates'
import {
  connectChoices,
  copyStates,
  neighbour,
  parseClipboardStates,
  planAppend,
  planDrop,
  planDuplicate,
  planMove,
  planPaste,
} from './editing'
import { computeGeometry, LAYER_GAP, STATE_HEIGHT } from './geometry'

const definition: JsonObject = {
  StartAt: 'A',
  States: {
    A: { Type: 'Pass', Next: 'Fan' },
    Fan: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'B1', States: { B1: { Type: 'Pass', End: true } } },
        { StartAt: 'B2', States: { B2: { Type: 'Pass', End: true } } },
      ],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
}

function setup() {
  const graph = aslToGraph(definition)
  const id = (name: string) => findStatesByName(graph, name)[0]!
  const layout: Layout = {
    positions: {
      [id('A')]: { x: 0, y: 0 },
      [id('Fan')]: { x: 0, y: 116 },
      [id('B1')]: { x: 20, y: 36 },
      [id('B2')]: { x: 20, y: 36 },
      [id('Done')]: { x: 0, y: 400 },
    },
    sizes: {},
  }
  return { graph, layout, id }
}

function run(graph: WorkflowGraph, commands: GraphCommand[]) {
  return commands.reduce(applyCommand, graph)
}

const pass = findPaletteItem('Pass')!
const lambda = findPaletteItem('lambda-invoke')!

describe('planDrop', () => {
  it('adds a state at a pane point, centred on the pointer', () => {
    const { graph, layout } = setup()
    const plan = planDrop(graph, layout, pass, { kind: 'point', point: { x: 600, y: 300 } })
    const after = run(graph, plan.commands)
    const newId = plan.newIds[0]!
    expect(after.states[newId]!.name).toBe('Pass')
    expect(after.states[newId]!.scopeId).toBe('root')
    expect(plan.layout.positions[newId]).toEqual({ x: 490, y: 270 })
  })

  it('drops into the branch under the pointer and grows the Parallel, pushing followers down', () => {
    const { graph, layout, id } = setup()
    const geometry = computeGeometry(graph, layout)
    const branch = graph.states[id('Fan')]!.children!
    const scope2 = branch.kind === 'branches' ? branch.scopeIds[1]! : ''
    const abs = geometry.absolute.get(scope2)!
    const plan = planDrop(graph, layout, pass, {
      kind: 'point',
      point: { x: abs.x + 130, y: abs.y + 100 },
    })
    const after = run(graph, plan.commands)
    const newId = plan.newIds[0]!
    expect(after.states[newId]!.scopeId).toBe(scope2)
    const oldHeight = geometry.size.get(id('Fan'))!.height
    const newHeight = computeGeometry(after, plan.layout).size.get(id('Fan'))!.height
    expect(newHeight).toBeGreaterThan(oldHeight)
    expect(plan.layout.positions[id('Done')]!.y).toBe(400 + newHeight - oldHeight)
    expect(plan.layout.positions[id('A')]).toEqual({ x: 0, y: 0 })
  })

  it('inserts on an edge between its ends and makes room below', () => {
    const { graph, layout, id } = setup()
    const plan = planDrop(graph, layout, lambda, { kind: 'edge', edgeId: `${id('A')}:next` })
    const after = run(graph, plan.commands)
    const asl = graphToAsl(after) as { States: Record<string, JsonObject> }
    expect(asl.States.A!.Next).toBe('Lambda Invoke')
    expect(asl.States['Lambda Invoke']!.Next).toBe('Fan')
    expect(asl.States['Lambda Invoke']!.Resource).toBe('arn:aws:states:::lambda:invoke')
    const newId = plan.newIds[0]!
    expect(plan.layout.positions[newId]!.y).toBe(116)
    expect(plan.layout.positions[id('Fan')]!.y).toBe(116 + STATE_HEIGHT + LAYER_GAP)
    expect(plan.layout.positions[id('Done')]!.y).toBe(400 + STATE_HEIGHT + LAYER_GAP)
  })

  it('inserts after the start marker: the new state becomes StartAt', () => {
    const { graph, layout } = setup()
    const plan = planDrop(graph, layout, pass, { kind: 'edge', edgeId: 'start:root' })
    const asl = graphToAsl(run(graph, plan.commands)) as {
      StartAt: string
      States: Record<string, JsonObject>
    }
    expect(asl.StartAt).toBe('Pass')
    expect(asl.States.Pass!.Next).toBe('A')
  })

  it('appends after a state that ends its branch', () => {
    const { graph, layout, id } = setup()
    const plan = planDrop(graph, layout, pass, { kind: 'edge', edgeId: `end:${id('B1')}` })
    const after = run(graph, plan.commands)
    const b1 = after.states[id('B1')]!
    expect(b1.fields.Next).toBe('Pass')
    expect(b1.fields.End).toBeUndefined()
    expect(after.states[plan.newIds[0]!]!.fields.End).toBe(true)
    expect(after.states[plan.newIds[0]!]!.scopeId).toBe(b1.scopeId)
  })

  it('uses the JSONata form of a template in a JSONata workflow', () => {
    const graph = aslToGraph({ QueryLanguage: 'JSONata', StartAt: '', States: {} })
    const plan = planDrop(graph, { positions: {}, sizes: {} }, lambda, {
      kind: 'point',
      point: { x: 0, y: 0 },
    })
    const state = run(graph, plan.commands).states[plan.newIds[0]!]!
    expect(state.fields.Arguments).toBeDefined()
    expect(state.fields.Parameters).toBeUndefined()
  })
})

describe('planAppend', () => {
  it('inserts after the selected state, or at the end', () => {
    const { graph, layout, id } = setup()
    const plan = planAppend(graph, layout, pass, id('A'))
    const asl = graphToAsl(run(graph, plan.commands)) as { States: Record<string, JsonObject> }
    expect(asl.States.A!.Next).toBe('Pass')
    const empty = aslToGraph({ StartAt: '', States: {} })
    const first = planAppend(empty, { positions: {}, sizes: {} }, pass, undefined)
    const asl2 = graphToAsl(run(empty, first.commands))
    expect(asl2).toEqual({ StartAt: 'Pass', States: { Pass: { Type: 'Pass', End: true } } })
  })
})

describe('duplicate, copy and paste', () => {
  it('duplicates next to the original', () => {
    const { graph, layout, id } = setup()
    const plan = planDuplicate(graph, layout, [id('A')])
    const after = run(graph, plan.commands)
    expect(after.states[plan.newIds[0]!]!.name).toBe('A (1)')
    expect(plan.layout.positions[plan.newIds[0]!]).toEqual({ x: 40, y: 40 })
  })

  it('copies the States subset and pastes it elsewhere with its arrangement', () => {
    const { graph, layout, id } = setup()
    const copied = copyStates(graph, layout, [id('A'), id('Done')], statesToAsl)!
    expect(Object.keys(copied.states)).toEqual(['A', 'Done'])
    expect(copied.offsets.Done).toEqual({ x: 0, y: 400 })
    const text = JSON.stringify(copied.states)
    const states = parseClipboardStates(text)!
    const plan = planPaste(graph, layout, states, copied.offsets, 'root', { x: 500, y: 0 })
    const after = run(graph, plan.commands)
    const names = plan.newIds.map((newId) => after.states[newId]!.name)
    expect(names).toEqual(['A (1)', 'Done (1)'])
    expect(plan.layout.positions[plan.newIds[1]!]).toEqual({ x: 500, y: 400 })
  })

  it('reads a whole definition or a States object from the clipboard, nothing else', () => {
    expect(parseClipboardStates(JSON.stringify(definition))).toEqual(definition.States)
    expect(parseClipboardStates('{"X":{"Type":"Pass","End":true}}')).toEqual({
      X: { Type: 'Pass', End: true },
    })
    expect(parseClipboardStates('hello')).toBeUndefined()
    expect(parseClipboardStates('{"X": 1}')).toBeUndefined()
    expect(parseClipboardStates('{}')).toBeUndefined()
  })
})

describe('connectChoices', () => {
  it('asks for a Choice between a new rule and the default', () => {
    const graph = aslToGraph({
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [] }, T: { Type: 'Task', Resource: 'x', Next: 'C' } },
    })
    const c = findStatesByName(graph, 'C')[0]!
    const t = findStatesByName(graph, 'T')[0]!
    expect(connectChoices(graph, c, 'out').map((x) => x.kind)).toEqual(['choice', 'default'])
    expect(connectChoices(graph, t, 'out').map((x) => x.kind)).toEqual(['next', 'catch'])
    expect(connectChoices(graph, t, 'catch').map((x) => x.kind)).toEqual(['catch'])
    expect(connectChoices(graph, c, 'catch')).toEqual([])
  })
})

describe('neighbour', () => {
  it('follows transitions up and down and siblings sideways', () => {
    const { graph, layout, id } = setup()
    expect(neighbour(graph, layout, id('A'), 'down')).toBe(id('Fan'))
    expect(neighbour(graph, layout, id('Fan'), 'up')).toBe(id('A'))
    expect(neighbour(graph, layout, id('A'), 'right')).toBeUndefined()
  })
})

describe('appending after a Choice', () => {
  it('makes the new state the Default when the Choice has none, else adds it unconnected', () => {
    const graph = aslToGraph({
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'D' }] },
        D: { Type: 'Succeed' },
      },
    })
    const c = findStatesByName(graph, 'C')[0]!
    const empty: Layout = { positions: {}, sizes: {} }
    const plan = planAppend(graph, empty, pass, c)
    const after = run(graph, plan.commands)
    expect(after.states[c]!.fields.Default).toBe('Pass')
    const plan2 = planAppend(after, plan.layout, pass, c)
    const after2 = run(after, plan2.commands)
    expect(after2.states[c]!.fields.Default).toBe('Pass')
    expect(after2.states[plan2.newIds[0]!]!.name).toBe('Pass (1)')
  })
})

describe('planMove', () => {
  it('only moves positions within the same scope (one step, normalized into the padding)', () => {
    const { graph, layout, id } = setup()
    const plan = planMove(graph, layout, [{ id: id('A'), position: { x: 300.4, y: 10 } }])!
    expect(plan.commands).toEqual([])
    expect(plan.layout.positions[id('A')]).toEqual({ x: 300, y: 10 })
    expect(planMove(graph, layout, [{ id: id('A'), position: { x: 0, y: 0 } }])).toBeUndefined()
  })

  it('moves a state dropped in a branch into that branch', () => {
    const { graph, layout, id } = setup()
    const geometry = computeGeometry(graph, layout)
    const children = graph.states[id('Fan')]!.children!
    const branch2 = children.kind === 'branches' ? children.scopeIds[1]! : ''
    const abs = geometry.absolute.get(branch2)!
    // A's centre lands inside branch 2, below B2.
    const plan = planMove(graph, layout, [
      { id: id('A'), position: { x: abs.x + 20, y: abs.y + 60 } },
    ])!
    expect(plan.commands).toEqual([{ type: 'moveStates', ids: [id('A')], scopeId: branch2 }])
    const after = run(graph, plan.commands)
    expect(after.states[id('A')]!.scopeId).toBe(branch2)
    expect(plan.layout.positions[id('A')]).toEqual({ x: 20, y: 60 })
    expect(plan.label).toBe('Move into the branch')
  })

  it('moves a state dragged out of its branch onto the machine', () => {
    const { graph, layout, id } = setup()
    const geometry = computeGeometry(graph, layout)
    const scope = graph.states[id('B1')]!.scopeId
    const abs = geometry.absolute.get(scope)!
    // Relative to its branch, B1 goes far to the right of the Parallel.
    const plan = planMove(graph, layout, [{ id: id('B1'), position: { x: 900, y: 0 } }])!
    const after = run(graph, plan.commands)
    expect(after.states[id('B1')]!.scopeId).toBe('root')
    expect(plan.layout.positions[id('B1')]).toEqual({ x: abs.x + 900, y: abs.y })
  })

  it('never moves a container into its own branch', () => {
    const { graph, layout, id } = setup()
    const plan = planMove(graph, layout, [{ id: id('Fan'), position: { x: 10, y: 130 } }])!
    expect(plan.commands).toEqual([])
  })
})
