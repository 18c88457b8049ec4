import { getLanguageService, type ASTNode } from 'vscode-json-languageservice'
import { describe, expect, it } from 'vitest'
import { yamlToJsonDocument } from './yamlAst'

const ls = getLanguageService({})

describe('yamlToJsonDocument', () => {
  const text =
    'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Seconds: 5\n    End: true\n    Items: [1, "two"]\n'

  it('builds the JSON service’s tree with offsets into the YAML text', () => {
    const doc = yamlToJsonDocument(text, ls)
    const root = doc.root!
    expect(root.type).toBe('object')
    const slice = (node: ASTNode) => text.slice(node.offset, node.offset + node.length)
    const type = doc.getNodeFromOffset(text.indexOf('Pass') + 1)!
    expect(type).toMatchObject({ type: 'string', value: 'Pass' })
    expect(slice(type)).toBe('Pass')
    const property = type.parent!
    expect(property.type).toBe('property')
    expect(property.type === 'property' && property.keyNode.value).toBe('Type')
    expect(property.type === 'property' && text[property.colonOffset!]).toBe(':')
    expect(doc.getNodeFromOffset(text.indexOf('5'))).toMatchObject({
      type: 'number',
      value: 5,
      isInteger: true,
    })
    expect(doc.getNodeFromOffset(text.indexOf('true'))).toMatchObject({
      type: 'boolean',
      value: true,
    })
    const items = doc.getNodeFromOffset(text.indexOf('"two"'))!
    expect(items).toMatchObject({ type: 'string', value: 'two' })
    expect(items.parent?.type).toBe('array')
  })

  it('validates against a schema with the service’s own code', async () => {
    ls.configure({
      validate: true,
      schemas: [
        {
          uri: 'test://schema',
          fileMatch: ['*'],
          schema: { type: 'object', properties: { StartAt: { type: 'number' } } },
        },
      ],
    })
    const { TextDocument } = await import('vscode-json-languageservice')
    const document = TextDocument.create('test://a.yaml', 'yaml', 1, text)
    const problems = await ls.doValidation(document, yamlToJsonDocument(text, ls))
    expect(problems).toHaveLength(1)
    expect(problems[0]!.range.start).toEqual({ line: 0, character: 9 })
  })

  it('keeps a key without a value (while typing) as a property', () => {
    const doc = yamlToJsonDocument('StartAt:\nStates: {}\n', ls)
    const root = doc.root
    expect(
      root?.type === 'object' && root.properties.map((p) => [p.keyNode.value, p.valueNode?.type]),
    ).toEqual([
      ['StartAt', 'null'],
      ['States', 'object'],
    ])
  })

  it('gives an empty text an empty tree', () => {
    expect(yamlToJsonDocument('', ls).root).toBeUndefined()
  })
})
