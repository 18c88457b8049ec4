import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyChanges, diffText, splitLines } from './textDiff'

const doc = (states: string[]) =>
  JSON.stringify(
    {
      StartAt: states[0],
      States: Object.fromEntries(
        states.map((name, i) => [
          name,
          i === states.length - 1 ? { Type: 'Succeed' } : { Type: 'Pass', Next: states[i + 1] },
        ]),
      ),
    },
    null,
    2,
  ) + '\n'

describe('diffText', () => {
  it('returns nothing for equal texts', () => {
    expect(diffText('abc\n', 'abc\n')).toEqual([])
  })

  it('keeps edits small and separate: a rename touches only the lines that name the state', () => {
    const before = doc(['A', 'B', 'C', 'D'])
    const after = before.replaceAll('"B"', '"Bee"')
    const changes = diffText(before, after)
    // The key of B and A's Next: two edits of a single character range each.
    expect(changes).toHaveLength(2)
    for (const change of changes) {
      expect(before.slice(change.start, change.end)).toBe('')
      expect(change.text).toBe('ee')
    }
    expect(applyChanges(before, changes)).toBe(after)
  })

  it('inserts a new state as one insertion, leaving the text around it untouched', () => {
    const before = '{\n  "A": 1,\n  "B": 2\n}\n'
    const after = '{\n  "A": 1,\n  "New": 3,\n  "B": 2\n}\n'
    const changes = diffText(before, after)
    expect(changes).toEqual([{ start: 12, end: 12, text: '  "New": 3,\n' }])
  })

  it('handles texts without a final newline, empty texts and CRLF', () => {
    for (const [a, b] of [
      ['', 'x'],
      ['x', ''],
      ['a\nb', 'a\nc'],
      ['a\r\nb\r\n', 'a\r\nc\r\nb\r\n'],
      ['line\n', 'line'],
    ] as const) {
      expect(applyChanges(a, diffText(a, b))).toBe(b)
    }
  })

  it('does not split surrogate pairs', () => {
    const before = 'name: "\u{1F600}"\n'
    const after = 'name: "\u{1F601}"\n'
    const [change] = diffText(before, after)
    expect(change!.text).toBe('\u{1F601}')
  })

  it('turns any text into any other (property)', () => {
    const line = fc.constantFrom('{', '}', '  "A": 1,', '  "B": 2', 'x', '', '  "Next": "C"')
    const text = fc.array(line, { maxLength: 30 }).map((lines) => lines.join('\n'))
    fc.assert(
      fc.property(text, text, (a, b) => {
        const changes = diffText(a, b)
        expect(applyChanges(a, changes)).toBe(b)
        for (let i = 1; i < changes.length; i++) {
          expect(changes[i]!.start).toBeGreaterThanOrEqual(changes[i - 1]!.end)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('edits only what changed when one line changes in a long text', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `  "line${i}": ${i},\n`)
    const before = lines.join('')
    lines[1500] = '  "line1500": "changed",\n'
    const after = lines.join('')
    const changes = diffText(before, after)
    expect(changes).toHaveLength(1)
    expect(changes[0]!.text).toBe('"changed"')
  })

  it('still produces a correct (single) edit past the edit-distance limit', () => {
    const a = Array.from({ length: 2500 }, (_, i) => `a${i}\n`).join('')
    const b = Array.from({ length: 2500 }, (_, i) => `b${i}\n`).join('')
    const changes = diffText(a, b)
    expect(applyChanges(a, changes)).toBe(b)
  })
})

describe('splitLines', () => {
  it('keeps terminators so the lines join back to the text', () => {
    expect(splitLines('a\nb\r\n\nc')).toEqual(['a\n', 'b\r\n', '\n', 'c'])
    expect(splitLines('')).toEqual([])
  })
})
