// The palette: flow states and Task templates, searchable, grouped. Drag an item onto the canvas
// (empty space, an edge, a branch), or focus it and press Enter to add it after the selected
// state.

import { memo, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react'
import { appendNewState } from '../canvas/actions'
import { focusNode } from '../canvas/nodes'
import { Icons, StateTypeIcon } from '../canvas/icons'
import { PALETTE_MIME } from './dragData'
import { PALETTE_GROUPS, searchPalette, type PaletteItem } from './templates'
import './palette.css'

const GROUP_TITLES: Readonly<Record<string, string>> = {
  Flow: 'Flow',
  Compute: 'Compute',
  Messaging: 'Messaging & events',
  Database: 'Database',
  Jobs: 'Jobs (wait for completion)',
  Integration: 'Integrations',
}

export function Palette() {
  const [query, setQuery] = useState('')
  const items = useMemo(() => searchPalette(query), [query])
  const list = useRef<HTMLDivElement>(null)

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      list.current?.querySelector<HTMLElement>('[data-palette-item]')?.focus()
    } else if (event.key === 'Escape') {
      setQuery('')
    }
  }

  const onListKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    const all = [...(list.current?.querySelectorAll<HTMLElement>('[data-palette-item]') ?? [])]
    const at = all.indexOf(document.activeElement as HTMLElement)
    if (at === -1) return
    event.preventDefault()
    all[event.key === 'ArrowDown' ? Math.min(at + 1, all.length - 1) : Math.max(at - 1, 0)]?.focus()
  }

  return (
    <nav className="sw-palette" aria-label="States palette">
      <div className="sw-palette-search">
        <Icons.search />
        <input
          type="search"
          placeholder="Search states and services"
          aria-label="Search states and services"
          data-testid="palette-search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKey}
        />
      </div>
      <div className="sw-palette-list" ref={list} onKeyDown={onListKey}>
        {items.length === 0 && <p className="sw-palette-empty">Nothing matches “{query}”.</p>}
        {PALETTE_GROUPS.map((group) => {
          const inGroup = items.filter((item) => item.group === group)
          if (inGroup.length === 0) return null
          return (
            <section key={group} className="sw-palette-group" aria-label={GROUP_TITLES[group]}>
              <h3>{GROUP_TITLES[group]}</h3>
              <ul>
                {inGroup.map((item) => (
                  <li key={item.id}>
                    <PaletteEntry item={item} />
                  </li>
                ))}
              </ul>
            </section>
          )
        })}
      </div>
      <p className="sw-palette-tip">
        Drag onto the canvas, an arrow or a branch. <kbd>Enter</kbd> adds after the selection.
      </p>
    </nav>
  )
}

const PaletteEntry = memo(function PaletteEntry({ item }: { item: PaletteItem }) {
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(PALETTE_MIME, item.id)
    event.dataTransfer.setData('text/plain', item.title)
    event.dataTransfer.effectAllowed = 'copy'
  }
  const add = () => {
    const id = appendNewState(item)
    if (id) focusNode(id)
  }
  return (
    <button
      type="button"
      className={`sw-palette-item sw-type-${item.stateType}`}
      draggable
      onDragStart={onDragStart}
      onClick={add}
      data-testid={`palette-${item.id}`}
      data-palette-item=""
      title={`${item.description}. Drag onto the canvas, or click to add it after the selection.`}
    >
      <span className="sw-palette-icon">
        <StateTypeIcon type={item.stateType} />
      </span>
      <span className="sw-palette-text">
        <span className="sw-palette-title">{item.title}</span>
        <span className="sw-palette-desc">{item.description}</span>
      </span>
    </button>
  )
})
