// The first difference between two JSON values, key order included: what `stepwise roundtrip`
// reports and what the round-trip tests assert on. Deep-equal libraries ignore key order, and
// key order is exactly what a user sees change in a diff of their file.

import type { DocPath } from '../asl/diagnostics'
import type { JsonValue } from '../asl/types'
import { isJsonObject } from '../asl/types'

export type DifferenceKind = 'value' | 'missing' | 'extra' | 'key-order' | 'length'

export interface JsonDifference {
  kind: DifferenceKind
  path: DocPath
  /** JSONPath-like, e.g. `$.States['Check stock'].Retry[0].MaxAttempts`. */
  location: string
  /** The expected value (for `key-order`: the expected keys; undefined when `extra`). */
  expected?: JsonValue
  /** The actual value (for `key-order`: the actual keys; undefined when `missing`). */
  actual?: JsonValue
}

/** The first place where `actual` differs from `expected`, in document order; undefined if none. */
export function firstDifference(
  expected: JsonValue,
  actual: JsonValue,
  path: DocPath = [],
): JsonDifference | undefined {
  const difference = (kind: DifferenceKind, at: DocPath, e?: JsonValue, a?: JsonValue) => {
    const result: JsonDifference = { kind, path: at, location: formatLocation(at) }
    if (e !== undefined) result.expected = e
    if (a !== undefined) result.actual = a
    return result
  }
  if (isJsonObject(expected) && isJsonObject(actual)) {
    const expectedKeys = Object.keys(expected)
    const actualKeys = Object.keys(actual)
    const actualSet = new Set(actualKeys)
    const expectedSet = new Set(expectedKeys)
    for (const key of expectedKeys) {
      if (!actualSet.has(key)) return difference('missing', [...path, key], expected[key])
    }
    for (const key of actualKeys) {
      if (!expectedSet.has(key)) return difference('extra', [...path, key], undefined, actual[key])
    }
    for (const key of expectedKeys) {
      const inner = firstDifference(expected[key]!, actual[key]!, [...path, key])
      if (inner) return inner
    }
    if (expectedKeys.some((key, i) => actualKeys[i] !== key)) {
      return difference('key-order', path, expectedKeys, actualKeys)
    }
    return undefined
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const common = Math.min(expected.length, actual.length)
    for (let i = 0; i < common; i++) {
      const inner = firstDifference(expected[i]!, actual[i]!, [...path, i])
      if (inner) return inner
    }
    if (expected.length !== actual.length) {
      return difference('length', path, expected.length, actual.length)
    }
    return undefined
  }
  if (expected === actual) return undefined
  return difference('value', path, expected, actual)
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** `$`, `.Key`, `['odd key']`, `[0]`. */
export function formatLocation(path: DocPath): string {
  let out = '$'
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`
    else if (IDENTIFIER.test(step)) out += `.${step}`
    else out += `['${step.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`
  }
  return out
}
