import type { JsonObject, JsonValue } from '../../asl/types'
import type { EvalEnv } from '../env'
import { StatesError } from '../errors'
import { canonicalKey, isObject, jsonEquals, jsonTypeName, toJsonText } from '../json'
import type { JsonPath } from '../jsonpath/ast'
import { explainNoMatch, queryPath } from '../jsonpath/evaluate'
import { base64Decode, base64Encode, utf8Decode, utf8Encode } from './bytes'
import { HASH_ALGORITHMS, hashHex, type HashAlgorithm } from './hash'
import { JavaRandom } from './javaRandom'
import { unescapeChar, type IntrinsicArg, type IntrinsicCall } from './parse'

// The 18 intrinsic functions, with AWS's edge behaviour. Failures raise
//   States.Runtime          when a path argument matches nothing (AWS's own wording), and
//   States.IntrinsicFailure when a function rejects its arguments (the ASL spec's error name),
// both with the cause "The function '<expression>' had the following error: <detail>", where
// <expression> is the whole field value, as AWS quotes it.

/** Thrown inside a function; wrapped with the expression text by evaluateIntrinsic. */
class IntrinsicArgumentError extends Error {}

export const INTRINSIC_MAX_STRING = 10_000
export const ARRAY_RANGE_MAX_ITEMS = 1_000

/**
 * Evaluates a parsed intrinsic call. `expression` is the field's whole value (quoted in causes),
 * `field` the key it sits under (e.g. 'x.$').
 */
export function evaluateIntrinsic(
  call: IntrinsicCall,
  input: JsonValue,
  env: EvalEnv,
  field: string,
  expression: string = call.source,
): JsonValue {
  try {
    return evalCall(call, input, env, field)
  } catch (e) {
    if (e instanceof MissingPathArgument) {
      // A path that stepped into a non-array leaks Jayway's own message on AWS.
      const detail =
        e.jayway.startsWith('No results') || e.jayway.startsWith('Missing property')
          ? `The JsonPath argument for the field '${e.path.source}' could not be found in the input '${toJsonText(input)}'`
          : e.jayway
      throw new StatesError(
        'States.Runtime',
        `The function '${expression}' had the following error: ${detail}`,
      )
    }
    if (e instanceof IntrinsicArgumentError) {
      throw new StatesError(
        'States.IntrinsicFailure',
        `The function '${expression}' had the following error: ${e.message}`,
      )
    }
    throw e
  }
}

class MissingPathArgument extends Error {
  constructor(
    readonly path: JsonPath,
    readonly jayway: string,
  ) {
    super(path.source)
  }
}

function evalArg(arg: IntrinsicArg, input: JsonValue, env: EvalEnv, field: string): JsonValue {
  switch (arg.kind) {
    case 'literal':
      return arg.value
    case 'path': {
      const v = queryPath(arg.path, input, env)
      if (v === undefined) {
        throw new MissingPathArgument(arg.path, explainNoMatch(arg.path, input, env))
      }
      return v
    }
    case 'call':
      return evalCall(arg, input, env, field)
  }
}

function evalCall(call: IntrinsicCall, input: JsonValue, env: EvalEnv, field: string): JsonValue {
  const fn = FUNCTIONS.get(call.name)
  if (fn === undefined) throw new IntrinsicArgumentError(`Unknown function ${call.name}`)
  const n = call.args.length
  const args = new Array<JsonValue>(n)
  for (let i = 0; i < n; i++) args[i] = evalArg(call.args[i]!, input, env, field)
  return fn(args, call, env)
}

type IntrinsicFn = (args: JsonValue[], call: IntrinsicCall, env: EvalEnv) => JsonValue

function fail(message: string): never {
  throw new IntrinsicArgumentError(message)
}

function describe(value: JsonValue): string {
  return `${jsonTypeName(value)} ${toJsonText(value)}`
}

function needArray(fn: string, value: JsonValue, what = 'argument'): JsonValue[] {
  if (!Array.isArray(value)) fail(`The ${what} of ${fn} must be an array, not ${describe(value)}`)
  return value
}

function needString(fn: string, value: JsonValue, what = 'argument'): string {
  if (typeof value !== 'string')
    fail(`The ${what} of ${fn} must be a string, not ${describe(value)}`)
  return value
}

function needObject(fn: string, value: JsonValue, what = 'argument'): JsonObject {
  if (!isObject(value)) fail(`The ${what} of ${fn} must be a JSON object, not ${describe(value)}`)
  return value
}

/** AWS rounds non-integer numeric arguments to the nearest integer (half up, like Math.round). */
function needInteger(fn: string, value: JsonValue, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(`The ${what} of ${fn} must be a number, not ${describe(value)}`)
  }
  return Math.round(value) + 0 // + 0 turns -0 into 0
}

