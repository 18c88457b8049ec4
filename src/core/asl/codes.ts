// Every diagnostic code the parser and the validator emit, with what it means. Codes are stable
// (tests, the CLI's --json output and the problems panel key on them). Where AWS's
// ValidateStateMachineDefinition API has a specific code for the same problem, we use it
// (MISSING_TRANSITION_TARGET, DUPLICATE_STATE_NAME, INVALID_STATE_NAME, MISSING_END_STATE,
// INVALID_RESOURCE, NO_DOLLAR, NO_PATH, PASS_RESULT_IS_STATIC); AWS reports most other problems
// as SCHEMA_VALIDATION_FAILED, which we split into precise codes.

export const DIAGNOSTIC_CODES = {
  // ---- parse
  JSON_SYNTAX: 'The text is not valid JSON.',
  YAML_SYNTAX: 'The text is not valid YAML.',
  YAML_NOT_JSON: 'A YAML value that JSON cannot hold (NaN, infinity, collection as key).',
  DUPLICATE_KEY: 'The same property appears twice in one object; AWS rejects it.',
  NUMBER_PRECISION: 'An integer beyond 2^53 loses digits in JavaScript.',
  // ---- shape
  INVALID_DEFINITION: 'The definition is not a JSON object.',
  MISSING_FIELD: 'A required field is missing.',
  UNKNOWN_FIELD: 'A field that this object does not support; AWS rejects unknown fields.',
  FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE:
    'A JSONPath-only field in a JSONata state, or a JSONata-only field in a JSONPath state.',
  INVALID_FIELD_VALUE: 'A field holds a value of the wrong type or out of its range.',
  EXCLUSIVE_FIELDS: 'Two fields that cannot be used together (e.g. Error and ErrorPath).',
  INVALID_STATE_TYPE: 'Type is not one of the eight state types.',
  INVALID_QUERY_LANGUAGE:
    'A state uses JSONPath inside a machine whose top-level QueryLanguage is JSONata.',
  // ---- names and transitions
  INVALID_STATE_NAME: 'A state name is empty or longer than 80 characters.',
  DUPLICATE_STATE_NAME: 'Two states share a name (names are unique in the whole machine).',
  MISSING_TRANSITION_TARGET: 'StartAt, Next, Default or a Catch Next names no state of its scope.',
  // AWS reports this one as MISSING_TRANSITION_TARGET ("State X is not reachable").
  UNREACHABLE_STATE: 'No path from StartAt leads to the state.',
  MISSING_END_STATE: 'The machine (or a branch) has no terminal state.',
  MISSING_NEXT_OR_END: 'A state that must either continue or end has neither Next nor End.',
  NEXT_AND_END: 'A state has both Next and End.',
  TRANSITION_NOT_ALLOWED: 'Choice, Succeed and Fail states cannot have Next or End.',
  // ---- state rules
  INVALID_RESOURCE: 'The Task Resource is not an ARN.',
  EXPRESS_UNSUPPORTED:
    'Express workflows cannot run .sync or .waitForTaskToken integrations or activities.',
  INVALID_WAIT: 'A Wait state needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath.',
  INVALID_TIMESTAMP: 'A timestamp is not in RFC 3339 form (2024-01-31T12:00:00Z).',
  HEARTBEAT_TOO_LONG: 'HeartbeatSeconds must be smaller than TimeoutSeconds.',
  DISTRIBUTED_ONLY_FIELD:
    'A field that only a Distributed Map (ProcessorConfig Mode DISTRIBUTED) takes.',
  // ---- Retry / Catch
  INVALID_ERROR_EQUALS: 'ErrorEquals is empty, or States.ALL is not alone in it.',
  STATES_ALL_NOT_LAST: 'A retrier or catcher with States.ALL must be the last one.',
  UNKNOWN_ERROR_NAME: 'A States.* error name that Step Functions does not define (a typo?).',
  // ---- Choice
  INVALID_CHOICE_RULE: 'A choice rule without exactly one comparison (or And/Or/Not).',
  NEXT_IN_NESTED_RULE: 'Next (or Assign) inside And/Or/Not: only top-level rules transition.',
  INVALID_OPERAND: 'A comparison operand of the wrong type.',
  // ---- expressions
  INVALID_PATH: 'A JSONPath that does not parse.',
  INVALID_REFERENCE_PATH: 'A path where only a reference path is allowed (no wildcards, filters…).',
  INVALID_PAYLOAD_TEMPLATE: 'A `key.$` entry whose value is not a path or an intrinsic function.',
  INVALID_INTRINSIC: 'An intrinsic function call with a syntax error, unknown name or wrong arity.',
  INVALID_JSONATA: 'A `{% %}` JSONata expression with a syntax error.',
  INVALID_VARIABLE_NAME: 'A variable name in Assign that is not valid or is reserved.',
  // ---- warnings
  NO_DOLLAR: 'A value looks like a path or intrinsic but its key does not end in `.$`.',
  NO_PATH: "A value looks like a path but the field's name does not end in Path.",
  PASS_RESULT_IS_STATIC: 'A Pass Result holds a path: Result is never evaluated.',
  JSONATA_IN_JSONPATH_STATE: 'A `{% %}` string in a JSONPath state is passed as plain text.',
  DEPLOY_TIME_PLACEHOLDER:
    'A ${…} substitution (SAM, CloudFormation, Terraform) stands where a value will be put at deploy time.',
} as const

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES
