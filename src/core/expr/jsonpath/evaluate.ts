import type { JsonObject, JsonValue } from '../../asl/types'
import type { EvalEnv } from '../env'
import { hasOwn, isObject, jsonEquals } from '../json'
import type { FilterExpr, FilterOperand, JsonPath, PathRoot, Segment } from './ast'

// Evaluates parsed JSONPaths with Jayway's semantics (the library behind AWS's JSONPath):
// - a definite path yields one value or nothing;
// - an indefinite path (wildcard, slice, filter, union, deep scan) yields the array of its
//   matches, `[]` when nothing matches, and silently skips branches that don't fit;
// - a trailing function (`.length()`) folds the matches into one value.

interface Ctx {
  /** What `$` means: the document the path is applied to. */
  readonly input: JsonValue
  readonly env: EvalEnv | undefined
  /** Inside filters, `.length` of an array is its length (the JavaScript-style JSONPath idiom). */
  readonly lengthProperty: boolean
}

/** The value a root refers to, or undefined (e.g. an unknown variable). */
export function resolveRoot(
  root: PathRoot,
  input: JsonValue,
  env: EvalEnv | undefined,
  current?: JsonValue,
): JsonValue | undefined {
  switch (root.kind) {
    case 'input':
      return input
    case 'context':
      return env?.context
    case 'variable':
      return env?.variables.get(root.name)
    case 'current':
      return current
  }
}

/**
 * The value of a definite path (undefined when it matches nothing), or the array of matches of
 * an indefinite one.
 */
export function queryPath(
  path: JsonPath,
  input: JsonValue,
  env: EvalEnv | undefined,
): JsonValue | undefined {
  const root = resolveRoot(path.root, input, env, input)
  // The common case, `$.a.b[0]`: no filter can need the context, so none is made.
  if (path.reference) return root === undefined ? undefined : definite(path.segments, root, PLAIN)
  return queryFrom(path, root, { input, env, lengthProperty: false })
}

const PLAIN: Ctx = Object.freeze({ input: null, env: undefined, lengthProperty: false })

function queryFrom(path: JsonPath, root: JsonValue | undefined, ctx: Ctx): JsonValue | undefined {
  const segments = path.segments
  const last = segments[segments.length - 1]
  if (last?.kind === 'function') {
    const body = segments.slice(0, -1)
    const bodyDefinite = body.every(
      (s, i) =>
        s.kind === 'property' ||
        s.kind === 'index' ||
        (s.kind === 'properties' && i === body.length - 1),
    )
    if (root === undefined) return undefined
    const value = bodyDefinite ? definite(body, root, ctx) : collect(body, root, ctx)
    return value === undefined ? undefined : applyFunction(last.name, value)
  }
  if (root === undefined) return path.definite ? undefined : []
  return path.definite ? definite(segments, root, ctx) : collect(segments, root, ctx)
}

function lookupProperty(value: JsonValue, name: string, ctx: Ctx): JsonValue | undefined {
  if (isObject(value)) return hasOwn(value, name) ? value[name] : undefined
  if (ctx.lengthProperty && name === 'length' && Array.isArray(value)) return value.length
  return undefined
}

function lookupIndex(value: JsonValue, index: number): JsonValue | undefined {
  if (!Array.isArray(value)) return undefined
  const i = index < 0 ? value.length + index : index
  return i >= 0 && i < value.length ? value[i] : undefined
}

function mergeProperties(value: JsonValue, names: readonly string[]): JsonValue | undefined {
  if (!isObject(value)) return undefined
  const merged: JsonObject = {}
  for (const name of names) if (hasOwn(value, name)) merged[name] = value[name]!
  return merged
}

/** The hot path: property and index steps only. */
function definite(segments: readonly Segment[], root: JsonValue, ctx: Ctx): JsonValue | undefined {
  let value: JsonValue | undefined = root
  for (let i = 0; i < segments.length && value !== undefined; i++) {
    const s = segments[i]!
    if (s.kind === 'property') value = lookupProperty(value, s.name, ctx)
    else if (s.kind === 'index') value = lookupIndex(value, s.index)
    else if (s.kind === 'properties') value = mergeProperties(value, s.names)
    else throw new Error(`internal: '${s.kind}' step in a definite path`)
  }
  return value
}

function collect(segments: readonly Segment[], root: JsonValue, ctx: Ctx): JsonValue[] {
  const out: JsonValue[] = []
  collectFrom(segments, 0, root, ctx, out)
  return out
}

/**
 * Applies segments[i..] to `value`, pushing the matches onto `out` in document order. Recursive
 * rather than array-at-a-time so no intermediate arrays or closures are made per step.
 */
