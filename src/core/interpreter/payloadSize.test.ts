import fc from 'fast-check'
import { expect, it } from 'vitest'
import type { JsonValue } from '../asl/types'
import { jsonByteSize } from './payloadSize'

const utf8 = (value: JsonValue) => new TextEncoder().encode(JSON.stringify(value)).length

it('measures the UTF-8 size of the compact JSON text', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      expect(jsonByteSize(value as JsonValue)).toBe(utf8(value as JsonValue))
    }),
    { numRuns: 300 },
  )
  const shared = { big: 'é'.repeat(600), list: [1, 'two', null, true] }
  const doc = { a: shared, b: [shared, { q: '"\\\n\u0001' }] }
  expect(jsonByteSize(doc)).toBe(utf8(doc))
  expect(jsonByteSize(doc)).toBe(utf8(doc)) // from the cache
})
