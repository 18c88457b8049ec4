import { describe, expect, it } from 'vitest'
import { MockConfigError, mockTestCases, parseMockConfig, responseForInvocation } from './mocks'

describe('parseMockConfig', () => {
  it('reads AWS Step Functions Local files unchanged', () => {
    const text = JSON.stringify({
      StateMachines: {
        LambdaSQSIntegration: {
          TestCases: {
            HappyPath: { LambdaState: 'MockedLambdaSuccess' },
            RetryPath: { LambdaState: 'MockedLambdaRetry' },
          },
        },
      },
      MockedResponses: {
        MockedLambdaSuccess: { '0': { Return: { StatusCode: 200 } } },
        MockedLambdaRetry: {
          '0': { Throw: { Error: 'Lambda.ResourceNotReadyException', Cause: 'not ready' } },
          '1-2': { Throw: { Error: 'Lambda.TimeoutException', Cause: 'timed out' } },
          '3': { Return: { StatusCode: 200 } },
        },
      },
    })
    const config = parseMockConfig(text)
    expect(mockTestCases(config, 'LambdaSQSIntegration')).toEqual(['HappyPath', 'RetryPath'])
    const retry = config.MockedResponses!.MockedLambdaRetry!
    expect(responseForInvocation(retry, 0)?.Throw?.Error).toBe('Lambda.ResourceNotReadyException')
    expect(responseForInvocation(retry, 2)?.Throw?.Error).toBe('Lambda.TimeoutException')
    expect(responseForInvocation(retry, 3)?.Return).toEqual({ StatusCode: 200 })
    expect(responseForInvocation(retry, 4)).toBeUndefined()
  })

  it('names every problem and where it is (in JSON key order: invocation numbers first)', () => {
    const bad = {
      StateMachines: { M: { TestCases: { T: { Task: 'Missing', Other: 3 } } } },
      MockedResponses: {
        R: {
          '0': { Return: 1, Throw: { Error: 'E' } },
          '0-2': { Return: 2 },
          '3-1': { Return: 3 },
          x: { Return: 4 },
          '5': { Throw: { Cause: 'no error' } },
          '6': { Return: 1, Stepwise: { DurationSeconds: -1 } },
        },
      },
      Extra: true,
    }
    let error: MockConfigError | undefined
    try {
      parseMockConfig(bad)
    } catch (e) {
      error = e as MockConfigError
    }
    expect(error).toBeInstanceOf(MockConfigError)
    expect(error!.problems).toEqual([
      {
        path: 'Extra',
        message: 'unknown field (expected StateMachines, MockedResponses or Stepwise)',
      },
      { path: 'MockedResponses.R["0"]', message: 'must have exactly one of Return and Throw' },
      { path: 'MockedResponses.R["5"].Throw.Error', message: 'must be a string' },
      {
        path: 'MockedResponses.R["6"].Stepwise.DurationSeconds',
        message: 'must be a number of seconds ≥ 0',
      },
      { path: 'MockedResponses.R["0-2"]', message: 'overlaps the invocations of "0"' },
      { path: 'MockedResponses.R["3-1"]', message: 'the range ends before it starts' },
      {
        path: 'MockedResponses.R.x',
        message: 'the key must be an invocation number ("0") or range ("1-2")',
      },
      {
        path: 'StateMachines.M.TestCases.T.Task',
        message: 'refers to MockedResponses.Missing, which is not defined',
      },
      {
        path: 'StateMachines.M.TestCases.T.Other',
        message: 'must be the name of a MockedResponses entry',
      },
    ])
    expect(error!.message).toContain('MockedResponses.R["0-2"]: overlaps')
  })

  it('explains text that is not JSON', () => {
    expect(() => parseMockConfig('{ nope')).toThrow(/not valid JSON/)
  })
})
