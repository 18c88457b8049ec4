// Shared test fixtures for the graph model's tests.
import { expect } from 'vitest'
import type { JsonObject } from '../../asl/types'
import { firstDifference } from '../jsonDiff'
import type { WorkflowGraph } from '../model'
import { aslToGraph, graphToAsl } from '../model'

/** Asserts an exact round trip, key order included, with a readable failure. */
export function expectRoundTrip(
  definition: JsonObject,
  graph: WorkflowGraph = aslToGraph(definition),
) {
  const back = graphToAsl(graph)
  expect(firstDifference(definition, back)).toBeUndefined()
  expect(JSON.stringify(back)).toBe(JSON.stringify(definition))
}

export const sample: JsonObject = {
  Comment: 'Orders',
  QueryLanguage: 'JSONPath',
  StartAt: 'Validate',
  TimeoutSeconds: 300,
  States: {
    Validate: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'validate', 'Payload.$': '$' },
      Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 3 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }],
      Next: 'Route',
    },
    Route: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.total', NumericGreaterThan: 100, Next: 'Fan out' },
        { Not: { Variable: '$.vip', IsPresent: true }, Next: 'Each item' },
      ],
      Default: 'Done',
    },
    'Fan out': {
      Type: 'Parallel',
      Comment: 'branches before Next',
      Branches: [
        {
          StartAt: 'Charge',
          States: {
            Charge: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true },
          },
        },
        {
          Comment: 'second',
          StartAt: 'Notify',
          States: {
            Notify: { Type: 'Pass', Next: 'Notified' },
            Notified: { Type: 'Succeed' },
          },
        },
      ],
      ResultPath: '$.parallel',
      Next: 'Done',
    },
    'Each item': {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
        StartAt: 'Process',
        States: { Process: { Type: 'Pass', End: true } },
        XUnknown: 1,
      },
      MaxConcurrency: 5,
      Next: 'Done',
    },
    Done: { Type: 'Succeed', XFuture: { deep: [1, 2] } },
    Failed: { Type: 'Fail', Error: 'Boom', Cause: 'it broke' },
  },
  XTopLevelUnknown: true,
}
