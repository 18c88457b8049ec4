// A definition is compiled once into linked state records (transitions resolved to objects,
// Catch targets resolved, resources classified, event type names precomputed), cached by the
// definition object: the benchmark and the UI run the same definition many times.

import type {
  Catcher,
  ChoiceRule,
  QueryLanguage,
  Retrier,
  State,
  StateMachine,
  StateType,
  SubMachine,
} from '../asl/types'
import { isJsonObject, STATE_TYPES } from '../asl/types'
import type { StateEnteredType, StateExitedType } from './history'

export interface CompiledMachine {
  readonly definition: StateMachine
  readonly root: CompiledSub
  /** Every state of the machine, nested ones included, by name. */
  readonly statesByName: Map<string, CompiledState>
  readonly timeoutSeconds: number | undefined
}

export interface CompiledSub {
  readonly def: SubMachine
  readonly start: CompiledState
  readonly states: Map<string, CompiledState>
  /** INLINE unless a Map's ProcessorConfig says DISTRIBUTED. */
  readonly distributed: boolean
  readonly executionType: 'STANDARD' | 'EXPRESS'
}

export interface CompiledCatcher {
  readonly def: Catcher
  readonly next: CompiledState
}

export interface CompiledChoice {
  readonly rule: ChoiceRule
  readonly next: CompiledState
}

export type ResourceKind = 'lambda' | 'activity' | 'service'

export interface ResourceInfo {
  readonly arn: string
  readonly kind: ResourceKind
  /** History's resourceType, e.g. `lambda`, `sqs`, `aws-sdk:s3`. */
  readonly resourceType: string
  /** History's resource, e.g. `invoke`, `sendMessage.waitForTaskToken`. */
  readonly resource: string
  readonly pattern: 'request' | 'sync' | 'waitForTaskToken'
  readonly region: string | undefined
}

export interface CompiledState {
  readonly name: string
  readonly type: StateType
  readonly def: State
  readonly language: QueryLanguage
  /** Null at the end of its (sub-)machine. */
  next: CompiledState | null
  readonly retriers: readonly Retrier[]
  catchers: CompiledCatcher[]
  choices: CompiledChoice[]
  defaultNext: CompiledState | null
  readonly branches: CompiledSub[]
  readonly processor: CompiledSub | null
  readonly resource: ResourceInfo | null
  readonly enteredType: StateEnteredType
  readonly exitedType: StateExitedType
  /** Whether Retry/Catch apply (Task, Parallel, Map). */
  readonly canRecover: boolean
  /**
   * A JSONPath state with no input/output processing at all (no InputPath, Parameters, Result,
   * ResultSelector, ResultPath, OutputPath, Assign): its output is its input (Pass, Succeed) or
   * its result (Task), and the pipeline can be skipped.
   */
  readonly plainIO: boolean
  /** A number unique in the machine (per-state counters are kept in arrays by it). */
  readonly id: number
  /** A Task without TimeoutSeconds/HeartbeatSeconds (and their Paths): the call it makes. */
  readonly plainCall: {
    readonly resource: ResourceInfo
    readonly timeout: undefined
    readonly heartbeat: undefined
  } | null
}

export class DefinitionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DefinitionError'
  }
}

const cache = new WeakMap<object, CompiledMachine>()

/** Compiles (or returns the cached compilation of) a state machine definition. */
export function compileMachine(definition: StateMachine): CompiledMachine {
  const cached = cache.get(definition)
  if (cached) return cached
  if (!isJsonObject(definition)) throw new DefinitionError('The definition must be a JSON object.')
  const statesByName = new Map<string, CompiledState>()
  const language = definition.QueryLanguage ?? 'JSONPath'
  const root = compileSub(definition, language, statesByName, false, 'STANDARD', '', false)
  const timeout = definition.TimeoutSeconds
  const machine: CompiledMachine = {
    definition,
    root,
    statesByName,
    timeoutSeconds: typeof timeout === 'number' && timeout > 0 ? timeout : undefined,
  }
  cache.set(definition, machine)
  return machine
}

