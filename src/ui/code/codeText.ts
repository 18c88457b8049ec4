// The rules that decide what the code view's text is and when it may change the document. Pure:
// the Monaco wiring (codeSync.ts) only calls these.
//
// - Text that parses to an object replaces the document, even when it has ASL errors (a dangling
//   Next, a missing Type): the canvas can show a broken workflow and the problems panel explains it.
// - Text that does not parse (JSON/YAML syntax, duplicate keys that would silently lose a state)
//   or whose top level is not an object is "held": the document keeps its last valid version and
//   the text stays as the user left it.

import type { Diagnostic } from '../../core/asl/diagnostics'
import { parseText, type ParseResult } from '../../core/asl/parse'
import { printJson, printYaml } from '../../core/asl/print'
import { isJsonObject, type JsonObject } from '../../core/asl/types'
import type { CodeFormat } from '../../state/codeStore'

export type TextAnalysis =
  | { kind: 'valid'; definition: JsonObject; parse: ParseResult }
  | { kind: 'held'; parse: ParseResult; error: HeldReason }

export interface HeldReason {
  message: string
  /** Where the first problem is (1-based line/column), when known. */
  line: number
  column: number
  offset: number
}

/** The document as the code view prints it. */
export function printDefinition(definition: JsonObject, format: CodeFormat): string {
  return format === 'json' ? printJson(definition) : printYaml(definition)
}

/** Parses the editor's text and decides whether it may replace the document. */
export function analyzeText(text: string, format: CodeFormat): TextAnalysis {
  const parse = parseText(text, format)
  const blocking = parse.diagnostics.find((d) => d.severity === 'error')
  if (blocking) return { kind: 'held', parse, error: reasonOf(blocking) }
  if (!isJsonObject(parse.value)) {
    const kind = Array.isArray(parse.value) ? 'a list' : `a ${typeof parse.value}`
    return {
      kind: 'held',
      parse,
      error: {
        message: `The definition must be an object with StartAt and States, not ${kind}.`,
        line: 1,
        column: 1,
        offset: 0,
      },
    }
  }
  return { kind: 'valid', definition: parse.value, parse }
}

function reasonOf(diagnostic: Diagnostic): HeldReason {
  const range = diagnostic.range
  return {
    // The banner says where; the parser's own "at 4:3" would say it twice.
    message: diagnostic.message.replace(/\s+at \d+:\d+\.?$/, ''),
    line: range?.start.line ?? 1,
    column: range?.start.column ?? 1,
    offset: range?.offset ?? 0,
  }
}

/** Same definition, same key order: what replaceDefinition also treats as "no change". */
export function sameDefinition(a: JsonObject, b: JsonObject): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b)
}

/**
 * The text the editor shows when it opens (or the document is swapped under it): the saved draft
 * when it is invalid (the user's unfinished work) or describes the document as it is (the user's
 * own layout); otherwise the printed document.
 */
export function textToShow(
  draft: string | null,
  definition: JsonObject,
  format: CodeFormat,
): { text: string; draft: string | null } {
  if (draft !== null) {
    const analysis = analyzeText(draft, format)
    if (analysis.kind === 'held' || sameDefinition(analysis.definition, definition)) {
      return { text: draft, draft }
    }
  }
  return { text: printDefinition(definition, format), draft: null }
}

/** What the code store keeps for a text that is in step with `definition`. */
export function draftFor(text: string, definition: JsonObject, format: CodeFormat): string | null {
  return text === printDefinition(definition, format) ? null : text
}
