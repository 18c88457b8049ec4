// Throttling a value for views that need not follow every change (a live run's stream).

import { useEffect, useRef, useState } from 'react'

/**
 * The value, updated at most every `ms` milliseconds (with a trailing update); `ms` ≤ 0 passes
 * it through. Used to rebuild the list a few times a second while a live run streams.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value)
  const last = useRef(0)
  useEffect(() => {
    if (ms <= 0) return
    const wait = last.current + ms - performance.now()
    const show = () => {
      last.current = performance.now()
      setShown(value)
    }
    if (wait <= 0) {
      show()
      return
    }
    const timer = window.setTimeout(show, wait)
    return () => window.clearTimeout(timer)
  }, [value, ms])
  return ms <= 0 ? value : shown
}
