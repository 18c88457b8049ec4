// The Choice rule builder's model: what kind of expression a JSONPath rule object is, which
// operator it uses, what operand that operator takes, and the edits the builder makes, each a
// pure function from one rule object to the next. Keys that are not part of the expression
// (Next, Assign, Comment, and anything unknown) are kept as they were.

import type { ChoiceOperator, JsonObject, JsonValue } from '../../core/asl/types'
import {
  CHOICE_COMPARISON_OPERATORS,
  CHOICE_PATH_OPERATORS,
  CHOICE_TYPE_TESTS,
  isJsonObject,
} from '../../core/asl/types'
import { hasOwn } from '../../core/graph/json'

export type ExpressionKind = 'comparison' | 'And' | 'Or' | 'Not'

export const ALL_OPERATORS: readonly ChoiceOperator[] = [
  ...CHOICE_COMPARISON_OPERATORS,
  ...CHOICE_PATH_OPERATORS,
  ...CHOICE_TYPE_TESTS,
]
const OPERATOR_SET = new Set<string>(ALL_OPERATORS)

export function isOperator(key: string): key is ChoiceOperator {
  return OPERATOR_SET.has(key)
}

/** Keys that make up a boolean expression (the rest of a rule object is kept around them). */
export function isExpressionKey(key: string): boolean {
  return key === 'Variable' || key === 'And' || key === 'Or' || key === 'Not' || isOperator(key)
}

export type OperandKind =
  'string' | 'pattern' | 'number' | 'boolean' | 'timestamp' | 'path' | 'test'

export function operandKind(operator: ChoiceOperator): OperandKind {
  if (operator.endsWith('Path')) return 'path'
  if (operator.startsWith('Is')) return 'test'
  if (operator === 'StringMatches') return 'pattern'
  if (operator.startsWith('String')) return 'string'
  if (operator.startsWith('Numeric')) return 'number'
  if (operator.startsWith('Boolean')) return 'boolean'
  return 'timestamp'
}

const SYMBOL: Readonly<Record<string, string>> = {
  Equals: '==',
  LessThan: '<',
  GreaterThan: '>',
  LessThanEquals: '<=',
  GreaterThanEquals: '>=',
}

/** Human label for the operator menu: "NumericGreaterThan  (>)". */
export function operatorLabel(operator: ChoiceOperator): string {
  if (operator === 'StringMatches') return 'StringMatches (wildcard *)'
  if (operator.startsWith('Is')) return `${operator}`
  const base = operator.replace(/^(String|Numeric|Boolean|Timestamp)/, '').replace(/Path$/, '')
  const symbol = SYMBOL[base]
  const path = operator.endsWith('Path') ? ' another path' : ''
  return symbol ? `${operator} (${symbol}${path})` : operator
}

/** Operators grouped for the menu: each type's literal operators then their Path twins. */
export const OPERATOR_GROUPS: readonly { label: string; operators: readonly ChoiceOperator[] }[] = [
  { label: 'String', operators: byPrefix('String') },
  { label: 'Numeric', operators: byPrefix('Numeric') },
  { label: 'Boolean', operators: byPrefix('Boolean') },
  { label: 'Timestamp', operators: byPrefix('Timestamp') },
  { label: 'Type tests', operators: [...CHOICE_TYPE_TESTS] },
]

function byPrefix(prefix: string): ChoiceOperator[] {
  return [...CHOICE_COMPARISON_OPERATORS, ...CHOICE_PATH_OPERATORS].filter((op) =>
    op.startsWith(prefix),
  )
}

export function expressionKind(expr: JsonObject): ExpressionKind {
  if (hasOwn(expr, 'And')) return 'And'
  if (hasOwn(expr, 'Or')) return 'Or'
  if (hasOwn(expr, 'Not')) return 'Not'
  return 'comparison'
}

export function comparisonOperator(expr: JsonObject): ChoiceOperator | undefined {
  return Object.keys(expr).find(isOperator)
}

/** The children of an And/Or (array), of a Not (one), else none. */
export function expressionChildren(expr: JsonObject): JsonValue[] {
  const kind = expressionKind(expr)
  if (kind === 'And' || kind === 'Or') {
    const list = expr[kind]
    return Array.isArray(list) ? list : []
  }
  if (kind === 'Not') return expr.Not === undefined ? [] : [expr.Not]
  return []
}

/** A new comparison for the builder: `$.value` equals "". */
export function newComparison(): JsonObject {
  return { Variable: '$.value', StringEquals: '' }
}

/** The operand an operator starts with, reusing the previous one when it still fits. */
export function defaultOperand(operator: ChoiceOperator, previous?: JsonValue): JsonValue {
  const kind = operandKind(operator)
  switch (kind) {
    case 'string':
    case 'pattern':
      return typeof previous === 'string' && !previous.startsWith('$') ? previous : ''
    case 'number':
      if (typeof previous === 'number') return previous
      if (typeof previous === 'string' && previous.trim() !== '' && Number.isFinite(+previous)) {
        return Number(previous)
      }
      return 0
    case 'boolean':
    case 'test':
      return typeof previous === 'boolean' ? previous : true
    case 'timestamp':
      return typeof previous === 'string' && /^\d{4}-/.test(previous)
        ? previous
        : '2024-01-01T00:00:00Z'
    case 'path':
      return typeof previous === 'string' && previous.startsWith('$') ? previous : '$.other'
  }
}

