// Small popovers of the canvas: the transition-kind chooser after a connection drag, the context
// menu of a state / branch / the pane, and Find (Ctrl+F). All keyboard-operable: focus moves in,
// arrows move between items, Escape closes and gives focus back to the canvas.

import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { useDocumentStore } from '../../state/documentStore'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { stateType } from '../../core/graph/model'
import {
  addBranch,
  connectStates,
  copySelectionText,
  deleteStates,
  duplicateSelection,
  removeBranch,
  setStartAt,
} from './actions'
import { useCanvasUi } from './canvasUiStore'
import { Icons, StateTypeIcon } from './icons'
import { focusNode } from './nodes'

function useMenuKeys(onClose: () => void) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button:not([disabled])')?.focus()
  }, [])
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation()
    if (event.key === 'Escape') {
      event.preventDefault()
      onClose()
      return
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    event.preventDefault()
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('button:not([disabled])') ?? [])]
    const at = items.indexOf(document.activeElement as HTMLElement)
    const next = event.key === 'ArrowDown' ? at + 1 : at - 1
    items[(next + items.length) % items.length]?.focus()
  }
  return { ref, onKeyDown }
}

function Popover({
  x,
  y,
  label,
  onClose,
  children,
  testId,
}: {
  x: number
  y: number
  label: string
  onClose: () => void
  children: ReactNode
  testId: string
}) {
  const { ref, onKeyDown } = useMenuKeys(onClose)
  // Keep the menu inside the window.
  const left = Math.min(x, window.innerWidth - 260)
  const top = Math.min(y, window.innerHeight - 280)
  // In the body: the canvas contains its layout, which would make `fixed` mean "in the canvas".
  return createPortal(
    <>
      <div
        className="sw-popover-backdrop"
        onMouseDown={onClose}
        onContextMenu={(e) => e.preventDefault()}
      />
      <div
        ref={ref}
        role="menu"
        aria-label={label}
        className="sw-menu"
        style={{ left, top }}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        {children}
      </div>
    </>,
    document.body,
  )
}

function MenuItem({
  onSelect,
  children,
  hint,
  disabled,
  testId,
  shortcut,
}: {
  onSelect: () => void
  children: ReactNode
  hint?: string
  disabled?: boolean
  testId?: string
  shortcut?: string
}) {
  return (
    <button
      type="button"
      role="menuitem"
      className="sw-menu-item"
      onClick={onSelect}
      disabled={disabled}
      data-testid={testId}
    >
      <span className="sw-menu-label">{children}</span>
      {shortcut && <kbd className="sw-menu-shortcut">{shortcut}</kbd>}
      {hint && <span className="sw-menu-hint">{hint}</span>}
    </button>
  )
}

export function ConnectMenuView({ onDone }: { onDone: () => void }) {
  const menu = useCanvasUi((s) => s.connectMenu)
  if (!menu) return null
  const close = () => {
    useCanvasUi.getState().set({ connectMenu: null })
    onDone()
  }
  const graph = useDocumentStore.getState().graph
  const source = graph.states[menu.sourceId]?.name ?? ''
  const target = graph.states[menu.targetId]?.name ?? ''
  return (
    <Popover
      x={menu.x}
      y={menu.y}
      label={`Connect ${source} to ${target} as`}
      onClose={close}
      testId="connect-menu"
    >
      <div className="sw-menu-title">
        {source} → {target}
      </div>
      {menu.choices.map((choice) => (
        <MenuItem
          key={choice.kind}
          hint={choice.hint}
          testId={`connect-${choice.kind}`}
          onSelect={() => {
            connectStates(menu.sourceId, choice.kind, menu.targetId)
            close()
          }}
        >
          {choice.label}
        </MenuItem>
      ))}
    </Popover>
  )
}

