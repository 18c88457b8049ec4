import { beforeEach, describe, expect, it } from 'vitest'
import type { JsonObject } from '../core/asl/types'
import { findStatesByName } from '../core/graph/model'
import {
  resetDocumentStore,
  selectDefinition,
  selectDiagnostics,
  selectDiagnosticsByState,
  stateIdForPath,
  useDocumentStore,
} from './documentStore'

const definition: JsonObject = {
  Comment: 'Two steps',
  StartAt: 'First',
  States: {
    First: { Type: 'Pass', Next: 'Second' },
    Second: { Type: 'Succeed' },
  },
}

const store = () => useDocumentStore.getState()
const idOf = (name: string) => findStatesByName(store().graph, name)[0]!

describe('documentStore', () => {
  beforeEach(() => {
    resetDocumentStore()
    store().openDocument({ definition })
  })

  it('opens a document with an empty history', () => {
    expect(selectDefinition(store())).toEqual(definition)
    expect(store().canUndo).toBe(false)
    expect(store().canRedo).toBe(false)
  })

  it('applies several commands as one undo step', () => {
    const first = idOf('First')
    store().apply(
      [
        { type: 'renameState', id: first, name: 'Start here' },
        { type: 'setField', target: { stateId: first }, path: ['Comment'], value: 'hi' },
      ],
      { label: 'Rename and comment' },
    )
    expect(selectDefinition(store()).States).toEqual({
      'Start here': { Type: 'Pass', Next: 'Second', Comment: 'hi' },
      Second: { Type: 'Succeed' },
    })
    expect(store().canUndo).toBe(true)
    expect(store().undoLabel).toBe('Rename and comment')
    store().undo()
    expect(selectDefinition(store())).toEqual(definition)
    expect(store().canUndo).toBe(false)
    expect(store().canRedo).toBe(true)
    expect(store().redoLabel).toBe('Rename and comment')
    store().redo()
    expect(Object.keys(selectDefinition(store()).States as JsonObject)).toEqual([
      'Start here',
      'Second',
    ])
    expect(store().canRedo).toBe(false)
  })

  it('gives each apply its own step and clears redo on a new edit', () => {
    store().apply({ type: 'addState', scopeId: 'root', stateType: 'Wait' })
    store().apply({ type: 'addState', scopeId: 'root', stateType: 'Fail' })
    expect(Object.keys(selectDefinition(store()).States as JsonObject)).toEqual([
      'First',
      'Second',
      'Wait',
      'Fail',
    ])
    store().undo()
    expect(Object.keys(selectDefinition(store()).States as JsonObject)).toHaveLength(3)
    store().apply({ type: 'addState', scopeId: 'root', stateType: 'Pass' })
    expect(store().canRedo).toBe(false)
    store().undo()
    store().undo()
    expect(selectDefinition(store())).toEqual(definition)
  })

  it('changes nothing when a command fails', () => {
    const graph = store().graph
    expect(() =>
      store().apply([
        { type: 'addState', scopeId: 'root', stateType: 'Pass' },
        { type: 'renameState', id: idOf('First'), name: 'Second' },
      ]),
    ).toThrow(/already named/)
    expect(store().graph).toBe(graph)
    expect(store().canUndo).toBe(false)
  })

  it('records no step for a command that changes nothing', () => {
    store().apply({ type: 'renameState', id: idOf('First'), name: 'First' })
    expect(store().canUndo).toBe(false)
  })

  it('keeps ids, and so positions, by name when the definition is replaced', () => {
    const first = idOf('First')
    const second = idOf('Second')
    store().setLayout({
      positions: { [first]: { x: 1, y: 2 }, [second]: { x: 3, y: 4 } },
      sizes: {},
    })
    store().replaceDefinition({
      StartAt: 'First',
      States: {
        First: { Type: 'Pass', Next: 'Third' },
        Third: { Type: 'Succeed' },
      },
    })
    expect(idOf('First')).toBe(first)
    expect(findStatesByName(store().graph, 'Second')).toEqual([])
    expect(store().layout.positions).toEqual({ [first]: { x: 1, y: 2 } })
    store().undo()
    expect(idOf('Second')).toBe(second)
    expect(store().layout.positions[second]).toEqual({ x: 3, y: 4 })
  })

  it('does not record replacing the definition with the same one', () => {
    store().replaceDefinition(structuredClone(definition))
    expect(store().canUndo).toBe(false)
  })

  it('makes layout changes undoable unless told otherwise', () => {
    const first = idOf('First')
    store().setLayout({ positions: { [first]: { x: 0, y: 0 } }, sizes: {} }, { undoable: false })
    expect(store().canUndo).toBe(false)
    store().setLayout({ positions: { [first]: { x: 50, y: 0 } }, sizes: {} })
    expect(store().undoLabel).toBe('Move')
    store().undo()
    expect(store().layout.positions[first]).toEqual({ x: 0, y: 0 })
  })

  it('replaces the layout in the same step as the commands', () => {
    store().apply(
      { type: 'addState', scopeId: 'root', stateType: 'Pass', name: 'New' },
      { layout: { positions: { x: { x: 9, y: 9 } }, sizes: {} } },
    )
    expect(store().layout.positions.x).toEqual({ x: 9, y: 9 })
    store().undo()
    expect(store().layout.positions.x).toBeUndefined()
    expect(findStatesByName(store().graph, 'New')).toEqual([])
  })

  it('undoes the workflow type', () => {
    store().setWorkflowType('EXPRESS')
    expect(store().workflowType).toBe('EXPRESS')
    store().undo()
    expect(store().workflowType).toBe('STANDARD')
  })

  it('memoizes derived data by graph identity', () => {
    const a = selectDefinition(store())
    expect(selectDefinition(store())).toBe(a)
    const d = selectDiagnostics(store())
    expect(selectDiagnostics(store())).toBe(d)
    expect(selectDiagnosticsByState(store())).toBe(selectDiagnosticsByState(store()))
    store().apply({ type: 'addState', scopeId: 'root', stateType: 'Pass' })
    expect(selectDefinition(store())).not.toBe(a)
    expect(selectDiagnostics(store())).not.toBe(d)
  })

  it('finds the state a diagnostic is about', () => {
    store().apply({ type: 'addState', scopeId: 'root', stateType: 'Pass', name: 'Lonely' })
    const diagnostics = selectDiagnostics(store())
    const unreachable = diagnostics.find((d) => d.statePath.includes('Lonely'))
    expect(unreachable).toBeDefined()
    expect(stateIdForPath(store().graph, unreachable!.path)).toBe(idOf('Lonely'))
    expect(selectDiagnosticsByState(store()).get(idOf('Lonely'))).toContain(unreachable)
    expect(stateIdForPath(store().graph, ['Comment'])).toBeUndefined()
  })

  it('validates with the workflow type', () => {
    store().replaceDefinition({
      StartAt: 'Run',
      States: {
        Run: { Type: 'Task', Resource: 'arn:aws:states:::ecs:runTask.sync', End: true },
      },
    })
    const standard = selectDiagnostics(store()).filter((d) => d.severity === 'error')
    store().setWorkflowType('EXPRESS')
    const express = selectDiagnostics(store()).filter((d) => d.severity === 'error')
    expect(express.length).toBeGreaterThan(standard.length)
  })

  it('bounds the history', () => {
    for (let i = 0; i < 210; i++)
      store().apply({ type: 'setMachineField', key: 'Comment', value: `c${i}` })
    let steps = 0
    while (store().canUndo) {
      store().undo()
      steps++
    }
    expect(steps).toBe(200)
  })
})
