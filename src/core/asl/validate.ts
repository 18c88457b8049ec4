// Validates an ASL definition the way AWS does when it creates a state machine, and explains
// every problem in words a person can act on: which state, which field, what was expected.
//
// The rules come from the ASL specification, the AWS developer guide and AWS's behaviour on real
// definitions (the corpus in ../shared/corpus was deployed as is, so a rule that flags it is a
// wrong rule). Field sets per state type and query language live in fields.ts.

import { looksLikeIntrinsic } from '../expr'
import type { DiagnosticCode } from './codes'
import type { Diagnostic, DocPath, Severity, SourceRange } from './diagnostics'
import {
  checkIntrinsicSyntax,
  checkJsonataString,
  checkPathSyntax,
  type ExpressionProblem,
} from './expressions'
import {
  BRANCH_FIELDS,
  CATCHER_FIELDS,
  fieldAllowedIn,
  findField,
  ITEM_BATCHER_FIELDS,
  ITEM_PROCESSOR_FIELDS,
  ITEM_READER_FIELDS,
  JSONATA_CHOICE_RULE_FIELDS,
  MACHINE_FIELDS,
  PROCESSOR_CONFIG_FIELDS,
  QUERY_LANGUAGE_COUNTERPARTS,
  READER_CONFIG_FIELDS,
  RESULT_WRITER_FIELDS,
  RETRIER_FIELDS,
  STATE_FIELDS,
  WRITER_CONFIG_FIELDS,
  type FieldSpec,
} from './fields'
import { parseText, type ParseResult, type SourceFormat, type SourceMap } from './parse'
import { closest } from './suggest'
import {
  assertNever,
  CHOICE_COMPARISON_OPERATORS,
  CHOICE_PATH_OPERATORS,
  CHOICE_TYPE_TESTS,
  isJsonObject,
  isJsonataString,
  STATE_TYPES,
  type JsonObject,
  type JsonValue,
  type QueryLanguage,
  type StateType,
  type WorkflowType,
} from './types'

export interface ValidateOptions {
  /** STANDARD by default. Express workflows cannot use .sync, .waitForTaskToken or activities. */
  workflowType?: WorkflowType
  /** When given, every diagnostic gets the range of the text it is about. */
  sourceMap?: SourceMap
}

/** Validates a parsed definition. Diagnostics come in document order of the checks. */
export function validateDefinition(
  definition: JsonValue,
  options: ValidateOptions = {},
): Diagnostic[] {
  const validator = new Validator(options.workflowType ?? 'STANDARD', options.sourceMap)
  validator.validateMachine(definition)
  return validator.diagnostics
}

/** Parses then validates text (JSON or YAML, detected when `format` is omitted). */
export function validateText(
  text: string,
  options: { workflowType?: WorkflowType; format?: SourceFormat } = {},
): { parse: ParseResult; diagnostics: Diagnostic[] } {
  const parse = parseText(text, options.format)
  const diagnostics = parse.diagnostics.map((d) =>
    d.statePath.length > 0 ? d : { ...d, statePath: statePathOf(d.path) },
  )
  if (parse.value !== undefined) {
    const options2: ValidateOptions = { sourceMap: parse.sourceMap }
    if (options.workflowType) options2.workflowType = options.workflowType
    diagnostics.push(...validateDefinition(parse.value, options2))
  }
  return { parse, diagnostics }
}

/** The names of the states enclosing a document path, outermost first. */
export function statePathOf(path: DocPath): string[] {
  const names: string[] = []
  let i = 0
  // Alternates between a container (machine, branch, processor) and a state inside it.
  while (path[i] === 'States' && typeof path[i + 1] === 'string') {
    names.push(path[i + 1] as string)
    i += 2
    if (path[i] === 'Branches' && typeof path[i + 1] === 'number') i += 2
    else if (path[i] === 'ItemProcessor' || path[i] === 'Iterator') i += 1
    else break
  }
  return names
}

// ---------------------------------------------------------------------------------------------
// Constants

const MAX_STATE_NAME_LENGTH = 80
const MAX_VARIABLE_NAME_LENGTH = 80
const MAX_LABEL_LENGTH = 40

/** Error names Step Functions defines; other `States.*` names in ErrorEquals are likely typos. */
const KNOWN_STATES_ERRORS = [
  'States.ALL',
  'States.BranchFailed',
  'States.DataLimitExceeded',
  'States.ExceedToleratedFailureThreshold',
  'States.HeartbeatTimeout',
  'States.Http.Socket',
  'States.IntrinsicFailure',
  'States.ItemReaderFailed',
  'States.NoChoiceMatched',
  'States.ParameterPathFailure',
  'States.Permissions',
  'States.QueryEvaluationError',
  'States.ResultPathMatchFailure',
  'States.ResultWriterFailed',
  'States.Runtime',
  'States.TaskFailed',
  'States.Timeout',
]
const KNOWN_STATES_ERROR_SET: ReadonlySet<string> = new Set(KNOWN_STATES_ERRORS)
/**
 * The HTTP Task fails with `States.Http.StatusCode.<code>` when the endpoint answers a status
 * that is not 2xx (e.g. `States.Http.StatusCode.429`), so every three-digit code is a name
 * AWS raises.
 */
const HTTP_STATUS_ERROR = /^States\.Http\.StatusCode\.[1-5]\d\d$/

/** Whether AWS itself may raise this `States.*` error name (other prefixes are never checked). */
function isKnownStatesError(name: string): boolean {
  return KNOWN_STATES_ERROR_SET.has(name) || HTTP_STATUS_ERROR.test(name)
}

const COMPARISON_OPERATORS: ReadonlySet<string> = new Set(CHOICE_COMPARISON_OPERATORS)
const PATH_OPERATORS: ReadonlySet<string> = new Set(CHOICE_PATH_OPERATORS)
const TYPE_TESTS: ReadonlySet<string> = new Set(CHOICE_TYPE_TESTS)
const STATE_TYPE_SET: ReadonlySet<string> = new Set(STATE_TYPES)
const TRANSITION_TYPES: ReadonlySet<StateType> = new Set([
  'Task',
  'Pass',
  'Wait',
  'Parallel',
  'Map',
])
const JSONPATH_RULE_KEYS: ReadonlySet<string> = new Set([
  'Variable',
  'And',
  'Or',
  'Not',
  ...CHOICE_COMPARISON_OPERATORS,
  ...CHOICE_PATH_OPERATORS,
  ...CHOICE_TYPE_TESTS,
])
/** Fields only a Distributed Map may use. */
const DISTRIBUTED_ONLY = [
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'Label',
]

/** `${Name}` substitutions of SAM, CloudFormation (Fn::Sub) and Terraform templates. */
const PLACEHOLDER = /\$\{[^}]*\}/

function hasPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && PLACEHOLDER.test(value)
}

// ---------------------------------------------------------------------------------------------
// Validation context

/** A States object with its StartAt: the machine, a Parallel branch or a Map processor. */
interface Scope {
  path: DocPath
  statePath: string[]
  /** "the state machine", "branch 2 of \"Fan out\"", "the ItemProcessor of \"Each\"". */
  description: string
  names: ReadonlySet<string>
  /** Express rules apply (EXPRESS workflow, or children of an EXPRESS Distributed Map). */
  express: boolean
}

interface StateContext {
  name: string
  /** `State "Name"`, used to start messages. */
  label: string
  path: DocPath
  statePath: string[]
  language: QueryLanguage
  scope: Scope
  /** Transition targets found in the state (for reachability). */
  targets: string[]
}

interface PendingTarget {
  target: string
  path: DocPath
  statePath: string[]
  scope: Scope
  /** e.g. `State "A": Next`, `StartAt of branch 1 of "P"`. */
  subject: string
}

class Validator {
  readonly diagnostics: Diagnostic[] = []
  private topLanguage: QueryLanguage | undefined
  /** Every state name in the machine → where it was first declared. */
  private readonly declared = new Map<string, { scope: Scope; path: DocPath }>()
  private readonly pendingTargets: PendingTarget[] = []

