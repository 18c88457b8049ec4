import type jsonata from 'jsonata'
import type { JsonObject, JsonValue } from '../../asl/types'
import type { EvalEnv, StatesBinding } from '../env'
import { ExpressionSyntaxError, StatesError } from '../errors'
import { utf8Encode } from '../intrinsics/bytes'
import { HASH_ALGORITHMS, hashHex, type HashAlgorithm } from '../intrinsics/hash'
import { JavaRandom } from '../intrinsics/javaRandom'
import { isObject, jsonTypeName, toJsonText } from '../json'
import { compileJsonata } from './compile'

// JSONata in Step Functions: `{% … %}` strings anywhere in a JSON value, `$states`, workflow
// variables as `$name`, and the functions AWS adds ($partition, $range, $hash, $random, $uuid,
// $parse). Errors become States.QueryEvaluationError with AWS's cause texts.

const QUERY_ERROR = 'States.QueryEvaluationError'

/** `{% expr %}` → `expr` (trimmed), or undefined when the string is not a JSONata expression. */
export function jsonataBody(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('{%') || !value.endsWith('%}')) {
    return undefined
  }
  if (value.length < 4) return undefined
  return value.slice(2, -2).trim()
}

// ---- which `$names` an expression reads ------------------------------------------------------

const referencedNames = new WeakMap<jsonata.Expression, readonly string[]>()

function namesOf(expr: jsonata.Expression): readonly string[] {
  let names = referencedNames.get(expr)
  if (names === undefined) {
    const found = new Set<string>()
    const seen = new Set<object>()
    const visit = (node: unknown): void => {
      if (typeof node !== 'object' || node === null || seen.has(node)) return
      seen.add(node)
      if (Array.isArray(node)) {
        node.forEach(visit)
        return
      }
      const n = node as { type?: unknown; value?: unknown }
      if (n.type === 'variable' && typeof n.value === 'string' && n.value !== '') found.add(n.value)
      for (const key of Object.keys(node)) visit((node as Record<string, unknown>)[key])
    }
    visit(expr.ast())
    names = [...found]
    referencedNames.set(expr, names)
  }
  return names
}

// ---- AWS's functions ---------------------------------------------------------------------------

interface JsonataThrowable {
  code: string
  message: string
}

function jsonataError(code: string, message: string): JsonataThrowable {
  return { code, message }
}

const nowHelper = (): jsonata.Expression => compileJsonata('$fromMillis($m, $p, $t)')

/** The execution's notion of "now": the state's entered time on the (virtual) clock. */
function nowMillis(env: EvalEnv): number {
  const state = env.context['State']
  const execution = env.context['Execution']
  const text =
    (isObject(state) && typeof state['EnteredTime'] === 'string' && state['EnteredTime']) ||
    (isObject(execution) && typeof execution['StartTime'] === 'string' && execution['StartTime']) ||
    ''
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? 0 : ms
}

/** A JSONata sequence: jsonata unwraps a one-element sequence to its item, as AWS's $range does. */
function sequence<T>(items: T[]): T[] {
  Object.defineProperty(items, 'sequence', { value: true, enumerable: false })
  return items
}

const integerArg = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : undefined

/** AWS caps what $range may build before building it (measured on AWS: 360,145 items). */
const RANGE_MAX_ITEMS = 360_145

// AWS's functions. Measured AWS behaviour: non-integer arguments are truncated towards zero, and
// several degenerate calls return nothing rather than failing (a zero chunk size, an empty array,
// a $range without a step or stepping away from its end, a $hash without an algorithm) so the
// field that holds the expression fails instead.
const AWS_FUNCTIONS: Record<string, (env: EvalEnv) => unknown> = {
  partition: () => (array: unknown, size: unknown) => {
    if (array === undefined) return undefined
    const list = Array.isArray(array) ? array : [array]
    const chunk = integerArg(size)
    if (chunk === undefined)
      throw jsonataError('T0410', '$partition: the chunk size must be a number')
    if (chunk <= 0 || list.length === 0) return undefined
    const out: unknown[] = []
    for (let i = 0; i < list.length; i += chunk) out.push(list.slice(i, i + chunk))
    return out
  },
  range: () => (start: unknown, end: unknown, step: unknown) => {
    if (start === undefined || end === undefined || step === undefined) return undefined
    const a = integerArg(start)
    const b = integerArg(end)
    const st = integerArg(step)
    if (a === undefined || b === undefined || st === undefined) {
      throw jsonataError('T0410', '$range: start, end and step must be numbers')
    }
    if (st === 0 || (b > a && st < 0) || (b < a && st > 0)) return undefined
    const count = Math.floor((b - a) / st) + 1
    if (count > RANGE_MAX_ITEMS) {
      throw jsonataError('D3001', 'Expression evaluation memory limit exceeded')
    }
    const out: number[] = []
    for (let i = 0; i < count; i++) out.push(a + i * st)
    return sequence(out)
  },
  hash: () => (value: unknown, algorithm: unknown) => {
    if (value === undefined || algorithm === undefined) return undefined
    if (typeof value !== 'string') throw jsonataError('T0410', '$hash: the value must be a string')
    if (!(HASH_ALGORITHMS as readonly unknown[]).includes(algorithm)) {
      throw jsonataError(
        'D3001',
        `$hash: the algorithm must be one of ${HASH_ALGORITHMS.join(', ')}, not ${JSON.stringify(algorithm)}`,
      )
    }
    return hashHex(algorithm as HashAlgorithm, utf8Encode(value))
  },
  random: (env) => (seed?: unknown) => {
    if (seed === undefined) return env.runtime.random()
    const n = integerArg(seed)
    if (n === undefined) throw jsonataError('T0410', '$random: the seed must be a number')
    return new JavaRandom(n).nextDouble()
  },
  uuid: (env) => () => env.runtime.uuid(),
  parse: () => (text: unknown) => {
    if (text === undefined) return undefined
    if (typeof text !== 'string')
      throw jsonataError('T0410', '$parse: the argument must be a string')
    try {
      return JSON.parse(text) as unknown
    } catch (e) {
      throw jsonataError('D3001', `$parse: invalid JSON: ${(e as Error).message}`)
    }
  },
  // AWS disables $eval: calling it is "T1006: Attempted to invoke a non-function".
  eval: () => false,
  // Deterministic time: the state's entered time instead of the wall clock.
  millis: (env) => () => nowMillis(env),
  now: (env) => (picture?: unknown, timezone?: unknown) =>
    nowHelper().evaluate({}, { m: nowMillis(env), p: picture, t: timezone }),
}

