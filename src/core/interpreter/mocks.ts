// Mocked Task results. The file format is AWS Step Functions Local's MockConfigFile.json,
// read and written unchanged:
//
//   { "StateMachines": { "<machine>": { "TestCases": { "<case>": { "<TaskState>": "<response>" } } } },
//     "MockedResponses": { "<response>": { "0": { "Return": … }, "1-2": { "Throw": { "Error", "Cause" } } } } }
//
// Responses are picked per invocation of the state, counting every attempt (retries included),
// from 0. Any Task resource is mocked the same way (Lambda, .sync, .waitForTaskToken, aws-sdk,
// HTTP, Activity). A Map state with an ItemReader takes its reader data from the response mapped
// to the Map state's name: `Return` is the object body as a string (JSON, JSONL or CSV, per
// ReaderConfig) or the item array itself.
//
// Stepwise extensions are optional keys under "Stepwise", which Step Functions Local ignores:
//   - in a response entry: "Stepwise": { "DurationSeconds": 30 } — how long the call takes on the
//     virtual clock (so TimeoutSeconds / HeartbeatSeconds can fire);
//   - at the top level: "Stepwise": { "UnmappedTasks": "fail" | "passthrough" } — what a Task
//     with no mock does (default "fail").

import type { JsonValue } from '../asl/types'
import { isJsonObject } from '../asl/types'

export interface MockConfigFile {
  StateMachines?: Record<string, MockedStateMachine>
  MockedResponses?: Record<string, MockedResponse>
  Stepwise?: { UnmappedTasks?: UnmappedTaskPolicy }
}

export interface MockedStateMachine {
  /** Test case name → (state name → MockedResponses key). */
  TestCases: Record<string, Record<string, string>>
}

/** Invocation numbers ("0", "1-2", …) → what that invocation returns. */
export type MockedResponse = Record<string, MockedResponseEntry>

export interface MockedResponseEntry {
  Return?: JsonValue
  Throw?: { Error: string; Cause?: string }
  /** Stepwise extension: how the call behaves on the virtual clock. */
  Stepwise?: { DurationSeconds?: number }
}

/**
 * What a Task with no mock does: `fail` ends the execution with Stepwise.MockNotFound naming the
 * state (a test should not silently pass through an unmocked call); `passthrough` returns the
 * Task's input as its result, which is handy while sketching a workflow.
 */
export type UnmappedTaskPolicy = 'fail' | 'passthrough'

export interface MockConfigProblem {
  /** Where in the file, e.g. `MockedResponses.LambdaOk["1-2"].Throw.Error`. */
  path: string
  message: string
}

export class MockConfigError extends Error {
  constructor(readonly problems: MockConfigProblem[]) {
    super(
      'Invalid MockConfigFile:\n' +
        problems.map((p) => `  ${p.path || '(file)'}: ${p.message}`).join('\n'),
    )
    this.name = 'MockConfigError'
  }
}

const RANGE = /^(\d+)(?:-(\d+))?$/

