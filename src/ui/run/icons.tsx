// Line icons of the run, mocks and timeline panels (16×16, currentColor), in the canvas's style.

import type { ReactNode } from 'react'

interface IconProps {
  size?: number
  className?: string
}

function svg(children: ReactNode, { size = 16, className }: IconProps, filled = false) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill={filled ? 'currentColor' : 'none'}
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

export const RunIcons = {
  play: (p: IconProps = {}) => svg(<path d="M4.5 2.8v10.4L13 8z" />, p, true),
  pause: (p: IconProps = {}) => svg(<path d="M5 3v10M11 3v10" />, p),
  stop: (p: IconProps = {}) => svg(<rect x="3.5" y="3.5" width="9" height="9" rx="1.5" />, p, true),
  stepBack: (p: IconProps = {}) => svg(<path d="M4 3v10M12.5 3 6.5 8l6 5z" />, p),
  stepForward: (p: IconProps = {}) => svg(<path d="M12 3v10M3.5 3l6 5-6 5z" />, p),
  first: (p: IconProps = {}) => svg(<path d="M3 3v10M9 3 4.5 8 9 13M13.5 3 9 8l4.5 5" />, p),
  last: (p: IconProps = {}) => svg(<path d="M13 3v10M7 3l4.5 5L7 13M2.5 3 7 8l-4.5 5" />, p),
  flag: (p: IconProps = {}) => svg(<path d="M3.5 14V2.5M3.5 3h8l-2 3 2 3h-8" />, p),
  rerun: (p: IconProps = {}) => svg(<path d="M13 8a5 5 0 1 1-1.6-3.7M13 2.5v3h-3" />, p),
  upload: (p: IconProps = {}) =>
    svg(<path d="M8 10.5V2.5M4.8 5.7 8 2.5l3.2 3.2M2.5 10.5v3h11v-3" />, p),
  download: (p: IconProps = {}) =>
    svg(<path d="M8 2.5v8M4.8 7.3 8 10.5l3.2-3.2M2.5 10.5v3h11v-3" />, p),
  trash: (p: IconProps = {}) => svg(<path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4" />, p),
  plus: (p: IconProps = {}) => svg(<path d="M8 3v10M3 8h10" />, p),
  copy: (p: IconProps = {}) =>
    svg(
      <>
        <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
        <path d="M10.5 5.5V3.8c0-.7-.6-1.3-1.3-1.3H3.8c-.7 0-1.3.6-1.3 1.3v5.4c0 .7.6 1.3 1.3 1.3h1.7" />
      </>,
      p,
    ),
  edit: (p: IconProps = {}) => svg(<path d="M10.5 2.5 13.5 5.5 5.5 13.5H2.5v-3z" />, p),
  chevron: (p: IconProps = {}) => svg(<path d="m6 4 4 4-4 4" />, { size: 12, ...p }),
  timeline: (p: IconProps = {}) =>
    svg(
      <>
        <path d="M2 8h12" />
        <circle cx="4.5" cy="8" r="1.5" />
        <circle cx="10" cy="8" r="1.5" />
      </>,
      p,
    ),
  format: (p: IconProps = {}) => svg(<path d="M3 4h10M3 8h6M3 12h8" />, p),
}
