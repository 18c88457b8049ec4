// How the user arranged the frame — canvas, code or both and their split, the bottom panel's
// height and whether it is open, the inspector — kept across reloads. These are preferences of
// the browser, not of a workflow, so they live in localStorage (synchronous: the first paint
// already has them) rather than in the IndexedDB workspace.

import type { StoreApi } from 'zustand'
import type { MainView, WorkspaceState } from './workspaceStore'

export const LAYOUT_PREFS_KEY = 'stepwise.layout.v1'

export interface LayoutPrefs {
  mainView: MainView
  splitRatio: number
  bottomPanelOpen: boolean
  bottomPanelHeight: number
  inspectorOpen: boolean
}

/** The part of `Storage` used here (a test passes a Map-backed one). */
export type PrefsStorage = Pick<Storage, 'getItem' | 'setItem'>

const MAIN_VIEWS: readonly MainView[] = ['canvas', 'split', 'code']

/**
 * Reads saved preferences, keeping only well-formed fields: a damaged or foreign value is ignored
 * field by field, never an error (the defaults stand in).
 */
export function readLayoutPrefs(storage: PrefsStorage): Partial<LayoutPrefs> {
  let raw: unknown
  try {
    const text = storage.getItem(LAYOUT_PREFS_KEY)
    if (text === null) return {}
    raw = JSON.parse(text)
  } catch {
    return {}
  }
  if (typeof raw !== 'object' || raw === null) return {}
  const saved = raw as Record<string, unknown>
  const prefs: Partial<LayoutPrefs> = {}
  if (MAIN_VIEWS.includes(saved.mainView as MainView)) prefs.mainView = saved.mainView as MainView
  if (isFiniteNumber(saved.splitRatio)) prefs.splitRatio = saved.splitRatio
  if (typeof saved.bottomPanelOpen === 'boolean') prefs.bottomPanelOpen = saved.bottomPanelOpen
  if (isFiniteNumber(saved.bottomPanelHeight)) prefs.bottomPanelHeight = saved.bottomPanelHeight
  if (typeof saved.inspectorOpen === 'boolean') prefs.inspectorOpen = saved.inspectorOpen
  return prefs
}

function pick(state: WorkspaceState): LayoutPrefs {
  return {
    mainView: state.mainView,
    splitRatio: state.splitRatio,
    bottomPanelOpen: state.bottomPanelOpen,
    bottomPanelHeight: state.bottomPanelHeight,
    inspectorOpen: state.inspectorOpen,
  }
}

/**
 * Applies the saved preferences to the workspace store (through its setters, so their bounds
 * hold) and saves every later change. Returns the unsubscribe function. A storage that refuses
 * writes (private mode, quota) leaves the layout working for this page, only not remembered.
 */
export function persistLayoutPrefs(store: StoreApi<WorkspaceState>, storage: PrefsStorage) {
  const saved = readLayoutPrefs(storage)
  const state = store.getState()
  if (saved.mainView !== undefined) state.setMainView(saved.mainView)
  if (saved.splitRatio !== undefined) state.setSplitRatio(saved.splitRatio)
  if (saved.bottomPanelHeight !== undefined) state.setBottomPanelHeight(saved.bottomPanelHeight)
  if (saved.bottomPanelOpen !== undefined)
    store.setState({ bottomPanelOpen: saved.bottomPanelOpen })
  if (saved.inspectorOpen !== undefined) store.setState({ inspectorOpen: saved.inspectorOpen })

  let last = JSON.stringify(pick(store.getState()))
  return store.subscribe((next) => {
    const text = JSON.stringify(pick(next))
    if (text === last) return
    last = text
    try {
      storage.setItem(LAYOUT_PREFS_KEY, text)
    } catch {
      // Not remembered across reloads; nothing else depends on it.
    }
  })
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}
