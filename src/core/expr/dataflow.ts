import type { JsonObject, JsonValue } from '../asl/types'
import type { EvalEnv } from './env'
import { ExpressionSyntaxError, runtimeSyntaxError, StatesError } from './errors'
import { evaluateIntrinsic } from './intrinsics/evaluate'
import { looksLikeIntrinsic, parseIntrinsic, type IntrinsicCall } from './intrinsics/parse'
import { hasOwn, internKey, isObject, toJsonText } from './json'
import type { JsonPath } from './jsonpath/ast'
import { explainNoMatch, queryPath } from './jsonpath/evaluate'
import { parseJsonPath } from './jsonpath/parse'

// The JSONPath input/output pipeline of a state: InputPath → Parameters → (work) →
// ResultSelector → ResultPath → OutputPath, plus the `…Path` fields. Values are never copied
// except along the path ResultPath writes (copy-on-write); unchanged subtrees are shared.
//
// Causes are AWS's texts without the "An error occurred while executing the state …" prefix.

function parseOrRuntimeError(source: string): JsonPath {
  try {
    return parseJsonPath(source)
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) {
      throw runtimeSyntaxError(e, `Invalid path '${source}': ${e.message}`)
    }
    throw e
  }
}

/** InputPath / OutputPath: `null` gives `{}`, absent gives the value itself. */
function applyFilterPath(
  path: string | null | undefined,
  value: JsonValue,
  env: EvalEnv,
): JsonValue {
  if (path === undefined) return value
  if (path === null) return {}
  const parsed = parseOrRuntimeError(path)
  const result = queryPath(parsed, value, env)
  if (result === undefined) {
    throw new StatesError(
      'States.Runtime',
      `Invalid path '${path}' : ${explainNoMatch(parsed, value, env)}`,
    )
  }
  return result
}

export function applyInputPath(
  path: string | null | undefined,
  input: JsonValue,
  env: EvalEnv,
): JsonValue {
  return applyFilterPath(path, input, env)
}

export function applyOutputPath(
  path: string | null | undefined,
  value: JsonValue,
  env: EvalEnv,
): JsonValue {
  return applyFilterPath(path, value, env)
}

// ---- payload templates ----------------------------------------------------------------------

type Plan =
  /** No `.$` anywhere below: the template value itself is the payload (shared, not copied). */
  | { readonly kind: 'const'; readonly value: JsonValue }
  | { readonly kind: 'object'; readonly keys: readonly string[]; readonly plans: readonly Plan[] }
  | { readonly kind: 'array'; readonly plans: readonly Plan[] }
  | { readonly kind: 'path'; readonly path: JsonPath; readonly field: string }
  | {
      readonly kind: 'intrinsic'
      readonly call: IntrinsicCall
      readonly field: string
      readonly source: string
    }
  /** A `.$` value that is not a valid path or call: fails when evaluated, like AWS at runtime. */
  | { readonly kind: 'invalid'; readonly error: StatesError }

const plans = new WeakMap<object, Plan>()

function compileDynamic(field: string, value: JsonValue): Plan {
  if (typeof value !== 'string') {
    return {
      kind: 'invalid',
      error: new StatesError(
        'States.Runtime',
        `The value of the field '${field}' must be a JSONPath or an intrinsic function, not ${toJsonText(value)}`,
      ),
    }
  }
  try {
    if (looksLikeIntrinsic(value)) {
      return { kind: 'intrinsic', call: parseIntrinsic(value), field, source: value }
    }
    return { kind: 'path', path: parseJsonPath(value), field }
  } catch (e) {
    if (!(e instanceof ExpressionSyntaxError)) throw e
    return {
      kind: 'invalid',
      error: runtimeSyntaxError(
        e,
        `The value '${value}' of the field '${field}' is not a valid JSONPath or intrinsic function: ${e.message}`,
      ),
    }
  }
}

function compileTemplate(template: JsonValue): Plan {
  if (template === null || typeof template !== 'object') return { kind: 'const', value: template }
  const cached = plans.get(template)
  if (cached) return cached
  let plan: Plan
  if (Array.isArray(template)) {
    const items = template.map(compileTemplate)
    plan = items.every((p) => p.kind === 'const')
      ? { kind: 'const', value: template }
      : { kind: 'array', plans: items }
  } else {
    const keys: string[] = []
    const children: Plan[] = []
    let dynamic = false
    for (const key of Object.keys(template)) {
      const value = template[key]!
      if (key.endsWith('.$')) {
        keys.push(internKey(key.slice(0, -2)))
        children.push(compileDynamic(key, value))
        dynamic = true
      } else {
        const child = compileTemplate(value)
        if (child.kind !== 'const') dynamic = true
        keys.push(key)
        children.push(child)
      }
    }
    plan = dynamic ? { kind: 'object', keys, plans: children } : { kind: 'const', value: template }
  }
  plans.set(template, plan)
  return plan
}

