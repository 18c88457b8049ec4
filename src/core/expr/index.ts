// The public API of src/core/expr: everything that computes VALUES in an execution. The
// contract with the interpreter is /work/team/expr-api.md; README.md in this folder documents
// the choices made where AWS's behaviour had to be inferred.

export { StatesError, ExpressionSyntaxError } from './errors'
export type { VariableScope, ExprRuntime, EvalEnv, StatesBinding } from './env'

// ---- syntax (used by the validator too) ----
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

// ---- evaluation helpers beyond the contract ----
export { queryPath, explainNoMatch, normalizedPath } from './jsonpath/evaluate'
export { evaluateIntrinsic, formatArgument } from './intrinsics/evaluate'
export { parseTimestamp, isTimestamp, compareInstants, type Instant } from './timestamp'
export { stringMatches } from './choice'
export { isValidVariableName, jsonPathAssignInput, MAX_VARIABLE_NAME_LENGTH } from './assign'
export {
  jsonataBody,
  containsJsonata,
  evaluateJsonataExpression,
  unexpectedJsonataType,
} from './jsonata/evaluate'

// ---- JSONPath state pipeline ----
export {
  applyInputPath,
  applyPayloadTemplate,
  applyResultPath,
  applyOutputPath,
  readPathField,
} from './dataflow'

// ---- JSONata ----
export { evaluateJsonataValue } from './jsonata/evaluate'

// ---- Assign, Choice ----
export { evaluateAssign } from './assign'
export { evaluateChoiceRule } from './choice'
