import { describe, expect, it } from 'vitest'
import { formatAgo, formatClock, formatDuration, formatOffset, formatUsd } from './format'

describe('formatting', () => {
  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0 ms')
    expect(formatDuration(950)).toBe('950 ms')
    expect(formatDuration(6000)).toBe('6 s')
    expect(formatDuration(6500)).toBe('6.5 s')
    expect(formatDuration(90_000)).toBe('1 min 30 s')
    expect(formatDuration(86_400_000 + 7_200_000)).toBe('1 d 2 h')
    expect(formatDuration(-1)).toBe('—')
  })

  it('formats money down to fractions of a cent', () => {
    expect(formatUsd(0.00015)).toBe('$0.00015')
    expect(formatUsd(0.000001)).toBe('$0.000001')
    expect(formatUsd(0.0000072515)).toBe('$0.00000725')
    expect(formatUsd(150)).toBe('$150.00')
    expect(formatUsd(1234.5)).toBe('$1,234.50')
    expect(formatUsd(0)).toBe('$0')
  })

  it('formats offsets, clocks and ages', () => {
    expect(formatOffset(6000)).toBe('+6.000 s')
    expect(formatOffset(3_600_000)).toBe('+1 h')
    expect(formatClock('2024-01-01T00:00:06.000Z')).toBe('00:00:06.000')
    expect(formatAgo(0, 10_000)).toBe('just now')
    expect(formatAgo(0, 5 * 60_000)).toBe('5 min ago')
    expect(formatAgo(0, 30 * 3_600_000)).toBe('yesterday')
  })
})
