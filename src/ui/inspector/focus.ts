import { create } from 'zustand'
import type { DocPath } from '../../core/asl/diagnostics'

// Lets the problems panel ask the inspector to bring a field into view after it selects the
// state (UI state only; never undone).

export interface FieldFocusRequest {
  /** The state whose form should show the field; null for the machine's settings. */
  stateId: string | null
  /** Path relative to the selected state (or to the machine when no state is selected). */
  path: DocPath
  seq: number
}

interface FieldFocusState {
  request: FieldFocusRequest | null
  focusField(stateId: string | null, path: DocPath): void
  /** Marks a request handled, so a form opened later does not steal the focus. */
  consume(seq: number): void
}

let seq = 0

export const useFieldFocus = create<FieldFocusState>()((set, get) => ({
  request: null,
  focusField(stateId, path) {
    set({ request: { stateId, path, seq: ++seq } })
  },
  consume(handled) {
    if (get().request?.seq === handled) set({ request: null })
  },
}))

/**
 * Scrolls to the deepest `[data-field]` element matching a prefix of the path and flashes it.
 * Focus stays where it is, so a keyboard user can walk the problems list.
 */
export function focusFieldIn(root: HTMLElement, path: DocPath): boolean {
  for (let length = path.length; length > 0; length--) {
    const key = path.slice(0, length).join('.')
    const element = root.querySelector<HTMLElement>(`[data-field="${CSS.escape(key)}"]`)
    if (!element) continue
    element.scrollIntoView?.({ block: 'nearest' })
    element.classList.remove('sw-flash')
    // Restart the animation when the same field is asked for twice.
    void element.offsetWidth
    element.classList.add('sw-flash')
    return true
  }
  return false
}