function checkLength(fn: string, text: string): void {
  if (text.length > INTRINSIC_MAX_STRING) {
    fail(
      `The input of ${fn} must be at most ${INTRINSIC_MAX_STRING} characters, not ${text.length}`,
    )
  }
}

const INT_MIN = -2147483648
const INT_MAX = 2147483647

/** How Java prints a value inside States.Format: maps as {k=v, …}, lists as [a, b]. */
export function formatArgument(value: JsonValue): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return `[${value.map(formatArgument).join(', ')}]`
  if (isObject(value)) return formatObject(value)
  return JSON.stringify(value)
}

// Apart from formatArgument: its arrow over `value` would make every call allocate a context.
function formatObject(value: JsonObject): string {
  return `{${Object.keys(value)
    .map((k) => `${k}=${formatArgument(value[k]!)}`)
    .join(', ')}}`
}

/** The parts of literal Format templates, per parsed call (parsed calls are cached). */
const literalTemplates = new WeakMap<IntrinsicCall, string[]>()

/** Splits a Format template into literal parts around `{}`; `\{`, `\}`, `\'`, `\\` are literals. */
function splitTemplate(template: string, escaped: boolean): string[] {
  const parts: string[] = []
  let current = ''
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!
    if (escaped && c === '\\' && i + 1 < template.length) {
      const hex = template.slice(i + 2, i + 6)
      if (template[i + 1] === 'u' && /^[0-9a-fA-F]{4}$/.test(hex)) {
        current += String.fromCharCode(parseInt(hex, 16))
        i += 5
      } else {
        current += unescapeChar(template[i + 1]!)
        i++
      }
      continue
    }
    if (c === '{' && template[i + 1] === '}') {
      parts.push(current)
      current = ''
      i++
      continue
    }
    if (c === '{' || c === '}') {
      fail(`The template of States.Format has an unmatched '${c}'; escape literal braces as \\${c}`)
    }
    current += c
  }
  parts.push(current)
  return parts
}

