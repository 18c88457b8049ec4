// Parses ASL text (JSON or YAML) into plain JSON values while remembering where every key and
// value came from, so every diagnostic and every state can point at a line and column.
//
// The JSON parser is hand-written rather than JSON.parse because JSON.parse gives no locations,
// reports errors vaguely, and silently accepts duplicate keys (AWS rejects them). It is strict
// JSON: no comments, no trailing commas, no single quotes.
//
// Known limit shared with every JS consumer of JSON: the value is a plain object, and JS objects
// enumerate integer-like keys ("1", "10") first in ascending order, whatever their order in the
// text. State names are rarely integer-like; the source map keeps the text order regardless.

import { parseDocument, isAlias, isMap, isPair, isScalar, isSeq } from 'yaml'
import type { Document, Node as YamlNode, Scalar, YAMLError } from 'yaml'
import type { Diagnostic, DocPath, Position, SourceRange } from './diagnostics'
import { formatDocPath } from './diagnostics'
import type { JsonObject, JsonValue } from './types'

export type SourceFormat = 'json' | 'yaml'

export interface SourceMap {
  /** Range of the value at a document path (e.g. ['States','A','Next']). */
  valueRange(path: DocPath): SourceRange | undefined
  /** Range of the key of the property at the path (e.g. the `"Next"` key). */
  keyRange(path: DocPath): SourceRange | undefined
  /**
   * The deepest document path whose property (key or value) contains a text offset (for
   * editor cursor → state). Returns `[]` when the offset is outside every property.
   */
  pathAt(offset: number): DocPath
  /** Converts 0-based offsets of the text into a range with 1-based lines and columns. */
  rangeOf(offset: number, endOffset: number): SourceRange
  /** 1-based line and column of a 0-based offset. */
  positionAt(offset: number): Position
  /**
   * The range of characters `from`..`to` of the string value at a path (indexes into the decoded
   * string, e.g. an expression error's offset), accounting for quotes and escapes. Falls back to
   * the whole value when the text does not map one to one (multi-line YAML scalars).
   */
  stringRange(path: DocPath, from: number, to: number): SourceRange | undefined
}

export interface ParseResult {
  value: JsonValue | undefined
  format: SourceFormat
  sourceMap: SourceMap
  diagnostics: Diagnostic[]
}

/** Location of one value (and of its key, when it is an object property). */
interface SourceNode {
  start: number
  end: number
  /** -1 when the value is not an object property. */
  keyStart: number
  keyEnd: number
  props?: Map<string, SourceNode>
  items?: SourceNode[]
}

const MAX_DEPTH = 2000

/** CloudFormation's YAML short forms (`!Sub`, `!GetAtt`, …), found in SAM-style ASL files. */
const CLOUDFORMATION_TAGS: ReadonlySet<string> = new Set([
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
  'Ref',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'Condition',
  'ToJsonString',
  'Length',
])

// ---------------------------------------------------------------------------------------------
// Public entry point

/** Parses JSON or YAML text. The format is detected from the first significant character. */
export function parseText(text: string, format: SourceFormat = detectFormat(text)): ParseResult {
  return format === 'json' ? parseJsonText(text) : parseYamlText(text)
}

/** JSON when the text starts (after whitespace and a BOM) with `{`, `[`, `"` or a comment. */
export function detectFormat(text: string): SourceFormat {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) continue
    // `/` starts a comment: no YAML document starts that way, and the JSON parser explains that
    // comments are not allowed, which is the useful message.
    return c === 0x7b || c === 0x5b || c === 0x22 || c === 0x2f ? 'json' : 'yaml'
  }
  return 'json'
}

// ---------------------------------------------------------------------------------------------
// Source map

class TextSourceMap implements SourceMap {
  private lineStarts: number[] | undefined

  constructor(
    private readonly text: string,
    private readonly root: SourceNode | undefined,
  ) {}

  private node(path: DocPath): SourceNode | undefined {
    let node = this.root
    for (const step of path) {
      if (!node) return undefined
      if (typeof step === 'number') node = node.items?.[step]
      else node = node.props?.get(step)
    }
    return node
  }

  valueRange(path: DocPath): SourceRange | undefined {
    const node = this.node(path)
    return node && this.rangeOf(node.start, node.end)
  }