function collectFrom(
  segments: readonly Segment[],
  i: number,
  value: JsonValue,
  ctx: Ctx,
  out: JsonValue[],
): void {
  if (i === segments.length) {
    out.push(value)
    return
  }
  const s = segments[i]!
  const next = i + 1
  switch (s.kind) {
    case 'property': {
      const v = lookupProperty(value, s.name, ctx)
      if (v !== undefined) collectFrom(segments, next, v, ctx, out)
      return
    }
    case 'scan':
      if (s.next.kind === 'property' && !ctx.lengthProperty) {
        scanProperty(s.next.name, segments, next, value, ctx, out)
      } else {
        scan(s.next, segments, next, value, ctx, out)
      }
      return
    default:
      applySegment(s, segments, next, value, ctx, out)
  }
}

/** One step (other than a deep scan) on `value`, continuing with segments[next..]. */
function applySegment(
  s: Segment,
  segments: readonly Segment[],
  next: number,
  value: JsonValue,
  ctx: Ctx,
  out: JsonValue[],
): void {
  switch (s.kind) {
    case 'property': {
      const v = lookupProperty(value, s.name, ctx)
      if (v !== undefined) collectFrom(segments, next, v, ctx, out)
      return
    }
    case 'properties':
      if (!isObject(value)) return
      if (next === segments.length) {
        out.push(mergeProperties(value, s.names)!)
      } else {
        for (const name of s.names) {
          if (hasOwn(value, name)) collectFrom(segments, next, value[name]!, ctx, out)
        }
      }
      return
    case 'index': {
      const v = lookupIndex(value, s.index)
      if (v !== undefined) collectFrom(segments, next, v, ctx, out)
      return
    }
    case 'indexes':
      for (const index of s.indexes) {
        const v = lookupIndex(value, index)
        if (v !== undefined) collectFrom(segments, next, v, ctx, out)
      }
      return
    case 'wildcard':
      if (Array.isArray(value)) {
        for (let k = 0; k < value.length; k++) collectFrom(segments, next, value[k]!, ctx, out)
      } else if (isObject(value)) {
        for (const k of Object.keys(value)) collectFrom(segments, next, value[k]!, ctx, out)
      }
      return
    case 'slice': {
      if (!Array.isArray(value)) return
      const length = value.length
      const step = s.step ?? 1
      if (step > 0) {
        const a = s.start === undefined ? 0 : sliceBound(s.start, length, 0, length)
        const b = s.end === undefined ? length : sliceBound(s.end, length, 0, length)
        for (let k = a; k < b; k += step) collectFrom(segments, next, value[k]!, ctx, out)
      } else {
        const a = s.start === undefined ? length - 1 : sliceBound(s.start, length, -1, length - 1)
        const b = s.end === undefined ? -1 : sliceBound(s.end, length, -1, length - 1)
        for (let k = a; k > b; k += step) collectFrom(segments, next, value[k]!, ctx, out)
      }
      return
    }
    case 'filter': {
      const fctx = filterCtx(ctx)
      if (Array.isArray(value)) {
        for (const v of value) {
          if (testFilter(s.expr, v, fctx)) collectFrom(segments, next, v, ctx, out)
        }
      } else if (isObject(value)) {
        // Jayway tests an object against the filter itself.
        if (testFilter(s.expr, value, fctx)) collectFrom(segments, next, value, ctx, out)
      }
      return
    }
    case 'scan':
      scan(s.next, segments, next, value, ctx, out)
      return
    case 'function':
      // Only ever the last step; queryFrom handles it.
      return
  }
}

/**
 * `..name`, the common deep scan: every object of the subtree that has the property, in
 * pre-order. Only containers are visited (a property step on anything else matches nothing).
 */
function scanProperty(
  name: string,
  segments: readonly Segment[],
  next: number,
  node: JsonValue,
  ctx: Ctx,
  out: JsonValue[],
): void {
  if (Array.isArray(node)) {
    for (let k = 0; k < node.length; k++) {
      const child = node[k]!
      if (typeof child === 'object' && child !== null) {
        scanProperty(name, segments, next, child, ctx, out)
      }
    }
    return
  }
  if (typeof node !== 'object' || node === null) return
  if (hasOwn(node, name)) {
    const v = node[name]!
    if (next === segments.length) out.push(v)
    else collectFrom(segments, next, v, ctx, out)
  }
  // for-in walks the keys without allocating an array (JSON objects have no inherited keys).
  for (const k in node) {
    const child = node[k]!
    if (typeof child === 'object' && child !== null) {
      scanProperty(name, segments, next, child, ctx, out)
    }
  }
}

