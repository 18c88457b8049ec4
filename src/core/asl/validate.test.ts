import { describe, expect, it } from 'vitest'
import { DIAGNOSTIC_CODES } from './codes'
import type { Diagnostic } from './diagnostics'
import { printJson } from './print'
import type { JsonObject, JsonValue, WorkflowType } from './types'
import { closest } from './suggest'
import { isRfc3339, statePathOf, validateDefinition, validateText } from './validate'

// ---- helpers

/** A machine whose first state is the StartAt. */
function machine(states: Record<string, JsonObject>, extra: JsonObject = {}): JsonObject {
  return { StartAt: Object.keys(states)[0]!, States: states, ...extra }
}

function run(definition: JsonValue, workflowType?: WorkflowType): Diagnostic[] {
  return validateDefinition(definition, workflowType ? { workflowType } : {})
}

function errors(definition: JsonValue, workflowType?: WorkflowType): Diagnostic[] {
  return run(definition, workflowType).filter((d) => d.severity === 'error')
}

function errorCodes(definition: JsonValue, workflowType?: WorkflowType): string[] {
  return errors(definition, workflowType).map((d) => d.code)
}

function warningCodes(definition: JsonValue): string[] {
  return run(definition)
    .filter((d) => d.severity === 'warning')
    .map((d) => d.code)
}

/** Expects no errors, and exactly one error with the code for the broken variant. */
function expectRule(valid: JsonValue, invalid: JsonValue, code: string): Diagnostic {
  expect(errors(valid)).toEqual([])
  const found = errors(invalid)
  expect(found.map((d) => d.code)).toEqual([code])
  return found[0]!
}

/** Drops keys set to undefined, so `{ End: undefined }` removes the default End. */
function compact(object: Record<string, JsonValue | undefined>): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as JsonObject
}
const task = (extra: Record<string, JsonValue | undefined> = {}): JsonObject =>
  compact({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, ...extra })
const pass = (extra: Record<string, JsonValue | undefined> = {}): JsonObject =>
  compact({ Type: 'Pass', End: true, ...extra })
const jsonata = (state: JsonObject): JsonObject => ({ ...state, QueryLanguage: 'JSONata' })

/** The text a diagnostic's range covers. */
function covered(text: string, d: Diagnostic): string {
  expect(d.range).toBeDefined()
  return text.slice(d.range!.offset, d.range!.endOffset)
}

// ---- tests

describe('the machine', () => {
  it('accepts a minimal machine', () => {
    expect(run(machine({ A: pass() }))).toEqual([])
  })

  it('rejects a definition that is not an object', () => {
    expect(errorCodes([1, 2])).toEqual(['INVALID_DEFINITION'])
    expect(errorCodes('x')).toEqual(['INVALID_DEFINITION'])
  })

  it('requires StartAt and States', () => {
    expect(errorCodes({ States: { A: pass() } })).toEqual(['MISSING_FIELD'])
    expect(errorCodes({ StartAt: 'A' })).toEqual(['MISSING_FIELD', 'MISSING_TRANSITION_TARGET'])
    expect(errorCodes({ StartAt: 'A', States: {} }).sort()).toEqual([
      'INVALID_FIELD_VALUE',
      'MISSING_TRANSITION_TARGET',
    ])
  })

  it('checks top-level fields', () => {
    const ok = machine({ A: pass() }, { Comment: 'c', Version: '1.0', TimeoutSeconds: 60 })
    expectRule(ok, { ...ok, Version: '2.0' }, 'INVALID_FIELD_VALUE')
    expectRule(ok, { ...ok, TimeoutSeconds: -1 }, 'INVALID_FIELD_VALUE')
    const unknown = expectRule(ok, { ...ok, Timeout: 3 }, 'UNKNOWN_FIELD')
    expect(unknown.message).toContain('"Timeout"')
    expect(unknown.message).toContain('Did you mean "TimeoutSeconds"?')
    expectRule(ok, { ...ok, QueryLanguage: 'JSONPATH' }, 'INVALID_FIELD_VALUE')
  })

  it('lists a description for every code it uses', () => {
    for (const d of [
      ...run({ StartAt: 'Nope', States: { A: { Type: 'Bogus' } } }),
      ...run(machine({ A: pass({ Foo: 1 }) })),
    ]) {
      expect(DIAGNOSTIC_CODES).toHaveProperty(d.code)
    }
  })
})