  constructor(
    private readonly workflowType: WorkflowType,
    private readonly sourceMap: SourceMap | undefined,
  ) {}

  // ---- reporting

  private report(
    severity: Severity,
    code: DiagnosticCode,
    message: string,
    path: DocPath,
    statePath: string[],
    at: 'value' | 'key' = 'value',
    range?: SourceRange,
  ): void {
    const diagnostic: Diagnostic = { severity, code, message, path, statePath }
    const resolved = range ?? this.rangeFor(path, at)
    if (resolved) diagnostic.range = resolved
    this.diagnostics.push(diagnostic)
  }

  private rangeFor(path: DocPath, at: 'value' | 'key'): SourceRange | undefined {
    const map = this.sourceMap
    if (!map) return undefined
    const direct =
      at === 'key' ? (map.keyRange(path) ?? map.valueRange(path)) : map.valueRange(path)
    if (direct) return direct
    // A missing field: point at the name of the object that should hold it.
    for (let n = path.length - 1; n >= 0; n--) {
      const parent = path.slice(0, n)
      const range = map.keyRange(parent) ?? map.valueRange(parent)
      if (range) return range
    }
    return undefined
  }

  private error(
    code: DiagnosticCode,
    message: string,
    path: DocPath,
    statePath: string[],
    at: 'value' | 'key' = 'value',
  ): void {
    this.report('error', code, message, path, statePath, at)
  }

  private warning(
    code: DiagnosticCode,
    message: string,
    path: DocPath,
    statePath: string[],
    at: 'value' | 'key' = 'value',
  ): void {
    this.report('warning', code, message, path, statePath, at)
  }

  // ---- the machine

  validateMachine(definition: JsonValue): void {
    if (!isJsonObject(definition)) {
      this.error(
        'INVALID_DEFINITION',
        `A state machine definition must be a JSON object with StartAt and States, not ${describeType(definition)}.`,
        [],
        [],
      )
      return
    }
    const ql = definition.QueryLanguage
    if (ql === 'JSONPath' || ql === 'JSONata') this.topLanguage = ql
    const scope = this.makeScope(
      definition,
      [],
      [],
      'the state machine',
      this.workflowType === 'EXPRESS',
    )
    this.checkFields(
      definition,
      MACHINE_FIELDS,
      [],
      [],
      'The state machine',
      'JSONPath',
      'the state machine',
    )
    this.validateScope(definition, scope)
    this.resolvePendingTargets()
  }

  private makeScope(
    container: JsonObject,
    path: DocPath,
    statePath: string[],
    description: string,
    express: boolean,
  ): Scope {
    const states = container.States
    const names = isJsonObject(states) ? new Set(Object.keys(states)) : new Set<string>()
    return { path, statePath, description, names, express }
  }

  /** StartAt, States, every state, reachability and terminal states of one States object. */
  private validateScope(container: JsonObject, scope: Scope): void {
    const { path, statePath } = scope
    const subject = capitalize(scope.description)
    const startAt = container.StartAt
    const states = container.States
    if (typeof startAt === 'string') {
      this.transition(
        startAt,
        [...path, 'StartAt'],
        statePath,
        scope,
        `StartAt of ${scope.description}`,
      )
    }
    if (!isJsonObject(states)) return // reported by checkFields (missing or wrong type)
    const names = Object.keys(states)
    if (names.length === 0) {
      this.error(
        'INVALID_FIELD_VALUE',
        `${subject} has no states: States must hold at least one state.`,
        [...path, 'States'],
        statePath,
      )
      return
    }

    const edges = new Map<string, string[]>()
    let hasTerminal = false
    let allTyped = true
    for (const name of names) {
      const state = states[name]!
      const statePathHere = [...statePath, name]
      const stateDocPath = [...path, 'States', name]
      this.checkStateName(name, stateDocPath, statePathHere, scope)
      const ctx: StateContext = {
        name,
        label: `State ${quote(name)}`,
        path: stateDocPath,
        statePath: statePathHere,
        language: 'JSONPath',
        scope,
        targets: [],
      }
      const type = this.validateState(state, ctx)
      edges.set(name, ctx.targets)
      if (type === undefined) allTyped = false
      else if (type === 'Succeed' || type === 'Fail') hasTerminal = true
      // A state with neither Next nor End already has its own error; it was probably meant to
      // end, so it does not also make the scope "without a terminal state".
      else if (isJsonObject(state) && (state.End !== undefined || state.Next === undefined)) {
        hasTerminal = true
      }
    }

    if (typeof startAt === 'string' && scope.names.has(startAt)) {
      const reached = new Set<string>([startAt])
      const queue = [startAt]
      while (queue.length > 0) {
        for (const target of edges.get(queue.pop()!) ?? []) {
          if (!reached.has(target) && scope.names.has(target)) {
            reached.add(target)
            queue.push(target)
          }
        }
      }
      for (const name of names) {
        if (!reached.has(name)) {
          this.error(
            'UNREACHABLE_STATE',
            `State ${quote(name)} cannot be reached: no Next, Default, Choices or Catch of ${scope.description} leads to it from StartAt ${quote(startAt)}. Connect it or remove it.`,
            [...path, 'States', name],
            [...statePath, name],
            'key',
          )
        }
      }
    }

    if (!hasTerminal && allTyped) {
      this.error(
        'MISSING_END_STATE',
        `${subject} has no terminal state: at least one state must have "End": true or be a Succeed or Fail state.`,
        [...path, 'States'],
        statePath,
        'key',
      )
    }
  }

  private checkStateName(name: string, path: DocPath, statePath: string[], scope: Scope): void {
    if (name.length === 0) {
      this.error(
        'INVALID_STATE_NAME',
        `A state of ${scope.description} has an empty name.`,
        path,
        statePath,
        'key',
      )
    } else if (name.length > MAX_STATE_NAME_LENGTH) {
      this.error(
        'INVALID_STATE_NAME',
        `State name ${quote(truncate(name, 40))} is ${name.length} characters long; state names may have at most ${MAX_STATE_NAME_LENGTH}.`,
        path,
        statePath,
        'key',
      )
    }
    const first = this.declared.get(name)
    if (first) {
      this.error(
        'DUPLICATE_STATE_NAME',
        `State name ${quote(name)} is used twice: in ${scope.description} and in ${first.scope.description}. State names must be unique in the whole machine, including inside Parallel branches and Map processors.`,
        path,
        statePath,
        'key',
      )
    } else {
      this.declared.set(name, { scope, path })
    }
  }

  /** Records a transition; missing targets are reported at the end, with suggestions. */
  private transition(
    target: string,
    path: DocPath,
    statePath: string[],
    scope: Scope,
    subject: string,
    ctx?: StateContext,
  ): void {
    if (ctx) ctx.targets.push(target)
    if (!scope.names.has(target))
      this.pendingTargets.push({ target, path, statePath, scope, subject })
  }

  private resolvePendingTargets(): void {
    for (const { target, path, statePath, scope, subject } of this.pendingTargets) {
      let message = `${subject} names ${quote(target)}, but ${scope.description} has no state with that name.`
      const elsewhere = this.declared.get(target)
      if (elsewhere && elsewhere.scope !== scope) {
        message += ` ${quote(target)} is a state of ${elsewhere.scope.description}: a transition cannot leave or enter a Parallel branch or a Map processor.`
      } else {
        const suggestion = closest(target, scope.names)
        if (suggestion !== undefined) message += ` Did you mean ${quote(suggestion)}?`
      }
      this.error('MISSING_TRANSITION_TARGET', message, path, statePath)
    }
  }

  // ---- states

