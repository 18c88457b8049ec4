// Immutable, order-preserving edits of plain JSON values. Every helper returns a new value and
// never mutates its input. Objects are built with spread and computed keys (never `obj[k] = v`)
// so that a key such as `__proto__` stays an ordinary own property, as JSON.parse makes it.

import type { DocPath } from '../asl/diagnostics'
import type { JsonObject, JsonValue } from '../asl/types'
import { isJsonObject } from '../asl/types'

export function hasOwn(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key)
}

/** The own value of a key (never an inherited one such as `constructor`). */
export function own(object: JsonObject, key: string): JsonValue | undefined {
  return hasOwn(object, key) ? object[key] : undefined
}

/** Copy of `object` with `key` set: in place when present, appended otherwise. */
export function withKey(object: JsonObject, key: string, value: JsonValue): JsonObject {
  if (hasOwn(object, key)) {
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, k === key ? value : v]))
  }
  return { ...object, [key]: value }
}

/** Copy of `object` without `key` (the same object when the key is absent). */
export function withoutKey(object: JsonObject, key: string): JsonObject {
  if (!hasOwn(object, key)) return object
  return Object.fromEntries(Object.entries(object).filter(([k]) => k !== key))
}

/** Copy of `object` with `key` inserted so that `at` keys precede it (clamped to the end). */
export function withKeyAt(
  object: JsonObject,
  at: number,
  key: string,
  value: JsonValue,
): JsonObject {
  const entries = Object.entries(object).filter(([k]) => k !== key)
  entries.splice(Math.max(0, Math.min(at, entries.length)), 0, [key, value])
  return Object.fromEntries(entries)
}

/**
 * Copy of `object` where `oldKey` is replaced by `newKey: value` at the same position (appended
 * when `oldKey` is absent). Used where one field takes another's place, e.g. `End` → `Next`.
 */
export function replaceKey(
  object: JsonObject,
  oldKey: string,
  newKey: string,
  value: JsonValue,
): JsonObject {
  if (!hasOwn(object, oldKey)) return withKey(object, newKey, value)
  const entries: [string, JsonValue][] = []
  for (const [k, v] of Object.entries(object)) {
    if (k === oldKey) entries.push([newKey, value])
    else if (k !== newKey) entries.push([k, v])
  }
  return Object.fromEntries(entries)
}

/** Index of a key in the object's enumeration order, or -1. */
export function keyIndex(object: JsonObject, key: string): number {
  return Object.keys(object).indexOf(key)
}

/** The value at a path, or undefined. */
export function getIn(value: JsonValue | undefined, path: DocPath): JsonValue | undefined {
  let current = value
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(current) || step < 0 || step >= current.length) return undefined
      current = current[step]
    } else {
      if (!isJsonObject(current) || !hasOwn(current, step)) return undefined
      current = current[step]
    }
  }
  return current
}

/**
 * Sets the value at a path, creating missing containers (an array when the next step is a
 * number, an object otherwise). A number step equal to an array's length appends. A step that
 * does not fit the value found (a key into an array, an index into an object) replaces it.
 */
export function setIn(value: JsonValue | undefined, path: DocPath, newValue: JsonValue): JsonValue {
  if (path.length === 0) return newValue
  const [step, ...rest] = path as [string | number, ...DocPath]
  if (typeof step === 'number') {
    const array = Array.isArray(value) ? value : []
    const index = Math.max(0, Math.min(step, array.length))
    const copy = array.slice()
    copy[index] = setIn(array[index], rest, newValue)
    return copy
  }
  const object = isJsonObject(value) ? value : {}
  return withKey(object, step, setIn(own(object, step), rest, newValue))
}

/** Removes the value at a path: an object key is deleted, an array element spliced out. */
export function unsetIn(value: JsonValue, path: DocPath): JsonValue {
  if (path.length === 0) return value
  const [step, ...rest] = path as [string | number, ...DocPath]
  if (typeof step === 'number') {
    if (!Array.isArray(value) || step < 0 || step >= value.length) return value
    if (rest.length === 0) return value.filter((_, i) => i !== step)
    const copy = value.slice()
    copy[step] = unsetIn(value[step]!, rest)
    return copy
  }
  if (!isJsonObject(value) || !hasOwn(value, step)) return value
  if (rest.length === 0) return withoutKey(value, step)
  return withKey(value, step, unsetIn(value[step]!, rest))
}
