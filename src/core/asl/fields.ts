// Which fields each ASL object may hold, per state type and per query language, with the kind of
// value each expects. The validator is driven by these tables, and the inspector reads them to
// offer the right fields for a state. Sources: the ASL specification (states-language.net), the
// AWS Step Functions developer guide (state pages, "Transforming data with JSONata", "Passing
// data between states with variables", Distributed Map pages).

import type { QueryLanguage, StateType } from './types'

/** `both`: allowed whatever the query language; otherwise only in states using that language. */
export type FieldLanguage = 'both' | QueryLanguage

export type FieldKind =
  /** Any string. */
  | 'string'
  /** The name of a state in the same States object. */
  | 'stateName'
  | 'boolean'
  /** `true` only (End). */
  | 'true'
  /** An integer within min/max. */
  | 'integer'
  /** A number within min/max. */
  | 'number'
  /** One of `values`. */
  | 'enum'
  /** `JSONPath` or `JSONata`. */
  | 'queryLanguage'
  /** A JSONPath (rooted at `$`, `$$` or `$variable`) or null (InputPath, OutputPath). */
  | 'pathOrNull'
  /** A reference path (no wildcards, filters, slices); `$$` and `$variable` roots allowed. */
  | 'referencePath'
  /** ResultPath: a reference path rooted at `$`, or null. */
  | 'resultPath'
  /** A reference path or an intrinsic function call (Fail's ErrorPath and CausePath). */
  | 'referencePathOrIntrinsic'
  /** A JSONPath payload template: an object whose `key.$` entries hold paths or intrinsics. */
  | 'payloadTemplate'
  /** A JSON value whose `{% %}` strings are JSONata expressions (Output, Arguments). */
  | 'jsonataValue'
  /** Variables to assign: names to values (templates in JSONPath, JSONata values in JSONata). */
  | 'assign'
  /** Any JSON value, kept as is (Pass `Result`). */
  | 'any'
  /** An RFC 3339 timestamp string (Wait `Timestamp`). */
  | 'timestamp'
  /** An ARN (Task `Resource`, ItemReader/ResultWriter `Resource`). */
  | 'resource'
  /** A JSONata Choice condition: a `{% %}` string (or a boolean). */
  | 'condition'
  /** A nested structure with its own table or rules (Retry, Catch, Choices, Branches, …). */
  | 'nested'
  /** An array of strings (CSVHeaders). */
  | 'stringArray'
  /** A Map Label: up to 40 characters, no whitespace or special characters. */
  | 'label'

export interface FieldSpec {
  readonly name: string
  readonly language: FieldLanguage
  readonly kind: FieldKind
  readonly description: string
  readonly required?: boolean
  readonly min?: number
  readonly max?: number
  readonly values?: readonly string[]
  /** In a JSONata state, a `{% %}` expression may stand in for the value. */
  readonly jsonata?: boolean
  /** Fields that may not appear together with this one. */
  readonly exclusiveWith?: readonly string[]
}

/** AWS's general upper bound for second counts (about 3.17 years). */
export const MAX_SECONDS = 99999999

function f(
  name: string,
  language: FieldLanguage,
  kind: FieldKind,
  description: string,
  extra: Partial<Omit<FieldSpec, 'name' | 'language' | 'kind' | 'description'>> = {},
): FieldSpec {
  return { name, language, kind, description, ...extra }
}

// ---------------------------------------------------------------------------------------------
// Building blocks

const TYPE = f('Type', 'both', 'enum', "The state's type.", {
  required: true,
  values: ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'],
})
const COMMENT = f('Comment', 'both', 'string', 'A human-readable description.')
const QUERY_LANGUAGE = f(
  'QueryLanguage',
  'both',
  'queryLanguage',
  'The query language of this state: JSONPath (default) or JSONata.',
)
const NEXT = f('Next', 'both', 'stateName', 'The state to run next.')
const END = f('End', 'both', 'true', 'Ends the execution (or the branch) after this state.')
const INPUT_PATH = f(
  'InputPath',
  'JSONPath',
  'pathOrNull',
  "Selects part of the state's input (default `$`; null gives `{}`).",
)
const OUTPUT_PATH = f(
  'OutputPath',
  'JSONPath',
  'pathOrNull',
  "Selects part of the state's output (default `$`; null gives `{}`).",
)
const RESULT_SELECTOR = f(
  'ResultSelector',
  'JSONPath',
  'payloadTemplate',
  'Builds a new result from the raw result before ResultPath applies.',
)
const RESULT_PATH = f(
  'ResultPath',
  'JSONPath',
  'resultPath',
  'Where the result goes in the input (default `$`; null discards the result).',
)
const OUTPUT = f(
  'Output',
  'JSONata',
  'jsonataValue',
  'The state output; `{% %}` expressions can use $states.input, $states.result, variables.',
)
const ASSIGN = f('Assign', 'both', 'assign', 'Workflow variables to set after this state.')
const RETRY = f('Retry', 'both', 'nested', 'Retriers: retry policies for errors.')
const CATCH = f('Catch', 'both', 'nested', 'Catchers: fallback states for errors.')
const PARAMETERS = f(
  'Parameters',
  'JSONPath',
  'payloadTemplate',
  'The input passed to the task; `key.$` entries take paths or intrinsic functions.',
)
const ARGUMENTS = f(
  'Arguments',
  'JSONata',
  'jsonataValue',
  'The input passed to the task; strings may be `{% %}` expressions.',
)

