import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { JsonObject, JsonValue } from '../asl/types'
import { evaluateChoiceRule, stringMatches } from './choice'
import type { EvalEnv } from './env'
import { StatesError } from './errors'

const env: EvalEnv = {
  context: { Execution: { Name: 'exec' } },
  variables: { get: (n) => ({ limit: 10, when: '2020-01-01T00:00:00Z' })[n] as JsonValue },
  runtime: { random: () => 0, uuid: () => 'u', partition: 'aws' },
}

const rule = (r: JsonObject, input: JsonValue) =>
  evaluateChoiceRule(r, 'JSONPath', input, env) as boolean

function runtimeError(fn: () => unknown): StatesError {
  try {
    fn()
  } catch (e) {
    if (e instanceof StatesError) return e
    throw e
  }
  throw new Error('expected a StatesError')
}

const VALUES: JsonValue[] = [
  null,
  0,
  1,
  1.5,
  -1,
  '',
  ' ',
  'x',
  '1',
  true,
  false,
  [],
  [1],
  {},
  { a: 1 },
]

describe('JSONPath comparisons', () => {
  it('numeric operators compare numbers and are false for every other type', () => {
    for (const v of VALUES) {
      const n = typeof v === 'number'
      expect(rule({ Variable: '$.v', NumericEquals: 1 }, { v })).toBe(n && v === 1)
      expect(rule({ Variable: '$.v', NumericLessThan: 1 }, { v })).toBe(n && (v as number) < 1)
      expect(rule({ Variable: '$.v', NumericGreaterThan: 0 }, { v })).toBe(n && (v as number) > 0)
      expect(rule({ Variable: '$.v', NumericLessThanEquals: 1 }, { v })).toBe(
        n && (v as number) <= 1,
      )
      expect(rule({ Variable: '$.v', NumericGreaterThanEquals: 1.5 }, { v })).toBe(
        n && (v as number) >= 1.5,
      )
    }
    expect(rule({ Variable: '$.v', NumericEquals: 1 }, { v: 1.0 })).toBe(true)
  })

  it('string operators compare code units; other types are false', () => {
    expect(rule({ Variable: '$.v', StringEquals: 'Hello' }, { v: 'Hello' })).toBe(true)
    expect(rule({ Variable: '$.v', StringEquals: '\t\r\n' }, { v: '\t\n' })).toBe(false)
    expect(rule({ Variable: '$.v', StringLessThan: 'AB' }, { v: 'A' })).toBe(true)
    expect(rule({ Variable: '$.v', StringGreaterThan: 'A ' }, { v: 'A' })).toBe(false)
    expect(rule({ Variable: '$.v', StringGreaterThanEquals: 'a' }, { v: 'b' })).toBe(true)
    expect(rule({ Variable: '$.v', StringLessThanEquals: 'B' }, { v: 'a' })).toBe(false)
    for (const v of VALUES.filter((x) => typeof x !== 'string')) {
      expect(rule({ Variable: '$.v', StringEquals: '1' }, { v })).toBe(false)
    }
  })

  it('BooleanEquals', () => {
    expect(rule({ Variable: '$.v', BooleanEquals: true }, { v: true })).toBe(true)
    expect(rule({ Variable: '$.v', BooleanEquals: false }, { v: true })).toBe(false)
    expect(rule({ Variable: '$.v', BooleanEquals: false }, { v: 0 })).toBe(false)
  })

  it('timestamp operators parse RFC 3339, with offsets and fractions', () => {
    const t = (op: string, v: string, operand: string) =>
      rule({ Variable: '$.v', [op]: operand }, { v })
    expect(t('TimestampEquals', '2012-10-09T19:00:55Z', '2012-10-09T19:00:55Z')).toBe(true)
    expect(t('TimestampEquals', '2012-10-09T21:00:55+02:00', '2012-10-09T19:00:55Z')).toBe(true)
    expect(t('TimestampLessThan', '2012-10-09T19:00:55Z', '2012-10-09T19:00:56Z')).toBe(true)
    expect(
      t('TimestampGreaterThan', '2012-10-09T19:00:55.000000002Z', '2012-10-09T19:00:55.000000001Z'),
    ).toBe(true)
    expect(t('TimestampGreaterThanEquals', '2012-10-09T19:00:55Z', '2012-10-09T19:00:55Z')).toBe(
      true,
    )
    expect(t('TimestampLessThanEquals', '2012-10-09T19:00:56Z', '2012-10-09T19:00:55Z')).toBe(false)
    expect(t('TimestampEquals', 'not a date', '2012-10-09T19:00:55Z')).toBe(false)
    expect(t('TimestampEquals', '2012-10-09t19:00:55z', '2012-10-09T19:00:55Z')).toBe(false)
  })

  it('…Path twins read the operand from the input, the context or a variable', () => {
    expect(rule({ Variable: '$.v', NumericEqualsPath: '$.w' }, { v: 1, w: 1 })).toBe(true)
    expect(rule({ Variable: '$.v', NumericLessThanPath: '$limit' }, { v: 1 })).toBe(true)
    expect(rule({ Variable: '$.v', StringEqualsPath: '$$.Execution.Name' }, { v: 'exec' })).toBe(
      true,
    )
    expect(
      rule({ Variable: '$.v', TimestampGreaterThanPath: '$when' }, { v: '2021-01-01T00:00:00Z' }),
    ).toBe(true)
    expect(rule({ Variable: '$.v', BooleanEqualsPath: '$.w' }, { v: true, w: 'true' })).toBe(false)
  })

  it('reads variables as the Variable', () => {
    expect(rule({ Variable: '$limit', NumericEquals: 10 }, {})).toBe(true)
  })
})

