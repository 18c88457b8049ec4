// ASL errors as the interpreter raises, matches and reports them.

/** The predefined error names of the States language that the interpreter raises itself. */
export const StatesErrors = {
  ALL: 'States.ALL',
  Runtime: 'States.Runtime',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  TaskFailed: 'States.TaskFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  BranchFailed: 'States.BranchFailed',
  DataLimitExceeded: 'States.DataLimitExceeded',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
  QueryEvaluationError: 'States.QueryEvaluationError',
  ParameterPathFailure: 'States.ParameterPathFailure',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  IntrinsicFailure: 'States.IntrinsicFailure',
} as const

/** Errors Stepwise itself raises (never AWS's): they end the run and no Catch sees them. */
export const StepwiseErrors = {
  MockNotFound: 'Stepwise.MockNotFound',
  InvalidDefinition: 'Stepwise.InvalidDefinition',
  TransitionLimitExceeded: 'Stepwise.TransitionLimitExceeded',
  HistoryLimitExceeded: 'Stepwise.HistoryLimitExceeded',
  InvalidMock: 'Stepwise.InvalidMock',
} as const

/**
 * A failure inside the execution: an error name and cause, like AWS reports. `terminal` failures
 * skip Retry and Catch and end the execution (States.Runtime, an over-large state output, the
 * Stepwise limits). Not an Error subclass on purpose: failures are control flow here (a retried
 * Task fails thousands of times), and capturing a stack trace for each would dominate the run.
 */
export class StateFailure {
  constructor(
    /** Undefined for a Fail state without Error, as AWS reports it (no error name). */
    readonly error: string | undefined,
    readonly cause: string | undefined,
    readonly terminal = false,
  ) {}
  get message(): string {
    return this.cause === undefined ? String(this.error) : `${String(this.error)}: ${this.cause}`
  }
  toString(): string {
    return `StateFailure ${this.message}`
  }
}

/**
 * A StateFailure that lives as long as the module, so the hidden class of failures survives the
 * full GCs between runs (see retainShapes in run.ts); a retried Task makes thousands of them.
 */
export const FAILURE_SHAPE = new StateFailure(undefined, undefined)

/** Anything thrown while running a state, as an ASL error. */
export function asStateFailure(thrown: unknown): StateFailure {
  if (thrown instanceof StateFailure) return thrown
  if (typeof thrown === 'object' && thrown !== null) {
    const t = thrown as { error?: unknown; cause?: unknown; name?: unknown; message?: unknown }
    // StatesError from core/expr: { error, cause }.
    if (typeof t.error === 'string') {
      const cause = typeof t.cause === 'string' ? t.cause : undefined
      return new StateFailure(t.error, cause, t.error === StatesErrors.Runtime)
    }
  }
  // A bug surfacing as a plain exception: fail the run with it rather than hide it.
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  return new StateFailure(StatesErrors.Runtime, message, true)
}

/**
 * Whether a Retrier's or Catcher's ErrorEquals covers an error. `States.ALL` covers every error
 * but States.Runtime; `States.TaskFailed` every error but the timeouts; `States.Timeout` also a
 * heartbeat timeout (AWS documents States.Timeout as "ran longer than TimeoutSeconds, or failed
 * to send a heartbeat for longer than HeartbeatSeconds"; States.HeartbeatTimeout came later, to
 * tell the two apart, and catchers written for States.Timeout keep catching both).
 */
export function errorMatches(errorEquals: readonly string[], failure: StateFailure): boolean {
  if (failure.terminal && failure.error !== StatesErrors.DataLimitExceeded) return false
  const name = failure.error
  for (const wanted of errorEquals) {
    if (wanted === name) return true
    if (failure.terminal) continue
    if (wanted === StatesErrors.ALL) return true
    if (wanted === StatesErrors.Timeout && name === StatesErrors.HeartbeatTimeout) return true
    if (
      wanted === StatesErrors.TaskFailed &&
      name !== StatesErrors.Timeout &&
      name !== StatesErrors.HeartbeatTimeout
    ) {
      return true
    }
  }
  return false
}

const RUNTIME_PREFIX = 'An error occurred while executing the state '

/** AWS's wording for errors raised while evaluating a state's fields. */
export function stateErrorCause(stateName: string, enteredEventId: number, detail: string): string {
  if (detail.startsWith(RUNTIME_PREFIX)) return detail
  return `${RUNTIME_PREFIX}'${stateName}' (entered at the event id #${enteredEventId}). ${detail}`
}

/** Errors whose cause AWS prefixes with the state name and event id. */
export function isEvaluationError(error: string): boolean {
  return (
    error === StatesErrors.Runtime ||
    error === StatesErrors.QueryEvaluationError ||
    error === StatesErrors.ParameterPathFailure ||
    error === StatesErrors.ResultPathMatchFailure ||
    error === StatesErrors.IntrinsicFailure
  )
}
