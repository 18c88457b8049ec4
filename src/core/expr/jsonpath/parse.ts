import type { JsonObject, JsonValue } from '../../asl/types'
import type { RuntimePathProblem } from '../errors'
import { ExpressionSyntaxError } from '../errors'
import { internKey } from '../json'
import type {
  CompareOp,
  FilterExpr,
  FilterOperand,
  JsonPath,
  PathFunctionName,
  PathRoot,
  Segment,
} from './ast'
import { PATH_FUNCTIONS } from './ast'

// A hand-written parser for AWS's JSONPath dialect. Step Functions runs Jayway JsonPath, so the
// grammar follows Jayway: dot and bracket notation, quoted names, negative indexes, unions,
// slices, wildcards, deep scan, `[?(…)]` filters, and path functions such as `.length()`.
// Stepwise adds `$$` (context object) and `$name` (variables) as roots, like AWS does.

const cache = new Map<string, JsonPath>()
const CACHE_LIMIT = 10_000

/** Accepts paths rooted at `$`, `$$` (context) and `$name` (variables). Cached by source. */
export function parseJsonPath(source: string): JsonPath {
  let path = cache.get(source)
  if (path === undefined) {
    path = new PathParser(source).parseTopLevel()
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(source, path)
  }
  return path
}

/** A Reference Path: only `.name`, `['name']`, `[n]` steps (no wildcard/slice/filter/union/..). */
export function isReferencePath(path: JsonPath): boolean {
  return path.reference
}

const FUNCTION_NAMES: ReadonlySet<string> = new Set(PATH_FUNCTIONS)

// Characters that end a dot-notation name. Inside filters, operators and brackets end it too.
const NAME_STOP_TOP = new Set([' ', '\t', '\n', '\r', '.', '[', '(', ')', ']'])
const NAME_STOP_FILTER = new Set([
  ...NAME_STOP_TOP,
  ',',
  '=',
  '!',
  '<',
  '>',
  '&',
  '|',
  '~',
  '+',
  '*',
])

function isVariableStart(ch: string): boolean {
  return /[\p{L}_]/u.test(ch)
}
function isVariablePart(ch: string): boolean {
  return /[\p{L}\p{N}_]/u.test(ch)
}

class PathParser {
  pos = 0
  constructor(readonly src: string) {}

  /** Where the `[` of each filter being parsed is (filters nest). */
  filterOpens: number[] = []

  fail(message: string, at = this.pos, length = 1, atRuntime?: RuntimePathProblem): never {
    throw new ExpressionSyntaxError(
      message,
      at,
      Math.max(0, Math.min(length, this.src.length - at)),
      atRuntime,
    )
  }

  peek(offset = 0): string {
    return this.src.charAt(this.pos + offset)
  }

