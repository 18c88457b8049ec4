import jsonata from 'jsonata'
import { ExpressionSyntaxError } from '../errors'

// Compiling a JSONata expression is far more expensive than evaluating it: compile each source
// once per process.

const cache = new Map<string, jsonata.Expression>()
const CACHE_LIMIT = 5_000

interface JsonataErrorLike {
  code?: string
  position?: number
  token?: string
  message?: string
}

/** Compiles (cached). Throws ExpressionSyntaxError on a syntax error. */
export function compileJsonata(expression: string): jsonata.Expression {
  let compiled = cache.get(expression)
  if (compiled === undefined) {
    try {
      compiled = jsonata(expression)
    } catch (e) {
      throw toSyntaxError(expression, e)
    }
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(expression, compiled)
  }
  return compiled
}

/** JSONata syntax check of a `{% … %}` string's body (uses the jsonata package). */
export function checkJsonataSyntax(expression: string): ExpressionSyntaxError | undefined {
  try {
    compileJsonata(expression)
    return undefined
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) return e
    throw e
  }
}

function toSyntaxError(expression: string, e: unknown): ExpressionSyntaxError {
  const err = (typeof e === 'object' && e !== null ? e : {}) as JsonataErrorLike
  // jsonata reports the position just after the offending token.
  const end = Math.min(Math.max(err.position ?? 0, 0), expression.length)
  const tokenLength =
    err.token === '(end)' ? 0 : typeof err.token === 'string' ? err.token.length : end > 0 ? 1 : 0
  const offset = Math.max(0, end - tokenLength)
  const code = err.code ? `${err.code}: ` : ''
  return new ExpressionSyntaxError(`${code}${err.message ?? String(e)}`, offset, end - offset)
}
