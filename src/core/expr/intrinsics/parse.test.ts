import { describe, expect, it } from 'vitest'
import { ExpressionSyntaxError } from '../errors'
import { INTRINSIC_FUNCTIONS, looksLikeIntrinsic, parseIntrinsic } from './parse'

describe('parseIntrinsic', () => {
  it('knows the 18 functions', () => {
    expect(Object.keys(INTRINSIC_FUNCTIONS)).toHaveLength(18)
  })

  it('parses literals, paths and nested calls', () => {
    const call = parseIntrinsic(
      "States.Format('a {} \\' \\{ b', $.x[0], $$.Execution.Id, $v.y, 1.5, -2, true, null, States.UUID())",
    )
    expect(call.name).toBe('States.Format')
    expect(call.args.map((a) => a.kind)).toEqual([
      'literal',
      'path',
      'path',
      'path',
      'literal',
      'literal',
      'literal',
      'literal',
      'call',
    ])
    const first = call.args[0]!
    expect(first.kind === 'literal' && first.value).toBe("a {} ' { b")
    expect(first.kind === 'literal' && first.raw).toBe("a {} \\' \\{ b")
    expect(call.args.slice(4, 8).map((a) => a.kind === 'literal' && a.value)).toEqual([
      1.5,
      -2,
      true,
      null,
    ])
  })

  it('keeps commas inside path brackets', () => {
    const call = parseIntrinsic("States.Array($.a[0,1], $['x,y'])")
    expect(call.args).toHaveLength(2)
  })

  it('tells intrinsics from paths', () => {
    expect(looksLikeIntrinsic('States.Format()')).toBe(true)
    expect(looksLikeIntrinsic('$.States')).toBe(false)
  })

  it.each([
    ['States.Nope(1)', 0],
    ['States.ArrayLength()', 0],
    ['States.UUID(1)', 0],
    ["States.Format('x'", 0],
    ["States.Format('x", 14],
    ['States.Format(1 2)', 16],
    ['States.Array($.a[)', 17],
    ['States.UUID() x', 14],
  ])('rejects %j at offset %i', (source, offset) => {
    let error: unknown
    try {
      parseIntrinsic(source)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ExpressionSyntaxError)
    expect((error as ExpressionSyntaxError).offset).toBe(offset)
  })
})
