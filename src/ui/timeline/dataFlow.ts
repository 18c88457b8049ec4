// The data flow of one state visit, for the details pane: input → after InputPath → after
// Parameters/Arguments → task result → after ResultSelector → after ResultPath → output, the
// variables it assigned, and for a failed attempt which retrier or catcher handled it.
//
// The values come from the interpreter itself: `testState` (AWS's TestState semantics, the same
// executors a run uses) replays the ONE state with DEBUG inspection, fed with what the history
// recorded — the state's input, the task result or error of the attempt, the variables and the
// context object of that moment. That is exact (the same code) and cheap (one state, on demand,
// only for the event the user looks at), where recording every intermediate value of every
// state during a run would multiply the memory of a 100,000-event run. The replayed output is
// checked against the recorded one, so a definition edited since the run is flagged instead of
// silently showing values the run never had.

import type { JsonObject, JsonValue, StateMachine } from '../../core/asl/types'
import { isJsonObject } from '../../core/asl/types'
import type {
  HistoryEvent,
  InspectionData,
  TestStateOptions,
  TestStateResult,
} from '../../core/interpreter'
import { testState } from '../../core/interpreter'
import type { HistoryIndex, Visit } from './historyIndex'

export interface FlowStep {
  key: string
  label: string
  value: JsonValue
  /** Paths (JSON-encoded arrays) of what differs from the previous step; null = all new. */
  changed: ReadonlySet<string> | null
  /** Identical to the previous step. */
  same: boolean
}

export type Handler =
  | {
      kind: 'retrier'
      index: number
      errorEquals: string[]
      /** Which retry this failure leads to (1-based) and the retrier's MaxAttempts. */
      attempt: number
      maxAttempts: number
      /** Virtual back-off before the next attempt, from the history's timestamps (ms). */
      backoffMs: number | null
    }
  | { kind: 'catcher'; index: number; errorEquals: string[]; next: string | null }
  | { kind: 'none' }

export interface AttemptFailure {
  event: number
  error: string | undefined
  cause: string | undefined
  handler: Handler
}

export interface VisitFlow {
  steps: FlowStep[]
  /** Variables the state assigned (from the StateExited event), parsed. */
  assigned: JsonObject | null
  /** The failure of the attempt in focus (a failure event, or the visit's final failure). */
  failure: AttemptFailure | null
  /** The replay gave the recorded result. */
  exact: boolean
  note: string | null
}

export interface RunContextInfo {
  executionArn: string | null
  stateMachineName: string | null
  workflowType: 'STANDARD' | 'EXPRESS'
  /** The run's context overrides (merged over the reconstructed context object). */
  contextOverrides: JsonObject | null
}

// ---------------------------------------------------------------------------------------------
// Pure helpers

export function parseJson(text: string | undefined): JsonValue | undefined {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text) as JsonValue
  } catch {
    return text
  }
}

export function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true
  if (typeof a !== typeof b || a === null || b === null || a === undefined || b === undefined) {
    return false
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    return a.every((item, i) => deepEqual(item, b[i]))
  }
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false
    const keys = Object.keys(a)
    if (keys.length !== Object.keys(b).length) return false
    return keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
  }
  return false
}

/** A path in a JSON value, as the key used in change sets. */
export function pathId(path: readonly (string | number)[]): string {
  return JSON.stringify(path)
}

/**
 * Paths of `after` that are new or changed relative to `before` (containers whose content
 * changed are included, so a tree can show where to look). The root `[]` is included when
 * anything changed.
 */
export function changedPaths(before: JsonValue | undefined, after: JsonValue): Set<string> {
  const changed = new Set<string>()
  const visit = (b: JsonValue | undefined, a: JsonValue, path: (string | number)[]): boolean => {
    if (deepEqual(b, a)) return false
    let any = false
    if (Array.isArray(a) && Array.isArray(b)) {
      a.forEach((item, i) => {
        if (visit(b[i], item, [...path, i])) any = true
      })
      if (a.length !== b.length) any = true
    } else if (isJsonObject(a) && isJsonObject(b)) {
      for (const [k, item] of Object.entries(a)) {
        if (visit(b[k], item, [...path, k])) any = true
      }
      if (Object.keys(b).some((k) => !Object.hasOwn(a, k))) any = true
    } else {
      any = true
      markAll(a, path, changed)
    }
    if (any) changed.add(pathId(path))
    return any
  }
  visit(before, after, [])
  return changed
}

