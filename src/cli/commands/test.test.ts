import { describe, expect, it } from 'vitest'
import { main } from '../main'
import { memoryIO, MOCKS, ORDER } from './run.fixtures'

describe('stepwise test', () => {
  it('runs every test case and prints a table', async () => {
    const { io, stdout } = memoryIO({ 'order.json': ORDER, 'mocks.json': MOCKS })
    expect(
      await main(['test', 'order.json', '--mocks', 'mocks.json', '--input', '{"id":"o-1"}'], io),
    ).toBe(0)
    const lines = stdout().split('\n')
    expect(lines[0]).toMatch(/^Test case +Status +Path taken +Output \/ error +Expected$/)
    expect(lines[1]).toMatch(
      /^HappyPath +SUCCEEDED +Validate → Charge → Wait a day → Done +\{.*"r-1".*-$/,
    )
    expect(lines[3]).toMatch(
      /^Declined +FAILED +Validate → Charge → Refund +PaymentFailed: could not charge +-$/,
    )
    expect(stdout()).toContain('3 test cases run.')
  })

  it('fails like a test runner when an expectation does not hold', async () => {
    const expectations = JSON.stringify({
      input: { id: 'o-9' },
      testCases: {
        HappyPath: {
          status: 'SUCCEEDED',
          output: { orderId: 'o-9', payment: { receipt: 'r-1' } },
          path: ['Validate', 'Charge', 'Wait a day', 'Done'],
        },
        Declined: { status: 'SUCCEEDED' },
        Missing: { status: 'SUCCEEDED' },
      },
    })
    const { io, stdout } = memoryIO({
      'order.json': ORDER,
      'mocks.json': MOCKS,
      'expect.json': expectations,
    })
    expect(
      await main(['test', 'order.json', '--mocks', 'mocks.json', '--expect', 'expect.json'], io),
    ).toBe(1)
    const text = stdout()
    expect(text).toMatch(/HappyPath .* ok$/m)
    expect(text).toContain('✗ Declined: status: expected SUCCEEDED, got FAILED')
    expect(text).toContain("✗ Missing: no test case 'Missing'")
    expect(text).toContain('1 of 3 met their expectations')
  })

  it('passes when every expectation holds, and reports JSON', async () => {
    const expectations = JSON.stringify({
      testCases: {
        Throttled: {
          input: { id: 'o-2' },
          output: { orderId: 'o-2', payment: { receipt: 'r-2' } },
        },
        Declined: {
          input: { id: 'o-3' },
          status: 'FAILED',
          error: 'PaymentFailed',
          cause: 'could not charge',
        },
      },
    })
    const { io, stdout } = memoryIO({
      'order.json': ORDER,
      'mocks.json': MOCKS,
      'expect.json': expectations,
    })
    expect(
      await main(
        ['test', 'order.json', '--mocks', 'mocks.json', '--expect', 'expect.json', '--json'],
        io,
      ),
    ).toBe(0)
    const reports = JSON.parse(stdout())
    expect(
      reports.map((r: { testCase: string; passed: boolean | null }) => [r.testCase, r.passed]),
    ).toEqual([
      ['HappyPath', null],
      ['Throttled', true],
      ['Declined', true],
    ])
  })

  it('needs --mocks and a state machine it can choose', async () => {
    const two = JSON.stringify({
      StateMachines: { A: { TestCases: {} }, B: { TestCases: {} } },
      MockedResponses: {},
    })
    const { io, stderr } = memoryIO({ 'order.json': ORDER, 'two.json': two })
    expect(await main(['test', 'order.json'], io)).toBe(2)
    expect(await main(['test', 'order.json', '--mocks', 'two.json'], io)).toBe(2)
    expect(stderr()).toContain('--mocks FILE is required')
    expect(stderr()).toContain('several state machines (A, B): choose one with --name')
  })
})
