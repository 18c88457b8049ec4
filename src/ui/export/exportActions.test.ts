import { describe, expect, it } from 'vitest'
import { pngScale } from './exportActions'

describe('pngScale', () => {
  it('draws small diagrams at 2x and shrinks huge ones under the browser canvas limits', () => {
    expect(pngScale(1200, 900)).toBe(2)
    // 20,000 px wide: one side at most 16,000 px.
    expect(pngScale(20_000, 500) * 20_000).toBeLessThanOrEqual(16_000)
    // 10,000 x 10,000: at most 64 megapixels.
    const scale = pngScale(10_000, 10_000)
    expect(10_000 * scale * 10_000 * scale).toBeLessThanOrEqual(64_000_001)
    expect(scale).toBeGreaterThan(0.7)
  })
})