/** `..X` for any other X: X applied to every node of the subtree, in pre-order. */
function scan(
  step: Segment,
  segments: readonly Segment[],
  next: number,
  node: JsonValue,
  ctx: Ctx,
  out: JsonValue[],
): void {
  if (step.kind === 'filter') {
    if (testFilter(step.expr, node, filterCtx(ctx))) collectFrom(segments, next, node, ctx, out)
  } else {
    applySegment(step, segments, next, node, ctx, out)
  }
  if (Array.isArray(node)) {
    for (let k = 0; k < node.length; k++) scan(step, segments, next, node[k]!, ctx, out)
  } else if (isObject(node)) {
    for (const k of Object.keys(node)) scan(step, segments, next, node[k]!, ctx, out)
  }
}

/** A slice bound: negative counts from the end, then clamped to [lo, hi]. */
function sliceBound(v: number, length: number, lo: number, hi: number): number {
  return Math.min(Math.max(v < 0 ? v + length : v, lo), hi)
}

function applyFunction(name: string, value: JsonValue): JsonValue | undefined {
  const numbers = (): number[] | undefined => {
    if (!Array.isArray(value)) return undefined
    const ns = value.filter((v): v is number => typeof v === 'number')
    return ns.length === 0 ? undefined : ns
  }
  switch (name) {
    case 'length':
    case 'size':
      if (Array.isArray(value)) return value.length
      if (isObject(value)) return Object.keys(value).length
      if (typeof value === 'string') return value.length
      return undefined
    case 'keys':
      return isObject(value) ? Object.keys(value) : undefined
    case 'first':
      return Array.isArray(value) ? value[0] : undefined
    case 'last':
      return Array.isArray(value) ? value[value.length - 1] : undefined
    case 'min': {
      const ns = numbers()
      return ns && Math.min(...ns)
    }
    case 'max': {
      const ns = numbers()
      return ns && Math.max(...ns)
    }
    case 'sum': {
      const ns = numbers()
      return ns && ns.reduce((a, b) => a + b, 0)
    }
    case 'avg': {
      const ns = numbers()
      return ns && ns.reduce((a, b) => a + b, 0) / ns.length
    }
    case 'stddev': {
      const ns = numbers()
      if (!ns) return undefined
      const mean = ns.reduce((a, b) => a + b, 0) / ns.length
      return Math.sqrt(ns.reduce((a, b) => a + (b - mean) ** 2, 0) / ns.length)
    }
    default:
      return undefined
  }
}

// ---- filters --------------------------------------------------------------------------------

type Operand = JsonValue | RegExp | undefined

/** Paths inside filters read `.length` of arrays. */
function filterCtx(ctx: Ctx): Ctx {
  return ctx.lengthProperty ? ctx : { ...ctx, lengthProperty: true }
}

function operandValue(op: FilterOperand, current: JsonValue, ctx: Ctx): Operand {
  switch (op.kind) {
    case 'value':
      return op.value
    case 'regex':
      return op.regex
    case 'path': {
      const root = resolveRoot(op.path.root, ctx.input, ctx.env, current)
      return queryFrom(op.path, root, ctx)
    }
  }
}

function testFilter(expr: FilterExpr, current: JsonValue, ctx: Ctx): boolean {
  switch (expr.kind) {
    case 'or':
      return testFilter(expr.left, current, ctx) || testFilter(expr.right, current, ctx)
    case 'and':
      return testFilter(expr.left, current, ctx) && testFilter(expr.right, current, ctx)
    case 'not':
      return !testFilter(expr.expr, current, ctx)
    case 'test': {
      const v = operandValue(expr.operand, current, ctx)
      if (expr.operand.kind === 'path') {
        return expr.operand.path.definite ? v !== undefined : Array.isArray(v) && v.length > 0
      }
      return v === true
    }
    case 'compare':
      return compare(
        expr.op,
        operandValue(expr.left, current, ctx),
        operandValue(expr.right, current, ctx),
      )
  }
}

function isJson(v: Operand): v is JsonValue {
  return v !== undefined && !(v instanceof RegExp)
}

// Helpers instead of arrow functions inside compare(): a closure over its operands would make
// every comparison allocate a context for them.
function contains(list: JsonValue[], v: JsonValue): boolean {
  for (let i = 0; i < list.length; i++) if (jsonEquals(list[i], v)) return true
  return false
}

function containsAll(list: JsonValue[], values: JsonValue[]): boolean {
  for (let i = 0; i < values.length; i++) if (!contains(list, values[i]!)) return false
  return true
}

function containsAny(list: JsonValue[], values: JsonValue[]): boolean {
  for (let i = 0; i < values.length; i++) if (contains(list, values[i]!)) return true
  return false
}

