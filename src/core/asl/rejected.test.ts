// Definitions AWS rejects when a state machine is created (CreateStateMachine /
// ValidateStateMachineDefinition), taken from the rules stated in the AWS developer guide and the
// ASL specification, each with the diagnostic that must explain it.

import { describe, expect, it } from 'vitest'
import type { WorkflowType } from './types'
import { validateText } from './validate'

interface Rejected {
  name: string
  text: string
  code: string
  workflowType?: WorkflowType
}

const CASES: Rejected[] = [
  {
    name: 'Next names a state that does not exist',
    code: 'MISSING_TRANSITION_TARGET',
    text: `{"StartAt": "Validate", "States": {
      "Validate": {"Type": "Pass", "Next": "Transform"},
      "Trasform": {"Type": "Pass", "End": true}}}`,
  },
  {
    name: 'StartAt names a state that does not exist',
    code: 'MISSING_TRANSITION_TARGET',
    text: '{"StartAt": "Begin", "States": {"Start": {"Type": "Succeed"}}}',
  },
  {
    name: 'a Catch in a Parallel branch names a top-level state',
    code: 'MISSING_TRANSITION_TARGET',
    text: `{"StartAt": "P", "States": {
      "P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "PipelineFailed"}]}}}]},
      "PipelineFailed": {"Type": "Fail"}}}`,
  },
  {
    name: 'the same state name in two branches',
    code: 'DUPLICATE_STATE_NAME',
    text: `{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
      {"StartAt": "Add", "States": {"Add": {"Type": "Pass", "End": true}}},
      {"StartAt": "Add", "States": {"Add": {"Type": "Pass", "End": true}}}]}}}`,
  },
  {
    name: 'a state no transition reaches',
    code: 'UNREACHABLE_STATE',
    text: '{"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}}}',
  },
  {
    name: 'no terminal state',
    code: 'MISSING_END_STATE',
    text: '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}}',
  },
  {
    name: 'a Task with neither Next nor End',
    code: 'MISSING_NEXT_OR_END',
    text: '{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke"}}}',
  },
  {
    name: 'a Choice state with End',
    code: 'TRANSITION_NOT_ALLOWED',
    text: `{"StartAt": "C", "States": {"C": {"Type": "Choice", "End": true,
      "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "S"}]}, "S": {"Type": "Succeed"}}}`,
  },
  {
    name: 'a Task without Resource',
    code: 'MISSING_FIELD',
    text: '{"StartAt": "A", "States": {"A": {"Type": "Task", "End": true}}}',
  },
  {
    name: 'an unknown state type',
    code: 'INVALID_STATE_TYPE',
    text: '{"StartAt": "A", "States": {"A": {"Type": "Lambda", "End": true}}}',
  },
  {
    name: 'a field the state type does not have',
    code: 'UNKNOWN_FIELD',
    text: '{"StartAt": "A", "States": {"A": {"Type": "Succeed", "Result": 1}}}',
  },
  {
    name: 'States.ALL together with another error name',
    code: 'INVALID_ERROR_EQUALS',
    text: `{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "End": true, "Retry": [{"ErrorEquals": ["States.ALL", "States.Timeout"]}]}}}`,
  },
  {
    name: 'a retrier after the States.ALL retrier',
    code: 'STATES_ALL_NOT_LAST',
    text: `{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "End": true, "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["States.Timeout"]}]}}}`,
  },
  {
    name: 'BackoffRate below 1',
    code: 'INVALID_FIELD_VALUE',
    text: `{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "End": true, "Retry": [{"ErrorEquals": ["States.Timeout"], "BackoffRate": 0.5}]}}}`,
  },
  {
    name: 'a Wait state with Seconds and Timestamp',
    code: 'INVALID_WAIT',
    text: `{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5,
      "Timestamp": "2026-01-01T00:00:00Z", "End": true}}}`,
  },
  {
    name: 'a Fail state with Error and ErrorPath',
    code: 'EXCLUSIVE_FIELDS',
    text: '{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "ErrorPath": "$.e"}}}',
  },
  {
    name: 'a Map state with Iterator and ItemProcessor',
    code: 'EXCLUSIVE_FIELDS',
    text: `{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
      "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}},
      "ItemProcessor": {"StartAt": "J", "States": {"J": {"Type": "Succeed"}}}}}}`,
  },
  {
    name: 'Next inside a nested choice rule',
    code: 'NEXT_IN_NESTED_RULE',
    text: `{"StartAt": "C", "States": {"C": {"Type": "Choice", "Default": "S", "Choices": [
      {"Not": {"Variable": "$.type", "StringEquals": "Private", "Next": "S"}, "Next": "S"}]},
      "S": {"Type": "Succeed"}}}`,
  },
  {
    name: 'a numeric comparison with a string operand',
    code: 'INVALID_OPERAND',
    text: `{"StartAt": "C", "States": {"C": {"Type": "Choice", "Default": "S", "Choices": [
      {"Variable": "$.n", "NumericGreaterThan": "10", "Next": "S"}]}, "S": {"Type": "Succeed"}}}`,
  },
  {
    name: 'a timestamp comparison with a non-RFC 3339 timestamp',
    code: 'INVALID_TIMESTAMP',
    text: `{"StartAt": "C", "States": {"C": {"Type": "Choice", "Default": "S", "Choices": [
      {"Variable": "$.t", "TimestampEquals": "2016-03-14 01:59:00", "Next": "S"}]}, "S": {"Type": "Succeed"}}}`,
  },
  {
    name: 'InputPath in a JSONata state',
    code: 'FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE',
    text: `{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass",
      "InputPath": "$.a", "End": true}}}`,
  },
  {
    name: 'Arguments in a JSONPath state',
    code: 'FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE',
    text: `{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "Arguments": {"FunctionName": "f"}, "End": true}}}`,
  },
  {
    name: 'a JSONPath state in a JSONata machine',
    code: 'INVALID_QUERY_LANGUAGE',
    text: `{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass",
      "QueryLanguage": "JSONPath", "End": true}}}`,
  },
  {
    name: 'a JSONata syntax error',
    code: 'INVALID_JSONATA',
    text: `{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass",
      "Output": {"total": "{% $sum($states.input.items.price %}"}, "End": true}}}`,
  },
  {
    name: 'an unknown intrinsic function',
    code: 'INVALID_INTRINSIC',
    text: `{"StartAt": "A", "States": {"A": {"Type": "Pass",
      "Parameters": {"id.$": "States.Uuid()"}, "End": true}}}`,
  },
  {
    name: 'an intrinsic function with the wrong number of arguments',
    code: 'INVALID_INTRINSIC',
    text: `{"StartAt": "A", "States": {"A": {"Type": "Pass",
      "Parameters": {"parts.$": "States.ArrayPartition($.list)"}, "End": true}}}`,
  },
  {
    name: 'a .$ key whose value is not a path',
    code: 'INVALID_PATH',
    text: `{"StartAt": "A", "States": {"A": {"Type": "Pass",
      "Parameters": {"id.$": "id"}, "End": true}}}`,
  },
  {
    name: 'ResultPath into the context object',
    code: 'INVALID_REFERENCE_PATH',
    text: '{"StartAt": "A", "States": {"A": {"Type": "Pass", "ResultPath": "$$.Execution.Input", "End": true}}}',
  },
  {
    name: 'ResultPath with a wildcard',
    code: 'INVALID_REFERENCE_PATH',
    text: '{"StartAt": "A", "States": {"A": {"Type": "Pass", "ResultPath": "$.items[*]", "End": true}}}',
  },
  {
    name: 'a .sync integration in an Express workflow',
    code: 'EXPRESS_UNSUPPORTED',
    workflowType: 'EXPRESS',
    text: `{"StartAt": "A", "States": {"A": {"Type": "Task",
      "Resource": "arn:aws:states:::ecs:runTask.sync", "End": true}}}`,
  },
  {
    name: 'a callback task in an Express workflow',
    code: 'EXPRESS_UNSUPPORTED',
    workflowType: 'EXPRESS',
    text: `{"StartAt": "A", "States": {"A": {"Type": "Task",
      "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}}}`,
  },
  {
    name: 'a state name longer than 80 characters',
    code: 'INVALID_STATE_NAME',
    text: `{"StartAt": "${'N'.repeat(81)}", "States": {"${'N'.repeat(81)}": {"Type": "Succeed"}}}`,
  },
  {
    name: 'duplicate keys in the JSON text',
    code: 'DUPLICATE_KEY',
    text: '{"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "A": {"Type": "Succeed"}}}',
  },
  {
    name: 'a trailing comma',
    code: 'JSON_SYNTAX',
    text: '{"StartAt": "A", "States": {"A": {"Type": "Succeed"},}}',
  },
  {
    name: 'an invalid variable name in Assign',
    code: 'INVALID_VARIABLE_NAME',
    text: '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"my-var": 1}, "End": true}}}',
  },
  {
    name: 'a YAML definition with a missing target',
    code: 'MISSING_TRANSITION_TARGET',
    text: 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n',
  },
]

describe('definitions AWS rejects', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { diagnostics } = validateText(
      c.text,
      c.workflowType ? { workflowType: c.workflowType } : {},
    )
    const errors = diagnostics.filter((d) => d.severity === 'error')
    expect(errors.map((d) => d.code)).toContain(c.code)
    for (const d of errors) {
      // Every error says where it is, in words and in the text.
      expect(d.message.length).toBeGreaterThan(20)
      expect(d.range).toBeDefined()
    }
  })
})