const FUNCTION_NAMES = new Set(Object.keys(AWS_FUNCTIONS))

// ---- evaluation ---------------------------------------------------------------------------------

/** jsonata builds objects without a prototype and tags sequences: give back plain JSON. */
function toPlainJson(value: unknown): JsonValue | undefined {
  if (value === undefined || value === null) return value as null | undefined
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      // JSON has no non-finite numbers: AWS writes them as JavaScript names them.
      return Number.isFinite(value) ? value : String(value)
    case 'function':
      return undefined
    case 'object':
      break
    default:
      return undefined
  }
  if (Array.isArray(value)) {
    let changed = Object.prototype.hasOwnProperty.call(value, 'sequence')
    const out: JsonValue[] = []
    for (const item of value) {
      const v = toPlainJson(item)
      if (v !== item) changed = true
      if (v !== undefined) out.push(v)
    }
    return changed ? out : (value as JsonValue[])
  }
  const obj = value as Record<string, unknown>
  let changed = Object.getPrototypeOf(obj) !== Object.prototype
  const out: JsonObject = {}
  for (const key of Object.keys(obj)) {
    const v = toPlainJson(obj[key])
    if (v !== obj[key]) changed = true
    if (v !== undefined) out[key] = v
  }
  return changed ? out : (obj as JsonObject)
}

function statesObject(states: StatesBinding): JsonObject {
  const out: JsonObject = { input: states.input, context: states.context }
  if (states.result !== undefined) out['result'] = states.result
  if (states.errorOutput !== undefined) out['errorOutput'] = states.errorOutput
  return out
}

// ---- a fast path for plain references -----------------------------------------------------------

/** `$states.input.a.b` or `$var.a.b`: the most common expressions, read without jsonata. */
interface Reference {
  readonly root: string
  readonly steps: readonly string[]
}

