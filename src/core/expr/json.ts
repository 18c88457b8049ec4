import type { JsonObject, JsonValue } from '../asl/types'

// Small helpers over JSON values. Values are immutable by convention: nothing here mutates.

export const hasOwn: (obj: object, key: string) => boolean = Object.hasOwn

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The internalized (unique) copy of a string, as property keys are. A key cut out of a longer
 * text (a JSONPath's `.name`, a template's `name.$`) is a fresh string: V8's property caches
 * compare keys by identity, so each lookup or store with it would miss them and take the slow
 * path. Meant for keys that are parsed once and then used many times.
 */
export function internKey(key: string): string {
  return Object.keys({ [key]: 0 })[0]!
}

/** JSON equality: numbers by value, objects regardless of key order. */
export function jsonEquals(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!jsonEquals(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  for (const k of ka) {
    if (!hasOwn(b, k) || !jsonEquals(a[k], b[k])) return false
  }
  return true
}

/** The JSON type name AWS uses in messages: 'string', 'number', 'boolean', 'null', 'array', 'object'. */
export function jsonTypeName(value: JsonValue | undefined): string {
  if (value === undefined) return 'undefined'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

/** Compact JSON, as AWS prints values inside error causes. */
export function toJsonText(value: JsonValue | undefined): string {
  return value === undefined ? 'undefined' : JSON.stringify(value)
}

/** A canonical text of a value (object keys sorted), for sets and de-duplication. */
export function canonicalKey(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`
  const keys = Object.keys(value).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalKey(value[k]!)}`).join(',')}}`
}