  /** Returns the state's type when it is valid. */
  private validateState(state: JsonValue, ctx: StateContext): StateType | undefined {
    const { label, path, statePath } = ctx
    if (!isJsonObject(state)) {
      this.error(
        'INVALID_FIELD_VALUE',
        `${label} must be an object with a Type, not ${describeType(state)}.`,
        path,
        statePath,
      )
      return undefined
    }
    const type = state.Type
    if (type === undefined) {
      this.error(
        'MISSING_FIELD',
        `${label} has no Type: add one of ${STATE_TYPES.join(', ')}.`,
        path,
        statePath,
        'key',
      )
      this.collectTargetsOfUntyped(state, ctx)
      return undefined
    }
    if (typeof type !== 'string' || !STATE_TYPE_SET.has(type)) {
      const suggestion = typeof type === 'string' ? closest(type, STATE_TYPES, true) : undefined
      this.error(
        'INVALID_STATE_TYPE',
        `${label} has Type ${describe(type)}, which is not a state type. Use one of ${STATE_TYPES.join(', ')}.${suggestion ? ` Did you mean ${quote(suggestion)}?` : ''}`,
        [...path, 'Type'],
        statePath,
      )
      this.collectTargetsOfUntyped(state, ctx)
      return undefined
    }
    const stateType = type as StateType
    ctx.label = `${label} (${stateType})`

    // Query language: the state's own, else the machine's. A JSONata machine cannot hold
    // JSONPath states (AWS: the top-level language can only be overridden towards JSONata).
    const own = state.QueryLanguage
    ctx.language = own === 'JSONata' || own === 'JSONPath' ? own : (this.topLanguage ?? 'JSONPath')
    if (own === 'JSONPath' && this.topLanguage === 'JSONata') {
      this.error(
        'INVALID_QUERY_LANGUAGE',
        `${ctx.label} sets QueryLanguage to JSONPath, but the machine's QueryLanguage is JSONata: a state can switch from JSONPath to JSONata, not back. Remove the state's QueryLanguage, or set the machine's to JSONPath and mark the JSONata states.`,
        [...path, 'QueryLanguage'],
        statePath,
      )
    }

    this.checkFields(
      state,
      STATE_FIELDS[stateType],
      path,
      statePath,
      ctx.label,
      ctx.language,
      `a ${stateType} state`,
      stateType,
    )
    this.checkTerminalRules(state, stateType, ctx)
    if (typeof state.Next === 'string') {
      this.transition(
        state.Next,
        [...path, 'Next'],
        statePath,
        ctx.scope,
        `${ctx.label}: Next`,
        ctx,
      )
    }
    if (state.Assign !== undefined) this.checkAssign(state.Assign, [...path, 'Assign'], ctx)
    if (state.Retry !== undefined) this.checkRetry(state.Retry, ctx)
    if (state.Catch !== undefined) this.checkCatch(state.Catch, ctx)

    switch (stateType) {
      case 'Task':
        this.checkTask(state, ctx)
        break
      case 'Pass':
        this.checkPass(state, ctx)
        break
      case 'Choice':
        this.checkChoice(state, ctx)
        break
      case 'Wait':
        this.checkWait(state, ctx)
        break
      case 'Succeed':
        break
      case 'Fail':
        this.checkFail(state, ctx)
        break
      case 'Parallel':
        this.checkParallel(state, ctx)
        break
      case 'Map':
        this.checkMap(state, ctx)
        break
      default:
        assertNever(stateType, 'state type')
    }
    return stateType
  }

  /** Keeps reachability right when a state's Type is broken (no cascade of "unreachable"). */
  private collectTargetsOfUntyped(state: JsonObject, ctx: StateContext): void {
    const add = (value: JsonValue | undefined) => {
      if (typeof value === 'string') ctx.targets.push(value)
    }
    add(state.Next)
    add(state.Default)
    for (const list of [state.Choices, state.Catch]) {
      if (Array.isArray(list)) for (const item of list) if (isJsonObject(item)) add(item.Next)
    }
  }

  private checkTerminalRules(state: JsonObject, type: StateType, ctx: StateContext): void {
    const { label, path, statePath } = ctx
    const hasNext = state.Next !== undefined
    const hasEnd = state.End !== undefined
    if (!TRANSITION_TYPES.has(type)) {
      for (const field of ['Next', 'End'] as const) {
        if (state[field] !== undefined) {
          const why =
            type === 'Choice'
              ? 'a Choice state moves on through its Choices and Default'
              : `a ${type} state always ends the execution (or its branch)`
          this.error(
            'TRANSITION_NOT_ALLOWED',
            `${label} cannot have ${field}: ${why}.`,
            [...path, field],
            statePath,
            'key',
          )
        }
      }
      return
    }
    if (hasNext && hasEnd) {
      this.error(
        'NEXT_AND_END',
        `${label} has both Next and End: keep Next to continue to another state, or "End": true to end here.`,
        [...path, 'End'],
        statePath,
        'key',
      )
    } else if (!hasNext && state.End !== true && (!hasEnd || typeof state.End === 'boolean')) {
      this.error(
        'MISSING_NEXT_OR_END',
        hasEnd
          ? `${label} has "End": ${describe(state.End)} and no Next: set "End": true to end here, or add Next.`
          : `${label} has neither Next nor End: add "Next": "<state name>" to continue, or "End": true to end here.`,
        hasEnd ? [...path, 'End'] : path,
        statePath,
        'key',
      )
    }
  }

  // ---- generic field checks

  /**
   * Checks the fields of an object against a table: unknown fields, fields of the other query
   * language, required fields, mutually exclusive fields, and each value's kind.
   */
  private checkFields(
    object: JsonObject,
    table: readonly FieldSpec[],
    path: DocPath,
    statePath: string[],
    subject: string,
    language: QueryLanguage,
    kindOfObject: string,
    stateType?: StateType,
  ): void {
    for (const key of Object.keys(object)) {
      const fieldPath = [...path, key]
      const spec = findField(table, key)
      if (!spec) {
        if (stateType && (key === 'Next' || key === 'End')) continue // checkTerminalRules explains
        const suggestion = closest(
          key,
          table.map((s) => s.name),
          true,
        )
        this.error(
          'UNKNOWN_FIELD',
          `${subject} has a field ${quote(key)}, which ${kindOfObject} does not support.${suggestion ? ` Did you mean ${quote(suggestion)}?` : ''}`,
          fieldPath,
          statePath,
          'key',
        )
        continue
      }
      if (!fieldAllowedIn(spec, language)) {
        const instead = QUERY_LANGUAGE_COUNTERPARTS[key]
        this.error(
          'FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE',
          `${subject} uses ${language}, and ${key} is a ${spec.language} field.${instead ? ` Use ${instead} instead` : ''}${instead && spec.language === 'JSONPath' ? ', or set "QueryLanguage": "JSONPath" on the state' : ''}.`,
          fieldPath,
          statePath,
          'key',
        )
        continue
      }
      if (spec.exclusiveWith) {
        for (const other of spec.exclusiveWith) {
          // Report each pair once, on the field that comes second.
          if (
            object[other] !== undefined &&
            Object.keys(object).indexOf(other) < Object.keys(object).indexOf(key)
          ) {
            this.error(
              'EXCLUSIVE_FIELDS',
              `${subject} has both ${other} and ${key}: use only one of them.`,
              fieldPath,
              statePath,
              'key',
            )
          }
        }
      }
      this.checkValue(spec, object[key]!, fieldPath, statePath, subject, language)
    }
    for (const spec of table) {
      if (spec.required && object[spec.name] === undefined && fieldAllowedIn(spec, language)) {
        if (spec.name === 'Type') continue
        this.error(
          'MISSING_FIELD',
          `${subject} has no ${spec.name}: ${lowerFirst(spec.description)}`,
          [...path, spec.name],
          statePath,
          'key',
        )
      }
    }
  }

