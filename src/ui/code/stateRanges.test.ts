import { describe, expect, it } from 'vitest'
import { parseText } from '../../core/asl/parse'
import { aslToGraph, findStatesByName } from '../../core/graph/model'
import { printDefinition } from './codeText'
import { stateIdAtOffset, stateTextRange } from './stateRanges'

const definition = {
  StartAt: 'P',
  States: {
    P: {
      Type: 'Parallel',
      Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } }],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
}
const graph = aslToGraph(definition)
const id = (name: string) => findStatesByName(graph, name)[0]!

describe.each(['json', 'yaml'] as const)('in %s', (format) => {
  const text = printDefinition(definition, format)
  const parse = parseText(text, format)

  it('finds the innermost state at an offset, or none on top-level fields', () => {
    expect(
      stateIdAtOffset(
        parse,
        graph,
        text.indexOf('Inner', text.indexOf('States', text.indexOf('Branches'))) + 1,
      ),
    ).toBe(id('Inner'))
    expect(stateIdAtOffset(parse, graph, text.indexOf('Next'))).toBe(id('P'))
    expect(stateIdAtOffset(parse, graph, text.indexOf('Succeed'))).toBe(id('Done'))
    expect(stateIdAtOffset(parse, graph, text.indexOf('StartAt'))).toBeUndefined()
  })

  it('gives a state’s text from its name to the end of its object', () => {
    const range = stateTextRange(parse, graph, id('Done'))!
    const slice = text.slice(range.offset, range.endOffset)
    expect(slice.startsWith(format === 'json' ? '"Done"' : 'Done')).toBe(true)
    expect(slice).toContain('Succeed')
    expect(slice).not.toContain('Parallel')
  })
})

it('maps nothing while the text does not parse', () => {
  const parse = parseText('{ "States": ', 'json')
  expect(stateIdAtOffset(parse, graph, 3)).toBeUndefined()
  expect(stateTextRange(parse, graph, id('Done'))).toBeUndefined()
})
