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

/** A syntax error in an expression; offset/length are 0-based within the expression string. */
export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly length: number,
  ) {
    super(message)
    this.name = 'ExpressionSyntaxError'
  }
}
