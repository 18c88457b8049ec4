// UI state that is NOT undone: what is selected, what the canvas should reveal, which views and
// panels are showing, and short notices for the user. Views read it with selectors; the shell
// owns the panel layout, later issues add their panels by id (see src/ui/shell/README.md).

import { create } from 'zustand'
import type { StateId } from '../core/graph/model'
import { useDocumentStore } from './documentStore'

/** Which editors fill the main area (issue 5 adds the code view beside or instead of the canvas). */
export type MainView = 'canvas' | 'split' | 'code'

/** `error` and `warning` stay until dismissed; `info` and `success` fade. */
export type NoticeKind = 'info' | 'success' | 'warning' | 'error'

export interface Notice {
  id: number
  kind: NoticeKind
  /** One sentence; for errors, what went wrong and that nothing was changed. */
  message: string
  /** Optional detail (e.g. the parser's message with line and column). */
  detail?: string
  /** Optional one-click follow-up (e.g. "Back to Orders" after an import opened a new workflow). */
  action?: NoticeAction
}

export interface NoticeAction {
  label: string
  run(): void
}

export interface WorkspaceState {
  /** The open workflow's name as the header shows it (issue 7's workspace owns it later). */
  documentTitle: string
  setDocumentTitle(title: string): void
  /** Canvas selection (states; containers are states too), in selection order. */
  selectedIds: StateId[]
  select(ids: StateId[], options?: { additive?: boolean }): void
  /** Adds or removes one state (Ctrl/Shift-click, Space on a focused node). */
  toggleSelected(id: StateId): void
  /** Asks the canvas to centre on a state (problems panel, find, code view cursor, timeline). */
  revealRequest: { id: StateId; seq: number } | null
  reveal(id: StateId): void

  /** Main area: the canvas, the code view, or both side by side. */
  mainView: MainView
  setMainView(view: MainView): void
  /** Share of the main area the canvas takes in the split view (0..1). */
  splitRatio: number
  setSplitRatio(ratio: number): void

  /** The bottom panel (Problems, later Run / Timeline / Code…) and its active tab id. */
  bottomPanelOpen: boolean
  bottomPanelTab: string
  /** The open bottom panel's height in CSS pixels (the user drags its top edge). */
  bottomPanelHeight: number
  setBottomPanelHeight(height: number): void
  showBottomPanel(tab?: string): void
  toggleBottomPanel(): void

  /** Whether the inspector column is shown. */
  inspectorOpen: boolean
  toggleInspector(): void

  /** Transient messages shown by the shell (import errors, "copied 3 states", …). */
  notices: Notice[]
  notify(kind: NoticeKind, message: string, detail?: string, action?: NoticeAction): number
  dismissNotice(id: number): void
}

/** Bottom panel heights (px): the default, and the bounds a drag or a saved layout is held to. */
export const BOTTOM_PANEL_DEFAULT_HEIGHT = 240
export const BOTTOM_PANEL_MIN_HEIGHT = 120
export const BOTTOM_PANEL_MAX_HEIGHT = 1200

let noticeSeq = 0
let revealSeq = 0

export const useWorkspaceStore = create<WorkspaceState>()((set, get) => ({
  documentTitle: 'Untitled workflow',
  setDocumentTitle(title) {
    set({ documentTitle: title.trim() || 'Untitled workflow' })
  },
  selectedIds: [],
  select(ids, options = {}) {
    const current = get().selectedIds
    const next = options.additive ? [...current, ...ids.filter((id) => !current.includes(id))] : ids
    if (sameIds(next, current)) return
    set({ selectedIds: [...new Set(next)] })
  },
  toggleSelected(id) {
    const current = get().selectedIds
    set({
      selectedIds: current.includes(id) ? current.filter((x) => x !== id) : [...current, id],
    })
  },

  revealRequest: null,
  reveal(id) {
    set({ revealRequest: { id, seq: ++revealSeq } })
  },

  mainView: 'canvas',
  setMainView(view) {
    set({ mainView: view })
  },
  splitRatio: 0.55,
  setSplitRatio(ratio) {
    set({ splitRatio: Math.min(0.85, Math.max(0.15, ratio)) })
  },

  bottomPanelOpen: true,
  bottomPanelTab: 'problems',
  bottomPanelHeight: BOTTOM_PANEL_DEFAULT_HEIGHT,
  setBottomPanelHeight(height) {
    if (!Number.isFinite(height)) return
    set({
      bottomPanelHeight: Math.round(
        Math.min(BOTTOM_PANEL_MAX_HEIGHT, Math.max(BOTTOM_PANEL_MIN_HEIGHT, height)),
      ),
    })
  },
  showBottomPanel(tab) {
    set({ bottomPanelOpen: true, ...(tab ? { bottomPanelTab: tab } : {}) })
  },
  toggleBottomPanel() {
    set({ bottomPanelOpen: !get().bottomPanelOpen })
  },

  inspectorOpen: true,
  toggleInspector() {
    set({ inspectorOpen: !get().inspectorOpen })
  },

  notices: [],
  notify(kind, message, detail, action) {
    const id = ++noticeSeq
    const notice: Notice = {
      id,
      kind,
      message,
      ...(detail === undefined ? {} : { detail }),
      ...(action === undefined ? {} : { action }),
    }
    // Keep the last few: a burst of errors must not bury the page.
    set({ notices: [...get().notices.slice(-3), notice] })
    return id
  },
  dismissNotice(id) {
    set({ notices: get().notices.filter((notice) => notice.id !== id) })
  },
}))

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i])
}

// The selection only ever names states that exist: after a delete, an undo or a replaced
// definition, ids that are gone drop out.
useDocumentStore.subscribe((state, previous) => {
  if (state.graph === previous.graph) return
  const { selectedIds } = useWorkspaceStore.getState()
  const kept = selectedIds.filter((id) =>
    Object.prototype.hasOwnProperty.call(state.graph.states, id),
  )
  if (kept.length !== selectedIds.length) useWorkspaceStore.setState({ selectedIds: kept })
})