describe('StringMatches', () => {
  it.each([
    ['log-*.txt', 'log-2024.txt', true],
    ['log-*.txt', 'log-.txt', true],
    ['log-*.txt', 'log-a.txt.bak', false],
    ['*', '', true],
    ['a*b*c', 'aXXbYYc', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'aXb', false],
    ['a\\\\*', 'a\\anything', true],
    ['exact', 'exact', true],
    ['exa.t', 'exact', false],
    ['(x)', '(x)', true],
    ['line*', 'line1\nline2', true],
  ])('%j matches %j: %s', (pattern, value, expected) => {
    expect(stringMatches(value, pattern)).toBe(expected)
    expect(rule({ Variable: '$.v', StringMatches: pattern }, { v: value })).toBe(expected)
  })

  it('is false for non-strings', () => {
    expect(rule({ Variable: '$.v', StringMatches: '*' }, { v: 1 })).toBe(false)
  })
})

describe('type tests', () => {
  it('IsNull, IsString, IsNumeric, IsBoolean and their exact negations', () => {
    const tests: [string, (v: JsonValue) => boolean][] = [
      ['IsNull', (v) => v === null],
      ['IsString', (v) => typeof v === 'string'],
      ['IsNumeric', (v) => typeof v === 'number'],
      ['IsBoolean', (v) => typeof v === 'boolean'],
    ]
    for (const [op, expected] of tests) {
      for (const v of VALUES) {
        expect(rule({ Variable: '$.v', [op]: true }, { v })).toBe(expected(v))
        expect(rule({ Variable: '$.v', [op]: false }, { v })).toBe(!expected(v))
      }
    }
  })

  it('IsPresent is the one test that accepts a missing path', () => {
    expect(rule({ Variable: '$.v', IsPresent: true }, { v: null })).toBe(true)
    expect(rule({ Variable: '$.v', IsPresent: true }, {})).toBe(false)
    expect(rule({ Variable: '$.v', IsPresent: false }, {})).toBe(true)
    expect(rule({ Variable: '$.a.b.c', IsPresent: false }, { a: 1 })).toBe(true)
  })

  it('IsTimestamp follows the RFC 3339 profile ASL uses', () => {
    const yes = [
      '2016-03-14T01:59:00Z',
      '2016-03-14T01:59:00.123Z',
      '2016-03-14T01:59:00+05:30',
      '2024-02-29T00:00:00Z',
    ]
    const no = [
      '2016-03-14 01:59:00Z',
      '2016-03-14T01:59Z',
      '2016-03-14t01:59:00z',
      '2023-02-29T00:00:00Z',
      '2016-13-01T00:00:00Z',
      '2016-03-14T24:00:00Z',
      '2016-03-14T01:59:00',
      1,
      null,
    ]
    for (const v of yes) expect(rule({ Variable: '$.v', IsTimestamp: true }, { v }), v).toBe(true)
    for (const v of no)
      expect(rule({ Variable: '$.v', IsTimestamp: true }, { v }), String(v)).toBe(false)
    expect(rule({ Variable: '$.v', IsTimestamp: false }, { v: 'x' })).toBe(true)
  })
})

