// The workspace lives in this browser's IndexedDB, shared by every tab of the app, and tabs do
// not sync: each saves the workflow it has open, so the same workflow edited in two tabs keeps
// only the last tab's save. Each tab holds a Web Lock for its whole life; a tab that finds the
// lock taken knows another tab is open and says so, once, until dismissed.

import { useWorkspaceStore } from '../../state/workspaceStore'

export const WORKSPACE_LOCK = 'stepwise-workspace'

export const OTHER_TAB_MESSAGE =
  'Stepwise is also open in another tab. Both save to the same workspace, and tabs do not sync: ' +
  'a workflow edited in two tabs keeps only the last save. Keep editing in one tab.'

/**
 * How long a taken lock may stay taken before this tab warns: on a reload the page being
 * replaced can still hold it for a moment, and that is not another tab.
 */
export const OTHER_TAB_GRACE_MS = 1500

const holdForever = () => new Promise<never>(() => undefined)
const ignore = () => undefined

/**
 * Warns when another tab of the app is open (the lock passes to this tab when the holder closes,
 * so a tab opened later is the one that warns). Without the Web Locks API (`navigator.locks` is
 * missing in old browsers and outside secure contexts) it does nothing.
 */
export function watchOtherTabs(
  locks: LockManager | undefined,
  graceMs: number = OTHER_TAB_GRACE_MS,
): void {
  if (!locks) return
  const attempt = (last: boolean): Promise<void> =>
    locks.request(WORKSPACE_LOCK, { ifAvailable: true }, async (lock) => {
      if (lock) return holdForever()
      if (!last) {
        setTimeout(() => void attempt(true).catch(ignore), graceMs)
        return
      }
      useWorkspaceStore.getState().notify('warning', OTHER_TAB_MESSAGE)
      // Queue for the lock, so this tab holds it once the other one closes.
      void locks.request(WORKSPACE_LOCK, holdForever).catch(ignore)
    })
  void attempt(false).catch(ignore)
}
