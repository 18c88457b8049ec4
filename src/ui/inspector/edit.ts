// Turns inspector edits into graph commands. Pure: the components call these and hand the
// commands to the document store as ONE apply (one undo step).
//
// Existing keys are edited in place (setField/unsetField, so the document keeps its key order).
// A key the state does not have yet is inserted where AWS Workflow Studio would write it
// (Type, Comment, Resource… I/O… Retry, Catch, then Next/End), which takes a replaceState:
// setField can only append.

import type { DocPath } from '../../core/asl/diagnostics'
import type { JsonObject, JsonValue } from '../../core/asl/types'
import {
  CHOICE_COMPARISON_OPERATORS,
  CHOICE_PATH_OPERATORS,
  CHOICE_TYPE_TESTS,
  isJsonObject,
} from '../../core/asl/types'
import type { GraphCommand } from '../../core/graph/commands'
import { getIn, hasOwn } from '../../core/graph/json'
import type { StateId, WorkflowGraph } from '../../core/graph/model'
import { requireState, stateToAsl } from '../../core/graph/model'

/** One field change; `value: undefined` removes the field. */
export interface FieldChange {
  path: DocPath
  value: JsonValue | undefined
}

/** The order new keys take among existing ones, across states, rules, retriers and containers. */
const KEY_ORDER: readonly string[] = [
  'Type',
  'Comment',
  'QueryLanguage',
  'ProcessorConfig',
  'Mode',
  'ExecutionType',
  'StartAt',
  'States',
  'Variable',
  ...CHOICE_COMPARISON_OPERATORS,
  ...CHOICE_PATH_OPERATORS,
  ...CHOICE_TYPE_TESTS,
  'And',
  'Or',
  'Not',
  'Condition',
  'ErrorEquals',
  'IntervalSeconds',
  'MaxAttempts',
  'BackoffRate',
  'MaxDelaySeconds',
  'JitterStrategy',
  'Resource',
  'Choices',
  'Default',
  'Seconds',
  'SecondsPath',
  'Timestamp',
  'TimestampPath',
  'Error',
  'ErrorPath',
  'Cause',
  'CausePath',
  'Branches',
  'ItemReader',
  'ItemsPath',
  'Items',
  'ItemSelector',
  'ItemBatcher',
  'MaxConcurrency',
  'MaxConcurrencyPath',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'Label',
  'ItemProcessor',
  'Iterator',
  'ResultWriter',
  'InputPath',
  'Parameters',
  'Arguments',
  'Result',
  'ResultSelector',
  'ResultPath',
  'OutputPath',
  'Output',
  'Assign',
  'TimeoutSeconds',
  'TimeoutSecondsPath',
  'HeartbeatSeconds',
  'HeartbeatSecondsPath',
  'Credentials',
  'Retry',
  'Catch',
  'Next',
  'End',
]

const RANK = new Map(KEY_ORDER.map((key, i) => [key, i]))

/** Adds a key the object lacks before the first known key that ranks after it. */
export function insertOrdered(object: JsonObject, key: string, value: JsonValue): JsonObject {
  if (hasOwn(object, key)) return { ...object, [key]: value }
  const rank = RANK.get(key)
  const entries = Object.entries(object)
  let at = entries.length
  if (rank !== undefined) {
    const found = entries.findIndex(([k]) => (RANK.get(k) ?? -1) > rank)
    if (found !== -1) at = found
  }
  entries.splice(at, 0, [key, value])
  return Object.fromEntries(entries)
}

/** setIn that places new object keys with insertOrdered. */
export function setOrdered(
  value: JsonValue | undefined,
  path: DocPath,
  newValue: JsonValue,
): JsonValue {
  if (path.length === 0) return newValue
  const [step, ...rest] = path as [string | number, ...DocPath]
  if (typeof step === 'number') {
    const array = Array.isArray(value) ? value.slice() : []
    const index = Math.max(0, Math.min(step, array.length))
    array[index] = setOrdered(array[index], rest, newValue)
    return array
  }
  const object = isJsonObject(value) ? value : {}
  const inner = setOrdered(hasOwn(object, step) ? object[step] : undefined, rest, newValue)
  return insertOrdered(object, step, inner)
}

/** Removes the value at a path (an array element is spliced out). */
export function unsetPath(value: JsonValue, path: DocPath): JsonValue {
  if (path.length === 0) return value
  const [step, ...rest] = path as [string | number, ...DocPath]
  if (typeof step === 'number') {
    if (!Array.isArray(value) || step < 0 || step >= value.length) return value
    if (rest.length === 0) return value.filter((_, i) => i !== step)
    return value.map((item, i) => (i === step ? unsetPath(item, rest) : item))
  }
  if (!isJsonObject(value) || !hasOwn(value, step)) return value
  if (rest.length === 0) {
    const { [step]: _removed, ...others } = value
    return others
  }
  return { ...value, [step]: unsetPath(value[step]!, rest) }
}

export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** True when setting `path` would create a key (at any depth) that is not there yet. */
function createsKey(root: JsonValue, path: DocPath): boolean {
  let current: JsonValue | undefined = root
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(current) || step >= current.length) return false
      current = current[step]
    } else {
      if (!isJsonObject(current) || !hasOwn(current, step)) return true
      current = current[step]
    }
  }
  return false
}

/**
 * The commands for a set of changes to one state, or [] when nothing changes. Paths are
 * relative to the state (`['Retry', 0, 'MaxAttempts']`).
 */
export function stateFieldCommands(
  graph: WorkflowGraph,
  stateId: StateId,
  changes: readonly FieldChange[],
): GraphCommand[] {
  const node = requireState(graph, stateId)
  // Deep paths into branches and processors need the full definition; top-level ones do not.
  const needsFull = changes.some((c) => c.path.length > 1 || c.path.length === 0)
  const current: JsonObject = needsFull || node.children ? stateToAsl(graph, stateId) : node.fields
  const effective = changes.filter((c) => !jsonEqual(getIn(current, c.path), c.value))
  if (effective.length === 0) return []
  const target = { stateId }
  if (effective.some((c) => c.value !== undefined && createsKey(current, c.path))) {
    let definition: JsonValue = current
    for (const change of effective) {
      definition =
        change.value === undefined
          ? unsetPath(definition, change.path)
          : setOrdered(definition, change.path, change.value)
    }
    return [{ type: 'replaceState', id: stateId, definition: definition as JsonObject }]
  }
  return effective.map((change): GraphCommand =>
    change.value === undefined
      ? { type: 'unsetField', target, path: change.path }
      : { type: 'setField', target, path: change.path, value: change.value },
  )
}