function runPlan(plan: Plan, input: JsonValue, env: EvalEnv): JsonValue {
  switch (plan.kind) {
    case 'const':
      return plan.value
    case 'object': {
      const out: JsonObject = {}
      for (let i = 0; i < plan.keys.length; i++) {
        out[plan.keys[i]!] = runPlan(plan.plans[i]!, input, env)
      }
      return out
    }
    case 'array': {
      // A loop, not .map with an arrow: a closure over input/env would make every call of
      // runPlan allocate a context for them.
      const n = plan.plans.length
      const out = new Array<JsonValue>(n)
      for (let i = 0; i < n; i++) out[i] = runPlan(plan.plans[i]!, input, env)
      return out
    }
    case 'path': {
      const value = queryPath(plan.path, input, env)
      if (value === undefined) {
        throw new StatesError(
          'States.Runtime',
          `The JSONPath '${plan.path.source}' specified for the field '${plan.field}' could not be found in the input '${toJsonText(input)}'`,
        )
      }
      return value
    }
    case 'intrinsic':
      return evaluateIntrinsic(plan.call, input, env, plan.field, plan.source)
    case 'invalid':
      throw plan.error
  }
}

/**
 * Parameters / ItemSelector / ResultSelector / JSONPath Assign / Map's legacy Parameters: keys
 * ending in `.$` take a path (`$…`, `$$…`, `$var…`) or an intrinsic call; everything else is
 * literal. Compiled once per template object.
 */
export function applyPayloadTemplate(
  template: JsonValue,
  input: JsonValue,
  env: EvalEnv,
  _field: string,
): JsonValue {
  return runPlan(compileTemplate(template), input, env)
}

// ---- ResultPath ------------------------------------------------------------------------------

function resultPathFailure(path: string, input: JsonValue): StatesError {
  return new StatesError(
    'States.ResultPathMatchFailure',
    `Unable to apply ReferencePath ${path} to input ${toJsonText(input)}`,
  )
}

/**
 * Puts `result` into `input` at a Reference Path, copying only the objects along the path.
 * `null` discards the result, `$` (or absent) replaces the input; missing objects on the way are
 * created; stepping through a non-object (or a missing array element) fails like AWS.
 */
export function applyResultPath(
  path: string | null | undefined,
  input: JsonValue,
  result: JsonValue,
): JsonValue {
  if (path === undefined) return result
  if (path === null) return input
  const parsed = parseOrRuntimeError(path)
  if (!parsed.reference || parsed.root.kind !== 'input') {
    throw new StatesError(
      'States.Runtime',
      `The ResultPath '${path}' is not a Reference Path rooted at '$'`,
    )
  }
  if (parsed.segments.length === 0) return result
  return putAt(parsed, path, 0, input, input, result)
}

/** Copies `node` with segments[i..] of `path` (written `text`) set to `result` (see applyResultPath). */
function putAt(
  path: JsonPath,
  text: string,
  i: number,
  node: JsonValue | undefined,
  input: JsonValue,
  result: JsonValue,
): JsonValue {
  const segments = path.segments
  const s = segments[i]!
  const isLast = i === segments.length - 1
  if (s.kind === 'property') {
    const obj = node === undefined ? {} : node
    if (!isObject(obj)) throw resultPathFailure(text, input)
    const child = hasOwn(obj, s.name) ? obj[s.name] : undefined
    const value = isLast ? result : putAt(path, text, i + 1, child, input, result)
    const copy: JsonObject = { ...obj }
    copy[s.name] = value
    return copy
  }
  if (s.kind === 'index') {
    if (!Array.isArray(node)) throw resultPathFailure(text, input)
    const idx = s.index < 0 ? node.length + s.index : s.index
    if (idx < 0 || idx >= node.length) throw resultPathFailure(text, input)
    const copy = node.slice()
    copy[idx] = isLast ? result : putAt(path, text, i + 1, node[idx], input, result)
    return copy
  }
  throw resultPathFailure(text, input)
}

// ---- …Path fields ----------------------------------------------------------------------------

/**
 * The value of a `…Path` field (SecondsPath, TimestampPath, ItemsPath, ErrorPath, CausePath,
 * MaxConcurrencyPath, ToleratedFailure…Path, TimeoutSecondsPath, HeartbeatSecondsPath, …).
 * ErrorPath and CausePath may also hold an intrinsic function. Checking the value's type is the
 * caller's job (its messages differ per field).
 */
export function readPathField(
  path: string,
  input: JsonValue,
  env: EvalEnv,
  field: string,
): JsonValue {
  if (looksLikeIntrinsic(path)) {
    let call: IntrinsicCall
    try {
      call = parseIntrinsic(path)
    } catch (e) {
      if (e instanceof ExpressionSyntaxError) {
        throw runtimeSyntaxError(
          e,
          `Invalid intrinsic function '${path}' in ${field}: ${e.message}`,
        )
      }
      throw e
    }
    return evaluateIntrinsic(call, input, env, field, path)
  }
  const parsed = parseOrRuntimeError(path)
  const value = queryPath(parsed, input, env)
  if (value !== undefined) return value
  switch (field) {
    case 'ErrorPath':
    case 'CausePath':
      throw new StatesError(
        'States.Runtime',
        `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${toJsonText(input)}'`,
      )
    case 'SecondsPath':
    case 'TimestampPath':
      throw new StatesError(
        'States.Runtime',
        `The ${field} parameter does not reference an input value: ${path}`,
      )
    default:
      throw new StatesError(
        'States.Runtime',
        `Invalid path '${path}' : ${explainNoMatch(parsed, input, env)}`,
      )
  }
}