function markAll(value: JsonValue, path: (string | number)[], into: Set<string>) {
  into.add(pathId(path))
  if (Array.isArray(value)) value.forEach((item, i) => markAll(item, [...path, i], into))
  else if (isJsonObject(value)) {
    for (const [k, item] of Object.entries(value)) markAll(item, [...path, k], into)
  }
}

type StepKey = keyof InspectionData | 'output'

/**
 * The steps in pipeline order, each compared with the value it was made from: Parameters build
 * on the effective input, ResultPath merges the result into the state's raw input, OutputPath
 * filters that. A task result is new data, compared with nothing.
 */
const STEP_ORDER: { key: StepKey; label: string; base: StepKey[] | null }[] = [
  { key: 'input', label: 'Input', base: [] },
  { key: 'afterInputPath', label: 'After InputPath', base: ['input'] },
  { key: 'afterItemsPath', label: 'After ItemsPath', base: ['afterInputPath', 'input'] },
  { key: 'afterItemSelector', label: 'After ItemSelector', base: ['afterItemsPath'] },
  {
    key: 'afterItemBatcher',
    label: 'After ItemBatcher',
    base: ['afterItemSelector', 'afterItemsPath'],
  },
  { key: 'afterParameters', label: 'After Parameters', base: ['afterInputPath', 'input'] },
  { key: 'afterArguments', label: 'After Arguments', base: ['afterInputPath', 'input'] },
  { key: 'result', label: 'Result', base: null },
  { key: 'afterResultSelector', label: 'After ResultSelector', base: ['result'] },
  { key: 'afterResultPath', label: 'After ResultPath', base: ['input'] },
  {
    key: 'output',
    label: 'Output (after OutputPath)',
    base: ['afterResultPath', 'afterResultSelector', 'result', 'afterInputPath', 'input'],
  },
]

function resultLabel(stateType: string): string {
  switch (stateType) {
    case 'Task':
      return 'Task result'
    case 'Map':
      return 'Iteration results'
    case 'Parallel':
      return 'Branch results'
    default:
      return 'Result'
  }
}

/** Steps from inspection data, each marked with what changed relative to what it was made from. */
export function flowSteps(
  stateType: string,
  data: InspectionData,
  output: JsonValue | undefined,
): FlowStep[] {
  const steps: FlowStep[] = []
  const values = new Map<StepKey, JsonValue>()
  for (const step of STEP_ORDER) {
    const value = step.key === 'output' ? output : (data[step.key] as JsonValue | undefined)
    if (value === undefined) continue
    values.set(step.key, value)
    const baseKey = step.base?.find((k) => values.has(k))
    const base = baseKey === undefined ? undefined : values.get(baseKey)
    steps.push({
      key: step.key,
      label: step.key === 'result' ? resultLabel(stateType) : step.label,
      value,
      changed:
        step.base === null ? null : baseKey === undefined ? new Set() : changedPaths(base, value),
      same: baseKey !== undefined && deepEqual(base, value),
    })
  }
  return steps
}

function detailsOf(event: HistoryEvent): Record<string, unknown> | undefined {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && typeof value === 'object' && value !== null) {
      return value as Record<string, unknown>
    }
  }
  return undefined
}

/** Error and cause of a failure event. */
export function errorOf(event: HistoryEvent): { error?: string; cause?: string } {
  const details = detailsOf(event)
  const result: { error?: string; cause?: string } = {}
  if (typeof details?.error === 'string') result.error = details.error
  if (typeof details?.cause === 'string') result.cause = details.cause
  return result
}

const SUCCESS_TYPES = new Set(['TaskSucceeded', 'LambdaFunctionSucceeded', 'ActivitySucceeded'])

