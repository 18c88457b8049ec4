import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { JsonValue } from '../../asl/types'
import type { EvalEnv, StatesBinding } from '../env'
import { StatesError } from '../errors'
import { compileJsonata } from './compile'
import {
  containsJsonata,
  evaluateJsonataExpression,
  evaluateJsonataValue,
  jsonataBody,
  unexpectedJsonataType,
} from './evaluate'

function makeEnv(vars: Record<string, JsonValue> = {}): EvalEnv {
  let n = 0
  return {
    context: {
      State: { Name: 'S', EnteredTime: '2024-02-29T10:20:30.123Z' },
      Execution: { Name: 'e' },
    },
    variables: { get: (name) => vars[name] },
    runtime: {
      random: () => [0.1, 0.9][n++ % 2]!,
      uuid: () => `uuid-${++n}`,
      partition: 'aws',
    },
  }
}

const states = (input: JsonValue, extra: Partial<StatesBinding> = {}): StatesBinding => ({
  input,
  context: makeEnv().context,
  ...extra,
})

async function evalValue(
  value: JsonValue,
  input: JsonValue = {},
  vars: Record<string, JsonValue> = {},
  extra = {},
) {
  const env = makeEnv(vars)
  return evaluateJsonataValue(
    value,
    { ...states(input, extra), context: env.context },
    env,
    'Output',
  )
}

async function failure(p: Promise<unknown>): Promise<StatesError> {
  try {
    await p
  } catch (e) {
    if (e instanceof StatesError) return e
    throw e
  }
  throw new Error('expected a StatesError')
}

describe('jsonataBody', () => {
  it('recognises whole {% %} strings only', () => {
    expect(jsonataBody('{% $x %}')).toBe('$x')
    expect(jsonataBody('{%$x%}')).toBe('$x')
    expect(jsonataBody('a {% $x %}')).toBeUndefined()
    expect(jsonataBody('{% $x')).toBeUndefined()
    expect(jsonataBody(3)).toBeUndefined()
  })
})

describe('evaluateJsonataValue', () => {
  it('evaluates expressions anywhere in a value; keys and other strings stay', async () => {
    const value = {
      literal: 'text {% not me %}',
      'key {% $x %}': '{% $states.input.a + 1 %}',
      nested: [1, '{% $states.input.list[1] %}', { v: '{% $greeting %}' }],
    }
    expect(await evalValue(value, { a: 1, list: [5, 6] }, { greeting: 'hi' })).toEqual({
      literal: 'text {% not me %}',
      'key {% $x %}': 2,
      nested: [1, 6, { v: 'hi' }],
    })
  })

  it('returns a value without expressions unchanged', async () => {
    const value = { a: [1, { b: 'x' }] }
    expect(await evalValue(value)).toBe(value)
    expect(containsJsonata(value)).toBe(false)
    expect(containsJsonata({ a: ['{% 1 %}'] })).toBe(true)
  })

  it('binds $states.input, .result, .errorOutput and .context', async () => {
    expect(
      await evalValue(
        {
          i: '{% $states.input.x %}',
          r: '{% $states.result.y %}',
          e: '{% $states.errorOutput.Error %}',
          c: '{% $states.context.State.Name %}',
        },
        { x: 1 },
        {},
        { result: { y: 2 }, errorOutput: { Error: 'E', Cause: 'c' } },
      ),
    ).toEqual({ i: 1, r: 2, e: 'E', c: 'S' })
  })

  it('gives plain JSON: no sequences, no prototype-less objects', async () => {
    const out = (await evalValue('{% $states.input.items.{"id": id} %}', {
      items: [{ id: 1 }, { id: 2 }],
    })) as JsonValue[]
    expect(out).toEqual([{ id: 1 }, { id: 2 }])
    expect(Object.getPrototypeOf(out[0])).toBe(Object.prototype)
    expect(Object.prototype.hasOwnProperty.call(out, 'sequence')).toBe(false)
  })

  it('keeps null, and fails when an expression returns nothing', async () => {
    expect(await evalValue({ v: '{% $states.input.bar %}' }, { bar: null })).toEqual({ v: null })
    const e = await failure(evalValue({ error: '{% $stateError %}' }))
    expect(e.error).toBe('States.QueryEvaluationError')
    expect(e.cause).toBe(
      "The JSONata expression '$stateError' specified for the field 'Output/error' returned nothing (undefined).",
    )
  })

  it('reports evaluation errors with the code and field path', async () => {
    const e = await failure(
      evalValue({ FunctionResult: '{% $randomSeeded($states.input.fst) %}' }, { fst: 1 }),
    )
    expect(e.cause).toBe(
      "The JSONata expression '$randomSeeded($states.input.fst)' specified for the field 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a non-function",
    )
    const e2 = await failure(evalValue(['{% 1 %}', '{% $undefinedFn() %}']))
    expect(e2.cause).toContain("for the field 'Output[1]'")
    const e3 = await failure(evalValue({ a: { b: [1, '{% $nope %}'] } }))
    expect(e3.cause).toContain("for the field 'Output/a/b[1]'")
  })

  it('refuses $eval like AWS (not a function)', async () => {
    const e = await failure(evalValue('{% $eval("1 + 1") %}'))
    expect(e.error).toBe('States.QueryEvaluationError')
    expect(e.cause).toContain('T1006: Attempted to invoke a non-function')
  })

  it('has no context item: the input is only $states.input', async () => {
    expect(await evalValue({ v: '{% $exists(a) %}' }, { a: 1 })).toEqual({ v: false })
  })

  it('writes non-finite numbers as strings', async () => {
    expect(await evalValue('{% 1/0 %}')).toBe('Infinity')
    expect(await evalValue('{% -1/0 %}')).toBe('-Infinity')
  })
})