/** Rebuilds an expression: the new expression keys first, then the rest as they were. */
function withExpression(rule: JsonObject, expression: JsonObject): JsonObject {
  const rest = Object.entries(rule).filter(([key]) => !isExpressionKey(key))
  return { ...expression, ...Object.fromEntries(rest) }
}

export function withVariable(rule: JsonObject, variable: string): JsonObject {
  const op = comparisonOperator(rule)
  const expression: JsonObject = { Variable: variable }
  if (op) expression[op] = rule[op] ?? defaultOperand(op)
  return withExpression(rule, expression)
}

export function withOperator(rule: JsonObject, operator: ChoiceOperator): JsonObject {
  const previousOp = comparisonOperator(rule)
  const previous = previousOp ? rule[previousOp] : undefined
  const variable = typeof rule.Variable === 'string' ? rule.Variable : '$.value'
  return withExpression(rule, {
    Variable: variable,
    [operator]: defaultOperand(operator, previous),
  })
}

export function withOperand(rule: JsonObject, value: JsonValue): JsonObject {
  const op = comparisonOperator(rule)
  if (!op) return rule
  return { ...rule, [op]: value }
}

/** The expression without its rule-only keys (Next, Assign, Comment), for nesting. */
function bareExpression(rule: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(rule).filter(([key]) => isExpressionKey(key)))
}

/**
 * Changes the kind of an expression, keeping what the user wrote: a comparison becomes the
 * first condition of an And/Or (with a new second one) or the operand of a Not; And↔Or keep their
 * conditions; back to a comparison takes the first comparison found.
 */
export function withKind(rule: JsonObject, kind: ExpressionKind): JsonObject {
  const current = expressionKind(rule)
  if (current === kind) return rule
  const bare = bareExpression(rule)
  const children = expressionChildren(rule).filter(isJsonObject)
  switch (kind) {
    case 'comparison': {
      const first = firstComparison(rule) ?? newComparison()
      return withExpression(rule, first)
    }
    case 'And':
    case 'Or': {
      const list =
        current === 'comparison'
          ? [bare, newComparison()]
          : current === 'Not'
            ? [...children, newComparison()]
            : children
      return withExpression(rule, { [kind]: list.length > 0 ? list : [newComparison()] })
    }
    case 'Not':
      return withExpression(rule, { Not: bare })
  }
}

function firstComparison(expr: JsonObject): JsonObject | undefined {
  if (expressionKind(expr) === 'comparison') return bareExpression(expr)
  for (const child of expressionChildren(expr)) {
    if (isJsonObject(child)) {
      const found = firstComparison(child)
      if (found) return found
    }
  }
  return undefined
}

/** Adds a condition to an And/Or. */
export function withChildAdded(rule: JsonObject): JsonObject {
  const kind = expressionKind(rule)
  if (kind !== 'And' && kind !== 'Or') return rule
  return { ...rule, [kind]: [...expressionChildren(rule), newComparison()] }
}

/** Removes condition `index` of an And/Or. */
export function withChildRemoved(rule: JsonObject, index: number): JsonObject {
  const kind = expressionKind(rule)
  if (kind !== 'And' && kind !== 'Or') return rule
  return { ...rule, [kind]: expressionChildren(rule).filter((_, i) => i !== index) }
}

/** Replaces child `index` (for Not, index 0 is its operand). */
export function withChild(rule: JsonObject, index: number, child: JsonValue): JsonObject {
  const kind = expressionKind(rule)
  if (kind === 'Not') return { ...rule, Not: child }
  if (kind !== 'And' && kind !== 'Or') return rule
  return {
    ...rule,
    [kind]: expressionChildren(rule).map((item, i) => (i === index ? child : item)),
  }
}

/** A short readable summary: `$.amount > 100`, `not ($.a == "x")`, `$.x is present`. */
export function summarizeExpression(expr: JsonValue | undefined): string {
  if (!isJsonObject(expr)) return '?'
  if (typeof expr.Condition === 'string' || typeof expr.Condition === 'boolean') {
    const condition = String(expr.Condition)
    return condition.replace(/^\{%\s*/, '').replace(/\s*%\}$/, '')
  }
  const kind = expressionKind(expr)
  if (kind === 'And' || kind === 'Or') {
    const parts = expressionChildren(expr).map((child) => summarizeExpression(child))
    return parts.length === 0
      ? `${kind.toLowerCase()}()`
      : parts.map(wrap).join(` ${kind.toLowerCase()} `)
  }
  if (kind === 'Not') return `not (${summarizeExpression(expr.Not)})`
  const op = comparisonOperator(expr)
  const variable = typeof expr.Variable === 'string' ? expr.Variable : '?'
  if (!op) return variable
  const operand = expr[op]
  if (op.startsWith('Is')) {
    const what = op.slice(2).toLowerCase()
    const test = what === 'present' ? 'present' : what === 'null' ? 'null' : `a ${what}`
    return `${variable} is ${operand === false ? 'not ' : ''}${test}`
  }
  if (op === 'StringMatches') return `${variable} matches ${JSON.stringify(operand)}`
  const base = op.replace(/^(String|Numeric|Boolean|Timestamp)/, '').replace(/Path$/, '')
  const symbol = SYMBOL[base] ?? op
  const right = op.endsWith('Path') ? String(operand) : JSON.stringify(operand)
  return `${variable} ${symbol} ${right}`
}

function wrap(text: string): string {
  return /\s(and|or)\s/.test(text) ? `(${text})` : text
}