const COMMON = [TYPE, COMMENT, QUERY_LANGUAGE] as const
const TRANSITION = [NEXT, END] as const

// ---------------------------------------------------------------------------------------------
// States

export const STATE_FIELDS: Readonly<Record<StateType, readonly FieldSpec[]>> = {
  Task: [
    ...COMMON,
    ...TRANSITION,
    f(
      'Resource',
      'both',
      'resource',
      'The ARN of the task to run (Lambda, activity, integration).',
      {
        required: true,
      },
    ),
    PARAMETERS,
    ARGUMENTS,
    INPUT_PATH,
    RESULT_SELECTOR,
    RESULT_PATH,
    OUTPUT_PATH,
    OUTPUT,
    ASSIGN,
    f('TimeoutSeconds', 'both', 'integer', 'Fails with States.Timeout after this many seconds.', {
      min: 1,
      max: MAX_SECONDS,
      jsonata: true,
      exclusiveWith: ['TimeoutSecondsPath'],
    }),
    f('TimeoutSecondsPath', 'JSONPath', 'referencePath', 'Reads TimeoutSeconds from the input.', {
      exclusiveWith: ['TimeoutSeconds'],
    }),
    f(
      'HeartbeatSeconds',
      'both',
      'integer',
      'Fails with States.HeartbeatTimeout when no heartbeat arrives for this long.',
      { min: 1, max: MAX_SECONDS, jsonata: true, exclusiveWith: ['HeartbeatSecondsPath'] },
    ),
    f(
      'HeartbeatSecondsPath',
      'JSONPath',
      'referencePath',
      'Reads HeartbeatSeconds from the input.',
      { exclusiveWith: ['HeartbeatSeconds'] },
    ),
    f('Credentials', 'both', 'payloadTemplate', 'The role to assume for the task (RoleArn).'),
    RETRY,
    CATCH,
  ],
  Pass: [
    ...COMMON,
    ...TRANSITION,
    f('Result', 'JSONPath', 'any', 'A fixed result, passed to ResultPath.'),
    PARAMETERS,
    INPUT_PATH,
    RESULT_PATH,
    OUTPUT_PATH,
    OUTPUT,
    ASSIGN,
  ],
  Choice: [
    ...COMMON,
    f('Choices', 'both', 'nested', 'Choice rules, tried in order.', { required: true }),
    f('Default', 'both', 'stateName', 'The state to run when no rule matches.'),
    INPUT_PATH,
    OUTPUT_PATH,
    OUTPUT,
    ASSIGN,
  ],
  Wait: [
    ...COMMON,
    ...TRANSITION,
    f('Seconds', 'both', 'integer', 'Waits this many seconds.', {
      min: 0,
      max: MAX_SECONDS,
      jsonata: true,
    }),
    f('SecondsPath', 'JSONPath', 'referencePath', 'Reads the seconds to wait from the input.'),
    f('Timestamp', 'both', 'timestamp', 'Waits until this RFC 3339 time.', { jsonata: true }),
    f('TimestampPath', 'JSONPath', 'referencePath', 'Reads the time to wait until from the input.'),
    INPUT_PATH,
    OUTPUT_PATH,
    OUTPUT,
    ASSIGN,
  ],
  Succeed: [...COMMON, INPUT_PATH, OUTPUT_PATH, OUTPUT],
  Fail: [
    ...COMMON,
    f('Error', 'both', 'string', 'The error name.', {
      jsonata: true,
      exclusiveWith: ['ErrorPath'],
    }),
    f('ErrorPath', 'JSONPath', 'referencePathOrIntrinsic', 'Reads the error name from the input.', {
      exclusiveWith: ['Error'],
    }),
    f('Cause', 'both', 'string', 'A description of the failure.', {
      jsonata: true,
      exclusiveWith: ['CausePath'],
    }),
    f('CausePath', 'JSONPath', 'referencePathOrIntrinsic', 'Reads the cause from the input.', {
      exclusiveWith: ['Cause'],
    }),
  ],
  Parallel: [
    ...COMMON,
    ...TRANSITION,
    f('Branches', 'both', 'nested', 'Sub-workflows run in parallel.', { required: true }),
    PARAMETERS,
    ARGUMENTS,
    INPUT_PATH,
    RESULT_SELECTOR,
    RESULT_PATH,
    OUTPUT_PATH,
    OUTPUT,
    ASSIGN,
    RETRY,
    CATCH,
  ],
  Map: [
    ...COMMON,
    ...TRANSITION,
    f('ItemProcessor', 'both', 'nested', 'The sub-workflow run for each item.', {
      exclusiveWith: ['Iterator'],
    }),
    f('Iterator', 'both', 'nested', 'Legacy form of ItemProcessor (inline mode only).', {
      exclusiveWith: ['ItemProcessor'],
    }),
    f('ItemsPath', 'JSONPath', 'referencePath', 'Where the items array is in the input.'),
    f('Items', 'JSONata', 'jsonataValue', 'The items: an array or a `{% %}` expression.'),
    f('ItemSelector', 'both', 'payloadTemplate', 'Builds the input of each iteration.', {
      exclusiveWith: ['Parameters'],
    }),
    f('Parameters', 'JSONPath', 'payloadTemplate', 'Legacy form of ItemSelector.', {
      exclusiveWith: ['ItemSelector'],
    }),
    f('ItemReader', 'both', 'nested', 'Reads the items from a resource (Distributed mode).'),
    f('ItemBatcher', 'both', 'nested', 'Groups items into batches (Distributed mode).'),
    f('ResultWriter', 'both', 'nested', 'Writes the results to a resource (Distributed mode).'),
    f('MaxConcurrency', 'both', 'integer', 'Iterations running at once (0: no limit).', {
      min: 0,
      max: MAX_SECONDS,
      jsonata: true,
      exclusiveWith: ['MaxConcurrencyPath'],
    }),
    f('MaxConcurrencyPath', 'JSONPath', 'referencePath', 'Reads MaxConcurrency from the input.', {
      exclusiveWith: ['MaxConcurrency'],
    }),
    f('ToleratedFailureCount', 'both', 'integer', 'Failed items tolerated (Distributed mode).', {
      min: 0,
      max: MAX_SECONDS,
      jsonata: true,
      exclusiveWith: ['ToleratedFailureCountPath'],
    }),
    f(
      'ToleratedFailureCountPath',
      'JSONPath',
      'referencePath',
      'Reads ToleratedFailureCount from the input.',
      { exclusiveWith: ['ToleratedFailureCount'] },
    ),
    f(
      'ToleratedFailurePercentage',
      'both',
      'number',
      'Percentage of failed items tolerated (Distributed mode).',
      { min: 0, max: 100, jsonata: true, exclusiveWith: ['ToleratedFailurePercentagePath'] },
    ),
    f(
      'ToleratedFailurePercentagePath',
      'JSONPath',
      'referencePath',
      'Reads ToleratedFailurePercentage from the input.',
      { exclusiveWith: ['ToleratedFailurePercentage'] },
    ),
    f('Label', 'both', 'label', 'A label for the child executions (Distributed mode).'),
    INPUT_PATH,
    RESULT_SELECTOR,
    RESULT_PATH,
    OUTPUT_PATH,
    OUTPUT,
    ASSIGN,
    RETRY,
    CATCH,
  ],
}

