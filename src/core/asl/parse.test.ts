import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detectFormat, parseText } from './parse'
import { printJson, printYaml } from './print'
import type { JsonValue } from './types'

const machine = `{
  "StartAt": "A",
  "States": {
    "A": {
      "Type": "Pass",
      "Next": "B"
    },
    "B": { "Type": "Succeed" }
  }
}
`

function slice(text: string, range: { offset: number; endOffset: number } | undefined): string {
  expect(range).toBeDefined()
  return text.slice(range!.offset, range!.endOffset)
}

function syntaxError(text: string) {
  const result = parseText(text, 'json')
  expect(result.value).toBeUndefined()
  const errors = result.diagnostics.filter((d) => d.severity === 'error')
  expect(errors).toHaveLength(1)
  return errors[0]!
}

describe('parseText (JSON)', () => {
  it('parses values exactly like JSON.parse', () => {
    const text = '{"a":[1,-2.5e3,true,false,null,"x\\n\\u00e9\\"\\\\\\/"],"b":{},"c":[],"d":0}'
    const result = parseText(text)
    expect(result.format).toBe('json')
    expect(result.diagnostics).toEqual([])
    expect(result.value).toEqual(JSON.parse(text))
  })

  it('records value and key ranges with 1-based lines and columns', () => {
    const { sourceMap } = parseText(machine)
    const next = sourceMap.valueRange(['States', 'A', 'Next'])!
    expect(slice(machine, next)).toBe('"B"')
    expect(next.start).toEqual({ line: 6, column: 15 })
    expect(next.end).toEqual({ line: 6, column: 18 })
    const key = sourceMap.keyRange(['States', 'A', 'Next'])!
    expect(slice(machine, key)).toBe('"Next"')
    expect(key.start).toEqual({ line: 6, column: 7 })
    expect(slice(machine, sourceMap.valueRange(['States', 'B']))).toBe('{ "Type": "Succeed" }')
    expect(sourceMap.valueRange(['States', 'Nope'])).toBeUndefined()
    expect(sourceMap.keyRange([])).toBeUndefined()
    expect(slice(machine, sourceMap.valueRange([]))).toBe(machine.trim())
  })

  it('records array item ranges', () => {
    const text = '{"Retry": [ {"ErrorEquals": ["A", "B"]} ]}'
    const { sourceMap } = parseText(text)
    expect(slice(text, sourceMap.valueRange(['Retry', 0, 'ErrorEquals', 1]))).toBe('"B"')
    expect(sourceMap.valueRange(['Retry', 1])).toBeUndefined()
  })

  it('finds the deepest path at an offset', () => {
    const { sourceMap } = parseText(machine)
    expect(sourceMap.pathAt(machine.indexOf('"Pass"') + 2)).toEqual(['States', 'A', 'Type'])
    // On a key, the property counts.
    expect(sourceMap.pathAt(machine.indexOf('"Next"') + 1)).toEqual(['States', 'A', 'Next'])
    // Between properties of a state, the state.
    expect(sourceMap.pathAt(machine.indexOf('"Succeed" }') + 10)).toEqual(['States', 'B'])
    expect(sourceMap.pathAt(0)).toEqual([])
    const arr = '[1, [2, 3], 4]'
    expect(parseText(arr).sourceMap.pathAt(arr.indexOf('3'))).toEqual([1, 1])
  })

  it('maps character ranges inside string values, escapes included', () => {
    const text = '{"a": "x\\"y\\u0041z"}'
    const { sourceMap, value } = parseText(text)
    expect((value as { a: string }).a).toBe('x"yAz')
    // Characters 3..4 of the decoded string ("A") come from the \u0041 escape.
    expect(slice(text, sourceMap.stringRange(['a'], 3, 4))).toBe('\\u0041')
    expect(slice(text, sourceMap.stringRange(['a'], 4, 5))).toBe('z')
    expect(sourceMap.stringRange(['nope'], 0, 1)).toBeUndefined()
    const yaml = "a: plain text\nb: 'it''s'\n"
    const y = parseText(yaml).sourceMap
    expect(slice(yaml, y.stringRange(['a'], 6, 10))).toBe('text')
    expect(slice(yaml, y.stringRange(['b'], 3, 4))).toBe('s')
  })

  it('counts CRLF and CR line breaks', () => {
    const text = '{\r\n"a":\r1}'
    const { sourceMap } = parseText(text)
    expect(sourceMap.valueRange(['a'])!.start).toEqual({ line: 3, column: 1 })
  })

  it('keeps key order (except integer-like keys, which JS objects always list first)', () => {
    const { value } = parseText('{"z":1,"a":2,"m":3,"10":4,"2":5}')
    // Integer-like keys move first in ascending order: a JS object limit, documented in parse.ts.
    expect(Object.keys(value as object)).toEqual(['2', '10', 'z', 'a', 'm'])
  })

  it('keeps __proto__ as an ordinary property', () => {
    const { value } = parseText('{"__proto__": {"x": 1}}')
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(Object.keys(value as object)).toEqual(['__proto__'])
    expect(JSON.stringify(value)).toBe('{"__proto__":{"x":1}}')
  })

  it('reports duplicate keys as errors but still gives a value (last one wins)', () => {
    const text = '{\n  "a": 1,\n  "b": 2,\n  "a": 3\n}'
    const result = parseText(text)
    expect(result.value).toEqual({ a: 3, b: 2 })
    expect(result.diagnostics).toHaveLength(1)
    const d = result.diagnostics[0]!
    expect(d).toMatchObject({ severity: 'error', code: 'DUPLICATE_KEY', path: ['a'] })
    expect(d.message).toContain('"a"')
    expect(d.message).toContain('2:3')
    expect(d.range!.start).toEqual({ line: 4, column: 3 })
    expect(slice(text, result.sourceMap.valueRange(['a']))).toBe('3')
  })

  it('warns about integers beyond 2^53', () => {
    const result = parseText('{"n": 12345678901234567890, "ok": 9007199254740991, "f": 1.5e300}')
    expect(result.diagnostics).toHaveLength(1)
    expect(result.diagnostics[0]).toMatchObject({
      severity: 'warning',
      code: 'NUMBER_PRECISION',
      path: ['n'],
    })
    expect(result.diagnostics[0]!.range!.start.column).toBe(7)
  })

  it('explains a missing comma with its exact position', () => {
    const d = syntaxError('{\n  "a": 1\n  "b": 2\n}')
    expect(d.code).toBe('JSON_SYNTAX')
    expect(d.message).toBe("Expected ',' or '}' after property value (is a comma missing?) at 3:3")
    expect(d.range!.start).toEqual({ line: 3, column: 3 })
  })

  it.each([
    ['{"a": 1,}', "Trailing comma is not allowed in JSON: remove the ',' before '}' at 1:8"],
    ['[1, 2, ]', "Trailing comma is not allowed in JSON: remove the ',' before ']' at 1:6"],
    ['{"a": 1} // note', 'Comments are not allowed in JSON at 1:10'],
    ['/* c */ {}', 'Comments are not allowed in JSON at 1:1'],
    ["{'a': 1}", 'Property names must use double quotes in JSON at 1:2'],
    ['{"a": \'x\'}', 'Strings must use double quotes in JSON at 1:7'],
    ['{a: 1}', "Expected a double-quoted property name but found 'a' at 1:2"],
    ['{"a" 1}', "Expected ':' after property name \"a\" but found '1' at 1:6"],
    ['{"a": 01}', 'Invalid number: leading zeros are not allowed in JSON at 1:7'],
    ['{"a": 1.}', "Invalid number: expected a digit after '.' at 1:7"],
    ['{"a": -}', "Invalid number: expected a digit after '-' at 1:7"],
    ['{"a": NaN}', "'NaN' is not a JSON value at 1:7"],
    ['{"a": tru}', "Unexpected 'tru', expected a value (strings need double quotes) at 1:7"],
    ['{"a": trueish}', "Expected a value but found 'trueish' at 1:7"],
    ['{"a": "x\\q"}', "Invalid escape sequence '\\q' in string at 1:9"],
    ['{"a": "\\u12"}', 'Invalid \\u escape: expected 4 hexadecimal digits at 1:8'],
    ['{"a": "x\ny"}', 'Line break inside a string (write it as \\n) at 1:9'],
    ['{"a": "x\ty"}', 'Unescaped control character U+0009 in string at 1:9'],
    ['{"a": "xy', 'Unterminated string starting at 1:7 at 1:7'],
    ['{"a": 1', "Unterminated object starting at 1:1: expected ',' or '}' at 1:8"],
    ['[1, 2', "Unterminated array starting at 1:1: expected ',' or ']' at 1:6"],
    ['[1 2]', "Expected ',' or ']' after array element but found '2' at 1:4"],
    ['{} {}', "Unexpected '{' after the end of the JSON document at 1:4"],
    [
      '',
      'The document is empty: expected a JSON value such as { "StartAt": …, "States": { … } } at 1:1',
    ],
    ['{"a": }', "Expected a value but found '}' at 1:7"],
  ])('reports %j clearly', (text, message) => {
    expect(syntaxError(text).message).toBe(message)
  })

  it('reports nesting that is too deep instead of overflowing the stack', () => {
    expect(syntaxError('['.repeat(5000)).message).toMatch(/^Nesting deeper than/)
  })

  it('skips a leading byte order mark', () => {
    expect(parseText('\ufeff{"a": 1}').value).toEqual({ a: 1 })
  })
})

