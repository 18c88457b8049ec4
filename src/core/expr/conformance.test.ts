// Replays the AWS-recorded conformance cases that need no real interpreter (chains of Pass,
// Choice, Succeed and Fail states, JSONPath or JSONata) through the expr functions, with a tiny
// harness written here. The full interpreter runs every case through its own harness; this one
// pins the value semantics (paths, templates, intrinsics, JSONata, Assign, Choice) early.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { JsonObject, JsonValue, QueryLanguage } from '../asl/types'
import type { EvalEnv } from './env'
import { StatesError } from './errors'
import {
  applyInputPath,
  applyOutputPath,
  applyPayloadTemplate,
  applyResultPath,
  evaluateAssign,
  evaluateChoiceRule,
  evaluateJsonataValue,
  readPathField,
} from './index'
import { isObject, jsonEquals } from './json'

const repoRoot = path.resolve(__dirname, '../../..')
const casesDir = path.resolve(repoRoot, '../shared/conformance/cases')

interface Case {
  id: string
  kind: string
  definition: JsonObject
  input: JsonValue
  expected: {
    status: string
    output?: JsonValue
    error?: string
    cause?: string
    cause_json?: JsonValue
  }
  ignore_paths?: string[]
  masks?: { path: string; regex: string }[]
  context_hints?: Record<string, string>
  categories?: string[]
  state_machine_type?: string
}

const SIMPLE_TYPES = new Set(['Pass', 'Choice', 'Succeed', 'Fail'])

function isSimple(c: Case): boolean {
  if (c.kind !== 'execution') return false
  const states = c.definition['States']
  if (!isObject(states)) return false
  return Object.values(states).every((s) => isObject(s) && SIMPLE_TYPES.has(String(s['Type'])))
}

function loadCases(): Case[] {
  return readdirSync(casesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(casesDir, f), 'utf8')) as Case)
}

// ---- a deterministic runtime ------------------------------------------------------------------

function seededRuntime(seed = 42) {
  let state = seed >>> 0
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`
  }
  return { random, uuid, partition: 'aws' }
}

// ---- the mini interpreter -----------------------------------------------------------------------

interface Outcome {
  status: 'SUCCEEDED' | 'FAILED'
  output?: JsonValue
  error?: string
  cause?: string
}

class Failure extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`)
  }
}

async function run(c: Case): Promise<Outcome> {
  const def = c.definition
  const hints = c.context_hints ?? {}
  const partition = hints['Partition'] ?? 'aws'
  const region = hints['Region'] ?? 'us-east-1'
  const account = hints['AccountId'] ?? '111111111111'
  const smName = hints['StateMachine.Name'] ?? 'StateMachine'
  const execName = hints['Execution.Name'] ?? 'Execution'
  const startTime = '2025-01-01T00:00:00.000Z'
  const variables = new Map<string, JsonValue>()
  const runtime = seededRuntime()
  const topLanguage = (def['QueryLanguage'] as QueryLanguage | undefined) ?? 'JSONPath'
  const states = def['States'] as Record<string, JsonObject>
  let name = String(def['StartAt'])
  let input: JsonValue = c.input
  let eventId = 1 // ExecutionStarted

  for (let steps = 0; steps < 1000; steps++) {
    const state = states[name]!
    const enteredId = eventId + 1
    eventId += 2
    const context: JsonObject = {
      Execution: {
        Id: `arn:${partition}:states:${region}:${account}:execution:${smName}:${execName}`,
        Input: c.input,
        Name: execName,
        RoleArn: hints['Execution.RoleArn'] ?? 'role',
        StartTime: startTime,
        // Express executions can't be redriven: their context has no RedriveCount.
        ...(c.state_machine_type === 'EXPRESS' ? {} : { RedriveCount: 0 }),
      },
      StateMachine: {
        Id: `arn:${partition}:states:${region}:${account}:stateMachine:${smName}`,
        Name: smName,
      },
      State: { Name: name, EnteredTime: startTime },
    }
    const env: EvalEnv = { context, variables: { get: (n) => variables.get(n) }, runtime }
    const lang = (state['QueryLanguage'] as QueryLanguage | undefined) ?? topLanguage
    try {
      const step = await runState(state, lang, input, env)
      for (const [k, v] of Object.entries(step.assigned)) variables.set(k, v)
      if (step.next === undefined) return { status: 'SUCCEEDED', output: step.output }
      input = step.output
      name = step.next
    } catch (e) {
      if (e instanceof Failure) return { status: 'FAILED', error: e.error, cause: e.cause }
      if (e instanceof StatesError) {
        return {
          status: 'FAILED',
          error: e.error,
          cause: `An error occurred while executing the state '${name}' (entered at the event id #${enteredId}). ${e.cause}`,
        }
      }
      throw e
    }
  }
  throw new Error('too many steps')
}

