import { describe, expect, it } from 'vitest'
import { describeReading, readImportText } from './detect'

const DEFINITION = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }

describe('readImportText', () => {
  it('reads ASL JSON and YAML', () => {
    expect(readImportText(JSON.stringify(DEFINITION), 'a.asl.json')).toEqual({
      kind: 'definition',
      definition: DEFINITION,
      format: 'json',
    })
    const yaml = readImportText(
      'StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n',
      'a.yml',
    )
    expect(yaml).toEqual({ kind: 'definition', definition: DEFINITION, format: 'yaml' })
    expect(describeReading(yaml)).toBe('an ASL definition (YAML)')
  })

  it('detects a template, naming SAM when it has a serverless machine', () => {
    const reading = readImportText(
      'Transform: AWS::Serverless-2016-10-31\nResources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: sm.json\n',
      'template.yaml',
    )
    expect(reading.kind).toBe('template')
    expect(describeReading(reading)).toBe('a SAM template')
  })

  it('says when a template has no state machine', () => {
    const reading = readImportText('{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}', 't.json')
    expect(reading).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('without any'),
    })
  })

  it('reads a MockConfigFile and names where one is broken', () => {
    const config = {
      StateMachines: { M: { TestCases: { Happy: { A: 'Ok' } } } },
      MockedResponses: { Ok: { '0': { Return: { ok: true } } } },
    }
    expect(readImportText(JSON.stringify(config), 'mocks.json')).toEqual({ kind: 'mocks', config })
    const broken = readImportText(
      JSON.stringify({ ...config, MockedResponses: { Ok: { '0': { Return: 1, Throw: {} } } } }),
      'mocks.json',
    )
    expect(broken.kind).toBe('invalid')
    if (broken.kind === 'invalid') {
      expect(broken.message).toContain(
        'mocks.json is not a valid MockConfigFile: MockedResponses.Ok',
      )
    }
  })

  it('reads an execution history as the AWS CLI prints it, and a bare list of events', () => {
    const events = [
      { id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: '2024-01-01T00:00:00Z' },
      { id: 2, previousEventId: 1, type: 'ExecutionSucceeded', timestamp: '2024-01-01T00:00:01Z' },
    ]
    expect(readImportText(JSON.stringify({ events }), 'history.json')).toEqual({
      kind: 'history',
      events,
    })
    expect(readImportText(JSON.stringify(events), 'history.json').kind).toBe('history')
    const pascal = { Events: [{ Id: 1, Type: 'ExecutionStarted' }] }
    expect(readImportText(JSON.stringify(pascal), 'h.json')).toEqual({
      kind: 'history',
      events: pascal.Events,
    })
    const broken = readImportText(JSON.stringify({ events: [{ id: 1 }] }), 'h.json')
    expect(broken).toMatchObject({ kind: 'invalid', message: expect.stringContaining('event 1') })
    const badId = readImportText(JSON.stringify({ events: [{ id: 'x', type: 'A' }] }), 'h.json')
    expect(badId).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('not a number'),
    })
  })

  it('names what and where for broken or foreign files', () => {
    expect(readImportText('', 'empty.json')).toEqual({
      kind: 'invalid',
      message: 'empty.json is empty.',
    })
    const json = readImportText('{\n  "StartAt": "A",\n  "States": {,}\n}', 'broken.json')
    expect(json).toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/^broken\.json is not valid JSON \(line 3, column \d+\)\.$/),
    })
    const yaml = readImportText('StartAt: A\nStates: [\n', 'broken.yaml')
    expect(yaml).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('not valid YAML'),
    })
    expect(readImportText('{"hello": "world"}', 'x.json')).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('has no "States" object'),
    })
  })
})
