import type { ReactNode } from 'react'
import { useId } from 'react'
import { create } from 'zustand'
import './forms.css'

// A collapsible group of fields. Which sections are open is remembered per section id for the
// session, so moving from state to state keeps the layout the user chose.

interface SectionMemory {
  open: Record<string, boolean>
  setOpen(id: string, open: boolean): void
}

export const useSectionMemory = create<SectionMemory>()((set) => ({
  open: {},
  setOpen(id, open) {
    set((state) => ({ open: { ...state.open, [id]: open } }))
  },
}))

export interface SectionProps {
  /** Remembered across states: use the same id for the same kind of section. */
  id: string
  title: string
  defaultOpen?: boolean
  /** A count or marker after the title (e.g. "2" retriers, a problem badge). */
  badge?: ReactNode
  /** Buttons at the right of the header (kept outside the toggle button). */
  actions?: ReactNode
  children: ReactNode
  'data-testid'?: string
}

export function Section({
  id,
  title,
  defaultOpen = true,
  badge,
  actions,
  children,
  ...rest
}: SectionProps) {
  const remembered = useSectionMemory((state) => state.open[id])
  const setOpen = useSectionMemory((state) => state.setOpen)
  const open = remembered ?? defaultOpen
  const bodyId = useId()
  return (
    <section className="sw-section" data-testid={rest['data-testid']}>
      <h3 className="sw-section-header">
        <button
          type="button"
          className="sw-section-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen(id, !open)}
        >
          <span className={`sw-caret${open ? ' sw-caret--open' : ''}`} aria-hidden="true" />
          <span className="sw-section-title">{title}</span>
          {badge}
        </button>
        {actions && <span className="sw-section-actions">{actions}</span>}
      </h3>
      <div id={bodyId} className="sw-section-body" hidden={!open}>
        {open && children}
      </div>
    </section>
  )
}