  private checkValue(
    spec: FieldSpec,
    value: JsonValue,
    path: DocPath,
    statePath: string[],
    subject: string,
    language: QueryLanguage,
  ): void {
    const field = spec.name
    const bad = (expected: string) =>
      this.error(
        'INVALID_FIELD_VALUE',
        `${subject}: ${field} must be ${expected}, not ${describe(value)}.`,
        path,
        statePath,
      )
    // A `{% %}` expression stands in for the value in JSONata states where the field allows it.
    if (spec.jsonata && language === 'JSONata' && isJsonataString(value)) {
      this.checkJsonata(value, path, statePath, subject, field)
      return
    }
    switch (spec.kind) {
      case 'string':
        if (typeof value !== 'string') bad('a string')
        else if (language === 'JSONata' && value.startsWith('{%'))
          this.checkJsonataStrings(value, path, statePath, subject, field)
        return
      case 'stateName':
        if (typeof value !== 'string' || value.length === 0) bad('the name of a state')
        return
      case 'boolean':
      case 'true':
        if (typeof value !== 'boolean') bad(spec.kind === 'true' ? 'true' : 'true or false')
        return
      case 'integer':
      case 'number':
        this.checkNumber(spec, value, path, statePath, subject, language)
        return
      case 'enum':
        if (typeof value !== 'string' || !spec.values!.includes(value)) {
          if (hasPlaceholder(value)) return this.placeholder(value, path, statePath, subject, field)
          const suggestion =
            typeof value === 'string' ? closest(value, spec.values!, true) : undefined
          bad(
            `one of ${spec.values!.map(quote).join(', ')}${suggestion ? ` (did you mean ${quote(suggestion)}?)` : ''}`,
          )
        }
        return
      case 'queryLanguage':
        if (value !== 'JSONPath' && value !== 'JSONata') bad('"JSONPath" or "JSONata"')
        return
      case 'pathOrNull':
        if (value === null) return
        if (typeof value !== 'string') return bad('a JSONPath string or null')
        this.checkPath(value, 'path', path, statePath, subject, field)
        return
      case 'referencePath':
        if (typeof value !== 'string') return bad('a reference path string such as "$.items"')
        this.checkPath(value, 'reference', path, statePath, subject, field)
        return
      case 'resultPath':
        if (value === null) return
        if (typeof value !== 'string') return bad('a reference path such as "$.result", or null')
        this.checkPath(value, 'result', path, statePath, subject, field)
        return
      case 'referencePathOrIntrinsic':
        if (typeof value !== 'string') return bad('a reference path or an intrinsic function call')
        if (looksLikeIntrinsic(value)) this.checkIntrinsic(value, path, statePath, subject, field)
        else this.checkPath(value, 'reference', path, statePath, subject, field)
        return
      case 'payloadTemplate':
        if (language === 'JSONata') {
          if (!isJsonObject(value) && !isJsonataString(value))
            return bad('an object or a {% %} expression')
          this.checkJsonataStrings(value, path, statePath, subject, field)
        } else {
          // The specification says object, but AWS accepts arrays too (deployed definitions).
          if (!isJsonObject(value) && !Array.isArray(value))
            return bad('an object (a payload template)')
          this.checkTemplate(value, path, statePath, subject, field)
        }
        return
      case 'jsonataValue':
        if (field === 'Arguments' && !isJsonObject(value) && !isJsonataString(value)) {
          return bad('an object or a {% %} expression')
        }
        // AWS's own references describe Items as "a JSON array, a JSON object, or a JSONata
        // expression".
        if (
          field === 'Items' &&
          !Array.isArray(value) &&
          !isJsonObject(value) &&
          !isJsonataString(value)
        ) {
          return bad('an array, an object or a {% %} expression')
        }
        this.checkJsonataStrings(value, path, statePath, subject, field)
        return
      case 'assign':
        if (!isJsonObject(value)) bad('an object mapping variable names to values')
        return // contents: checkAssign
      case 'any':
        return
      case 'timestamp':
        if (hasPlaceholder(value)) return this.placeholder(value, path, statePath, subject, field)
        if (typeof value !== 'string')
          return bad('an RFC 3339 timestamp string such as "2024-12-31T23:59:59Z"')
        if (!isRfc3339(value)) {
          this.error(
            'INVALID_TIMESTAMP',
            `${subject}: ${field} ${describe(value)} is not an RFC 3339 timestamp: write it like "2024-12-31T23:59:59Z" or "2024-12-31T23:59:59+01:00" (uppercase T and Z).`,
            path,
            statePath,
          )
        }
        return
      case 'resource':
        if (typeof value !== 'string') return bad('an ARN string')
        if (hasPlaceholder(value)) return // substituted at deploy time: nothing to check
        if (!/^arn:[^:\s]+:[^:\s]+:[^:\s]*:[^:\s]*:\S+$/.test(value)) {
          this.error(
            'INVALID_RESOURCE',
            `${subject}: ${field} ${describe(value)} is not an ARN. Use a service integration such as "arn:aws:states:::lambda:invoke", a Lambda function ARN, or an activity ARN.`,
            path,
            statePath,
          )
        }
        return
      case 'condition':
        if (typeof value === 'boolean') return
        if (!isJsonataString(value)) return bad('a {% %} JSONata expression')
        this.checkJsonata(value, path, statePath, subject, field)
        return
      case 'nested':
        if (
          field === 'ErrorEquals' ||
          field === 'Choices' ||
          field === 'Branches' ||
          field === 'Retry' ||
          field === 'Catch'
        ) {
          if (!Array.isArray(value)) bad('an array')
        } else if (!isJsonObject(value)) bad('an object')
        return
      case 'stringArray':
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
          bad('an array of strings')
        return
      case 'label':
        if (typeof value !== 'string') return bad('a string')
        if (value.length > MAX_LABEL_LENGTH || hasForbiddenNameCharacter(value)) {
          if (hasPlaceholder(value)) return this.placeholder(value, path, statePath, subject, field)
          bad(
            `at most ${MAX_LABEL_LENGTH} characters without whitespace, brackets or the characters ? * " # % \\ ^ | ~ \` $ & , ; : /`,
          )
        }
        return
      default:
        assertNever(spec.kind, 'field kind')
    }
  }

  private checkNumber(
    spec: FieldSpec,
    value: JsonValue,
    path: DocPath,
    statePath: string[],
    subject: string,
    language: QueryLanguage,
  ): void {
    const field = spec.name
    if (hasPlaceholder(value)) return this.placeholder(value, path, statePath, subject, field)
    const integer = spec.kind === 'integer'
    const range =
      spec.min !== undefined && spec.max !== undefined
        ? ` from ${spec.min} to ${spec.max}`
        : spec.min !== undefined
          ? ` of at least ${spec.min}`
          : ''
    const what = `${integer ? 'an integer' : 'a number'}${range}${spec.jsonata && language === 'JSONata' ? ' (or a {% %} expression)' : ''}`
    if (typeof value !== 'number' || (integer && !Number.isInteger(value))) {
      const hint =
        language === 'JSONPath' && spec.jsonata && isJsonataString(value)
          ? ' A {% %} expression needs "QueryLanguage": "JSONata" on the state or the machine.'
          : ''
      this.error(
        'INVALID_FIELD_VALUE',
        `${subject}: ${field} must be ${what}, not ${describe(value)}.${hint}`,
        path,
        statePath,
      )
      return
    }
    if (
      (spec.min !== undefined && value < spec.min) ||
      (spec.max !== undefined && value > spec.max)
    ) {
      this.error(
        'INVALID_FIELD_VALUE',
        `${subject}: ${field} must be ${what}, not ${value}.`,
        path,
        statePath,
      )
    }
  }

  private placeholder(
    value: JsonValue,
    path: DocPath,
    statePath: string[],
    subject: string,
    field: string,
  ): void {
    this.warning(
      'DEPLOY_TIME_PLACEHOLDER',
      `${subject}: ${field} is ${describe(value)}, a deploy-time substitution; Stepwise cannot check the value it will have.`,
      path,
      statePath,
    )
  }

  // ---- expressions

