// Runs the AWS-recorded conformance cases of ../shared/conformance (see its README) through
// runExecution and testState, and compares the outcome with what AWS recorded.

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { JsonObject, JsonValue, State, StateMachine } from '../../asl/types'
import { isJsonObject } from '../../asl/types'
import { runExecution, testState } from '../index'
import type { HistoryEvent } from '../history'
import type { MockedResponseEntry, TaskCall } from '../mocks'
import type { TestStateOptions } from '../types'

export interface RecordedMock {
  seq: number
  resource?: string
  parameters?: JsonValue
  timeoutInSeconds?: number
  heartbeatInSeconds?: number
  result: { output?: JsonValue; error?: string; cause?: string }
}

export interface Mask {
  path: string
  snapshot_value?: JsonValue
  regex: string
}

export interface ExecutionCase {
  id: string
  kind: 'execution'
  definition: StateMachine
  input: JsonValue
  expected: {
    status: string
    output?: JsonValue
    error?: string
    cause?: string
    cause_json?: JsonValue
  }
  ignore_paths?: string[]
  masks?: Mask[]
  context_hints?: Record<string, string | null>
  categories?: string[]
  state_machine_type?: string
  mocks?: Record<string, RecordedMock[]>
  /** AWS's history, slimmed: type plus name/index/error of each event. */
  history?: { type: string; name?: string; index?: number; error?: string }[]
  lambda_handlers?: Record<string, string>
  s3_objects?: Record<string, string>
}

export interface TestStateCase {
  id: string
  kind: 'test_state'
  definition: JsonObject
  definition_is_state_machine?: boolean
  input: JsonValue
  request: {
    inspectionLevel?: 'INFO' | 'DEBUG' | 'TRACE'
    stateName?: string
    mock?: { result?: string; errorOutput?: { error?: string; cause?: string } }
    variables?: JsonObject
    context?: JsonObject
    stateConfiguration?: TestStateOptions['stateConfiguration']
  }
  expected: JsonObject
  ignore_paths?: string[]
  masks?: Mask[]
  state_types?: string[]
}

export type ConformanceCase = ExecutionCase | TestStateCase

export function loadCases(dir: string): ConformanceCase[] {
  const read = (d: string) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(path.join(d, f), 'utf8')) as ConformanceCase)
  return [...read(dir), ...read(path.join(dir, 'test_state'))]
}

// ---- comparison ----------------------------------------------------------------------------

type PathStep = string | number

