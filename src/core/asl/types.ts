// Types for the whole Amazon States Language (states-language.net and the AWS Step Functions
// developer guide), for both query languages. These types describe what Stepwise understands;
// the documents it reads may carry more (unknown fields are kept verbatim by the parser and the
// graph model), so code that walks raw documents treats them as `JsonObject` first.

export type JsonPrimitive = null | boolean | number | string
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject
export interface JsonObject {
  [key: string]: JsonValue
}

export type QueryLanguage = 'JSONPath' | 'JSONata'

/** Where AWS keeps it outside the ASL, Stepwise keeps it beside it, like the layout. */
export type WorkflowType = 'STANDARD' | 'EXPRESS'

export const STATE_TYPES = [
  'Task',
  'Pass',
  'Choice',
  'Wait',
  'Succeed',
  'Fail',
  'Parallel',
  'Map',
] as const
export type StateType = (typeof STATE_TYPES)[number]

/** A JSONata expression string: `{% ... %}`. */
export type JsonataString = string

// ---------------------------------------------------------------------------------------------
// Fields shared between state types

export interface CommonFields {
  Comment?: string
  QueryLanguage?: QueryLanguage
}

export interface TransitionFields {
  Next?: string
  End?: boolean
}

/** JSONPath input/output filtering (not allowed in JSONata states). */
export interface PathIOFields {
  InputPath?: string | null
  OutputPath?: string | null
}

export interface ResultFields {
  /** JSONPath only. */
  ResultSelector?: JsonObject
  /** JSONPath only. `null` discards the result. */
  ResultPath?: string | null
}

/** Variables: allowed in both query languages (values may hold `{% %}` strings or `.$` keys). */
export interface AssignFields {
  Assign?: JsonObject
}

/** JSONata only: the state output. */
export interface OutputField {
  Output?: JsonValue
}

export interface ErrorHandlingFields {
  Retry?: Retrier[]
  Catch?: Catcher[]
}

export interface Retrier {
  ErrorEquals: string[]
  IntervalSeconds?: number
  MaxAttempts?: number
  BackoffRate?: number
  MaxDelaySeconds?: number
  JitterStrategy?: 'FULL' | 'NONE'
  Comment?: string
}

export interface Catcher {
  ErrorEquals: string[]
  Next: string
  /** JSONPath only. */
  ResultPath?: string | null
  /** JSONata only. */
  Output?: JsonValue
  Assign?: JsonObject
  Comment?: string
}

// ---------------------------------------------------------------------------------------------
// The eight state types

export interface TaskState
  extends
    CommonFields,
    TransitionFields,
    PathIOFields,
    ResultFields,
    AssignFields,
    OutputField,
    ErrorHandlingFields {
  Type: 'Task'
  Resource: string
  /** JSONPath only. */
  Parameters?: JsonObject
  /** JSONata only: an object, or a whole `{% %}` expression. */
  Arguments?: JsonObject | JsonataString
  /** A positive integer, or a `{% %}` string in JSONata. */
  TimeoutSeconds?: number | JsonataString
  TimeoutSecondsPath?: string
  HeartbeatSeconds?: number | JsonataString
  HeartbeatSecondsPath?: string
  Credentials?: JsonObject
}

export interface PassState
  extends CommonFields, TransitionFields, PathIOFields, AssignFields, OutputField {
  Type: 'Pass'
  Result?: JsonValue
  ResultPath?: string | null
  Parameters?: JsonObject
}

export interface ChoiceState extends CommonFields, PathIOFields, AssignFields, OutputField {
  Type: 'Choice'
  Choices: ChoiceRule[]
  Default?: string
}

export interface WaitState
  extends CommonFields, TransitionFields, PathIOFields, AssignFields, OutputField {
  Type: 'Wait'
  /** A non-negative integer, or a `{% %}` string in JSONata. */
  Seconds?: number | JsonataString
  SecondsPath?: string
  /** An RFC 3339 timestamp, or a `{% %}` string in JSONata. */
  Timestamp?: string
  TimestampPath?: string
}

export interface SucceedState extends CommonFields, PathIOFields, OutputField {
  Type: 'Succeed'
}

export interface FailState extends CommonFields {
  Type: 'Fail'
  /** A literal, or a `{% %}` string in JSONata. */
  Error?: string
  ErrorPath?: string
  Cause?: string
  CausePath?: string
}

export interface ParallelState
  extends
    CommonFields,
    TransitionFields,
    PathIOFields,
    ResultFields,
    AssignFields,
    OutputField,
    ErrorHandlingFields {
  Type: 'Parallel'
  Branches: SubMachine[]
  Parameters?: JsonObject
  Arguments?: JsonObject | JsonataString
}

export interface MapState
  extends
    CommonFields,
    TransitionFields,
    PathIOFields,
    ResultFields,
    AssignFields,
    OutputField,
    ErrorHandlingFields {
  Type: 'Map'
  ItemProcessor?: ItemProcessor
  /** Legacy form of ItemProcessor (always inline). */
  Iterator?: SubMachine
  /** JSONPath only. */
  ItemsPath?: string
  /** JSONata only: an array or a `{% %}` expression. */
  Items?: JsonValue[] | JsonataString
  ItemSelector?: JsonObject
  /** Legacy form of ItemSelector. */
  Parameters?: JsonObject
  ItemReader?: ItemReader
  ItemBatcher?: ItemBatcher
  ResultWriter?: ResultWriter
  MaxConcurrency?: number | JsonataString
  MaxConcurrencyPath?: string
  ToleratedFailureCount?: number | JsonataString
  ToleratedFailureCountPath?: string
  ToleratedFailurePercentage?: number | JsonataString
  ToleratedFailurePercentagePath?: string
  Label?: string
}

