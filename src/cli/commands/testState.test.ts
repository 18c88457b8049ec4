import { describe, expect, it } from 'vitest'
import { main } from '../main'
import { memoryIO, ORDER } from './run.fixtures'

describe('stepwise test-state', () => {
  it('evaluates a state of a machine with a mocked result at DEBUG', async () => {
    const { io, stdout } = memoryIO({ 'order.json': ORDER })
    const code = await main(
      [
        'test-state',
        'order.json',
        '--state',
        'Charge',
        '--input',
        '{"orderId":"o-1"}',
        '--mock',
        '{"result":"{\\"Payload\\":{\\"receipt\\":\\"x\\"}}"}',
        '--inspection-level',
        'DEBUG',
        '--json',
      ],
      io,
    )
    expect(code).toBe(0)
    expect(JSON.parse(stdout())).toEqual({
      status: 'SUCCEEDED',
      output: { orderId: 'o-1', payment: { receipt: 'x' } },
      nextState: 'Wait a day',
      inspectionData: {
        input: { orderId: 'o-1' },
        afterInputPath: { orderId: 'o-1' },
        afterParameters: { FunctionName: 'charge', Payload: { orderId: 'o-1' } },
        result: { Payload: { receipt: 'x' } },
        afterResultSelector: { receipt: 'x' },
        afterResultPath: { orderId: 'o-1', payment: { receipt: 'x' } },
      },
    })
  })

  it('reports retriable and caught errors like TestState', async () => {
    const { io, stdout } = memoryIO({ 'order.json': ORDER })
    await main(
      [
        'test-state',
        'order.json',
        '--state',
        'Charge',
        '--mock',
        '{"errorOutput":{"error":"Throttled","cause":"slow"}}',
        '--json',
      ],
      io,
    )
    expect(JSON.parse(stdout())).toEqual({ status: 'RETRIABLE', error: 'Throttled', cause: 'slow' })
    const second = memoryIO({ 'order.json': ORDER })
    await main(
      [
        'test-state',
        'order.json',
        '--state',
        'Charge',
        '--input',
        '{"a":1}',
        '--mock',
        '{"errorOutput":{"error":"Boom","cause":"x"}}',
      ],
      second.io,
    )
    expect(second.stdout()).toContain('Status: CAUGHT_ERROR')
    expect(second.stdout()).toContain('Next state: Refund')
    expect(second.stdout()).toContain('"Error": "Boom"')
  })

  it('takes a lone state definition, variables and a context', async () => {
    const state = JSON.stringify({
      Type: 'Pass',
      QueryLanguage: 'JSONata',
      Output: { limit: '{% $limit %}', who: '{% $states.context.Execution.Name %}' },
      End: true,
    })
    const { io, stdout } = memoryIO({ 'state.json': state })
    await main(
      [
        'test-state',
        'state.json',
        '--variables',
        '{"limit":10}',
        '--context',
        '{"Execution":{"Name":"e1"}}',
        '--json',
      ],
      io,
    )
    expect(JSON.parse(stdout())).toEqual({ status: 'SUCCEEDED', output: { limit: 10, who: 'e1' } })
  })

  it('reports inspection data only from DEBUG on', async () => {
    const argv = ['test-state', 'order.json', '--state', 'Validate', '--input', '{"id":"o-9"}']
    const info = memoryIO({ 'order.json': ORDER })
    expect(await main([...argv, '--inspection-level', 'INFO', '--json'], info.io)).toBe(0)
    expect(JSON.parse(info.stdout())).toEqual({
      status: 'SUCCEEDED',
      output: { orderId: 'o-9' },
      nextState: 'Charge',
    })
    const debug = memoryIO({ 'order.json': ORDER })
    expect(await main([...argv, '--inspection-level', 'debug'], debug.io)).toBe(0)
    const text = debug.stdout()
    expect(text).toContain('Status: SUCCEEDED')
    expect(text).toContain('Next state: Charge')
    expect(text).toContain('Inspection data:')
    expect(text).toContain('afterParameters: {')
    const trace = memoryIO({ 'order.json': ORDER })
    await main([...argv, '--inspection-level', 'TRACE', '--json'], trace.io)
    expect(JSON.parse(trace.stdout()).inspectionData.afterParameters).toEqual({ orderId: 'o-9' })
  })

  it('explains bad usage', async () => {
    const { io, stderr } = memoryIO({ 'order.json': ORDER })
    expect(await main(['test-state', 'order.json'], io)).toBe(2)
    expect(stderr()).toContain(
      '--state NAME is required for a state machine (its states: Validate, Charge',
    )
    expect(await main(['test-state', 'order.json', '--state', 'Nope'], io)).toBe(2)
    expect(stderr()).toContain("no state named 'Nope'")
    expect(
      await main(['test-state', 'order.json', '--state', 'Charge', '--mock', '{"x":1}'], io),
    ).toBe(2)
    expect(stderr()).toContain('--mock must be')
    expect(
      await main(['test-state', 'order.json', '--state', 'Charge', '--inspection-level', 'X'], io),
    ).toBe(2)
    expect(stderr()).toContain('--inspection-level must be INFO, DEBUG or TRACE')
  })
})
