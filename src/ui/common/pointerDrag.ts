// A drag that follows the pointer anywhere on the page (a divider, a panel edge): the element
// only starts it; moves and the release are heard on the window, so the drag keeps going when
// the pointer leaves the thin element it started on.

/** Calls `onMove` with each pointer move until the pointer is released. */
export function followPointer(onMove: (event: PointerEvent) => void): void {
  const up = () => {
    window.removeEventListener('pointermove', onMove)
    window.removeEventListener('pointerup', up)
  }
  window.addEventListener('pointermove', onMove)
  window.addEventListener('pointerup', up)
}
