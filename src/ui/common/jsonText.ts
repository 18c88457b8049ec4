// Parsing for the small JSON editors: strict JSON (the ASL parser, so duplicate keys and trailing
// commas are caught as AWS would) with "line:col" messages a person can act on.

import { parseText } from '../../core/asl/parse'
import type { JsonValue } from '../../core/asl/types'
import { isJsonObject } from '../../core/asl/types'

export type JsonExpectation = 'any' | 'object' | 'array' | 'objectOrString'

export type JsonParse =
  | { ok: true; value: JsonValue | undefined }
  | { ok: false; message: string; line?: number; column?: number }

/**
 * Parses editor text; empty text means "no value" (the field is removed). With `jsonata`, a bare
 * `{% … %}` is taken as that string, so expressions need no JSON quoting.
 */
export function parseJsonText(
  text: string,
  expect: JsonExpectation = 'any',
  jsonata = false,
): JsonParse {
  if (text.trim() === '') return { ok: true, value: undefined }
  const trimmed = text.trim()
  if (jsonata && trimmed.startsWith('{%') && trimmed.endsWith('%}')) {
    return expect === 'object' || expect === 'array'
      ? { ok: false, message: 'Expected a JSON object: { … }' }
      : { ok: true, value: trimmed }
  }
  const result = parseText(text, 'json')
  const problem = result.diagnostics.find((d) => d.severity === 'error')
  if (problem || result.value === undefined) {
    const start = problem?.range?.start
    const message = (problem?.message ?? 'Not valid JSON').replace(/ at \d+:\d+$/, '')
    return start
      ? { ok: false, message, line: start.line, column: start.column }
      : { ok: false, message }
  }
  const value = result.value
  const shape = shapeProblem(value, expect)
  if (shape) return { ok: false, message: shape }
  return { ok: true, value }
}

function shapeProblem(value: JsonValue, expect: JsonExpectation): string | undefined {
  switch (expect) {
    case 'any':
      return undefined
    case 'object':
      return isJsonObject(value) ? undefined : 'Expected a JSON object: { … }'
    case 'array':
      return Array.isArray(value) ? undefined : 'Expected a JSON array: [ … ]'
    case 'objectOrString':
      return isJsonObject(value) || typeof value === 'string'
        ? undefined
        : 'Expected a JSON object or a "{% … %}" string'
  }
}

/** The editor text of a value: pretty JSON, or empty for no value; a bare expression with `jsonata`. */
export function formatJson(value: JsonValue | undefined, jsonata = false): string {
  if (value === undefined) return ''
  if (jsonata && typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}')) {
    return value
  }
  return JSON.stringify(value, null, 2)
}

/** "Line 3, column 2: …" */
export function describeJsonError(parse: Extract<JsonParse, { ok: false }>): string {
  return parse.line !== undefined
    ? `Line ${parse.line}, column ${parse.column ?? 1}: ${parse.message}`
    : parse.message
}
