// Where states are in the text and which state a text position is in: the bridge between the
// canvas selection and the editor cursor, through the parser's source map.

import type { SourceRange } from '../../core/asl/diagnostics'
import type { ParseResult } from '../../core/asl/parse'
import {
  stateDocPath,
  stateIdAtDocPath,
  type StateId,
  type WorkflowGraph,
} from '../../core/graph/model'

/** The innermost state whose text contains the offset (its key or its value), if any. */
export function stateIdAtOffset(
  parse: ParseResult,
  graph: WorkflowGraph,
  offset: number,
): StateId | undefined {
  if (parse.value === undefined) return undefined
  return stateIdAtDocPath(graph, parse.sourceMap.pathAt(offset))
}

/** The text of a state: from its name (the key) to the end of its object. */
export function stateTextRange(
  parse: ParseResult,
  graph: WorkflowGraph,
  id: StateId,
): SourceRange | undefined {
  if (parse.value === undefined || !Object.prototype.hasOwnProperty.call(graph.states, id)) {
    return undefined
  }
  const path = stateDocPath(graph, id)
  const value = parse.sourceMap.valueRange(path)
  if (!value) return undefined
  const key = parse.sourceMap.keyRange(path)
  if (!key) return value
  return { start: key.start, end: value.end, offset: key.offset, endOffset: value.endOffset }
}