/** The task result the attempt got: the last success event of the visit (before `before`). */
function taskResultOf(index: HistoryIndex, visit: Visit, before: number): JsonValue | undefined {
  const group = index.groups[visit.group]!
  let result: JsonValue | undefined
  for (const item of group.items) {
    if (item < 0 || item > before) continue
    const event = index.events[item]!
    if (SUCCESS_TYPES.has(event.type)) {
      result = parseJson(detailsOf(event)?.output as string | undefined)
    }
  }
  return result
}

/** The outputs of a Map's iterations or a Parallel's branches, in index order. */
function childResults(index: HistoryIndex, visit: Visit): JsonValue[] {
  const group = index.groups[visit.group]!
  const results: { index: number; value: JsonValue }[] = []
  for (const item of group.items) {
    if (item >= 0) continue
    const child = index.groups[-item - 1]!
    if (child.kind !== 'iteration' && child.kind !== 'branch') continue
    // The iteration's output is its last state's output (or the error of a tolerated failure).
    let value: JsonValue = null
    for (const sub of child.items) {
      if (sub >= 0) continue
      const v = index.groups[-sub - 1]!
      if (v.visit < 0) continue
      const inner = index.visits[v.visit]!
      if (inner.exited >= 0) {
        const exited = index.events[inner.exited]!
        value = parseJson(detailsOf(exited)?.output as string | undefined) ?? null
      } else if (inner.failures.length > 0) {
        const { error, cause } = errorOf(index.events[inner.failures.at(-1)!]!)
        value = { Error: error ?? null, Cause: cause ?? null }
      }
    }
    results.push({ index: child.index, value })
  }
  return results.sort((a, b) => a.index - b.index).map((r) => r.value)
}

/**
 * Variables in scope when a visit started: what earlier states of its frame assigned, and those
 * of the enclosing frames up to where the Map/Parallel was entered (inner scopes see outer
 * variables; assignments inside an iteration are not visible outside).
 */
export function variablesInScope(index: HistoryIndex, visit: Visit): JsonObject {
  const chain: { frame: number; before: number }[] = []
  let current: Visit | undefined = visit
  while (current) {
    const frame = index.groups[current.group]!.parent
    chain.unshift({ frame, before: current.entered })
    current = current.parentVisit >= 0 ? index.visits[current.parentVisit] : undefined
  }
  const variables: JsonObject = {}
  // Only the visits that assigned anything are looked at (a loop of 50,000 visits may hold none).
  for (const { frame, before } of chain) {
    for (const visitId of index.assigningVisits.get(frame) ?? []) {
      const v = index.visits[visitId]!
      if (v.exited >= before) break
      const exited = index.events[v.exited]!
      const assigned = detailsOf(exited)?.assignedVariables as Record<string, string> | undefined
      if (!assigned) continue
      for (const [name, text] of Object.entries(assigned)) {
        variables[name] = parseJson(text) ?? null
      }
    }
  }
  return variables
}

export function assignedBy(index: HistoryIndex, visit: Visit): JsonObject | null {
  if (visit.exited < 0) return null
  const assigned = detailsOf(index.events[visit.exited]!)?.assignedVariables as
    Record<string, string> | undefined
  if (!assigned) return null
  const result: JsonObject = {}
  for (const [name, text] of Object.entries(assigned)) result[name] = parseJson(text) ?? null
  return result
}