const FUNCTIONS = new Map<string, IntrinsicFn>(
  Object.entries({
    'States.Format': (args, call) => {
      const first = call.args[0]
      // A literal template keeps its escapes, so `\{}` stays literal; a template read from a path
      // is taken as it is. A literal one is split once per (cached) call.
      let parts: string[]
      if (first?.kind === 'literal' && first.raw !== undefined) {
        let cached = literalTemplates.get(call)
        if (cached === undefined) {
          cached = splitTemplate(first.raw, true)
          literalTemplates.set(call, cached)
        }
        parts = cached
      } else {
        parts = splitTemplate(needString('States.Format', args[0]!, 'first argument'), false)
      }
      const values = args.length - 1
      if (parts.length - 1 !== values) {
        fail(
          `States.Format has ${parts.length - 1} placeholder(s) {} but ${values} value argument(s)`,
        )
      }
      let out = parts[0]!
      for (let i = 1; i < args.length; i++) out += formatArgument(args[i]!) + parts[i]!
      return out
    },

    'States.StringToJson': (args) => {
      const s = args[0]
      const text = needString('States.StringToJson', s!)
      if (text.trim() === '') return null
      try {
        // Java reads -0 as the integer 0; only a text containing "-0" can hold one, so the
        // (much slower) reviver runs only then.
        return (
          text.includes('-0')
            ? JSON.parse(text, (_k, v: unknown) => (Object.is(v, -0) ? 0 : v))
            : JSON.parse(text)
        ) as JsonValue
      } catch (e) {
        return fail(
          `The argument of States.StringToJson is not valid JSON: ${(e as Error).message}`,
        )
      }
    },

    'States.JsonToString': (args) => {
      const v = args[0]
      return JSON.stringify(v)
    },

    'States.Array': (args) => args,

    'States.ArrayPartition': (args) => {
      const a = args[0]
      const n = args[1]
      const array = needArray('States.ArrayPartition', a!, 'first argument')
      const size = needInteger('States.ArrayPartition', n!, 'chunk size')
      if (size <= 0) fail(`The chunk size of States.ArrayPartition must be positive, not ${size}`)
      const out: JsonValue[] = []
      for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size))
      return out
    },

    'States.ArrayContains': (args) => {
      const a = args[0]
      const v = args[1]
      return needArray('States.ArrayContains', a!, 'first argument').some((x) => jsonEquals(x, v))
    },

    'States.ArrayRange': (args) => {
      const s = args[0]
      const e = args[1]
      const st = args[2]
      const start = needInteger('States.ArrayRange', s!, 'start')
      const end = needInteger('States.ArrayRange', e!, 'end')
      const step = needInteger('States.ArrayRange', st!, 'step')
      if (step === 0) fail('The step of States.ArrayRange must not be 0')
      const count = Math.floor((end - start) / step) + 1
      if (count > ARRAY_RANGE_MAX_ITEMS) {
        fail(`States.ArrayRange can return at most ${ARRAY_RANGE_MAX_ITEMS} items, not ${count}`)
      }
      const out: number[] = []
      for (let i = 0; i < count; i++) out.push(start + i * step)
      return out
    },

    'States.ArrayGetItem': (args) => {
      const a = args[0]
      const i = args[1]
      const array = needArray('States.ArrayGetItem', a!, 'first argument')
      if (typeof i !== 'number' || !Number.isInteger(i)) {
        fail(`The index of States.ArrayGetItem must be an integer, not ${describe(i!)}`)
      }
      if (i < 0 || i >= array.length) {
        fail(`Index ${i} out of bounds for length ${array.length}`)
      }
      return array[i]!
    },

    'States.ArrayLength': (args) => {
      const a = args[0]
      return needArray('States.ArrayLength', a!).length
    },

    'States.ArrayUnique': (args) => {
      const a = args[0]
      const seen = new Set<string>()
      const out: JsonValue[] = []
      for (const v of needArray('States.ArrayUnique', a!)) {
        const key = canonicalKey(v)
        if (!seen.has(key)) {
          seen.add(key)
          out.push(v)
        }
      }
      return out
    },

    'States.Base64Encode': (args) => {
      const s = args[0]
      const text = needString('States.Base64Encode', s!)
      checkLength('States.Base64Encode', text)
      return base64Encode(utf8Encode(text))
    },

    'States.Base64Decode': (args) => {
      const s = args[0]
      const text = needString('States.Base64Decode', s!)
      checkLength('States.Base64Decode', text)
      const bytes = base64Decode(text)
      if (bytes === undefined) fail('The argument of States.Base64Decode is not valid Base64')
      return utf8Decode(bytes)
    },

    'States.Hash': (args) => {
      const d = args[0]
      const alg = args[1]
      const data = needString('States.Hash', d!, 'data')
      checkLength('States.Hash', data)
      const algorithm = needString('States.Hash', alg!, 'algorithm')
      if (!(HASH_ALGORITHMS as readonly string[]).includes(algorithm)) {
        fail(
          `The algorithm of States.Hash must be one of ${HASH_ALGORITHMS.join(', ')}, not '${algorithm}'`,
        )
      }
      return hashHex(algorithm as HashAlgorithm, utf8Encode(data))
    },

    'States.JsonMerge': (args) => {
      const a = args[0]
      const b = args[1]
      const deep = args[2]
      const left = needObject('States.JsonMerge', a!, 'first argument')
      const right = needObject('States.JsonMerge', b!, 'second argument')
      if (typeof deep !== 'boolean') {
        fail(`The third argument of States.JsonMerge must be a boolean, not ${describe(deep!)}`)
      }
      // AWS supports only the shallow mode.
      if (deep)
        fail('States.JsonMerge supports only shallow merging: the third argument must be false')
      return { ...left, ...right }
    },

    'States.MathRandom': (args, _call, env) => {
      const start = needInteger('States.MathRandom', args[0]!, 'start')
      const end = needInteger('States.MathRandom', args[1]!, 'end')
      if (end <= start) {
        fail(`The end of States.MathRandom (${end}) must be greater than its start (${start})`)
      }
      if (args.length === 3) {
        const seed = needInteger('States.MathRandom', args[2]!, 'seed')
        return start + new JavaRandom(seed).nextInt(end - start)
      }
      return start + Math.floor(env.runtime.random() * (end - start))
    },

    'States.MathAdd': (args) => {
      const a = args[0]
      const b = args[1]
      const x = needInteger('States.MathAdd', a!, 'first argument')
      const y = needInteger('States.MathAdd', b!, 'second argument')
      for (const v of [x, y, x + y]) {
        if (v < INT_MIN || v > INT_MAX) {
          fail(
            `States.MathAdd works on 32-bit integers (${INT_MIN} to ${INT_MAX}); ${v} is outside`,
          )
        }
      }
      return x + y
    },

    'States.StringSplit': (args) => {
      const s = args[0]
      const sep = args[1]
      const text = needString('States.StringSplit', s!, 'first argument')
      const separators = needString('States.StringSplit', sep!, 'separator')
      // Like Java's StringTokenizer: every character of the separator splits, empty tokens go.
      const out: string[] = []
      let current = ''
      for (const ch of text) {
        if (separators.includes(ch)) {
          if (current !== '') out.push(current)
          current = ''
        } else current += ch
      }
      if (current !== '') out.push(current)
      return out
    },

    'States.UUID': (_args, _call, env) => env.runtime.uuid(),
  } satisfies Record<string, IntrinsicFn>),
)
