import { describe, expect, it } from 'vitest'
import { memoryIO, MOCKS, ORDER } from './commands/run.fixtures'
import { main } from './main'

// Every option each command accepts, as its parser spells it: the usage text and each command's
// --help must list them all.
const OPTIONS: Record<string, string[]> = {
  validate: ['--json', '--type'],
  roundtrip: ['--json'],
  run: [
    '--input',
    '--mocks',
    '--test-case',
    '--name',
    '--context',
    '--account',
    '--region',
    '--history',
    '--json',
  ],
  test: ['--mocks', '--name', '--expect', '--input', '--json'],
  'test-state': [
    '--state',
    '--input',
    '--mock',
    '--inspection-level',
    '--variables',
    '--context',
    '--json',
  ],
}

async function output(argv: string[]) {
  const { io, stdout, stderr } = memoryIO({})
  const code = await main(argv, io)
  return { code, out: stdout(), err: stderr() }
}

describe('stepwise usage', () => {
  it('lists every command with all its options and an example of each', async () => {
    const { code, out } = await output(['--help'])
    expect(code).toBe(0)
    for (const [command, options] of Object.entries(OPTIONS)) {
      const entry = new RegExp(`^  ${command} [^\\n]*(\\n {6}\\[[^\\n]*)*`, 'm').exec(out)
      expect(entry, command).not.toBeNull()
      for (const option of options) expect(entry![0], `${command} ${option}`).toContain(option)
      expect(out).toMatch(new RegExp(`^  stepwise ${command} `, 'm'))
    }
    expect(out).toContain('INFO|DEBUG|TRACE')
  })

  it('prints the usage with exit 2 when no command is given, and names an unknown one', async () => {
    expect((await output([])).code).toBe(2)
    const unknown = await output(['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain("unknown command 'frobnicate'")
  })

  it.each(Object.entries(OPTIONS))(
    '%s --help lists its options and examples',
    async (command, options) => {
      const { code, out } = await output([command, '--help'])
      expect(code).toBe(0)
      expect(out).toContain(`Usage: stepwise ${command}`)
      const [, details] = out.split(/\n(?=Options:|Examples:)/, 2)
      for (const option of options) expect(details ?? out, option).toContain(option)
      const examples = out.slice(out.indexOf('Examples:'))
      expect(out).toContain('Examples:')
      expect(examples).toMatch(new RegExp(`^  stepwise ${command} `, 'm'))
      expect(out).toContain('Exit status')
    },
  )

  it('rejects an option a command does not have', async () => {
    const { code, err } = await output(['test', 'x.json', '--history'])
    expect(code).toBe(2)
    expect(err).toContain('unknown option --history')
  })
})

describe('stepwise run test case choice', () => {
  it('asks for --test-case when the machine has several', async () => {
    const { io, stderr } = memoryIO({ 'order.json': ORDER, 'mocks.json': MOCKS })
    expect(await main(['run', 'order.json', '--mocks', 'mocks.json'], io)).toBe(2)
    expect(stderr()).toContain(
      "choose a test case of 'Order' in mocks.json with --test-case (one of: HappyPath, Throttled, Declined)",
    )
  })

  it('uses the only test case when there is one', async () => {
    const one = JSON.parse(MOCKS) as { StateMachines: { Order: { TestCases: object } } }
    one.StateMachines.Order.TestCases = { HappyPath: { Charge: 'ChargeOk' } }
    const { io, stdout } = memoryIO({ 'order.json': ORDER, 'mocks.json': JSON.stringify(one) })
    const argv = ['run', 'order.json', '--input', '{"id":"o-1"}', '--mocks', 'mocks.json', '--json']
    expect(await main(argv, io)).toBe(0)
    expect(JSON.parse(stdout())).toMatchObject({
      status: 'SUCCEEDED',
      output: { orderId: 'o-1', payment: { receipt: 'r-1' } },
    })
  })
})