  keyRange(path: DocPath): SourceRange | undefined {
    const node = this.node(path)
    return node && node.keyStart >= 0 ? this.rangeOf(node.keyStart, node.keyEnd) : undefined
  }

  pathAt(offset: number): DocPath {
    const path: DocPath = []
    let node = this.root
    outer: while (node) {
      if (node.props) {
        for (const [key, child] of node.props) {
          const from = child.keyStart >= 0 ? child.keyStart : child.start
          if (offset >= from && offset <= child.end) {
            path.push(key)
            node = child
            continue outer
          }
        }
      } else if (node.items) {
        // Items are in text order: binary search keeps long arrays cheap.
        const items = node.items
        let lo = 0
        let hi = items.length - 1
        while (lo <= hi) {
          const mid = (lo + hi) >> 1
          const item = items[mid]!
          if (offset < item.start) hi = mid - 1
          else if (offset > item.end) lo = mid + 1
          else {
            path.push(mid)
            node = item
            continue outer
          }
        }
      }
      break
    }
    return path
  }

  positionAt(offset: number): Position {
    const starts = (this.lineStarts ??= computeLineStarts(this.text))
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 }
  }

  stringRange(path: DocPath, from: number, to: number): SourceRange | undefined {
    const node = this.node(path)
    if (!node) return undefined
    const text = this.text
    const quote = text[node.start]
    if (quote === '"' || quote === "'") {
      // Walk the quoted text, decoding escapes, to find where decoded index i starts.
      const starts: number[] = []
      let pos = node.start + 1
      const last = node.end - 1
      while (pos < last && starts.length <= to) {
        starts.push(pos)
        const c = text[pos]
        if (c === '\\' && quote === '"') {
          const e = text[pos + 1]
          pos += e === 'u' ? 6 : e === 'x' ? 4 : e === 'U' ? 10 : 2
        } else if (c === "'" && quote === "'" && text[pos + 1] === "'") pos += 2
        else if (c === '\n' || c === '\r') return this.rangeOf(node.start, node.end)
        else pos++
      }
      starts.push(pos)
      const a = starts[Math.min(from, starts.length - 1)]!
      const b = starts[Math.min(to, starts.length - 1)]!
      return this.rangeOf(a, Math.max(a, b))
    }
    const raw = text.slice(node.start, node.end)
    if (!/[\r\n]/.test(raw) && to <= raw.length)
      return this.rangeOf(node.start + from, node.start + to)
    return this.rangeOf(node.start, node.end)
  }

  rangeOf(offset: number, endOffset: number): SourceRange {
    return {
      start: this.positionAt(offset),
      end: this.positionAt(endOffset),
      offset,
      endOffset,
    }
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x0a) starts.push(i + 1)
    else if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) i++
      starts.push(i + 1)
    }
  }
  return starts
}

/** Sets a property without letting `__proto__` change the object's prototype. */
function setProperty(object: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  } else {
    object[key] = value
  }
}

/** Integers beyond ±2^53 lose digits when read as JS numbers; AWS keeps them as typed. */
function loosesPrecision(source: string, value: number): boolean {
  if (!Number.isFinite(value)) return true
  if (Number.isSafeInteger(value)) return false
  // Only integers written as integers: 1.5e300 is a float the author meant as such.
  return /^-?\d+$/.test(source)
}

// ---------------------------------------------------------------------------------------------
// JSON

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly endOffset: number,
  ) {
    super(message)
  }
}

class JsonParser {
  pos = 0
  private readonly path: DocPath = []
  private depth = 0
  readonly diagnostics: Diagnostic[] = []

  constructor(
    private readonly text: string,
    private readonly map: TextSourceMap,
  ) {}

  private at(offset: number): string {
    const p = this.map.positionAt(offset)
    return `${p.line}:${p.column}`
  }

  private fail(message: string, offset = this.pos, length = 1): never {
    const end = Math.min(this.text.length, offset + length)
    throw new JsonSyntaxError(`${message} at ${this.at(offset)}`, offset, Math.max(end, offset))
  }