// ---------------------------------------------------------------------------------------------
// Containers and nested objects

export const MACHINE_FIELDS: readonly FieldSpec[] = [
  f('StartAt', 'both', 'stateName', 'The first state to run.', { required: true }),
  f('States', 'both', 'nested', 'The states, by name.', { required: true }),
  COMMENT,
  f('Version', 'both', 'enum', 'The ASL version.', { values: ['1.0'] }),
  f('TimeoutSeconds', 'both', 'integer', 'Fails the execution with States.Timeout after this.', {
    min: 0,
    max: MAX_SECONDS,
  }),
  f('QueryLanguage', 'both', 'queryLanguage', 'The default query language of every state.'),
]

export const BRANCH_FIELDS: readonly FieldSpec[] = [
  f('StartAt', 'both', 'stateName', 'The first state of the branch.', { required: true }),
  f('States', 'both', 'nested', 'The states of the branch, by name.', { required: true }),
  COMMENT,
]

export const ITEM_PROCESSOR_FIELDS: readonly FieldSpec[] = [
  ...BRANCH_FIELDS,
  f('ProcessorConfig', 'both', 'nested', 'INLINE or DISTRIBUTED processing.'),
]

export const PROCESSOR_CONFIG_FIELDS: readonly FieldSpec[] = [
  f('Mode', 'both', 'enum', 'INLINE (default) or DISTRIBUTED.', {
    values: ['INLINE', 'DISTRIBUTED'],
  }),
  f('ExecutionType', 'both', 'enum', 'Child workflow type of a Distributed Map.', {
    values: ['STANDARD', 'EXPRESS'],
  }),
]

