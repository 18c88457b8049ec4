// Small line icons (16×16, currentColor), drawn for Stepwise: one per state type and the
// toolbar's. Inline SVG keeps them crisp at every zoom and costs no request.

import type { ReactNode } from 'react'

interface IconProps {
  size?: number
  className?: string
}

function svg(children: ReactNode, { size = 16, className }: IconProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={className}
    >
      {children}
    </svg>
  )
}

const STATE_PATHS: Readonly<Record<string, ReactNode>> = {
  Task: (
    <>
      <path d="M8 1.8 13.6 5v6L8 14.2 2.4 11V5z" />
      <path d="M2.6 5.1 8 8.2l5.4-3.1M8 8.2v5.8" />
    </>
  ),
  Pass: (
    <>
      <path d="M2 8h10.5" />
      <path d="m9 4.5 3.5 3.5L9 11.5" />
    </>
  ),
  Choice: (
    <>
      <path d="M8 1.8 14.2 8 8 14.2 1.8 8z" />
      <path d="M6.2 6.4a1.9 1.9 0 1 1 2.6 1.7c-.5.2-.8.6-.8 1.1v.3" />
      <path d="M8 11.3v.1" />
    </>
  ),
  Wait: (
    <>
      <circle cx="8" cy="8" r="6.2" />
      <path d="M8 4.6V8l2.4 1.6" />
    </>
  ),
  Parallel: (
    <>
      <path d="M5 2v12M11 2v12" />
      <path d="m3.3 11.9 1.7 2 1.7-2M9.3 11.9l1.7 2 1.7-2" />
    </>
  ),
  Map: (
    <>
      <rect x="4.5" y="1.8" width="9.5" height="7.5" rx="1.5" />
      <path d="M2 5.5v7a1.5 1.5 0 0 0 1.5 1.5h7" />
    </>
  ),
  Succeed: (
    <>
      <circle cx="8" cy="8" r="6.2" />
      <path d="m5.2 8.2 2 2 3.8-4" />
    </>
  ),
  Fail: (
    <>
      <circle cx="8" cy="8" r="6.2" />
      <path d="m5.8 5.8 4.4 4.4M10.2 5.8l-4.4 4.4" />
    </>
  ),
}

export function StateTypeIcon({ type, ...props }: IconProps & { type: string }) {
  return svg(STATE_PATHS[type] ?? <circle cx="8" cy="8" r="5" />, props)
}

export const Icons = {
  undo: (p: IconProps = {}) =>
    svg(<path d="M5.5 3.5 2.5 6.5l3 3M2.8 6.5H10a3.5 3.5 0 0 1 0 7H7" />, p),
  redo: (p: IconProps = {}) =>
    svg(<path d="m10.5 3.5 3 3-3 3M13.2 6.5H6a3.5 3.5 0 0 0 0 7h3" />, p),
  layout: (p: IconProps = {}) =>
    svg(
      <>
        <rect x="5.5" y="1.5" width="5" height="3.5" rx="1" />
        <rect x="1.5" y="11" width="5" height="3.5" rx="1" />
        <rect x="9.5" y="11" width="5" height="3.5" rx="1" />
        <path d="M8 5v3M4 11V8.5h8V11" />
      </>,
      p,
    ),
  fit: (p: IconProps = {}) =>
    svg(<path d="M2 5.5V2h3.5M10.5 2H14v3.5M14 10.5V14h-3.5M5.5 14H2v-3.5" />, p),
  search: (p: IconProps = {}) =>
    svg(
      <>
        <circle cx="7" cy="7" r="4.5" />
        <path d="m10.4 10.4 3.6 3.6" />
      </>,
      p,
    ),
  upload: (p: IconProps = {}) =>
    svg(<path d="M8 10.5V2.5M4.8 5.7 8 2.5l3.2 3.2M2.5 10.5v3h11v-3" />, p),
  download: (p: IconProps = {}) =>
    svg(<path d="M8 2.5v8M4.8 7.3 8 10.5l3.2-3.2M2.5 10.5v3h11v-3" />, p),
  plus: (p: IconProps = {}) => svg(<path d="M8 3v10M3 8h10" />, p),
  start: (p: IconProps = {}) => svg(<path d="M4.5 2.8v10.4L13 8z" />, p),
  close: (p: IconProps = {}) => svg(<path d="m4 4 8 8M12 4l-8 8" />, p),
  retry: (p: IconProps = {}) =>
    svg(<path d="M13 8a5 5 0 1 1-1.6-3.7M13 2.5v3h-3" />, { size: 12, ...p }),
  catch: (p: IconProps = {}) =>
    svg(
      <>
        <path d="M8 2 14 13H2z" />
        <path d="M8 6.5v3M8 11.4v.1" />
      </>,
      { size: 12, ...p },
    ),
  alert: (p: IconProps = {}) =>
    svg(
      <>
        <circle cx="8" cy="8" r="6.2" />
        <path d="M8 4.8v3.6M8 10.9v.1" />
      </>,
      { size: 12, ...p },
    ),
  file: (p: IconProps = {}) =>
    svg(
      <>
        <path d="M9 1.8H4a1 1 0 0 0-1 1v10.4a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V5.8z" />
        <path d="M9 1.8v4h4" />
      </>,
      p,
    ),
  newFile: (p: IconProps = {}) =>
    svg(
      <>
        <path d="M9 1.8H4a1 1 0 0 0-1 1v10.4a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V5.8z" />
        <path d="M8 7.5v4M6 9.5h4" />
      </>,
      p,
    ),
  chevronDown: (p: IconProps = {}) => svg(<path d="m4 6 4 4 4-4" />, { size: 12, ...p }),
  panel: (p: IconProps = {}) =>
    svg(
      <>
        <rect x="1.8" y="2.5" width="12.4" height="11" rx="1.5" />
        <path d="M1.8 9.5h12.4" />
      </>,
      p,
    ),
  sidebar: (p: IconProps = {}) =>
    svg(
      <>
        <rect x="1.8" y="2.5" width="12.4" height="11" rx="1.5" />
        <path d="M10 2.5v11" />
      </>,
      p,
    ),
  copy: (p: IconProps = {}) =>
    svg(
      <>
        <rect x="5.5" y="5.5" width="8.5" height="8.5" rx="1.5" />
        <path d="M10.5 5.5V3a1 1 0 0 0-1-1H3a1 1 0 0 0-1 1v6.5a1 1 0 0 0 1 1h2.5" />
      </>,
      p,
    ),
  trash: (p: IconProps = {}) => svg(<path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4" />, p),
  edit: (p: IconProps = {}) => svg(<path d="M10.5 2.5 13.5 5.5 5.5 13.5H2.5v-3z" />, p),
}