export function ContextMenuView({
  onDone,
  onRename,
}: {
  onDone: () => void
  onRename: (id: string) => void
}) {
  const menu = useCanvasUi((s) => s.contextMenu)
  const graph = useDocumentStore((s) => s.graph)
  if (!menu) return null
  const close = () => {
    useCanvasUi.getState().set({ contextMenu: null })
    onDone()
  }
  const run = (action: () => void) => () => {
    close()
    action()
  }
  if (menu.target.kind === 'state') {
    const id = menu.target.id
    const state = graph.states[id]
    if (!state) return null
    const scope = graph.scopes[state.scopeId]
    const isStart = scope?.fields.StartAt === state.name
    const type = stateType(state)
    return (
      <Popover
        x={menu.x}
        y={menu.y}
        label={`${state.name} actions`}
        onClose={close}
        testId="context-menu"
      >
        <div className="sw-menu-title">{state.name}</div>
        <MenuItem onSelect={run(() => onRename(id))} shortcut="F2" testId="menu-rename">
          Rename
        </MenuItem>
        <MenuItem onSelect={run(() => setStartAt(id))} disabled={isStart} testId="menu-set-start">
          {isStart ? 'Is the start state' : 'Set as start state'}
        </MenuItem>
        {type === 'Parallel' && (
          <MenuItem onSelect={run(() => addBranch(id))} testId="menu-add-branch">
            Add branch
          </MenuItem>
        )}
        <MenuItem onSelect={run(duplicateSelection)} shortcut="Ctrl+D" testId="menu-duplicate">
          Duplicate
        </MenuItem>
        <MenuItem
          onSelect={run(() => {
            const text = copySelectionText()
            if (text) void navigator.clipboard?.writeText(text).catch(() => undefined)
          })}
          shortcut="Ctrl+C"
          testId="menu-copy"
        >
          Copy as ASL
        </MenuItem>
        <MenuItem
          onSelect={run(() =>
            deleteStates(
              useWorkspaceStore.getState().selectedIds.includes(id)
                ? useWorkspaceStore.getState().selectedIds
                : [id],
            ),
          )}
          shortcut="Del"
          testId="menu-delete"
        >
          Delete
        </MenuItem>
      </Popover>
    )
  }
  if (menu.target.kind === 'scope') {
    const scope = graph.scopes[menu.target.id]
    const owner = scope?.parentId ? graph.states[scope.parentId] : undefined
    if (!scope || !owner) return null
    const branches = owner.children?.kind === 'branches' ? owner.children.scopeIds.length : 0
    return (
      <Popover
        x={menu.x}
        y={menu.y}
        label={`${owner.name} branch actions`}
        onClose={close}
        testId="context-menu"
      >
        <div className="sw-menu-title">{owner.name}</div>
        {owner.children?.kind === 'branches' && (
          <>
            <MenuItem onSelect={run(() => addBranch(owner.id))} testId="menu-add-branch">
              Add branch
            </MenuItem>
            <MenuItem
              onSelect={run(() => removeBranch(scope.id))}
              disabled={branches <= 1}
              testId="menu-remove-branch"
            >
              Remove this branch
            </MenuItem>
          </>
        )}
        <MenuItem onSelect={run(() => useWorkspaceStore.getState().select([owner.id]))}>
          Select {owner.name}
        </MenuItem>
      </Popover>
    )
  }
  return null
}

export function FindDialog({ onDone }: { onDone: () => void }) {
  const open = useCanvasUi((s) => s.findOpen)
  if (!open) return null
  return <FindBox onDone={onDone} />
}

function FindBox({ onDone }: { onDone: () => void }) {
  const graph = useDocumentStore((s) => s.graph)
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => input.current?.focus(), [])

  const matches = useMemo(() => {
    const q = query.trim().toLowerCase()
    const all = Object.values(graph.states)
    const found = q
      ? all.filter(
          (s) => s.name.toLowerCase().includes(q) || (stateType(s) ?? '').toLowerCase() === q,
        )
      : all
    return found.slice(0, 50)
  }, [graph, query])

  const close = () => {
    useCanvasUi.getState().set({ findOpen: false })
    onDone()
  }
  const choose = (id: string) => {
    useWorkspaceStore.getState().select([id])
    useWorkspaceStore.getState().reveal(id)
    useCanvasUi.getState().set({ findOpen: false })
    focusNode(id)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation()
    if (event.key === 'Escape') {
      event.preventDefault()
      close()
    } else if (event.key === 'ArrowDown') {
      event.preventDefault()
      setActive((a) => Math.min(a + 1, matches.length - 1))
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      setActive((a) => Math.max(a - 1, 0))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      const match = matches[active]
      if (match) choose(match.id)
    }
  }
  const activeId = matches[active] ? `find-option-${matches[active].id}` : undefined
  return (
    <div className="sw-find" role="dialog" aria-label="Find a state" onKeyDown={onKeyDown}>
      <div className="sw-find-input">
        <Icons.search />
        <input
          ref={input}
          role="combobox"
          aria-expanded="true"
          aria-controls="sw-find-list"
          aria-activedescendant={activeId}
          aria-label="Find a state by name"
          placeholder="Find a state…"
          data-testid="find-input"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value)
            setActive(0)
          }}
        />
        <kbd>Esc</kbd>
      </div>
      <ul id="sw-find-list" role="listbox" aria-label="Matching states" className="sw-find-list">
        {matches.length === 0 && <li className="sw-find-empty">No state matches “{query}”</li>}
        {matches.map((state, i) => (
          <li
            key={state.id}
            id={`find-option-${state.id}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'is-active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault()
              choose(state.id)
            }}
            onMouseEnter={() => setActive(i)}
          >
            <span className={`sw-find-icon sw-type-${stateType(state) ?? 'Unknown'}`}>
              <StateTypeIcon type={stateType(state) ?? ''} size={14} />
            </span>
            <span className="sw-find-name">{state.name}</span>
            <span className="sw-find-type">{stateType(state)}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
