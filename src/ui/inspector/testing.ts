// Helpers for the inspector and problems panel component tests.

import { fireEvent } from '@testing-library/react'
import type { JsonObject } from '../../core/asl/types'
import type { StateId } from '../../core/graph/model'
import { findStatesByName, stateToAsl } from '../../core/graph/model'
import { selectDefinition, useDocumentStore } from '../../state/documentStore'
import { useWorkspaceStore } from '../../state/workspaceStore'

/** Opens a definition with an empty history and selects the named states. */
export function openWith(definition: JsonObject, selected: string[] = []): void {
  useDocumentStore.getState().openDocument({ definition })
  useWorkspaceStore.setState({ selectedIds: selected.map(idOf), revealRequest: null, notices: [] })
}

export function idOf(name: string): StateId {
  const id = findStatesByName(useDocumentStore.getState().graph, name)[0]
  if (id === undefined) throw new Error(`no state named ${name}`)
  return id
}

/** The named state as ASL, from the live document. */
export function stateAsl(name: string): JsonObject {
  return stateToAsl(useDocumentStore.getState().graph, idOf(name))
}

export function definition(): JsonObject {
  return selectDefinition(useDocumentStore.getState())
}

/** How many undo steps the document has (undoes them all, then redoes them all). */
export function undoDepth(): number {
  const store = useDocumentStore.getState
  let n = 0
  while (store().canUndo) {
    store().undo()
    n++
  }
  for (let i = 0; i < n; i++) store().redo()
  return n
}

/** Types into a text input like a user (one change per character) and presses Enter. */
export function typeAndEnter(input: HTMLElement, text: string): void {
  fireEvent.focus(input)
  for (let i = 1; i <= text.length; i++) {
    fireEvent.change(input, { target: { value: text.slice(0, i) } })
  }
  fireEvent.keyDown(input, { key: 'Enter' })
}

/** Replaces the text of an input or textarea and leaves the field. */
export function replaceAndBlur(input: HTMLElement, text: string): void {
  fireEvent.focus(input)
  fireEvent.change(input, { target: { value: text } })
  fireEvent.blur(input)
}
