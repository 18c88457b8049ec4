// A JSON value as a collapsible tree, with what changed highlighted (paths from changedPaths).
// Large containers show their first items and a "show more" button; deep levels start collapsed,
// so a 256 KiB payload renders only what the user opens.

import { memo, useState } from 'react'
import type { JsonValue } from '../../core/asl/types'
import { isJsonObject } from '../../core/asl/types'
import { pathId } from './dataFlow'

const PAGE = 50

export interface JsonTreeProps {
  value: JsonValue
  changed?: ReadonlySet<string> | null
  /** Levels open at first (deeper containers start collapsed). */
  openDepth?: number
  label?: string
}

export const JsonTree = memo(function JsonTree({
  value,
  changed = null,
  openDepth = 2,
  label,
}: JsonTreeProps) {
  return (
    <div className="sw-json-tree" role="tree" aria-label={label}>
      <Node value={value} path={[]} name={null} changed={changed} openDepth={openDepth} />
    </div>
  )
})

function Node({
  value,
  path,
  name,
  changed,
  openDepth,
}: {
  value: JsonValue
  path: (string | number)[]
  name: string | number | null
  changed: ReadonlySet<string> | null
  openDepth: number
}) {
  const isChanged = changed?.has(pathId(path)) ?? false
  const container = Array.isArray(value) || isJsonObject(value)
  const [open, setOpen] = useState(path.length < openDepth)
  const [shown, setShown] = useState(PAGE)
  const key =
    name === null ? null : (
      <span className="sw-jt-key">{typeof name === 'number' ? name : JSON.stringify(name)}:</span>
    )
  if (!container) {
    return (
      <div
        className={`sw-jt-row${isChanged ? ' is-changed' : ''}`}
        role="treeitem"
        aria-selected={false}
      >
        {key}
        <Scalar value={value} />
      </div>
    )
  }
  const entries: [string | number, JsonValue][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value)
  const [openMark, closeMark] = Array.isArray(value) ? ['[', ']'] : ['{', '}']
  if (entries.length === 0) {
    return (
      <div
        className={`sw-jt-row${isChanged ? ' is-changed' : ''}`}
        role="treeitem"
        aria-selected={false}
      >
        {key}
        <span className="sw-jt-punct">
          {openMark}
          {closeMark}
        </span>
      </div>
    )
  }
  return (
    <div
      className={`sw-jt-node${isChanged ? ' is-changed' : ''}`}
      role="treeitem"
      aria-expanded={open}
      aria-selected={false}
    >
      <div className="sw-jt-row">
        <button
          type="button"
          className="sw-jt-toggle"
          aria-label={open ? 'Collapse' : 'Expand'}
          onClick={() => setOpen((o) => !o)}
        >
          <span className={`sw-jt-caret${open ? ' is-open' : ''}`} aria-hidden="true" />
        </button>
        {key}
        <span className="sw-jt-punct">{openMark}</span>
        {!open && (
          <button type="button" className="sw-jt-summary" onClick={() => setOpen(true)}>
            {Array.isArray(value)
              ? `${entries.length} item${entries.length === 1 ? '' : 's'}`
              : summarizeKeys(entries)}
          </button>
        )}
        {!open && <span className="sw-jt-punct">{closeMark}</span>}
      </div>
      {open && (
        <div className="sw-jt-children" role="group">
          {entries.slice(0, shown).map(([k, v]) => (
            <Node
              key={k}
              value={v}
              path={[...path, k]}
              name={k}
              changed={changed}
              openDepth={openDepth}
            />
          ))}
          {entries.length > shown && (
            <button
              type="button"
              className="sw-jt-more"
              onClick={() => setShown((n) => n + PAGE * 4)}
            >
              Show more ({entries.length - shown} left)
            </button>
          )}
          <div className="sw-jt-row">
            <span className="sw-jt-punct">{closeMark}</span>
          </div>
        </div>
      )}
    </div>
  )
}

function summarizeKeys(entries: [string | number, JsonValue][]): string {
  const names = entries.slice(0, 3).map(([k]) => String(k))
  return entries.length > 3 ? `${names.join(', ')}, … ${entries.length} keys` : names.join(', ')
}

function Scalar({ value }: { value: JsonValue }) {
  if (value === null) return <span className="sw-jt-null">null</span>
  switch (typeof value) {
    case 'string': {
      const text = JSON.stringify(value)
      return (
        <span className="sw-jt-string" title={text.length > 200 ? text : undefined}>
          {text.length > 200 ? `${text.slice(0, 200)}…"` : text}
        </span>
      )
    }
    case 'number':
      return <span className="sw-jt-number">{String(value)}</span>
    case 'boolean':
      return <span className="sw-jt-boolean">{String(value)}</span>
    default:
      return <span>{String(value)}</span>
  }
}
