import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../../core/asl/types'
import { validateDefinition } from '../../core/asl/validate'
import {
  choiceToJsonata,
  conditionToChoice,
  convertState,
  pathToJsonata,
  simplePath,
  templateToValue,
} from './queryLanguage'

/** Errors the validator reports for one state placed in a machine of that language. */
function errorsOf(state: JsonObject, language: 'JSONPath' | 'JSONata'): string[] {
  const definition: JsonObject = {
    QueryLanguage: language,
    StartAt: 'S',
    States: { S: state, Done: { Type: 'Succeed' } },
  }
  return validateDefinition(definition)
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.code}: ${d.message}`)
}

describe('paths and templates', () => {
  it('converts reference paths with every root', () => {
    expect(pathToJsonata('$.a.b[0]', '$states.input')).toBe('$states.input.a.b[0]')
    expect(pathToJsonata('$', '$states.input')).toBe('$states.input')
    expect(pathToJsonata('$$.Execution.Id', '$states.input')).toBe('$states.context.Execution.Id')
    expect(pathToJsonata('$count.n', '$states.input')).toBe('$count.n')
    expect(pathToJsonata("$['my key'].x", '$states.input')).toBe('$states.input.`my key`.x')
    expect(pathToJsonata('$.items[*].id', '$states.input')).toBeUndefined()
  })

  it('converts templates with paths and intrinsics into {% %} values', () => {
    const template = {
      'id.$': '$.order.id',
      fixed: 'x',
      'msg.$': "States.Format('Order {} of {}', $.order.id, $$.Execution.Name)",
      nested: { 'n.$': 'States.ArrayLength($.items)' },
    }
    expect(templateToValue(template, '$states.input')).toEqual({
      id: '{% $states.input.order.id %}',
      fixed: 'x',
      msg: '{% "Order " & $string($states.input.order.id) & " of " & $string($states.context.Execution.Name) %}',
      nested: { n: '{% $count($states.input.items) %}' },
    })
  })

  it('recognises plain JSONata paths only', () => {
    expect(simplePath('$states.input.a[2].`b c`')).toEqual({
      root: 'input',
      steps: ['a', 2, 'b c'],
    })
    expect(simplePath('$x.y')).toEqual({ root: 'variable', variable: 'x', steps: ['y'] })
    expect(simplePath('$states.input.a + 1')).toBeUndefined()
  })
})

describe('JSONPath → JSONata', () => {
  it('turns the five I/O fields of a Task into Arguments and Output', () => {
    const task: JsonObject = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      InputPath: '$.order',
      Parameters: { FunctionName: 'f', 'Payload.$': '$' },
      ResultSelector: { 'body.$': '$.Payload' },
      ResultPath: '$.result',
      Next: 'Done',
    }
    const { definition, kept, converted } = convertState(task, 'JSONata')
    expect(kept).toEqual([])
    expect(converted).toContain('Parameters → Arguments')
    expect(definition).toEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: 'f', Payload: '{% $states.input.order %}' },
      Output: '{% $merge([$states.input, {"result": {"body": $states.result.Payload}}]) %}',
      Next: 'Done',
    })
    expect(Object.keys(definition)).toEqual(['Type', 'Resource', 'Arguments', 'Output', 'Next'])
    expect(errorsOf(definition, 'JSONata')).toEqual([])
  })

  it('keeps a ResultSelector-only output as an object', () => {
    const { definition } = convertState(
      {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        ResultSelector: { 'payload.$': '$.Payload', status: 'ok' },
        OutputPath: '$',
        End: true,
      },
      'JSONata',
    )
    expect(definition.Output).toEqual({ payload: '{% $states.result.Payload %}', status: 'ok' })
  })

  it('converts Choice rules, nested And/Not included, and the Path twins', () => {
    const choice: JsonObject = {
      Type: 'Choice',
      Choices: [
        {
          And: [
            { Variable: '$.amount', NumericGreaterThan: 100 },
            { Not: { Variable: '$.kind', StringEquals: 'gift' } },
          ],
          Next: 'Done',
        },
        { Variable: '$.name', StringMatches: 'log-*.txt', Next: 'Done' },
        { Variable: '$.when', TimestampLessThanPath: '$.deadline', Next: 'Done' },
        { Variable: '$.flag', IsPresent: false, Next: 'Done' },
      ],
      Default: 'Done',
    }
    const { definition, kept } = convertState(choice, 'JSONata')
    expect(kept).toEqual([])
    expect(definition.Choices).toEqual([
      {
        Condition: '{% ($states.input.amount > 100) and ($not($states.input.kind = "gift")) %}',
        Next: 'Done',
      },
      { Condition: '{% $contains($states.input.name, /^log-.*\\.txt$/) %}', Next: 'Done' },
      {
        Condition: '{% $toMillis($states.input.when) < $toMillis($states.input.deadline) %}',
        Next: 'Done',
      },
      { Condition: '{% $not($exists($states.input.flag)) %}', Next: 'Done' },
    ])
    expect(errorsOf(definition, 'JSONata')).toEqual([])
    const wait = convertState({ Type: 'Wait', SecondsPath: '$.delay', Next: 'Done' }, 'JSONata')
    expect(wait.definition).toEqual({
      Type: 'Wait',
      Seconds: '{% $states.input.delay %}',
      Next: 'Done',
    })
  })

  it('converts catchers, Assign and nested states that inherit the language', () => {
    const parallel: JsonObject = {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'In',
          States: {
            In: { Type: 'Pass', Result: { a: 1 }, ResultPath: '$.r', End: true },
            Own: { Type: 'Pass', QueryLanguage: 'JSONPath', OutputPath: '$.x', End: true },
          },
        },
      ],
      Assign: { 'total.$': '$[0].r.a' },
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Done' }],
      End: true,
    }
    const { definition } = convertState(parallel, 'JSONata')
    const branch = (definition.Branches as JsonObject[])[0]!
    expect((branch.States as JsonObject).In).toEqual({
      Type: 'Pass',
      Output: '{% $merge([$states.input, {"r": {"a":1}}]) %}',
      End: true,
    })
    const originalBranch = (parallel.Branches as JsonObject[])[0]!
    expect((branch.States as JsonObject).Own).toEqual((originalBranch.States as JsonObject).Own)
    expect(definition.Assign).toEqual({ total: '{% $states.result[0].r.a %}' })
    expect(definition.Catch).toEqual([
      {
        ErrorEquals: ['States.ALL'],
        Output: '{% $merge([$states.input, {"error": $states.errorOutput}]) %}',
        Next: 'Done',
      },
    ])
  })

  it('keeps what it cannot convert and says so', () => {
    const { definition, kept } = convertState(
      { Type: 'Pass', InputPath: '$.items[*].id', End: true },
      'JSONata',
    )
    expect(definition.InputPath).toBe('$.items[*].id')
    expect(kept.join('\n')).toMatch(/InputPath/)
  })
})

describe('JSONata → JSONPath', () => {
  it('turns plain-path Arguments, Output and twins back into JSONPath fields', () => {
    const task: JsonObject = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: 'f', Payload: '{% $states.input.order %}' },
      Output: '{% $states.result.Payload %}',
      TimeoutSeconds: '{% $states.input.timeout %}',
      Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.input %}', Next: 'Done' }],
      Next: 'Done',
    }
    const { definition, kept } = convertState(task, 'JSONPath')
    expect(kept).toEqual([])
    expect(definition).toEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'f', 'Payload.$': '$.order' },
      OutputPath: '$.Payload',
      TimeoutSecondsPath: '$.timeout',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: null, Next: 'Done' }],
      Next: 'Done',
    })
    expect(errorsOf(definition, 'JSONPath')).toEqual([])
  })

  it('round-trips what it wrote (ResultPath merge, simple conditions)', () => {
    const original: JsonObject = {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      ResultPath: '$.sns',
      Next: 'Done',
    }
    const there = convertState(original, 'JSONata').definition
    expect(convertState(there, 'JSONPath').definition).toEqual(original)
    expect(conditionToChoice('$states.input.n >= 5')).toEqual({
      Variable: '$.n',
      NumericGreaterThanEquals: 5,
    })
    expect(conditionToChoice('$states.input.s != "x"')).toEqual({
      Not: { Variable: '$.s', StringEquals: 'x' },
    })
    expect(conditionToChoice('$count($states.input.items) > 2')).toBeUndefined()
  })

  it('keeps a Condition it cannot turn into a rule', () => {
    const rule = { Condition: '{% $count($states.input.items) > 2 %}', Next: 'Done' }
    const { definition, kept } = convertState({ Type: 'Choice', Choices: [rule] }, 'JSONPath')
    expect(definition.Choices).toEqual([rule])
    expect(kept).toHaveLength(1)
  })
})

describe('choiceToJsonata', () => {
  it('handles type tests and Or', () => {
    expect(
      choiceToJsonata(
        {
          Or: [
            { Variable: '$.a', IsNumeric: true },
            { Variable: '$.b', IsNull: true },
          ],
        },
        '$states.input',
      ),
    ).toBe('($type($states.input.a) = "number") or ($states.input.b = null)')
  })
})
