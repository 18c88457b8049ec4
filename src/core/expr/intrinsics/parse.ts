import type { JsonValue } from '../../asl/types'
import { ExpressionSyntaxError } from '../errors'
import type { JsonPath } from '../jsonpath/ast'
import { parseJsonPath } from '../jsonpath/parse'

// Parser for intrinsic function calls (`States.Format('{}', $.x)`), the grammar of the AWS
// developer guide: string literals in single quotes with `\` escapes, numbers, booleans,
// JSONPaths rooted at `$`, `$$` or `$name`, and nested calls.

export const INTRINSIC_FUNCTIONS: Readonly<Record<string, { minArgs: number; maxArgs: number }>> =
  Object.freeze({
    'States.Format': { minArgs: 1, maxArgs: Infinity },
    'States.StringToJson': { minArgs: 1, maxArgs: 1 },
    'States.JsonToString': { minArgs: 1, maxArgs: 1 },
    'States.Array': { minArgs: 0, maxArgs: Infinity },
    'States.ArrayPartition': { minArgs: 2, maxArgs: 2 },
    'States.ArrayContains': { minArgs: 2, maxArgs: 2 },
    'States.ArrayRange': { minArgs: 3, maxArgs: 3 },
    'States.ArrayGetItem': { minArgs: 2, maxArgs: 2 },
    'States.ArrayLength': { minArgs: 1, maxArgs: 1 },
    'States.ArrayUnique': { minArgs: 1, maxArgs: 1 },
    'States.Base64Encode': { minArgs: 1, maxArgs: 1 },
    'States.Base64Decode': { minArgs: 1, maxArgs: 1 },
    'States.Hash': { minArgs: 2, maxArgs: 2 },
    'States.JsonMerge': { minArgs: 3, maxArgs: 3 },
    'States.MathRandom': { minArgs: 2, maxArgs: 3 },
    'States.MathAdd': { minArgs: 2, maxArgs: 2 },
    'States.StringSplit': { minArgs: 2, maxArgs: 2 },
    'States.UUID': { minArgs: 0, maxArgs: 0 },
  })

export type IntrinsicArg =
  | {
      readonly kind: 'literal'
      readonly value: JsonValue
      /** For strings: the text between the quotes, escapes kept (States.Format needs them). */
      readonly raw?: string
      readonly offset: number
      readonly length: number
    }
  | {
      readonly kind: 'path'
      readonly path: JsonPath
      readonly offset: number
      readonly length: number
    }
  | IntrinsicCall

export interface IntrinsicCall {
  readonly kind: 'call'
  readonly name: string
  readonly args: readonly IntrinsicArg[]
  /** The call's own text, as AWS quotes it in error causes. */
  readonly source: string
  readonly offset: number
  readonly length: number
}

const CONTROL_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r' }

/** `\n`, `\t`, `\r` are control characters; any other escaped character stands for itself. */
export function unescapeChar(c: string): string {
  return CONTROL_ESCAPES[c] ?? c
}

/** True when the string is meant as an intrinsic call (`States.Xxx(`…). */
export function looksLikeIntrinsic(source: string): boolean {
  return /^\s*States\./.test(source)
}

const cache = new Map<string, IntrinsicCall>()
const CACHE_LIMIT = 10_000

/** Parses and checks function names and arity. Cached by source. */
export function parseIntrinsic(source: string): IntrinsicCall {
  let call = cache.get(source)
  if (call === undefined) {
    const parser = new IntrinsicParser(source)
    parser.skipWs()
    call = parser.parseCall()
    parser.skipWs()
    if (parser.pos < source.length) {
      parser.fail(
        `Unexpected text after the intrinsic function call`,
        parser.pos,
        source.length - parser.pos,
      )
    }
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(source, call)
  }
  return call
}

class IntrinsicParser {
  pos = 0
  constructor(readonly src: string) {}

  fail(message: string, at = this.pos, length = 1): never {
    throw new ExpressionSyntaxError(
      message,
      at,
      Math.max(0, Math.min(length, this.src.length - at)),
    )
  }

  peek(): string {
    return this.src.charAt(this.pos)
  }

  skipWs(): void {
    while (this.pos < this.src.length && /[ \t\n\r]/.test(this.src[this.pos]!)) this.pos++
  }

