// Payload sizes for the 256 KiB quota (States.DataLimitExceeded). Measuring by serialising every
// state's output would dominate the run time of large documents, so sizes of objects and arrays
// are cached per object: values are immutable and shared between states, so after the first
// measurement only the newly built top-level objects are walked.

import type { JsonValue } from '../asl/types'

const sizes = new WeakMap<object, number>()
const CACHE_FROM_BYTES = 512

const PLAIN_ASCII = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/

function stringSize(s: string): number {
  if (PLAIN_ASCII.test(s)) return s.length + 2
  let bytes = 2
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x0c || c === 0x0a || c === 0x0d) {
      bytes += 2
    } else if (c === 0x09) bytes += 2
    else if (c < 0x20) bytes += 6
    else if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

/** Size in bytes of the value's JSON text in UTF-8 (compact form), as AWS counts it. */
export function jsonByteSize(value: JsonValue | undefined): number {
  if (value === null || value === undefined) return 4
  switch (typeof value) {
    case 'string':
      return stringSize(value)
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4
    case 'boolean':
      return value ? 4 : 5
    default:
      break
  }
  const cached = sizes.get(value)
  if (cached !== undefined) return cached
  let size: number
  if (Array.isArray(value)) {
    size = 2 + (value.length > 1 ? value.length - 1 : 0)
    for (let i = 0; i < value.length; i++) size += jsonByteSize(value[i])
  } else {
    size = 2
    let n = 0
    for (const key in value) {
      const v = value[key]
      if (v === undefined) continue
      size += stringSize(key) + 1 + jsonByteSize(v)
      n++
    }
    if (n > 1) size += n - 1
  }
  // Small objects are cheaper to measure again than to remember (WeakMap entries cost memory).
  if (size >= CACHE_FROM_BYTES) sizes.set(value, size)
  return size
}

export const DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024
