// Converting a state between JSONPath and JSONata, for the inspector's query-language switch.
//
// JSONPath states shape data with five fields (InputPath, Parameters, ResultSelector, ResultPath,
// OutputPath) and `key.$` templates; JSONata states with Arguments and Output holding `{% %}`
// expressions over $states.input / $states.result / $states.context. The conversion rewrites
// what has a faithful equivalent (reference paths, templates, most intrinsic functions, Choice
// comparisons, the `…Path` twins of value fields) and reports the rest: those fields are KEPT as
// they were (the validator then flags them), so switching never silently loses anything.
// Nested states that inherit the query language (no QueryLanguage of their own) are converted
// with their Parallel or Map.

import type { ChoiceOperator, JsonObject, JsonValue, QueryLanguage } from '../../core/asl/types'
import { isJsonObject, isJsonataString } from '../../core/asl/types'
import type { IntrinsicArg, IntrinsicCall } from '../../core/expr'
import { looksLikeIntrinsic, parseIntrinsic, parseJsonPath } from '../../core/expr'
import { hasOwn } from '../../core/graph/json'
import { comparisonOperator, expressionKind, isExpressionKey } from './choiceRules'
import { insertOrdered } from './edit'

export interface ConversionResult {
  definition: JsonObject
  /** What was rewritten, e.g. "Parameters → Arguments". */
  converted: string[]
  /** What could not be rewritten and was kept as it was, with why. */
  kept: string[]
}

/** Converts one state definition (and the nested states that inherit its language). */
export function convertState(definition: JsonObject, to: QueryLanguage): ConversionResult {
  const notes: Notes = { converted: [], kept: [], prefix: '' }
  const result =
    to === 'JSONata' ? stateToJsonata(definition, notes) : stateToJsonPath(definition, notes)
  return { definition: result, converted: notes.converted, kept: notes.kept }
}

interface Notes {
  converted: string[]
  kept: string[]
  /** "Branch 1 › Inner: " for nested states. */
  prefix: string
}

function note(notes: Notes, list: 'converted' | 'kept', text: string): void {
  notes[list].push(notes.prefix + text)
}

// ---------------------------------------------------------------------------------------------
// An object edited key by key, keeping positions: a renamed key stays where the old one was.

class Keyed {
  entries: [string, JsonValue][]
  constructor(object: JsonObject) {
    this.entries = Object.entries(object)
  }
  has(key: string): boolean {
    return this.entries.some(([k]) => k === key)
  }
  get(key: string): JsonValue | undefined {
    return this.entries.find(([k]) => k === key)?.[1]
  }
  /** Replaces `from` by `to` in place (or sets `to` in order when `from` is absent). */
  rename(from: string, to: string, value: JsonValue): void {
    const at = this.entries.findIndex(([k]) => k === from)
    this.entries = this.entries.filter(([k]) => k !== to)
    const index = this.entries.findIndex(([k]) => k === from)
    if (at === -1 || index === -1) {
      this.set(to, value)
      return
    }
    this.entries[index] = [to, value]
  }
  set(key: string, value: JsonValue): void {
    const at = this.entries.findIndex(([k]) => k === key)
    if (at !== -1) this.entries[at] = [key, value]
    else this.entries = Object.entries(insertOrdered(this.toObject(), key, value))
  }
  remove(key: string): void {
    this.entries = this.entries.filter(([k]) => k !== key)
  }
  /** The index of the first present key among `keys`, for placing a replacement. */
  firstIndexOf(keys: readonly string[]): number {
    return this.entries.findIndex(([k]) => keys.includes(k))
  }
  insertAt(index: number, key: string, value: JsonValue): void {
    this.entries = this.entries.filter(([k]) => k !== key)
    this.entries.splice(Math.min(index, this.entries.length), 0, [key, value])
  }
  toObject(): JsonObject {
    return Object.fromEntries(this.entries)
  }
}

// ---------------------------------------------------------------------------------------------
// JSONPath → JSONata: paths, intrinsics, templates

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/
const JSONATA_WORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function'])

function jsonataStep(name: string): string {
  return IDENTIFIER.test(name) && !JSONATA_WORDS.has(name) ? `.${name}` : `.\`${name}\``
}