/** The context object ($$) the state saw, rebuilt from the history and the run. */
export function contextFor(
  index: HistoryIndex,
  visit: Visit,
  retryCount: number,
  run: RunContextInfo,
): JsonObject {
  const started = index.events[0]
  const details = started?.type === 'ExecutionStarted' ? started.executionStartedEventDetails : null
  const machineName = run.stateMachineName ?? 'StateMachine'
  const arn = run.executionArn
  // …:execution:<machine>:<name> (Standard) or …:express:<machine>:<name>:<id> (Express).
  const executionName = arn?.split(':')[7] ?? ''
  const region = arn?.split(':')[3] || 'us-east-1'
  const account = arn?.split(':')[4] || '123456789012'
  const execution: JsonObject = {
    Id: arn ?? `arn:aws:states:${region}:${account}:execution:${machineName}:${executionName}`,
    Input: parseJson(details?.input) ?? {},
    StartTime: started?.timestamp ?? '',
    Name: executionName,
    RoleArn: details?.roleArn ?? `arn:aws:iam::${account}:role/StepwiseExecutionRole`,
  }
  if (run.workflowType === 'STANDARD') execution.RedriveCount = 0
  const state: JsonObject = {
    Name: visit.name,
    EnteredTime: index.events[visit.entered]!.timestamp,
  }
  if (visit.stateType === 'Task' || visit.stateType === 'Map' || visit.stateType === 'Parallel') {
    state.RetryCount = retryCount
  }
  const context: JsonObject = {
    Execution: execution,
    StateMachine: {
      Id: `arn:aws:states:${region}:${account}:stateMachine:${machineName}`,
      Name: machineName,
    },
    State: state,
  }
  const overrides = run.contextOverrides
  if (overrides) {
    for (const [key, value] of Object.entries(overrides)) {
      const base = context[key]
      context[key] = isJsonObject(base) && isJsonObject(value) ? { ...base, ...value } : value
    }
  }
  return context
}

// ---------------------------------------------------------------------------------------------
// The replay

interface RetrierLike {
  ErrorEquals?: unknown
  MaxAttempts?: unknown
  Next?: unknown
}

function findStateDef(definition: JsonObject, name: string): JsonObject | undefined {
  const visit = (machine: JsonValue | undefined): JsonObject | undefined => {
    if (!isJsonObject(machine) || !isJsonObject(machine.States)) return undefined
    for (const [n, state] of Object.entries(machine.States)) {
      if (!isJsonObject(state)) continue
      if (n === name) return state
      if (Array.isArray(state.Branches)) {
        for (const b of state.Branches) {
          const found = visit(b)
          if (found) return found
        }
      }
      const found = visit(state.ItemProcessor ?? state.Iterator)
      if (found) return found
    }
    return undefined
  }
  return visit(definition)
}

function listOf(value: unknown, index: number): RetrierLike | undefined {
  return Array.isArray(value) && isJsonObject(value[index] as JsonValue)
    ? (value[index] as RetrierLike)
    : undefined
}

function errorEqualsOf(rule: RetrierLike | undefined): string[] {
  return Array.isArray(rule?.ErrorEquals)
    ? rule.ErrorEquals.filter((e): e is string => typeof e === 'string')
    : []
}

/** The first event after `at` in the visit (the next attempt, or the exit). */
function nextInVisit(index: HistoryIndex, visit: Visit, at: number): number {
  for (const item of index.groups[visit.group]!.items) if (item > at) return item
  return -1
}

/**
 * Replays one visit of a state with TestState semantics and returns its data flow. `focus` is
 * the event the user looks at: on a failure event, the failed attempt is shown (and how Retry or
 * Catch handled it); anywhere else, the visit's final outcome.
 */
