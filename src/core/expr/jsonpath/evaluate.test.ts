import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { JsonValue } from '../../asl/types'
import type { EvalEnv } from '../env'
import { explainNoMatch, normalizedPath, queryPath } from './evaluate'
import { parseJsonPath } from './parse'

const store = {
  store: {
    book: [
      { category: 'reference', author: 'Nigel Rees', title: 'Sayings', price: 8.95 },
      { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword', price: 12.99 },
      {
        category: 'fiction',
        author: 'Herman Melville',
        title: 'Moby Dick',
        isbn: '0-553',
        price: 8.99,
      },
      {
        category: 'fiction',
        author: 'J. R. R. Tolkien',
        title: 'LOTR',
        isbn: '0-395',
        price: 22.99,
      },
    ],
    bicycle: { color: 'red', price: 19.95 },
  },
  expensive: 10,
} as JsonValue

const env: EvalEnv = {
  context: { Execution: { Name: 'run' }, Map: { Item: { Index: 2 } } },
  variables: { get: (n) => (n === 'cfg' ? { limit: 9, tags: ['a', 'b'] } : undefined) },
  runtime: { random: () => 0.5, uuid: () => 'u', partition: 'aws' },
}

const q = (path: string, input: JsonValue = store) => queryPath(parseJsonPath(path), input, env)

describe('queryPath: definite paths', () => {
  it('reads properties, quoted names and indexes', () => {
    expect(q('$')).toBe(store)
    expect(q('$.store.bicycle.color')).toBe('red')
    expect(q("$['store']['bicycle']['color']")).toBe('red')
    expect(q('$.store.book[0].title')).toBe('Sayings')
    expect(q('$.store.book[-1].title')).toBe('LOTR')
    expect(q("$['a b']", { 'a b': 1 })).toBe(1)
    expect(q('$.a-b', { 'a-b': 2 })).toBe(2)
  })

  it('returns undefined when nothing matches', () => {
    expect(q('$.nope')).toBeUndefined()
    expect(q('$.store.book[10]')).toBeUndefined()
    expect(q('$.store.bicycle.color.x')).toBeUndefined()
    expect(q('$.expensive[0]')).toBeUndefined()
  })

  it('keeps null values', () => {
    expect(q('$.a', { a: null })).toBeNull()
  })

  it('reads the context object and variables', () => {
    expect(q('$$.Execution.Name')).toBe('run')
    expect(q('$$.Map.Item.Index')).toBe(2)
    expect(q('$cfg.limit')).toBe(9)
    expect(q('$cfg.tags[1]')).toBe('b')
    expect(q('$undefinedVar')).toBeUndefined()
  })

  it('merges several quoted names at the end of a path into one object', () => {
    expect(q("$.store.bicycle['color','price','none']")).toEqual({ color: 'red', price: 19.95 })
  })

  it('applies functions', () => {
    expect(q('$.store.book.length()')).toBe(4)
    expect(q('$.store.book[*].price.max()')).toBe(22.99)
    expect(q('$.store.book[*].price.min()')).toBe(8.95)
    expect(q('$..price.sum()')).toBeCloseTo(73.87)
    expect(q('$.store.bicycle.keys()')).toEqual(['color', 'price'])
  })
})

describe('queryPath: indefinite paths', () => {
  it('wildcards', () => {
    expect(q('$.store.book[*].author')).toEqual([
      'Nigel Rees',
      'Evelyn Waugh',
      'Herman Melville',
      'J. R. R. Tolkien',
    ])
    expect(q('$.store.bicycle.*')).toEqual(['red', 19.95])
    expect(q('$.store.book[*].isbn')).toEqual(['0-553', '0-395'])
    expect(q('$.nothing[*]')).toEqual([])
    expect(q('$.expensive[*]')).toEqual([])
  })

  it('slices, with negative bounds and steps', () => {
    const a = { a: [0, 1, 2, 3, 4, 5] }
    expect(q('$.a[1:3]', a)).toEqual([1, 2])
    expect(q('$.a[:2]', a)).toEqual([0, 1])
    expect(q('$.a[-2:]', a)).toEqual([4, 5])
    expect(q('$.a[:-4]', a)).toEqual([0, 1])
    expect(q('$.a[::2]', a)).toEqual([0, 2, 4])
    expect(q('$.a[::-1]', a)).toEqual([5, 4, 3, 2, 1, 0])
    expect(q('$.a[10:]', a)).toEqual([])
    expect(q('$.x[1:]', a)).toEqual([])
  })

  it('unions', () => {
    expect(q('$.store.book[0,2].title')).toEqual(['Sayings', 'Moby Dick'])
    expect(
      q("$.store['bicycle','expensive']['color']", {
        store: { bicycle: { color: 'red' }, expensive: 1 },
      }),
    ).toEqual(['red'])
  })

  it('deep scan', () => {
    expect(q('$..author')).toHaveLength(4)
    expect(q('$.store..price')).toEqual([8.95, 12.99, 8.99, 22.99, 19.95])
    expect(q('$..book[2].title')).toEqual(['Moby Dick'])
    expect(q('$..*', { a: { b: 1 }, c: [2] })).toEqual([{ b: 1 }, [2], 1, 2])
    expect(q('$..nope')).toEqual([])
  })

  it('deep scan, then more steps', () => {
    const doc = { a: { k: { x: 1, k: { x: 2 } } }, b: [{ k: [10, 20] }, { k: { x: 3 } }] }
    expect(q('$..k.x', doc)).toEqual([1, 2, 3])
    expect(q('$..k[1]', doc)).toEqual([20])
    expect(q('$..k[*]', doc)).toEqual([1, { x: 2 }, 2, 10, 20, 3])
    expect(q('$..b[-1:].k.x', doc)).toEqual([3])
  })

  it('deep scan of a name matches a plain pre-order walk (property)', () => {
    // The reference: every node in pre-order (object keys in order), then `.name` on it.
    const walk = (node: JsonValue, name: string, out: JsonValue[]): JsonValue[] => {
      if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
        if (Object.hasOwn(node, name)) out.push(node[name]!)
        for (const k of Object.keys(node)) walk(node[k]!, name, out)
      } else if (Array.isArray(node)) for (const v of node) walk(v, name, out)
      return out
    }
    const key = fc.constantFrom('a', 'b', 'c')
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 5 }).chain((v) => fc.tuple(fc.constant(v as JsonValue), key)),
        fc.dictionary(key, fc.jsonValue({ maxDepth: 3 })),
        ([doc, name], extra) => {
          const input = { ...extra, nested: [doc, { [name]: doc }] } as JsonValue
          expect(q(`$..${name}`, input)).toEqual(walk(input, name, []))
        },
      ),
      { numRuns: 200 },
    )
  })

  it('dot-bracket paths, as deployed definitions write them', () => {
    const list: JsonValue = [
      { body: 'b0', bucket: 'x', key: 'k0', other: 1 },
      { body: 'b1', bucket: 'y', key: 'k1' },
    ]
    expect(q('$.[0].body', list)).toBe('b0')
    expect(q("$.[*].['bucket', 'key']", list)).toEqual([
      { bucket: 'x', key: 'k0' },
      { bucket: 'y', key: 'k1' },
    ])
    expect(q('$.Snapshots.[0].State', { Snapshots: [{ State: 'available' }] })).toBe('available')
  })

  it('filters with comparisons, logic and existence', () => {
    expect(q('$.store.book[?(@.price < 10)].title')).toEqual(['Sayings', 'Moby Dick'])
    expect(q('$.store.book[?(@.isbn)].title')).toEqual(['Moby Dick', 'LOTR'])
    expect(q('$.store.book[?(!@.isbn)].title')).toEqual(['Sayings', 'Sword'])
    expect(q("$.store.book[?(@.category == 'fiction' && @.price > 12)].title")).toEqual([
      'Sword',
      'LOTR',
    ])
    expect(q("$.store.book[?(@.category == 'reference' || @.price >= 22.99)].title")).toEqual([
      'Sayings',
      'LOTR',
    ])
    expect(q('$.store.book[?(@.price <= $.expensive)].title')).toEqual(['Sayings', 'Moby Dick'])
    expect(q("$.store.book[?(@.author != 'Nigel Rees')]")).toHaveLength(3)
    expect(q('$.store.book[?(@.price > $cfg.limit)].title')).toEqual(['Sword', 'LOTR'])
    expect(q('$..book[?(@.price < 9)].price')).toEqual([8.95, 8.99])
  })

  it('filters with regexes, lists, literals and lengths', () => {
    expect(q('$.store.book[?(@.author =~ /.*REES/i)].title')).toEqual(['Sayings'])
    expect(q('$.store.book[?(@.author =~ /Rees/)].title')).toEqual([]) // whole-string match
    expect(q("$.store.book[?(@.category in ['reference'])].title")).toEqual(['Sayings'])
    expect(q("$.store.book[?(@.category nin ['fiction'])].title")).toEqual(['Sayings'])
    const data: JsonValue = {
      items: [{ tags: ['a', 'b'] }, { tags: [] }, { tags: ['c'] }, { v: null }, { v: true }],
    }
    expect(q('$.items[?(@.tags.length >= 1)].tags', data)).toEqual([['a', 'b'], ['c']])
    expect(q('$.items[?(@.tags size 2)].tags', data)).toEqual([['a', 'b']])
    expect(q('$.items[?(@.tags empty true)].tags', data)).toEqual([[]])
    expect(q("$.items[?(@.tags contains 'c')].tags", data)).toEqual([['c']])
    expect(q("$.items[?(@.tags anyof ['b', 'z'])].tags", data)).toEqual([['a', 'b']])
    expect(q('$.items[?(@.v == null)]', data)).toEqual([{ v: null }])
    expect(q('$.items[?(@.v == true)]', data)).toEqual([{ v: true }])
    expect(q('$[?(@ > 1)]', [1, 2, 3])).toEqual([2, 3])
    expect(q("$[?(@.a == 'x')]", { a: 'x' })).toEqual([{ a: 'x' }]) // an object is tested itself
  })

  it('a function after an indefinite path folds the matches', () => {
    expect(q('$.store.book[?(@.price < 10)].length()')).toBe(2)
  })
})

describe("Jayway's messages for paths that match nothing", () => {
  const explain = (path: string, input: JsonValue) =>
    explainNoMatch(parseJsonPath(path), input, env)
  it('names the leaf or the missing step', () => {
    expect(explain('$.NoSuchInputPath', {})).toBe("No results for path: $['NoSuchInputPath']")
    expect(explain('$.no.such.result.path', {})).toBe("Missing property in path $['no']")
    expect(explain('$.a[3]', { a: [1] })).toBe("No results for path: $['a'][3]")
    expect(explain('$.a[0]', { a: null })).toBe("The path $['a'] is null")
    expect(explain('$.a[0]', { a: 1 })).toBe(
      'Filter: [0] can only be applied to arrays. Current context is: 1',
    )
    expect(explain('$.a.b', { a: 'x' })).toContain(
      "Expected to find an object with property ['b'] in path $['a']",
    )
  })

  it('normalizes paths', () => {
    expect(normalizedPath(parseJsonPath("$.a['b'][0][*]..c"))).toBe("$['a']['b'][0][*]..['c']")
  })
})