  /**
   * `path`: any JSONPath ($, $$, $var); `reference`: a reference path ($, $$, $var roots);
   * `result`: ResultPath, a reference path on the state input ($ root only).
   */
  private checkPath(
    value: string,
    mode: 'path' | 'reference' | 'result',
    path: DocPath,
    statePath: string[],
    subject: string,
    field: string,
  ): void {
    const problem = checkPathSyntax(value, mode)
    if (!problem) return
    const what = `${subject}: ${field} ${describe(value)}`
    switch (problem.kind) {
      case 'syntax':
        this.expressionProblem(
          'INVALID_PATH',
          `${what} is not a valid JSONPath: ${problem.message}.`,
          problem,
          path,
          statePath,
          value.length,
        )
        return
      case 'notInputRoot':
        this.error(
          'INVALID_REFERENCE_PATH',
          `${what} must start with "$": the result can only be placed into the state's input, not into ${value.startsWith('$$') ? 'the context object' : 'a variable (use Assign for variables)'}.`,
          path,
          statePath,
        )
        return
      case 'notReference':
        this.error(
          'INVALID_REFERENCE_PATH',
          `${what} must be a reference path: only .name, ['name'] and [index] steps, without wildcards, filters, slices, unions or '..'.`,
          path,
          statePath,
        )
        return
      default:
        assertNever(problem.kind, 'expression problem')
    }
  }

  private checkIntrinsic(
    value: string,
    path: DocPath,
    statePath: string[],
    subject: string,
    field: string,
  ): void {
    const problem = checkIntrinsicSyntax(value)
    if (problem) {
      this.expressionProblem(
        'INVALID_INTRINSIC',
        `${subject}: ${field} ${describe(value)} is not a valid intrinsic function call: ${problem.message}.`,
        problem,
        path,
        statePath,
        value.length,
      )
    }
  }

  private checkJsonata(
    value: string,
    path: DocPath,
    statePath: string[],
    subject: string,
    field: string,
  ): void {
    const problem = checkJsonataString(value)
    if (problem) {
      this.expressionProblem(
        'INVALID_JSONATA',
        `${subject}: ${field} has a JSONata syntax error: ${problem.message}.`,
        problem,
        path,
        statePath,
        value.length,
      )
    }
  }

  private expressionProblem(
    code: DiagnosticCode,
    message: string,
    problem: ExpressionProblem,
    path: DocPath,
    statePath: string[],
    length: number,
  ): void {
    const from = Math.min(problem.offset, length)
    const to = Math.min(length, from + Math.max(1, problem.length))
    const range = this.sourceMap?.stringRange(path, from, to)
    this.report(problem.severity, code, message, path, statePath, 'value', range)
  }

