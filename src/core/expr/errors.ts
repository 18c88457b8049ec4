// Errors raised while computing values. The interpreter turns a StatesError into a state
// failure (Retry/Catch see `error`); `cause` is AWS's text WITHOUT the "An error occurred while
// executing the state '…' (entered at the event id #N). " prefix, which only the interpreter
// knows how to write.

/** A runtime error with an ASL error name, e.g. ('States.Runtime', '<AWS cause text>'). */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`)
    this.name = 'StatesError'
  }
}

/**
 * What AWS says when it evaluates a path that its JSONPath engine (Jayway) cannot compile, for
 * problems AWS does not check when the state machine is created (filter bodies): the path as
 * written and Jayway's message, e.g. `Could not compile inline filter : [?(@.a==b)]`.
 */
export interface RuntimePathProblem {
  path: string
  message: string
}

/** A syntax error in an expression; offset/length are 0-based within the expression string. */
export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly length: number,
    /** Set when AWS accepts the definition and only fails when the path is evaluated. */
    readonly atRuntime?: RuntimePathProblem,
  ) {
    super(message)
    this.name = 'ExpressionSyntaxError'
  }
}

/**
 * The States.Runtime error AWS raises for an expression it could not evaluate: Jayway's text for
 * the problems only found at run time (`Invalid path '<path>' : <message>`), else `fallback`.
 */
export function runtimeSyntaxError(e: ExpressionSyntaxError, fallback: string): StatesError {
  const problem = e.atRuntime
  return new StatesError(
    'States.Runtime',
    problem ? `Invalid path '${problem.path}' : ${problem.message}` : fallback,
  )
}
