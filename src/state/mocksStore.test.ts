import { beforeEach, describe, expect, it } from 'vitest'
import {
  exportPersisted,
  importPersisted,
  invocationKeyProblem,
  nextInvocation,
  responseNameFor,
  responseUsage,
  selectActiveTestCase,
  selectMapping,
  selectProblems,
  selectRunMocks,
  selectTestCases,
  selectUnmappedPolicy,
  useMocksStore,
} from './mocksStore'

// A file in AWS's documented shape, with its own key order and formatting.
const SFN_LOCAL_FILE = `{
  "StateMachines": {
    "LambdaSQSIntegration": {
      "TestCases": {
        "HappyPath": { "LambdaState": "MockedLambdaSuccess", "SQSState": "MockedSQSSuccess" },
        "RetryPath": { "LambdaState": "MockedLambdaRetry", "SQSState": "MockedSQSSuccess" }
      }
    }
  },
  "MockedResponses": {
    "MockedLambdaSuccess": { "0": { "Return": { "StatusCode": 200, "Payload": { "StatusCode": 200, "body": "Hello from Lambda!" } } } },
    "MockedLambdaRetry": {
      "0": { "Throw": { "Error": "Lambda.ResourceNotReadyException", "Cause": "Lambda resource is not ready." } },
      "1-2": { "Throw": { "Error": "Lambda.TimeoutException", "Cause": "Lambda timed out." } },
      "3": { "Return": { "StatusCode": 200, "Payload": { "StatusCode": 200, "body": "Hello from Lambda!" } } }
    },
    "MockedSQSSuccess": { "0": { "Return": { "MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51" } } }
  }
}`

const state = () => useMocksStore.getState()

beforeEach(() => importPersisted(undefined))