describe('And, Or, Not', () => {
  it('combine rules', () => {
    const input = { a: 1, b: 'x' }
    const a1 = { Variable: '$.a', NumericEquals: 1 }
    const bx = { Variable: '$.b', StringEquals: 'x' }
    const no = { Variable: '$.a', NumericEquals: 2 }
    expect(rule({ And: [a1, bx] }, input)).toBe(true)
    expect(rule({ And: [a1, no] }, input)).toBe(false)
    expect(rule({ Or: [no, bx] }, input)).toBe(true)
    expect(rule({ Not: no }, input)).toBe(true)
    expect(rule({ Not: { And: [a1, { Or: [no, { Not: bx }] }] } }, input)).toBe(true)
  })

  it('stop at the first decisive rule, like AWS', () => {
    // the second rule would fail on a missing path, but Or never evaluates it
    expect(
      rule(
        {
          Or: [
            { Variable: '$.a', IsPresent: true },
            { Variable: '$.none', NumericEquals: 1 },
          ],
        },
        { a: 1 },
      ),
    ).toBe(true)
  })
})

describe('errors', () => {
  it('a missing Variable is States.Runtime', () => {
    const e = runtimeError(() => rule({ Variable: '$.missing', NumericEquals: 1 }, {}))
    expect(e.error).toBe('States.Runtime')
    expect(e.cause).toBe(
      "Invalid path '$.missing': The choice state's condition path references an invalid value.",
    )
    expect(runtimeError(() => rule({ Variable: '$.missing', IsNull: true }, {})).error).toBe(
      'States.Runtime',
    )
    expect(
      runtimeError(() => rule({ Variable: '$.v', NumericEqualsPath: '$.nope' }, { v: 1 })).cause,
    ).toContain("'$.nope'")
  })
})

describe('JSONata Condition', () => {
  it('evaluates to a boolean', async () => {
    expect(
      await evaluateChoiceRule(
        { Condition: '{% $states.input.n > 1 %}' },
        'JSONata',
        { n: 2 },
        env,
      ),
    ).toBe(true)
    expect(await evaluateChoiceRule({ Condition: '{% $limit = 10 %}' }, 'JSONata', {}, env)).toBe(
      true,
    )
    expect(evaluateChoiceRule({ Condition: false }, 'JSONata', {}, env)).toBe(false)
  })

  it('fails with States.QueryEvaluationError on other types', async () => {
    await expect(
      evaluateChoiceRule({ Condition: '{% "yes" %}' }, 'JSONata', {}, env),
    ).rejects.toMatchObject({
      error: 'States.QueryEvaluationError',
      cause: `The JSONata expression '"yes"' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was 'string' for value: "yes"`,
    })
    await expect(
      evaluateChoiceRule(
        { Condition: '{% $nothing %}' },
        'JSONata',
        {},
        env,
        'Choices[1]/Condition',
      ),
    ).rejects.toMatchObject({
      error: 'States.QueryEvaluationError',
      cause:
        "The JSONata expression '$nothing' specified for the field 'Choices[1]/Condition' returned nothing (undefined).",
    })
  })
})

describe('StringMatches (property)', () => {
  it('a pattern without * or \\ matches exactly itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const pattern = a.replace(/[*\\]/g, '')
        expect(stringMatches(pattern, pattern)).toBe(true)
        expect(stringMatches(b, pattern)).toBe(b === pattern)
      }),
    )
  })

  it('prefix* matches every string with that prefix', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (prefix, rest) => {
        const literal = prefix.replace(/\\/g, '\\\\').replace(/\*/g, '\\*')
        expect(stringMatches(prefix + rest, literal + '*')).toBe(true)
      }),
    )
  })
})
