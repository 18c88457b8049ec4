// Which states of a workflow take mocked responses — every Task (Lambda, .sync, .waitForTaskToken,
// aws-sdk, HTTP, Activity) and every Map with an ItemReader — and what the editor offers for
// them: the errors their own Retry and Catch rules name, as Throw presets.

import type { JsonValue } from '../../core/asl/types'
import { isJsonObject } from '../../core/asl/types'
import type { StateId, WorkflowGraph } from '../../core/graph/model'
import { ROOT_SCOPE_ID, childScopeIds, stateType } from '../../core/graph/model'
import { describeResource, patternTag } from '../canvas/integration'

export interface ErrorRule {
  /** 0-based position in Retry or Catch. */
  index: number
  errorEquals: string[]
  /** Retry: MaxAttempts (default 3). */
  maxAttempts?: number
  /** Catch: where it goes. */
  next?: string
}

export interface MockableState {
  id: StateId
  name: string
  kind: 'task' | 'itemReader'
  /** "Lambda: Invoke", "S3 ItemReader"… */
  label: string
  /** ".sync", "callback"… or null. */
  pattern: string | null
  retriers: ErrorRule[]
  catchers: ErrorRule[]
}

export interface ErrorPreset {
  error: string
  /** What the state does with it: "Retry #1", "Catch #1 → Notify", or nothing. */
  handledBy: string | null
}

function rules(value: JsonValue | undefined, kind: 'retry' | 'catch'): ErrorRule[] {
  if (!Array.isArray(value)) return []
  const result: ErrorRule[] = []
  value.forEach((rule, index) => {
    if (!isJsonObject(rule)) return
    const errorEquals = Array.isArray(rule.ErrorEquals)
      ? rule.ErrorEquals.filter((e): e is string => typeof e === 'string')
      : []
    const entry: ErrorRule = { index, errorEquals }
    if (kind === 'retry') {
      entry.maxAttempts = typeof rule.MaxAttempts === 'number' ? rule.MaxAttempts : 3
    } else if (typeof rule.Next === 'string') {
      entry.next = rule.Next
    }
    result.push(entry)
  })
  return result
}

/** Mockable states in document order (depth first, nested states after their container). */
export function mockableStates(graph: WorkflowGraph): MockableState[] {
  const result: MockableState[] = []
  const visitScope = (scopeId: string) => {
    const scope = graph.scopes[scopeId]
    if (!scope) return
    for (const id of scope.stateIds) {
      const state = graph.states[id]
      if (!state) continue
      const type = stateType(state)
      const fields = state.fields
      if (type === 'Task') {
        const integration = describeResource(fields.Resource)
        result.push({
          id,
          name: state.name,
          kind: 'task',
          label: integration.label,
          pattern: patternTag(integration),
          retriers: rules(fields.Retry, 'retry'),
          catchers: rules(fields.Catch, 'catch'),
        })
      } else if (type === 'Map' && isJsonObject(fields.ItemReader)) {
        const reader = describeResource(fields.ItemReader.Resource)
        result.push({
          id,
          name: state.name,
          kind: 'itemReader',
          label: `ItemReader · ${reader.label}`,
          pattern: null,
          retriers: rules(fields.Retry, 'retry'),
          catchers: rules(fields.Catch, 'catch'),
        })
      }
      for (const child of childScopeIds(state)) visitScope(child)
    }
  }
  visitScope(ROOT_SCOPE_ID)
  return result
}

/** Does an ErrorEquals list match an error name (States.ALL, States.TaskFailed as AWS does)? */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  return errorEquals.some(
    (e) =>
      e === error ||
      (e === 'States.ALL' && error !== 'States.Runtime') ||
      (e === 'States.TaskFailed' &&
        error !== 'States.Timeout' &&
        error !== 'States.HeartbeatTimeout' &&
        error !== 'States.Runtime'),
  )
}

/** Common errors of a Task, offered after the state's own. */
const GENERIC_ERRORS = ['States.TaskFailed', 'States.Timeout']
const LAMBDA_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.TooManyRequestsException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
]

/**
 * Throw presets for a state: the errors its Retry and Catch rules name (States.ALL is a
 * wildcard, not an error), then a few common ones, each with what the state would do with it.
 */
export function errorPresets(state: MockableState): ErrorPreset[] {
  const names: string[] = []
  const add = (name: string) => {
    if (name !== 'States.ALL' && !names.includes(name)) names.push(name)
  }
  for (const rule of [...state.retriers, ...state.catchers]) rule.errorEquals.forEach(add)
  if (state.label.startsWith('Lambda')) LAMBDA_ERRORS.forEach(add)
  GENERIC_ERRORS.forEach(add)
  return names.map((error) => ({ error, handledBy: handlerFor(state, error) }))
}

/** The first Retry (then Catch) rule that would handle an error, in words. */
export function handlerFor(state: MockableState, error: string): string | null {
  const retrier = state.retriers.find((r) => errorMatches(r.errorEquals, error))
  if (retrier) return `Retry #${retrier.index + 1} (up to ${retrier.maxAttempts}×)`
  const catcher = state.catchers.find((c) => errorMatches(c.errorEquals, error))
  if (catcher) return `Catch #${catcher.index + 1}${catcher.next ? ` → ${catcher.next}` : ''}`
  return null
}
