import { describe, expect, it } from 'vitest'
import { printDefinition } from '../codeText'
import { applyChanges } from '../textDiff'
import { complete, diagnose, formatText, hover, jsonToYamlInsert, mergeMarkers } from './aslService'
import type { TextEditData } from './protocol'

const MACHINE = {
  StartAt: 'First',
  States: {
    First: { Type: 'Pass', Next: 'Middle' },
    Middle: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Last' },
    Last: { Type: 'Succeed' },
  },
}

/** 1-based line and column of the first occurrence of `needle` (plus `shift` characters). */
function at(text: string, needle: string, shift = 0) {
  const offset = text.indexOf(needle)
  if (offset < 0) throw new Error(`"${needle}" not found`)
  const before = text.slice(0, offset + shift)
  const line = before.split('\n').length
  return { line, column: before.length - before.lastIndexOf('\n') }
}

describe('diagnose', () => {
  it('puts Stepwise’s diagnostics at the exact range of the problem', async () => {
    const text = printDefinition(
      { ...MACHINE, States: { ...MACHINE.States, First: { Type: 'Pass', Next: 'Nowhere' } } },
      'json',
    )
    const markers = await diagnose(text, 'json', 'STANDARD')
    const missing = markers.find((m) => m.code === 'MISSING_TRANSITION_TARGET')
    expect(missing).toMatchObject({ severity: 'error', source: 'Stepwise' })
    const value = at(text, '"Nowhere"')
    expect(missing).toMatchObject({
      startLineNumber: value.line,
      startColumn: value.column,
      endLineNumber: value.line,
      endColumn: value.column + '"Nowhere"'.length,
    })
  })

  it('reports only our syntax error for broken JSON (schema findings would be noise)', async () => {
    const markers = await diagnose('{\n  "StartAt": "A"\n  "States": {}\n}\n', 'json', 'STANDARD')
    expect(markers).toHaveLength(1)
    expect(markers[0]).toMatchObject({
      code: 'JSON_SYNTAX',
      startLineNumber: 3,
      source: 'Stepwise',
    })
  })

  it('leaves out schema findings that say what ours say (Stepwise covers the schema’s checks)', async () => {
    const text = printDefinition(
      { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, Comment: 7, End: true } } },
      'json',
    )
    const markers = await diagnose(text, 'json', 'STANDARD')
    expect(markers.map((m) => m.source)).toEqual(['Stepwise'])
    expect(markers[0]!.message).toMatch(/Comment must be a string/)
  })

  it('merges schema findings as warnings where ours say nothing, each once', () => {
    const range = (line: number, from: number, to: number) => ({
      startLineNumber: line,
      startColumn: from,
      endLineNumber: line,
      endColumn: to,
    })
    const ours = [
      { severity: 'error' as const, message: 'ours', source: 'Stepwise', ...range(3, 5, 10) },
    ]
    const schema = [
      {
        severity: 'warning' as const,
        message: 'same place',
        source: 'ASL schema',
        ...range(3, 8, 12),
      },
      {
        severity: 'warning' as const,
        message: 'elsewhere',
        source: 'ASL schema',
        ...range(4, 1, 3),
      },
      {
        severity: 'warning' as const,
        message: 'elsewhere',
        source: 'ASL schema',
        ...range(4, 1, 3),
      },
    ]
    expect(mergeMarkers(ours, schema).map((m) => m.message)).toEqual(['ours', 'elsewhere'])
  })

  it('validates YAML at exact YAML ranges', async () => {
    const text = 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n'
    const markers = await diagnose(text, 'yaml', 'STANDARD')
    expect(markers.find((m) => m.code === 'MISSING_TRANSITION_TARGET')).toMatchObject({
      startLineNumber: 5,
      startColumn: 11,
    })
  })
})

