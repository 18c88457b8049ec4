// The Parallel state: every branch is a fiber with its own variable scope; the first branch to
// fail stops the others (they are reported aborted) and its error becomes the state's error.

import type { JsonValue, ParallelState } from '../../asl/types'
import type { CompiledState } from '../compile'
import type { StateFailure } from '../errors'
import { asStateFailure } from '../errors'
import type { Execution, Frame, StateEnv } from '../execution'
import type { ChildListener, Fiber, Routine, Step } from '../scheduler'
import { FiberGroup, isRoutine, joinAll, toRoutine } from '../scheduler'
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
  const path = x.eventPath(frame, state)
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

/** The branches of one Parallel run: their results and the first failure. */
class BranchRun implements ChildListener {
  readonly results: JsonValue[]
  failure: StateFailure | null = null
  lastEventId: number
  group: FiberGroup
  constructor(
    readonly x: Execution,
    frame: Frame,
    count: number,
  ) {
    this.results = new Array<JsonValue>(count)
    this.lastEventId = frame.lastEventId
    this.group = x.scheduler.group(frame.fiber!, this)
    x.keepShape(BranchRun, this)
    x.keepShape(FiberGroup, this.group)
  }

  childExited(child: Fiber, ok: boolean, value: unknown): void {
    this.done(child.local as Frame, child.index, ok, value)
  }

  done(childFrame: Frame, index: number, ok: boolean, value: unknown): void {
    if (childFrame.lastEventId > this.lastEventId) this.lastEventId = childFrame.lastEventId
    if (ok) this.results[index] = value as JsonValue
    else if (!this.failure) {
      this.failure = asStateFailure(value)
      this.x.scheduler.cancelGroup(this.group)
    }
  }
}

function* runBranches(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  input: JsonValue,
): Routine<JsonValue> {
  const branches = state.branches
  const run = new BranchRun(x, frame, branches.length)
  for (let i = 0; i < branches.length && !run.failure; i++) {
    const childFrame = frame.branch(state.name, i)
    // A branch runs synchronously until it has to wait; only then does it get a fiber.
    let step: Step<JsonValue>
    try {
      x.scheduler.inline++
      step = x.runMachine(childFrame, branches[i]!, input)
    } catch (error) {
      run.done(childFrame, i, false, error)
      continue
    } finally {
      x.scheduler.inline--
    }
    if (isRoutine(step)) childFrame.fiber = x.scheduler.spawn(run.group, step, i, childFrame)
    else run.done(childFrame, i, true, step)
  }
  if (run.group.active > 0) yield joinAll(run.group)
  frame.lastEventId = run.lastEventId
  if (run.failure) throw run.failure
  return run.results
}