  /** Describes what is at the current position, for "found …" messages. */
  private found(): string {
    if (this.pos >= this.text.length) return 'the end of the text'
    const ch = this.text[this.pos]!
    if (ch === '\n' || ch === '\r') return 'a line break'
    const word = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.pos, this.pos + 40))
    return word ? `'${word[0]}'` : `'${ch}'`
  }

  skipSpace(): void {
    const text = this.text
    let pos = this.pos
    for (;;) {
      const c = text.charCodeAt(pos)
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++
      else if (
        c === 0x2f &&
        (text.charCodeAt(pos + 1) === 0x2f || text.charCodeAt(pos + 1) === 0x2a)
      ) {
        this.pos = pos
        this.fail('Comments are not allowed in JSON', pos, 2)
      } else break
    }
    this.pos = pos
  }

  parseDocument(): { value: JsonValue; node: SourceNode } | undefined {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1
    this.skipSpace()
    if (this.pos >= this.text.length) {
      this.fail(
        'The document is empty: expected a JSON value such as { "StartAt": …, "States": { … } }',
        this.pos,
        0,
      )
    }
    const result = this.parseValue(-1, -1)
    this.skipSpace()
    if (this.pos < this.text.length) {
      this.fail(`Unexpected ${this.found()} after the end of the JSON document`)
    }
    return result
  }

  private parseValue(keyStart: number, keyEnd: number): { value: JsonValue; node: SourceNode } {
    const text = this.text
    const start = this.pos
    const c = text.charCodeAt(start)
    switch (c) {
      case 0x7b: // {
        return this.parseObject(keyStart, keyEnd)
      case 0x5b: // [
        return this.parseArray(keyStart, keyEnd)
      case 0x22: {
        const value = this.parseString()
        return { value, node: { start, end: this.pos, keyStart, keyEnd } }
      }
      case 0x27: // '
        this.fail('Strings must use double quotes in JSON')
      // falls through (fail never returns)
      default:
        break
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const value = this.parseNumber()
      return { value, node: { start, end: this.pos, keyStart, keyEnd } }
    }
    if (text.startsWith('true', start)) return this.literal(true, 4, keyStart, keyEnd)
    if (text.startsWith('false', start)) return this.literal(false, 5, keyStart, keyEnd)
    if (text.startsWith('null', start)) return this.literal(null, 4, keyStart, keyEnd)
    const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(start, start + 40))
    if (word && ['NaN', 'Infinity', 'undefined'].includes(word[0])) {
      this.fail(`'${word[0]}' is not a JSON value`, start, word[0].length)
    }
    if (word) {
      this.fail(
        `Unexpected '${word[0]}', expected a value (strings need double quotes)`,
        start,
        word[0].length,
      )
    }
    this.fail(`Expected a value but found ${this.found()}`)
  }

  private literal(
    value: JsonValue,
    length: number,
    keyStart: number,
    keyEnd: number,
  ): { value: JsonValue; node: SourceNode } {
    const start = this.pos
    this.pos += length
    // `trueish` must not parse as `true` followed by garbage with a confusing message.
    const next = this.text.charCodeAt(this.pos)
    if (
      (next >= 0x41 && next <= 0x5a) ||
      (next >= 0x61 && next <= 0x7a) ||
      (next >= 0x30 && next <= 0x39) ||
      next === 0x5f
    ) {
      this.pos = start
      this.fail(`Expected a value but found ${this.found()}`, start, length + 1)
    }
    return { value, node: { start, end: this.pos, keyStart, keyEnd } }
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`Nesting deeper than ${MAX_DEPTH} levels`)
  }

  private parseObject(keyStart: number, keyEnd: number): { value: JsonValue; node: SourceNode } {
    this.enter()
    const text = this.text
    const start = this.pos
    this.pos++
    const value: JsonObject = {}
    const props = new Map<string, SourceNode>()
    this.skipSpace()
    if (text.charCodeAt(this.pos) === 0x7d) {
      this.pos++
      this.depth--
      return { value, node: { start, end: this.pos, keyStart, keyEnd, props } }
    }
    for (;;) {
      const c = text.charCodeAt(this.pos)
      if (c !== 0x22) {
        if (c === 0x7d)
          this.fail(
            "Trailing comma is not allowed in JSON: remove the ',' before '}'",
            this.lastComma,
            1,
          )
        if (c === 0x27) this.fail('Property names must use double quotes in JSON')
        if (this.pos >= text.length)
          this.fail(
            `Unterminated object starting at ${this.at(start)}: expected a property name or '}'`,
          )
        this.fail(`Expected a double-quoted property name but found ${this.found()}`)
      }
      const kStart = this.pos
      const key = this.parseString()
      const kEnd = this.pos
      this.skipSpace()
      if (text.charCodeAt(this.pos) !== 0x3a)
        this.fail(`Expected ':' after property name "${key}" but found ${this.found()}`)
      this.pos++
      this.skipSpace()
      this.path.push(key)
      const child = this.parseValue(kStart, kEnd)
      if (props.has(key)) {
        this.diagnostics.push({
          severity: 'error',
          code: 'DUPLICATE_KEY',
          message: `Duplicate property "${key}" in ${formatDocPath(this.path.slice(0, -1))} (first at ${this.at(props.get(key)!.keyStart)}): AWS rejects definitions with duplicate keys`,
          path: [...this.path],
          statePath: [],
          range: this.map.rangeOf(kStart, kEnd),
        })
        // Keep the last value like JSON.parse, at the position of the last occurrence.
        props.delete(key)
      }
      this.path.pop()
      setProperty(value, key, child.value)
      props.set(key, child.node)
      this.skipSpace()
      const next = text.charCodeAt(this.pos)
      if (next === 0x2c) {
        this.lastComma = this.pos
        this.pos++
        this.skipSpace()
        continue
      }
      if (next === 0x7d) {
        this.pos++
        break
      }
      if (next === 0x22) this.fail("Expected ',' or '}' after property value (is a comma missing?)")
      if (this.pos >= text.length)
        this.fail(
          `Unterminated object starting at ${this.at(start)}: expected ',' or '}'`,
          this.pos,
          0,
        )
      this.fail(`Expected ',' or '}' after property value but found ${this.found()}`)
    }
    this.depth--
    return { value, node: { start, end: this.pos, keyStart, keyEnd, props } }
  }

  private lastComma = 0

  private parseArray(keyStart: number, keyEnd: number): { value: JsonValue; node: SourceNode } {
    this.enter()
    const text = this.text
    const start = this.pos
    this.pos++
    const value: JsonValue[] = []
    const items: SourceNode[] = []
    this.skipSpace()
    if (text.charCodeAt(this.pos) === 0x5d) {
      this.pos++
      this.depth--
      return { value, node: { start, end: this.pos, keyStart, keyEnd, items } }
    }
    for (;;) {
      if (text.charCodeAt(this.pos) === 0x5d)
        this.fail(
          "Trailing comma is not allowed in JSON: remove the ',' before ']'",
          this.lastComma,
          1,
        )
      if (this.pos >= text.length)
        this.fail(
          `Unterminated array starting at ${this.at(start)}: expected a value or ']'`,
          this.pos,
          0,
        )
      this.path.push(value.length)
      const child = this.parseValue(-1, -1)
      this.path.pop()
      value.push(child.value)
      items.push(child.node)
      this.skipSpace()
      const next = text.charCodeAt(this.pos)
      if (next === 0x2c) {
        this.lastComma = this.pos
        this.pos++
        this.skipSpace()
        continue
      }
      if (next === 0x5d) {
        this.pos++
        break
      }
      if (this.pos >= text.length)
        this.fail(
          `Unterminated array starting at ${this.at(start)}: expected ',' or ']'`,
          this.pos,
          0,
        )
      this.fail(
        `Expected ',' or ']' after array element but found ${this.found()}${next === 0x22 || next === 0x7b ? ' (is a comma missing?)' : ''}`,
      )
    }
    this.depth--
    return { value, node: { start, end: this.pos, keyStart, keyEnd, items } }
  }

  private parseString(): string {
    const text = this.text
    const start = this.pos
    let pos = start + 1
    // Fast path: no escapes.
    for (;;) {
      const c = text.charCodeAt(pos)
      if (c === 0x22) {
        this.pos = pos + 1
        return text.slice(start + 1, pos)
      }
      if (c === 0x5c || c < 0x20 || Number.isNaN(c)) break
      pos++
    }
    let out = text.slice(start + 1, pos)
    for (;;) {
      if (pos >= text.length)
        this.fail(`Unterminated string starting at ${this.at(start)}`, start, 1)
      const c = text.charCodeAt(pos)
      if (c === 0x22) {
        this.pos = pos + 1
        return out
      }
      if (c === 0x0a || c === 0x0d)
        this.fail('Line break inside a string (write it as \\n)', pos, 1)
      if (c < 0x20)
        this.fail(
          `Unescaped control character U+${c.toString(16).padStart(4, '0').toUpperCase()} in string`,
          pos,
          1,
        )
      if (c !== 0x5c) {
        const runStart = pos
        while (pos < text.length) {
          const d = text.charCodeAt(pos)
          if (d === 0x22 || d === 0x5c || d < 0x20) break
          pos++
        }
        out += text.slice(runStart, pos)
        continue
      }
      const e = text[pos + 1]
      switch (e) {
        case '"':
          out += '"'
          break
        case '\\':
          out += '\\'
          break
        case '/':
          out += '/'
          break
        case 'b':
          out += '\b'
          break
        case 'f':
          out += '\f'
          break
        case 'n':
          out += '\n'
          break
        case 'r':
          out += '\r'
          break
        case 't':
          out += '\t'
          break
        case 'u': {
          const hex = text.slice(pos + 2, pos + 6)
          if (!/^[0-9A-Fa-f]{4}$/.test(hex))
            this.fail('Invalid \\u escape: expected 4 hexadecimal digits', pos, 2 + hex.length)
          out += String.fromCharCode(parseInt(hex, 16))
          pos += 6
          continue
        }
        default:
          if (e === undefined)
            this.fail(`Unterminated string starting at ${this.at(start)}`, start, 1)
          this.fail(`Invalid escape sequence '\\${e}' in string`, pos, 2)
      }
      pos += 2
    }
  }

  private parseNumber(): number {
    const text = this.text
    const start = this.pos
    let pos = start
    if (text.charCodeAt(pos) === 0x2d) pos++
    const isDigit = (p: number) => {
      const d = text.charCodeAt(p)
      return d >= 0x30 && d <= 0x39
    }
    if (!isDigit(pos))
      this.fail("Invalid number: expected a digit after '-'", start, pos - start + 1)
    if (text.charCodeAt(pos) === 0x30 && isDigit(pos + 1)) {
      this.fail('Invalid number: leading zeros are not allowed in JSON', start, pos - start + 2)
    }
    while (isDigit(pos)) pos++
    if (text.charCodeAt(pos) === 0x2e) {
      pos++
      if (!isDigit(pos))
        this.fail("Invalid number: expected a digit after '.'", start, pos - start + 1)
      while (isDigit(pos)) pos++
    }
    const e = text.charCodeAt(pos)
    if (e === 0x65 || e === 0x45) {
      pos++
      const sign = text.charCodeAt(pos)
      if (sign === 0x2b || sign === 0x2d) pos++
      if (!isDigit(pos))
        this.fail('Invalid number: expected a digit in the exponent', start, pos - start + 1)
      while (isDigit(pos)) pos++
    }
    this.pos = pos
    const source = text.slice(start, pos)
    const value = Number(source)
    if (loosesPrecision(source, value)) this.numberWarning(source, value, start, pos)
    return value
  }

  private numberWarning(source: string, value: number, start: number, end: number): void {
    this.diagnostics.push({
      severity: 'warning',
      code: 'NUMBER_PRECISION',
      message: Number.isFinite(value)
        ? `The number ${source} is beyond 2^53 and reads as ${value} in JavaScript: Stepwise will not keep its exact digits (write it as a string if the digits matter)`
        : `The number ${source} is too large to represent; it reads as ${value}`,
      path: [...this.path],
      statePath: [],
      range: this.map.rangeOf(start, end),
    })
  }
}

