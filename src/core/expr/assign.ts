import type { JsonObject, JsonValue, QueryLanguage } from '../asl/types'
import { applyPayloadTemplate } from './dataflow'
import type { EvalEnv, StatesBinding } from './env'
import { StatesError } from './errors'
import { isObject } from './json'
import { evaluateJsonataValue } from './jsonata/evaluate'

// Assign: every right-hand side is evaluated against the variables as they were BEFORE the
// block (they only read env.variables, and the new values come back as one object the
// interpreter then applies), so `{"a": "{% $b %}", "b": "{% $a %}"}` swaps.

const NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u
export const MAX_VARIABLE_NAME_LENGTH = 80

const validNames = new Set<string>()

/** AWS's rule for variable names: a letter or `_`, then letters, digits or `_`; not `states`. */
export function isValidVariableName(name: string): boolean {
  if (validNames.has(name)) return true
  const valid = name.length <= MAX_VARIABLE_NAME_LENGTH && NAME.test(name) && name !== 'states'
  if (valid && validNames.size < 10_000) validNames.add(name)
  return valid
}

function checkNames(values: JsonObject): JsonObject {
  for (const name of Object.keys(values)) {
    if (!isValidVariableName(name)) {
      throw new StatesError('States.Runtime', `'${name}' is not a valid variable name`)
    }
  }
  return values
}

/**
 * What `$` means in a JSONPath Assign: the state's result (after ResultSelector) when there is
 * one, the error output in a Catch, else the state's input (Choice rules, Pass without Result).
 */
export function jsonPathAssignInput(states: StatesBinding): JsonValue {
  if (states.result !== undefined) return states.result
  if (states.errorOutput !== undefined) return states.errorOutput
  return states.input
}

/**
 * Evaluates an Assign block in the state's query language; all right-hand sides see the values
 * from BEFORE the assignment (AWS semantics). Returns the new variable values.
 */
export function evaluateAssign(
  assign: JsonObject,
  language: QueryLanguage,
  states: StatesBinding,
  env: EvalEnv,
): Promise<JsonObject> | JsonObject {
  if (language === 'JSONata') {
    return evaluateJsonataValue(assign, states, env, 'Assign').then((v) =>
      checkNames(isObject(v) ? v : {}),
    )
  }
  const value = applyPayloadTemplate(assign, jsonPathAssignInput(states), env, 'Assign')
  return checkNames(isObject(value) ? value : {})
}