describe("AWS's JSONata functions", () => {
  it('$partition, $range, $parse', async () => {
    expect(await evalValue('{% $partition([1,2,3,4,5], 2) %}')).toEqual([[1, 2], [3, 4], [5]])
    expect(await evalValue('{% $partition([1,2,3,4,5], 2.9) %}')).toEqual([[1, 2], [3, 4], [5]])
    expect(await evalValue('{% $range(0, 10, 2) %}')).toEqual([0, 2, 4, 6, 8, 10])
    expect(await evalValue('{% $range(-1.7, 2, 1) %}')).toEqual([-1, 0, 1, 2])
    expect(await evalValue('{% $range(10, 0, -5) %}')).toEqual([10, 5, 0])
    expect(await evalValue('{% $range(3, 3, 1) %}')).toBe(3)
    for (const degenerate of [
      '$partition([1], 0)',
      '$partition([], 2)',
      '$range(1, 3)',
      '$range(1, 3, -1)',
      "$hash('x')",
    ]) {
      const e = await failure(evalValue({ v: `{% ${degenerate} %}` }))
      expect(e.cause, degenerate).toContain('returned nothing (undefined)')
    }
    expect(await evalValue(`{% $parse('{"a": [1]}') %}`)).toEqual({ a: [1] })
    expect((await failure(evalValue("{% $parse('{') %}"))).error).toBe(
      'States.QueryEvaluationError',
    )
  })

  it('$hash', async () => {
    expect(await evalValue("{% $hash('input data', 'MD5') %}")).toBe(
      '812f45842bc6d66ee14572ce20db8e86',
    )
    expect(await evalValue("{% $hash('input data', 'SHA-256') %}")).toBe(
      'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3',
    )
  })

  it('$random, $random(seed), $uuid come from the runtime or the seed', async () => {
    expect(await evalValue('{% [$random(), $random()] %}')).toEqual([0.1, 0.9])
    expect(await evalValue('{% $random(0) %}')).toBe(0.730967787376657)
    expect(await evalValue('{% $random(42) = $random(42) %}')).toBe(true)
    expect(await evalValue('{% $uuid() %}')).toBe('uuid-1')
  })

  it('$now and $millis read the virtual clock', async () => {
    expect(await evalValue('{% $millis() %}')).toBe(Date.parse('2024-02-29T10:20:30.123Z'))
    expect(await evalValue('{% $now() %}')).toBe('2024-02-29T10:20:30.123Z')
    expect(await evalValue("{% $now('[Y0001]-[M01]') %}")).toBe('2024-02')
  })

  it('variables shadow nothing of AWS and read the scope', async () => {
    expect(await evalValue('{% $x + $y %}', {}, { x: 1, y: 2 })).toBe(3)
    expect(await evalValue('{% ($x := 5; $x) %}', {}, { x: 1 })).toBe(5)
  })
})

describe('evaluateJsonataExpression and type errors', () => {
  it('returns undefined for nothing', async () => {
    const env = makeEnv()
    expect(await evaluateJsonataExpression('$nothing', states({}), env, 'Items')).toBeUndefined()
  })

  it('words type errors like AWS', () => {
    expect(unexpectedJsonataType('$ItemsVar', 'Items', 'array', 'string').cause).toBe(
      `The JSONata expression '$ItemsVar' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'string' for value: "string"`,
    )
    expect(unexpectedJsonataType('$v', 'Items', 'array', { foo: 'bar' }).cause).toContain(
      `but was 'object' for value: {"foo":"bar"}`,
    )
  })

  it('syntax errors become States.QueryEvaluationError', async () => {
    const e = await failure(evaluateJsonataExpression('1 +', states({}), makeEnv(), 'Output'))
    expect(e.error).toBe('States.QueryEvaluationError')
  })
})

describe('the fast path for plain references', () => {
  it('gives what jsonata gives (property)', async () => {
    const key = fc.constantFrom('a', 'b', 'c')
    const { node } = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom(null, 1, 'x', true),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 3 }),
      ),
    }))
    await fc.assert(
      fc.asyncProperty(
        node,
        fc.array(key, { maxLength: 3 }),
        fc.boolean(),
        async (input, steps, viaVariable) => {
          const value = input as JsonValue
          const env = makeEnv({ v: value })
          const body = (viaVariable ? '$v' : '$states.input') + steps.map((s) => `.${s}`).join('')
          const ours = await evaluateJsonataExpression(
            body,
            { input: value, context: {} },
            env,
            'F',
          )
          const raw: unknown = await compileJsonata(body).evaluate(value, {
            states: { input: value, context: {} },
            v: value,
          })
          expect(ours).toEqual(raw === undefined ? undefined : JSON.parse(JSON.stringify(raw)))
        },
      ),
      { numRuns: 300 },
    )
  })
})