function parseJsonText(text: string): ParseResult {
  // The parser fills the source tree; the map is created first so error messages can quote
  // line/column positions while parsing.
  const holder: { root: SourceNode | undefined } = { root: undefined }
  const map = new TextSourceMap(text, undefined)
  const parser = new JsonParser(text, map)
  let value: JsonValue | undefined
  try {
    const result = parser.parseDocument()
    value = result?.value
    holder.root = result?.node
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error
    parser.diagnostics.push({
      severity: 'error',
      code: 'JSON_SYNTAX',
      message: error.message,
      path: [],
      statePath: [],
      range: map.rangeOf(error.offset, error.endOffset),
    })
    value = undefined
  }
  return {
    value,
    format: 'json',
    sourceMap: new TextSourceMap(text, holder.root),
    diagnostics: parser.diagnostics,
  }
}

// ---------------------------------------------------------------------------------------------
// YAML

function parseYamlText(text: string): ParseResult {
  const lineMap = new TextSourceMap(text, undefined)
  const diagnostics: Diagnostic[] = []
  const doc = parseDocument(text, {
    version: '1.2',
    schema: 'core',
    prettyErrors: false,
    // Duplicates are reported by the converter, which knows their document path.
    uniqueKeys: false,
    keepSourceTokens: false,
  })
  const report = (error: YAMLError, severity: 'error' | 'warning') => {
    const [from, to] = error.pos
    const at = lineMap.positionAt(from)
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '')
    const tag = error.code === 'TAG_RESOLVE_FAILED' ? /!([A-Za-z:]+)/.exec(message)?.[1] : undefined
    const cloudFormation = tag !== undefined && CLOUDFORMATION_TAGS.has(tag.replace(/^Fn::/, ''))
    diagnostics.push({
      severity,
      code: cloudFormation ? 'DEPLOY_TIME_PLACEHOLDER' : 'YAML_SYNTAX',
      message: cloudFormation
        ? `!${tag} at ${at.line}:${at.column} is a CloudFormation intrinsic function, resolved at deploy time; Stepwise reads ${tag === 'Ref' || tag === 'GetAtt' ? 'it as a ${…} substitution' : 'the tagged value as plain text'}`
        : `${message} at ${at.line}:${at.column}`,
      path: [],
      statePath: [],
      range: lineMap.rangeOf(from, Math.max(from, to)),
    })
  }
  for (const error of doc.errors) report(error, 'error')
  for (const warning of doc.warnings) report(warning, 'warning')
  if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) {
    return { value: undefined, format: 'yaml', sourceMap: lineMap, diagnostics }
  }
  if (doc.contents === null) {
    diagnostics.push({
      severity: 'error',
      code: 'YAML_SYNTAX',
      message: 'The document is empty: expected a mapping with StartAt and States',
      path: [],
      statePath: [],
      range: lineMap.rangeOf(0, 0),
    })
    return { value: undefined, format: 'yaml', sourceMap: lineMap, diagnostics }
  }
  const converter = new YamlConverter(doc, lineMap, diagnostics)
  const { value, node } = converter.convert(doc.contents as YamlNode, -1, -1, [])
  return { value, format: 'yaml', sourceMap: new TextSourceMap(text, node), diagnostics }
}

