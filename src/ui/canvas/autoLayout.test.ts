import { describe, expect, it } from 'vitest'
import { LayoutCancelledError } from '../../worker/layoutClient'
import { autoLayoutFailure } from './autoLayout'

describe('autoLayoutFailure', () => {
  it('says nothing about a layout superseded by a newer one', () => {
    expect(autoLayoutFailure(new LayoutCancelledError())).toBeNull()
  })

  it('reports a real failure with its message', () => {
    expect(autoLayoutFailure(new Error('ELK ran out of memory'))).toEqual({
      message: 'Auto-layout failed; states keep their positions.',
      detail: 'ELK ran out of memory',
    })
    expect(autoLayoutFailure('worker gone')?.detail).toBe('worker gone')
  })
})