describe('detectFormat', () => {
  it.each([
    ['{"a":1}', 'json'],
    ['  \n [1]', 'json'],
    ['// comment\n{}', 'json'],
    ['StartAt: A', 'yaml'],
    ['---\nStartAt: A', 'yaml'],
    ['# comment\nStartAt: A', 'yaml'],
  ] as const)('%j is %s', (text, format) => {
    expect(detectFormat(text)).toBe(format)
  })
})

const yamlMachine = `# a comment
StartAt: A
States:
  A:
    Type: Pass
    Result:
      flag: yes
      count: 012
      list:
        - 1
        - "two"
    Next: B
  B:
    Type: Succeed
`

describe('parseText (YAML)', () => {
  it('parses YAML 1.2 core schema values as JSON values', () => {
    const result = parseText(yamlMachine)
    expect(result.format).toBe('yaml')
    expect(result.diagnostics).toEqual([])
    expect(result.value).toEqual({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Result: { flag: 'yes', count: 12, list: [1, 'two'] }, Next: 'B' },
        B: { Type: 'Succeed' },
      },
    })
  })

  it('records ranges of keys and values', () => {
    const { sourceMap } = parseText(yamlMachine)
    const next = sourceMap.valueRange(['States', 'A', 'Next'])!
    expect(slice(yamlMachine, next)).toBe('B')
    expect(next.start).toEqual({ line: 12, column: 11 })
    expect(slice(yamlMachine, sourceMap.keyRange(['States', 'A', 'Next']))).toBe('Next')
    expect(slice(yamlMachine, sourceMap.valueRange(['States', 'A', 'Result', 'list', 1]))).toBe(
      '"two"',
    )
    expect(sourceMap.pathAt(yamlMachine.indexOf('Succeed'))).toEqual(['States', 'B', 'Type'])
  })

  it('reports syntax errors with positions', () => {
    const result = parseText('StartAt: A\nStates:\n  A: [1, 2\n')
    expect(result.value).toBeUndefined()
    expect(result.diagnostics.length).toBeGreaterThan(0)
    const d = result.diagnostics[0]!
    expect(d.code).toBe('YAML_SYNTAX')
    expect(d.severity).toBe('error')
    expect(d.range).toBeDefined()
    expect(d.message).toMatch(/at \d+:\d+$/)
  })

  it('reports duplicate keys', () => {
    const result = parseText('a: 1\nb: 2\na: 3\n')
    expect(result.diagnostics.map((d) => d.code)).toEqual(['DUPLICATE_KEY'])
    expect(result.diagnostics[0]!.range!.start.line).toBe(3)
    expect(result.diagnostics[0]!.path).toEqual(['a'])
    expect(result.diagnostics[0]!.message).toContain('"a"')
    expect(result.value).toEqual({ a: 3, b: 2 })
  })

  it('resolves aliases and keeps non-string keys as written', () => {
    const result = parseText('base: &b {x: 1}\ncopy: *b\n1.0: one\n')
    expect(result.value).toEqual({ base: { x: 1 }, copy: { x: 1 }, '1.0': 'one' })
  })

  it('rejects values JSON cannot hold', () => {
    const result = parseText('a: .inf\n')
    expect(result.diagnostics.map((d) => d.code)).toEqual(['YAML_NOT_JSON'])
  })

  it('explains CloudFormation tags as deploy-time values', () => {
    const result = parseText(
      'Resource: !GetAtt MyFunction.Arn\nOther: !Custom x\nName: !Ref Table\n',
    )
    // !Ref and !GetAtt read as the ${…} substitutions they stand for.
    expect(result.value).toEqual({ Resource: '${MyFunction.Arn}', Other: 'x', Name: '${Table}' })
    expect(result.diagnostics.map((d) => [d.severity, d.code])).toEqual([
      ['warning', 'DEPLOY_TIME_PLACEHOLDER'],
      ['warning', 'YAML_SYNTAX'],
      ['warning', 'DEPLOY_TIME_PLACEHOLDER'],
    ])
    expect(result.diagnostics[0]!.message).toMatch(/^!GetAtt at 1:11 is a CloudFormation/)
  })

  it('reports an empty document', () => {
    const result = parseText('# nothing\n', 'yaml')
    expect(result.value).toBeUndefined()
    expect(result.diagnostics[0]!.code).toBe('YAML_SYNTAX')
  })
})