export const RETRIER_FIELDS: readonly FieldSpec[] = [
  f('ErrorEquals', 'both', 'nested', 'Error names this retrier handles.', { required: true }),
  f('IntervalSeconds', 'both', 'integer', 'Seconds before the first retry (default 1).', {
    min: 1,
    max: MAX_SECONDS,
  }),
  f('MaxAttempts', 'both', 'integer', 'Maximum retries (default 3; 0 never retries).', {
    min: 0,
    max: MAX_SECONDS,
  }),
  f('BackoffRate', 'both', 'number', 'Multiplier of the interval per attempt (default 2.0).', {
    min: 1,
  }),
  f('MaxDelaySeconds', 'both', 'integer', 'Upper bound of the retry interval.', {
    min: 1,
    max: 31622400,
  }),
  f('JitterStrategy', 'both', 'enum', 'FULL randomizes the interval; NONE (default) does not.', {
    values: ['FULL', 'NONE'],
  }),
  COMMENT,
]

export const CATCHER_FIELDS: readonly FieldSpec[] = [
  f('ErrorEquals', 'both', 'nested', 'Error names this catcher handles.', { required: true }),
  f('Next', 'both', 'stateName', 'The state to run when the error is caught.', {
    required: true,
  }),
  f('ResultPath', 'JSONPath', 'resultPath', 'Where the error output goes in the input.'),
  f('Output', 'JSONata', 'jsonataValue', 'The output passed to Next ($states.errorOutput).'),
  ASSIGN,
  COMMENT,
]

export const JSONATA_CHOICE_RULE_FIELDS: readonly FieldSpec[] = [
  f('Condition', 'JSONata', 'condition', 'A `{% %}` expression; the rule matches when true.', {
    required: true,
  }),
  f('Next', 'both', 'stateName', 'The state to run when the rule matches.', { required: true }),
  OUTPUT,
  ASSIGN,
  COMMENT,
]

export const ITEM_READER_FIELDS: readonly FieldSpec[] = [
  f('Resource', 'both', 'resource', 'The read action, e.g. arn:aws:states:::s3:getObject.', {
    required: true,
  }),
  f('Parameters', 'JSONPath', 'payloadTemplate', 'The read request (Bucket, Key, …).'),
  f('Arguments', 'JSONata', 'jsonataValue', 'The read request (Bucket, Key, …).'),
  f('ReaderConfig', 'both', 'nested', 'How to read the items.'),
]

export const READER_CONFIG_FIELDS: readonly FieldSpec[] = [
  f('InputType', 'both', 'enum', 'The file format.', {
    values: ['CSV', 'JSON', 'JSONL', 'MANIFEST', 'PARQUET'],
  }),
  f('CSVHeaderLocation', 'both', 'enum', 'Where the CSV column names are.', {
    values: ['FIRST_ROW', 'GIVEN'],
  }),
  f('CSVHeaders', 'both', 'stringArray', 'The CSV column names (CSVHeaderLocation GIVEN).'),
  f('CSVDelimiter', 'both', 'enum', 'The CSV field separator.', {
    values: ['COMMA', 'PIPE', 'SEMICOLON', 'SPACE', 'TAB'],
  }),
  f('ManifestType', 'both', 'enum', 'The manifest format (InputType MANIFEST).', {
    values: ['ATHENA_DATA', 'S3_INVENTORY'],
  }),
  f('MaxItems', 'both', 'integer', 'Reads at most this many items.', {
    min: 0,
    max: 100000000,
    jsonata: true,
    exclusiveWith: ['MaxItemsPath'],
  }),
  f('MaxItemsPath', 'JSONPath', 'referencePath', 'Reads MaxItems from the input.', {
    exclusiveWith: ['MaxItems'],
  }),
]