describe('import and export', () => {
  it('exports an imported file unchanged, byte for byte', () => {
    const result = state().importMockConfig(SFN_LOCAL_FILE)
    expect(result).toEqual({
      ok: true,
      stateMachines: ['LambdaSQSIntegration'],
      testCases: ['HappyPath', 'RetryPath'],
    })
    expect(state().exportMockConfig()).toBe(SFN_LOCAL_FILE)
    expect(selectActiveTestCase(state())).toBe('HappyPath')
  })

  it('keeps key order and untouched content after an edit', () => {
    state().importMockConfig(SFN_LOCAL_FILE)
    state().setEntry('MockedSQSSuccess', '0', { Return: { MessageId: 'x' } })
    const exported = JSON.parse(state().exportMockConfig())
    const original = JSON.parse(SFN_LOCAL_FILE)
    expect(Object.keys(exported)).toEqual(Object.keys(original))
    expect(Object.keys(exported.MockedResponses)).toEqual(Object.keys(original.MockedResponses))
    expect(exported.MockedResponses.MockedLambdaRetry).toEqual(
      original.MockedResponses.MockedLambdaRetry,
    )
    expect(exported.MockedResponses.MockedSQSSuccess).toEqual({
      '0': { Return: { MessageId: 'x' } },
    })
    expect(exported.StateMachines).toEqual(original.StateMachines)
  })

  it('rejects a file SFN Local would reject and changes nothing', () => {
    state().importMockConfig(SFN_LOCAL_FILE)
    const before = exportPersisted()
    const result = state().importMockConfig({
      StateMachines: { M: { TestCases: { T: { S: 'Missing' } } } },
      MockedResponses: { R: { '0-1': { Return: 1 }, '1': { Return: 2 } } },
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    // Integer-like keys come first in a JS object, so the overlap is reported on "0-1".
    expect(result.problems.map((p) => p.path)).toEqual([
      'MockedResponses.R["0-1"]',
      'StateMachines.M.TestCases.T.S',
    ])
    expect(exportPersisted()).toEqual(before)
  })

  it('round-trips through exportPersisted / importPersisted', () => {
    state().importMockConfig(SFN_LOCAL_FILE)
    state().selectTestCase('RetryPath')
    const saved = structuredClone(exportPersisted())
    importPersisted(undefined)
    expect(selectTestCases(state())).toEqual([])
    importPersisted(saved)
    expect(selectActiveTestCase(state())).toBe('RetryPath')
    expect(state().exportMockConfig()).toBe(SFN_LOCAL_FILE)
  })
})

describe('editing', () => {
  it('mocks a state in a new file: machine, test case, response', () => {
    const name = state().addStateMock('Charge card')
    expect(name).toBe('ChargeCard')
    expect(selectMapping(state())).toEqual({ 'Charge card': 'ChargeCard' })
    expect(JSON.parse(state().exportMockConfig())).toEqual({
      StateMachines: { StateMachine: { TestCases: { Default: { 'Charge card': 'ChargeCard' } } } },
      MockedResponses: { ChargeCard: { '0': { Return: {} } } },
    })
    expect(selectProblems(state())).toEqual([])
  })

  it('appends entries after the last range and renames keys in place', () => {
    state().addStateMock('Charge card', {
      '0-1': { Throw: { Error: 'Lambda.TooManyRequestsException', Cause: 'Rate exceeded.' } },
    })
    expect(state().addEntry('ChargeCard', { Return: { ok: true } })).toBe('2')
    expect(state().renameEntry('ChargeCard', '0-1', '0-2')).toMatch(/overlap/)
    expect(state().renameEntry('ChargeCard', '0-1', 'x')).toMatch(/not an invocation/)
    expect(state().renameEntry('ChargeCard', '0-1', '0')).toBeNull()
    const response = state().config.MockedResponses!.ChargeCard!
    expect(Object.keys(response)).toEqual(['0', '2'])
    state().removeEntry('ChargeCard', '0')
    expect(Object.keys(state().config.MockedResponses!.ChargeCard!)).toEqual(['2'])
  })

  it('manages test cases', () => {
    state().importMockConfig(SFN_LOCAL_FILE)
    const copy = state().addTestCase('Retry copy', { copyFrom: 'RetryPath' })
    expect(copy).toBe('Retry copy')
    expect(selectActiveTestCase(state())).toBe('Retry copy')
    expect(selectMapping(state())).toEqual({
      LambdaState: 'MockedLambdaRetry',
      SQSState: 'MockedSQSSuccess',
    })
    expect(state().renameTestCase('Retry copy', 'HappyPath')).toMatch(/already exists/)
    expect(state().renameTestCase('Retry copy', 'Slow')).toBeNull()
    expect(selectTestCases(state())).toEqual(['HappyPath', 'RetryPath', 'Slow'])
    expect(selectActiveTestCase(state())).toBe('Slow')
    state().mapState('SQSState', null)
    expect(selectMapping(state())).toEqual({ LambdaState: 'MockedLambdaRetry' })
    state().deleteTestCase('Slow')
    expect(selectActiveTestCase(state())).toBe('HappyPath')
    expect(responseUsage(state().config, 'MockedSQSSuccess')).toHaveLength(2)
  })

  it('sets the unmapped-Task policy as SFN-Local-ignored extension key', () => {
    expect(selectUnmappedPolicy(state())).toBe('fail')
    state().setUnmappedTasks('passthrough')
    expect(JSON.parse(state().exportMockConfig())).toEqual({
      Stepwise: { UnmappedTasks: 'passthrough' },
    })
    expect(selectRunMocks(state()).mocks).toEqual({ Stepwise: { UnmappedTasks: 'passthrough' } })
  })

  it('gives runs nothing when there are no mocks', () => {
    expect(selectRunMocks(state())).toEqual({
      mocks: undefined,
      stateMachineName: undefined,
      testCase: undefined,
    })
  })
})

describe('helpers', () => {
  it('checks invocation keys', () => {
    expect(invocationKeyProblem('2-1', {})).toMatch(/ends before/)
    expect(invocationKeyProblem('3', { '1-4': { Return: 1 } })).toMatch(/overlap/)
    expect(invocationKeyProblem('3', { '1-4': { Return: 1 } }, '1-4')).toBeNull()
    expect(nextInvocation({ '0': { Return: 1 }, '4-6': { Return: 1 } })).toBe(7)
    expect(responseNameFor('Notify: payment failed!')).toBe('NotifyPaymentFailed')
  })
})
