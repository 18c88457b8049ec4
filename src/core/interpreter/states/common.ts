// The input/output pipeline shared by the state executors. Each step records its value in the
// frame's trace when one is attached (TestState's inspectionData, the data-flow view), so the
// intermediate values come from the one implementation that runs executions.
//
// Functions return a Step: the value itself when it could be computed synchronously (always
// for JSONPath), or a routine when a JSONata expression has to be awaited.

import type { JsonObject, JsonValue } from '../../asl/types'
import { isJsonataString } from '../../asl/types'
import type { StatesBinding } from '../../expr'
import {
  applyInputPath,
  applyOutputPath,
  applyPayloadTemplate,
  applyResultPath,
  containsJsonata,
  jsonataBody,
  readPathField,
  StatesError,
  unexpectedJsonataType,
} from '../../expr'
import type { CompiledState } from '../compile'
import { StatesErrors } from '../errors'
import type { Execution, Frame, StateEnv } from '../execution'
import type { Routine, Step } from '../scheduler'

/** `$states` for JSONata; the context object is only built if an expression reads it. */
export class Binding implements StatesBinding {
  result?: JsonValue
  errorOutput?: JsonValue
  constructor(
    readonly input: JsonValue,
    private readonly env: StateEnv,
  ) {}
  get context(): JsonObject {
    return this.env.context
  }
}

interface PathFields {
  InputPath?: string | null
  OutputPath?: string | null
  ResultPath?: string | null
  ResultSelector?: JsonObject
  Output?: JsonValue
  Assign?: JsonObject
}

/** InputPath (JSONPath states). */
export function inputPath(def: PathFields, raw: JsonValue, env: StateEnv, frame: Frame): JsonValue {
  const path = def.InputPath
  const effective = path === undefined || path === '$' ? raw : applyInputPath(path, raw, env)
  if (frame.trace) frame.trace.afterInputPath = effective
  return effective
}

/** OutputPath (JSONPath states). */
export function outputPath(def: PathFields, value: JsonValue, env: StateEnv): JsonValue {
  const path = def.OutputPath
  return path === undefined || path === '$' ? value : applyOutputPath(path, value, env)
}

/** Parameters (JSONPath) on the effective input. */
export function parameters(
  template: JsonObject | undefined,
  effective: JsonValue,
  env: StateEnv,
  frame: Frame,
): JsonValue {
  const value =
    template === undefined
      ? effective
      : applyPayloadTemplate(template, effective, env, 'Parameters')
  if (frame.trace) frame.trace.afterParameters = value
  return value
}

/**
 * Whether a JSONata state's Output or Assign must be awaited: Output when it holds expressions,
 * Assign always (evaluateAssign answers JSONata with a promise).
 */
export function hasJsonataOutput(def: PathFields): boolean {
  return (def.Output !== undefined && containsJsonata(def.Output)) || def.Assign !== undefined
}

/**
 * A state's result to its output: ResultSelector, ResultPath, Assign, OutputPath (JSONPath) or
 * Output, Assign (JSONata). `raw` is the state's input. (Callers record `result` in the trace
 * themselves: AWS reports it for Tasks and for a Pass state's Result only.)
 */
export function processResult(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  raw: JsonValue,
  result: JsonValue,
): Step<JsonValue> {
  const def = state.def as PathFields
  if (state.language === 'JSONata') {
    const binding = new Binding(raw, env)
    binding.result = result
    if (hasJsonataOutput(def)) return outputJsonata(x, frame, state, env, binding, result)
    x.applyAssign(frame, state, def.Assign, binding, env)
    return def.Output === undefined ? result : def.Output
  }
  const trace = frame.trace
  const selected =
    def.ResultSelector === undefined
      ? result
      : applyPayloadTemplate(def.ResultSelector, result, env, 'ResultSelector')
  if (trace) trace.afterResultSelector = selected
  const path = def.ResultPath
  const placed =
    path === undefined || path === '$' ? selected : applyResultPath(path, raw, selected)
  if (trace) trace.afterResultPath = placed
  if (def.Assign) {
    const binding = new Binding(raw, env)
    binding.result = selected
    x.applyAssign(frame, state, def.Assign, binding, env)
  }
  return outputPath(def, placed, env)
}

/** JSONata Output and Assign, evaluated against the same `$states` (variables from before). */
export function* outputJsonata(
  x: Execution,
  frame: Frame,
  state: CompiledState,
  env: StateEnv,
  binding: Binding,
  fallback: JsonValue,
): Routine<JsonValue> {
  const def = state.def as PathFields
  const output =
    def.Output === undefined ? fallback : yield* x.jsonata(def.Output, binding, env, 'Output')
  yield* x.assignState(frame, state, binding, env)
  return output
}

export interface NumberRule {
  min: number
  integer: boolean
  max?: number
}

/**
 * A numeric field that may be a literal, a `{% %}` expression or a `…Path` (TimeoutSeconds,
 * HeartbeatSeconds, MaxConcurrency, ToleratedFailureCount, …). Undefined when absent.
 */
export function numericField(
  x: Execution,
  holder: object,
  env: StateEnv,
  input: JsonValue,
  field: string,
  pathField: string,
  rule: NumberRule,
): Step<number | undefined> {
  const def = holder as Record<string, JsonValue | undefined>
  const literal = def[field]
  const path = def[pathField]
  if (literal === undefined && path === undefined) return undefined
  if (literal !== undefined) {
    if (typeof literal === 'string' && isJsonataString(literal)) {
      return numericJsonata(x, literal, env, input, field, rule)
    }
    const n = validNumber(literal, rule)
    if (n === undefined) {
      throw new StatesError(
        StatesErrors.Runtime,
        `The ${field} field is not a valid number: ${JSON.stringify(literal)}`,
      )
    }
    return n
  }
  if (typeof path === 'string') {
    const value = readPathField(path, input, env, pathField)
    const n = validNumber(value, rule)
    if (n === undefined) {
      throw new StatesError(
        StatesErrors.Runtime,
        `The ${pathField} field refers to value "${typeof value === 'string' ? value : JSON.stringify(value)}" which is not a valid ${rule.integer ? 'integer' : 'number'}: ${path}`,
      )
    }
    return n
  }
  return undefined
}

function* numericJsonata(
  x: Execution,
  expression: string,
  env: StateEnv,
  input: JsonValue,
  field: string,
  rule: NumberRule,
): Routine<number> {
  const value = yield* x.jsonata(expression, new Binding(input, env), env, field)
  const n = validNumber(value, rule)
  if (n === undefined) {
    jsonataTypeError(expression, field, value, rule.integer ? 'integer' : 'number')
  }
  return n
}

/** The number a field's value stands for under `rule`, or undefined when it is not valid. */
function validNumber(value: JsonValue, rule: NumberRule): number | undefined {
  let n: number
  if (typeof value === 'number') n = value
  else if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
    // AWS accepts numbers held as strings (a variable assigned "1", say).
    n = Number(value)
  } else return undefined
  if (!Number.isFinite(n) || n < rule.min) return undefined
  if (rule.integer && !Number.isInteger(n)) return undefined
  if (rule.max !== undefined && n > rule.max) return undefined
  return n
}

/** AWS's QueryEvaluationError for a `{% %}` field that returned the wrong type. */
export function jsonataTypeError(
  expression: string,
  field: string,
  value: JsonValue | undefined,
  expected: string,
): never {
  throw unexpectedJsonataType(jsonataBody(expression) ?? expression, field, expected, value ?? null)
}
