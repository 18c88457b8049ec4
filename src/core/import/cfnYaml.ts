// Reads a CloudFormation / SAM template written in YAML, turning the short-form tags (`!Sub`,
// `!Join`, `!Ref`, `!GetAtt`, …) into their long JSON forms (`{"Fn::Sub": …}`), as CloudFormation
// itself does. `core/asl/parse` reads those tags differently on purpose (an ASL file with a stray
// `!Ref` should still open as ASL); a template needs the real structure to find a state
// machine's definition inside `Fn::Sub` / `Fn::Join`.

import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml'
import type { Document, Node as YamlNode } from 'yaml'
import type { JsonObject, JsonValue } from '../asl/types'

export interface YamlProblem {
  message: string
  /** 1-based. */
  line: number
  column: number
}

export type CfnYamlResult = { ok: true; value: JsonValue } | { ok: false; problem: YamlProblem }

/** Short-form tags whose long form is `Fn::<Name>`; `!Ref` and `!Condition` keep their name. */
const FN_TAGS: ReadonlySet<string> = new Set([
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'ToJsonString',
  'Length',
  'ForEach',
])

/** Parses template YAML into plain JSON values with long-form intrinsic functions. */
export function parseCloudFormationYaml(text: string): CfnYamlResult {
  const doc = parseDocument(text, {
    version: '1.2',
    schema: 'core',
    prettyErrors: true,
    uniqueKeys: true,
  })
  const error = doc.errors[0]
  if (error) {
    const at = error.linePos?.[0] ?? { line: 1, col: 1 }
    return {
      ok: false,
      problem: {
        message: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, ''),
        line: at.line,
        column: at.col,
      },
    }
  }
  if (doc.contents === null) return { ok: true, value: null }
  return { ok: true, value: convert(doc, doc.contents as YamlNode, new Set()) }
}

function convert(doc: Document, node: YamlNode, resolving: Set<YamlNode>): JsonValue {
  if (isAlias(node)) {
    const target = node.resolve(doc) as YamlNode | undefined
    if (!target || resolving.has(target)) return null
    resolving.add(target)
    const value = convert(doc, target, resolving)
    resolving.delete(target)
    return value
  }
  let value: JsonValue
  if (isMap(node)) {
    const object: JsonObject = {}
    for (const pair of node.items) {
      if (!isPair(pair)) continue
      const key = pair.key as YamlNode | null
      const name = key === null ? '' : isScalar(key) ? String(key.value) : ''
      const child = pair.value === null ? null : convert(doc, pair.value as YamlNode, resolving)
      // defineProperty: a key may be `__proto__`.
      Object.defineProperty(object, name, {
        value: child,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
    value = object
  } else if (isSeq(node)) {
    value = node.items.map((item) =>
      item === null ? null : convert(doc, item as YamlNode, resolving),
    )
  } else if (isScalar(node)) {
    const raw = node.value
    value =
      raw === null || typeof raw === 'string' || typeof raw === 'boolean'
        ? raw
        : typeof raw === 'number' && Number.isFinite(raw)
          ? raw
          : String(raw)
  } else {
    value = null
  }
  return wrapTag(node.tag, value)
}

function wrapTag(tag: string | undefined, value: JsonValue): JsonValue {
  if (!tag || !tag.startsWith('!') || tag.startsWith('!!')) return value
  const name = tag.slice(1)
  if (name === 'Ref' || name === 'Condition') return { [name]: value }
  if (name === 'GetAtt' && typeof value === 'string') {
    // `!GetAtt Resource.Attribute`: the attribute may itself contain dots.
    const dot = value.indexOf('.')
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] }
  }
  if (FN_TAGS.has(name)) return { [`Fn::${name}`]: value }
  return value
}