  /** Walks a value of a JSONata state: every `{% %}` string is an expression to check. */
  private checkJsonataStrings(
    value: JsonValue,
    path: DocPath,
    statePath: string[],
    subject: string,
    field: string,
  ): void {
    if (typeof value === 'string') {
      if (!value.startsWith('{%')) return
      if (isJsonataString(value)) this.checkJsonata(value, path, statePath, subject, field)
      else {
        this.error(
          'INVALID_JSONATA',
          `${subject}: ${field} starts with "{%" but does not end with "%}": a JSONata expression must fill the whole string, like "{% $states.input.id %}".`,
          path,
          statePath,
        )
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) =>
        this.checkJsonataStrings(item, [...path, i], statePath, subject, field),
      )
    } else if (isJsonObject(value)) {
      for (const key of Object.keys(value))
        this.checkJsonataStrings(value[key]!, [...path, key], statePath, subject, field)
    }
  }

  /** A JSONPath payload template: `key.$` values are paths or intrinsics, evaluated at run time. */
  private checkTemplate(
    value: JsonValue,
    path: DocPath,
    statePath: string[],
    subject: string,
    field: string,
  ): void {
    if (Array.isArray(value)) {
      value.forEach((item, i) => this.checkTemplate(item, [...path, i], statePath, subject, field))
      return
    }
    if (!isJsonObject(value)) return
    for (const key of Object.keys(value)) {
      const item = value[key]!
      const itemPath = [...path, key]
      if (key.endsWith('.$')) {
        if (typeof item !== 'string') {
          this.error(
            'INVALID_PAYLOAD_TEMPLATE',
            `${subject}: in ${field}, ${quote(key)} ends with ".$", so its value must be a path string (like "$.id") or an intrinsic function call, not ${describe(item)}. Remove ".$" from the key to pass the value as is.`,
            itemPath,
            statePath,
          )
        } else if (looksLikeIntrinsic(item)) {
          this.checkIntrinsic(item, itemPath, statePath, subject, `${field} ${quote(key)}`)
        } else {
          this.checkPath(item, 'path', itemPath, statePath, subject, `${field} ${quote(key)}`)
        }
        continue
      }
      if (typeof item === 'string') {
        if (looksLikePath(item) || looksLikeIntrinsicCall(item)) {
          this.warning(
            'NO_DOLLAR',
            `${subject}: in ${field}, ${quote(key)} holds ${describe(item)}, which looks like a ${looksLikePath(item) ? 'path' : 'intrinsic function'}, but the key does not end with ".$", so it is passed as plain text. Rename the key to ${quote(`${key}.$`)} to evaluate it.`,
            itemPath,
            statePath,
            'key',
          )
        } else if (isJsonataString(item)) {
          this.warning(
            'JSONATA_IN_JSONPATH_STATE',
            `${subject}: in ${field}, ${quote(key)} holds a {% %} JSONata expression, but the state uses JSONPath, so it is passed as plain text. Set "QueryLanguage": "JSONata" on the state to evaluate it.`,
            itemPath,
            statePath,
          )
        }
      } else {
        this.checkTemplate(item, itemPath, statePath, subject, field)
      }
    }
  }

  private checkAssign(
    assign: JsonValue,
    path: DocPath,
    ctx: StateContext | { label: string; statePath: string[]; language: QueryLanguage },
  ): void {
    if (!isJsonObject(assign)) return // reported as INVALID_FIELD_VALUE
    const { label, statePath, language } = ctx
    for (const key of Object.keys(assign)) {
      const keyPath = [...path, key]
      const name = language === 'JSONPath' && key.endsWith('.$') ? key.slice(0, -2) : key
      if (
        name.length === 0 ||
        name.length > MAX_VARIABLE_NAME_LENGTH ||
        !/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)
      ) {
        this.error(
          'INVALID_VARIABLE_NAME',
          `${label}: ${quote(name)} is not a valid variable name: start with a letter or "_", continue with letters, digits or "_", at most ${MAX_VARIABLE_NAME_LENGTH} characters.`,
          keyPath,
          statePath,
          'key',
        )
      } else if (name === 'states') {
        this.error(
          'INVALID_VARIABLE_NAME',
          `${label}: "states" is reserved (it is $states in JSONata): choose another variable name.`,
          keyPath,
          statePath,
          'key',
        )
      }
      if (language === 'JSONata' && key.endsWith('.$')) {
        this.warning(
          'INVALID_VARIABLE_NAME',
          `${label}: in a JSONata state, ${quote(key)} is a plain name: ".$" has no meaning here. Use a {% %} expression for the value instead.`,
          keyPath,
          statePath,
          'key',
        )
      }
    }
    if (language === 'JSONPath') this.checkTemplate(assign, path, statePath, label, 'Assign')
    else this.checkJsonataStrings(assign, path, statePath, label, 'Assign')
  }

  // ---- Retry and Catch

  private checkRetry(retry: JsonValue, ctx: StateContext): void {
    if (!Array.isArray(retry)) return
    retry.forEach((retrier, i) => {
      const path = [...ctx.path, 'Retry', i]
      const subject = `${ctx.label}: Retry[${i}]`
      if (!isJsonObject(retrier)) {
        this.error(
          'INVALID_FIELD_VALUE',
          `${subject} must be an object with ErrorEquals, not ${describeType(retrier)}.`,
          path,
          ctx.statePath,
        )
        return
      }
      this.checkFields(
        retrier,
        RETRIER_FIELDS,
        path,
        ctx.statePath,
        subject,
        ctx.language,
        'a retrier',
      )
      this.checkErrorEquals(retrier, path, subject, ctx, i, retry.length, 'retrier')
    })
  }

  private checkCatch(catchers: JsonValue, ctx: StateContext): void {
    if (!Array.isArray(catchers)) return
    catchers.forEach((catcher, i) => {
      const path = [...ctx.path, 'Catch', i]
      const subject = `${ctx.label}: Catch[${i}]`
      if (!isJsonObject(catcher)) {
        this.error(
          'INVALID_FIELD_VALUE',
          `${subject} must be an object with ErrorEquals and Next, not ${describeType(catcher)}.`,
          path,
          ctx.statePath,
        )
        return
      }
      this.checkFields(
        catcher,
        CATCHER_FIELDS,
        path,
        ctx.statePath,
        subject,
        ctx.language,
        'a catcher',
      )
      this.checkErrorEquals(catcher, path, subject, ctx, i, catchers.length, 'catcher')
      if (typeof catcher.Next === 'string') {
        this.transition(
          catcher.Next,
          [...path, 'Next'],
          ctx.statePath,
          ctx.scope,
          `${subject}: Next`,
          ctx,
        )
      }
      if (catcher.Assign !== undefined)
        this.checkAssign(catcher.Assign, [...path, 'Assign'], { ...ctx, label: subject })
    })
  }

  private checkErrorEquals(
    handler: JsonObject,
    path: DocPath,
    subject: string,
    ctx: StateContext,
    index: number,
    count: number,
    kind: 'retrier' | 'catcher',
  ): void {
    const errors = handler.ErrorEquals
    if (!Array.isArray(errors)) return
    const errorsPath = [...path, 'ErrorEquals']
    if (errors.length === 0) {
      this.error(
        'INVALID_ERROR_EQUALS',
        `${subject}: ErrorEquals is empty: list at least one error name, such as "States.ALL" or "States.TaskFailed".`,
        errorsPath,
        ctx.statePath,
      )
      return
    }
    errors.forEach((name, j) => {
      const namePath = [...errorsPath, j]
      if (typeof name !== 'string' || name.length === 0) {
        this.error(
          'INVALID_FIELD_VALUE',
          `${subject}: ErrorEquals[${j}] must be a non-empty error name, not ${describe(name)}.`,
          namePath,
          ctx.statePath,
        )
      } else if (name.startsWith('States.') && !isKnownStatesError(name)) {
        const suggestion = closest(name, KNOWN_STATES_ERRORS, true)
        const hint = name.startsWith('States.Http.StatusCode.')
          ? ': the HTTP Task names one three-digit status code, e.g. "States.Http.StatusCode.503".'
          : suggestion
            ? `. Did you mean ${quote(suggestion)}?`
            : '.'
        this.warning(
          'UNKNOWN_ERROR_NAME',
          `${subject}: ${quote(name)} is not an error Step Functions raises, so it never matches${hint}`,
          namePath,
          ctx.statePath,
        )
      }
    })
    const allAt = errors.indexOf('States.ALL')
    if (allAt === -1) return
    if (errors.length > 1) {
      this.error(
        'INVALID_ERROR_EQUALS',
        `${subject}: "States.ALL" must be the only error name in its ErrorEquals (it already matches every error); move the other names to an earlier ${kind}.`,
        [...errorsPath, allAt],
        ctx.statePath,
      )
    }
    if (index !== count - 1) {
      this.error(
        'STATES_ALL_NOT_LAST',
        `${subject} matches "States.ALL", so it must be the last ${kind}: the ${kind}s after it could never apply.`,
        [...errorsPath, allAt],
        ctx.statePath,
      )
    }
  }

  // ---- state types

  private checkTask(state: JsonObject, ctx: StateContext): void {
    const resource = state.Resource
    if (typeof resource === 'string' && ctx.scope.express) {
      const why = /\.sync(:\d+)?$/.test(resource)
        ? 'the .sync (run a job and wait) integration pattern'
        : /\.waitForTaskToken$/.test(resource)
          ? 'the .waitForTaskToken (callback) integration pattern'
          : /^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(resource)
            ? 'activities'
            : undefined
      if (why) {
        const where =
          this.workflowType === 'EXPRESS'
            ? 'Express workflows'
            : 'the EXPRESS child workflows of a Distributed Map'
        this.error(
          'EXPRESS_UNSUPPORTED',
          `${ctx.label}: ${where} do not support ${why}; use a STANDARD workflow or the request-response form of the integration.`,
          [...ctx.path, 'Resource'],
          ctx.statePath,
        )
      }
    }
    const timeout = state.TimeoutSeconds
    const heartbeat = state.HeartbeatSeconds
    if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
      this.error(
        'HEARTBEAT_TOO_LONG',
        `${ctx.label}: HeartbeatSeconds (${heartbeat}) must be smaller than TimeoutSeconds (${timeout}).`,
        [...ctx.path, 'HeartbeatSeconds'],
        ctx.statePath,
      )
    }
  }

  private checkPass(state: JsonObject, ctx: StateContext): void {
    const result = state.Result
    if (result !== undefined && ctx.language === 'JSONPath' && containsDollarKey(result)) {
      this.warning(
        'PASS_RESULT_IS_STATIC',
        `${ctx.label}: Result is returned as written: its ".$" keys are not evaluated. To compute values, use Parameters instead of Result.`,
        [...ctx.path, 'Result'],
        ctx.statePath,
      )
    }
  }

  private checkWait(state: JsonObject, ctx: StateContext): void {
    const forms = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'].filter(
      (f) => state[f] !== undefined,
    )
    if (forms.length === 0) {
      this.error(
        'INVALID_WAIT',
        `${ctx.label} does not say how long to wait: add one of Seconds, Timestamp${ctx.language === 'JSONPath' ? ', SecondsPath or TimestampPath' : ''}.`,
        ctx.path,
        ctx.statePath,
        'key',
      )
    } else if (forms.length > 1) {
      this.error(
        'INVALID_WAIT',
        `${ctx.label} has ${forms.join(' and ')}: a Wait state takes exactly one of Seconds, SecondsPath, Timestamp and TimestampPath.`,
        [...ctx.path, forms[1]!],
        ctx.statePath,
        'key',
      )
    }
  }

  private checkFail(state: JsonObject, ctx: StateContext): void {
    if (ctx.language !== 'JSONPath') return
    for (const field of ['Error', 'Cause'] as const) {
      const value = state[field]
      if (typeof value === 'string' && (looksLikePath(value) || looksLikeIntrinsicCall(value))) {
        this.warning(
          'NO_PATH',
          `${ctx.label}: ${field} ${describe(value)} looks like a ${looksLikePath(value) ? 'path' : 'intrinsic function'}, but ${field} is used as plain text. Use ${field}Path to evaluate it.`,
          [...ctx.path, field],
          ctx.statePath,
        )
      }
    }
  }

  private checkChoice(state: JsonObject, ctx: StateContext): void {
    if (typeof state.Default === 'string') {
      this.transition(
        state.Default,
        [...ctx.path, 'Default'],
        ctx.statePath,
        ctx.scope,
        `${ctx.label}: Default`,
        ctx,
      )
    }
    const choices = state.Choices
    if (!Array.isArray(choices)) return
    if (choices.length === 0) {
      this.error(
        'INVALID_FIELD_VALUE',
        `${ctx.label}: Choices is empty: add at least one choice rule.`,
        [...ctx.path, 'Choices'],
        ctx.statePath,
      )
      return
    }
    choices.forEach((rule, i) => {
      const path = [...ctx.path, 'Choices', i]
      const subject = `${ctx.label}: Choices[${i}]`
      if (!isJsonObject(rule)) {
        this.error(
          'INVALID_FIELD_VALUE',
          `${subject} must be an object (a choice rule), not ${describeType(rule)}.`,
          path,
          ctx.statePath,
        )
        return
      }
      if (ctx.language === 'JSONata') this.checkJsonataRule(rule, path, subject, ctx)
      else this.checkJsonPathRule(rule, path, subject, ctx, true)
      if (typeof rule.Next === 'string') {
        this.transition(
          rule.Next,
          [...path, 'Next'],
          ctx.statePath,
          ctx.scope,
          `${subject}: Next`,
          ctx,
        )
      }
    })
  }

  private checkJsonataRule(
    rule: JsonObject,
    path: DocPath,
    subject: string,
    ctx: StateContext,
  ): void {
    for (const key of Object.keys(rule)) {
      if (JSONPATH_RULE_KEYS.has(key)) {
        this.error(
          'FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE',
          `${subject} uses JSONata, and ${key} belongs to JSONPath choice rules. Write the test as "Condition": "{% … %}".`,
          [...path, key],
          ctx.statePath,
          'key',
        )
      }
    }
    const filtered: JsonObject = {}
    for (const key of Object.keys(rule))
      if (!JSONPATH_RULE_KEYS.has(key)) filtered[key] = rule[key]!
    this.checkFields(
      filtered,
      JSONATA_CHOICE_RULE_FIELDS,
      path,
      ctx.statePath,
      subject,
      'JSONata',
      'a JSONata choice rule',
    )
    if (rule.Assign !== undefined)
      this.checkAssign(rule.Assign, [...path, 'Assign'], { ...ctx, label: subject })
  }

  private checkJsonPathRule(
    rule: JsonObject,
    path: DocPath,
    subject: string,
    ctx: StateContext,
    top: boolean,
  ): void {
    const operators: string[] = []
    for (const key of Object.keys(rule)) {
      const keyPath = [...path, key]
      if (
        COMPARISON_OPERATORS.has(key) ||
        PATH_OPERATORS.has(key) ||
        TYPE_TESTS.has(key) ||
        key === 'And' ||
        key === 'Or' ||
        key === 'Not'
      ) {
        operators.push(key)
        continue
      }
      switch (key) {
        case 'Variable':
        case 'Comment':
          continue
        case 'Next':
        case 'Assign':
          if (!top) {
            this.error(
              'NEXT_IN_NESTED_RULE',
              `${subject}: ${key} is only allowed on top-level choice rules, not inside And, Or or Not.`,
              keyPath,
              ctx.statePath,
              'key',
            )
          }
          continue
        case 'Condition':
        case 'Output':
          this.error(
            'FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE',
            `${subject} uses JSONPath, and ${key} belongs to JSONata choice rules.${key === 'Condition' ? ' Use Variable with a comparison operator, or set "QueryLanguage": "JSONata" on the state.' : ''}`,
            keyPath,
            ctx.statePath,
            'key',
          )
          continue
        default: {
          const suggestion = closest(
            key,
            [...JSONPATH_RULE_KEYS, 'Next', 'Comment', 'Assign'],
            true,
          )
          this.error(
            'UNKNOWN_FIELD',
            `${subject} has a field ${quote(key)}, which choice rules do not support.${suggestion ? ` Did you mean ${quote(suggestion)}?` : ''}`,
            keyPath,
            ctx.statePath,
            'key',
          )
        }
      }
    }
    if (typeof rule.Comment !== 'string' && rule.Comment !== undefined) {
      this.error(
        'INVALID_FIELD_VALUE',
        `${subject}: Comment must be a string.`,
        [...path, 'Comment'],
        ctx.statePath,
      )
    }
    if (top) {
      if (rule.Next === undefined) {
        this.error(
          'MISSING_FIELD',
          `${subject} has no Next: every top-level choice rule names the state to run when it matches.`,
          [...path, 'Next'],
          ctx.statePath,
          'key',
        )
      } else if (typeof rule.Next !== 'string' || rule.Next.length === 0) {
        this.error(
          'INVALID_FIELD_VALUE',
          `${subject}: Next must be the name of a state, not ${describe(rule.Next)}.`,
          [...path, 'Next'],
          ctx.statePath,
        )
      }
      if (rule.Assign !== undefined) {
        if (!isJsonObject(rule.Assign)) {
          this.error(
            'INVALID_FIELD_VALUE',
            `${subject}: Assign must be an object mapping variable names to values.`,
            [...path, 'Assign'],
            ctx.statePath,
          )
        } else this.checkAssign(rule.Assign, [...path, 'Assign'], { ...ctx, label: subject })
      }
    }
    if (operators.length === 0) {
      this.error(
        'INVALID_CHOICE_RULE',
        `${subject} has no comparison: add a Variable with one operator (StringEquals, NumericGreaterThan, IsPresent, …), or combine rules with And, Or or Not.`,
        path,
        ctx.statePath,
        'key',
      )
      return
    }
    if (operators.length > 1) {
      this.error(
        'INVALID_CHOICE_RULE',
        `${subject} has ${operators.length} operators (${operators.join(', ')}); a choice rule takes exactly one. Combine several tests with And or Or.`,
        [...path, operators[1]!],
        ctx.statePath,
        'key',
      )
      return
    }
    const op = operators[0]!
    const opPath = [...path, op]
    const operand = rule[op]!
    if (op === 'And' || op === 'Or' || op === 'Not') {
      if (rule.Variable !== undefined) {
        this.error(
          'INVALID_CHOICE_RULE',
          `${subject}: Variable cannot be used with ${op}; put it in the rules inside ${op}.`,
          [...path, 'Variable'],
          ctx.statePath,
          'key',
        )
      }
      if (op === 'Not') {
        if (!isJsonObject(operand)) {
          this.error(
            'INVALID_OPERAND',
            `${subject}: Not must hold one choice rule (an object), not ${describeType(operand)}.`,
            opPath,
            ctx.statePath,
          )
        } else this.checkJsonPathRule(operand, opPath, `${subject}.Not`, ctx, false)
        return
      }
      if (!Array.isArray(operand) || operand.length === 0) {
        this.error(
          'INVALID_OPERAND',
          `${subject}: ${op} must be a non-empty array of choice rules.`,
          opPath,
          ctx.statePath,
        )
        return
      }
      operand.forEach((inner, j) => {
        const innerPath = [...opPath, j]
        if (!isJsonObject(inner)) {
          this.error(
            'INVALID_OPERAND',
            `${subject}.${op}[${j}] must be a choice rule (an object), not ${describeType(inner)}.`,
            innerPath,
            ctx.statePath,
          )
        } else this.checkJsonPathRule(inner, innerPath, `${subject}.${op}[${j}]`, ctx, false)
      })
      return
    }
    const variable = rule.Variable
    if (variable === undefined) {
      this.error(
        'MISSING_FIELD',
        `${subject} uses ${op} but has no Variable: add "Variable": "$.field" to say what to compare.`,
        [...path, 'Variable'],
        ctx.statePath,
        'key',
      )
    } else if (typeof variable !== 'string') {
      this.error(
        'INVALID_FIELD_VALUE',
        `${subject}: Variable must be a path string such as "$.status", not ${describe(variable)}.`,
        [...path, 'Variable'],
        ctx.statePath,
      )
    } else {
      this.checkPath(variable, 'path', [...path, 'Variable'], ctx.statePath, subject, 'Variable')
    }
    this.checkOperand(op, operand, opPath, subject, ctx)
  }

  private checkOperand(
    op: string,
    operand: JsonValue,
    path: DocPath,
    subject: string,
    ctx: StateContext,
  ): void {
    const bad = (expected: string) =>
      this.error(
        'INVALID_OPERAND',
        `${subject}: ${op} compares with ${expected}, not ${describe(operand)}.`,
        path,
        ctx.statePath,
      )
    if (PATH_OPERATORS.has(op)) {
      if (typeof operand !== 'string') return bad('a path string such as "$.limit"')
      this.checkPath(operand, 'reference', path, ctx.statePath, subject, op)
      return
    }
    if (TYPE_TESTS.has(op)) {
      if (typeof operand !== 'boolean') bad('true or false')
      return
    }
    if (op.startsWith('String')) {
      if (typeof operand !== 'string') bad('a string')
    } else if (op.startsWith('Numeric')) {
      if (hasPlaceholder(operand)) this.placeholder(operand, path, ctx.statePath, subject, op)
      else if (typeof operand !== 'number') bad('a number')
    } else if (op === 'BooleanEquals') {
      if (hasPlaceholder(operand)) this.placeholder(operand, path, ctx.statePath, subject, op)
      else if (typeof operand !== 'boolean') bad('true or false')
    } else if (op.startsWith('Timestamp')) {
      if (typeof operand !== 'string') bad('an RFC 3339 timestamp string')
      else if (hasPlaceholder(operand)) this.placeholder(operand, path, ctx.statePath, subject, op)
      else if (!isRfc3339(operand)) {
        this.error(
          'INVALID_TIMESTAMP',
          `${subject}: ${op} ${describe(operand)} is not an RFC 3339 timestamp: write it like "2024-12-31T23:59:59Z" (uppercase T and Z).`,
          path,
          ctx.statePath,
        )
      }
    }
  }

  private checkParallel(state: JsonObject, ctx: StateContext): void {
    const branches = state.Branches
    if (!Array.isArray(branches)) return
    if (branches.length === 0) {
      this.error(
        'INVALID_FIELD_VALUE',
        `${ctx.label}: Branches is empty: add at least one branch with StartAt and States.`,
        [...ctx.path, 'Branches'],
        ctx.statePath,
      )
      return
    }
    branches.forEach((branch, i) => {
      const path = [...ctx.path, 'Branches', i]
      const description = `branch ${i + 1} of ${quote(ctx.name)}`
      if (!isJsonObject(branch)) {
        this.error(
          'INVALID_FIELD_VALUE',
          `${ctx.label}: Branches[${i}] must be an object with StartAt and States, not ${describeType(branch)}.`,
          path,
          ctx.statePath,
        )
        return
      }
      this.checkFields(
        branch,
        BRANCH_FIELDS,
        path,
        ctx.statePath,
        capitalize(description),
        ctx.language,
        'a branch',
      )
      this.validateScope(
        branch,
        this.makeScope(branch, path, ctx.statePath, description, ctx.scope.express),
      )
    })
  }

  private checkMap(state: JsonObject, ctx: StateContext): void {
    const { path, statePath, label, language } = ctx
    const processorField =
      state.ItemProcessor !== undefined
        ? 'ItemProcessor'
        : state.Iterator !== undefined
          ? 'Iterator'
          : undefined
    if (!processorField) {
      this.error(
        'MISSING_FIELD',
        `${label} has no ItemProcessor: add one with StartAt and States, the workflow to run for each item.`,
        [...path, 'ItemProcessor'],
        statePath,
        'key',
      )
    }
    let mode = 'INLINE'
    let childExpress = ctx.scope.express
    const processor = processorField ? state[processorField] : undefined
    if (processorField && isJsonObject(processor)) {
      const processorPath = [...path, processorField]
      const description = `the ${processorField} of ${quote(ctx.name)}`
      this.checkFields(
        processor,
        ITEM_PROCESSOR_FIELDS,
        processorPath,
        statePath,
        capitalize(description),
        language,
        processorField === 'ItemProcessor' ? 'an ItemProcessor' : 'an Iterator',
      )
      const config = processor.ProcessorConfig
      if (isJsonObject(config)) {
        const configPath = [...processorPath, 'ProcessorConfig']
        this.checkFields(
          config,
          PROCESSOR_CONFIG_FIELDS,
          configPath,
          statePath,
          `${label}: ProcessorConfig`,
          language,
          'a ProcessorConfig',
        )
        if (config.Mode === 'DISTRIBUTED') {
          mode = 'DISTRIBUTED'
          if (config.ExecutionType === undefined) {
            this.error(
              'MISSING_FIELD',
              `${label}: a Distributed Map needs ProcessorConfig.ExecutionType: STANDARD or EXPRESS, the type of its child workflows.`,
              [...configPath, 'ExecutionType'],
              statePath,
              'key',
            )
          }
          if (config.ExecutionType === 'EXPRESS') childExpress = true
        }
      }
      this.validateScope(
        processor,
        this.makeScope(processor, processorPath, statePath, description, childExpress),
      )
    }
    // AWS accepts these fields on an inline Map (a recorded execution has ToleratedFailureCount
    // on one) but they only take effect in Distributed mode: a warning, not an error.
    if (mode !== 'DISTRIBUTED') {
      for (const field of DISTRIBUTED_ONLY) {
        if (state[field] !== undefined) {
          this.warning(
            'DISTRIBUTED_ONLY_FIELD',
            `${label}: ${field} only takes effect in a Distributed Map: set "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" } in the ItemProcessor.`,
            [...path, field],
            statePath,
            'key',
          )
        }
      }
    }
    this.checkMapPart(state.ItemReader, ITEM_READER_FIELDS, 'ItemReader', ctx)
    this.checkMapPart(state.ItemBatcher, ITEM_BATCHER_FIELDS, 'ItemBatcher', ctx)
    this.checkMapPart(state.ResultWriter, RESULT_WRITER_FIELDS, 'ResultWriter', ctx)
    const reader = state.ItemReader
    if (isJsonObject(reader) && isJsonObject(reader.ReaderConfig)) {
      const configPath = [...path, 'ItemReader', 'ReaderConfig']
      const config = reader.ReaderConfig
      this.checkFields(
        config,
        READER_CONFIG_FIELDS,
        configPath,
        statePath,
        `${label}: ItemReader.ReaderConfig`,
        language,
        'a ReaderConfig',
      )
      if (config.CSVHeaderLocation === 'GIVEN' && config.CSVHeaders === undefined) {
        this.error(
          'MISSING_FIELD',
          `${label}: ItemReader.ReaderConfig has CSVHeaderLocation GIVEN, so it needs CSVHeaders, the list of column names.`,
          [...configPath, 'CSVHeaders'],
          statePath,
          'key',
        )
      }
    }
    const writer = state.ResultWriter
    if (isJsonObject(writer) && isJsonObject(writer.WriterConfig)) {
      this.checkFields(
        writer.WriterConfig,
        WRITER_CONFIG_FIELDS,
        [...path, 'ResultWriter', 'WriterConfig'],
        statePath,
        `${label}: ResultWriter.WriterConfig`,
        language,
        'a WriterConfig',
      )
    }
  }

  private checkMapPart(
    value: JsonValue | undefined,
    table: readonly FieldSpec[],
    field: string,
    ctx: StateContext,
  ): void {
    if (!isJsonObject(value)) return
    this.checkFields(
      value,
      table,
      [...ctx.path, field],
      ctx.statePath,
      `${ctx.label}: ${field}`,
      ctx.language,
      `an ${field}`,
    )
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function quote(text: string): string {
  return JSON.stringify(text)
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function describeType(value: JsonValue): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  return `the ${typeof value} ${truncate(JSON.stringify(value), 40)}`
}

/** A short rendering of a value for messages. */
function describe(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing'
  if (isJsonObject(value)) return 'an object'
  if (Array.isArray(value)) return 'an array'
  return truncate(JSON.stringify(value), 60)
}

/** Whitespace, brackets, wildcards, `" # % \\ ^ | ~ \` $ & , ; : /` and control characters. */
function hasForbiddenNameCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c <= 0x20 || (c >= 0x7f && c <= 0x9f)) return true
  }
  return /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/.test(value)
}

function looksLikePath(value: string): boolean {
  return /^\$\$?(\.|\[)/.test(value)
}

function looksLikeIntrinsicCall(value: string): boolean {
  return /^States\.[A-Za-z]+\(.*\)$/s.test(value)
}

function containsDollarKey(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.some(containsDollarKey)
  if (!isJsonObject(value)) return false
  return Object.keys(value).some((key) => key.endsWith('.$') || containsDollarKey(value[key]!))
}

// RFC 3339 date-time with AWS's further restrictions: uppercase T and Z.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/

export function isRfc3339(value: string): boolean {
  const m = RFC3339.exec(value)
  if (!m) return false
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(
    Number,
  ) as [number, number, number, number, number, number]
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!
  if (day > days) return false
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false
  return true
}
