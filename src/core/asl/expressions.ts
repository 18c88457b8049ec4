// The validator's view of expression syntax: JSONPath, reference paths, intrinsic functions and
// JSONata, checked with the parsers of src/core/expr. The validator only needs to know whether a
// string parses and where it does not; this module turns parser errors into that, and holds the
// few places where AWS's creation-time checks are more lenient than a full parse.

import {
  checkJsonataSyntax,
  ExpressionSyntaxError,
  INTRINSIC_FUNCTIONS,
  isReferencePath,
  parseIntrinsic,
  parseJsonPath,
} from '../expr'
import { closest } from './suggest'

export interface ExpressionProblem {
  /** What is wrong, without the subject (the validator adds which state and field). */
  message: string
  /** 0-based offset and length within the checked string. */
  offset: number
  length: number
  /** `warning` where AWS is known to accept what Stepwise cannot check. */
  severity: 'error' | 'warning'
  kind: 'syntax' | 'notReference' | 'notInputRoot'
}

const PLACEHOLDER_GLOBAL = /\$\{[^}]*\}/g

/**
 * Replaces `${Name}` deploy-time substitutions with same-length identifiers so the text around
 * them can still be checked (offsets stay valid): `$.${Key}` → `$.xxxxxx`.
 */
export function neutralizePlaceholders(source: string): string {
  return source.replace(PLACEHOLDER_GLOBAL, (m) => 'x'.repeat(m.length))
}

/**
 * `path`: any JSONPath rooted at `$`, `$$` or `$variable`; `reference`: a reference path (same
 * roots); `result`: ResultPath, a reference path rooted at `$` only.
 */
export function checkPathSyntax(
  source: string,
  mode: 'path' | 'reference' | 'result',
): ExpressionProblem | undefined {
  const text = neutralizePlaceholders(source)
  let parsed
  try {
    parsed = parseJsonPath(text)
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error
    if (insideFilter(text, error.offset)) return filterWarning(text, error)
    return {
      message: error.message,
      offset: error.offset,
      length: error.length,
      severity: 'error',
      kind: 'syntax',
    }
  }
  if (mode === 'result' && parsed.root.kind !== 'input') {
    return {
      message: 'not rooted at $',
      offset: 0,
      length: source.length,
      severity: 'error',
      kind: 'notInputRoot',
    }
  }
  if (mode !== 'path' && !isReferencePath(parsed)) {
    return {
      message: 'not a reference path',
      offset: 0,
      length: source.length,
      severity: 'error',
      kind: 'notReference',
    }
  }
  return undefined
}

export function checkIntrinsicSyntax(source: string): ExpressionProblem | undefined {
  const text = neutralizePlaceholders(source)
  try {
    parseIntrinsic(text)
    return undefined
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error
    if (insideFilter(text, error.offset)) return filterWarning(text, error)
    return {
      message: withFunctionSuggestion(text, error),
      offset: error.offset,
      length: error.length,
      severity: 'error',
      kind: 'syntax',
    }
  }
}

/** Checks a whole `{% … %}` string; offsets are within the whole string. */
export function checkJsonataString(value: string): ExpressionProblem | undefined {
  const error = checkJsonataSyntax(value.slice(2, -2))
  if (!error) return undefined
  return {
    message: error.message,
    offset: error.offset + 2,
    length: error.length,
    severity: 'error',
    kind: 'syntax',
  }
}

// Deployed definitions show that creating a state machine does not check filter bodies:
// `[?(@.status==Failure)]` (an unquoted word) is accepted, but Jayway, which compiles the path
// when the state evaluates it, rejects it and the state fails with States.Runtime. So a filter
// problem is a warning that says what will happen at run time.

function insideFilter(text: string, offset: number): boolean {
  const open = text.lastIndexOf('[?(', offset)
  if (open === -1) return false
  const close = text.indexOf(')]', open)
  return close === -1 || offset <= close + 1
}

function filterWarning(text: string, error: ExpressionSyntaxError): ExpressionProblem {
  const open = text.lastIndexOf('[?(', error.offset)
  const close = text.indexOf(')]', open)
  const message = error.atRuntime
    ? `${error.message}. AWS accepts the definition when the state machine is created, but its JSONPath engine cannot compile the filter when the state evaluates the path, so the state fails at run time with States.Runtime ("${error.atRuntime.message}")`
    : `Stepwise cannot parse the filter expression (${error.message}). AWS does not check filters when the state machine is created; if its JSONPath engine cannot compile this one either, the state fails at run time with States.Runtime`
  return {
    message,
    offset: Math.max(0, open),
    length: close === -1 ? text.length - open : close + 2 - open,
    severity: 'warning',
    kind: 'syntax',
  }
}

/** Adds "did you mean States.UUID?" when the error is about an unknown function name. */
function withFunctionSuggestion(text: string, error: ExpressionSyntaxError): string {
  const name = /^States\.[A-Za-z0-9]+/.exec(text.slice(error.offset))?.[0]
  if (!name || name in INTRINSIC_FUNCTIONS) return error.message
  const suggestion = closest(name, Object.keys(INTRINSIC_FUNCTIONS), true)
  return suggestion ? `${error.message} (did you mean ${suggestion}?)` : error.message
}
