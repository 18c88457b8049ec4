import { describe, expect, it } from 'vitest'
import { decodeShareFragment, encodeShareFragment, isShareFragment } from './shareLink'

const WORKFLOW = {
  name: 'Orders — “quoted” ✓',
  workflowType: 'EXPRESS' as const,
  definition: {
    Comment: 'ünïcode and a long repeated text '.repeat(50),
    StartAt: 'A',
    States: { A: { Type: 'Pass', End: true } },
  },
  layout: { A: { x: 10, y: 20 } },
  mocks: { MockedResponses: { Ok: { '0': { Return: { ok: true } } } } },
}

describe('share links', () => {
  it('round-trips a workflow through a compressed, URL-safe fragment', async () => {
    const fragment = await encodeShareFragment(WORKFLOW)
    expect(isShareFragment(fragment)).toBe(true)
    expect(fragment.slice('#share='.length)).toMatch(/^[A-Za-z0-9_-]+$/)
    // Compressed: far shorter than the JSON it carries.
    expect(fragment.length).toBeLessThan(JSON.stringify(WORKFLOW).length / 2)
    expect(await decodeShareFragment(fragment)).toEqual(WORKFLOW)
  })

  it('says what is wrong with a damaged or foreign link', async () => {
    const fragment = await encodeShareFragment(WORKFLOW)
    await expect(decodeShareFragment(fragment.slice(0, 40))).rejects.toThrow(/damaged/)
    await expect(decodeShareFragment('#other')).rejects.toThrow(/no shared workflow/)
    const noStates = await encodeShareFragment({ ...WORKFLOW, definition: { StartAt: 'A' } })
    await expect(decodeShareFragment(noStates)).rejects.toThrow(/no state machine/)
  })
})
