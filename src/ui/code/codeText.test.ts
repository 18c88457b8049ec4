import { describe, expect, it } from 'vitest'
import { analyzeText, draftFor, printDefinition, sameDefinition, textToShow } from './codeText'

const definition = {
  Comment: 'keys keep their order',
  StartAt: 'A',
  States: { A: { Type: 'Pass', End: true } },
}

describe('analyzeText', () => {
  it('accepts valid ASL JSON and YAML', () => {
    const json = analyzeText(printDefinition(definition, 'json'), 'json')
    expect(json.kind).toBe('valid')
    const yaml = analyzeText(printDefinition(definition, 'yaml'), 'yaml')
    expect(yaml.kind === 'valid' && yaml.definition).toEqual(definition)
  })

  it('accepts text with ASL errors: the canvas can show a broken workflow', () => {
    const result = analyzeText(
      '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}',
      'json',
    )
    expect(result.kind).toBe('valid')
    expect(analyzeText('{"States": 5}', 'json').kind).toBe('valid')
  })

  it('holds unparseable text, with the first error and where it is', () => {
    const result = analyzeText('{\n  "StartAt": "A"\n  "States": {}\n}', 'json')
    expect(result.kind).toBe('held')
    if (result.kind !== 'held') return
    expect(result.error.line).toBe(3)
    expect(result.error.message).toMatch(/,/)
    expect(result.error.message).not.toMatch(/at 3:\d+$/)
    expect(analyzeText('StartAt: [\n', 'yaml').kind).toBe('held')
    expect(analyzeText('', 'json').kind).toBe('held')
  })

  it('holds duplicate keys (syncing would silently drop a state) and non-object top levels', () => {
    expect(analyzeText('{"States": {"A": {}, "A": {}}}', 'json').kind).toBe('held')
    const list = analyzeText('[1, 2]', 'json')
    expect(list.kind === 'held' && list.error.message).toMatch(/object/)
    expect(analyzeText('"text"', 'json').kind).toBe('held')
  })

  it('parses with the chosen format: YAML in JSON mode is an error, not a guess', () => {
    expect(analyzeText('StartAt: A\nStates: {}\n', 'json').kind).toBe('held')
  })
})

describe('textToShow', () => {
  it('prints the document when there is no draft', () => {
    expect(textToShow(null, definition, 'json')).toEqual({
      text: printDefinition(definition, 'json'),
      draft: null,
    })
  })

  it('keeps an invalid draft: it is the only copy of the user’s work', () => {
    expect(textToShow('{ "StartAt": ', definition, 'json')).toEqual({
      text: '{ "StartAt": ',
      draft: '{ "StartAt": ',
    })
  })

  it('keeps a valid draft in the user’s own layout when it describes the document', () => {
    const compact = JSON.stringify(definition)
    expect(textToShow(compact, definition, 'json').text).toBe(compact)
  })

  it('drops a valid draft that no longer matches the document (it changed meanwhile)', () => {
    const stale = JSON.stringify({ ...definition, Comment: 'old' })
    expect(textToShow(stale, definition, 'json')).toEqual({
      text: printDefinition(definition, 'json'),
      draft: null,
    })
  })
})

describe('sameDefinition and draftFor', () => {
  it('compares key order too (graphToAsl keeps it, so a reorder is a change)', () => {
    expect(sameDefinition({ a: 1, b: 2 }, { a: 1, b: 2 })).toBe(true)
    expect(sameDefinition({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false)
  })

  it('stores no draft for the printed document, the text otherwise', () => {
    expect(draftFor(printDefinition(definition, 'json'), definition, 'json')).toBeNull()
    expect(draftFor(JSON.stringify(definition), definition, 'json')).toBe(
      JSON.stringify(definition),
    )
  })
})
