import { describe, expect, it } from 'vitest'
import { classifyPastedText } from './importActions'

describe('pasted text', () => {
  it('tells states copied from a canvas from things to import and from plain text', () => {
    expect(classifyPastedText('{"Charge": {"Type": "Pass", "End": true}}')).toBe('states')
    expect(classifyPastedText('{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}')).toBe(
      'import',
    )
    expect(classifyPastedText('StartAt: A\nStates:\n  A:\n    Type: Succeed\n')).toBe('import')
    expect(classifyPastedText('{"StateMachines": {}, "MockedResponses": {}}')).toBe('import')
    expect(classifyPastedText('{"events": []}')).toBe('import')
    expect(classifyPastedText('hello there')).toBe('other')
  })
})