export const ITEM_BATCHER_FIELDS: readonly FieldSpec[] = [
  f('MaxItemsPerBatch', 'both', 'integer', 'Items per batch.', {
    min: 1,
    max: MAX_SECONDS,
    jsonata: true,
    exclusiveWith: ['MaxItemsPerBatchPath'],
  }),
  f('MaxItemsPerBatchPath', 'JSONPath', 'referencePath', 'Reads MaxItemsPerBatch from the input.', {
    exclusiveWith: ['MaxItemsPerBatch'],
  }),
  f('MaxInputBytesPerBatch', 'both', 'integer', 'Bytes per batch (up to 256 KiB).', {
    min: 1,
    max: 262144,
    jsonata: true,
    exclusiveWith: ['MaxInputBytesPerBatchPath'],
  }),
  f(
    'MaxInputBytesPerBatchPath',
    'JSONPath',
    'referencePath',
    'Reads MaxInputBytesPerBatch from the input.',
    { exclusiveWith: ['MaxInputBytesPerBatch'] },
  ),
  f('BatchInput', 'both', 'payloadTemplate', 'Fixed input added to every batch.'),
]

export const RESULT_WRITER_FIELDS: readonly FieldSpec[] = [
  f('Resource', 'both', 'resource', 'The write action, arn:aws:states:::s3:putObject.'),
  f('Parameters', 'JSONPath', 'payloadTemplate', 'Where to write (Bucket, Prefix).'),
  f('Arguments', 'JSONata', 'jsonataValue', 'Where to write (Bucket, Prefix).'),
  f('WriterConfig', 'both', 'nested', 'The format of the written results.'),
]

export const WRITER_CONFIG_FIELDS: readonly FieldSpec[] = [
  f('OutputType', 'both', 'enum', 'JSON or JSONL.', { values: ['JSON', 'JSONL'] }),
  f('Transformation', 'both', 'enum', 'How much of each result to keep.', {
    values: ['NONE', 'COMPACT', 'FLATTEN'],
  }),
]

// ---------------------------------------------------------------------------------------------
// Lookups

const indexes = new WeakMap<readonly FieldSpec[], ReadonlyMap<string, FieldSpec>>()

/** The spec of a field in a table (by name), whatever its language. */
export function findField(table: readonly FieldSpec[], name: string): FieldSpec | undefined {
  let index = indexes.get(table)
  if (!index) {
    index = new Map(table.map((spec) => [spec.name, spec]))
    indexes.set(table, index)
  }
  return index.get(name)
}

/** The spec of a state field, whatever its language. */
export function stateField(type: StateType, name: string): FieldSpec | undefined {
  return findField(STATE_FIELDS[type], name)
}

/** True when the field may be used under the query language. */
export function fieldAllowedIn(spec: FieldSpec, language: QueryLanguage): boolean {
  return spec.language === 'both' || spec.language === language
}

/** The fields a state of this type may hold under the query language, in display order. */
export function fieldsFor(type: StateType, language: QueryLanguage): readonly FieldSpec[] {
  return STATE_FIELDS[type].filter((spec) => fieldAllowedIn(spec, language))
}

/**
 * The field to use instead of a field of the other query language, for messages such as
 * "InputPath is not available in JSONata states: use Arguments or Output".
 */
export const QUERY_LANGUAGE_COUNTERPARTS: Readonly<Record<string, string>> = {
  InputPath: 'Arguments or Output with $states.input',
  Parameters: 'Arguments',
  ResultSelector: 'Output with $states.result',
  ResultPath: 'Output (or Assign)',
  OutputPath: 'Output',
  ItemsPath: 'Items',
  Result: 'Output',
  TimeoutSecondsPath: 'TimeoutSeconds with a {% %} expression',
  HeartbeatSecondsPath: 'HeartbeatSeconds with a {% %} expression',
  SecondsPath: 'Seconds with a {% %} expression',
  TimestampPath: 'Timestamp with a {% %} expression',
  ErrorPath: 'Error with a {% %} expression',
  CausePath: 'Cause with a {% %} expression',
  MaxConcurrencyPath: 'MaxConcurrency with a {% %} expression',
  ToleratedFailureCountPath: 'ToleratedFailureCount with a {% %} expression',
  ToleratedFailurePercentagePath: 'ToleratedFailurePercentage with a {% %} expression',
  MaxItemsPath: 'MaxItems with a {% %} expression',
  MaxItemsPerBatchPath: 'MaxItemsPerBatch with a {% %} expression',
  MaxInputBytesPerBatchPath: 'MaxInputBytesPerBatch with a {% %} expression',
  Arguments: 'Parameters',
  Output: 'OutputPath, ResultSelector or ResultPath',
  Items: 'ItemsPath',
  Condition: 'Variable with a comparison operator',
}
