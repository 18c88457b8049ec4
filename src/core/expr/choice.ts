import type { JsonObject, JsonValue, QueryLanguage } from '../asl/types'
import type { EvalEnv } from './env'
import { ExpressionSyntaxError, runtimeSyntaxError, StatesError } from './errors'
import { isObject } from './json'
import { evaluateJsonataExpression, jsonataBody, unexpectedJsonataType } from './jsonata/evaluate'
import { queryPath } from './jsonpath/evaluate'
import { parseJsonPath } from './jsonpath/parse'
import { compareInstants, parseTimestamp } from './timestamp'

// Choice rules. JSONPath: Variable + one operator (or its …Path twin), Is* tests, And/Or/Not.
// A comparison whose operand has the wrong type is simply false (AWS does not fail); a Variable
// that matches nothing is a States.Runtime error, except for IsPresent. JSONata: `Condition`
// must evaluate to a boolean.

type Kind = 'string' | 'numeric' | 'boolean' | 'timestamp'
type Cmp = 'eq' | 'lt' | 'gt' | 'le' | 'ge'

interface ComparisonSpec {
  readonly kind: Kind
  readonly cmp: Cmp
  readonly path: boolean
}

const COMPARISONS = new Map<string, ComparisonSpec>()
for (const [prefix, kind] of [
  ['String', 'string'],
  ['Numeric', 'numeric'],
  ['Boolean', 'boolean'],
  ['Timestamp', 'timestamp'],
] as const) {
  for (const [suffix, cmp] of [
    ['Equals', 'eq'],
    ['LessThan', 'lt'],
    ['GreaterThan', 'gt'],
    ['LessThanEquals', 'le'],
    ['GreaterThanEquals', 'ge'],
  ] as const) {
    if (kind === 'boolean' && cmp !== 'eq') continue
    COMPARISONS.set(prefix + suffix, { kind, cmp, path: false })
    COMPARISONS.set(prefix + suffix + 'Path', { kind, cmp, path: true })
  }
}

const TYPE_TESTS = new Set([
  'IsNull',
  'IsPresent',
  'IsNumeric',
  'IsString',
  'IsBoolean',
  'IsTimestamp',
])

function invalidPath(path: string): StatesError {
  return new StatesError(
    'States.Runtime',
    `Invalid path '${path}': The choice state's condition path references an invalid value.`,
  )
}

function query(path: string, input: JsonValue, env: EvalEnv): JsonValue | undefined {
  try {
    return queryPath(parseJsonPath(path), input, env)
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) {
      throw runtimeSyntaxError(e, `Invalid path '${path}': ${e.message}`)
    }
    throw e
  }
}

const matchers = new Map<string, RegExp>()

/** StringMatches: `*` is any run of characters; `\*` a literal star, `\\` a literal backslash. */
export function stringMatches(value: string, pattern: string): boolean {
  let re = matchers.get(pattern)
  if (re === undefined) {
    let source = ''
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!
      if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
        source += '\\' + pattern[i + 1]
        i++
      } else if (c === '*') {
        source += '[\\s\\S]*'
      } else {
        source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      }
    }
    re = new RegExp(`^${source}$`, 'u')
    if (matchers.size > 5_000) matchers.clear()
    matchers.set(pattern, re)
  }
  return re.test(value)
}

function compare(kind: Kind, cmp: Cmp, left: JsonValue, right: JsonValue): boolean {
  let c: number
  switch (kind) {
    case 'string':
      if (typeof left !== 'string' || typeof right !== 'string') return false
      c = left < right ? -1 : left > right ? 1 : 0
      break
    case 'numeric':
      if (typeof left !== 'number' || typeof right !== 'number') return false
      c = Math.sign(left - right)
      break
    case 'boolean':
      return typeof left === 'boolean' && typeof right === 'boolean' && left === right
    case 'timestamp': {
      if (typeof left !== 'string' || typeof right !== 'string') return false
      const a = parseTimestamp(left)
      const b = parseTimestamp(right)
      if (a === undefined || b === undefined) return false
      c = compareInstants(a, b)
      break
    }
  }
  switch (cmp) {
    case 'eq':
      return c === 0
    case 'lt':
      return c < 0
    case 'gt':
      return c > 0
    case 'le':
      return c <= 0
    case 'ge':
      return c >= 0
  }
}