  skipWs(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos]!)) this.pos++
  }

  parseTopLevel(): JsonPath {
    this.skipWs()
    const path = this.parsePath(false)
    this.skipWs()
    if (this.pos < this.src.length) {
      this.fail(`Unexpected '${this.peek()}' in JSONPath '${this.src}'`)
    }
    return path
  }

  /** Parses a path starting at `pos`; in a filter, stops at the first character it can't take. */
  parsePath(inFilter: boolean): JsonPath {
    const start = this.pos
    const root = this.parseRoot(inFilter)
    const segments: Segment[] = []
    for (;;) {
      const ch = this.peek()
      if (ch === '.') {
        if (this.peek(1) === '.') {
          this.pos += 2
          segments.push({ kind: 'scan', next: this.parseAfterScan(inFilter) })
          continue
        }
        this.pos++
        if (this.peek() === '[') {
          // Jayway reads `.[`…`]` as the bracket step alone: `$.[0]`, `$.a.['b']`, `$.[*]`.
          segments.push(this.parseBracket())
          continue
        }
        const segment = this.parseDotName(inFilter)
        segments.push(segment)
        if (segment.kind === 'function') break
        continue
      }
      if (ch === '[') {
        segments.push(this.parseBracket())
        continue
      }
      break
    }
    const source = this.src.slice(start, this.pos)
    return buildPath(source, root, segments)
  }

  parseRoot(inFilter: boolean): PathRoot {
    const ch = this.peek()
    if (ch === '@') {
      if (!inFilter) this.fail(`'@' is only allowed inside a filter: '${this.src}'`)
      this.pos++
      return { kind: 'current' }
    }
    if (ch !== '$') {
      this.fail(`A JSONPath must start with '$': '${this.src}'`, this.pos, this.src.length)
    }
    this.pos++
    if (this.peek() === '$') {
      this.pos++
      return { kind: 'context' }
    }
    if (isVariableStart(this.peek())) {
      const nameStart = this.pos
      while (this.pos < this.src.length && isVariablePart(this.peek())) this.pos++
      return { kind: 'variable', name: this.src.slice(nameStart, this.pos) }
    }
    return { kind: 'input' }
  }

  parseAfterScan(inFilter: boolean): Segment {
    const ch = this.peek()
    if (ch === '[') return this.parseBracket()
    if (ch === '.' || ch === '' || /\s/.test(ch)) {
      this.fail(`A deep scan '..' must be followed by a name, '*' or '[': '${this.src}'`)
    }
    const segment = this.parseDotName(inFilter)
    if (segment.kind === 'function') this.fail(`A function can't follow '..': '${this.src}'`)
    return segment
  }

  parseDotName(inFilter: boolean): Segment {
    if (this.peek() === '*') {
      this.pos++
      return { kind: 'wildcard' }
    }
    const stop = inFilter ? NAME_STOP_FILTER : NAME_STOP_TOP
    const start = this.pos
    while (this.pos < this.src.length && !stop.has(this.src[this.pos]!)) this.pos++
    const name = internKey(this.src.slice(start, this.pos))
    if (name === '') this.fail(`Expected a property name after '.': '${this.src}'`, start)
    if (this.peek() === '(') {
      if (!FUNCTION_NAMES.has(name)) {
        this.fail(`Unknown JSONPath function '${name}()'`, start, name.length)
      }
      this.pos++
      this.skipWs()
      if (this.peek() !== ')') this.fail(`JSONPath function '${name}()' takes no arguments`)
      this.pos++
      return { kind: 'function', name: name as PathFunctionName }
    }
    return { kind: 'property', name }
  }

  parseBracket(): Segment {
    const open = this.pos
    try {
      return this.parseBracketBody(open)
    } catch (e) {
      // Running out of text inside the brackets: say which bracket is left open.
      if (e instanceof ExpressionSyntaxError && e.offset >= this.src.length) {
        this.fail(
          `Unterminated '[' at offset ${open} in '${this.src}'`,
          open,
          this.src.length - open,
        )
      }
      throw e
    }
  }

  private parseBracketBody(open: number): Segment {
    this.pos++ // [
    this.skipWs()
    const ch = this.peek()
    let segment: Segment
    if (ch === '*') {
      this.pos++
      segment = { kind: 'wildcard' }
    } else if (ch === '?') {
      this.pos++
      this.skipWs()
      this.filterOpens.push(open)
      if (this.peek() === '(') {
        // `?(` … `)`: the parentheses belong to the filter syntax, not to the expression.
        this.pos++
        const expr = this.parseOr()
        this.skipWs()
        if (this.peek() !== ')') this.fail(`Expected ')' to close the filter in '${this.src}'`)
        this.pos++
        segment = { kind: 'filter', expr }
      } else {
        segment = { kind: 'filter', expr: this.parseOr() }
      }
      this.filterOpens.pop()
    } else if (ch === "'" || ch === '"') {
      const names = [internKey(this.parseQuoted(true))]
      this.skipWs()
      while (this.peek() === ',') {
        this.pos++
        this.skipWs()
        const q = this.peek()
        if (q !== "'" && q !== '"') this.fail(`Expected a quoted name in '${this.src}'`)
        names.push(internKey(this.parseQuoted(true)))
        this.skipWs()
      }
      segment =
        names.length === 1 ? { kind: 'property', name: names[0]! } : { kind: 'properties', names }
    } else if (ch === '-' || ch === ':' || /[0-9]/.test(ch)) {
      segment = this.parseIndexOrSlice()
    } else if (ch === ']') {
      this.fail(`Empty brackets '[]' in '${this.src}'`, open, 2)
    } else {
      this.fail(`Unexpected '${ch}' in brackets in '${this.src}'`)
    }
    this.skipWs()
    if (this.peek() !== ']') this.fail(`Expected ']' in '${this.src}'`)
    this.pos++
    return segment
  }

  parseInt(optional: boolean): number | undefined {
    this.skipWs()
    const m = /^-?[0-9]+/.exec(this.src.slice(this.pos))
    if (!m) {
      if (optional) return undefined
      this.fail(`Expected an integer in '${this.src}'`)
    }
    this.pos += m[0].length
    this.skipWs()
    return Number(m[0])
  }

  parseIndexOrSlice(): Segment {
    const first = this.parseInt(true)
    if (this.peek() === ':') {
      this.pos++
      const end = this.parseInt(true)
      let step: number | undefined
      if (this.peek() === ':') {
        this.pos++
        step = this.parseInt(true)
        if (step === 0) this.fail(`A slice step can't be 0 in '${this.src}'`)
      }
      return { kind: 'slice', start: first, end, step }
    }
    if (first === undefined) this.fail(`Expected an index in '${this.src}'`)
    const indexes = [first]
    while (this.peek() === ',') {
      this.pos++
      indexes.push(this.parseInt(false)!)
    }
    return indexes.length === 1 ? { kind: 'index', index: first } : { kind: 'indexes', indexes }
  }

  /**
   * A quoted string. As a bracketed property name (`verbatim`) a backslash only stops the next
   * character from ending the string and is kept, as AWS's JSONPath engine does (a recorded case:
   * `$['Test\""Name"']` reads the key `Test\""Name"`); in filter literals escapes are decoded.
   */
  parseQuoted(verbatim = false): string {
    const quote = this.peek()
    const start = this.pos
    this.pos++
    let out = ''
    for (;;) {
      if (this.pos >= this.src.length) {
        this.fail(`Unterminated string in '${this.src}'`, start, this.src.length - start)
      }
      const c = this.src[this.pos]!
      if (c === quote) {
        this.pos++
        return out
      }
      if (c === '\\' && verbatim) {
        out += this.src.slice(this.pos, this.pos + 2)
        this.pos += 2
        continue
      }
      if (c === '\\') {
        const e = this.src.charAt(this.pos + 1)
        this.pos += 2
        switch (e) {
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
            const hex = this.src.slice(this.pos, this.pos + 4)
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail(`Bad \\u escape in '${this.src}'`)
            out += String.fromCharCode(parseInt(hex, 16))
            this.pos += 4
            break
          }
          default:
            out += e
        }
        continue
      }
      out += c
      this.pos++
    }
  }

  // ---- filters ------------------------------------------------------------------------------

  parseOr(): FilterExpr {
    let left = this.parseAnd()
    for (;;) {
      this.skipWs()
      if (this.src.startsWith('||', this.pos)) {
        this.pos += 2
        left = { kind: 'or', left, right: this.parseAnd() }
      } else return left
    }
  }

  parseAnd(): FilterExpr {
    let left = this.parseUnary()
    for (;;) {
      this.skipWs()
      if (this.src.startsWith('&&', this.pos)) {
        this.pos += 2
        left = { kind: 'and', left, right: this.parseUnary() }
      } else return left
    }
  }

  parseUnary(): FilterExpr {
    this.skipWs()
    if (this.peek() === '!' && this.peek(1) !== '=') {
      this.pos++
      return { kind: 'not', expr: this.parseUnary() }
    }
    if (this.peek() === '(') {
      this.pos++
      const inner = this.parseOr()
      this.skipWs()
      if (this.peek() !== ')') this.fail(`Expected ')' in filter of '${this.src}'`)
      this.pos++
      return inner
    }
    const left = this.parseOperand()
    this.skipWs()
    const op = this.parseOperator()
    if (op === undefined) return { kind: 'test', operand: left }
    if (op === 'empty') {
      // `empty` takes a boolean: `@.list empty true`
      const right = this.parseOperand()
      return { kind: 'compare', op, left, right }
    }
    const right = this.parseOperand()
    return { kind: 'compare', op, left, right }
  }

  parseOperator(): CompareOp | undefined {
    const rest = this.src.slice(this.pos, this.pos + 10)
    for (const op of ['==', '!=', '<=', '>=', '=~', '<', '>'] as const) {
      if (rest.startsWith(op)) {
        this.pos += op.length
        return op
      }
    }
    const m = /^(in|nin|subsetof|anyof|noneof|size|empty|contains)(?=[\s[{'"0-9@$-])/i.exec(rest)
    if (m) {
      this.pos += m[1]!.length
      return m[1]!.toLowerCase() as CompareOp
    }
    return undefined
  }

  parseOperand(): FilterOperand {
    this.skipWs()
    const ch = this.peek()
    if (ch === '@' || ch === '$') return { kind: 'path', path: this.parsePath(true) }
    if (ch === '/') return { kind: 'regex', regex: this.parseRegex() }
    return { kind: 'value', value: this.parseLiteral() }
  }

  parseRegex(): RegExp {
    const start = this.pos
    this.pos++
    let body = ''
    while (this.pos < this.src.length && this.peek() !== '/') {
      if (this.peek() === '\\') {
        body += this.src.slice(this.pos, this.pos + 2)
        this.pos += 2
      } else {
        body += this.peek()
        this.pos++
      }
    }
    if (this.peek() !== '/') this.fail(`Unterminated regex in '${this.src}'`, start)
    this.pos++
    const flagStart = this.pos
    while (/[a-z]/i.test(this.peek())) this.pos++
    // Java's flags map onto JavaScript's for the common ones; `u` keeps code points whole.
    const flags = [...new Set(this.src.slice(flagStart, this.pos).replace(/[^imsx]/g, ''))]
      .filter((f) => f !== 'x')
      .join('')
    try {
      // Jayway matches the whole string (Matcher.matches()).
      return new RegExp(`^(?:${body})$`, flags + 'u')
    } catch {
      try {
        return new RegExp(`^(?:${body})$`, flags)
      } catch (e) {
        this.fail(
          `Bad regular expression /${body}/: ${(e as Error).message}`,
          start,
          this.pos - start,
        )
      }
    }
  }

  parseLiteral(): JsonValue {
    this.skipWs()
    const ch = this.peek()
    if (ch === "'" || ch === '"') return this.parseQuoted()
    if (ch === '[') {
      this.pos++
      const items: JsonValue[] = []
      this.skipWs()
      if (this.peek() === ']') {
        this.pos++
        return items
      }
      for (;;) {
        items.push(this.parseLiteral())
        this.skipWs()
        if (this.peek() === ',') {
          this.pos++
          continue
        }
        if (this.peek() === ']') {
          this.pos++
          return items
        }
        this.fail(`Expected ',' or ']' in a list literal of '${this.src}'`)
      }
    }
    if (ch === '{') {
      this.pos++
      const obj: JsonObject = {}
      this.skipWs()
      if (this.peek() === '}') {
        this.pos++
        return obj
      }
      for (;;) {
        this.skipWs()
        const q = this.peek()
        if (q !== "'" && q !== '"') this.fail(`Expected a quoted key in '${this.src}'`)
        const key = this.parseQuoted()
        this.skipWs()
        if (this.peek() !== ':') this.fail(`Expected ':' in an object literal of '${this.src}'`)
        this.pos++
        obj[key] = this.parseLiteral()
        this.skipWs()
        if (this.peek() === ',') {
          this.pos++
          continue
        }
        if (this.peek() === '}') {
          this.pos++
          return obj
        }
        this.fail(`Expected ',' or '}' in an object literal of '${this.src}'`)
      }
    }
    const m =
      /^(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null)(?![\w-])/.exec(
        this.src.slice(this.pos),
      )
    if (!m) {
      const word = /^[\p{L}_][\p{L}\p{N}_-]*/u.exec(this.src.slice(this.pos))?.[0]
      if (word !== undefined) {
        // Jayway reads the word as a number literal and cannot compile the filter: AWS accepts
        // the definition, but the state fails with States.Runtime when it evaluates the path,
        // quoting the filter from its `[` to its `)]`.
        const open = this.filterOpens.at(-1) ?? this.pos
        const close = this.src.indexOf(')]', this.pos)
        const filter = this.src.slice(open, close === -1 ? this.src.length : close + 2)
        this.fail(
          `Unquoted text '${word}' in the filter of '${this.src}': write it as a string, '${word}'`,
          this.pos,
          word.length,
          { path: this.src, message: `Could not compile inline filter : ${filter}` },
        )
      }
      this.fail(`Expected a value in the filter of '${this.src}'`)
    }
    this.pos += m[0].length
    const word = m[0]
    if (word === 'true') return true
    if (word === 'false') return false
    if (word === 'null') return null
    return Number(word)
  }
}

function isDefiniteSegment(segment: Segment, isLast: boolean): boolean {
  switch (segment.kind) {
    case 'property':
    case 'index':
    case 'function':
      return true
    case 'properties':
      // Jayway merges several names into one object only at the end of a path.
      return isLast
    case 'indexes':
    case 'wildcard':
    case 'slice':
    case 'filter':
    case 'scan':
      return false
  }
}

function buildPath(source: string, root: PathRoot, segments: Segment[]): JsonPath {
  let definite = true
  let reference = true
  segments.forEach((segment, i) => {
    if (!isDefiniteSegment(segment, i === segments.length - 1)) definite = false
    if (segment.kind !== 'property' && segment.kind !== 'index') reference = false
  })
  // A trailing function folds whatever the path matched into one value.
  if (segments.at(-1)?.kind === 'function') definite = true
  return Object.freeze({ source, root, segments: Object.freeze(segments), definite, reference })
}
