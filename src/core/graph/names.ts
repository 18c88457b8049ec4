// State names: unique in the whole machine (ASL requires it), at most 80 characters. New and
// copied states are named like AWS Workflow Studio does: "Pass", then "Pass (1)", "Pass (2)"…

import type { StateId, WorkflowGraph } from './model'
import { findStatesByName, isStateNameTaken } from './model'

export const MAX_STATE_NAME_LENGTH = 80

const COUNTER_SUFFIX = / \((\d+)\)$/

/**
 * `name` itself when no state has it, else the first free `base (n)` where `base` is the name
 * without a counter suffix. `reserved` holds names about to be used (e.g. the rest of a paste).
 */
export function uniqueStateName(
  graph: WorkflowGraph,
  name: string,
  reserved: ReadonlySet<string> = new Set(),
): string {
  return uniqueName(
    name,
    (candidate) => isStateNameTaken(graph, candidate) || reserved.has(candidate),
  )
}

/** The naming rule of uniqueStateName over any set of taken names. */
export function uniqueName(name: string, isTaken: (candidate: string) => boolean): string {
  const wanted = name.trim() === '' ? 'State' : name
  if (wanted.length <= MAX_STATE_NAME_LENGTH && !isTaken(wanted)) return wanted
  const base = wanted.replace(COUNTER_SUFFIX, '')
  for (let n = 1; ; n++) {
    const suffix = ` (${n})`
    const candidate = base.slice(0, MAX_STATE_NAME_LENGTH - suffix.length) + suffix
    if (!isTaken(candidate)) return candidate
  }
}

/** Why a state may not take this name, or undefined when it may. */
export function checkStateName(
  graph: WorkflowGraph,
  name: string,
  forStateId?: StateId,
): string | undefined {
  if (name.length === 0) return 'A state name cannot be empty.'
  if (name.length > MAX_STATE_NAME_LENGTH) {
    return `A state name can have at most ${MAX_STATE_NAME_LENGTH} characters (this one has ${name.length}).`
  }
  const others = findStatesByName(graph, name).filter((id) => id !== forStateId)
  if (others.length > 0) return `Another state is already named '${name}': names must be unique.`
  return undefined
}
