import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../core/asl/diagnostics'
import { applyCommand } from '../../core/graph/commands'
import { aslToGraph, findStatesByName } from '../../core/graph/model'
import type { Layout } from '../../core/graph/layoutMap'
import {
  createProjector,
  END_MARKER_ID,
  START_MARKER_ID,
  type CanvasNode,
  type StateNodeData,
} from './projection'

const graph = aslToGraph({
  StartAt: 'Route',
  States: {
    Route: {
      Type: 'Choice',
      Choices: [{ Variable: '$.amount', NumericGreaterThan: 100, Next: 'Charge' }],
      Default: 'Fan',
    },
    Charge: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Retry: [{ ErrorEquals: ['States.ALL'] }],
      Catch: [{ ErrorEquals: ['States.TaskFailed', 'Custom'], Next: 'Failed' }],
      Next: 'Fan',
    },
    Fan: {
      Type: 'Parallel',
      Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }],
      End: true,
    },
    Failed: { Type: 'Fail' },
  },
})
const id = (name: string) => findStatesByName(graph, name)[0]!
const layout: Layout = {
  positions: {
    [id('Route')]: { x: 0, y: 0 },
    [id('Charge')]: { x: 0, y: 120 },
    [id('Fan')]: { x: 0, y: 240 },
    [id('A')]: { x: 20, y: 36 },
    [id('Failed')]: { x: 300, y: 120 },
  },
  sizes: {},
}
const none = new Map<string, Diagnostic[]>()

function data(node: CanvasNode | undefined): StateNodeData {
  return node!.data as StateNodeData
}

describe('projection', () => {
  it('projects states, containers, scopes and markers with parents first', () => {
    const { nodes } = createProjector()({ graph, layout, selectedIds: [], problems: none })
    const types = Object.fromEntries(nodes.map((n) => [n.id, n.type]))
    expect(types[id('Route')]).toBe('state')
    expect(types[id('Fan')]).toBe('container')
    const a = nodes.find((n) => n.id === id('A'))!
    const scope = nodes.find((n) => n.id === a.parentId)!
    expect(scope.type).toBe('scope')
    expect(scope.parentId).toBe(id('Fan'))
    expect(nodes.indexOf(scope)).toBeLessThan(nodes.indexOf(a))
    expect(nodes.indexOf(nodes.find((n) => n.id === id('Fan'))!)).toBeLessThan(nodes.indexOf(scope))
    expect(types[START_MARKER_ID]).toBe('marker')
    expect(types[END_MARKER_ID]).toBe('marker')
  })

  it('describes each state for its node', () => {
    const { nodes } = createProjector()({ graph, layout, selectedIds: [], problems: none })
    const charge = data(nodes.find((n) => n.id === id('Charge')))
    expect(charge).toMatchObject({
      name: 'Charge',
      stateType: 'Task',
      detail: 'Lambda: Invoke',
      retryCount: 1,
      catchCount: 1,
      canCatch: true,
      isStart: false,
    })
    expect(data(nodes.find((n) => n.id === id('Route')))).toMatchObject({
      isStart: true,
      detail: '1 rule + default',
      canCatch: false,
    })
    expect(data(nodes.find((n) => n.id === id('Failed')))).toMatchObject({
      canContinue: false,
      isEnd: true,
    })
  })

  it('labels edges by kind', () => {
    const { edges } = createProjector()({ graph, layout, selectedIds: [], problems: none })
    const byId = Object.fromEntries(edges.map((e) => [e.id, e]))
    expect(byId[`${id('Route')}:choice:0`]!.data!.label).toBe('$.amount > 100')
    expect(byId[`${id('Route')}:default`]!.data!.label).toBe('Default')
    expect(byId[`${id('Charge')}:catch:0`]!.data!.label).toBe('States.TaskFailed, Custom')
    expect(byId[`${id('Charge')}:catch:0`]!.sourceHandle).toBe('catch')
    expect(byId['start:root']!.target).toBe(id('Route'))
    expect(byId[`end:${id('Fan')}`]!.target).toBe(END_MARKER_ID)
    expect(byId[`end:${id('Failed')}`]).toBeDefined()
    // Transitions inside a branch have no end edge of the workflow.
    expect(byId[`end:${id('A')}`]).toBeUndefined()
  })

  it('starts every edge at a handle every state node has (Succeed and Fail reach End too)', () => {
    const { nodes, edges } = createProjector()({ graph, layout, selectedIds: [], problems: none })
    const kinds = new Map(nodes.map((n) => [n.id, n.type]))
    for (const edge of edges) {
      if (edge.source === START_MARKER_ID) continue
      expect(['state', 'container'], edge.id).toContain(kinds.get(edge.source))
      expect(['out', 'catch'], edge.id).toContain(edge.sourceHandle)
    }
    const failed = edges.find((e) => e.id === `end:${id('Failed')}`)!
    expect(failed).toMatchObject({ sourceHandle: 'out', target: END_MARKER_ID })
  })

  it('hands nodes to React Flow with their size as measured', () => {
    const { nodes } = createProjector()({ graph, layout, selectedIds: [], problems: none })
    for (const node of nodes) {
      expect(node.measured, node.id).toEqual({ width: node.width, height: node.height })
    }
  })

  it('reuses the objects of nodes and edges that did not change', () => {
    const project = createProjector()
    const first = project({ graph, layout, selectedIds: [], problems: none })
    const renamed = applyCommand(graph, { type: 'renameState', id: id('Failed'), name: 'Oops' })
    const second = project({ graph: renamed, layout, selectedIds: [id('Route')], problems: none })
    const find = (p: typeof first, nodeId: string) => p.nodes.find((n) => n.id === nodeId)
    expect(find(second, id('Fan'))).toBe(find(first, id('Fan')))
    expect(find(second, id('A'))).toBe(find(first, id('A')))
    expect(find(second, id('Failed'))).not.toBe(find(first, id('Failed')))
    expect(find(second, id('Route'))).not.toBe(find(first, id('Route')))
    expect(find(second, id('Route'))!.selected).toBe(true)
    const edge = (p: typeof first, edgeId: string) => p.edges.find((e) => e.id === edgeId)
    expect(edge(second, `${id('Route')}:default`)).toBe(edge(first, `${id('Route')}:default`))
  })

  it('puts diagnostics on the state they are about', () => {
    const problems = new Map([
      [
        id('Charge'),
        [{ severity: 'error', message: 'Bad', code: 'X', path: [], statePath: [] } as Diagnostic],
      ],
    ])
    const { nodes } = createProjector()({ graph, layout, selectedIds: [], problems })
    expect(data(nodes.find((n) => n.id === id('Charge'))).problems).toEqual([
      { severity: 'error', message: 'Bad' },
    ])
  })
})
