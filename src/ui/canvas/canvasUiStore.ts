// Canvas-local UI state (not undone, not shared with other views): which node is being renamed,
// the open menus, the edge a palette item is hovering over. A store rather than React context
// so a node re-renders only when its own slice changes (a context would re-render all 1,000).

import { create } from 'zustand'
import type { EdgeKind } from '../../core/graph/edges'
import type { ScopeId, StateId } from '../../core/graph/model'

export interface ConnectChoice {
  kind: EdgeKind
  label: string
  hint: string
}

export interface ConnectMenu {
  /** Screen position of the pointer where the connection ended. */
  x: number
  y: number
  sourceId: StateId
  targetId: StateId
  choices: ConnectChoice[]
}

export interface ContextMenu {
  x: number
  y: number
  /** A state, a branch/processor scope, or the pane. */
  target: { kind: 'state'; id: StateId } | { kind: 'scope'; id: ScopeId } | { kind: 'pane' }
}

interface CanvasUiState {
  renamingId: StateId | null
  /** Why the last rename was refused (shown under the field). */
  renameError: string | null
  connectMenu: ConnectMenu | null
  contextMenu: ContextMenu | null
  findOpen: boolean
  /** The edge a palette item would be inserted on if dropped now. */
  dropEdgeId: string | null
  /** The branch/processor a palette item would be dropped into. */
  dropScopeId: ScopeId | null
  /** True while the first auto-layout of a document runs. */
  layingOut: boolean
  startRename(id: StateId): void
  endRename(): void
  setRenameError(message: string | null): void
  set(
    partial: Partial<Omit<CanvasUiState, 'set' | 'startRename' | 'endRename' | 'setRenameError'>>,
  ): void
}

export const useCanvasUi = create<CanvasUiState>()((set) => ({
  renamingId: null,
  renameError: null,
  connectMenu: null,
  contextMenu: null,
  findOpen: false,
  dropEdgeId: null,
  dropScopeId: null,
  layingOut: false,
  startRename(id) {
    set({ renamingId: id, renameError: null, contextMenu: null })
  },
  endRename() {
    set({ renamingId: null, renameError: null })
  },
  setRenameError(message) {
    set({ renameError: message })
  },
  set(partial) {
    set(partial)
  },
}))
