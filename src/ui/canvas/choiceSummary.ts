// A Choice rule in a few readable words for its edge label: `$.amount > 100`,
// `$.type == "gold" and $.vip is true`, `not ($.items is present)`, and for JSONata
// conditions the expression without its `{% %}` delimiters (shortened on the edge, whole in
// the tooltip).

import { isJsonObject, type JsonObject, type JsonValue } from '../../core/asl/types'

// Longest suffix first: `LessThanEquals` also ends with `Equals`.
const COMPARISONS: ReadonlyArray<[string, string]> = [
  ['LessThanEquals', '<='],
  ['GreaterThanEquals', '>='],
  ['Equals', '=='],
  ['LessThan', '<'],
  ['GreaterThan', '>'],
]

const TYPE_TESTS: Readonly<Record<string, string>> = {
  IsNull: 'null',
  IsPresent: 'present',
  IsNumeric: 'numeric',
  IsString: 'a string',
  IsBoolean: 'a boolean',
  IsTimestamp: 'a timestamp',
}

function literal(value: JsonValue): string {
  return JSON.stringify(value)
}

/** The JSONata expression inside `{% … %}`, trimmed. */
export function stripJsonata(value: string): string {
  const trimmed = value.trim()
  if (trimmed.startsWith('{%') && trimmed.endsWith('%}')) return trimmed.slice(2, -2).trim()
  return trimmed
}

/** The whole rule as text (no shortening). */
export function summarizeChoiceRule(rule: JsonValue): string {
  if (!isJsonObject(rule)) return '?'
  if (typeof rule.Condition === 'string') return stripJsonata(rule.Condition)
  return summarizeExpression(rule)
}

function summarizeExpression(rule: JsonObject): string {
  if (Array.isArray(rule.And)) return joinAll(rule.And, 'and')
  if (Array.isArray(rule.Or)) return joinAll(rule.Or, 'or')
  if (rule.Not !== undefined) return `not ${wrap(rule.Not)}`
  const variable = typeof rule.Variable === 'string' ? rule.Variable : '?'
  for (const [key, value] of Object.entries(rule)) {
    if (key === 'Variable' || key === 'Next' || key === 'Comment' || key === 'Assign') continue
    if (key === 'Output') continue
    const test = TYPE_TESTS[key]
    if (test !== undefined) {
      return value === false ? `${variable} is not ${test}` : `${variable} is ${test}`
    }
    if (key === 'StringMatches' || key === 'StringMatchesPath') {
      return `${variable} matches ${key.endsWith('Path') ? String(value) : literal(value)}`
    }
    const isPath = key.endsWith('Path')
    const base = isPath ? key.slice(0, -4) : key
    for (const [suffix, symbol] of COMPARISONS) {
      if (base.endsWith(suffix) && /^(String|Numeric|Boolean|Timestamp)/.test(base)) {
        const right = isPath ? String(value) : literal(value)
        return `${variable} ${symbol} ${right}`
      }
    }
  }
  return variable === '?' ? 'rule' : variable
}

function wrap(value: JsonValue): string {
  const text = summarizeChoiceRule(value)
  return isJsonObject(value) && (Array.isArray(value.And) || Array.isArray(value.Or))
    ? `(${text})`
    : text
}

function joinAll(items: JsonValue[], word: string): string {
  if (items.length === 0) return `${word}()`
  return items.map(wrap).join(` ${word} `)
}

/** Shortens a label to `max` characters with an ellipsis. */
export function shorten(text: string, max = 32): string {
  const single = text.replace(/\s+/g, ' ')
  return single.length <= max ? single : `${single.slice(0, max - 1)}…`
}