function compare(op: string, l: Operand, r: Operand): boolean {
  switch (op) {
    case '==':
      return isJson(l) && isJson(r) && jsonEquals(l, r)
    case '!=':
      return !(isJson(l) && isJson(r) && jsonEquals(l, r))
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (!(
        (typeof l === 'number' && typeof r === 'number') ||
        (typeof l === 'string' && typeof r === 'string')
      )) {
        return false
      }
      const c = l < r ? -1 : l > r ? 1 : 0
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0
    }
    case '=~':
      return typeof l === 'string' && r instanceof RegExp && r.test(l)
    case 'in':
      return isJson(l) && Array.isArray(r) && contains(r, l)
    case 'nin':
      return isJson(l) && Array.isArray(r) && !contains(r, l)
    case 'subsetof':
      return Array.isArray(l) && Array.isArray(r) && containsAll(r, l)
    case 'anyof':
      return Array.isArray(l) && Array.isArray(r) && containsAny(r, l)
    case 'noneof':
      return Array.isArray(l) && Array.isArray(r) && !containsAny(r, l)
    case 'size':
      return (Array.isArray(l) || typeof l === 'string') && typeof r === 'number' && l.length === r
    case 'empty':
      return (
        (Array.isArray(l) || typeof l === 'string') &&
        typeof r === 'boolean' &&
        (l.length === 0) === r
      )
    case 'contains':
      if (Array.isArray(l)) return isJson(r) && contains(l, r)
      return typeof l === 'string' && typeof r === 'string' && l.includes(r)
    default:
      return false
  }
}

// ---- Jayway's messages for a definite path that matches nothing ------------------------------

function fragment(s: Segment): string {
  switch (s.kind) {
    case 'property':
      return `['${s.name}']`
    case 'properties':
      return `[${s.names.map((n) => `'${n}'`).join(',')}]`
    case 'index':
      return `[${s.index}]`
    case 'indexes':
      return `[${s.indexes.join(',')}]`
    case 'wildcard':
      return '[*]'
    case 'slice':
      return `[${s.start ?? ''}:${s.end ?? ''}${s.step === undefined ? '' : `:${s.step}`}]`
    case 'filter':
      return '[?]'
    case 'scan':
      return `..${fragment(s.next)}`
    case 'function':
      return `.${s.name}()`
  }
}

function rootText(root: PathRoot): string {
  switch (root.kind) {
    case 'input':
      return '$'
    case 'context':
      return '$$'
    case 'variable':
      return `$${root.name}`
    case 'current':
      return '@'
  }
}

/** Jayway's normalized form of a path, e.g. `$['a'][0]`. */
export function normalizedPath(path: JsonPath): string {
  return rootText(path.root) + path.segments.map(fragment).join('')
}

function javaClassName(value: JsonValue): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'net.minidev.json.JSONArray'
  if (typeof value === 'string') return 'java.lang.String'
  if (typeof value === 'boolean') return 'java.lang.Boolean'
  if (typeof value === 'number')
    return Number.isInteger(value) ? 'java.lang.Integer' : 'java.lang.Double'
  return 'java.util.LinkedHashMap'
}

/** Why a definite path matched nothing, in Jayway's words (AWS quotes them in causes). */
export function explainNoMatch(path: JsonPath, input: JsonValue, env: EvalEnv | undefined): string {
  const full = normalizedPath(path)
  let value = resolveRoot(path.root, input, env, input)
  let current = rootText(path.root)
  if (value === undefined) return `No results for path: ${full}`
  const segments = path.segments
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!
    const isLast = i === segments.length - 1
    if (s.kind === 'property' || s.kind === 'properties') {
      if (!isObject(value)) {
        return (
          `Expected to find an object with property ${fragment(s)} in path ${current} but found ` +
          `'${javaClassName(value)}'. This is not a json object according to the JsonProvider: ` +
          `'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.`
        )
      }
      if (s.kind === 'properties') return `No results for path: ${full}`
      const evalPath = current + fragment(s)
      if (!hasOwn(value, s.name)) {
        return isLast ? `No results for path: ${full}` : `Missing property in path ${evalPath}`
      }
      value = value[s.name]!
      current = evalPath
    } else if (s.kind === 'index') {
      if (value === null) return `The path ${current} is null`
      if (!Array.isArray(value)) {
        return `Filter: ${fragment(s)} can only be applied to arrays. Current context is: ${javaToString(value)}`
      }
      const v = lookupIndex(value, s.index)
      if (v === undefined) return `No results for path: ${full}`
      value = v
      current += fragment(s)
    } else {
      break
    }
  }
  return `No results for path: ${full}`
}

/** How Java's JSON-smart prints a value inside a message. */
function javaToString(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}
