import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareInstants, isTimestamp, parseTimestamp } from './timestamp'

describe('parseTimestamp', () => {
  it('reads UTC, offsets and fractions exactly', () => {
    expect(parseTimestamp('1970-01-01T00:00:00Z')).toEqual({ seconds: 0, nanos: 0 })
    expect(parseTimestamp('1970-01-01T01:00:00+01:00')).toEqual({ seconds: 0, nanos: 0 })
    expect(parseTimestamp('2016-03-14T01:59:00.123456789Z')?.nanos).toBe(123456789)
    expect(parseTimestamp('2016-03-14T01:59:00.5Z')?.nanos).toBe(500000000)
  })

  it('agrees with Date.parse on millisecond timestamps (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (d) => {
          const text = d.toISOString()
          const parsed = parseTimestamp(text)!
          expect(parsed.seconds * 1000 + parsed.nanos / 1e6).toBe(d.getTime())
        },
      ),
    )
  })

  it('rejects what ASL does not accept', () => {
    for (const t of [
      '2016-03-14T01:59:00',
      '2016-03-14T01:59Z',
      '2016-03-14 01:59:00Z',
      '2016-03-14t01:59:00Z',
      '2016-02-30T00:00:00Z',
      '2016-03-14T01:60:00Z',
      '2016-03-14T01:59:00.Z',
      '2016-03-14T01:59:00+0100',
    ]) {
      expect(isTimestamp(t), t).toBe(false)
    }
  })

  it('compares instants', () => {
    const a = parseTimestamp('2020-01-01T00:00:00.000000001Z')!
    const b = parseTimestamp('2020-01-01T00:00:00Z')!
    expect(compareInstants(a, b)).toBe(1)
    expect(compareInstants(b, a)).toBe(-1)
    expect(compareInstants(b, parseTimestamp('2019-12-31T19:00:00-05:00')!)).toBe(0)
  })
})
