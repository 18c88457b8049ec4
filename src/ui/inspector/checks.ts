// As-you-type checks for inspector inputs, from the same parsers the validator uses, so a typo
// shows before it is committed. The validator's diagnostics still appear after each commit.

import type { FieldKind } from '../../core/asl/fields'
import {
  checkIntrinsicSyntax,
  checkJsonataString,
  checkPathSyntax,
} from '../../core/asl/expressions'
import type { JsonValue, QueryLanguage } from '../../core/asl/types'
import { isJsonObject, isJsonataString } from '../../core/asl/types'
import { isRfc3339 } from '../../core/asl/validate'
import { isValidVariableName, looksLikeIntrinsic } from '../../core/expr'

function jsonataProblem(value: string): string | undefined {
  const problem = checkJsonataString(value)
  return problem ? `JSONata: ${problem.message}` : undefined
}

/** A path field's text: `$…`, or `{% %}` where JSONata allows it. */
export function checkPathText(
  text: string,
  mode: 'path' | 'reference' | 'result',
  allowIntrinsic = false,
): string | undefined {
  if (text === '') return undefined
  if (allowIntrinsic && looksLikeIntrinsic(text)) {
    const problem = checkIntrinsicSyntax(text)
    return problem?.severity === 'error' ? problem.message : undefined
  }
  if (!text.startsWith('$'))
    return 'A path starts with $ (input), $$ (context) or $name (variable).'
  const problem = checkPathSyntax(text, mode)
  if (!problem || problem.severity !== 'error') return undefined
  if (problem.kind === 'notReference') {
    return 'Only a reference path is allowed here (no wildcards, filters or slices).'
  }
  if (problem.kind === 'notInputRoot') return 'ResultPath must start with $.'
  return problem.message
}

export function checkTimestamp(text: string): string | undefined {
  if (text === '' || isJsonataString(text)) return undefined
  return isRfc3339(text) ? undefined : 'Use RFC 3339, e.g. 2024-01-31T12:00:00Z.'
}

export function checkJsonataText(text: string): string | undefined {
  if (!isJsonataString(text)) return 'A JSONata expression is written {% … %}.'
  return jsonataProblem(text)
}

/** Every `key.$` of a JSONPath payload template holds a valid path or intrinsic. */
export function checkPayloadTemplate(value: JsonValue): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = checkPayloadTemplate(item)
      if (problem) return problem
    }
    return undefined
  }
  if (!isJsonObject(value)) return undefined
  for (const [key, item] of Object.entries(value)) {
    if (key.endsWith('.$')) {
      if (typeof item !== 'string') return `"${key}": a key ending in .$ needs a path string.`
      const problem = checkPathText(item, 'path', true)
      if (problem) return `"${key}": ${problem}`
    } else {
      const problem = checkPayloadTemplate(item)
      if (problem) return problem
    }
  }
  return undefined
}

/** Every `{% %}` string of a JSONata value parses. */
export function checkJsonataValue(value: JsonValue): string | undefined {
  if (typeof value === 'string') return isJsonataString(value) ? jsonataProblem(value) : undefined
  const items = Array.isArray(value) ? value : isJsonObject(value) ? Object.values(value) : []
  for (const item of items) {
    const problem = checkJsonataValue(item)
    if (problem) return problem
  }
  return undefined
}

export function checkAssign(value: JsonValue, language: QueryLanguage): string | undefined {
  if (!isJsonObject(value)) return 'Assign is an object of variable names to values.'
  for (const key of Object.keys(value)) {
    const name = language === 'JSONPath' && key.endsWith('.$') ? key.slice(0, -2) : key
    if (!isValidVariableName(name)) {
      return `"${name}" is not a valid variable name (a letter or _, then letters, digits or _; not "states").`
    }
  }
  return language === 'JSONata' ? checkJsonataValue(value) : checkPayloadTemplate(value)
}

/** The check for a JSON field by the kind the field table gives it. */
export function jsonCheckFor(
  kind: FieldKind,
  language: QueryLanguage,
): ((value: JsonValue) => string | undefined) | undefined {
  switch (kind) {
    case 'payloadTemplate':
      return language === 'JSONata' ? checkJsonataValue : checkPayloadTemplate
    case 'jsonataValue':
      return checkJsonataValue
    case 'assign':
      return (value) => checkAssign(value, language)
    default:
      return undefined
  }
}