describe('transitions', () => {
  it('reports a missing target and suggests the closest name', () => {
    expect(
      errors(machine({ A: pass({ End: undefined, Next: 'Charge' }), Charge: pass() })),
    ).toEqual([])
    const found = errors(machine({ A: { Type: 'Pass', Next: 'Chrage' }, Charge: pass() }))
    // Charge is then unreachable too, as AWS would also say.
    expect(found.map((d) => d.code)).toEqual(['UNREACHABLE_STATE', 'MISSING_TRANSITION_TARGET'])
    const d = found[1]!
    expect(d.message).toBe(
      'State "A" (Pass): Next names "Chrage", but the state machine has no state with that name. Did you mean "Charge"?',
    )
    expect(d.path).toEqual(['States', 'A', 'Next'])
    expect(d.statePath).toEqual(['A'])
  })

  it('checks StartAt, Default, Choices Next and Catch Next', () => {
    const base = machine({
      C: {
        Type: 'Choice',
        Choices: [{ Variable: '$.x', IsPresent: true, Next: 'T' }],
        Default: 'T',
      },
      T: task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }] }),
      F: { Type: 'Fail' },
    })
    expect(errors(base)).toEqual([])
    const missing = (mutate: (m: JsonObject) => void) => {
      const copy = JSON.parse(JSON.stringify(base)) as JsonObject
      mutate(copy)
      return errors(copy).filter((d) => d.code === 'MISSING_TRANSITION_TARGET')
    }
    expect(missing((m) => (m.StartAt = 'X'))).toHaveLength(1)
    expect(
      missing((m) => (((m.States as JsonObject).C as JsonObject).Default = 'Tx')),
    ).toHaveLength(1)
    expect(
      missing((m) => {
        const rule = (((m.States as JsonObject).C as JsonObject).Choices as JsonObject[])[0]!
        rule.Next = 'Q'
      }),
    ).toHaveLength(1)
    expect(
      missing((m) => {
        const catcher = (((m.States as JsonObject).T as JsonObject).Catch as JsonObject[])[0]!
        catcher.Next = 'Nowhere'
      }),
    ).toHaveLength(1)
  })

  it('explains a transition into another scope', () => {
    const def = machine({
      P: {
        Type: 'Parallel',
        Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Pass', Next: 'Done' } } }],
        Next: 'Done',
      },
      Done: { Type: 'Succeed' },
    })
    const d = errors(def).find((x) => x.code === 'MISSING_TRANSITION_TARGET')
    expect(d!.message).toContain('branch 1 of "P" has no state with that name')
    expect(d!.message).toContain('"Done" is a state of the state machine')
    expect(d!.statePath).toEqual(['P', 'Inner'])
  })

  it('reports unreachable states', () => {
    const d = expectRule(
      machine({ A: { Type: 'Pass', Next: 'B' }, B: pass() }),
      machine({ A: pass(), B: pass() }),
      'UNREACHABLE_STATE',
    )
    expect(d.path).toEqual(['States', 'B'])
    expect(d.message).toContain('State "B" cannot be reached')
  })

  it('counts Default, choice rules and catchers as ways in', () => {
    const def = machine({
      C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, Next: 'X' }], Default: 'Y' },
      X: task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Z' }] }),
      Y: { Type: 'Succeed' },
      Z: { Type: 'Fail' },
    })
    expect(errors(def)).toEqual([])
  })

  it('requires a terminal state', () => {
    expectRule(
      machine({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } }),
      machine({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } }),
      'MISSING_END_STATE',
    )
    // A Choice loop that can only end in a Fail is fine.
    expect(
      errors(
        machine({
          W: { Type: 'Wait', Seconds: 1, Next: 'C' },
          C: {
            Type: 'Choice',
            Choices: [{ Variable: '$.done', BooleanEquals: true, Next: 'F' }],
            Default: 'W',
          },
          F: { Type: 'Fail', Error: 'Stop' },
        }),
      ),
    ).toEqual([])
  })

  it('applies the terminal rules of each state type', () => {
    expectRule(machine({ A: pass() }), machine({ A: { Type: 'Pass' } }), 'MISSING_NEXT_OR_END')
    expect(errors(machine({ A: { Type: 'Pass', End: false } }))[0]!.message).toContain(
      'set "End": true',
    )
    expectRule(
      machine({ A: { Type: 'Pass', Next: 'B' }, B: pass() }),
      machine({ A: { Type: 'Pass', Next: 'B', End: true }, B: pass() }),
      'NEXT_AND_END',
    )
    expectRule(
      machine({ A: { Type: 'Succeed' } }),
      machine({ A: { Type: 'Succeed', End: true } }),
      'TRANSITION_NOT_ALLOWED',
    )
    expectRule(
      machine({ A: { Type: 'Fail' } }),
      machine({ A: { Type: 'Fail', Next: 'A' } }),
      'TRANSITION_NOT_ALLOWED',
    )
    const choice = (extra: JsonObject) =>
      machine({
        C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, Next: 'S' }], ...extra },
        S: { Type: 'Succeed' },
      })
    expectRule(choice({}), choice({ End: true }), 'TRANSITION_NOT_ALLOWED')
  })
})

describe('state names', () => {
  it('must be unique across the whole machine, branches included', () => {
    const def = (inner: string) =>
      machine({
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: inner, States: { [inner]: pass() } }],
          End: true,
        },
      })
    const d = expectRule(def('Q'), def('P'), 'DUPLICATE_STATE_NAME')
    expect(d.message).toContain('"P" is used twice: in branch 1 of "P" and in the state machine')
    expect(d.statePath).toEqual(['P', 'P'])
  })

  it('must be unique between a Map processor and the machine', () => {
    const def = machine({
      M: {
        Type: 'Map',
        ItemProcessor: { StartAt: 'A2', States: { A2: pass() } },
        Next: 'A2',
      },
      A2: pass(),
    })
    expect(errorCodes(def)).toContain('DUPLICATE_STATE_NAME')
  })

  it('are at most 80 characters', () => {
    expectRule(
      machine({ ['x'.repeat(80)]: pass() }),
      machine({ ['x'.repeat(81)]: pass() }),
      'INVALID_STATE_NAME',
    )
  })
})

