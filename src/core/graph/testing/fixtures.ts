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

/** Freezes a value and everything in it, so any mutation by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
  }
  return value
}

/** The id of the (first) state with that name; fails the test when there is none. */
export function idOf(graph: WorkflowGraph, name: string): string {
  const state = Object.values(graph.states).find((s) => s.name === name)
  expect(state, `state '${name}'`).toBeDefined()
  return state!.id
}

/** The ASL of a graph's states object at the top level. */
export function topStates(graph: WorkflowGraph): JsonObject {
  return graphToAsl(graph).States as JsonObject
}

/**
 * The graph is what reading its own ASL gives (with itself as `previous`, so ids match): no
 * command leaves a structure the document cannot express, a stale parent, or a misplaced key.
 */
export function expectConsistent(graph: WorkflowGraph) {
  const asl = graphToAsl(graph)
  expectRoundTrip(asl)
  const reread = aslToGraph(asl, { previous: graph })
  expect(reread.states).toEqual(graph.states)
  expect(reread.scopes).toEqual(graph.scopes)
}
