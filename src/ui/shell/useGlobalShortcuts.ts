// Shortcuts that work wherever focus is (except inside text fields and the code editor, which
// have their own): undo, redo, find a state.

import { useEffect } from 'react'
import { useDocumentStore } from '../../state/documentStore'
import { useCanvasUi } from '../canvas/canvasUiStore'

function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.closest('.monaco-editor, [data-own-shortcuts]')) return true
  return (
    target.isContentEditable ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  )
}

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return
      if (ownsKeys(event.target)) return
      const key = event.key.toLowerCase()
      const store = useDocumentStore.getState()
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault()
        store.undo()
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault()
        store.redo()
      } else if (key === 'f' && !event.shiftKey) {
        event.preventDefault()
        useCanvasUi.getState().set({ findOpen: true })
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
