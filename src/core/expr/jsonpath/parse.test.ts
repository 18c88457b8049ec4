import { describe, expect, it } from 'vitest'
import { ExpressionSyntaxError } from '../errors'
import { isReferencePath, parseJsonPath } from './parse'

describe('parseJsonPath', () => {
  it('parses the three roots', () => {
    expect(parseJsonPath('$').root).toEqual({ kind: 'input' })
    expect(parseJsonPath('$$').root).toEqual({ kind: 'context' })
    expect(parseJsonPath('$$.Execution.Id').root).toEqual({ kind: 'context' })
    expect(parseJsonPath('$myVar').root).toEqual({ kind: 'variable', name: 'myVar' })
    expect(parseJsonPath('$my_var2.a').root).toEqual({ kind: 'variable', name: 'my_var2' })
    expect(parseJsonPath('$_x').root).toEqual({ kind: 'variable', name: '_x' })
  })

  it('parses dot and bracket steps', () => {
    expect(parseJsonPath("$.a['b c'][0][-1].d-e").segments).toEqual([
      { kind: 'property', name: 'a' },
      { kind: 'property', name: 'b c' },
      { kind: 'index', index: 0 },
      { kind: 'index', index: -1 },
      { kind: 'property', name: 'd-e' },
    ])
    expect(parseJsonPath(`$["it's", 'x\\'y']`).segments).toEqual([
      // AWS keeps backslashes in bracketed names; they only protect the quote.
      { kind: 'properties', names: ["it's", "x\\'y"] },
    ])
  })

  it('parses wildcards, slices, unions, scans and functions', () => {
    expect(parseJsonPath('$.a[*].b.*').segments.map((s) => s.kind)).toEqual([
      'property',
      'wildcard',
      'property',
      'wildcard',
    ])
    expect(parseJsonPath('$[1:3]').segments[0]).toEqual({
      kind: 'slice',
      start: 1,
      end: 3,
      step: undefined,
    })
    expect(parseJsonPath('$[-2:]').segments[0]).toEqual({
      kind: 'slice',
      start: -2,
      end: undefined,
      step: undefined,
    })
    expect(parseJsonPath('$[::2]').segments[0]).toEqual({
      kind: 'slice',
      start: undefined,
      end: undefined,
      step: 2,
    })
    expect(parseJsonPath('$[0, 2]').segments[0]).toEqual({ kind: 'indexes', indexes: [0, 2] })
    expect(parseJsonPath('$..name').segments[0]).toEqual({
      kind: 'scan',
      next: { kind: 'property', name: 'name' },
    })
    expect(parseJsonPath('$.list.length()').segments[1]).toEqual({
      kind: 'function',
      name: 'length',
    })
  })

  it('parses filters', () => {
    const p = parseJsonPath("$.items[?(@.price > 10 && @.tag == 'x' || !@.gone)]")
    expect(p.definite).toBe(false)
    const seg = p.segments[1]
    expect(seg?.kind).toBe('filter')
    expect(JSON.stringify(seg)).toContain('"op":">"')
    expect(() => parseJsonPath('$[?(@.name =~ /ab.*/i)]')).not.toThrow()
    expect(() => parseJsonPath("$[?(@.x in ['a', 'b'])]")).not.toThrow()
    expect(() => parseJsonPath('$[?(@.length >= 2)]')).not.toThrow()
  })

  it('classifies definite and reference paths', () => {
    expect(parseJsonPath('$.a.b[0]').definite).toBe(true)
    expect(isReferencePath(parseJsonPath('$.a.b[0]'))).toBe(true)
    expect(isReferencePath(parseJsonPath("$['a']"))).toBe(true)
    expect(isReferencePath(parseJsonPath('$'))).toBe(true)
    for (const p of ['$.a[*]', '$.a[0:1]', '$.a[0,1]', '$..a', '$.a[?(@.x)]', '$.*']) {
      expect(parseJsonPath(p).definite, p).toBe(false)
      expect(isReferencePath(parseJsonPath(p)), p).toBe(false)
    }
    expect(parseJsonPath("$['a','b']").definite).toBe(true)
    expect(parseJsonPath("$['a','b'].c").definite).toBe(false)
    expect(parseJsonPath('$[*].length()').definite).toBe(true)
  })

  it('reads a dot before a bracket as the bracket alone, like Jayway', () => {
    // Deployed definitions use these forms: `$.[0].body`, `$.Snapshots.[0].State`.
    expect(parseJsonPath('$.[0].body').segments).toEqual(parseJsonPath('$[0].body').segments)
    expect(parseJsonPath('$.Snapshots.[0].State').segments).toEqual([
      { kind: 'property', name: 'Snapshots' },
      { kind: 'index', index: 0 },
      { kind: 'property', name: 'State' },
    ])
    expect(parseJsonPath("$.[*].['bucket', 'key']").segments).toEqual([
      { kind: 'wildcard' },
      { kind: 'properties', names: ['bucket', 'key'] },
    ])
    expect(parseJsonPath('$.[0].body').definite).toBe(true)
    expect(parseJsonPath("$.a.['b']").reference).toBe(true)
    expect(() => parseJsonPath('$..[0]')).not.toThrow()
    expect(() => parseJsonPath('$.a..')).toThrow(ExpressionSyntaxError)
  })

  it('says which bracket is left open', () => {
    for (const [source, open] of [
      ['$.a[', 3],
      ['$.a[0', 3],
      ["$.a['b'", 3],
      ['$.a[?(@.b', 3],
      ['$.[', 2],
    ] as const) {
      let error: ExpressionSyntaxError | undefined
      try {
        parseJsonPath(source)
      } catch (e) {
        error = e as ExpressionSyntaxError
      }
      expect(error?.message).toBe(`Unterminated '[' at offset ${open} in '${source}'`)
      expect(error?.offset).toBe(open)
      expect(error?.length).toBe(source.length - open)
    }
    // An unterminated string inside the brackets keeps its own, more precise message.
    expect(() => parseJsonPath("$['a")).toThrow(/Unterminated string/)
  })

  it('rejects unquoted words in filters, as Jayway cannot compile them', () => {
    // Jayway reads `Failure` as a number literal and fails: "Could not compile inline filter".
    for (const [source, word] of [
      ['$..QualityResults[?(@.constraint_status==Failure)]', 'Failure'],
      ['$[?(@.TargetLanguageCode==ja)].TranslatedText', 'ja'],
      ['$[?(@.flag == truex)]', 'truex'],
    ] as const) {
      let error: ExpressionSyntaxError | undefined
      try {
        parseJsonPath(source)
      } catch (e) {
        error = e as ExpressionSyntaxError
      }
      expect(error?.message).toContain(`Unquoted text '${word}'`)
      expect(source.slice(error!.offset, error!.offset + error!.length)).toBe(word)
      // What AWS reports when a state evaluates the path (Jayway's FilterCompiler).
      const filter = /\[\?\(.*?\)\]/.exec(source)![0]
      expect(error?.atRuntime).toEqual({
        path: source,
        message: `Could not compile inline filter : ${filter}`,
      })
    }
    expect(() => parseJsonPath("$[?(@.TargetLanguageCode=='ja')]")).not.toThrow()
    expect(() => parseJsonPath('$[?(@.a == true && @.b == null)]')).not.toThrow()
  })

  it('caches by source', () => {
    expect(parseJsonPath('$.cached')).toBe(parseJsonPath('$.cached'))
  })

  it.each([
    ['', 0],
    ['a.b', 0],
    ['$.', 2],
    ['$..', 3],
    ['$[', 1],
    ['$[]', 1],
    ["$['a", 2],
    ['$.a b', 4],
    ['$.a[?(@.b >)]', 11],
    ['$.foo()', 2],
    ['@.a', 0],
  ])('rejects %j at offset %i', (source, offset) => {
    let error: unknown
    try {
      parseJsonPath(source)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ExpressionSyntaxError)
    expect((error as ExpressionSyntaxError).offset).toBe(offset)
  })
})