function typeTest(test: string, value: JsonValue): boolean {
  switch (test) {
    case 'IsNull':
      return value === null
    case 'IsNumeric':
      return typeof value === 'number'
    case 'IsString':
      return typeof value === 'string'
    case 'IsBoolean':
      return typeof value === 'boolean'
    case 'IsTimestamp':
      return typeof value === 'string' && parseTimestamp(value) !== undefined
    default:
      return true // IsPresent: the value exists
  }
}

function evaluateJsonPathRule(rule: JsonObject, input: JsonValue, env: EvalEnv): boolean {
  // Loops, not .every/.some with arrows: a closure over input/env would make every call
  // allocate a context for them.
  const and = rule['And']
  if (Array.isArray(and)) {
    for (let i = 0; i < and.length; i++) {
      if (!evaluateJsonPathRule(asRule(and[i]), input, env)) return false
    }
    return true
  }
  const or = rule['Or']
  if (Array.isArray(or)) {
    for (let i = 0; i < or.length; i++) {
      if (evaluateJsonPathRule(asRule(or[i]), input, env)) return true
    }
    return false
  }
  if (rule['Not'] !== undefined) return !evaluateJsonPathRule(asRule(rule['Not']), input, env)

  const variable = rule['Variable']
  if (typeof variable !== 'string') {
    throw new StatesError('States.Runtime', 'A choice rule needs a Variable, And, Or or Not')
  }
  for (const key of Object.keys(rule)) {
    if (TYPE_TESTS.has(key)) {
      const expected = rule[key] !== false
      const value = query(variable, input, env)
      if (key === 'IsPresent') return (value !== undefined) === expected
      if (value === undefined) throw invalidPath(variable)
      return typeTest(key, value) === expected
    }
    if (key === 'StringMatches') {
      const value = query(variable, input, env)
      if (value === undefined) throw invalidPath(variable)
      const pattern = rule[key]
      return (
        typeof value === 'string' && typeof pattern === 'string' && stringMatches(value, pattern)
      )
    }
    const spec = COMPARISONS.get(key)
    if (spec === undefined) continue
    const value = query(variable, input, env)
    if (value === undefined) throw invalidPath(variable)
    let operand: JsonValue = rule[key]!
    if (spec.path) {
      if (typeof operand !== 'string') return false
      const resolved = query(operand, input, env)
      if (resolved === undefined) throw invalidPath(operand)
      operand = resolved
    }
    return compare(spec.kind, spec.cmp, value, operand)
  }
  throw new StatesError('States.Runtime', `The choice rule on '${variable}' has no operator`)
}

function asRule(value: JsonValue | undefined): JsonObject {
  if (!isObject(value)) throw new StatesError('States.Runtime', 'A choice rule must be an object')
  return value
}

async function evaluateCondition(
  condition: string,
  input: JsonValue,
  env: EvalEnv,
  field: string,
): Promise<boolean> {
  const body = jsonataBody(condition)
  if (body === undefined) {
    throw new StatesError(
      'States.QueryEvaluationError',
      `The field '${field}' must be a boolean or a JSONata expression, not '${condition}'`,
    )
  }
  const result = await evaluateJsonataExpression(body, { input, context: env.context }, env, field)
  if (result === undefined) {
    throw new StatesError(
      'States.QueryEvaluationError',
      `The JSONata expression '${body}' specified for the field '${field}' returned nothing (undefined).`,
    )
  }
  if (typeof result !== 'boolean') throw unexpectedJsonataType(body, field, 'boolean', result)
  return result
}

/**
 * A JSONPath Choice rule (Variable + operator, And/Or/Not, Is*, …Path) or a JSONata Condition.
 * `field` names a JSONata Condition in error causes; AWS writes `Choices[<i>]/Condition`.
 */
export function evaluateChoiceRule(
  rule: JsonObject,
  language: QueryLanguage,
  input: JsonValue,
  env: EvalEnv,
  field = 'Condition',
): boolean | Promise<boolean> {
  if (language === 'JSONata') {
    const condition = rule['Condition']
    if (typeof condition === 'boolean') return condition
    if (typeof condition !== 'string') {
      throw new StatesError(
        'States.QueryEvaluationError',
        `The field '${field}' must be a boolean or a JSONata expression`,
      )
    }
    return evaluateCondition(condition, input, env, field)
  }
  return evaluateJsonPathRule(rule, input, env)
}