class YamlConverter {
  private readonly resolving = new Set<YamlNode>()

  constructor(
    private readonly doc: Document,
    private readonly map: TextSourceMap,
    private readonly diagnostics: Diagnostic[],
  ) {}

  private problem(message: string, path: DocPath, start: number, end: number): void {
    diagnostics(this.diagnostics, message, path, this.map.rangeOf(start, end))
  }

  convert(
    node: YamlNode,
    keyStart: number,
    keyEnd: number,
    path: DocPath,
  ): { value: JsonValue; node: SourceNode } {
    const [start, end] = node.range ?? [0, 0]
    if (isAlias(node)) {
      const target = node.resolve(this.doc)
      if (!target || this.resolving.has(target as YamlNode)) {
        this.problem('Unresolvable or recursive YAML alias', path, start, end)
        return { value: null, node: { start, end, keyStart, keyEnd } }
      }
      this.resolving.add(target as YamlNode)
      const converted = this.convert(target as YamlNode, keyStart, keyEnd, path)
      this.resolving.delete(target as YamlNode)
      // Locations point at the alias, where the user wrote it.
      return { value: converted.value, node: { ...converted.node, start, end, keyStart, keyEnd } }
    }
    if (isMap(node)) {
      const value: JsonObject = {}
      const props = new Map<string, SourceNode>()
      for (const pair of node.items) {
        if (!isPair(pair)) continue
        const keyNode = pair.key as YamlNode | null
        let key: string
        let ks = start
        let ke = start
        if (keyNode === null) key = ''
        else if (isScalar(keyNode)) {
          ;[ks, ke] = keyNode.range ?? [start, start]
          key = scalarKey(keyNode)
        } else {
          ;[ks, ke] = keyNode.range ?? [start, start]
          this.problem('Property names must be plain strings, not collections', path, ks, ke)
          continue
        }
        const childPath = [...path, key]
        const child =
          pair.value === null
            ? { value: null, node: { start: ke, end: ke, keyStart: ks, keyEnd: ke } }
            : this.convert(pair.value as YamlNode, ks, ke, childPath)
        const first = props.get(key)
        if (first) {
          const at = this.map.positionAt(first.keyStart)
          this.diagnostics.push({
            severity: 'error',
            code: 'DUPLICATE_KEY',
            message: `Duplicate property "${key}" in ${formatDocPath(path)} (first at ${at.line}:${at.column}): AWS rejects definitions with duplicate keys`,
            path: childPath,
            statePath: [],
            range: this.map.rangeOf(ks, ke),
          })
          props.delete(key)
        }
        props.set(key, child.node)
        setProperty(value, key, child.value)
      }
      return { value, node: { start, end, keyStart, keyEnd, props } }
    }
    if (isSeq(node)) {
      const value: JsonValue[] = []
      const items: SourceNode[] = []
      node.items.forEach((item, index) => {
        if (item === null) {
          value.push(null)
          items.push({ start, end: start, keyStart: -1, keyEnd: -1 })
          return
        }
        const child = this.convert(item as YamlNode, -1, -1, [...path, index])
        value.push(child.value)
        items.push(child.node)
      })
      return { value, node: { start, end, keyStart, keyEnd, items } }
    }
    if (isScalar(node)) {
      const raw = node.value
      let value: JsonValue
      if (typeof raw === 'string' && (node.tag === '!Ref' || node.tag === '!GetAtt')) {
        // `!Ref X` and `!GetAtt X.Arn` mean what `${X}` and `${X.Arn}` mean in a !Sub string
        // or in DefinitionSubstitutions: a value put in at deploy time. Read them that way so
        // the validator treats them as placeholders.
        value = `\${${raw}}`
      } else if (raw === null || typeof raw === 'string' || typeof raw === 'boolean') value = raw
      else if (typeof raw === 'number') {
        if (!Number.isFinite(raw)) {
          this.problem(
            `${node.source ?? String(raw)} is not a JSON number (JSON has no NaN or infinities)`,
            path,
            start,
            end,
          )
          value = null
        } else {
          value = raw
          const source = node.source ?? String(raw)
          if (loosesPrecision(source.replace(/^\+/, ''), raw)) {
            this.diagnostics.push({
              severity: 'warning',
              code: 'NUMBER_PRECISION',
              message: `The number ${source} is beyond 2^53 and reads as ${raw} in JavaScript: Stepwise will not keep its exact digits (write it as a string if the digits matter)`,
              path,
              statePath: [],
              range: this.map.rangeOf(start, end),
            })
          }
        }
      } else {
        this.problem(`Unsupported YAML value of type ${typeof raw}`, path, start, end)
        value = null
      }
      return { value, node: { start, end, keyStart, keyEnd } }
    }
    this.problem('Unsupported YAML node', path, start, end)
    return { value: null, node: { start, end, keyStart, keyEnd } }
  }
}

function diagnostics(list: Diagnostic[], message: string, path: DocPath, range: SourceRange): void {
  const p = range.start
  list.push({
    severity: 'error',
    code: 'YAML_NOT_JSON',
    message: `${message} at ${p.line}:${p.column}`,
    path,
    statePath: [],
    range,
  })
}

/** A YAML key as the author wrote it: `1.0:` stays "1.0", not "1". */
function scalarKey(node: Scalar): string {
  const raw = node.value
  if (typeof raw === 'string') return raw
  if (raw === null) return node.source ?? ''
  return node.source ?? String(raw)
}
