// Text ⇄ value for the inspector's one-line inputs: numbers, paths, timestamps, and `{% %}`
// expressions where JSONata allows them in place of a value.

import type { JsonValue } from '../../core/asl/types'
import { checkJsonataText, checkPathText, checkTimestamp } from './checks'

export type ScalarKind =
  | 'string'
  | 'integer'
  | 'number'
  | 'timestamp'
  /** Any JSONPath (InputPath, OutputPath, Variable). */
  | 'path'
  /** A reference path (…Path fields, ItemsPath). */
  | 'reference'
  | 'resultPath'
  /** A reference path or an intrinsic function (ErrorPath, CausePath). */
  | 'referenceOrIntrinsic'

export interface ScalarSpec {
  kind: ScalarKind
  min?: number
  max?: number
  /** A `{% %}` string may stand for the value (JSONata states). */
  jsonata?: boolean
  /** The word `null` means JSON null (InputPath, OutputPath, ResultPath). */
  nullable?: boolean
  /** Empty text is an error rather than "remove the field". */
  required?: boolean
}

export type ScalarParse = { ok: true; value: JsonValue | undefined } | { ok: false; error: string }

export function scalarText(value: JsonValue | undefined): string {
  if (value === undefined) return ''
  if (typeof value === 'string') return value
  if (value === null || typeof value !== 'object') return String(value)
  return JSON.stringify(value)
}

export function parseScalar(text: string, spec: ScalarSpec): ScalarParse {
  if (text.trim() === '') {
    return spec.required
      ? { ok: false, error: 'A value is required.' }
      : { ok: true, value: undefined }
  }
  if (spec.jsonata && text.trimStart().startsWith('{%')) {
    const error = checkJsonataText(text)
    return error ? { ok: false, error } : { ok: true, value: text }
  }
  if (spec.nullable && text.trim() === 'null') return { ok: true, value: null }
  const fail = (error: string | undefined): ScalarParse =>
    error ? { ok: false, error } : { ok: true, value: text }
  switch (spec.kind) {
    case 'string':
      return { ok: true, value: text }
    case 'integer':
    case 'number': {
      const trimmed = text.trim()
      const n = Number(trimmed)
      if (!/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) || !Number.isFinite(n)) {
        return {
          ok: false,
          error: spec.jsonata ? 'Enter a number or a {% … %} expression.' : 'Enter a number.',
        }
      }
      if (spec.kind === 'integer' && !Number.isInteger(n)) {
        return { ok: false, error: 'Enter a whole number.' }
      }
      if (spec.min !== undefined && n < spec.min) {
        return { ok: false, error: `The smallest allowed value is ${spec.min}.` }
      }
      if (spec.max !== undefined && n > spec.max) {
        return { ok: false, error: `The largest allowed value is ${spec.max}.` }
      }
      return { ok: true, value: n }
    }
    case 'timestamp':
      return fail(checkTimestamp(text))
    case 'path':
      return fail(checkPathText(text, 'path'))
    case 'reference':
      return fail(checkPathText(text, 'reference'))
    case 'resultPath':
      return fail(checkPathText(text, 'result'))
    case 'referenceOrIntrinsic':
      return fail(checkPathText(text, 'reference', true))
  }
}