function keyPath(base: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`
}

/** Parses and validates a MockConfigFile (text or parsed JSON); throws MockConfigError. */
export function parseMockConfig(source: string | JsonValue): MockConfigFile {
  let value: JsonValue
  if (typeof source === 'string') {
    try {
      value = JSON.parse(source) as JsonValue
    } catch (error) {
      throw new MockConfigError([
        { path: '', message: `not valid JSON: ${(error as Error).message}` },
      ])
    }
  } else {
    value = source
  }
  const problems: MockConfigProblem[] = []
  const problem = (path: string, message: string) => problems.push({ path, message })
  if (!isJsonObject(value)) {
    throw new MockConfigError([{ path: '', message: 'must be a JSON object' }])
  }
  for (const key of Object.keys(value)) {
    if (key !== 'StateMachines' && key !== 'MockedResponses' && key !== 'Stepwise') {
      problem(key, 'unknown field (expected StateMachines, MockedResponses or Stepwise)')
    }
  }
  const responses = value.MockedResponses
  const responseNames = new Set<string>()
  if (responses !== undefined) {
    if (!isJsonObject(responses)) problem('MockedResponses', 'must be an object')
    else {
      for (const [name, response] of Object.entries(responses)) {
        responseNames.add(name)
        validateResponse(keyPath('MockedResponses', name), response, problem)
      }
    }
  }
  const machines = value.StateMachines
  if (machines !== undefined) {
    if (!isJsonObject(machines)) problem('StateMachines', 'must be an object')
    else {
      for (const [machineName, machine] of Object.entries(machines)) {
        const mPath = keyPath('StateMachines', machineName)
        if (!isJsonObject(machine)) {
          problem(mPath, 'must be an object with TestCases')
          continue
        }
        const cases = machine.TestCases
        if (!isJsonObject(cases)) {
          problem(`${mPath}.TestCases`, 'must be an object (test case name → state mocks)')
          continue
        }
        for (const [caseName, mapping] of Object.entries(cases)) {
          const cPath = keyPath(`${mPath}.TestCases`, caseName)
          if (!isJsonObject(mapping)) {
            problem(cPath, 'must be an object (state name → mocked response name)')
            continue
          }
          for (const [stateName, responseName] of Object.entries(mapping)) {
            const sPath = keyPath(cPath, stateName)
            if (typeof responseName !== 'string') {
              problem(sPath, 'must be the name of a MockedResponses entry')
            } else if (!responseNames.has(responseName)) {
              problem(sPath, `refers to MockedResponses.${responseName}, which is not defined`)
            }
          }
        }
      }
    }
  }
  const ext = value.Stepwise
  if (ext !== undefined) {
    if (!isJsonObject(ext)) problem('Stepwise', 'must be an object')
    else if (
      ext.UnmappedTasks !== undefined &&
      ext.UnmappedTasks !== 'fail' &&
      ext.UnmappedTasks !== 'passthrough'
    ) {
      problem('Stepwise.UnmappedTasks', 'must be "fail" or "passthrough"')
    }
  }
  if (problems.length) throw new MockConfigError(problems)
  return value as unknown as MockConfigFile
}

function validateResponse(
  path: string,
  response: JsonValue,
  problem: (path: string, message: string) => void,
): void {
  if (!isJsonObject(response)) {
    problem(path, 'must be an object of invocation numbers ("0", "1-2", …) to Return/Throw')
    return
  }
  const ranges: [number, number, string][] = []
  for (const [key, entry] of Object.entries(response)) {
    const ePath = keyPath(path, key)
    const m = RANGE.exec(key)
    if (!m) {
      problem(ePath, 'the key must be an invocation number ("0") or range ("1-2")')
      continue
    }
    const from = Number(m[1])
    const to = m[2] === undefined ? from : Number(m[2])
    if (to < from) problem(ePath, `the range ends before it starts`)
    for (const [a, b, other] of ranges) {
      if (from <= b && a <= to) problem(ePath, `overlaps the invocations of "${other}"`)
    }
    ranges.push([from, to, key])
    if (!isJsonObject(entry)) {
      problem(ePath, 'must be an object with Return or Throw')
      continue
    }
    const hasReturn = 'Return' in entry
    const hasThrow = 'Throw' in entry
    if (hasReturn === hasThrow) problem(ePath, 'must have exactly one of Return and Throw')
    for (const k of Object.keys(entry)) {
      if (k !== 'Return' && k !== 'Throw' && k !== 'Stepwise') {
        problem(keyPath(ePath, k), 'unknown field (expected Return, Throw or Stepwise)')
      }
    }
    if (hasThrow) {
      const t = entry.Throw
      if (!isJsonObject(t)) problem(`${ePath}.Throw`, 'must be an object with Error and Cause')
      else {
        if (typeof t.Error !== 'string') problem(`${ePath}.Throw.Error`, 'must be a string')
        if (t.Cause !== undefined && typeof t.Cause !== 'string') {
          problem(`${ePath}.Throw.Cause`, 'must be a string')
        }
      }
    }
    const ext = entry.Stepwise
    if (ext !== undefined) {
      if (!isJsonObject(ext)) problem(`${ePath}.Stepwise`, 'must be an object')
      else if (
        ext.DurationSeconds !== undefined &&
        (typeof ext.DurationSeconds !== 'number' || !(ext.DurationSeconds >= 0))
      ) {
        problem(`${ePath}.Stepwise.DurationSeconds`, 'must be a number of seconds ≥ 0')
      }
    }
  }
}

/** The test case names of one state machine in the file, in file order. */
export function mockTestCases(config: MockConfigFile, stateMachineName: string): string[] {
  const machine = config.StateMachines?.[stateMachineName]
  return machine ? Object.keys(machine.TestCases) : []
}

/** The entry used for the given 0-based invocation, or undefined past the last range. */
export function responseForInvocation(
  response: MockedResponse,
  invocation: number,
): MockedResponseEntry | undefined {
  for (const key in response) {
    const m = RANGE.exec(key)
    if (!m) continue
    const from = Number(m[1])
    const to = m[2] === undefined ? from : Number(m[2])
    if (invocation >= from && invocation <= to) return response[key]
  }
  return undefined
}

/** One call to a mocked resource, as a programmatic mock handler sees it. */
export interface TaskCall {
  /** The Task (or Map, for ItemReader data) state's name. */
  stateName: string
  statePath: readonly (string | number)[]
  resource: string
  /** The effective task input (after Parameters/Arguments). */
  input: JsonValue
  /** 0-based count of this state's invocations in the execution, retries included. */
  invocation: number
  /** What is asked: a Task's result, or a Map's ItemReader data. */
  purpose: 'task' | 'itemReader'
}

export type MockFunction = (input: JsonValue) => unknown

export interface MockOptions {
  /** A parsed MockConfigFile; `stateMachineName` and `testCase` select the mapping. */
  config?: MockConfigFile
  stateMachineName?: string
  testCase?: string
  /** Resource ARN → function returning the result (or throwing an Error whose .name is the ASL error). */
  functions?: Record<string, MockFunction>
  /** Any call: return a response entry, or undefined when this handler does not mock it. */
  handler?: (
    call: TaskCall,
  ) => MockedResponseEntry | undefined | PromiseLike<MockedResponseEntry | undefined>
  /** What a Task with no mock does (default: the file's Stepwise.UnmappedTasks, else "fail"). */
  unmappedTasks?: UnmappedTaskPolicy
}

/** Checks that the selected test case exists; returns its state → response mapping. */
export function selectTestCase(
  config: MockConfigFile,
  stateMachineName: string | undefined,
  testCase: string | undefined,
): Record<string, string> | undefined {
  if (testCase === undefined) return undefined
  const machines = config.StateMachines ?? {}
  const names = Object.keys(machines)
  const name = stateMachineName ?? (names.length === 1 ? names[0] : undefined)
  if (name === undefined) {
    throw new Error(
      `Choose the state machine of the MockConfigFile (one of: ${names.join(', ') || 'none'}) to use test case '${testCase}'.`,
    )
  }
  const machine = machines[name]
  if (!machine) {
    throw new Error(
      `The MockConfigFile has no state machine '${name}' (it has: ${names.join(', ') || 'none'}).`,
    )
  }
  const mapping = machine.TestCases[testCase]
  if (!mapping) {
    throw new Error(
      `State machine '${name}' has no test case '${testCase}' in the MockConfigFile (it has: ${Object.keys(machine.TestCases).join(', ') || 'none'}).`,
    )
  }
  return mapping
}