describe('state types and fields', () => {
  it('requires a known Type and suggests the right spelling', () => {
    const d = expectRule(
      machine({ A: pass() }),
      machine({ A: { Type: 'pass', End: true } }),
      'INVALID_STATE_TYPE',
    )
    expect(d.message).toContain('Did you mean "Pass"?')
    expect(errorCodes(machine({ A: { End: true } }))).toEqual(['MISSING_FIELD'])
  })

  it('does not cascade when a Type is wrong', () => {
    expect(errorCodes(machine({ A: { Type: 'Nope', Next: 'B' }, B: pass() }))).toEqual([
      'INVALID_STATE_TYPE',
    ])
  })

  it('rejects unknown fields, naming the state and the field', () => {
    const d = expectRule(
      machine({ A: task() }),
      machine({ A: task({ Resouce: 'x' }) }),
      'UNKNOWN_FIELD',
    )
    expect(d.message).toBe(
      'State "A" (Task) has a field "Resouce", which a Task state does not support. Did you mean "Resource"?',
    )
  })

  it('rejects fields of other state types', () => {
    expectRule(
      machine({ A: pass() }),
      machine({ A: pass({ Resource: 'arn:aws:lambda:::function:f' }) }),
      'UNKNOWN_FIELD',
    )
    expectRule(
      machine({ A: { Type: 'Succeed' } }),
      machine({ A: { Type: 'Succeed', Assign: { a: 1 } } }),
      'UNKNOWN_FIELD',
    )
    expectRule(
      machine({ A: { Type: 'Fail' } }),
      machine({ A: { Type: 'Fail', OutputPath: '$' } }),
      'UNKNOWN_FIELD',
    )
  })

  it('requires Task Resource, Choice Choices, Parallel Branches, Map ItemProcessor', () => {
    expectRule(machine({ A: task() }), machine({ A: { Type: 'Task', End: true } }), 'MISSING_FIELD')
    expect(errorCodes(machine({ A: { Type: 'Choice', Default: 'B' }, B: pass() }))).toEqual([
      'MISSING_FIELD',
    ])
    expect(
      errorCodes(machine({ A: { Type: 'Choice', Choices: [], Default: 'B' }, B: pass() })),
    ).toEqual(['INVALID_FIELD_VALUE'])
    expect(errorCodes(machine({ A: { Type: 'Parallel', End: true } }))).toEqual(['MISSING_FIELD'])
    expect(errorCodes(machine({ A: { Type: 'Parallel', Branches: [], End: true } }))).toEqual([
      'INVALID_FIELD_VALUE',
    ])
    const map = expectRule(
      machine({ A: { Type: 'Map', Iterator: { StartAt: 'I', States: { I: pass() } }, End: true } }),
      machine({ A: { Type: 'Map', End: true } }),
      'MISSING_FIELD',
    )
    expect(map.message).toContain('ItemProcessor')
  })

  it('checks value types and ranges', () => {
    const d = expectRule(
      machine({ A: task({ TimeoutSeconds: 10 }) }),
      machine({ A: task({ TimeoutSeconds: 0 }) }),
      'INVALID_FIELD_VALUE',
    )
    expect(d.message).toBe(
      'State "A" (Task): TimeoutSeconds must be an integer from 1 to 99999999, not 0.',
    )
    expectRule(
      machine({ A: task() }),
      machine({ A: task({ TimeoutSeconds: 1.5 }) }),
      'INVALID_FIELD_VALUE',
    )
    expectRule(machine({ A: task() }), machine({ A: task({ Comment: 3 }) }), 'INVALID_FIELD_VALUE')
    expectRule(
      machine({ A: pass() }),
      machine({ A: pass({ InputPath: 3 }) }),
      'INVALID_FIELD_VALUE',
    )
    expectRule(
      machine({ A: pass({ InputPath: null, OutputPath: null, ResultPath: null }) }),
      machine({ A: pass({ Result: 1, End: 'yes' }) }),
      'INVALID_FIELD_VALUE',
    )
  })

  it('requires HeartbeatSeconds below TimeoutSeconds', () => {
    expectRule(
      machine({ A: task({ TimeoutSeconds: 10, HeartbeatSeconds: 5 }) }),
      machine({ A: task({ TimeoutSeconds: 10, HeartbeatSeconds: 10 }) }),
      'HEARTBEAT_TOO_LONG',
    )
  })

  it('rejects a Resource that is not an ARN', () => {
    expectRule(
      machine({ A: task({ Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f' }) }),
      machine({ A: task({ Resource: 'my-function' }) }),
      'INVALID_RESOURCE',
    )
  })

  it('rejects mutually exclusive fields', () => {
    expectRule(
      machine({ A: task({ TimeoutSecondsPath: '$.t' }) }),
      machine({ A: task({ TimeoutSeconds: 3, TimeoutSecondsPath: '$.t' }) }),
      'EXCLUSIVE_FIELDS',
    )
    const fail = expectRule(
      machine({ A: { Type: 'Fail', ErrorPath: '$.e', Cause: 'c' } }),
      machine({ A: { Type: 'Fail', Error: 'E', ErrorPath: '$.e' } }),
      'EXCLUSIVE_FIELDS',
    )
    expect(fail.message).toBe(
      'State "A" (Fail) has both Error and ErrorPath: use only one of them.',
    )
    expect(fail.path).toEqual(['States', 'A', 'ErrorPath'])
    expectRule(
      machine({ A: { Type: 'Fail', CausePath: "States.Format('x {}', $.c)" } }),
      machine({ A: { Type: 'Fail', Cause: 'c', CausePath: '$.c' } }),
      'EXCLUSIVE_FIELDS',
    )
  })

  it('takes exactly one of the Wait forms', () => {
    const wait = (extra: JsonObject) => machine({ W: { Type: 'Wait', End: true, ...extra } })
    const forms: JsonObject[] = [
      { Seconds: 0 },
      { SecondsPath: '$.s' },
      { Timestamp: '2024-02-29T23:59:59.5+01:00' },
      { TimestampPath: '$.t' },
    ]
    for (const form of forms) {
      expect(errors(wait(form))).toEqual([])
    }
    expect(errorCodes(wait({}))).toEqual(['INVALID_WAIT'])
    expect(errorCodes(wait({ Seconds: 1, SecondsPath: '$.s' }))).toEqual(['INVALID_WAIT'])
    expect(errorCodes(wait({ Seconds: -1 }))).toEqual(['INVALID_FIELD_VALUE'])
    expect(errors(wait({ Seconds: '{% $s %}' }))[0]!.message).toContain(
      'A {% %} expression needs "QueryLanguage": "JSONata"',
    )
    expect(errorCodes(wait({ Timestamp: '2024-02-30T00:00:00Z' }))).toEqual(['INVALID_TIMESTAMP'])
    expect(errorCodes(wait({ Timestamp: '2024-01-01t00:00:00z' }))).toEqual(['INVALID_TIMESTAMP'])
  })

  it('warns about a path-like literal Error or Cause in a Fail state', () => {
    expect(warningCodes(machine({ A: { Type: 'Fail', Error: '$.error' } }))).toEqual(['NO_PATH'])
    expect(warningCodes(machine({ A: { Type: 'Fail', Error: 'Oops' } }))).toEqual([])
  })

  it('warns about a Pass Result with .$ keys', () => {
    expect(warningCodes(machine({ A: pass({ Result: { 'a.$': '$.x' } }) }))).toEqual([
      'PASS_RESULT_IS_STATIC',
    ])
    expect(warningCodes(machine({ A: pass({ Result: { a: '$.x' } }) }))).toEqual([])
  })
})

describe('Retry and Catch', () => {
  const withRetry = (retry: JsonValue) => machine({ A: task({ Retry: retry }) })
  const withCatch = (catchers: JsonValue) =>
    machine({ A: task({ Catch: catchers }), F: { Type: 'Fail' } })

  it('accepts full retriers', () => {
    expect(
      errors(
        withRetry([
          {
            ErrorEquals: ['States.Timeout', 'MyError'],
            IntervalSeconds: 2,
            MaxAttempts: 0,
            BackoffRate: 1.5,
            MaxDelaySeconds: 10,
            JitterStrategy: 'FULL',
            Comment: 'c',
          },
          { ErrorEquals: ['States.ALL'] },
        ]),
      ),
    ).toEqual([])
  })

  it('requires non-empty ErrorEquals', () => {
    expectRule(
      withRetry([{ ErrorEquals: ['E'] }]),
      withRetry([{ ErrorEquals: [] }]),
      'INVALID_ERROR_EQUALS',
    )
    expectRule(
      withRetry([{ ErrorEquals: ['E'] }]),
      withRetry([{ MaxAttempts: 1 }]),
      'MISSING_FIELD',
    )
  })

  it('keeps States.ALL alone and last', () => {
    const alone = expectRule(
      withRetry([{ ErrorEquals: ['States.ALL'] }]),
      withRetry([{ ErrorEquals: ['States.ALL', 'E'] }]),
      'INVALID_ERROR_EQUALS',
    )
    expect(alone.path).toEqual(['States', 'A', 'Retry', 0, 'ErrorEquals', 0])
    expectRule(
      withRetry([{ ErrorEquals: ['E'] }, { ErrorEquals: ['States.ALL'] }]),
      withRetry([{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['E'] }]),
      'STATES_ALL_NOT_LAST',
    )
    expectRule(
      withCatch([
        { ErrorEquals: ['E'], Next: 'F' },
        { ErrorEquals: ['States.ALL'], Next: 'F' },
      ]),
      withCatch([
        { ErrorEquals: ['States.ALL'], Next: 'F' },
        { ErrorEquals: ['E'], Next: 'F' },
      ]),
      'STATES_ALL_NOT_LAST',
    )
  })

  it.each([
    [{ MaxAttempts: -1 }],
    [{ MaxAttempts: 1.5 }],
    [{ BackoffRate: 0.5 }],
    [{ IntervalSeconds: 0 }],
    [{ MaxDelaySeconds: 0 }],
    [{ JitterStrategy: 'PARTIAL' }],
  ])('checks the bounds of %j', (field) => {
    expectRule(
      withRetry([{ ErrorEquals: ['E'] }]),
      withRetry([{ ErrorEquals: ['E'], ...field }]),
      'INVALID_FIELD_VALUE',
    )
  })

  it('rejects unknown retrier fields and requires catcher Next', () => {
    expectRule(
      withRetry([{ ErrorEquals: ['E'] }]),
      withRetry([{ ErrorEquals: ['E'], Backoff: 2 }]),
      'UNKNOWN_FIELD',
    )
    expectRule(
      withCatch([{ ErrorEquals: ['E'], Next: 'F' }]),
      withCatch([{ ErrorEquals: ['E'] }, { ErrorEquals: ['X'], Next: 'F' }]),
      'MISSING_FIELD',
    )
  })

  it('warns about unknown States.* error names', () => {
    const [d] = run(withRetry([{ ErrorEquals: ['States.Timout'] }]))
    expect(d).toMatchObject({ severity: 'warning', code: 'UNKNOWN_ERROR_NAME' })
    expect(d!.message).toContain('Did you mean "States.Timeout"?')
  })

  it('accepts every error name AWS raises', () => {
    // Predefined names, the HTTP Task's per-status errors, and service errors (never checked).
    const names = [
      'States.ALL',
      'States.Timeout',
      'States.HeartbeatTimeout',
      'States.TaskFailed',
      'States.Permissions',
      'States.DataLimitExceeded',
      'States.Runtime',
      'States.BranchFailed',
      'States.NoChoiceMatched',
      'States.IntrinsicFailure',
      'States.ExceedToleratedFailureThreshold',
      'States.ItemReaderFailed',
      'States.ResultWriterFailed',
      'States.QueryEvaluationError',
      'States.ParameterPathFailure',
      'States.ResultPathMatchFailure',
      'States.Http.Socket',
      'States.Http.StatusCode.400',
      'States.Http.StatusCode.429',
      'States.Http.StatusCode.503',
      'Lambda.ServiceException',
      'Lambda.TooManyRequestsException',
      'Lambda.Unknown',
      'DynamoDB.ConditionalCheckFailedException',
      'StepFunctions.ExecutionAlreadyExistsException',
      'Events.ConnectionResource.InvalidConnectionState',
      'java.lang.Exception',
      'CustomError',
    ]
    for (const name of names) {
      expect(run(withRetry([{ ErrorEquals: [name] }])), name).toEqual([])
    }
  })

  it('warns about a States.Http.StatusCode name that is not one status code', () => {
    for (const name of [
      'States.Http.StatusCode.5XX',
      'States.Http.StatusCode.42',
      'States.Http.StatusCode',
    ]) {
      const [d] = run(withRetry([{ ErrorEquals: [name] }]))
      expect(d, name).toMatchObject({ severity: 'warning', code: 'UNKNOWN_ERROR_NAME' })
    }
    const [d] = run(withRetry([{ ErrorEquals: ['States.Http.StatusCode.5XX'] }]))
    expect(d!.message).toContain('one three-digit status code')
  })

  it('checks catcher fields per query language', () => {
    expectRule(
      withCatch([{ ErrorEquals: ['E'], Next: 'F', ResultPath: '$.error' }]),
      withCatch([{ ErrorEquals: ['E'], Next: 'F', Output: '{% $states.errorOutput %}' }]),
      'FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE',
    )
    const jsonataCatch = (catcher: JsonObject) =>
      machine({ A: jsonata(task({ Catch: [catcher] })), F: { Type: 'Fail' } })
    expectRule(
      jsonataCatch({ ErrorEquals: ['E'], Next: 'F', Output: '{% $states.errorOutput %}' }),
      jsonataCatch({ ErrorEquals: ['E'], Next: 'F', ResultPath: '$.error' }),
      'FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE',
    )
  })
})

describe('query languages', () => {
  it('rejects JSONPath fields in a JSONata state, and says what to use', () => {
    const d = expectRule(
      machine({ A: jsonata(task({ Arguments: { a: '{% $states.input.a %}' } })) }),
      machine({ A: jsonata(task({ Parameters: { a: 1 } })) }),
      'FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE',
    )
    expect(d.message).toBe(
      'State "A" (Task) uses JSONata, and Parameters is a JSONPath field. Use Arguments instead, or set "QueryLanguage": "JSONPath" on the state.',
    )
    for (const field of [
      'InputPath',
      'OutputPath',
      'ResultPath',
      'ResultSelector',
      'TimeoutSecondsPath',
    ]) {
      expect(errorCodes(machine({ A: jsonata(task({ [field]: '$.x' })) }))).toEqual([
        'FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE',
      ])
    }
  })

  it('rejects JSONata fields in a JSONPath state', () => {
    for (const state of [
      task({ Arguments: {} }),
      task({ Output: {} }),
      {
        Type: 'Map',
        ItemProcessor: { StartAt: 'I', States: { I: pass() } },
        Items: [1],
        End: true,
      },
    ]) {
      expect(errorCodes(machine({ A: state }))).toEqual(['FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE'])
    }
  })

  it('inherits the top-level QueryLanguage', () => {
    const top = (state: JsonObject) => machine({ A: state }, { QueryLanguage: 'JSONata' })
    expect(errors(top(task({ Output: '{% $states.result %}' })))).toEqual([])
    expect(errorCodes(top(task({ OutputPath: '$.x' })))).toEqual([
      'FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE',
    ])
  })

  it('lets a state switch to JSONata but not back to JSONPath', () => {
    expect(errors(machine({ A: jsonata(pass({ Output: 1 })) }))).toEqual([])
    const d = errors(
      machine({ A: pass({ QueryLanguage: 'JSONPath' }) }, { QueryLanguage: 'JSONata' }),
    )
    expect(d.map((x) => x.code)).toEqual(['INVALID_QUERY_LANGUAGE'])
    expect(d[0]!.path).toEqual(['States', 'A', 'QueryLanguage'])
  })

  it('checks JSONata syntax in every {% %} string', () => {
    const d = expectRule(
      machine({ A: jsonata(pass({ Output: { a: '{% $states.input.a + 1 %}' } })) }),
      machine({ A: jsonata(pass({ Output: { a: '{% $states.input.a + %}' } })) }),
      'INVALID_JSONATA',
    )
    expect(d.path).toEqual(['States', 'A', 'Output', 'a'])
    expectRule(
      machine({ A: jsonata(pass({ Output: '{% 1 %}' })) }),
      machine({ A: jsonata(pass({ Output: '{% 1' })) }),
      'INVALID_JSONATA',
    )
    expectRule(
      machine({ A: jsonata(task({ TimeoutSeconds: '{% $t %}' })) }),
      machine({ A: jsonata(task({ TimeoutSeconds: '{% $t( %}' })) }),
      'INVALID_JSONATA',
    )
  })

  it('warns about {% %} strings in JSONPath payload templates', () => {
    expect(warningCodes(machine({ A: pass({ Parameters: { a: '{% 1 %}' } }) }))).toEqual([
      'JSONATA_IN_JSONPATH_STATE',
    ])
  })

  it('takes Arguments as an object or an expression, Items as an array, object or expression', () => {
    expectRule(
      machine({ A: jsonata(task({ Arguments: '{% $states.input %}' })) }),
      machine({ A: jsonata(task({ Arguments: 3 })) }),
      'INVALID_FIELD_VALUE',
    )
    const map = (items: JsonValue) =>
      machine({
        M: jsonata({
          Type: 'Map',
          Items: items,
          ItemProcessor: { StartAt: 'I', States: { I: pass() } },
          End: true,
        }),
      })
    expectRule(map([1, 2]), map('not an expression'), 'INVALID_FIELD_VALUE')
  })
})

describe('Choice rules', () => {
  const choice = (rules: JsonValue, extra: JsonObject = {}) =>
    machine({
      C: { Type: 'Choice', Choices: rules, Default: 'D', ...extra },
      D: { Type: 'Succeed' },
    })

  it('accepts every operator with a well-typed operand', () => {
    const rules: JsonObject[] = [
      { Variable: '$.s', StringEquals: 'a', Next: 'D' },
      { Variable: '$.s', StringMatches: 'log-*.txt', Next: 'D' },
      { Variable: '$.n', NumericLessThanEquals: 3.5, Next: 'D' },
      { Variable: '$.b', BooleanEquals: false, Next: 'D' },
      { Variable: '$.t', TimestampGreaterThan: '2024-01-01T00:00:00Z', Next: 'D' },
      { Variable: '$.s', StringEqualsPath: '$.other', Next: 'D' },
      { Variable: '$$.Execution.Name', StringEqualsPath: '$myVar', Next: 'D' },
      { Variable: '$.x', IsPresent: true, Next: 'D' },
      {
        And: [
          { Variable: '$.a', IsNumeric: true },
          {
            Or: [
              { Variable: '$.a', NumericEquals: 1 },
              { Not: { Variable: '$.a', NumericEquals: 2 } },
            ],
          },
        ],
        Next: 'D',
      },
    ]
    expect(errors(choice(rules))).toEqual([])
  })

  it('requires exactly one operator', () => {
    const none = errors(choice([{ Variable: '$.a', Next: 'D' }]))
    expect(none.map((d) => d.code)).toEqual(['INVALID_CHOICE_RULE'])
    const two = errors(choice([{ Variable: '$.a', IsNull: true, StringEquals: 'x', Next: 'D' }]))
    expect(two.map((d) => d.code)).toEqual(['INVALID_CHOICE_RULE'])
    expect(two[0]!.message).toContain('IsNull, StringEquals')
  })

  it('requires Variable in comparisons and forbids it with And/Or/Not', () => {
    expect(errorCodes(choice([{ StringEquals: 'x', Next: 'D' }]))).toEqual(['MISSING_FIELD'])
    expect(
      errorCodes(choice([{ Variable: '$.a', Not: { Variable: '$.a', IsNull: true }, Next: 'D' }])),
    ).toEqual(['INVALID_CHOICE_RULE'])
  })

  it('requires Next on top-level rules and forbids it inside And/Or/Not', () => {
    expect(errorCodes(choice([{ Variable: '$.a', IsNull: true }]))).toEqual(['MISSING_FIELD'])
    const d = errors(choice([{ And: [{ Variable: '$.a', IsNull: true, Next: 'D' }], Next: 'D' }]))
    expect(d.map((x) => x.code)).toEqual(['NEXT_IN_NESTED_RULE'])
    expect(d[0]!.path).toEqual(['States', 'C', 'Choices', 0, 'And', 0, 'Next'])
  })

  it.each([
    ['StringEquals', 1],
    ['StringMatches', true],
    ['NumericEquals', '1'],
    ['NumericGreaterThan', null],
    ['BooleanEquals', 'true'],
    ['TimestampEquals', 20240101],
    ['IsPresent', 'yes'],
    ['StringEqualsPath', 3],
  ])('checks the operand type of %s', (op, operand) => {
    expect(errorCodes(choice([{ Variable: '$.a', [op]: operand, Next: 'D' }]))).toEqual([
      'INVALID_OPERAND',
    ])
  })

  it('checks timestamps and path operands', () => {
    expect(
      errorCodes(choice([{ Variable: '$.a', TimestampEquals: '2024-13-01T00:00:00Z', Next: 'D' }])),
    ).toEqual(['INVALID_TIMESTAMP'])
    expect(
      errorCodes(choice([{ Variable: '$.a', NumericEqualsPath: '$.items[*]', Next: 'D' }])),
    ).toEqual(['INVALID_REFERENCE_PATH'])
    expect(errorCodes(choice([{ Variable: '$.a[', IsNull: true, Next: 'D' }]))).toEqual([
      'INVALID_PATH',
    ])
  })

  it('rejects And/Or that are not non-empty arrays', () => {
    expect(errorCodes(choice([{ And: [], Next: 'D' }]))).toEqual(['INVALID_OPERAND'])
    expect(errorCodes(choice([{ Or: { Variable: '$.a', IsNull: true }, Next: 'D' }]))).toEqual([
      'INVALID_OPERAND',
    ])
  })

  it('uses Condition in JSONata states', () => {
    const ok = choice(
      [{ Condition: '{% $states.input.a > 1 %}', Next: 'D', Output: 1, Assign: { v: 1 } }],
      {
        QueryLanguage: 'JSONata',
      },
    )
    expect(errors(ok)).toEqual([])
    expect(
      errorCodes(
        choice([{ Variable: '$.a', IsNull: true, Next: 'D' }], { QueryLanguage: 'JSONata' }),
      ),
    ).toEqual([
      'FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE',
      'FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE',
      'MISSING_FIELD',
    ])
    expect(errorCodes(choice([{ Condition: '{% true %}', Next: 'D' }]))).toEqual([
      'FIELD_NOT_ALLOWED_IN_QUERY_LANGUAGE',
      'INVALID_CHOICE_RULE',
    ])
    expect(
      errorCodes(choice([{ Condition: '$.a', Next: 'D' }], { QueryLanguage: 'JSONata' })),
    ).toEqual(['INVALID_FIELD_VALUE'])
  })
})

describe('paths, payload templates and intrinsic functions', () => {
  it('checks path syntax of path fields', () => {
    const d = expectRule(
      machine({ A: pass({ InputPath: '$.a[0].b', OutputPath: '$..x' }) }),
      machine({ A: pass({ InputPath: '$.a[' }) }),
      'INVALID_PATH',
    )
    expect(d.message).toMatch(/^State "A" \(Pass\): InputPath "\$\.a\[" is not a valid JSONPath: /)
  })

  it('requires reference paths where AWS does', () => {
    expectRule(
      machine({ A: pass({ ResultPath: '$.r' }) }),
      machine({ A: pass({ ResultPath: '$.r[*]' }) }),
      'INVALID_REFERENCE_PATH',
    )
    expectRule(
      machine({ A: pass({ ResultPath: '$' }) }),
      machine({ A: pass({ ResultPath: '$$.Execution' }) }),
      'INVALID_REFERENCE_PATH',
    )
    expectRule(
      machine({ A: pass({ ResultPath: '$.x' }) }),
      machine({ A: pass({ ResultPath: '$v.x' }) }),
      'INVALID_REFERENCE_PATH',
    )
    const wait = (path: string) => machine({ W: { Type: 'Wait', SecondsPath: path, End: true } })
    expectRule(wait('$var.seconds'), wait('$.a..b'), 'INVALID_REFERENCE_PATH')
    expectRule(
      machine({ F: { Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('{}', $.c)" } }),
      machine({ F: { Type: 'Fail', ErrorPath: '$.e[?(@.a)]' } }),
      'INVALID_REFERENCE_PATH',
    )
  })

  it('requires .$ keys to hold a path or an intrinsic', () => {
    const params = (p: JsonObject) => machine({ A: task({ Parameters: p }) })
    expect(
      errors(
        params({
          'a.$': '$.a',
          'ctx.$': '$$.Execution.Id',
          'v.$': '$myVar.field',
          nested: { 'x.$': 'States.ArrayLength($.list)' },
          list: [{ 'y.$': '$.y' }],
        }),
      ),
    ).toEqual([])
    expectRule(params({ 'a.$': '$.a' }), params({ 'a.$': 3 }), 'INVALID_PAYLOAD_TEMPLATE')
    expectRule(params({ 'a.$': '$.a' }), params({ deep: [{ 'a.$': 'a.b' }] }), 'INVALID_PATH')
  })

  it('checks intrinsic names and arity', () => {
    const params = (value: string) => machine({ A: pass({ Parameters: { 'x.$': value } }) })
    expect(errors(params("States.Format('{} {}', $.a, $.b)"))).toEqual([])
    expect(errors(params('States.UUID()'))).toEqual([])
    expect(errorCodes(params('States.Frmat($.a)'))).toEqual(['INVALID_INTRINSIC'])
    expect(errorCodes(params('States.ArrayPartition($.a)'))).toEqual(['INVALID_INTRINSIC'])
    expect(errorCodes(params('States.UUID(1)'))).toEqual(['INVALID_INTRINSIC'])
    expect(errorCodes(params("States.Format('x'"))).toEqual(['INVALID_INTRINSIC'])
    expect(errors(params('States.Uuid()'))[0]!.message).toContain('did you mean States.UUID?')
  })

  it('warns when a value looks like a path but its key has no .$', () => {
    const d = run(machine({ A: pass({ Parameters: { id: '$.id' } }) }))
    expect(d.map((x) => [x.severity, x.code])).toEqual([['warning', 'NO_DOLLAR']])
    expect(d[0]!.message).toContain('Rename the key to "id.$"')
  })

  it('accepts the forms AWS accepts that a strict JSONPath parse does not', () => {
    // Seen in deployed definitions: `.[`, and filter bodies with unquoted words.
    expect(
      errors(
        machine({
          A: pass({
            Parameters: { 'a.$': '$.[0].body', 'b.$': 'States.StringToJson($.[0].body)' },
          }),
        }),
      ),
    ).toEqual([])
    expect(errors(machine({ A: pass({ InputPath: '$..Results[?(@.status==Failure)]' }) }))).toEqual(
      [],
    )
  })

  it('warns that an unquoted word in a filter fails at run time, as on AWS', () => {
    const [d, ...rest] = run(machine({ A: pass({ InputPath: '$.items[?(@.status==Failure)]' }) }))
    expect(rest).toEqual([])
    expect(d).toMatchObject({ severity: 'warning', code: 'INVALID_PATH' })
    expect(d!.message).toContain("write it as a string, 'Failure'")
    expect(d!.message).toContain('AWS accepts the definition when the state machine is created')
    expect(d!.message).toContain(
      'the state fails at run time with States.Runtime ("Could not compile inline filter : [?(@.status==Failure)]")',
    )
    expect(d!.message).not.toContain('check it does what you mean')
  })
})

describe('variables (Assign)', () => {
  it('accepts valid names in both languages', () => {
    expect(
      errors(
        machine({ A: pass({ Assign: { a: 1, _b2: { 'c.$': '$.c' }, 'd.$': '$.d', ünï: 2 } }) }),
      ),
    ).toEqual([])
    expect(
      errors(machine({ A: jsonata(pass({ Assign: { total: '{% $states.input.n * 2 %}' } })) })),
    ).toEqual([])
  })

  it('rejects invalid and reserved names', () => {
    expect(errorCodes(machine({ A: pass({ Assign: { '1a': 1 } }) }))).toEqual([
      'INVALID_VARIABLE_NAME',
    ])
    expect(errorCodes(machine({ A: pass({ Assign: { 'a-b': 1 } }) }))).toEqual([
      'INVALID_VARIABLE_NAME',
    ])
    expect(errorCodes(machine({ A: pass({ Assign: { ['v'.repeat(81)]: 1 } }) }))).toEqual([
      'INVALID_VARIABLE_NAME',
    ])
    expect(errorCodes(machine({ A: jsonata(pass({ Assign: { states: 1 } })) }))).toEqual([
      'INVALID_VARIABLE_NAME',
    ])
  })

  it('checks the values', () => {
    expect(errorCodes(machine({ A: pass({ Assign: { 'a.$': '$.a[' } }) }))).toEqual([
      'INVALID_PATH',
    ])
    expect(errorCodes(machine({ A: jsonata(pass({ Assign: { a: '{% ) %}' } })) }))).toEqual([
      'INVALID_JSONATA',
    ])
  })
})

describe('Parallel and Map', () => {
  it('validates branches recursively with their own StartAt', () => {
    const def = machine({
      P: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'B1', States: { B1: pass() } },
          { StartAt: 'Missing', States: { B2: { Type: 'Pass' } } },
        ],
        End: true,
      },
    })
    const d = errors(def)
    expect(d.map((x) => x.code).sort()).toEqual([
      'MISSING_NEXT_OR_END',
      'MISSING_TRANSITION_TARGET',
    ])
    expect(d.find((x) => x.code === 'MISSING_TRANSITION_TARGET')!.message).toBe(
      'StartAt of branch 2 of "P" names "Missing", but branch 2 of "P" has no state with that name.',
    )
  })

  it('finds unreachable states and missing terminals inside a processor', () => {
    const def = machine({
      M: {
        Type: 'Map',
        ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Next: 'I' }, J: pass() } },
        End: true,
      },
    })
    expect(errorCodes(def)).toEqual(['UNREACHABLE_STATE'])
  })

  it('rejects ItemProcessor with Iterator, and ItemSelector with Parameters', () => {
    const processor = { StartAt: 'I', States: { I: pass() } }
    expectRule(
      machine({ M: { Type: 'Map', ItemProcessor: processor, End: true } }),
      machine({
        M: {
          Type: 'Map',
          ItemProcessor: processor,
          Iterator: { StartAt: 'J', States: { J: pass() } },
          End: true,
        },
      }),
      'EXCLUSIVE_FIELDS',
    )
    expectRule(
      machine({
        M: {
          Type: 'Map',
          ItemProcessor: processor,
          ItemSelector: { 'v.$': '$$.Map.Item.Value' },
          End: true,
        },
      }),
      machine({
        M: { Type: 'Map', ItemProcessor: processor, ItemSelector: {}, Parameters: {}, End: true },
      }),
      'EXCLUSIVE_FIELDS',
    )
    expectRule(
      machine({ M: { Type: 'Map', ItemProcessor: processor, MaxConcurrency: 0, End: true } }),
      machine({
        M: {
          Type: 'Map',
          ItemProcessor: processor,
          MaxConcurrency: 2,
          MaxConcurrencyPath: '$.m',
          End: true,
        },
      }),
      'EXCLUSIVE_FIELDS',
    )
  })

  it('checks a Distributed Map', () => {
    const distributed = (
      extra: JsonObject,
      config: JsonObject = { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
    ) =>
      machine({
        M: {
          Type: 'Map',
          ItemProcessor: { ProcessorConfig: config, StartAt: 'I', States: { I: pass() } },
          End: true,
          ...extra,
        },
      })
    const full = distributed({
      ItemReader: {
        Resource: 'arn:aws:states:::s3:getObject',
        ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItems: 10 },
        Parameters: { Bucket: 'b', Key: 'k' },
      },
      ItemBatcher: { MaxItemsPerBatch: 10, BatchInput: { 'x.$': '$.x' } },
      ResultWriter: {
        Resource: 'arn:aws:states:::s3:putObject',
        Parameters: { Bucket: 'b', Prefix: 'p' },
      },
      ToleratedFailurePercentage: 5,
      Label: 'Files',
    })
    expect(run(full)).toEqual([])
    expect(errorCodes(distributed({}, { Mode: 'DISTRIBUTED' }))).toEqual(['MISSING_FIELD'])
    expect(errorCodes(distributed({}, { Mode: 'distributed' }))).toEqual(['INVALID_FIELD_VALUE'])
    expect(
      errorCodes(
        distributed({
          ItemReader: {
            Resource: 'arn:aws:states:::s3:getObject',
            ReaderConfig: { InputType: 'XML' },
          },
        }),
      ),
    ).toEqual(['INVALID_FIELD_VALUE'])
    expect(
      errorCodes(
        distributed({
          ItemReader: {
            Resource: 'arn:aws:states:::s3:getObject',
            ReaderConfig: { CSVHeaderLocation: 'GIVEN' },
          },
        }),
      ),
    ).toEqual(['MISSING_FIELD'])
    expect(errorCodes(distributed({ ItemReader: { Parameters: {} } }))).toEqual(['MISSING_FIELD'])
    expect(errorCodes(distributed({ ToleratedFailurePercentage: 101 }))).toEqual([
      'INVALID_FIELD_VALUE',
    ])
    expect(errorCodes(distributed({ Label: 'has space' }))).toEqual(['INVALID_FIELD_VALUE'])
    expect(errorCodes(distributed({ ItemBatcher: { MaxInputBytesPerBatch: 300000 } }))).toEqual([
      'INVALID_FIELD_VALUE',
    ])
  })

  it('warns about Distributed-only fields on an inline Map', () => {
    const def = machine({
      M: {
        Type: 'Map',
        ItemProcessor: { StartAt: 'I', States: { I: pass() } },
        Label: 'x',
        End: true,
      },
    })
    expect(run(def).map((d) => [d.severity, d.code])).toEqual([
      ['warning', 'DISTRIBUTED_ONLY_FIELD'],
    ])
  })
})

describe('Express workflows', () => {
  const def = (resource: string) => machine({ A: task({ Resource: resource }) })

  it.each([
    'arn:aws:states:::ecs:runTask.sync',
    'arn:aws:states:::states:startExecution.sync:2',
    'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
    'arn:aws:states:us-east-1:123456789012:activity:Approve',
  ])('rejects %s in EXPRESS but not in STANDARD', (resource) => {
    expect(errors(def(resource), 'STANDARD')).toEqual([])
    expect(errorCodes(def(resource), 'EXPRESS')).toEqual(['EXPRESS_UNSUPPORTED'])
  })

  it('accepts request-response integrations in EXPRESS', () => {
    expect(errors(def('arn:aws:states:::lambda:invoke'), 'EXPRESS')).toEqual([])
  })

  it('applies Express rules inside an EXPRESS Distributed Map', () => {
    const map = machine({
      M: {
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'T',
          States: { T: task({ Resource: 'arn:aws:states:::glue:startJobRun.sync' }) },
        },
        End: true,
      },
    })
    expect(errorCodes(map)).toEqual(['EXPRESS_UNSUPPORTED'])
  })
})