export type State =
  | TaskState
  | PassState
  | ChoiceState
  | WaitState
  | SucceedState
  | FailState
  | ParallelState
  | MapState

export type StateOfType<T extends StateType> = Extract<State, { Type: T }>

// ---------------------------------------------------------------------------------------------
// Containers: the machine, Parallel branches, Map processors

export interface SubMachine {
  Comment?: string
  StartAt: string
  States: Record<string, State>
}

export interface ProcessorConfig {
  Mode?: 'INLINE' | 'DISTRIBUTED'
  ExecutionType?: 'STANDARD' | 'EXPRESS'
}

export interface ItemProcessor extends SubMachine {
  ProcessorConfig?: ProcessorConfig
}

export interface StateMachine extends SubMachine {
  Version?: string
  TimeoutSeconds?: number
  QueryLanguage?: QueryLanguage
}

export interface ItemReader {
  Resource: string
  Parameters?: JsonObject
  Arguments?: JsonObject | JsonataString
  ReaderConfig?: ReaderConfig
}

export interface ReaderConfig {
  InputType?: 'CSV' | 'JSON' | 'JSONL' | 'MANIFEST' | 'PARQUET'
  CSVHeaderLocation?: 'FIRST_ROW' | 'GIVEN'
  CSVHeaders?: string[]
  CSVDelimiter?: 'COMMA' | 'PIPE' | 'SEMICOLON' | 'SPACE' | 'TAB'
  MaxItems?: number | JsonataString
  MaxItemsPath?: string
}

export interface ItemBatcher {
  MaxItemsPerBatch?: number | JsonataString
  MaxItemsPerBatchPath?: string
  MaxInputBytesPerBatch?: number | JsonataString
  MaxInputBytesPerBatchPath?: string
  BatchInput?: JsonObject
}

export interface ResultWriter {
  Resource?: string
  Parameters?: JsonObject
  Arguments?: JsonObject | JsonataString
  WriterConfig?: { OutputType?: string; Transformation?: string }
}

// ---------------------------------------------------------------------------------------------
// Choice rules

/** Comparison operators whose operand is a literal; each has a `…Path` twin (except StringMatches). */
export const CHOICE_COMPARISON_OPERATORS = [
  'StringEquals',
  'StringLessThan',
  'StringGreaterThan',
  'StringLessThanEquals',
  'StringGreaterThanEquals',
  'StringMatches',
  'NumericEquals',
  'NumericLessThan',
  'NumericGreaterThan',
  'NumericLessThanEquals',
  'NumericGreaterThanEquals',
  'BooleanEquals',
  'TimestampEquals',
  'TimestampLessThan',
  'TimestampGreaterThan',
  'TimestampLessThanEquals',
  'TimestampGreaterThanEquals',
] as const

export const CHOICE_PATH_OPERATORS = [
  'StringEqualsPath',
  'StringLessThanPath',
  'StringGreaterThanPath',
  'StringLessThanEqualsPath',
  'StringGreaterThanEqualsPath',
  'NumericEqualsPath',
  'NumericLessThanPath',
  'NumericGreaterThanPath',
  'NumericLessThanEqualsPath',
  'NumericGreaterThanEqualsPath',
  'BooleanEqualsPath',
  'TimestampEqualsPath',
  'TimestampLessThanPath',
  'TimestampGreaterThanPath',
  'TimestampLessThanEqualsPath',
  'TimestampGreaterThanEqualsPath',
] as const

export const CHOICE_TYPE_TESTS = [
  'IsNull',
  'IsPresent',
  'IsNumeric',
  'IsString',
  'IsBoolean',
  'IsTimestamp',
] as const

export type ChoiceComparisonOperator = (typeof CHOICE_COMPARISON_OPERATORS)[number]
export type ChoicePathOperator = (typeof CHOICE_PATH_OPERATORS)[number]
export type ChoiceTypeTest = (typeof CHOICE_TYPE_TESTS)[number]
export type ChoiceOperator = ChoiceComparisonOperator | ChoicePathOperator | ChoiceTypeTest

/** A JSONPath boolean expression: exactly one of a comparison (with Variable) or And/Or/Not. */
export type JsonPathChoiceExpression = {
  Variable?: string
  And?: JsonPathChoiceExpression[]
  Or?: JsonPathChoiceExpression[]
  Not?: JsonPathChoiceExpression
  Comment?: string
} & { [Op in ChoiceOperator]?: JsonValue }

/** A top-level JSONPath choice rule: a boolean expression plus its transition. */
export type JsonPathChoiceRule = JsonPathChoiceExpression & {
  Next: string
  Assign?: JsonObject
}

/** A JSONata choice rule. */
export interface JsonataChoiceRule {
  Condition: JsonataString | boolean
  Next: string
  Output?: JsonValue
  Assign?: JsonObject
  Comment?: string
}

export type ChoiceRule = JsonPathChoiceRule | JsonataChoiceRule

// ---------------------------------------------------------------------------------------------
// Helpers

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `{% expr %}`: the whole string is one JSONata expression. */
export function isJsonataString(value: unknown): value is JsonataString {
  return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}')
}

/** The query language in force for a state: its own, else the machine's, else JSONPath. */
export function effectiveQueryLanguage(
  state: { QueryLanguage?: QueryLanguage },
  inherited: QueryLanguage | undefined,
): QueryLanguage {
  return state.QueryLanguage ?? inherited ?? 'JSONPath'
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`)
}