  parseCall(): IntrinsicCall {
    const start = this.pos
    const m = /^([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)/.exec(this.src.slice(this.pos))
    if (!m) this.fail(`Expected an intrinsic function such as States.Format(…)`, start, 7)
    const name = m[0]
    const spec = INTRINSIC_FUNCTIONS[name]
    if (m[1] !== 'States' || spec === undefined) {
      this.fail(`Unknown intrinsic function '${name}'`, start, name.length)
    }
    this.pos += name.length
    this.skipWs()
    if (this.peek() !== '(') this.fail(`Expected '(' after ${name}`)
    this.pos++
    const args: IntrinsicArg[] = []
    this.skipWs()
    if (this.peek() === ')') {
      this.pos++
    } else {
      for (;;) {
        args.push(this.parseArg())
        this.skipWs()
        const ch = this.peek()
        if (ch === ',') {
          this.pos++
          continue
        }
        if (ch === ')') {
          this.pos++
          break
        }
        if (ch === '') this.fail(`Missing ')' to close ${name}(`, start, this.src.length - start)
        this.fail(`Expected ',' or ')' in the arguments of ${name}, found '${ch}'`)
      }
    }
    const length = this.pos - start
    if (args.length < spec.minArgs || args.length > spec.maxArgs) {
      const expected =
        spec.minArgs === spec.maxArgs
          ? `${spec.minArgs}`
          : spec.maxArgs === Infinity
            ? `at least ${spec.minArgs}`
            : `${spec.minArgs} to ${spec.maxArgs}`
      this.fail(
        `${name} takes ${expected} argument${expected === '1' ? '' : 's'}, not ${args.length}`,
        start,
        length,
      )
    }
    return {
      kind: 'call',
      name,
      args,
      source: this.src.slice(start, this.pos),
      offset: start,
      length,
    }
  }

  parseArg(): IntrinsicArg {
    this.skipWs()
    const start = this.pos
    const ch = this.peek()
    if (ch === "'") {
      const { value, raw } = this.parseString()
      return { kind: 'literal', value, raw, offset: start, length: this.pos - start }
    }
    if (ch === '$') {
      const text = this.scanPath()
      try {
        return { kind: 'path', path: parseJsonPath(text), offset: start, length: text.length }
      } catch (e) {
        if (e instanceof ExpressionSyntaxError) {
          throw new ExpressionSyntaxError(e.message, start + e.offset, e.length, e.atRuntime)
        }
        throw e
      }
    }
    const rest = this.src.slice(this.pos)
    const num = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?(?![A-Za-z0-9_.])/.exec(rest)
    if (num) {
      this.pos += num[0].length
      return { kind: 'literal', value: Number(num[0]), offset: start, length: num[0].length }
    }
    const word = /^(true|false|null)(?![A-Za-z0-9_])/.exec(rest)
    if (word) {
      this.pos += word[0].length
      const value = word[0] === 'null' ? null : word[0] === 'true'
      return { kind: 'literal', value, offset: start, length: word[0].length }
    }
    if (/^[A-Za-z0-9_]+\./.test(rest)) return this.parseCall()
    if (ch === '') this.fail(`Expected an argument`, start, 0)
    this.fail(`Unexpected '${ch}' in the arguments of an intrinsic function`)
  }

  /** A JSONPath argument ends at a `,` or `)` outside brackets and quotes, or at whitespace. */
  scanPath(): string {
    const start = this.pos
    let depth = 0
    let quote = ''
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!
      if (quote) {
        if (c === '\\') this.pos++
        else if (c === quote) quote = ''
      } else if (depth > 0 && (c === "'" || c === '"')) {
        quote = c
      } else if (c === '[' || c === '(') {
        depth++
      } else if (c === ']' || (c === ')' && depth > 0)) {
        depth--
      } else if (depth === 0 && (c === ',' || c === ')' || /\s/.test(c))) {
        break
      }
      this.pos++
    }
    return this.src.slice(start, this.pos)
  }

  parseString(): { value: string; raw: string } {
    const start = this.pos
    this.pos++
    let value = ''
    for (;;) {
      if (this.pos >= this.src.length) {
        this.fail(`Unterminated string literal`, start, this.src.length - start)
      }
      const c = this.src[this.pos]!
      if (c === "'") {
        this.pos++
        return { value, raw: this.src.slice(start + 1, this.pos - 1) }
      }
      if (c === '\\') {
        const e = this.src.charAt(this.pos + 1)
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.src.slice(this.pos + 2, this.pos + 6))) {
          value += String.fromCharCode(parseInt(this.src.slice(this.pos + 2, this.pos + 6), 16))
          this.pos += 6
          continue
        }
        if (e === '') this.fail(`Unterminated string literal`, start, this.src.length - start)
        value += unescapeChar(e)
        this.pos += 2
        continue
      }
      value += c
      this.pos++
    }
  }
}
