import { describe, expect, it } from 'vitest'
import type { JsonValue } from '../../core/asl/types'
import { shorten, summarizeChoiceRule } from './choiceSummary'

describe('summarizeChoiceRule', () => {
  it.each<[JsonValue, string]>([
    [{ Variable: '$.amount', NumericGreaterThan: 100, Next: 'X' }, '$.amount > 100'],
    [{ Variable: '$.amount', NumericLessThanEquals: 5, Next: 'X' }, '$.amount <= 5'],
    [{ Variable: '$.type', StringEquals: 'gold', Next: 'X' }, '$.type == "gold"'],
    [{ Variable: '$.a', NumericGreaterThanPath: '$.b', Next: 'X' }, '$.a > $.b'],
    [{ Variable: '$.vip', BooleanEquals: true, Next: 'X' }, '$.vip == true'],
    [{ Variable: '$.name', StringMatches: 'log-*', Next: 'X' }, '$.name matches "log-*"'],
    [{ Variable: '$.items', IsPresent: true, Next: 'X' }, '$.items is present'],
    [{ Variable: '$.items', IsPresent: false, Next: 'X' }, '$.items is not present'],
    [
      { Variable: '$.when', TimestampLessThan: '2024-01-01T00:00:00Z', Next: 'X' },
      '$.when < "2024-01-01T00:00:00Z"',
    ],
    [
      {
        And: [
          { Variable: '$.a', NumericEquals: 1 },
          {
            Or: [
              { Variable: '$.b', IsNull: true },
              { Variable: '$.c', IsString: true },
            ],
          },
        ],
        Next: 'X',
      },
      '$.a == 1 and ($.b is null or $.c is a string)',
    ],
    [{ Not: { Variable: '$.x', IsPresent: true }, Next: 'X' }, 'not $.x is present'],
    [{ Condition: '{% $states.input.amount > 100 %}', Next: 'X' }, '$states.input.amount > 100'],
  ])('%j', (rule, expected) => {
    expect(summarizeChoiceRule(rule)).toBe(expected)
  })

  it('shortens long labels on one line', () => {
    expect(shorten('a\n  b', 10)).toBe('a b')
    expect(shorten('x'.repeat(40), 10)).toBe(`${'x'.repeat(9)}…`)
  })
})