const REFERENCE = /^\$([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)$/
const KEYWORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function'])
const references = new Map<string, Reference | null>()

function referenceOf(body: string): Reference | undefined {
  let ref = references.get(body)
  if (ref === undefined) {
    const m = REFERENCE.exec(body)
    const steps = m?.[2] ? m[2].slice(1).split('.') : []
    ref = m && !steps.some((s) => KEYWORDS.has(s)) ? { root: m[1]!, steps } : null
    if (references.size > 10_000) references.clear()
    references.set(body, ref)
  }
  return ref ?? undefined
}

const NOT_SIMPLE = Symbol('not simple')

/**
 * Reads a plain reference when jsonata would give the same answer: only through objects (an
 * array on the way means jsonata's mapping semantics, so the real evaluator takes over).
 */
function readReference(
  ref: Reference,
  states: StatesBinding,
  env: EvalEnv,
): JsonValue | undefined | typeof NOT_SIMPLE {
  let value: JsonValue | undefined
  let i = 0
  if (ref.root === 'states') {
    const first = ref.steps[0]
    if (first === 'input') value = states.input
    else if (first === 'context') value = states.context
    else if (first === 'result') value = states.result
    else if (first === 'errorOutput') value = states.errorOutput
    else return first === undefined ? NOT_SIMPLE : undefined
    i = 1
  } else {
    if (FUNCTION_NAMES.has(ref.root)) return NOT_SIMPLE
    value = env.variables.get(ref.root)
    if (value === undefined) return NOT_SIMPLE
  }
  for (; i < ref.steps.length; i++) {
    if (value === undefined) return undefined
    if (Array.isArray(value)) return NOT_SIMPLE
    if (!isObject(value)) return undefined
    value = Object.prototype.hasOwnProperty.call(value, ref.steps[i]!)
      ? value[ref.steps[i]!]
      : undefined
  }
  return value
}

/**
 * Evaluates one expression body (without `{% %}`); undefined when it returns nothing.
 * `field` names the field in error causes, e.g. 'Output/FunctionResult'.
 */
export async function evaluateJsonataExpression(
  body: string,
  states: StatesBinding,
  env: EvalEnv,
  field: string,
): Promise<JsonValue | undefined> {
  const ref = referenceOf(body)
  if (ref !== undefined) {
    const value = readReference(ref, states, env)
    if (value !== NOT_SIMPLE) return value
  }
  let expr: jsonata.Expression
  try {
    expr = compileJsonata(body)
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) {
      throw new StatesError(
        QUERY_ERROR,
        `The JSONata expression '${body}' specified for the field '${field}' could not be parsed. ${e.message}`,
      )
    }
    throw e
  }
  // Only what the expression names is bound: AWS's functions (which shadow jsonata's $random,
  // $now and $millis, and refuse $eval), $states, and workflow variables.
  const bindings: Record<string, unknown> = {}
  for (const name of namesOf(expr)) {
    const make = FUNCTION_NAMES.has(name) ? AWS_FUNCTIONS[name] : undefined
    if (make !== undefined) {
      bindings[name] = make(env)
    } else if (name === 'states') {
      bindings['states'] = statesObject(states)
    } else {
      const value = env.variables.get(name)
      if (value !== undefined) bindings[name] = value
    }
  }
  let result: unknown
  try {
    // AWS evaluates with no context item: the input is only reachable as $states.input.
    result = await expr.evaluate(undefined, bindings)
  } catch (e) {
    const err = (typeof e === 'object' && e !== null ? e : {}) as {
      code?: unknown
      message?: unknown
    }
    const detail =
      typeof err.code === 'string'
        ? `${err.code}: ${String(err.message)}`
        : String(err.message ?? e)
    throw new StatesError(
      QUERY_ERROR,
      `The JSONata expression '${body}' specified for the field '${field}' threw an error during evaluation. ${detail}`,
    )
  }
  return toPlainJson(result)
}

/** The cause AWS writes when an expression returns a value of the wrong type for its field. */
export function unexpectedJsonataType(
  body: string,
  field: string,
  expected: string,
  value: JsonValue,
): StatesError {
  return new StatesError(
    QUERY_ERROR,
    `The JSONata expression '${body}' specified for the field '${field}' returned an unexpected result type. Expected '${expected}', but was '${jsonTypeName(value)}' for value: ${toJsonText(value)}`,
  )
}

function returnedNothing(body: string, field: string): StatesError {
  return new StatesError(
    QUERY_ERROR,
    `The JSONata expression '${body}' specified for the field '${field}' returned nothing (undefined).`,
  )
}

const hasExpressions = new WeakMap<object, boolean>()

/** True when a value holds at least one `{% %}` string (cached per object). */
export function containsJsonata(value: JsonValue): boolean {
  if (typeof value === 'string') return jsonataBody(value) !== undefined
  if (value === null || typeof value !== 'object') return false
  let found = hasExpressions.get(value)
  if (found === undefined) {
    found = Array.isArray(value)
      ? value.some(containsJsonata)
      : Object.keys(value).some((k) => containsJsonata(value[k]!))
    hasExpressions.set(value, found)
  }
  return found
}

async function walk(
  value: JsonValue,
  states: StatesBinding,
  env: EvalEnv,
  field: string,
): Promise<JsonValue> {
  if (typeof value === 'string') {
    const body = jsonataBody(value)
    if (body === undefined) return value
    const result = await evaluateJsonataExpression(body, states, env, field)
    if (result === undefined) throw returnedNothing(body, field)
    return result
  }
  if (value === null || typeof value !== 'object' || !containsJsonata(value)) return value
  if (Array.isArray(value)) {
    const out: JsonValue[] = []
    // In order, one at a time: $random()/$uuid() draw from the seeded source deterministically.
    for (let i = 0; i < value.length; i++)
      out.push(await walk(value[i]!, states, env, `${field}[${i}]`))
    return out
  }
  const out: JsonObject = {}
  for (const key of Object.keys(value)) {
    out[key] = await walk(value[key]!, states, env, `${field}/${key}`)
  }
  return out
}

/**
 * Evaluates every `{% %}` string inside a JSON value (objects/arrays walked; object keys and
 * other strings kept as they are). A value without expressions comes back unchanged (same
 * reference). Errors: StatesError('States.QueryEvaluationError', <AWS cause>).
 */
export function evaluateJsonataValue(
  value: JsonValue,
  states: StatesBinding,
  env: EvalEnv,
  field: string,
): Promise<JsonValue> {
  return walk(value, states, env, field)
}