/** Wraps an expression in parentheses unless it is already a plain path. */
function paren(expr: string): string {
  return /^\$[A-Za-z_.0-9`[\]]*$/.test(expr) ? expr : `(${expr})`
}

/** A JSONPath reference path as JSONata, `$` standing for `dollar`; undefined when not possible. */
export function pathToJsonata(source: string, dollar: string): string | undefined {
  let path
  try {
    path = parseJsonPath(source)
  } catch {
    return undefined
  }
  let out: string
  switch (path.root.kind) {
    case 'input':
      out = paren(dollar)
      break
    case 'context':
      out = '$states.context'
      break
    case 'variable':
      out = `$${path.root.name}`
      break
    default:
      return undefined
  }
  for (const segment of path.segments) {
    if (segment.kind === 'property') out += jsonataStep(segment.name)
    else if (segment.kind === 'index') out += `[${segment.index}]`
    else return undefined
  }
  return out
}

function intrinsicArg(arg: IntrinsicArg, dollar: string): string | undefined {
  switch (arg.kind) {
    case 'literal':
      return JSON.stringify(arg.value)
    case 'path':
      return pathToJsonata(arg.path.source, dollar)
    case 'call':
      return intrinsicToJsonata(arg, dollar)
  }
}

/** An intrinsic function call as JSONata (with AWS's JSONata functions), when there is one. */
function intrinsicToJsonata(call: IntrinsicCall, dollar: string): string | undefined {
  const args = call.args.map((arg) => intrinsicArg(arg, dollar))
  if (args.some((arg) => arg === undefined)) return undefined
  const a = args as string[]
  switch (call.name) {
    case 'States.Format': {
      const template = call.args[0]
      if (template?.kind !== 'literal' || typeof template.value !== 'string') return undefined
      return formatToJsonata(template.raw ?? template.value, a.slice(1))
    }
    case 'States.StringToJson':
      return `$parse(${a[0]})`
    case 'States.JsonToString':
      return `$string(${a[0]})`
    case 'States.Array':
      return `[${a.join(', ')}]`
    case 'States.ArrayPartition':
      return `$partition(${a[0]}, ${a[1]})`
    case 'States.ArrayContains':
      return `(${a[1]} in ${a[0]})`
    case 'States.ArrayRange':
      return `$range(${a[0]}, ${a[1]}, ${a[2]})`
    case 'States.ArrayGetItem':
      return `${paren(a[0]!)}[${a[1]}]`
    case 'States.ArrayLength':
      return `$count(${a[0]})`
    case 'States.ArrayUnique':
      return `$distinct(${a[0]})`
    case 'States.Base64Encode':
      return `$base64encode(${a[0]})`
    case 'States.Base64Decode':
      return `$base64decode(${a[0]})`
    case 'States.Hash':
      return `$hash(${a[0]}, ${a[1]})`
    case 'States.JsonMerge':
      return a[2] === 'false' ? `$merge([${a[0]}, ${a[1]}])` : undefined
    case 'States.MathAdd':
      return `(${a[0]} + ${a[1]})`
    case 'States.MathRandom':
      return a.length === 2 ? `$floor($random() * (${a[1]} - ${a[0]})) + ${a[0]}` : undefined
    case 'States.StringSplit': {
      const separator = call.args[1]
      // StringSplit splits on any of the characters; $split on the whole string.
      return separator?.kind === 'literal' &&
        typeof separator.value === 'string' &&
        separator.value.length === 1
        ? `$split(${a[0]}, ${a[1]})`
        : undefined
    }
    case 'States.UUID':
      return '$uuid()'
    default:
      return undefined
  }
}

/** States.Format('Hello {}!', $.name) → "Hello " & $string(name) & "!" */
function formatToJsonata(raw: string, args: string[]): string | undefined {
  const parts: string[] = []
  let text = ''
  let next = 0
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!
    if (c === '\\' && i + 1 < raw.length) {
      text += raw[++i]
    } else if (c === '{' && raw[i + 1] === '}') {
      if (text) parts.push(JSON.stringify(text))
      text = ''
      const arg = args[next++]
      if (arg === undefined) return undefined
      parts.push(`$string(${arg})`)
      i++
    } else {
      text += c
    }
  }
  if (text || parts.length === 0) parts.push(JSON.stringify(text))
  return parts.join(' & ')
}

/** The value of a `key.$` entry (a path or an intrinsic) as a JSONata expression. */
function dynamicToJsonata(value: string, dollar: string): string | undefined {
  if (looksLikeIntrinsic(value)) {
    try {
      return intrinsicToJsonata(parseIntrinsic(value), dollar)
    } catch {
      return undefined
    }
  }
  return pathToJsonata(value, dollar)
}

function hasDynamicKeys(value: JsonValue | undefined): boolean {
  if (Array.isArray(value)) return value.some(hasDynamicKeys)
  if (!isJsonObject(value)) return false
  return Object.entries(value).some(([k, v]) => k.endsWith('.$') || hasDynamicKeys(v))
}

/** A payload template as a JSONata value: `"k.$": "$.x"` → `"k": "{% $states.input.x %}"`. */
export function templateToValue(template: JsonValue, dollar: string): JsonValue | undefined {
  if (Array.isArray(template)) {
    const items = template.map((item) => templateToValue(item, dollar))
    return items.some((item) => item === undefined) ? undefined : (items as JsonValue[])
  }
  if (!isJsonObject(template)) return template
  const out: [string, JsonValue][] = []
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      const expr = dynamicToJsonata(value, dollar)
      if (expr === undefined) return undefined
      out.push([key.slice(0, -2), `{% ${expr} %}`])
    } else {
      const converted = templateToValue(value, dollar)
      if (converted === undefined) return undefined
      out.push([key, converted])
    }
  }
  return Object.fromEntries(out)
}

/** A payload template as one JSONata expression (to compose with others). */
function templateToExpr(template: JsonValue, dollar: string): string | undefined {
  if (Array.isArray(template)) {
    const items = template.map((item) => templateToExpr(item, dollar))
    return items.some((item) => item === undefined) ? undefined : `[${items.join(', ')}]`
  }
  if (!isJsonObject(template)) return JSON.stringify(template)
  const parts: string[] = []
  for (const [key, value] of Object.entries(template)) {
    const dynamic = key.endsWith('.$') && typeof value === 'string'
    const expr = dynamic ? dynamicToJsonata(value, dollar) : templateToExpr(value, dollar)
    if (expr === undefined) return undefined
    parts.push(`${JSON.stringify(dynamic ? key.slice(0, -2) : key)}: ${expr}`)
  }
  return `{${parts.join(', ')}}`
}

/** `$.a.b` → ['a','b']; undefined unless only named steps from `$`. */
function resultPathSteps(source: string): string[] | undefined {
  let path
  try {
    path = parseJsonPath(source)
  } catch {
    return undefined
  }
  if (path.root.kind !== 'input') return undefined
  const steps: string[] = []
  for (const segment of path.segments) {
    if (segment.kind !== 'property') return undefined
    steps.push(segment.name)
  }
  return steps
}

/** The input with `value` placed at `steps`, as ResultPath does. */
function mergeAt(base: string, steps: readonly string[], value: string): string {
  if (steps.length === 0) return value
  const [first, ...rest] = steps as [string, ...string[]]
  const inner = mergeAt(`${paren(base)}${jsonataStep(first)}`, rest, value)
  return `$merge([${base}, {${JSON.stringify(first)}: ${inner}}])`
}

// ---------------------------------------------------------------------------------------------
// Choice rules → Condition

const COMPARE: Readonly<Record<string, string>> = {
  Equals: '=',
  LessThan: '<',
  GreaterThan: '>',
  LessThanEquals: '<=',
  GreaterThanEquals: '>=',
}

const RFC3339 = '/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$/'

function globToRegex(pattern: string): string {
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '\\' && i + 1 < pattern.length) {
      out += escapeRegex(pattern[++i]!)
    } else if (c === '*') out += '.*'
    else out += escapeRegex(c)
  }
  return `/^${out}$/`
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c
}

/** A JSONPath boolean expression as a JSONata condition. */
export function choiceToJsonata(expr: JsonValue, dollar: string): string | undefined {
  if (!isJsonObject(expr)) return undefined
  const kind = expressionKind(expr)
  if (kind === 'And' || kind === 'Or') {
    const list = expr[kind]
    if (!Array.isArray(list) || list.length === 0) return undefined
    const parts = list.map((child) => choiceToJsonata(child, dollar))
    if (parts.some((part) => part === undefined)) return undefined
    return parts.map((part) => `(${part})`).join(kind === 'And' ? ' and ' : ' or ')
  }
  if (kind === 'Not') {
    const inner = choiceToJsonata(expr.Not!, dollar)
    return inner === undefined ? undefined : `$not(${inner})`
  }
  const op = comparisonOperator(expr)
  if (!op || typeof expr.Variable !== 'string') return undefined
  const v = pathToJsonata(expr.Variable, dollar)
  if (v === undefined) return undefined
  return comparisonToJsonata(op, v, expr[op]!, dollar)
}

function comparisonToJsonata(
  op: ChoiceOperator,
  v: string,
  operand: JsonValue,
  dollar: string,
): string | undefined {
  if (op.startsWith('Is')) {
    if (typeof operand !== 'boolean') return undefined
    const test = op.slice(2)
    let positive: string
    switch (test) {
      case 'Present':
        return operand ? `$exists(${v})` : `$not($exists(${v}))`
      case 'Null':
        return `${v} ${operand ? '=' : '!='} null`
      case 'Numeric':
      case 'String':
      case 'Boolean':
        return `$type(${v}) ${operand ? '=' : '!='} "${test.toLowerCase() === 'numeric' ? 'number' : test.toLowerCase()}"`
      case 'Timestamp':
        positive = `($type(${v}) = "string" and $contains(${v}, ${RFC3339}))`
        return operand ? positive : `$not${positive}`
      default:
        return undefined
    }
  }
  if (op === 'StringMatches') {
    return typeof operand === 'string' ? `$contains(${v}, ${globToRegex(operand)})` : undefined
  }
  const isPath = op.endsWith('Path')
  const base = op.replace(/^(String|Numeric|Boolean|Timestamp)/, '').replace(/Path$/, '')
  const symbol = COMPARE[base]
  if (!symbol) return undefined
  let right: string | undefined
  if (isPath) right = typeof operand === 'string' ? pathToJsonata(operand, dollar) : undefined
  else right = JSON.stringify(operand)
  if (right === undefined) return undefined
  if (op.startsWith('Timestamp')) return `$toMillis(${v}) ${symbol} $toMillis(${right})`
  return `${v} ${symbol} ${right}`
}

// ---------------------------------------------------------------------------------------------
// A whole state → JSONata

const RESULT_TYPES = new Set(['Task', 'Parallel', 'Map'])

const PATH_TWINS: readonly [string, string][] = [
  ['TimeoutSecondsPath', 'TimeoutSeconds'],
  ['HeartbeatSecondsPath', 'HeartbeatSeconds'],
  ['SecondsPath', 'Seconds'],
  ['TimestampPath', 'Timestamp'],
  ['ErrorPath', 'Error'],
  ['CausePath', 'Cause'],
  ['MaxConcurrencyPath', 'MaxConcurrency'],
  ['ToleratedFailureCountPath', 'ToleratedFailureCount'],
  ['ToleratedFailurePercentagePath', 'ToleratedFailurePercentage'],
  ['MaxItemsPath', 'MaxItems'],
  ['MaxItemsPerBatchPath', 'MaxItemsPerBatch'],
  ['MaxInputBytesPerBatchPath', 'MaxInputBytesPerBatch'],
]

function twinsToJsonata(object: Keyed, dollar: string, notes: Notes, where = ''): void {
  for (const [pathKey, valueKey] of PATH_TWINS) {
    if (!object.has(pathKey)) continue
    const value = object.get(pathKey)
    const expr = typeof value === 'string' ? dynamicToJsonata(value, dollar) : undefined
    if (expr === undefined) {
      note(notes, 'kept', `${where}${pathKey}: no JSONata equivalent found`)
      continue
    }
    object.rename(pathKey, valueKey, `{% ${expr} %}`)
    note(notes, 'converted', `${where}${pathKey} → ${valueKey}`)
  }
}

function templateField(
  object: Keyed,
  from: string,
  to: string,
  dollar: string,
  notes: Notes,
  where = '',
): void {
  if (!object.has(from)) return
  const value = object.get(from)!
  if (from === to && !hasDynamicKeys(value)) return
  const converted = templateToValue(value, dollar)
  if (converted === undefined) {
    note(notes, 'kept', `${where}${from}: a path or intrinsic function has no JSONata equivalent`)
    return
  }
  object.rename(from, to, converted)
  note(notes, 'converted', from === to ? `${where}${from}` : `${where}${from} → ${to}`)
}

function stateToJsonata(definition: JsonObject, notes: Notes): JsonObject {
  const state = new Keyed(definition)
  const type = typeof definition.Type === 'string' ? definition.Type : ''

  let inputBase = '$states.input'
  let inputConverted = true
  if (state.has('InputPath')) {
    const value = state.get('InputPath')
    if (value === null) inputBase = '{}'
    else {
      const converted =
        typeof value === 'string' ? pathToJsonata(value, '$states.input') : undefined
      if (converted === undefined) {
        inputConverted = false
        note(notes, 'kept', 'InputPath: only reference paths can be converted')
      } else inputBase = converted
    }
  }

  // Inputs of the work
  // Without Parameters, the filtered input itself is what the work receives.
  const filtered = inputConverted && inputBase !== '$states.input'
  if (type === 'Task' || type === 'Parallel') {
    templateField(state, 'Parameters', 'Arguments', inputBase, notes)
    if (filtered && !state.has('Parameters') && !state.has('Arguments')) {
      state.set('Arguments', `{% ${inputBase} %}`)
    }
  }
  if (type === 'Map') {
    if (filtered && !state.has('ItemsPath') && !state.has('Items')) {
      state.set('Items', `{% ${inputBase} %}`)
    }
    if (state.has('Parameters') && !state.has('ItemSelector')) {
      templateField(state, 'Parameters', 'ItemSelector', inputBase, notes)
    }
    templateField(state, 'ItemSelector', 'ItemSelector', inputBase, notes)
    if (state.has('ItemsPath')) {
      const value = state.get('ItemsPath')
      const expr = typeof value === 'string' ? pathToJsonata(value, inputBase) : undefined
      if (expr === undefined)
        note(notes, 'kept', 'ItemsPath: only reference paths can be converted')
      else {
        if (expr === '$states.input') state.remove('ItemsPath')
        else state.rename('ItemsPath', 'Items', `{% ${expr} %}`)
        note(notes, 'converted', 'ItemsPath → Items')
      }
    }
    for (const key of ['ItemReader', 'ResultWriter']) {
      const value = state.get(key)
      if (!isJsonObject(value)) continue
      const inner = new Keyed(value)
      templateField(inner, 'Parameters', 'Arguments', inputBase, notes, `${key}.`)
      const config = inner.get('ReaderConfig')
      if (isJsonObject(config)) {
        const keyed = new Keyed(config)
        twinsToJsonata(keyed, inputBase, notes, `${key}.ReaderConfig.`)
        inner.set('ReaderConfig', keyed.toObject())
      }
      state.set(key, inner.toObject())
    }
    const batcher = state.get('ItemBatcher')
    if (isJsonObject(batcher)) {
      const inner = new Keyed(batcher)
      twinsToJsonata(inner, inputBase, notes, 'ItemBatcher.')
      templateField(inner, 'BatchInput', 'BatchInput', inputBase, notes, 'ItemBatcher.')
      state.set('ItemBatcher', inner.toObject())
    }
  }
  templateField(state, 'Credentials', 'Credentials', inputBase, notes)
  twinsToJsonata(state, type === 'Fail' ? '$states.input' : inputBase, notes)

  // The output
  const outputKeys = ['Result', 'ResultSelector', 'ResultPath', 'OutputPath']
  const hasResult = RESULT_TYPES.has(type) || type === 'Pass'
  let resultExpr: string | undefined
  let assignDollar = inputBase
  if (RESULT_TYPES.has(type)) {
    resultExpr = state.has('ResultSelector')
      ? templateToExpr(state.get('ResultSelector')!, '$states.result')
      : '$states.result'
  } else if (type === 'Pass') {
    if (state.has('Result')) resultExpr = JSON.stringify(state.get('Result'))
    else if (state.has('Parameters'))
      resultExpr = templateToExpr(state.get('Parameters')!, inputBase)
    else resultExpr = inputBase
  }
  if (resultExpr !== undefined) assignDollar = resultExpr
  const outputFields = [...outputKeys, ...(type === 'Pass' ? ['Parameters'] : [])].filter((key) =>
    state.has(key),
  )
  if (
    (state.has('InputPath') || outputFields.length > 0) &&
    type !== 'Fail' &&
    type !== '' &&
    inputConverted
  ) {
    const output = outputToJsonata(state, type, hasResult, resultExpr, inputBase)
    if (output === undefined) {
      note(notes, 'kept', `${outputFields.join(', ')}: no JSONata equivalent found`)
    } else {
      const inputAt = state.firstIndexOf(['InputPath'])
      state.remove('InputPath')
      const at = outputFields.length > 0 ? state.firstIndexOf(outputFields) : inputAt
      for (const key of outputFields) state.remove(key)
      if (output.value !== undefined) {
        if (at === -1) state.set('Output', output.value)
        else state.insertAt(at, 'Output', output.value)
      }
      const from = [...(hasOwn(definition, 'InputPath') ? ['InputPath'] : []), ...outputFields]
      note(
        notes,
        'converted',
        `${from.join(', ')} → ${output.value === undefined ? '(default output)' : 'Output'}`,
      )
    }
  }

  // Variables
  if (state.has('Assign')) templateField(state, 'Assign', 'Assign', assignDollar, notes)

  // Choice rules
  const choices = state.get('Choices')
  if (Array.isArray(choices)) {
    state.set(
      'Choices',
      choices.map((rule, i) => ruleToJsonata(rule, i, inputBase, notes)),
    )
  }

  // Catchers
  const catchers = state.get('Catch')
  if (Array.isArray(catchers)) {
    state.set(
      'Catch',
      catchers.map((catcher, i) => catcherToJsonata(catcher, i, notes)),
    )
  }

  nestedStates(state, 'JSONata', notes)
  return state.toObject()
}

function outputToJsonata(
  state: Keyed,
  type: string,
  hasResult: boolean,
  resultExpr: string | undefined,
  inputBase: string,
): { value: JsonValue | undefined } | undefined {
  if (hasResult && resultExpr === undefined) return undefined
  const resultPath = state.has('ResultPath') ? state.get('ResultPath') : '$'
  const outputPath = state.has('OutputPath') ? state.get('OutputPath') : '$'
  let out: string
  if (!hasResult) out = inputBase
  else if (resultPath === '$') out = resultExpr!
  else if (resultPath === null) out = '$states.input'
  else {
    const steps = typeof resultPath === 'string' ? resultPathSteps(resultPath) : undefined
    if (steps === undefined) return undefined
    out = mergeAt('$states.input', steps, resultExpr!)
  }
  if (outputPath === null) out = '{}'
  else if (outputPath !== '$') {
    const projected = typeof outputPath === 'string' ? pathToJsonata(outputPath, out) : undefined
    if (projected === undefined) return undefined
    out = projected
  }
  const defaultOut = RESULT_TYPES.has(type) ? '$states.result' : '$states.input'
  if (out === defaultOut) return { value: undefined }
  // Keep objects as objects where the whole output is one template or literal.
  const plain = resultPath === '$' && outputPath === '$'
  if (plain && RESULT_TYPES.has(type) && state.has('ResultSelector')) {
    const value = templateToValue(state.get('ResultSelector')!, '$states.result')
    if (value !== undefined) return { value }
  }
  if (plain && type === 'Pass') {
    if (state.has('Result') && !containsJsonata(state.get('Result')!)) {
      return { value: state.get('Result')! }
    }
    if (!state.has('Result') && state.has('Parameters')) {
      const value = templateToValue(state.get('Parameters')!, inputBase)
      if (value !== undefined) return { value }
    }
  }
  return { value: `{% ${out} %}` }
}

function containsJsonata(value: JsonValue): boolean {
  if (typeof value === 'string') return value.includes('{%')
  if (Array.isArray(value)) return value.some(containsJsonata)
  if (isJsonObject(value)) return Object.values(value).some(containsJsonata)
  return false
}

function ruleToJsonata(rule: JsonValue, index: number, dollar: string, notes: Notes): JsonValue {
  if (!isJsonObject(rule) || hasOwn(rule, 'Condition')) return rule
  const condition = choiceToJsonata(rule, dollar)
  if (condition === undefined) {
    note(notes, 'kept', `Choices[${index}]: this rule could not be converted to a Condition`)
    return rule
  }
  const out = new Keyed({ Condition: `{% ${condition} %}` })
  for (const [key, value] of Object.entries(rule)) {
    if (!isExpressionKey(key)) out.entries.push([key, value])
  }
  if (out.has('Assign')) templateField(out, 'Assign', 'Assign', dollar, notes, `Choices[${index}].`)
  note(notes, 'converted', `Choices[${index}] → Condition`)
  return out.toObject()
}

function catcherToJsonata(catcher: JsonValue, index: number, notes: Notes): JsonValue {
  if (!isJsonObject(catcher)) return catcher
  const out = new Keyed(catcher)
  const where = `Catch[${index}].`
  if (out.has('ResultPath')) {
    const value = out.get('ResultPath')
    const steps = typeof value === 'string' ? resultPathSteps(value) : undefined
    if (value === null) out.rename('ResultPath', 'Output', '{% $states.input %}')
    else if (steps === undefined) {
      note(notes, 'kept', `${where}ResultPath: only simple paths can be converted`)
    } else if (steps.length === 0) out.remove('ResultPath')
    else
      out.rename(
        'ResultPath',
        'Output',
        `{% ${mergeAt('$states.input', steps, '$states.errorOutput')} %}`,
      )
    if (!out.has('ResultPath')) note(notes, 'converted', `${where}ResultPath → Output`)
  }
  if (out.has('Assign')) templateField(out, 'Assign', 'Assign', '$states.errorOutput', notes, where)
  return out.toObject()
}

function nestedStates(state: Keyed, to: QueryLanguage, notes: Notes): void {
  const convertContainer = (container: JsonValue, label: string): JsonValue => {
    if (!isJsonObject(container) || !isJsonObject(container.States)) return container
    const states: [string, JsonValue][] = Object.entries(container.States).map(([name, inner]) => {
      if (!isJsonObject(inner) || hasOwn(inner, 'QueryLanguage')) return [name, inner]
      const nestedNotes: Notes = {
        converted: notes.converted,
        kept: notes.kept,
        prefix: `${notes.prefix}${label} › ${name}: `,
      }
      return [
        name,
        to === 'JSONata' ? stateToJsonata(inner, nestedNotes) : stateToJsonPath(inner, nestedNotes),
      ]
    })
    return { ...container, States: Object.fromEntries(states) }
  }
  const branches = state.get('Branches')
  if (Array.isArray(branches)) {
    state.set(
      'Branches',
      branches.map((branch, i) => convertContainer(branch, `Branch ${i + 1}`)),
    )
  }
  for (const key of ['ItemProcessor', 'Iterator']) {
    if (state.has(key)) state.set(key, convertContainer(state.get(key)!, key))
  }
}

// ---------------------------------------------------------------------------------------------
// JSONata → JSONPath: only plain path expressions have an equivalent

type Root = 'input' | 'context' | 'result' | 'errorOutput' | 'variable'

interface SimplePath {
  root: Root
  variable?: string
  steps: (string | number)[]
}

const STEP = /^(?:\.([A-Za-z_][A-Za-z0-9_]*)|\.`([^`]+)`|\[(\d+)\])/

/** `$states.input.a[0]`, `$states.context.Execution.Id`, `$var.x`: a plain path, else undefined. */
export function simplePath(expr: string): SimplePath | undefined {
  let text = expr.trim()
  let root: Root
  let variable: string | undefined
  const head = /^\$states\.(input|context|result|errorOutput)\b/.exec(text)
  if (head) {
    root = head[1] as Root
    text = text.slice(head[0].length)
  } else {
    const v = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text)
    if (!v || v[1] === 'states') return undefined
    root = 'variable'
    variable = v[1]!
    text = text.slice(v[0].length)
  }
  const steps: (string | number)[] = []
  while (text.length > 0) {
    const m = STEP.exec(text)
    if (!m) return undefined
    if (m[3] !== undefined) steps.push(Number(m[3]))
    else steps.push(m[1] ?? m[2]!)
    text = text.slice(m[0].length)
  }
  return variable === undefined ? { root, steps } : { root, variable, steps }
}

function jsonPathSteps(steps: readonly (string | number)[]): string {
  return steps
    .map((step) =>
      typeof step === 'number'
        ? `[${step}]`
        : IDENTIFIER.test(step)
          ? `.${step}`
          : `['${step.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`,
    )
    .join('')
}

/** Which roots stand for `$` in the JSONPath field being produced. */
type DollarRoot = 'input' | 'result' | 'errorOutput'

function jsonPathOf(path: SimplePath, dollar: DollarRoot): string | undefined {
  if (path.root === 'variable') return `$${path.variable}${jsonPathSteps(path.steps)}`
  if (path.root === 'context') return `$$${jsonPathSteps(path.steps)}`
  if (path.root === dollar) return `$${jsonPathSteps(path.steps)}`
  return undefined
}

function jsonataBodyOf(value: JsonValue | undefined): string | undefined {
  return isJsonataString(value) ? value.slice(2, -2).trim() : undefined
}

/** A JSONata value with `{% path %}` strings as a payload template, when every one is a path. */
function valueToTemplate(value: JsonValue, dollar: DollarRoot): JsonValue | undefined {
  if (Array.isArray(value)) {
    if (value.some((item) => isJsonataString(item))) return undefined
    const items = value.map((item) => valueToTemplate(item, dollar))
    return items.some((item) => item === undefined) ? undefined : (items as JsonValue[])
  }
  if (!isJsonObject(value)) return isJsonataString(value) ? undefined : value
  const out: [string, JsonValue][] = []
  for (const [key, item] of Object.entries(value)) {
    const body = jsonataBodyOf(item)
    if (body !== undefined) {
      const path = simplePath(body)
      const converted = path ? jsonPathOf(path, dollar) : undefined
      if (converted === undefined) return undefined
      out.push([`${key}.$`, converted])
    } else {
      const converted = valueToTemplate(item, dollar)
      if (converted === undefined) return undefined
      out.push([key, converted])
    }
  }
  return Object.fromEntries(out)
}

function templateFieldToJsonPath(
  object: Keyed,
  from: string,
  to: string,
  dollar: DollarRoot,
  notes: Notes,
  where = '',
): void {
  if (!object.has(from)) return
  const value = object.get(from)!
  if (from === to && !containsJsonata(value)) return
  const converted = isJsonObject(value) ? valueToTemplate(value, dollar) : undefined
  if (converted === undefined) {
    note(notes, 'kept', `${where}${from}: only {% %} strings holding plain paths can be converted`)
    return
  }
  object.rename(from, to, converted)
  note(notes, 'converted', from === to ? `${where}${from}` : `${where}${from} → ${to}`)
}

function twinsToJsonPath(object: Keyed, notes: Notes, where = ''): void {
  for (const [pathKey, valueKey] of PATH_TWINS) {
    const body = jsonataBodyOf(object.get(valueKey))
    if (body === undefined) continue
    const path = simplePath(body)
    const converted = path ? jsonPathOf(path, 'input') : undefined
    if (converted === undefined) {
      note(notes, 'kept', `${where}${valueKey}: the expression is not a plain path`)
      continue
    }
    object.rename(valueKey, pathKey, converted)
    note(notes, 'converted', `${where}${valueKey} → ${pathKey}`)
  }
}

/** `$merge([$states.input, {"k": $states.result}])` → ['k'] (what the forward conversion writes). */
function mergePattern(body: string, value: string): string | undefined {
  const m = /^\$merge\(\[\$states\.input, \{("(?:[^"\\]|\\.)*"): (.+)\}\]\)$/.exec(body)
  if (!m || m[2] !== value) return undefined
  try {
    const key = JSON.parse(m[1]!) as string
    return IDENTIFIER.test(key) ? key : `['${key}']`
  } catch {
    return undefined
  }
}

function stateToJsonPath(definition: JsonObject, notes: Notes): JsonObject {
  const state = new Keyed(definition)
  const type = typeof definition.Type === 'string' ? definition.Type : ''

  if (type === 'Task' || type === 'Parallel') {
    templateFieldToJsonPath(state, 'Arguments', 'Parameters', 'input', notes)
  }
  if (type === 'Map') {
    templateFieldToJsonPath(state, 'ItemSelector', 'ItemSelector', 'input', notes)
    if (state.has('Items')) {
      const body = jsonataBodyOf(state.get('Items'))
      const path = body === undefined ? undefined : simplePath(body)
      const converted = path ? jsonPathOf(path, 'input') : undefined
      if (converted === undefined)
        note(notes, 'kept', 'Items: only a plain path can become ItemsPath')
      else {
        state.rename('Items', 'ItemsPath', converted)
        note(notes, 'converted', 'Items → ItemsPath')
      }
    }
    for (const key of ['ItemReader', 'ResultWriter']) {
      const value = state.get(key)
      if (!isJsonObject(value)) continue
      const inner = new Keyed(value)
      templateFieldToJsonPath(inner, 'Arguments', 'Parameters', 'input', notes, `${key}.`)
      const config = inner.get('ReaderConfig')
      if (isJsonObject(config)) {
        const keyed = new Keyed(config)
        twinsToJsonPath(keyed, notes, `${key}.ReaderConfig.`)
        inner.set('ReaderConfig', keyed.toObject())
      }
      state.set(key, inner.toObject())
    }
    const batcher = state.get('ItemBatcher')
    if (isJsonObject(batcher)) {
      const inner = new Keyed(batcher)
      twinsToJsonPath(inner, notes, 'ItemBatcher.')
      templateFieldToJsonPath(inner, 'BatchInput', 'BatchInput', 'input', notes, 'ItemBatcher.')
      state.set('ItemBatcher', inner.toObject())
    }
  }
  templateFieldToJsonPath(state, 'Credentials', 'Credentials', 'input', notes)
  twinsToJsonPath(state, notes)

  if (state.has('Output')) outputToJsonPath(state, type, notes)

  if (state.has('Assign')) {
    const dollar: DollarRoot = RESULT_TYPES.has(type) ? 'result' : 'input'
    templateFieldToJsonPath(state, 'Assign', 'Assign', dollar, notes)
  }

  const choices = state.get('Choices')
  if (Array.isArray(choices)) {
    state.set(
      'Choices',
      choices.map((rule, i) => ruleToJsonPath(rule, i, notes)),
    )
  }

  const catchers = state.get('Catch')
  if (Array.isArray(catchers)) {
    state.set(
      'Catch',
      catchers.map((catcher, i) => catcherToJsonPath(catcher, i, notes)),
    )
  }

  nestedStates(state, 'JSONPath', notes)
  return state.toObject()
}

function outputToJsonPath(state: Keyed, type: string, notes: Notes): void {
  const value = state.get('Output')!
  const body = jsonataBodyOf(value)
  const hasResult = RESULT_TYPES.has(type)
  const keep = () => note(notes, 'kept', 'Output: no JSONPath equivalent found')
  if (body !== undefined) {
    const path = simplePath(body)
    if (path && hasResult && path.root === 'result') {
      if (path.steps.length === 0) state.remove('Output')
      else state.rename('Output', 'OutputPath', `$${jsonPathSteps(path.steps)}`)
    } else if (path && path.root === 'input') {
      const at = state.firstIndexOf(['Output'])
      state.remove('Output')
      if (path.steps.length > 0) state.insertAt(at, 'OutputPath', `$${jsonPathSteps(path.steps)}`)
      if (hasResult) state.insertAt(at, 'ResultPath', null)
    } else {
      const key = hasResult ? mergePattern(body, '$states.result') : undefined
      if (key === undefined) return keep()
      state.rename('Output', 'ResultPath', key.startsWith('[') ? `$${key}` : `$.${key}`)
    }
    note(notes, 'converted', 'Output → ResultPath/OutputPath')
    return
  }
  if (type === 'Pass' && !containsJsonata(value)) {
    state.rename('Output', 'Result', value)
    note(notes, 'converted', 'Output → Result')
    return
  }
  if (isJsonObject(value)) {
    const dollar: DollarRoot = hasResult ? 'result' : 'input'
    const template = valueToTemplate(value, dollar)
    if (template !== undefined && (hasResult || type === 'Pass')) {
      state.rename('Output', hasResult ? 'ResultSelector' : 'Parameters', template)
      note(notes, 'converted', `Output → ${hasResult ? 'ResultSelector' : 'Parameters'}`)
      return
    }
  }
  keep()
}

function catcherToJsonPath(catcher: JsonValue, index: number, notes: Notes): JsonValue {
  if (!isJsonObject(catcher)) return catcher
  const out = new Keyed(catcher)
  const where = `Catch[${index}].`
  if (out.has('Output')) {
    const body = jsonataBodyOf(out.get('Output'))
    const path = body === undefined ? undefined : simplePath(body)
    if (path && path.root === 'errorOutput' && path.steps.length === 0) out.remove('Output')
    else if (path && path.root === 'input' && path.steps.length === 0) {
      out.rename('Output', 'ResultPath', null)
    } else {
      const key = body === undefined ? undefined : mergePattern(body, '$states.errorOutput')
      if (key !== undefined) {
        out.rename('Output', 'ResultPath', key.startsWith('[') ? `$${key}` : `$.${key}`)
      }
    }
    if (out.has('Output')) note(notes, 'kept', `${where}Output: no ResultPath equivalent found`)
    else note(notes, 'converted', `${where}Output → ResultPath`)
  }
  if (out.has('Assign'))
    templateFieldToJsonPath(out, 'Assign', 'Assign', 'errorOutput', notes, where)
  return out.toObject()
}

function ruleToJsonPath(rule: JsonValue, index: number, notes: Notes): JsonValue {
  if (!isJsonObject(rule) || !hasOwn(rule, 'Condition')) return rule
  const condition = rule.Condition
  const expression =
    typeof condition === 'string' ? conditionToChoice(jsonataBodyOf(condition) ?? '') : undefined
  if (expression === undefined) {
    note(notes, 'kept', `Choices[${index}]: the Condition has no JSONPath rule equivalent`)
    return rule
  }
  const out = new Keyed(expression)
  for (const [key, value] of Object.entries(rule)) {
    if (key !== 'Condition' && key !== 'Output') out.entries.push([key, value])
  }
  if (out.has('Assign'))
    templateFieldToJsonPath(out, 'Assign', 'Assign', 'input', notes, `Choices[${index}].`)
  if (hasOwn(rule, 'Output'))
    note(notes, 'kept', `Choices[${index}].Output: dropped (JSONPath rules have no Output)`)
  note(notes, 'converted', `Choices[${index}] Condition → rule`)
  return out.toObject()
}

const LITERAL = /^(?:"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/

/** Simple conditions back to rules: `path op literal`, `$exists(path)`, `$type(path) = "…"`. */
export function conditionToChoice(body: string): JsonObject | undefined {
  const text = body.trim()
  const exists = /^(\$not\()?\$exists\(([^()]+)\)\)?$/.exec(text)
  if (exists) {
    const variable = inputPath(exists[2]!)
    return variable === undefined ? undefined : { Variable: variable, IsPresent: !exists[1] }
  }
  const typeTest = /^\$type\(([^()]+)\) (=|!=) "(number|string|boolean)"$/.exec(text)
  if (typeTest) {
    const variable = inputPath(typeTest[1]!)
    const op = { number: 'IsNumeric', string: 'IsString', boolean: 'IsBoolean' }[
      typeTest[3] as 'number' | 'string' | 'boolean'
    ]
    return variable === undefined ? undefined : { Variable: variable, [op]: typeTest[2] === '=' }
  }
  const compare = /^(\S+) (=|!=|<=|>=|<|>) (.+)$/.exec(text)
  if (!compare) return undefined
  const variable = inputPath(compare[1]!)
  const literalText = compare[3]!.trim()
  if (variable === undefined || !LITERAL.test(literalText)) return undefined
  const literal = JSON.parse(literalText) as JsonValue
  const symbol = compare[2]!
  if (literal === null) {
    if (symbol === '=') return { Variable: variable, IsNull: true }
    if (symbol === '!=') return { Variable: variable, IsNull: false }
    return undefined
  }
  const family =
    typeof literal === 'string' ? 'String' : typeof literal === 'number' ? 'Numeric' : 'Boolean'
  const names: Record<string, string> = {
    '=': 'Equals',
    '!=': 'Equals',
    '<': 'LessThan',
    '>': 'GreaterThan',
    '<=': 'LessThanEquals',
    '>=': 'GreaterThanEquals',
  }
  if (family === 'Boolean' && symbol !== '=' && symbol !== '!=') return undefined
  const comparison: JsonObject = { Variable: variable, [`${family}${names[symbol]}`]: literal }
  return symbol === '!=' ? { Not: comparison } : comparison
}

function inputPath(expr: string): string | undefined {
  const path = simplePath(expr)
  return path ? jsonPathOf(path, 'input') : undefined
}

/** True when the JSONPath-only or JSONata-only fields of a state would need converting. */
export function needsConversion(definition: JsonObject, to: QueryLanguage): boolean {
  const result = convertState(definition, to)
  return result.converted.length > 0 || result.kept.length > 0
}
