import { afterEach, describe, expect, it } from 'vitest'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { OTHER_TAB_MESSAGE, WORKSPACE_LOCK, watchOtherTabs } from './otherTabs'

/**
 * A LockManager for one lock, taken by another tab for the first `heldFor` attempts (Infinity:
 * for good). It records the requests: `ifAvailable` ones, and plain ones that wait (never settle).
 */
function fakeLocks(heldFor: number) {
  const requests: ('try' | 'wait')[] = []
  let attempts = 0
  const locks = {
    request(name: string, optionsOrCallback: unknown, maybeCallback?: unknown) {
      expect(name).toBe(WORKSPACE_LOCK)
      const options = (typeof optionsOrCallback === 'function' ? {} : optionsOrCallback) as {
        ifAvailable?: boolean
      }
      const callback = (maybeCallback ?? optionsOrCallback) as (lock: Lock | null) => unknown
      if (!options.ifAvailable) {
        requests.push('wait')
        return new Promise(() => undefined)
      }
      requests.push('try')
      const held = attempts++ < heldFor
      return Promise.resolve(callback(held ? null : ({ name, mode: 'exclusive' } as Lock)))
    },
    query: () => Promise.resolve({ held: [], pending: [] }),
  }
  return { locks: locks as unknown as LockManager, requests }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20))
const notices = () => useWorkspaceStore.getState().notices

afterEach(() => useWorkspaceStore.setState({ notices: [] }))

describe('another tab of the app', () => {
  it('says nothing when this is the only tab (it takes the lock)', async () => {
    const { locks, requests } = fakeLocks(0)
    watchOtherTabs(locks, 1)
    await settle()
    expect(notices()).toEqual([])
    expect(requests).toEqual(['try'])
  })

  it('says nothing when the lock frees up within the grace time (a reload)', async () => {
    const { locks, requests } = fakeLocks(1)
    watchOtherTabs(locks, 1)
    await settle()
    expect(notices()).toEqual([])
    expect(requests).toEqual(['try', 'try'])
  })

  it('warns, until dismissed, when another tab keeps the workspace, and queues for the lock', async () => {
    const { locks, requests } = fakeLocks(Infinity)
    watchOtherTabs(locks, 1)
    await settle()
    expect(notices()).toHaveLength(1)
    expect(notices()[0]).toMatchObject({ kind: 'warning', message: OTHER_TAB_MESSAGE })
    expect(requests).toEqual(['try', 'try', 'wait'])
  })

  it('does nothing without the Web Locks API', async () => {
    expect(() => watchOtherTabs(undefined, 1)).not.toThrow()
    await settle()
    expect(notices()).toEqual([])
  })
})