function compileSub(
  def: SubMachine,
  inherited: QueryLanguage,
  all: Map<string, CompiledState>,
  distributed: boolean,
  executionType: 'STANDARD' | 'EXPRESS',
  where: string,
  lenient: boolean,
): CompiledSub {
  const states = def.States
  if (!isJsonObject(states))
    throw new DefinitionError(`${where || 'The definition'} has no States object.`)
  const local = new Map<string, CompiledState>()
  for (const [name, state] of Object.entries(states)) {
    if (!isJsonObject(state)) throw new DefinitionError(`State '${name}' must be an object.`)
    const compiled = compileState(name, state as State, inherited, all, lenient)
    local.set(name, compiled)
    all.set(name, compiled)
  }
  const link = (from: string, field: string, target: unknown): CompiledState => {
    if (lenient && typeof target === 'string' && !local.has(target)) {
      // TestState of a lone state: its targets only need a name to report as nextState.
      return placeholderState(target)
    }
    if (typeof target !== 'string' || !local.has(target)) {
      throw new DefinitionError(
        `State '${from}' has ${field} '${String(target)}', which is not a state of ${where || 'the state machine'}.`,
      )
    }
    return local.get(target)!
  }
  for (const s of local.values()) {
    const d = s.def as State & { Next?: unknown; End?: unknown }
    if (s.type === 'Choice') {
      const choice = d as Extract<State, { Type: 'Choice' }>
      if (!Array.isArray(choice.Choices)) {
        throw new DefinitionError(`Choice state '${s.name}' has no Choices array.`)
      }
      s.choices = choice.Choices.map((rule, i) => ({
        rule,
        next: link(s.name, `Choices[${i}].Next`, rule.Next),
      }))
      s.defaultNext = choice.Default === undefined ? null : link(s.name, 'Default', choice.Default)
    } else if (s.type !== 'Succeed' && s.type !== 'Fail') {
      if (d.Next !== undefined) s.next = link(s.name, 'Next', d.Next)
      else if (d.End !== true) {
        throw new DefinitionError(`State '${s.name}' has neither Next nor "End": true.`)
      }
    }
    const catchers = (d as { Catch?: Catcher[] }).Catch
    if (Array.isArray(catchers)) {
      s.catchers = catchers.map((c, i) => ({
        def: c,
        next: link(s.name, `Catch[${i}].Next`, c.Next),
      }))
    }
  }
  const start = def.StartAt
  if (typeof start !== 'string' || !local.has(start)) {
    throw new DefinitionError(
      `StartAt '${String(start)}' is not a state of ${where || 'the state machine'}.`,
    )
  }
  return { def, start: local.get(start)!, states: local, distributed, executionType }
}

function compileState(
  name: string,
  def: State,
  inherited: QueryLanguage,
  all: Map<string, CompiledState>,
  lenient: boolean,
): CompiledState {
  const type = def.Type
  if (!(STATE_TYPES as readonly string[]).includes(type)) {
    throw new DefinitionError(`State '${name}' has an unknown Type '${String(type)}'.`)
  }
  const language: QueryLanguage = def.QueryLanguage ?? inherited
  let branches: CompiledSub[] = []
  let processor: CompiledSub | null = null
  let resource: ResourceInfo | null = null
  if (type === 'Parallel') {
    if (!Array.isArray(def.Branches))
      throw new DefinitionError(`Parallel state '${name}' has no Branches.`)
    branches = def.Branches.map((b, i) =>
      compileSub(
        b,
        language,
        all,
        false,
        'STANDARD',
        `branch ${i} of Parallel state '${name}'`,
        lenient,
      ),
    )
  } else if (type === 'Map') {
    const proc = def.ItemProcessor ?? def.Iterator
    if (!proc) throw new DefinitionError(`Map state '${name}' has no ItemProcessor.`)
    const config = def.ItemProcessor?.ProcessorConfig
    processor = compileSub(
      proc,
      language,
      all,
      config?.Mode === 'DISTRIBUTED',
      config?.ExecutionType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
      `the ItemProcessor of Map state '${name}'`,
      lenient,
    )
  } else if (type === 'Task') {
    if (typeof def.Resource !== 'string') {
      throw new DefinitionError(`Task state '${name}' has no Resource.`)
    }
    resource = classifyResource(def.Resource)
  }
  const state: CompiledState = {
    name,
    type,
    def,
    language,
    next: null,
    retriers: Array.isArray((def as { Retry?: Retrier[] }).Retry)
      ? (def as { Retry: Retrier[] }).Retry
      : [],
    catchers: [],
    choices: [],
    defaultNext: null,
    branches,
    processor,
    resource,
    enteredType: `${type}StateEntered` as StateEnteredType,
    exitedType: `${type}StateExited` as StateExitedType,
    canRecover: type === 'Task' || type === 'Parallel' || type === 'Map',
    plainIO: language === 'JSONPath' && !IO_FIELDS.some((field) => field in def),
    id: all.size,
    plainCall:
      resource && !TIMEOUT_FIELDS.some((field) => field in def)
        ? { resource, timeout: undefined, heartbeat: undefined }
        : null,
  }
  return state
}

