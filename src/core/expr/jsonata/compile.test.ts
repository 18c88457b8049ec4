import { describe, expect, it } from 'vitest'
import { checkJsonataSyntax, compileJsonata } from './compile'

describe('checkJsonataSyntax', () => {
  it('accepts valid expressions', () => {
    expect(checkJsonataSyntax('$states.input.a + 1')).toBeUndefined()
  })
  it('locates errors', () => {
    const err = checkJsonataSyntax('foo bar')
    expect(err?.offset).toBe(4)
    expect(err?.length).toBe(3)
    expect(err?.message).toContain('S0201')
    expect(checkJsonataSyntax('a[')?.offset).toBe(2)
  })
  it('compiles once', () => {
    expect(compileJsonata('1 + 2')).toBe(compileJsonata('1 + 2'))
  })
})
