import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { JsonObject, JsonValue } from '../asl/types'
import {
  applyInputPath,
  applyOutputPath,
  applyPayloadTemplate,
  applyResultPath,
  readPathField,
} from './dataflow'
import type { EvalEnv } from './env'
import { StatesError } from './errors'

const env: EvalEnv = {
  context: {
    Execution: { Input: { a: 1 }, Name: 'exec' },
    Map: { Item: { Value: 'v', Index: 0 } },
  },
  variables: { get: (n) => ({ greeting: 'hello', list: [1, 2, 3], timeout: 300 })[n] as JsonValue },
  runtime: { random: () => 0.25, uuid: () => 'uuid-1', partition: 'aws' },
}

function statesError(fn: () => unknown): StatesError {
  try {
    fn()
  } catch (e) {
    if (e instanceof StatesError) return e
    throw e
  }
  throw new Error('expected a StatesError')
}

describe('InputPath / OutputPath', () => {
  it('select, default to the value, and give {} for null', () => {
    const input = { a: { b: 1 }, list: [1, 2] }
    expect(applyInputPath(undefined, input, env)).toBe(input)
    expect(applyInputPath('$', input, env)).toBe(input)
    expect(applyInputPath(null, input, env)).toEqual({})
    expect(applyInputPath('$.a', input, env)).toBe(input.a)
    expect(applyOutputPath('$.list[*]', input, env)).toEqual([1, 2])
    expect(applyOutputPath('$$', input, env)).toBe(env.context)
    expect(applyOutputPath('$greeting', input, env)).toBe('hello')
  })

  it('fail with Jayway messages like AWS', () => {
    expect(statesError(() => applyInputPath('$.NoSuchInputPath', {}, env)).cause).toBe(
      "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']",
    )
    const e = statesError(() => applyOutputPath('$.no.such.result.path', {}, env))
    expect(e.error).toBe('States.Runtime')
    expect(e.cause).toBe("Invalid path '$.no.such.result.path' : Missing property in path $['no']")
  })

  it('an indefinite path that matches nothing gives []', () => {
    expect(applyInputPath('$.x[*]', {}, env)).toEqual([])
    expect(applyInputPath('$..x', { a: 1 }, env)).toEqual([])
  })
})

describe('payload templates', () => {
  it('resolves .$ keys with paths, context, variables and intrinsics; keeps the rest', () => {
    const template = {
      literal: 'text',
      'fromInput.$': '$.a.b',
      'whole.$': '$',
      'ctx.$': '$$.Map.Item.Value',
      'var.$': '$greeting',
      'fn.$': "States.Format('{}-{}', $.a.b, $greeting)",
      nested: { 'deep.$': '$.list[1]', arr: [{ 'x.$': '$.a' }, 'plain', 3] },
      notAPath: '$.a',
    }
    const input = { a: { b: 1 }, list: [10, 20] }
    expect(applyPayloadTemplate(template, input, env, 'Parameters')).toEqual({
      literal: 'text',
      fromInput: 1,
      whole: input,
      ctx: 'v',
      var: 'hello',
      fn: '1-hello',
      nested: { deep: 20, arr: [{ x: { b: 1 } }, 'plain', 3] },
      notAPath: '$.a',
    })
  })

  it('shares constant subtrees instead of copying them', () => {
    const constant = { deep: { big: [1, 2, 3] } }
    const template = { c: constant, 'v.$': '$.x' }
    const out = applyPayloadTemplate(template, { x: 1 }, env, 'Parameters') as JsonObject
    expect(out['c']).toBe(constant)
    const allConstant = { a: 1, b: { c: [2] } }
    expect(applyPayloadTemplate(allConstant, {}, env, 'Parameters')).toBe(allConstant)
  })

  it('an indefinite path yields an array, [] when nothing matches', () => {
    expect(
      applyPayloadTemplate({ 'v.$': '$.items[*].id' }, { items: [{ id: 1 }, { id: 2 }] }, env, 'P'),
    ).toEqual({
      v: [1, 2],
    })
    expect(applyPayloadTemplate({ 'v.$': '$.none[*]' }, {}, env, 'P')).toEqual({ v: [] })
  })

  it('a definite path that matches nothing fails with AWS wording', () => {
    const e = statesError(() =>
      applyPayloadTemplate(
        { 'value.$': '$.no_such_jsonpath' },
        { 'int-literal': 0 },
        env,
        'Parameters',
      ),
    )
    expect(e.error).toBe('States.Runtime')
    expect(e.cause).toBe(
      `The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{"int-literal":0}'`,
    )
    const e2 = statesError(() =>
      applyPayloadTemplate({ a: [{ 'x.$': '$$.Nope' }] }, {}, env, 'Parameters'),
    )
    expect(e2.cause).toContain("specified for the field 'x.$'")
  })

  it('invalid .$ values fail when evaluated, not when compiled', () => {
    expect(
      statesError(() => applyPayloadTemplate({ 'x.$': 'not a path' }, {}, env, 'P')).error,
    ).toBe('States.Runtime')
    expect(statesError(() => applyPayloadTemplate({ 'x.$': 5 }, {}, env, 'P')).error).toBe(
      'States.Runtime',
    )
  })

  it('never mutates its template or input (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const input = { a: value as JsonValue, list: [value as JsonValue] }
        const template = { 'a.$': '$.a', 'l.$': '$.list[*]', k: { 'z.$': '$' } }
        const before = JSON.stringify([input, template])
        applyPayloadTemplate(template, input, env, 'P')
        expect(JSON.stringify([input, template])).toBe(before)
      }),
      { numRuns: 100 },
    )
  })
})

