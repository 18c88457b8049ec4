// The Parallel state: every branch is a fiber with its own variable scope; the first branch to
// fail stops the others (they are reported aborted) and its error becomes the state's error.

import type { JsonValue, ParallelState } from '../../asl/types'
import type { CompiledState } from '../compile'
import type { StateFailure } from '../errors'
import { asStateFailure } from '../errors'
import type { Execution, Frame, StateEnv } from '../execution'
import type { Routine, Step } from '../scheduler'
import { isRoutine, joinAll, toRoutine } from '../scheduler'
import { Binding, inputPath, parameters, processResult } from './common'
import { mockedStateResult } from './mocked'

export function* runParallel(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  input: JsonValue,
): Routine<JsonValue> {
  const def = state.def as ParallelState
  const trace = frame.trace
  if (trace) trace.input = input
  let branchInput: JsonValue
  if (state.language === 'JSONata') {
    branchInput =
      def.Arguments === undefined
        ? input
        : yield* x.jsonata(def.Arguments, new Binding(input, env), env, 'Arguments')
  } else {
    // AWS's TestState reports neither afterInputPath nor afterParameters for Parallel.
    frame.trace = null
    branchInput = parameters(def.Parameters, inputPath(def, input, env, frame), env, frame)
    frame.trace = trace
  }
  x.checkPayload(state, branchInput, 'input')
  const path = x.statePath(frame, state)
  x.event(frame, 'ParallelStateStarted', path)
  const mocked = mockedStateResult(x, state)
  let result: JsonValue
  if (mocked !== undefined) {
    result = mocked
  } else {
    result = yield* runBranches(x, frame, state, branchInput)
  }
  x.event(frame, 'ParallelStateSucceeded', path)
  return yield* toRoutine(processResult(x, frame, state, env, input, result))
}

function* runBranches(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  input: JsonValue,
): Routine<JsonValue> {
  const branches = state.branches
  const results: JsonValue[] = new Array<JsonValue>(branches.length)
  let failure = null as StateFailure | null
  let lastEventId = frame.lastEventId
  const done = (childFrame: Frame, index: number, ok: boolean, value: unknown) => {
    if (childFrame.lastEventId > lastEventId) lastEventId = childFrame.lastEventId
    if (ok) results[index] = value as JsonValue
    else if (!failure) {
      failure = asStateFailure(value)
      x.scheduler.cancelGroup(group)
    }
  }
  const group = x.scheduler.group(frame.fiber!, (child, ok, value) =>
    done(child.local as Frame, child.index, ok, value),
  )
  for (let i = 0; i < branches.length && !failure; i++) {
    const childFrame = frame.branch(state.name, i)
    // A branch runs synchronously until it has to wait; only then does it get a fiber.
    let step: Step<JsonValue>
    try {
      x.scheduler.inline++
      step = x.runMachine(childFrame, branches[i]!, input)
    } catch (error) {
      done(childFrame, i, false, error)
      continue
    } finally {
      x.scheduler.inline--
    }
    if (isRoutine(step)) childFrame.fiber = x.scheduler.spawn(group, step, i, childFrame)
    else done(childFrame, i, true, step)
  }
  if (group.active > 0) yield joinAll(group)
  frame.lastEventId = lastEventId
  if (failure) throw failure
  return results
}