interface Step {
  output: JsonValue
  next: string | undefined
  assigned: JsonObject
}

async function runState(
  state: JsonObject,
  lang: QueryLanguage,
  raw: JsonValue,
  env: EvalEnv,
): Promise<Step> {
  const type = state['Type']
  const next = (state['Next'] as string | undefined) ?? undefined
  if (lang === 'JSONata') {
    const statesIn = { input: raw, context: env.context }
    if (type === 'Fail') {
      const err =
        state['Error'] === undefined
          ? undefined
          : await evaluateJsonataValue(state['Error'], statesIn, env, 'Error')
      const cause =
        state['Cause'] === undefined
          ? undefined
          : await evaluateJsonataValue(state['Cause'], statesIn, env, 'Cause')
      throw new Failure(err as string, cause as string)
    }
    if (type === 'Choice') {
      const choices = state['Choices'] as JsonObject[]
      for (const rule of choices) {
        if (await evaluateChoiceRule(rule, lang, raw, env)) {
          const assigned = rule['Assign']
            ? await evaluateAssign(rule['Assign'] as JsonObject, lang, statesIn, env)
            : {}
          const output =
            rule['Output'] !== undefined
              ? await evaluateJsonataValue(rule['Output'], statesIn, env, 'Output')
              : raw
          return { output, next: rule['Next'] as string, assigned }
        }
      }
      if (state['Default'] === undefined)
        throw new StatesError('States.NoChoiceMatched', 'No Matches!')
      const assigned = state['Assign']
        ? await evaluateAssign(state['Assign'] as JsonObject, lang, statesIn, env)
        : {}
      const output =
        state['Output'] !== undefined
          ? await evaluateJsonataValue(state['Output'], statesIn, env, 'Output')
          : raw
      return { output, next: state['Default'] as string, assigned }
    }
    const assigned = state['Assign']
      ? await evaluateAssign(state['Assign'] as JsonObject, lang, statesIn, env)
      : {}
    const output =
      state['Output'] !== undefined
        ? await evaluateJsonataValue(state['Output'], statesIn, env, 'Output')
        : raw
    return { output, next: type === 'Succeed' ? undefined : next, assigned }
  }

  // JSONPath
  if (type === 'Fail') {
    const error =
      typeof state['ErrorPath'] === 'string'
        ? readPathField(state['ErrorPath'], raw, env, 'ErrorPath')
        : state['Error']
    const cause =
      typeof state['CausePath'] === 'string'
        ? readPathField(state['CausePath'], raw, env, 'CausePath')
        : state['Cause']
    throw new Failure(error as string, cause as string)
  }
  const effective = applyInputPath(state['InputPath'] as string | null | undefined, raw, env)
  if (type === 'Choice') {
    const choices = state['Choices'] as JsonObject[]
    let target: string | undefined
    let assigned: JsonObject = {}
    for (const rule of choices) {
      if (evaluateChoiceRule(rule, lang, effective, env)) {
        target = rule['Next'] as string
        if (rule['Assign'])
          assigned = evaluateAssign(
            rule['Assign'] as JsonObject,
            lang,
            { input: effective, context: env.context },
            env,
          ) as JsonObject
        break
      }
    }
    if (target === undefined) {
      if (state['Default'] === undefined)
        throw new StatesError('States.NoChoiceMatched', 'No Matches!')
      target = state['Default'] as string
      if (state['Assign'])
        assigned = evaluateAssign(
          state['Assign'] as JsonObject,
          lang,
          { input: effective, context: env.context },
          env,
        ) as JsonObject
    }
    return {
      output: applyOutputPath(state['OutputPath'] as string | null | undefined, effective, env),
      next: target,
      assigned,
    }
  }
  if (type === 'Succeed') {
    return {
      output: applyOutputPath(state['OutputPath'] as string | null | undefined, effective, env),
      next: undefined,
      assigned: {},
    }
  }
  // Pass
  const parameters = state['Parameters']
  const afterParameters =
    parameters === undefined
      ? effective
      : applyPayloadTemplate(parameters, effective, env, 'Parameters')
  const result = 'Result' in state ? state['Result']! : afterParameters
  const assigned = state['Assign']
    ? (evaluateAssign(
        state['Assign'] as JsonObject,
        lang,
        { input: effective, result, context: env.context },
        env,
      ) as JsonObject)
    : {}
  const afterResultPath = applyResultPath(
    state['ResultPath'] as string | null | undefined,
    raw,
    result,
  )
  const output = applyOutputPath(
    state['OutputPath'] as string | null | undefined,
    afterResultPath,
    env,
  )
  return { output, next: state['End'] === true ? undefined : next, assigned }
}

