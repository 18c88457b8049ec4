import { describe, expect, it } from 'vitest'
import { aslToGraph } from './model'
import { MAX_STATE_NAME_LENGTH, checkStateName, uniqueName, uniqueStateName } from './names'
import { idOf } from './testing/fixtures'

const graph = aslToGraph({
  StartAt: 'Pass',
  States: {
    Pass: { Type: 'Pass', Next: 'Pass (1)' },
    'Pass (1)': { Type: 'Pass', End: true },
    P: {
      Type: 'Parallel',
      Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Succeed' } } }],
      End: true,
    },
  },
})

describe('state names', () => {
  it('picks the first free "Name (n)", counting from the base name', () => {
    expect(uniqueStateName(graph, 'Wait')).toBe('Wait')
    expect(uniqueStateName(graph, 'Pass')).toBe('Pass (2)')
    expect(uniqueStateName(graph, 'Pass (1)')).toBe('Pass (2)')
    expect(uniqueStateName(graph, 'Inner')).toBe('Inner (1)')
    expect(uniqueStateName(graph, 'Pass', new Set(['Pass (2)']))).toBe('Pass (3)')
    expect(uniqueStateName(graph, '  ')).toBe('State')
  })

  it('keeps generated names within 80 characters', () => {
    const long = 'x'.repeat(MAX_STATE_NAME_LENGTH)
    const taken = new Set([long])
    const name = uniqueName(long, (n) => taken.has(n))
    expect(name).toHaveLength(MAX_STATE_NAME_LENGTH)
    expect(name.endsWith(' (1)')).toBe(true)
    expect(uniqueName('y'.repeat(90), () => false)).toHaveLength(MAX_STATE_NAME_LENGTH)
  })

  it('explains why a name cannot be used', () => {
    const pass = idOf(graph, 'Pass')
    expect(checkStateName(graph, 'Pass', pass)).toBeUndefined()
    expect(checkStateName(graph, 'Inner', pass)).toMatch(/already named 'Inner'/)
    expect(checkStateName(graph, '', pass)).toMatch(/empty/)
    expect(checkStateName(graph, 'z'.repeat(81))).toMatch(/at most 80/)
    expect(checkStateName(graph, 'Fresh')).toBeUndefined()
  })
})
