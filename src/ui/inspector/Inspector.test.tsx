// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { JsonObject } from '../../core/asl/types'
import { useDocumentStore } from '../../state/documentStore'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { useSectionMemory } from '../common/Section'
import { Inspector } from './Inspector'
import {
  definition,
  idOf,
  openWith,
  replaceAndBlur,
  stateAsl,
  typeAndEnter,
  undoDepth,
} from './testing'

afterEach(cleanup)
beforeEach(() => useSectionMemory.setState({ open: {} }))

const LAMBDA = 'arn:aws:states:::lambda:invoke'

function machine(states: JsonObject, startAt = Object.keys(states)[0]!): JsonObject {
  return { StartAt: startAt, States: states }
}

describe('Inspector', () => {
  it('shows the workflow settings when nothing is selected and edits them in one step', () => {
    openWith(machine({ A: { Type: 'Pass', End: true } }))
    render(<Inspector />)
    expect(screen.getByTestId('inspector-machine')).toBeTruthy()
    typeAndEnter(screen.getByTestId('machine-timeout'), '3600')
    expect(definition().TimeoutSeconds).toBe(3600)
    fireEvent.click(screen.getByTestId('machine-type-EXPRESS'))
    expect(useDocumentStore.getState().workflowType).toBe('EXPRESS')
    expect(undoDepth()).toBe(2)
  })

  it('switches the workflow to JSONata, converting the states that inherit it, in one step', () => {
    openWith(
      machine({
        A: { Type: 'Pass', OutputPath: '$.order', Next: 'B' },
        B: { Type: 'Wait', QueryLanguage: 'JSONPath', SecondsPath: '$.delay', End: true },
      }),
    )
    render(<Inspector />)
    fireEvent.change(screen.getByTestId('machine-query-language'), {
      target: { value: 'JSONata' },
    })
    expect(definition()).toEqual({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Output: '{% $states.input.order %}', Next: 'B' },
        // JSONPath is not allowed inside a JSONata workflow: converted, its override dropped.
        B: { Type: 'Wait', Seconds: '{% $states.input.delay %}', End: true },
      },
      QueryLanguage: 'JSONata',
    })
    expect(undoDepth()).toBe(1)
  })

  it('renames a state and every reference to it, as one undo step', () => {
    openWith(
      machine({
        Check: {
          Type: 'Choice',
          Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Work' }],
          Default: 'Work',
        },
        Work: {
          Type: 'Task',
          Resource: LAMBDA,
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Work' }],
          End: true,
        },
      }),
      ['Work'],
    )
    render(<Inspector />)
    typeAndEnter(screen.getByTestId('inspector-name'), 'Charge card')
    const states = definition().States as JsonObject
    expect(Object.keys(states)).toEqual(['Check', 'Charge card'])
    expect(stateAsl('Check')).toEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Charge card' }],
      Default: 'Charge card',
    })
    expect((stateAsl('Charge card').Catch as JsonObject[])[0]!.Next).toBe('Charge card')
    expect(undoDepth()).toBe(1)
    // The selection survives the rename (ids are stable) and the form shows the new name.
    expect(screen.getByRole('heading', { name: 'Charge card' })).toBeTruthy()
  })

  it('refuses a taken name and says why, without changing the document', () => {
    openWith(machine({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } }), ['B'])
    render(<Inspector />)
    typeAndEnter(screen.getByTestId('inspector-name'), 'A')
    expect(screen.getByRole('alert').textContent).toMatch(/already named 'A'/)
    expect(Object.keys(definition().States as JsonObject)).toEqual(['A', 'B'])
    expect(undoDepth()).toBe(0)
  })

  it('adds and edits a retrier: typing a field is one undo step, not one per key', () => {
    openWith(machine({ Work: { Type: 'Task', Resource: LAMBDA, End: true } }), ['Work'])
    render(<Inspector />)
    fireEvent.click(screen.getByTestId('retry-add'))
    expect(stateAsl('Work').Retry).toEqual([
      { ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 },
    ])
    // New keys are written where Workflow Studio puts them: before End.
    expect(Object.keys(stateAsl('Work'))).toEqual(['Type', 'Resource', 'Retry', 'End'])

    typeAndEnter(screen.getByTestId('retry-0-max-attempts'), '12')
    const errors = screen.getByTestId('retry-0-error-equals')
    fireEvent.change(errors, {
      target: { value: 'Lambda.ServiceException, Lambda.TooManyRequestsException' },
    })
    fireEvent.keyDown(errors, { key: 'Enter' })
    fireEvent.change(screen.getByTestId('retry-0-jitter'), { target: { value: 'FULL' } })
    expect(stateAsl('Work').Retry).toEqual([
      {
        ErrorEquals: ['Lambda.ServiceException', 'Lambda.TooManyRequestsException'],
        IntervalSeconds: 1,
        MaxAttempts: 12,
        BackoffRate: 2,
        JitterStrategy: 'FULL',
      },
    ])
    expect(undoDepth()).toBe(4)
    act(() => useDocumentStore.getState().undo())
    act(() => useDocumentStore.getState().undo())
    act(() => useDocumentStore.getState().undo())
    expect((stateAsl('Work').Retry as JsonObject[])[0]!.MaxAttempts).toBe(3)
    // The form follows the document after undo.
    expect((screen.getByTestId('retry-0-max-attempts') as HTMLInputElement).value).toBe('3')
  })

  it('rejects an out-of-range value as you type and never commits it', () => {
    openWith(machine({ Work: { Type: 'Task', Resource: LAMBDA, End: true } }), ['Work'])
    render(<Inspector />)
    fireEvent.click(screen.getByTestId('retry-add'))
    const backoff = screen.getByTestId('retry-0-backoff-rate')
    replaceAndBlur(backoff, '0.5')
    expect(screen.getByRole('alert').textContent).toMatch(/smallest allowed value is 1/)
    expect((stateAsl('Work').Retry as JsonObject[])[0]!.BackoffRate).toBe(2)
    fireEvent.keyDown(backoff, { key: 'Escape' })
    expect((backoff as HTMLInputElement).value).toBe('2')
  })

  it('adds a catcher and points it at a state with the Next picker', () => {
    openWith(
      machine({
        Work: { Type: 'Task', Resource: LAMBDA, End: true },
        Oops: { Type: 'Pass', Next: 'Failed' },
        Failed: { Type: 'Fail', Error: 'Boom' },
      }),
      ['Work'],
    )
    render(<Inspector />)
    fireEvent.click(screen.getByTestId('catch-add'))
    expect(stateAsl('Work').Catch).toEqual([{ ErrorEquals: ['States.ALL'], Next: 'Failed' }])
    fireEvent.change(screen.getByTestId('catch-0-next'), { target: { value: 'Oops' } })
    typeAndEnter(screen.getByTestId('catch-0-result-path'), '$.error')
    expect(stateAsl('Work').Catch).toEqual([
      { ErrorEquals: ['States.ALL'], Next: 'Oops', ResultPath: '$.error' },
    ])
    // A second catcher goes before the catch-all, which must stay last.
    fireEvent.click(screen.getByTestId('catch-add'))
    expect((stateAsl('Work').Catch as JsonObject[]).map((c) => c.ErrorEquals)).toEqual([
      ['States.TaskFailed'],
      ['States.ALL'],
    ])
  })

  it('builds a nested And/Not Choice rule and writes the right ASL', () => {
    openWith(
      machine({
        Route: { Type: 'Choice', Choices: [], Default: 'Small' },
        Big: { Type: 'Succeed' },
        Small: { Type: 'Succeed' },
      }),
      ['Route'],
    )
    render(<Inspector />)
    fireEvent.click(screen.getByTestId('choice-rule-add'))
    fireEvent.change(screen.getByTestId('choice-rule-0-kind'), { target: { value: 'And' } })
    // First condition: $.amount > 100
    typeAndEnter(screen.getByTestId('choice-rule-0-0-variable'), '$.amount')
    fireEvent.change(screen.getByTestId('choice-rule-0-0-operator'), {
      target: { value: 'NumericGreaterThan' },
    })
    typeAndEnter(screen.getByTestId('choice-rule-0-0-value'), '100')
    // Second condition: not ($.country == "FR")
    fireEvent.change(screen.getByTestId('choice-rule-0-1-kind'), { target: { value: 'Not' } })
    typeAndEnter(screen.getByTestId('choice-rule-0-1-0-variable'), '$.country')
    typeAndEnter(screen.getByTestId('choice-rule-0-1-0-value'), 'FR')
    fireEvent.change(screen.getByTestId('choice-rule-0-next'), { target: { value: 'Big' } })

    expect(stateAsl('Route')).toEqual({
      Type: 'Choice',
      Choices: [
        {
          And: [
            { Variable: '$.amount', NumericGreaterThan: 100 },
            { Not: { Variable: '$.country', StringEquals: 'FR' } },
          ],
          Next: 'Big',
        },
      ],
      Default: 'Small',
    })
    expect(screen.getByTestId('choice-rule-0').textContent).toContain(
      '$.amount > 100 and not ($.country == "FR") → Big',
    )
    // A Boolean operator takes a true/false menu and writes a boolean.
    fireEvent.change(screen.getByTestId('choice-rule-0-0-operator'), {
      target: { value: 'BooleanEquals' },
    })
    fireEvent.change(screen.getByTestId('choice-rule-0-0-value'), { target: { value: 'false' } })
    const and = (stateAsl('Route').Choices as JsonObject[])[0]!.And as JsonObject[]
    expect(and[0]).toEqual({ Variable: '$.amount', BooleanEquals: false })
    fireEvent.change(screen.getByTestId('choice-default'), { target: { value: '' } })
    expect(stateAsl('Route').Default).toBeUndefined()
  })

  it('edits JSONata rules as Conditions', () => {
    openWith(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'Route',
        States: { Route: { Type: 'Choice', Choices: [] }, Done: { Type: 'Succeed' } },
      },
      ['Route'],
    )
    render(<Inspector />)
    fireEvent.click(screen.getByTestId('choice-rule-add'))
    expect(screen.queryByTestId('choice-rule-0-variable')).toBeNull()
    const condition = screen.getByTestId('choice-rule-0-condition')
    replaceAndBlur(condition, '{% $states.input.total > %}')
    expect(screen.getByRole('alert').textContent).toMatch(/JSONata/)
    replaceAndBlur(condition, '{% $states.input.total > 10 %}')
    fireEvent.change(screen.getByTestId('choice-rule-0-next'), { target: { value: 'Done' } })
    expect(stateAsl('Route').Choices).toEqual([
      { Condition: '{% $states.input.total > 10 %}', Next: 'Done' },
    ])
  })

  it('switches a Map to distributed mode and a Task to the .sync pattern', () => {
    openWith(
      machine({
        M: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } },
          End: true,
        },
        J: { Type: 'Task', Resource: 'arn:aws:states:::ecs:runTask', End: true },
      }),
      ['M'],
    )
    render(<Inspector />)
    expect(screen.queryByTestId('map-item-reader')).toBeNull()
    fireEvent.change(screen.getByTestId('map-mode'), { target: { value: 'DISTRIBUTED' } })
    expect(stateAsl('M').ItemProcessor).toEqual({
      ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
      StartAt: 'I',
      States: { I: { Type: 'Pass', End: true } },
    })
    expect(screen.getByTestId('map-item-reader')).toBeTruthy()
    fireEvent.change(screen.getByTestId('map-execution-type'), { target: { value: 'EXPRESS' } })
    expect((stateAsl('M').ItemProcessor as JsonObject).ProcessorConfig).toEqual({
      Mode: 'DISTRIBUTED',
      ExecutionType: 'EXPRESS',
    })
    cleanup()
    act(() => useWorkspaceStore.getState().select([idOf('J')]))
    render(<Inspector />)
    fireEvent.change(screen.getByTestId('task-resource-pattern'), { target: { value: 'sync' } })
    expect(stateAsl('J').Resource).toBe('arn:aws:states:::ecs:runTask.sync')
  })

  it('offers every operator of the ASL in the operator menu', () => {
    openWith(
      machine({
        Route: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'Done' }] },
        Done: { Type: 'Succeed' },
      }),
      ['Route'],
    )
    render(<Inspector />)
    const options = within(screen.getByTestId('choice-rule-0-operator'))
      .getAllByRole('option')
      .map((o) => (o as HTMLOptionElement).value)
    expect(options).toHaveLength(17 + 16 + 6)
    expect(options).toContain('TimestampGreaterThanEqualsPath')
    expect(options).toContain('StringMatches')
    expect(options).toContain('IsTimestamp')
  })

  it('switches a state from JSONPath to JSONata fields, converting them', () => {
    openWith(
      machine({
        Work: {
          Type: 'Task',
          Resource: LAMBDA,
          Parameters: { FunctionName: 'fn', 'Payload.$': '$.order' },
          ResultSelector: { 'total.$': '$.Payload.total' },
          End: true,
        },
      }),
      ['Work'],
    )
    render(<Inspector />)
    expect(screen.getByTestId('io-parameters')).toBeTruthy()
    expect(screen.queryByTestId('io-arguments')).toBeNull()
    fireEvent.change(screen.getByTestId('inspector-query-language'), {
      target: { value: 'JSONata' },
    })
    expect(stateAsl('Work')).toEqual({
      Type: 'Task',
      QueryLanguage: 'JSONata',
      Resource: LAMBDA,
      Arguments: { FunctionName: 'fn', Payload: '{% $states.input.order %}' },
      Output: { total: '{% $states.result.Payload.total %}' },
      End: true,
    })
    expect(screen.getByTestId('io-arguments')).toBeTruthy()
    expect(screen.getByTestId('io-output')).toBeTruthy()
    expect(screen.queryByTestId('io-parameters')).toBeNull()
    expect(screen.getByRole('status').textContent).toMatch(/Parameters → Arguments/)
    expect(undoDepth()).toBe(1)
    // JSONata fields take a bare {% %} expression, without JSON quotes, and check it.
    const output = screen.getByTestId('io-output')
    replaceAndBlur(output, '{% $states.result.Payload. %}')
    expect(screen.getByRole('alert').textContent).toMatch(/JSONata/)
    replaceAndBlur(output, '{% $states.result.Payload %}')
    expect(stateAsl('Work').Output).toBe('{% $states.result.Payload %}')
    expect((output as HTMLTextAreaElement).value).toBe('{% $states.result.Payload %}')
  })

  it('asks before switching when something cannot be converted, and keeps it', () => {
    openWith(machine({ P: { Type: 'Pass', InputPath: '$.items[*]', End: true } }), ['P'])
    render(<Inspector />)
    fireEvent.change(screen.getByTestId('inspector-query-language'), {
      target: { value: 'JSONata' },
    })
    expect(screen.getByRole('alertdialog').textContent).toMatch(/InputPath/)
    expect(undoDepth()).toBe(0)
    fireEvent.click(screen.getByTestId('query-language-confirm'))
    expect(stateAsl('P')).toEqual({
      Type: 'Pass',
      QueryLanguage: 'JSONata',
      InputPath: '$.items[*]',
      End: true,
    })
    // The kept JSONPath field is listed with the fields the form does not cover.
    expect(screen.getByTestId('other-InputPath')).toBeTruthy()
  })

  it('validates a JSON editor as you type and commits only valid JSON', () => {
    openWith(machine({ P: { Type: 'Pass', End: true } }), ['P'])
    render(<Inspector />)
    const editor = screen.getByTestId('io-parameters')
    replaceAndBlur(editor, '{\n  "a": 1\n  "b.$": "$.x"\n}')
    expect(screen.getByRole('alert').textContent).toMatch(/^Line 3, column 3: Expected ','/)
    expect(stateAsl('P').Parameters).toBeUndefined()
    replaceAndBlur(editor, '{ "b.$": "$..[" }')
    expect(screen.getByRole('alert').textContent).toMatch(/"b\.\$"/)
    replaceAndBlur(editor, '{ "a": 1, "b.$": "$.x" }')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(stateAsl('P')).toEqual({
      Type: 'Pass',
      Parameters: { a: 1, 'b.$': '$.x' },
      End: true,
    })
    expect(undoDepth()).toBe(1)
    // Clearing the editor removes the field.
    replaceAndBlur(editor, '')
    expect(stateAsl('P').Parameters).toBeUndefined()
  })

  it('switches the Wait form in one step, removing the other form', () => {
    openWith(machine({ W: { Type: 'Wait', Seconds: 5, End: true } }), ['W'])
    render(<Inspector />)
    fireEvent.click(screen.getByTestId('wait-mode-TimestampPath'))
    typeAndEnter(screen.getByTestId('wait-value'), '$.when')
    expect(stateAsl('W')).toEqual({ Type: 'Wait', TimestampPath: '$.when', End: true })
    expect(undoDepth()).toBe(1)
  })

  it('keeps unknown fields, shows them, and edits them as JSON', () => {
    openWith(machine({ P: { Type: 'Pass', Vendor: { x: 1 }, End: true } }), ['P'])
    render(<Inspector />)
    expect(screen.getByTestId('other-fields').textContent).toMatch(/Not an ASL field of a Pass/)
    typeAndEnter(screen.getByTestId('inspector-comment'), 'hello')
    expect(stateAsl('P')).toEqual({ Type: 'Pass', Comment: 'hello', Vendor: { x: 1 }, End: true })
    replaceAndBlur(screen.getByTestId('other-Vendor'), '{"x": 2}')
    expect(stateAsl('P').Vendor).toEqual({ x: 2 })
  })

  it('shows field diagnostics next to the field', () => {
    openWith(machine({ W: { Type: 'Task', Resource: 'not-an-arn', End: true } }), ['W'])
    render(<Inspector />)
    const resource = screen.getByTestId('task-resource').closest('[data-field="Resource"]')!
    expect(resource.textContent).toMatch(/INVALID_RESOURCE/)
  })

  it('adds and removes Parallel branches', () => {
    openWith(
      machine({
        Par: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }],
          End: true,
        },
      }),
      ['Par'],
    )
    render(<Inspector />)
    fireEvent.click(screen.getByTestId('branch-add'))
    expect((stateAsl('Par').Branches as JsonObject[]).length).toBe(2)
    fireEvent.click(screen.getByTestId('branch-0-remove'))
    expect(stateAsl('Par').Branches).toEqual([{ States: {} }])
  })

  it('summarises a multi-selection and narrows it to one state', () => {
    openWith(machine({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } }), ['A', 'B'])
    render(<Inspector />)
    expect(screen.getByTestId('inspector-multi').textContent).toMatch(/2 states selected/)
    fireEvent.click(screen.getAllByTestId('inspector-multi-item')[1]!)
    expect(useWorkspaceStore.getState().selectedIds).toHaveLength(1)
    expect(screen.getByTestId('inspector-name')).toBeTruthy()
  })
})
