import { describe, expect, it } from 'vitest'
import { StateFailure } from './errors'
import { parseCsv, readerItems } from './itemReader'

describe('ItemReader data', () => {
  it('parses CSV with quotes, escaped quotes, CRLF and a trailing newline', () => {
    expect(parseCsv('a,"b,c","d ""e"""\r\n1,2,3\n', ',')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['1', '2', '3'],
    ])
  })

  it('maps CSV rows onto given or first-row headers like AWS (missing fields are empty)', () => {
    expect(readerItems('x|y\n1|2\n3\n', { InputType: 'CSV', CSVDelimiter: 'PIPE' })).toEqual([
      { x: '1', y: '2' },
      { x: '3', y: '' },
    ])
    expect(
      readerItems('1,2,3\n', { InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['a'] }),
    ).toEqual([{ a: '1' }])
    expect(() =>
      readerItems('1\n', { InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['a', 'a'] }),
    ).toThrow(StateFailure)
  })

  it('reads JSON arrays and JSON Lines, and refuses other JSON', () => {
    expect(readerItems('[1,{"a":2}]', { InputType: 'JSON' })).toEqual([1, { a: 2 }])
    expect(readerItems('{"a":1}\n\n{"a":2}\n', { InputType: 'JSONL' })).toEqual([
      { a: 1 },
      { a: 2 },
    ])
    let failure: StateFailure | undefined
    try {
      readerItems('{"a":1}', { InputType: 'JSON' })
    } catch (e) {
      failure = e as StateFailure
    }
    expect(failure).toMatchObject({
      error: 'States.ItemReaderFailed',
      cause: 'Attempting to map over non-iterable node.',
    })
  })

  it('takes items given directly, or a ListObjectsV2-like listing', () => {
    expect(readerItems([1, 2], undefined)).toEqual([1, 2])
    expect(readerItems({ Contents: [{ Key: 'a' }] }, undefined)).toEqual([{ Key: 'a' }])
  })
})