describe('printJson / printYaml', () => {
  const value = parseText(machine).value!

  it('prints JSON with 2 spaces and a trailing newline', () => {
    expect(printJson(value)).toBe(
      machine.replace('{ "Type": "Succeed" }', '{\n      "Type": "Succeed"\n    }'),
    )
    expect(printJson({ a: [1] }, { indent: '\t' })).toBe('{\n\t"a": [\n\t\t1\n\t]\n}\n')
    expect(printJson(1e21)).toBe('1e+21\n')
  })

  it('prints YAML in block style, quoting only what needs it', () => {
    const yaml = printYaml({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Result: { s: 'yes', n: '12', m: 'one\ntwo\n', p: '$.x' }, End: true },
      },
    })
    expect(yaml).toBe(
      [
        'StartAt: A',
        'States:',
        '  A:',
        '    Type: Pass',
        '    Result:',
        '      s: "yes"',
        '      n: "12"',
        '      m: |',
        '        one',
        '        two',
        '      p: $.x',
        '    End: true',
        '',
      ].join('\n'),
    )
  })

  // fast-check's JSON values may hold -0, which JSON text cannot (it prints as 0).
  const jsonValue = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as JsonValue)

  it('parse(printJson(v)) equals v for random JSON values', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        const result = parseText(printJson(v), 'json')
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
        expect(result.value).toStrictEqual(v)
        // Compact text parses the same too.
        expect(parseText(JSON.stringify(v), 'json').value).toStrictEqual(v)
      }),
      { numRuns: 300 },
    )
  })

  it('parse(printYaml(v)) equals v for random JSON values', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        const result = parseText(printYaml(v), 'yaml')
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
        expect(result.value).toStrictEqual(v)
      }),
      { numRuns: 300 },
    )
  })

  it('keeps key order through both printers', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.string().filter((k) => !/^(0|[1-9]\d*)$/.test(k)),
          { maxLength: 8 },
        ),
        (keys) => {
          const object = Object.fromEntries(keys.map((k, i) => [k, i]))
          expect(Object.keys(parseText(printJson(object)).value as object)).toEqual(keys)
          expect(Object.keys(parseText(printYaml(object), 'yaml').value as object)).toEqual(keys)
        },
      ),
    )
  })

  it('agrees with JSON.parse on random JSON text', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(parseText(text, 'json').value).toStrictEqual(JSON.parse(text))
      }),
      { numRuns: 300 },
    )
  })
})