const TIMEOUT_FIELDS = [
  'TimeoutSeconds',
  'TimeoutSecondsPath',
  'HeartbeatSeconds',
  'HeartbeatSecondsPath',
]

const IO_FIELDS = [
  'InputPath',
  'Parameters',
  'Result',
  'ResultSelector',
  'ResultPath',
  'OutputPath',
  'Assign',
]

/** Splits a Task's Resource into what the history events report. */
export function classifyResource(arn: string): ResourceInfo {
  const parts = arn.split(':')
  const service = parts[2]
  const region = parts[3] || undefined
  if (service === 'lambda' && parts[5] === 'function') {
    return {
      arn,
      kind: 'lambda',
      resourceType: 'lambda',
      resource: arn,
      pattern: 'request',
      region,
    }
  }
  if (service === 'states' && parts[5] === 'activity') {
    return {
      arn,
      kind: 'activity',
      resourceType: 'activity',
      resource: arn,
      pattern: 'request',
      region,
    }
  }
  if (service === 'states' && parts.length >= 7) {
    let resourceType = parts[5]!
    let rest = parts.slice(6)
    if (resourceType === 'aws-sdk' && rest.length >= 2) {
      resourceType = `aws-sdk:${rest[0]}`
      rest = rest.slice(1)
    }
    const resource = rest.join(':')
    const pattern =
      resource.endsWith('.sync') || resource.includes('.sync:')
        ? 'sync'
        : resource.endsWith('.waitForTaskToken')
          ? 'waitForTaskToken'
          : 'request'
    return { arn, kind: 'service', resourceType, resource, pattern, region }
  }
  // Not an ARN Stepwise recognises (e.g. a placeholder): report it whole.
  return {
    arn,
    kind: 'service',
    resourceType: service ?? 'unknown',
    resource: arn,
    pattern: arn.endsWith('.waitForTaskToken') ? 'waitForTaskToken' : 'request',
    region,
  }
}

const lone = new WeakMap<object, CompiledMachine>()

/**
 * Compiles a lone state (the TestState API's state definition) as a one-state machine named
 * `StateName`, as AWS names it; its Next and Catch targets become placeholders.
 */
export function compileLoneState(state: State, inherited?: QueryLanguage): CompiledMachine {
  const cached = lone.get(state)
  if (cached) return cached
  if (!isJsonObject(state)) throw new DefinitionError('The state definition must be a JSON object.')
  const name = 'StateName'
  const definition: StateMachine = { StartAt: name, States: { [name]: state } }
  if (inherited) definition.QueryLanguage = inherited
  const statesByName = new Map<string, CompiledState>()
  const root = compileSub(
    definition,
    inherited ?? 'JSONPath',
    statesByName,
    false,
    'STANDARD',
    '',
    true,
  )
  const machine: CompiledMachine = { definition, root, statesByName, timeoutSeconds: undefined }
  lone.set(state, machine)
  return machine
}

function placeholderState(name: string): CompiledState {
  return {
    name,
    type: 'Pass',
    def: { Type: 'Pass', End: true },
    language: 'JSONPath',
    next: null,
    retriers: [],
    catchers: [],
    choices: [],
    defaultNext: null,
    branches: [],
    processor: null,
    resource: null,
    enteredType: 'PassStateEntered',
    exitedType: 'PassStateExited',
    canRecover: false,
    plainIO: true,
    id: -1,
    plainCall: null,
  }
}