/** `$.output.a["b-c"][0]` → ['output', 'a', 'b-c', 0]. */
export function parseCasePath(text: string): PathStep[] {
  const steps: PathStep[] = []
  const re = /\.([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\['([^']*)'\]/g
  let m: RegExpExecArray | null
  const body = text.startsWith('$') ? text.slice(1) : text
  while ((m = re.exec(body))) {
    if (m[1] !== undefined) steps.push(m[1])
    else if (m[2] !== undefined) steps.push(Number(m[2]))
    else if (m[3] !== undefined) steps.push(JSON.parse(`"${m[3]}"`) as string)
    else steps.push(m[4]!)
  }
  return steps
}

const key = (steps: readonly PathStep[]) => JSON.stringify(steps)

interface CompareRules {
  ignored: Set<string>
  masks: Map<string, RegExp>
}

function rulesOf(c: { ignore_paths?: string[]; masks?: Mask[] }): CompareRules {
  const ignored = new Set((c.ignore_paths ?? []).map((p) => key(parseCasePath(p))))
  const masks = new Map<string, RegExp>()
  for (const m of c.masks ?? []) masks.set(key(parseCasePath(m.path)), new RegExp(m.regex, 's'))
  return { ignored, masks }
}

/** The first difference between expected and actual, or null. */
export function diff(
  expected: JsonValue | undefined,
  actual: JsonValue | undefined,
  rules: CompareRules,
  at: PathStep[],
): string | null {
  const k = key(at)
  const mask = rules.masks.get(k)
  if (mask) {
    if (actual === undefined) return null
    if (typeof actual === 'string' && (mask.test(actual) || actual === expected)) return null
    if (rules.ignored.has(k)) return null
    return `${show(at)}: ${JSON.stringify(actual)} does not match ${mask.source}`
  }
  if (rules.ignored.has(k)) return null
  if (expected === undefined || actual === undefined) {
    return expected === actual
      ? null
      : `${show(at)}: expected ${short(expected)}, got ${short(actual)}`
  }
  if (expected === null || typeof expected !== 'object') {
    return expected === actual
      ? null
      : `${show(at)}: expected ${short(expected)}, got ${short(actual)}`
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${show(at)}: expected an array, got ${short(actual)}`
    if (expected.length !== actual.length) {
      return `${show(at)}: expected ${expected.length} items, got ${actual.length}: ${short(actual)}`
    }
    for (let i = 0; i < expected.length; i++) {
      const d = diff(expected[i], actual[i], rules, [...at, i])
      if (d) return d
    }
    return null
  }
  if (!isJsonObject(actual)) return `${show(at)}: expected an object, got ${short(actual)}`
  for (const k2 of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const d = diff(expected[k2], actual[k2], rules, [...at, k2])
    if (d) return d
  }
  return null
}

function show(at: PathStep[]): string {
  return '$' + at.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')
}

function short(v: JsonValue | undefined): string {
  const s = v === undefined ? 'undefined' : JSON.stringify(v)
  return s.length > 300 ? s.slice(0, 297) + '...' : s
}

// ---- executions ----------------------------------------------------------------------------

function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return diff(a, b, { ignored: new Set(), masks: new Map() }, []) === null
}

/** Turns a recorded result into a mocked response entry. */
function entryOf(m: RecordedMock): MockedResponseEntry {
  const r = m.result
  if (r.error === undefined) return { Return: (r.output ?? null) as JsonValue }
  if (r.error === 'States.Timeout' || r.error === 'States.HeartbeatTimeout') {
    // Let the virtual clock produce the timeout: the call takes longer than the limit.
    const limit = m.heartbeatInSeconds ?? m.timeoutInSeconds
    if (limit !== undefined) return { Return: null, Stepwise: { DurationSeconds: limit + 1 } }
  }
  const entry: MockedResponseEntry = { Throw: { Error: r.error } }
  if (r.cause !== undefined) entry.Throw!.Cause = r.cause
  return entry
}

/** A mock handler answering from the recorded calls (equal parameters first, else in order). */
function recordedMocks(c: ExecutionCase): (call: TaskCall) => MockedResponseEntry | undefined {
  const used = new Map<string, Set<number>>()
  return (call) => {
    if (call.purpose === 'itemReader') return itemReaderData(c, call)
    const recorded = c.mocks?.[call.stateName]
    if (recorded?.length) {
      const taken = used.get(call.stateName) ?? new Set<number>()
      used.set(call.stateName, taken)
      let index = recorded.findIndex(
        (m, i) =>
          !taken.has(i) && m.parameters !== undefined && jsonEqual(m.parameters, call.input),
      )
      if (index < 0) index = recorded.findIndex((_, i) => !taken.has(i))
      if (index < 0) index = recorded.length - 1
      taken.add(index)
      return entryOf(recorded[index]!)
    }
    return handlerFallback(c, call)
  }
}

/** Calls AWS made inside child executions are not recorded; the identity Lambda is easy. */
function handlerFallback(c: ExecutionCase, call: TaskCall): MockedResponseEntry | undefined {
  const handlers = c.lambda_handlers ?? {}
  for (const [fn, file] of Object.entries(handlers)) {
    if (file !== 'id_function.py' && file !== 'echo_function.py') continue
    if (call.resource.includes(`:function:${fn}`)) return { Return: call.input }
    if (call.resource.endsWith(':lambda:invoke') && isJsonObject(call.input)) {
      const name = call.input.FunctionName
      if (typeof name === 'string' && name.endsWith(fn)) {
        return {
          Return: {
            ExecutedVersion: '$LATEST',
            Payload: call.input.Payload ?? null,
            StatusCode: 200,
          },
        }
      }
    }
  }
  return undefined
}

function itemReaderData(c: ExecutionCase, call: TaskCall): MockedResponseEntry | undefined {
  const objects = c.s3_objects ?? {}
  const params = isJsonObject(call.input) ? call.input : {}
  const bucket = String(params.Bucket ?? '')
  if (call.resource.endsWith(':listObjectsV2')) {
    const prefix = typeof params.Prefix === 'string' ? params.Prefix : ''
    const contents = Object.entries(objects)
      .filter(([k]) => k.startsWith(`${bucket}/${prefix}`))
      .map(([k, body]) => ({
        Etag: `"${k}"`,
        LastModified: '2024-01-01T00:00:00.000Z',
        Key: k.slice(bucket.length + 1),
        Size: body.length,
        StorageClass: 'STANDARD',
      }))
    return { Return: contents }
  }
  const body = objects[`${bucket}/${String(params.Key ?? '')}`]
  return body === undefined ? undefined : { Return: body }
}

export interface CaseOutcome {
  pass: boolean
  detail: string
  /** For executions with a recorded history: the first difference in the event sequence. */
  historyDiff?: string | null
}

function eventKey(e: { type: string; name?: string; index?: number }): string {
  return e.name === undefined
    ? e.type
    : `${e.type}(${e.name}${e.index === undefined ? '' : `#${e.index}`})`
}

/** Our events in the slim form of the recorded history. */
function slim(event: HistoryEvent): { type: string; name?: string; index?: number } {
  for (const [k, v] of Object.entries(event)) {
    if (!k.endsWith('EventDetails') || !isJsonObject(v as JsonValue)) continue
    const d = v as { name?: unknown; index?: unknown }
    if (typeof d.name === 'string') {
      return typeof d.index === 'number'
        ? { type: event.type, name: d.name, index: d.index }
        : { type: event.type, name: d.name }
    }
  }
  return { type: event.type }
}

/**
 * Recorded histories of Parallel states were reordered by the recording's snapshot transformer
 * (and lose events), so only the others are compared event by event.
 */
export function comparableHistory(c: ExecutionCase): boolean {
  return (
    !!c.history?.length &&
    !JSON.stringify(c.definition).includes('"Type":"Parallel"') &&
    !JSON.stringify(c.definition).includes('"Type": "Parallel"')
  )
}

export function historyDiff(c: ExecutionCase, events: HistoryEvent[]): string | null {
  const expected = (c.history ?? []).map(eventKey)
  const actual = events.map((e) => eventKey(slim(e)))
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    if (expected[i] !== actual[i]) {
      return `event ${i + 1}: expected ${expected[i] ?? '(end)'}, got ${actual[i] ?? '(end)'}`
    }
  }
  return null
}

export async function runExecutionCase(c: ExecutionCase): Promise<CaseOutcome> {
  const events: HistoryEvent[] = []
  const outcome = await compareExecution(c, events)
  if (comparableHistory(c)) outcome.historyDiff = historyDiff(c, events)
  return outcome
}

async function compareExecution(c: ExecutionCase, events: HistoryEvent[]): Promise<CaseOutcome> {
  const hints = c.context_hints ?? {}
  const result = await runExecution(c.definition, c.input, {
    onEvent: (e) => events.push(e),
    mocks: { handler: recordedMocks(c) },
    accountId: hints.AccountId ?? '111111111111',
    region: hints.Region ?? 'us-east-1',
    partition: hints.Partition ?? 'aws',
    stateMachineName: hints['StateMachine.Name'] ?? undefined,
    executionName: hints['Execution.Name'] ?? undefined,
    roleArn: hints['Execution.RoleArn'] ?? undefined,
    workflowType: c.state_machine_type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
  })
  const e = c.expected
  const got = `got ${result.status}${result.error !== undefined ? ` ${result.error}` : ''}${result.cause !== undefined ? `: ${result.cause.slice(0, 300)}` : ''}`
  if (result.status !== e.status)
    return { pass: false, detail: `status: expected ${e.status}, ${got}` }
  const rules = rulesOf(c)
  if (e.status === 'SUCCEEDED') {
    const d = diff(e.output, result.output, rules, ['output'])
    return d ? { pass: false, detail: d } : { pass: true, detail: '' }
  }
  if ((e.error ?? undefined) !== result.error) {
    return { pass: false, detail: `error: expected ${String(e.error)}, ${got}` }
  }
  if (e.cause_json !== undefined) {
    let parsed: JsonValue
    try {
      parsed = JSON.parse(result.cause ?? '') as JsonValue
    } catch {
      return { pass: false, detail: `cause: expected JSON, ${got}` }
    }
    const d = diff(e.cause_json, parsed, rules, ['cause_json'])
    return d ? { pass: false, detail: d } : { pass: true, detail: '' }
  }
  if (e.cause === undefined) {
    // AWS recorded no cause (a timeout, say): none, or an empty one, is right.
    return result.cause === undefined || result.cause === ''
      ? { pass: true, detail: '' }
      : { pass: false, detail: `cause: expected none, ${got}` }
  }
  const d = diff(e.cause, result.cause, rules, ['cause'])
  return d ? { pass: false, detail: d } : { pass: true, detail: '' }
}

// ---- TestState -----------------------------------------------------------------------------

export async function runTestStateCase(c: TestStateCase): Promise<CaseOutcome> {
  const r = c.request
  const target = r.stateName
    ? { definition: c.definition as unknown as StateMachine, stateName: r.stateName }
    : (c.definition as unknown as State)
  let actual: JsonObject
  try {
    const result = await testState(target, c.input, {
      mock: r.mock,
      inspectionLevel: r.inspectionLevel,
      variables: r.variables,
      context: r.context,
      stateConfiguration: r.stateConfiguration,
      accountId: '111111111111',
      region: '<region>',
      partition: '<partition>',
    })
    actual = JSON.parse(JSON.stringify(result)) as JsonObject
  } catch (error) {
    return { pass: false, detail: `threw ${(error as Error).stack ?? String(error)}` }
  }
  const d = diff(c.expected, actual, rulesOf(c), [])
  return d ? { pass: false, detail: d } : { pass: true, detail: '' }
}

export function categoriesOf(c: ConformanceCase): string[] {
  return c.kind === 'execution' ? (c.categories ?? ['uncategorised']) : ['test-state']
}
