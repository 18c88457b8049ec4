// The public API of src/core/expr: everything that computes VALUES in an execution (see
// /work/team/expr-api.md and README.md in this folder).
import type { JsonObject, JsonValue, QueryLanguage } from '../asl/types'
import type { EvalEnv, StatesBinding } from './env'

export { StatesError, ExpressionSyntaxError } from './errors'
export type { VariableScope, ExprRuntime, EvalEnv, StatesBinding } from './env'
export type {
  JsonPath,
  PathRoot,
  Segment,
  FilterExpr,
  FilterOperand,
  CompareOp,
} from './jsonpath/ast'
export { parseJsonPath, isReferencePath } from './jsonpath/parse'
export {
  INTRINSIC_FUNCTIONS,
  looksLikeIntrinsic,
  parseIntrinsic,
  type IntrinsicArg,
  type IntrinsicCall,
} from './intrinsics/parse'
export { checkJsonataSyntax } from './jsonata/compile'

function notImplemented(name: string): never {
  throw new Error(`not implemented: ${name}`)
}

export function applyInputPath(
  _path: string | null | undefined,
  _input: JsonValue,
  _env: EvalEnv,
): JsonValue {
  return notImplemented('applyInputPath')
}

export function applyPayloadTemplate(
  _template: JsonValue,
  _input: JsonValue,
  _env: EvalEnv,
  _field: string,
): JsonValue {
  return notImplemented('applyPayloadTemplate')
}

export function applyResultPath(
  _path: string | null | undefined,
  _input: JsonValue,
  _result: JsonValue,
): JsonValue {
  return notImplemented('applyResultPath')
}

export function applyOutputPath(
  _path: string | null | undefined,
  _value: JsonValue,
  _env: EvalEnv,
): JsonValue {
  return notImplemented('applyOutputPath')
}

export function readPathField(
  _path: string,
  _input: JsonValue,
  _env: EvalEnv,
  _field: string,
): JsonValue {
  return notImplemented('readPathField')
}

export function evaluateJsonataValue(
  _value: JsonValue,
  _states: StatesBinding,
  _env: EvalEnv,
  _field: string,
): Promise<JsonValue> {
  return notImplemented('evaluateJsonataValue')
}

export function evaluateAssign(
  _assign: JsonObject,
  _language: QueryLanguage,
  _states: StatesBinding,
  _env: EvalEnv,
): Promise<JsonObject> | JsonObject {
  return notImplemented('evaluateAssign')
}

export function evaluateChoiceRule(
  _rule: JsonObject,
  _language: QueryLanguage,
  _input: JsonValue,
  _env: EvalEnv,
): boolean | Promise<boolean> {
  return notImplemented('evaluateChoiceRule')
}
