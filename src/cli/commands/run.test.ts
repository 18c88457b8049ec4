import { describe, expect, it } from 'vitest'
import { main } from '../main'
import { memoryIO, MOCKS, ORDER } from './run.fixtures'

describe('stepwise run', () => {
  it('runs a test case and prints the outcome and history', async () => {
    const { io, stdout } = memoryIO({ 'order.json': ORDER, 'mocks.json': MOCKS })
    const code = await main(
      [
        'run',
        'order.json',
        '--input',
        '{"id":"o-1"}',
        '--mocks',
        'mocks.json',
        '--test-case',
        'Throttled',
        '--history',
      ],
      io,
    )
    expect(code).toBe(0)
    const text = stdout()
    expect(text).toContain('SUCCEEDED after 5 transitions (1d 2s simulated)')
    expect(text).toContain('"receipt": "r-2"')
    expect(text).toMatch(/TaskFailed Charge {2}error=Throttled cause=slow down/)
    expect(text).toMatch(/\+86402\.000s {2}WaitStateExited Wait a day/)
  })

  it('prints one JSON object with --json, and exits 0 for a failed execution', async () => {
    const { io, stdout } = memoryIO({ 'order.json': ORDER, 'mocks.json': MOCKS })
    const code = await main(
      [
        'run',
        'order.json',
        '--input',
        '{"id":"o-1"}',
        '--mocks',
        'mocks.json',
        '--test-case',
        'Declined',
        '--json',
        '--history',
      ],
      io,
    )
    expect(code).toBe(0)
    const result = JSON.parse(stdout())
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'PaymentFailed',
      cause: 'could not charge',
    })
    expect(result.history.at(-1).type).toBe('ExecutionFailed')
    expect(result.history.map((e: { id: number }) => e.id)).toEqual(
      result.history.map((_: unknown, i: number) => i + 1),
    )
  })

  it('puts --name, --account, --region and --context into the context object', async () => {
    const echo = JSON.stringify({
      StartAt: 'Who',
      States: { Who: { Type: 'Pass', Parameters: { 'ctx.$': '$$' }, End: true } },
    })
    const { io, stdout } = memoryIO({
      'echo.json': echo,
      'ctx.json': '{"Execution": {"Name": "exec-7", "StartTime": "2030-05-01T10:00:00.000Z"}}',
    })
    const code = await main(
      [
        'run',
        'echo.json',
        '--name',
        'Billing',
        '--account',
        '999988887777',
        '--region',
        'eu-west-1',
        '--context',
        'ctx.json',
        '--json',
      ],
      io,
    )
    expect(code).toBe(0)
    const ctx = JSON.parse(stdout()).output.ctx
    expect(ctx.Execution.Id).toBe('arn:aws:states:eu-west-1:999988887777:execution:Billing:exec-7')
    expect(ctx.StateMachine).toEqual({
      Id: 'arn:aws:states:eu-west-1:999988887777:stateMachine:Billing',
      Name: 'Billing',
    })
    expect(ctx.Execution.StartTime).toBe('2030-05-01T10:00:00.000Z')
    expect(ctx.State.EnteredTime).toBe('2030-05-01T10:00:00.000Z')
  })

  it('prints exactly {status, output} for a success and exits 0 for a timed-out execution', async () => {
    const ok = memoryIO({ 'order.json': ORDER, 'mocks.json': MOCKS })
    const argv = ['run', 'order.json', '--input', '{"id":"o-1"}', '--mocks', 'mocks.json']
    expect(await main([...argv, '--test-case', 'HappyPath', '--json'], ok.io)).toBe(0)
    const success = JSON.parse(ok.stdout())
    expect(Object.keys(success)).toEqual(['status', 'output'])
    expect(success.status).toBe('SUCCEEDED')
    const slow = JSON.stringify({
      StartAt: 'W',
      TimeoutSeconds: 60,
      States: { W: { Type: 'Wait', Seconds: 3600, End: true } },
    })
    const timed = memoryIO({ 'slow.json': slow })
    expect(await main(['run', 'slow.json', '--json'], timed.io)).toBe(0)
    expect(JSON.parse(timed.stdout())).toEqual({
      status: 'TIMED_OUT',
      error: 'States.Timeout',
      cause: 'The execution timed out after 60 seconds.',
    })
    const text = memoryIO({ 'slow.json': slow })
    expect(await main(['run', 'slow.json'], text.io)).toBe(0)
    expect(text.stdout()).toContain('TIMED_OUT after 1 transition (1m simulated)')
  })

  it('names the Task that has no mock', async () => {
    const { io, stdout } = memoryIO({ 'order.json': ORDER })
    expect(await main(['run', 'order.json', '--input', '{"id":"o-1"}'], io)).toBe(0)
    expect(stdout()).toContain('Error: Stepwise.MockNotFound')
    expect(stdout()).toContain("Task state 'Charge'")
  })

  it('rejects bad usage with exit 2 and a clear message', async () => {
    const cases: [string[], string][] = [
      [['run'], 'no DEFINITION'],
      [['run', 'missing.json'], 'cannot read missing.json'],
      [['run', 'order.json', '--input', '{oops'], '--input is neither a readable file nor JSON'],
      [['run', 'order.json', '--test-case', 'X'], '--test-case needs --mocks'],
      [
        ['run', 'order.json', '--mocks', 'mocks.json', '--test-case', 'Nope'],
        "no test case 'Nope'",
      ],
      [
        ['run', 'order.json', '--mocks', 'bad.json'],
        'MockedResponses.R.x: the key must be an invocation number',
      ],
    ]
    for (const [argv, message] of cases) {
      const { io, stderr } = memoryIO({
        'order.json': ORDER,
        'mocks.json': MOCKS,
        'bad.json': '{"MockedResponses": {"R": {"x": {"Return": 1}}}}',
      })
      expect(await main(argv, io), argv.join(' ')).toBe(2)
      expect(stderr()).toContain(message)
    }
  })
})
