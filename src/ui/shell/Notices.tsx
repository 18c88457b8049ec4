// Short messages for the user: import results, refused edits, storage errors. Errors and warnings
// stay until dismissed; the others fade after a few seconds.

import { useEffect } from 'react'
import { useWorkspaceStore, type Notice } from '../../state/workspaceStore'
import { Icons } from '../canvas/icons'

const AUTO_DISMISS_MS = 5000
/** A notice with a follow-up stays longer: the user needs time to decide. */
const AUTO_DISMISS_ACTION_MS = 12_000

function NoticeItem({ notice }: { notice: Notice }) {
  useEffect(() => {
    if (notice.kind === 'error' || notice.kind === 'warning') return
    const timer = window.setTimeout(
      () => useWorkspaceStore.getState().dismissNotice(notice.id),
      notice.action ? AUTO_DISMISS_ACTION_MS : AUTO_DISMISS_MS,
    )
    return () => window.clearTimeout(timer)
  }, [notice])
  return (
    <div
      className={`sw-notice is-${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid={`notice-${notice.kind}`}
    >
      <div className="sw-notice-body">
        <p>{notice.message}</p>
        {notice.detail && <p className="sw-notice-detail">{notice.detail}</p>}
        {notice.action && (
          <button
            type="button"
            className="sw-notice-action"
            data-testid="notice-action"
            onClick={() => {
              useWorkspaceStore.getState().dismissNotice(notice.id)
              notice.action!.run()
            }}
          >
            {notice.action.label}
          </button>
        )}
      </div>
      <button
        type="button"
        className="sw-icon-button"
        aria-label="Dismiss"
        onClick={() => useWorkspaceStore.getState().dismissNotice(notice.id)}
      >
        <Icons.close />
      </button>
    </div>
  )
}

export function Notices() {
  const notices = useWorkspaceStore((s) => s.notices)
  return (
    <div className="sw-notices" aria-live="polite">
      {notices.map((notice) => (
        <NoticeItem key={notice.id} notice={notice} />
      ))}
    </div>
  )
}
