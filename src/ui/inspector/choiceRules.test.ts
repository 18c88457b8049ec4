import { describe, expect, it } from 'vitest'
import {
  ALL_OPERATORS,
  defaultOperand,
  operandKind,
  summarizeExpression,
  withChildAdded,
  withChildRemoved,
  withKind,
  withOperator,
  withVariable,
} from './choiceRules'
import {
  addErrorNames,
  describeResource,
  integrationPattern,
  withIntegrationPattern,
} from './presets'

describe('choice rule edits', () => {
  const rule = { Variable: '$.n', NumericEquals: 3, Next: 'Done', Comment: 'c' }

  it('changes operator keeping the variable, a fitting operand and the rule keys', () => {
    expect(withOperator(rule, 'NumericGreaterThan')).toEqual({
      Variable: '$.n',
      NumericGreaterThan: 3,
      Next: 'Done',
      Comment: 'c',
    })
    expect(withOperator(rule, 'StringEquals')).toEqual({
      Variable: '$.n',
      StringEquals: '',
      Next: 'Done',
      Comment: 'c',
    })
    expect(withOperator(rule, 'IsNull').IsNull).toBe(true)
    expect(withVariable(rule, '$.m')).toEqual({ ...rule, Variable: '$.m' })
  })

  it('wraps and unwraps with And/Or/Not', () => {
    const and = withKind(rule, 'And')
    expect(and).toEqual({
      And: [
        { Variable: '$.n', NumericEquals: 3 },
        { Variable: '$.value', StringEquals: '' },
      ],
      Next: 'Done',
      Comment: 'c',
    })
    expect(withKind(and, 'Or').Or).toEqual(and.And)
    expect(withChildRemoved(withChildAdded(and), 2)).toEqual(and)
    expect(withKind(rule, 'Not')).toEqual({
      Not: { Variable: '$.n', NumericEquals: 3 },
      Next: 'Done',
      Comment: 'c',
    })
    expect(withKind(withKind(rule, 'Not'), 'comparison')).toEqual({
      Variable: '$.n',
      NumericEquals: 3,
      Next: 'Done',
      Comment: 'c',
    })
  })

  it('knows an operand kind and a default for every operator', () => {
    for (const op of ALL_OPERATORS) expect(defaultOperand(op)).not.toBeUndefined()
    expect(operandKind('TimestampLessThanEqualsPath')).toBe('path')
    expect(operandKind('StringMatches')).toBe('pattern')
    expect(operandKind('IsTimestamp')).toBe('test')
  })

  it('summarises rules for card headers', () => {
    expect(
      summarizeExpression({
        Or: [
          { Variable: '$.a', IsPresent: false },
          {
            And: [
              { Variable: '$.b', StringEqualsPath: '$.c' },
              { Variable: '$.d', BooleanEquals: true },
            ],
          },
        ],
      }),
    ).toBe('$.a is not present or ($.b == $.c and $.d == true)')
    expect(summarizeExpression({ Condition: '{% $states.input.x > 1 %}' })).toBe(
      '$states.input.x > 1',
    )
  })
})

describe('presets', () => {
  it('keeps States.ALL alone in ErrorEquals', () => {
    expect(addErrorNames(['States.ALL'], ['Lambda.ServiceException'])).toEqual([
      'Lambda.ServiceException',
    ])
    expect(addErrorNames(['A', 'B'], ['States.ALL'])).toEqual(['States.ALL'])
    expect(addErrorNames(['A'], ['A', 'B'])).toEqual(['A', 'B'])
  })

  it('reads and changes the integration pattern of a resource', () => {
    expect(integrationPattern('arn:aws:states:::ecs:runTask.sync')).toBe('sync')
    expect(withIntegrationPattern('arn:aws:states:::ecs:runTask.sync', 'callback')).toBe(
      'arn:aws:states:::ecs:runTask.waitForTaskToken',
    )
    expect(withIntegrationPattern('arn:aws:states:::states:startExecution', 'sync')).toBe(
      'arn:aws:states:::states:startExecution.sync:2',
    )
    expect(describeResource('arn:aws:states:::aws-sdk:s3:listBuckets')).toBe(
      'AWS SDK: s3 listBuckets',
    )
    expect(describeResource('arn:aws:states:::sqs:sendMessage.waitForTaskToken')).toBe(
      'SQS: SendMessage (wait for callback)',
    )
  })
})
