import { describe, expect, it } from 'vitest'
import { flag, parseArgs, stringOption } from './args'
import { UsageError } from './io'

const spec = {
  json: { takesValue: false },
  input: { takesValue: true },
  mocks: { takesValue: true, repeatable: true },
}

describe('parseArgs', () => {
  it('separates options from positional arguments', () => {
    const args = parseArgs(['a.json', '--json', '--input', '{"x":1}', 'b.yaml'], spec)
    expect(args.positional).toEqual(['a.json', 'b.yaml'])
    expect(flag(args, 'json')).toBe(true)
    expect(stringOption(args, 'input')).toBe('{"x":1}')
  })

  it('accepts --name=value and collects repeatable options', () => {
    const args = parseArgs(['--mocks=a.json', '--mocks', 'b.json'], spec)
    expect(args.repeated.get('mocks')).toEqual(['a.json', 'b.json'])
  })

  it('treats everything after -- as positional', () => {
    expect(parseArgs(['--', '--json'], spec).positional).toEqual(['--json'])
  })

  it('rejects unknown options and missing values', () => {
    expect(() => parseArgs(['--nope'], spec)).toThrow(UsageError)
    expect(() => parseArgs(['--input'], spec)).toThrow('--input needs a value')
    expect(() => parseArgs(['--json=1'], spec)).toThrow('takes no value')
  })
})