// ---- comparison -----------------------------------------------------------------------------------

function deleteAt(root: JsonObject, jsonPath: string): void {
  const parts = [...jsonPath.matchAll(/\.([^.[\]]+)|\["([^"]+)"\]|\[(\d+)\]/g)].map(
    (m) => m[1] ?? m[2] ?? Number(m[3]),
  )
  let node: JsonValue | undefined = root
  for (let i = 0; i < parts.length - 1; i++) {
    if (node === null || typeof node !== 'object') return
    node = (node as Record<string, JsonValue>)[parts[i] as string]
  }
  if (node !== null && typeof node === 'object')
    delete (node as Record<string, JsonValue>)[parts.at(-1) as string]
}

function compareOutcome(c: Case, actual: Outcome): string | undefined {
  const exp = c.expected
  if (actual.status !== exp.status) {
    return `status ${actual.status} (${actual.error}: ${actual.cause}) ≠ ${exp.status}`
  }
  const masked = (p: string) => (c.ignore_paths ?? []).includes(p)
  const regexFor = (p: string) => c.masks?.find((m) => m.path === p)?.regex
  if (exp.status === 'SUCCEEDED') {
    const a = structuredClone({ output: actual.output ?? null }) as JsonObject
    const e = structuredClone({ output: exp.output ?? null }) as JsonObject
    for (const p of c.ignore_paths ?? []) {
      deleteAt(a, p)
      deleteAt(e, p)
    }
    if (!jsonEquals(a, e)) return `output ${JSON.stringify(a.output)} ≠ ${JSON.stringify(e.output)}`
    return undefined
  }
  if (actual.error !== exp.error) return `error ${actual.error} ≠ ${exp.error} (${actual.cause})`
  if (exp.cause !== undefined && actual.cause !== exp.cause) {
    const re = regexFor('$.cause')
    if (!(re && new RegExp(re).test(actual.cause ?? '')) && !masked('$.cause')) {
      return `cause ${JSON.stringify(actual.cause)} ≠ ${JSON.stringify(exp.cause)}`
    }
  }
  return undefined
}

// ---- the test ------------------------------------------------------------------------------------------

const available = existsSync(casesDir)

describe.skipIf(!available)('AWS conformance cases (simple state chains)', () => {
  it('replays the Pass/Choice/Succeed/Fail cases', async () => {
    const cases = loadCases().filter(isSimple)
    const failures: string[] = []
    const byCategory = new Map<string, { pass: number; total: number }>()
    for (const c of cases) {
      let problem: string | undefined
      try {
        problem = compareOutcome(c, await run(c))
      } catch (e) {
        problem = `threw ${(e as Error).stack ?? String(e)}`
      }
      for (const cat of c.categories ?? ['none']) {
        const entry = byCategory.get(cat) ?? { pass: 0, total: 0 }
        entry.total++
        if (!problem) entry.pass++
        byCategory.set(cat, entry)
      }
      if (problem) failures.push(`${c.id}: ${problem}`)
    }
    const passed = cases.length - failures.length
    console.log(
      `expr conformance harness: ${passed}/${cases.length} simple cases pass\n` +
        [...byCategory]
          .sort()
          .map(([k, v]) => `  ${k}: ${v.pass}/${v.total}`)
          .join('\n') +
        (failures.length ? `\nFailures:\n  ${failures.join('\n  ')}` : ''),
    )
    expect(cases.length).toBeGreaterThan(300)
    expect(failures).toEqual([])
  }, 60_000)
})

if (!available) {
  console.log(`expr conformance harness skipped: ${casesDir} not found`)
}
