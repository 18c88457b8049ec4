import { createContext, useContext, useMemo } from 'react'
import type { Diagnostic, DocPath } from '../../core/asl/diagnostics'
import type { JsonObject, JsonValue, QueryLanguage, StateType } from '../../core/asl/types'
import { STATE_TYPES } from '../../core/asl/types'
import type { GraphCommand } from '../../core/graph/commands'
import { queryLanguageOf } from '../../core/graph/commands'
import { getIn } from '../../core/graph/json'
import type { StateId, StateNode, WorkflowGraph } from '../../core/graph/model'
import { rootScope, stateDocPath, stateType } from '../../core/graph/model'
import { selectDiagnostics, stateIdForPath, useDocumentStore } from '../../state/documentStore'
import { useWorkspaceStore } from '../../state/workspaceStore'
import type { FieldChange } from './edit'
import { stateFieldCommands } from './edit'

// What every part of a state's form needs: the state, its query language, its diagnostics with
// paths relative to the state, and edit functions that make ONE undo step per call.

export interface StateEditor {
  graph: WorkflowGraph
  state: StateNode
  type: StateType | undefined
  language: QueryLanguage
  /** The machine's QueryLanguage (JSONPath when unset). */
  machineLanguage: QueryLanguage
  /** This state's diagnostics (not those of states nested in it), paths relative to the state. */
  diagnostics: readonly RelativeDiagnostic[]
  /** The value at a path of the state's fields. */
  get(path: DocPath): JsonValue | undefined
  /** Applies field changes as one undo step; false when it failed (the user was told why). */
  change(changes: FieldChange | readonly FieldChange[], label?: string): boolean
  apply(commands: GraphCommand | readonly GraphCommand[], label?: string): boolean
}

export interface RelativeDiagnostic {
  diagnostic: Diagnostic
  /** The diagnostic's path relative to the state, e.g. ['Retry', 0, 'MaxAttempts']. */
  path: DocPath
}

/** Applies commands as one step; a refused command becomes a notice instead of a crash. */
export function applyCommands(
  commands: GraphCommand | readonly GraphCommand[],
  label?: string,
): boolean {
  const list = Array.isArray(commands) ? commands : [commands as GraphCommand]
  if (list.length === 0) return true
  try {
    useDocumentStore.getState().apply(list, label === undefined ? undefined : { label })
    return true
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    useWorkspaceStore.getState().notify('error', `${label ?? 'The edit'} was not applied.`, message)
    return false
  }
}

const StateEditorContext = createContext<StateEditor | null>(null)

export const StateEditorProvider = StateEditorContext.Provider

export function useStateEditor(): StateEditor {
  const editor = useContext(StateEditorContext)
  if (!editor) throw new Error('useStateEditor is used outside a state inspector')
  return editor
}

function isStateType(value: string | undefined): value is StateType {
  return value !== undefined && (STATE_TYPES as readonly string[]).includes(value)
}

/** Builds the editor of one state from the stores (undefined when the id is gone). */
export function useStateEditorValue(stateId: StateId): StateEditor | undefined {
  const graph = useDocumentStore((s) => s.graph)
  const allDiagnostics = useDocumentStore(selectDiagnostics)
  return useMemo(() => {
    const state = Object.prototype.hasOwnProperty.call(graph.states, stateId)
      ? graph.states[stateId]
      : undefined
    if (!state) return undefined
    const prefix = stateDocPath(graph, stateId)
    const diagnostics: RelativeDiagnostic[] = []
    for (const diagnostic of allDiagnostics) {
      if (!startsWith(diagnostic.path, prefix)) continue
      if (stateIdForPath(graph, diagnostic.path) !== stateId) continue
      diagnostics.push({ diagnostic, path: diagnostic.path.slice(prefix.length) })
    }
    const type = stateType(state)
    const machineQl = rootScope(graph).fields.QueryLanguage
    const fields: JsonObject = state.fields
    const editor: StateEditor = {
      graph,
      state,
      type: isStateType(type) ? type : undefined,
      language: queryLanguageOf(graph, stateId),
      machineLanguage: machineQl === 'JSONata' ? 'JSONata' : 'JSONPath',
      diagnostics,
      get: (path) => getIn(fields, path),
      change(changes, label) {
        const list = Array.isArray(changes) ? changes : [changes as FieldChange]
        const current = useDocumentStore.getState().graph
        if (!Object.prototype.hasOwnProperty.call(current.states, stateId)) return false
        let commands: GraphCommand[]
        try {
          commands = stateFieldCommands(current, stateId, list)
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error)
          useWorkspaceStore.getState().notify('error', 'The edit was not applied.', message)
          return false
        }
        return applyCommands(commands, label)
      },
      apply: (commands, label) => applyCommands(commands, label),
    }
    return editor
  }, [graph, allDiagnostics, stateId])
}

export function startsWith(path: DocPath, prefix: DocPath): boolean {
  return prefix.length <= path.length && prefix.every((step, i) => path[i] === step)
}

/** Diagnostics at or under a path of the current state (`exact`: at the path only). */
export function useFieldDiagnostics(path: DocPath, exact = false): Diagnostic[] {
  const { diagnostics } = useStateEditor()
  const key = JSON.stringify(path)
  return useMemo(() => {
    const target = JSON.parse(key) as DocPath
    return diagnostics
      .filter((d) =>
        exact
          ? d.path.length === target.length && startsWith(d.path, target)
          : startsWith(d.path, target),
      )
      .map((d) => d.diagnostic)
  }, [diagnostics, key, exact])
}