export async function replayVisit(
  definition: JsonObject,
  index: HistoryIndex,
  visit: Visit,
  focus: number,
  run: RunContextInfo,
): Promise<VisitFlow> {
  const enteredEvent = index.events[visit.entered]!
  const input =
    parseJson(
      enteredEvent.type.endsWith('StateEntered')
        ? (detailsOf(enteredEvent)?.input as string | undefined)
        : undefined,
    ) ?? {}
  const stateDef = findStateDef(definition, visit.name)
  const assigned = assignedBy(index, visit)
  if (!stateDef) {
    return {
      steps: recordedSteps(index, visit, input),
      assigned,
      failure: null,
      exact: false,
      note: `“${visit.name}” is not in the current definition: only the recorded input and output are shown.`,
    }
  }

  // Which attempt: a focused failure event, else the visit's last failure when it never exited.
  const focusFailure = visit.failures.includes(focus)
    ? focus
    : visit.exited < 0 && visit.failures.length > 0
      ? visit.failures.at(-1)!
      : visit.exited >= 0 && visit.failures.length > 0 && visit.failures.at(-1)! > lastRetry(visit)
        ? visit.failures.at(-1)!
        : -1
  const attemptNo = focusFailure >= 0 ? visit.failures.indexOf(focusFailure) : visit.retries.length
  const variables = variablesInScope(index, visit)
  const options: TestStateOptions = {
    inspectionLevel: 'DEBUG',
    context: contextFor(index, visit, attemptNo, run),
  }
  if (Object.keys(variables).length > 0) options.variables = variables

  let recordedOutcome: 'exit' | 'retry' | 'catch' | 'fatal' | 'open'
  if (focusFailure >= 0) {
    const next = nextInVisit(index, visit, focusFailure)
    recordedOutcome =
      next === -1
        ? visit.exited === -1 && index.ended
          ? 'fatal'
          : 'open'
        : next === visit.exited
          ? 'catch'
          : 'retry'
    if (next === -1 && visit.exited === -1 && !index.ended) recordedOutcome = 'open'
    const { error, cause } = errorOf(index.events[focusFailure]!)
    options.mock = { errorOutput: { error: error ?? '', cause: cause ?? '' } }
  } else {
    recordedOutcome = visit.exited >= 0 ? 'exit' : 'open'
    if (visit.stateType === 'Task') {
      const result = taskResultOf(index, visit, visit.exited >= 0 ? visit.exited : index.count)
      if (result !== undefined) options.mock = { result }
    } else if (visit.stateType === 'Map' || visit.stateType === 'Parallel') {
      options.mock = { result: childResults(index, visit) }
    }
  }

  const recordedOutput =
    visit.exited >= 0
      ? parseJson(detailsOf(index.events[visit.exited]!)?.output as string | undefined)
      : undefined

  const attempt = async (opts: TestStateOptions): Promise<TestStateResult | null> => {
    try {
      return await testState(
        { definition: definition as unknown as StateMachine, stateName: visit.name },
        input,
        opts,
      )
    } catch {
      return null
    }
  }
  const matches = (r: TestStateResult | null): boolean => {
    if (!r) return false
    switch (recordedOutcome) {
      case 'exit':
        return r.status === 'SUCCEEDED' && deepEqual(r.output, recordedOutput)
      case 'catch':
        return r.status === 'CAUGHT_ERROR' && deepEqual(r.output, recordedOutput)
      case 'retry':
        return r.status === 'RETRIABLE'
      case 'fatal':
        return r.status === 'FAILED'
      case 'open':
        return true
    }
  }

  // With the retry count of the failing retrier (TestState's retrierRetryCount); the count is the
  // number of earlier failures of this visit that the same retrier answered.
  const withRetries = async (opts: TestStateOptions) => {
    let result = await attempt(opts)
    if (focusFailure >= 0 && result?.status === 'RETRIABLE') {
      const retrier = result.inspectionData?.errorDetails?.retryIndex
      const earlier = await retriesBefore(
        definition,
        visit,
        index,
        focusFailure,
        retrier,
        run,
        input,
      )
      if (earlier > 0) {
        result = await attempt({ ...opts, stateConfiguration: { retrierRetryCount: earlier } })
      }
    } else if (focusFailure >= 0 && result && result.status !== 'RETRIABLE') {
      // A retrier out of attempts passes the error on to Catch: replay with its count.
      const earlier = visit.failures.indexOf(focusFailure)
      if (earlier > 0 && !matches(result)) {
        const again = await attempt({ ...opts, stateConfiguration: { retrierRetryCount: earlier } })
        if (matches(again)) result = again
      }
    }
    return result
  }

  let result = await withRetries(options)
  if (!matches(result)) {
    // The context rebuilt from the history is a reconstruction and may differ from what the
    // state saw; if the replay with it disagrees with the record, try the interpreter's own.
    const { context: _context, ...rest } = options
    const plain = await withRetries(rest)
    if (matches(plain)) result = plain
  }

  const exact = matches(result)
  const data: InspectionData = { ...(result?.inspectionData ?? {}) }
  // TestState does not report a Map's or Parallel's result: it is what we fed it.
  const fed = options.mock?.result
  if (data.result === undefined && fed !== undefined && result?.status === 'SUCCEEDED') {
    data.result = typeof fed === 'string' ? (parseJson(fed) ?? null) : fed
  }
  const output =
    recordedOutcome === 'exit' || recordedOutcome === 'catch'
      ? recordedOutput
      : result?.status === 'SUCCEEDED'
        ? result.output
        : undefined
  const steps = flowSteps(visit.stateType, data, output)
  let failure: AttemptFailure | null = null
  if (focusFailure >= 0) {
    const { error, cause } = errorOf(index.events[focusFailure]!)
    failure = {
      event: focusFailure,
      error,
      cause,
      handler: handlerOf(stateDef, result, index, visit, focusFailure, recordedOutcome),
    }
  }
  return {
    steps: steps.length > 0 ? steps : recordedSteps(index, visit, input),
    assigned,
    failure,
    exact,
    note: exact
      ? null
      : result === null
        ? 'This state could not be replayed on the current definition; the recorded input and output are shown.'
        : 'The current definition gives a different result than this run recorded (was the workflow edited since?); the steps are those of the current definition.',
  }
}