describe('complete', () => {
  it('offers the machine’s state names in Next (not the state itself)', async () => {
    const text = printDefinition(MACHINE, 'json').replace('"Next": "Middle"', '"Next": ""')
    const position = at(text, '"Next": ""', '"Next": "'.length)
    const { items } = await complete(text, 'json', position.line, position.column)
    const labels = items.map((i) => i.label)
    expect(labels).toEqual(expect.arrayContaining(['Middle', 'Last']))
    expect(labels).not.toContain('First')
    const middle = items.find((i) => i.label === 'Middle')!
    expect(middle.kind).toBe('value')
    // Applying it gives valid JSON with the name in quotes.
    const lines = text.split('\n')
    const line = lines[middle.range.startLineNumber - 1]!
    lines[middle.range.startLineNumber - 1] =
      line.slice(0, middle.range.startColumn - 1) +
      middle.insertText +
      line.slice(middle.range.endColumn - 1)
    expect(() => JSON.parse(lines.join('\n'))).not.toThrow()
    expect(JSON.parse(lines.join('\n')).States.First.Next).toBe('Middle')
  })

  it('offers state names in StartAt and Default too', async () => {
    const text = printDefinition(MACHINE, 'json').replace('"StartAt": "First"', '"StartAt": ""')
    const position = at(text, '"StartAt": ""', '"StartAt": "'.length)
    const { items } = await complete(text, 'json', position.line, position.column)
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['First', 'Middle', 'Last']))
  })

  it('offers the fields of the state’s type', async () => {
    const text = printDefinition(MACHINE, 'json').replace(
      '"Resource": "arn:aws:states:::lambda:invoke",',
      '"Resource": "arn:aws:states:::lambda:invoke",\n      "",',
    )
    const position = at(text, '      "",', 7)
    const { items } = await complete(text, 'json', position.line, position.column)
    const labels = items.map((i) => i.label)
    expect(labels).toEqual(
      expect.arrayContaining(['Retry', 'Catch', 'TimeoutSeconds', 'Parameters']),
    )
    expect(items.find((i) => i.label === 'Retry')!.kind).toBe('property')
  })

  it('offers a snippet per state type among the states', async () => {
    const text = printDefinition(MACHINE, 'json').replace('"Last": {', '\n    "Last": {')
    const position = at(text, '    \n', 4)
    const { items } = await complete(text, 'json', position.line, position.column)
    const snippets = items.filter((i) => i.kind === 'snippet').map((i) => i.label)
    expect(snippets).toEqual(
      expect.arrayContaining([
        'Pass State',
        'Choice State',
        'Wait State',
        'Map State',
        'Parallel State',
      ]),
    )
    expect(items.find((i) => i.label === 'Pass State')!.snippet).toBe(true)
  })

  it('offers variables in JSONata expressions', async () => {
    const text = printDefinition(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Assign: { total: 1 }, Next: 'B' },
          B: { Type: 'Pass', Output: '{% $ %}', End: true },
        },
      },
      'json',
    )
    const position = at(text, '{% $ %}', 4)
    const { items } = await complete(text, 'json', position.line, position.column)
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['$total']))
  })

  it('completes state names in YAML, without JSON quotes', async () => {
    const text = 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: \n  B:\n    Type: Succeed\n'
    const { items } = await complete(text, 'yaml', 5, 11)
    const b = items.find((i) => i.label === 'B')
    expect(b).toBeDefined()
    expect(b!.insertText.trim()).toBe('B')
  })
})

describe('hover', () => {
  it('explains fields from the ASL schema, in JSON and YAML', async () => {
    const json = printDefinition(MACHINE, 'json')
    const onType = at(json, '"Type"', 2)
    const h = await hover(json, 'json', onType.line, onType.column)
    expect(h?.contents.join(' ')).toMatch(/type/i)
    const yaml = printDefinition(MACHINE, 'yaml')
    const onYamlType = at(yaml, 'Type:', 1)
    const y = await hover(yaml, 'yaml', onYamlType.line, onYamlType.column)
    expect(y?.contents.join(' ')).toMatch(/type/i)
  })
})

describe('formatText', () => {
  const apply = (text: string, edits: TextEditData[]) => {
    // The edits are ranges in the original text; convert to offsets and apply from the end.
    const lineStarts = [0]
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1)
    const offset = (line: number, column: number) => lineStarts[line - 1]! + column - 1
    return applyChanges(
      text,
      edits.map((e) => ({
        start: offset(e.range.startLineNumber, e.range.startColumn),
        end: offset(e.range.endLineNumber, e.range.endColumn),
        text: e.text,
      })),
    )
  }

  it('formats JSON with the editor’s indentation', () => {
    const text = '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}'
    const out = apply(text, formatText(text, 'json', { tabSize: 2, insertSpaces: true }))
    expect(out).toBe(printDefinition(JSON.parse(text), 'json'))
  })

  it('formats YAML into block style, keeping comments; leaves broken YAML alone', () => {
    const text = '# my machine\nStartAt:   A\nStates: {A: {Type: Pass, End: true}}\n'
    const out = apply(text, formatText(text, 'yaml', { tabSize: 2, insertSpaces: true }))
    expect(out).toBe('# my machine\nStartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n')
    expect(formatText('StartAt: [\n', 'yaml', { tabSize: 2, insertSpaces: true })).toEqual([])
  })
})

describe('jsonToYamlInsert', () => {
  it('turns JSON property and value inserts into YAML', () => {
    expect(jsonToYamlInsert('"Retry": [$1]')).toBe('Retry: [$1]')
    expect(jsonToYamlInsert(' "Last",')).toBe(' Last')
    expect(jsonToYamlInsert('"Type": "${1:Pass}"')).toBe('Type: "${1:Pass}"')
  })
})