describe('ResultPath', () => {
  const input = { a: { b: 1, keep: true }, list: [{ x: 1 }, { x: 2 }], s: 'str' }

  it('handles absent, null and $', () => {
    expect(applyResultPath(undefined, input, 5)).toBe(5)
    expect(applyResultPath('$', input, 0)).toBe(0)
    expect(applyResultPath(null, input, 5)).toBe(input)
  })

  it('writes at a reference path, copying only along it', () => {
    const out = applyResultPath('$.a.c', input, 42) as typeof input & { a: { c: number } }
    expect(out).toEqual({ ...input, a: { b: 1, keep: true, c: 42 } })
    expect(out.list).toBe(input.list)
    expect(input.a).toEqual({ b: 1, keep: true })
    expect(applyResultPath('$.list[1].x', input, 9)).toEqual({
      ...input,
      list: [{ x: 1 }, { x: 9 }],
    })
    expect(applyResultPath('$.list[-1]', input, 'z')).toEqual({ ...input, list: [{ x: 1 }, 'z'] })
    expect(applyResultPath("$['new key']", input, null)).toEqual({ ...input, 'new key': null })
  })

  it('creates missing objects on the way', () => {
    expect(applyResultPath('$.x.y.z', {}, 1)).toEqual({ x: { y: { z: 1 } } })
    expect(applyResultPath('$.enigma.mystery', { functionName: 'f' }, { riddle: 'r' })).toEqual({
      functionName: 'f',
      enigma: { mystery: { riddle: 'r' } },
    })
  })

  it('fails through non-objects with States.ResultPathMatchFailure', () => {
    const cases: [string, JsonValue][] = [
      ['$.s.x', input],
      ['$.x', 'text'],
      ['$.x', [1]],
      ['$.list[5]', input],
      ['$.a[0]', input],
      ['$.a.b.c', input],
    ]
    for (const [path, value] of cases) {
      const e = statesError(() => applyResultPath(path, value, 1))
      expect(e.error).toBe('States.ResultPathMatchFailure')
      expect(e.cause).toBe(
        `Unable to apply ReferencePath ${path} to input ${JSON.stringify(value)}`,
      )
    }
  })

  it('never mutates its input or result, and puts the result where a read finds it (property)', () => {
    const key = fc.stringMatching(/^[a-z]{1,3}$/)
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.jsonValue()),
        fc.array(key, { minLength: 1, maxLength: 4 }),
        fc.jsonValue(),
        (obj, keys, result) => {
          const input = obj as JsonObject
          const path = '$.' + keys.join('.')
          const before = JSON.stringify([input, result])
          let out: JsonValue
          try {
            out = applyResultPath(path, input, result as JsonValue)
          } catch (e) {
            expect(e).toBeInstanceOf(StatesError)
            expect(JSON.stringify([input, result])).toBe(before)
            return
          }
          expect(JSON.stringify([input, result])).toBe(before)
          expect(applyInputPath(path, out, env)).toEqual(result)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('readPathField', () => {
  it('reads paths, context, variables and intrinsics', () => {
    expect(readPathField('$.s', { s: 3 }, env, 'SecondsPath')).toBe(3)
    expect(readPathField('$timeout', {}, env, 'TimeoutSecondsPath')).toBe(300)
    expect(readPathField('$$.Execution.Name', {}, env, 'ErrorPath')).toBe('exec')
    expect(readPathField("States.Format('E{}', $.n)", { n: 1 }, env, 'ErrorPath')).toBe('E1')
  })

  it('fails with the wording AWS uses for each field', () => {
    expect(
      statesError(() => readPathField('$.ErrorX', { Error: 'e' }, env, 'ErrorPath')).cause,
    ).toBe(
      `The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{"Error":"e"}'`,
    )
    expect(
      statesError(() => readPathField('$.input.waitSeconds', {}, env, 'SecondsPath')).cause,
    ).toBe('The SecondsPath parameter does not reference an input value: $.input.waitSeconds')
    expect(
      statesError(() => readPathField('$.NoSuchTimeoutSecondsPath', {}, env, 'TimeoutSecondsPath'))
        .cause,
    ).toBe(
      "Invalid path '$.NoSuchTimeoutSecondsPath' : No results for path: $['NoSuchTimeoutSecondsPath']",
    )
  })
})
