import { describe, expect, it } from 'vitest'
import { firstDifference, formatLocation } from './jsonDiff'

describe('firstDifference', () => {
  it('finds no difference in equal values', () => {
    expect(
      firstDifference({ a: [1, { b: null }], c: 'x' }, { a: [1, { b: null }], c: 'x' }),
    ).toBeUndefined()
  })

  it('reports values, missing and extra keys, lengths and key order with a location', () => {
    expect(
      firstDifference(
        { States: { 'My state': { Next: 'A' } } },
        { States: { 'My state': { Next: 'B' } } },
      ),
    ).toEqual({
      kind: 'value',
      path: ['States', 'My state', 'Next'],
      location: "$.States['My state'].Next",
      expected: 'A',
      actual: 'B',
    })
    expect(firstDifference({ a: 1, b: 2 }, { a: 1 })).toMatchObject({
      kind: 'missing',
      location: '$.b',
      expected: 2,
    })
    const extra = firstDifference({ a: 1 }, { a: 1, z: false })
    expect(extra).toMatchObject({ kind: 'extra', location: '$.z', actual: false })
    expect(extra).not.toHaveProperty('expected')
    expect(firstDifference({ r: [1, 2] }, { r: [1] })).toMatchObject({
      kind: 'length',
      location: '$.r',
      expected: 2,
      actual: 1,
    })
    expect(firstDifference({ a: 1, b: 2 }, { b: 2, a: 1 })).toEqual({
      kind: 'key-order',
      path: [],
      location: '$',
      expected: ['a', 'b'],
      actual: ['b', 'a'],
    })
    expect(firstDifference([{ x: 1 }], [[1]])).toMatchObject({ kind: 'value', location: '$[0]' })
    expect(firstDifference(1, '1')).toMatchObject({ kind: 'value', expected: 1, actual: '1' })
  })

  it('formats locations JSONPath-style', () => {
    expect(formatLocation([])).toBe('$')
    expect(formatLocation(['States', 'a b', 'Retry', 0, 'x_1'])).toBe(
      "$.States['a b'].Retry[0].x_1",
    )
    expect(formatLocation(["it's", 'back\\slash'])).toBe("$['it\\'s']['back\\\\slash']")
  })
})