function lastRetry(visit: Visit): number {
  return visit.retries.at(-1) ?? -1
}

async function retriesBefore(
  definition: JsonObject,
  visit: Visit,
  index: HistoryIndex,
  focusFailure: number,
  retrier: number | undefined,
  run: RunContextInfo,
  input: JsonValue,
): Promise<number> {
  if (retrier === undefined) return 0
  let count = 0
  for (const failure of visit.failures) {
    if (failure >= focusFailure) break
    const { error, cause } = errorOf(index.events[failure]!)
    try {
      const r = await testState(
        { definition: definition as unknown as StateMachine, stateName: visit.name },
        input,
        {
          inspectionLevel: 'DEBUG',
          mock: { errorOutput: { error: error ?? '', cause: cause ?? '' } },
          context: contextFor(index, visit, visit.failures.indexOf(failure), run),
          stateConfiguration: { retrierRetryCount: count },
        },
      )
      if (r.inspectionData?.errorDetails?.retryIndex === retrier) count++
    } catch {
      // Unknown: count it as the same retrier (the common case of one retrier).
      count++
    }
  }
  return count
}

function handlerOf(
  stateDef: JsonObject,
  result: TestStateResult | null,
  index: HistoryIndex,
  visit: Visit,
  failure: number,
  outcome: string,
): Handler {
  const details = result?.inspectionData?.errorDetails
  if (outcome === 'retry' || result?.status === 'RETRIABLE') {
    const retryIndex = details?.retryIndex ?? 0
    const rule = listOf(stateDef.Retry, retryIndex)
    const next = nextInVisit(index, visit, failure)
    const backoffMs =
      next >= 0
        ? Date.parse(index.events[next]!.timestamp) - Date.parse(index.events[failure]!.timestamp)
        : null
    return {
      kind: 'retrier',
      index: retryIndex,
      errorEquals: errorEqualsOf(rule),
      attempt: visit.retries.filter((r) => r < failure).length + 1,
      maxAttempts: typeof rule?.MaxAttempts === 'number' ? rule.MaxAttempts : 3,
      backoffMs,
    }
  }
  if (outcome === 'catch' || result?.status === 'CAUGHT_ERROR') {
    const catchIndex = details?.catchIndex ?? 0
    const rule = listOf(stateDef.Catch, catchIndex)
    return {
      kind: 'catcher',
      index: catchIndex,
      errorEquals: errorEqualsOf(rule),
      next: typeof rule?.Next === 'string' ? rule.Next : (result?.nextState ?? null),
    }
  }
  return { kind: 'none' }
}

/** Input and output as recorded, when no replay is possible. */
function recordedSteps(index: HistoryIndex, visit: Visit, input: JsonValue): FlowStep[] {
  const steps: FlowStep[] = [
    { key: 'input', label: 'Input', value: input, changed: null, same: false },
  ]
  if (visit.exited >= 0) {
    const output = parseJson(detailsOf(index.events[visit.exited]!)?.output as string | undefined)
    if (output !== undefined) {
      steps.push({
        key: 'output',
        label: 'Output',
        value: output,
        changed: changedPaths(input, output),
        same: deepEqual(input, output),
      })
    }
  }
  return steps
}
