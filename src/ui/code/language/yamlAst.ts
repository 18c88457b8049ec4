// YAML text as the JSON syntax tree vscode-json-languageservice works on (offsets into the YAML
// text), so the ASL schema checks, hovers and completions of amazon-states-language-service work
// on YAML without its YAML service (which needs Node; see aslService.ts). Built from the `yaml`
// package the core parser already uses.

import {
  TextDocument,
  type ASTNode,
  type JSONDocument,
  type LanguageService,
  type PropertyASTNode,
  type StringASTNode,
} from 'vscode-json-languageservice'
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml'

// The JSON service's JSONDocument class is not exported; its prototype is taken from a document it
// parsed, so schema validation and matching run the service's own code on this tree.
let documentPrototype: object | undefined

function jsonDocumentPrototype(ls: LanguageService): object {
  if (!documentPrototype) {
    const empty = ls.parseJSONDocument(TextDocument.create('inmemory://empty', 'json', 1, '{}'))
    documentPrototype = Object.getPrototypeOf(empty) as object
  }
  return documentPrototype
}

/** The JSON service's document, with the parts its public type leaves out. */
export type AstDocument = JSONDocument & {
  root: ASTNode | undefined
  getNodeFromOffset(offset: number, includeRightBound?: boolean): ASTNode | undefined
}

/** The syntax tree of YAML text (an empty tree for an empty text). */
export function yamlToJsonDocument(text: string, ls: LanguageService): AstDocument {
  const doc = parseDocument(text, { uniqueKeys: false })
  const root = doc.contents ? convert(doc.contents as YamlNode, undefined, text) : undefined
  const document = Object.create(jsonDocumentPrototype(ls)) as {
    root: ASTNode | undefined
    syntaxErrors: unknown[]
    comments: unknown[]
  }
  document.root = root
  document.syntaxErrors = []
  document.comments = []
  return document as unknown as AstDocument
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

function convert(node: YamlNode, parent: ASTNode | undefined, text: string): ASTNode {
  const [start, valueEnd] = node.range ?? [0, 0, 0]
  const base = { parent, offset: start, length: Math.max(0, valueEnd - start) }
  if (isMap(node)) {
    const object = { ...base, type: 'object', properties: [] as PropertyASTNode[] } as Mutable<
      ASTNode & { type: 'object' }
    >
    Object.defineProperty(object, 'children', { get: () => object.properties })
    for (const pair of node.items) {
      if (!isPair(pair) || !pair.key) continue
      const property = convertPair(
        pair.key as YamlNode,
        pair.value as YamlNode | null,
        object,
        text,
      )
      if (property) object.properties.push(property)
    }
    return object
  }
  if (isSeq(node)) {
    const array = { ...base, type: 'array', items: [] as ASTNode[] } as Mutable<
      ASTNode & { type: 'array' }
    >
    Object.defineProperty(array, 'children', { get: () => array.items })
    for (const item of node.items) {
      if (item && typeof item === 'object' && 'range' in item) {
        array.items.push(convert(item as YamlNode, array, text))
      }
    }
    return array
  }
  if (isScalar(node)) {
    const value = node.value
    if (typeof value === 'string') return { ...base, type: 'string', value } as ASTNode
    if (typeof value === 'number') {
      return { ...base, type: 'number', value, isInteger: Number.isInteger(value) } as ASTNode
    }
    if (typeof value === 'boolean') return { ...base, type: 'boolean', value } as ASTNode
    if (value === null || value === undefined)
      return { ...base, type: 'null', value: null } as ASTNode
    return { ...base, type: 'string', value: String(value) } as ASTNode
  }
  if (isAlias(node)) return { ...base, type: 'null', value: null } as ASTNode
  return { ...base, type: 'null', value: null } as ASTNode
}

function convertPair(
  key: YamlNode,
  value: YamlNode | null,
  parent: ASTNode,
  text: string,
): PropertyASTNode | undefined {
  if (!key.range) return undefined
  const keyStart = key.range[0]
  const keyEnd = key.range[1]
  let colon = keyEnd
  while (colon < text.length && (text[colon] === ' ' || text[colon] === '\t')) colon++
  const colonOffset = text[colon] === ':' ? colon : -1
  const end = value?.range ? value.range[1] : colonOffset >= 0 ? colonOffset + 1 : keyEnd
  const property = {
    type: 'property',
    parent,
    offset: keyStart,
    length: end - keyStart,
    colonOffset,
  } as Mutable<PropertyASTNode>
  const keyValue = isScalar(key) ? String(key.value) : text.slice(keyStart, keyEnd)
  property.keyNode = {
    type: 'string',
    parent: property,
    offset: keyStart,
    length: keyEnd - keyStart,
    value: keyValue,
  } as StringASTNode
  if (value?.range) property.valueNode = convert(value, property, text)
  Object.defineProperty(property, 'children', {
    get: () => (property.valueNode ? [property.keyNode, property.valueNode] : [property.keyNode]),
  })
  return property
}