describe('deploy-time placeholders', () => {
  it('accepts them where a value will be substituted, with a warning at most', () => {
    const def = machine({
      T: task({
        Resource: '${LambdaArn}',
        TimeoutSeconds: '${Timeout}',
        Parameters: {
          FunctionName: 'arn:${AWS::Partition}:lambda:${AWS::Region}:1:function:f',
          'Key.$': '$.${KeyName}',
        },
        Next: 'W',
        End: undefined,
      }),
      W: { Type: 'Wait', Seconds: '${WaitSeconds}', End: true },
    })
    const all = run(def)
    expect(all.filter((d) => d.severity === 'error')).toEqual([])
    expect(all.map((d) => d.code)).toEqual(['DEPLOY_TIME_PLACEHOLDER', 'DEPLOY_TIME_PLACEHOLDER'])
    expect(
      run(machine({ T: task({ Resource: 'arn:${AWS::Partition}:states:::lambda:invoke' }) })),
    ).toEqual([])
  })
})

describe('source ranges (validateText)', () => {
  const text = `{
  "StartAt": "A",
  "States": {
    "A": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": { "x.$": "States.Frmat('{}', $.a)" },
      "Nxt": "Done",
      "Next": "Dnoe"
    },
    "Done": { "Type": "Succeed" }
  }
}
`

  it('points each diagnostic at the text it is about', () => {
    const { diagnostics } = validateText(text)
    const byCode = new Map(diagnostics.map((d) => [d.code, d]))
    expect(covered(text, byCode.get('MISSING_TRANSITION_TARGET')!)).toBe('"Dnoe"')
    expect(byCode.get('MISSING_TRANSITION_TARGET')!.message).toContain('Did you mean "Done"?')
    const unknown = byCode.get('UNKNOWN_FIELD')!
    expect(covered(text, unknown)).toBe('"Nxt"')
    expect(unknown.range!.start).toEqual({ line: 8, column: 7 })
    // The intrinsic error points inside the string, at the unknown name.
    expect(covered(text, byCode.get('INVALID_INTRINSIC')!)).toMatch(/^States\.Frmat/)
    expect(covered(text, byCode.get('UNREACHABLE_STATE')!)).toBe('"Done"')
  })

  it('points a missing field at the name of the object that lacks it', () => {
    const t = '{"StartAt": "A", "States": {"A": {"Type": "Task", "End": true}}}'
    const [d] = validateText(t).diagnostics
    expect(d!.code).toBe('MISSING_FIELD')
    expect(covered(t, d!)).toBe('"A"')
  })

  it('works on YAML and with the workflow type', () => {
    const yaml = `StartAt: A
States:
  A:
    Type: Task
    Resource: arn:aws:states:::ecs:runTask.sync
    End: true
`
    const { parse, diagnostics } = validateText(yaml, { workflowType: 'EXPRESS' })
    expect(parse.format).toBe('yaml')
    expect(diagnostics).toHaveLength(1)
    expect(covered(yaml, diagnostics[0]!)).toBe('arn:aws:states:::ecs:runTask.sync')
    expect(diagnostics[0]!.range!.start).toEqual({ line: 5, column: 15 })
  })

  it('returns parse errors alone when the text does not parse', () => {
    const { parse, diagnostics } = validateText('{"StartAt": "A",}')
    expect(parse.value).toBeUndefined()
    expect(diagnostics.map((d) => d.code)).toEqual(['JSON_SYNTAX'])
  })

  it('gives parse diagnostics their state path', () => {
    const t = printJson(machine({ A: pass() })).replace(
      '"Type": "Pass",',
      '"Type": "Pass", "Type": "Pass",',
    )
    const d = validateText(t).diagnostics.find((x) => x.code === 'DUPLICATE_KEY')!
    expect(d.statePath).toEqual(['A'])
  })
})

