// testState: one state evaluated the way AWS's TestState API does it — the same executor as a
// run, with a trace attached that collects the intermediate values (inspectionData), Retry and
// Catch decided but not carried out (RETRIABLE / CAUGHT_ERROR).

import type { JsonValue, State, StateMachine } from '../asl/types'
import { isJsonObject } from '../asl/types'
import { VirtualClock } from './clock'
import type { CompiledMachine, CompiledState } from './compile'
import { compileLoneState, compileMachine } from './compile'
import { StateFailure } from './errors'
import type { StateOverride } from './execution'
import { decideRecovery, Execution, Frame, StateEnv } from './execution'
import type { MockedResponseEntry } from './mocks'
import { SeededRandom } from './random'
import { executionSetup, startTimeOf } from './run'
import type { Routine } from './scheduler'
import { isRoutine } from './scheduler'
import { Scope } from './scope'
import { runStateBody } from './states'
import type { InspectionData, TestStateOptions, TestStateResult } from './types'

export type TestStateTarget = State | { definition: StateMachine; stateName: string }

/** The inspectionData fields AWS reports for each state type (others are dropped). */
const REPORTED: Record<State['Type'], readonly (keyof InspectionData)[]> = {
  Pass: [
    'input',
    'afterInputPath',
    'afterParameters',
    'result',
    'afterResultSelector',
    'afterResultPath',
    'variables',
  ],
  Task: [
    'input',
    'afterInputPath',
    'afterParameters',
    'afterArguments',
    'result',
    'afterResultSelector',
    'afterResultPath',
    'variables',
    'errorDetails',
  ],
  Choice: ['input', 'afterInputPath', 'variables'],
  Wait: ['input', 'afterInputPath', 'variables'],
  Succeed: ['input', 'afterInputPath'],
  Fail: ['input', 'afterInputPath'],
  Parallel: ['input', 'afterResultSelector', 'afterResultPath', 'variables', 'errorDetails'],
  Map: [
    'input',
    'afterInputPath',
    'afterItemsPath',
    'afterItemSelector',
    'afterItemBatcher',
    'maxConcurrency',
    'toleratedFailureCount',
    'toleratedFailurePercentage',
    'afterResultSelector',
    'afterResultPath',
    'variables',
    'errorDetails',
  ],
}

function parseMockResult(result: string | JsonValue): JsonValue {
  if (typeof result !== 'string') return result
  try {
    return JSON.parse(result) as JsonValue
  } catch (error) {
    throw new Error(`The mock result is not valid JSON: ${(error as Error).message}`)
  }
}

/**
 * Evaluates one state like AWS's TestState API: `target` is a state definition, or a whole
 * machine and the name of one of its states.
 */
export async function testState(
  target: TestStateTarget,
  input: JsonValue = {},
  options: TestStateOptions = {},
): Promise<TestStateResult> {
  let machine: CompiledMachine
  let state: CompiledState
  if (isJsonObject(target) && 'definition' in target && 'stateName' in target) {
    const t = target as { definition: StateMachine; stateName: string }
    machine = compileMachine(t.definition)
    const found = machine.statesByName.get(t.stateName)
    if (!found) throw new Error(`The state machine has no state named '${t.stateName}'.`)
    state = found
  } else {
    machine = compileLoneState(target as State)
    state = machine.root.start
  }
  const mock = options.mock
  let entry: MockedResponseEntry | undefined
  if (mock?.result !== undefined) entry = { Return: parseMockResult(mock.result) }
  else if (mock?.errorOutput) {
    entry = { Throw: { Error: mock.errorOutput.error ?? '', Cause: mock.errorOutput.cause } }
  }
  const config = options.stateConfiguration ?? {}
  const override: StateOverride = {
    stateName: state.name,
    entry,
    errorCausedByState: config.errorCausedByState,
    mapIterationFailureCount: config.mapIterationFailureCount,
    mapItemReaderData:
      config.mapItemReaderData === undefined ? undefined : config.mapItemReaderData,
  }
  const clock = new VirtualClock(startTimeOf(options.startTime))
  const random = new SeededRandom(options.seed ?? 0)
  const x = new Execution({
    ...executionSetup(
      machine,
      input,
      {
        workflowType: 'EXPRESS',
        accountId: options.accountId,
        region: options.region,
        partition: options.partition,
        mocks: options.mocks,
      },
      clock,
      random,
      clock.now() + 365 * 24 * 3600 * 1000,
    ),
    stateOverride: override,
    contextReplacement: options.context,
    contextStateName: 'StateName',
    roleArn: options.roleArn ?? null,
  })
  const scheduler = x.scheduler
  const scope = new Scope(null)
  if (options.variables) scope.assign(options.variables)
  const frame = Frame.root(scope, undefined, x.counter)
  const trace: InspectionData = {}
  if (options.variables && Object.keys(options.variables).length) {
    trace.variables = options.variables
  }
  frame.trace = trace
  frame.fiber = scheduler.createRoot(
    run(x, frame, state, input, config.retrierRetryCount ?? 0),
    frame,
  )
  const outcome = await scheduler.run()
  if (!outcome.ok) throw outcome.value
  const result = outcome.value as TestStateResult
  if (options.inspectionLevel === 'DEBUG' || options.inspectionLevel === 'TRACE') {
    const data: InspectionData = {}
    for (const key of REPORTED[state.type]) {
      if (trace[key] !== undefined) (data as Record<string, unknown>)[key] = trace[key]
    }
    result.inspectionData = data
  }
  return result
}

function* run(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  input: JsonValue,
  retrierRetryCount: number,
): Routine<TestStateResult> {
  const trace = frame.trace!
  trace.input = input
  const enteredId = x.stateEntered(frame, state, input)
  const env = new StateEnv(x, frame, state, x.clock.now(), enteredId)
  frame.next = state.next
  let failure: StateFailure
  try {
    const body = runStateBody(x, frame, state, env, input)
    const output = isRoutine(body) ? yield* body : body
    if (output instanceof StateFailure) throw output
    const result: TestStateResult = { status: 'SUCCEEDED', output }
    if (frame.next) result.nextState = frame.next.name
    return result
  } catch (thrown) {
    failure = x.toFailure(frame, state, env, thrown)
  }
  const failed = (): TestStateResult => {
    const r: TestStateResult = { status: 'FAILED' }
    if (failure.error !== undefined) r.error = failure.error
    if (failure.cause !== undefined) r.cause = failure.cause
    return r
  }
  if (!state.canRecover || failure.terminal) return failed()
  const counts = state.retriers.map(() => retrierRetryCount)
  const decision = decideRecovery(state, failure, counts, x.runtime.random)
  if (decision.kind === 'retry') {
    trace.errorDetails = {
      retryBackoffIntervalSeconds: decision.delayMs / 1000,
      retryIndex: decision.index,
    }
    return { ...failed(), status: 'RETRIABLE' }
  }
  if (decision.kind === 'catch') {
    const catcher = state.catchers[decision.index]!
    trace.errorDetails = { catchIndex: decision.index }
    const step = x.applyCatch(frame, state, env, input, failure, catcher.def)
    const output = isRoutine(step) ? yield* step : step
    return { ...failed(), status: 'CAUGHT_ERROR', output, nextState: catcher.next.name }
  }
  if (decision.retryIndex !== undefined) trace.errorDetails = { retryIndex: decision.retryIndex }
  return failed()
}
