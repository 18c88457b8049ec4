import { afterEach, describe, expect, it } from 'vitest'
import {
  LAYOUT_PREFS_KEY,
  persistLayoutPrefs,
  readLayoutPrefs,
  type PrefsStorage,
} from './layoutPrefs'
import {
  BOTTOM_PANEL_DEFAULT_HEIGHT,
  BOTTOM_PANEL_MAX_HEIGHT,
  useWorkspaceStore,
} from './workspaceStore'

function memoryStorage(initial?: unknown): PrefsStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  if (initial !== undefined) data.set(LAYOUT_PREFS_KEY, JSON.stringify(initial))
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  }
}

const defaults = useWorkspaceStore.getState()
let stop: (() => void) | undefined

afterEach(() => {
  stop?.()
  stop = undefined
  useWorkspaceStore.setState({
    mainView: defaults.mainView,
    splitRatio: defaults.splitRatio,
    bottomPanelOpen: defaults.bottomPanelOpen,
    bottomPanelHeight: defaults.bottomPanelHeight,
    inspectorOpen: defaults.inspectorOpen,
  })
})

describe('layout preferences', () => {
  it('restores the saved arrangement, holding numbers to their bounds', () => {
    const storage = memoryStorage({
      mainView: 'split',
      splitRatio: 0.99,
      bottomPanelOpen: false,
      bottomPanelHeight: 99_999,
      inspectorOpen: false,
    })
    stop = persistLayoutPrefs(useWorkspaceStore, storage)
    const state = useWorkspaceStore.getState()
    expect(state.mainView).toBe('split')
    expect(state.splitRatio).toBe(0.85)
    expect(state.bottomPanelOpen).toBe(false)
    expect(state.bottomPanelHeight).toBe(BOTTOM_PANEL_MAX_HEIGHT)
    expect(state.inspectorOpen).toBe(false)
  })

  it('saves each change of the arrangement, and nothing for other changes', () => {
    const storage = memoryStorage()
    stop = persistLayoutPrefs(useWorkspaceStore, storage)
    expect(storage.data.size).toBe(0)
    useWorkspaceStore.getState().select([])
    useWorkspaceStore.getState().notify('info', 'not a layout change')
    expect(storage.data.size).toBe(0)
    useWorkspaceStore.getState().setMainView('code')
    useWorkspaceStore.getState().setBottomPanelHeight(400)
    expect(JSON.parse(storage.data.get(LAYOUT_PREFS_KEY)!)).toMatchObject({
      mainView: 'code',
      bottomPanelHeight: 400,
    })
  })

  it('ignores damaged or foreign values field by field', () => {
    expect(readLayoutPrefs(memoryStorage())).toEqual({})
    const garbage = memoryStorage()
    garbage.data.set(LAYOUT_PREFS_KEY, '{not json')
    expect(readLayoutPrefs(garbage)).toEqual({})
    expect(
      readLayoutPrefs(
        memoryStorage({ mainView: 'graph', splitRatio: 'wide', bottomPanelHeight: 320 }),
      ),
    ).toEqual({ bottomPanelHeight: 320 })
    expect(readLayoutPrefs(memoryStorage([1, 2]))).toEqual({})
  })

  it('keeps working when the storage refuses reads and writes', () => {
    const refusing: PrefsStorage = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    stop = persistLayoutPrefs(useWorkspaceStore, refusing)
    expect(useWorkspaceStore.getState().bottomPanelHeight).toBe(BOTTOM_PANEL_DEFAULT_HEIGHT)
    expect(() => useWorkspaceStore.getState().setMainView('split')).not.toThrow()
    expect(useWorkspaceStore.getState().mainView).toBe('split')
  })
})