describe('helpers', () => {
  it('statePathOf follows machines, branches and processors', () => {
    expect(statePathOf(['States', 'P', 'Branches', 0, 'States', 'Q', 'Next'])).toEqual(['P', 'Q'])
    expect(
      statePathOf(['States', 'M', 'ItemProcessor', 'States', 'I', 'Parameters', 'States', 'x']),
    ).toEqual(['M', 'I'])
    expect(statePathOf(['StartAt'])).toEqual([])
  })

  it('isRfc3339 follows AWS profile', () => {
    expect(isRfc3339('2016-03-14T01:59:00Z')).toBe(true)
    expect(isRfc3339('2016-03-14T01:59:00.123-08:00')).toBe(true)
    expect(isRfc3339('2016-03-14 01:59:00Z')).toBe(false)
    expect(isRfc3339('2016-03-14T01:59:00')).toBe(false)
    expect(isRfc3339('2023-02-29T00:00:00Z')).toBe(false)
  })

  it('closest finds likely typos only', () => {
    expect(closest('Chrage', ['Charge', 'Refund'])).toBe('Charge')
    expect(closest('charge', ['Charge'])).toBe('Charge')
    expect(closest('Completely different', ['Charge'])).toBeUndefined()
  })
})

describe('performance', () => {
  it('validates a 1,000-state definition quickly', () => {
    const states: Record<string, JsonObject> = {}
    for (let i = 0; i < 1000; i++) {
      states[`S${i}`] = task({
        Parameters: { 'a.$': '$.a', 'b.$': "States.Format('{}', $.b)" },
        Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
        ...(i < 999 ? { Next: `S${i + 1}`, End: undefined } : {}),
      })
    }
    const text = printJson(JSON.parse(JSON.stringify(machine(states))) as JsonValue)
    validateText(text) // warm up
    const start = performance.now()
    const { diagnostics } = validateText(text)
    const elapsed = performance.now() - start
    expect(diagnostics).toEqual([])
    // Generous bound for a loaded CI machine; typically ~20 ms.
    expect(elapsed).toBeLessThan(500)
  })
})
