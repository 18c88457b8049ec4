// Shared by the tests of the run, test and test-state commands.
import type { CliIO } from '../io'

/** An in-memory CLI environment: files by path, captured output. */
export function memoryIO(files: Record<string, string>) {
  const out: string[] = []
  const err: string[] = []
  const io: CliIO = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readFile: async (p) => {
      const name = p.replace(/^\/work\//, '')
      if (name in files) return files[name]!
      throw new Error(`ENOENT: no such file, open '${p}'`)
    },
    cwd: '/work',
  }
  return { io, stdout: () => out.join(''), stderr: () => err.join('') }
}

export const ORDER = JSON.stringify({
  StartAt: 'Validate',
  States: {
    Validate: { Type: 'Pass', Parameters: { 'orderId.$': '$.id' }, Next: 'Charge' },
    Charge: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'charge', 'Payload.$': '$' },
      ResultSelector: { 'receipt.$': '$.Payload.receipt' },
      ResultPath: '$.payment',
      Retry: [{ ErrorEquals: ['Throttled'], IntervalSeconds: 2, MaxAttempts: 1 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Refund' }],
      Next: 'Wait a day',
    },
    'Wait a day': { Type: 'Wait', Seconds: 86400, Next: 'Done' },
    Done: { Type: 'Succeed' },
    Refund: { Type: 'Fail', Error: 'PaymentFailed', Cause: 'could not charge' },
  },
})

export const MOCKS = JSON.stringify({
  StateMachines: {
    Order: {
      TestCases: {
        HappyPath: { Charge: 'ChargeOk' },
        Throttled: { Charge: 'ThrottledThenOk' },
        Declined: { Charge: 'Declined' },
      },
    },
  },
  MockedResponses: {
    ChargeOk: { '0': { Return: { Payload: { receipt: 'r-1' } } } },
    ThrottledThenOk: {
      '0': { Throw: { Error: 'Throttled', Cause: 'slow down' } },
      '1': { Return: { Payload: { receipt: 'r-2' } } },
    },
    Declined: { '0': { Throw: { Error: 'CardDeclined', Cause: 'no funds' } } },
  },
})
