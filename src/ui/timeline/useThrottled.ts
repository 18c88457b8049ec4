// Throttling a value for views that need not follow every change (a live run's stream).

import { useEffect, useRef, useState } from 'react'
import { useLiveRunStore } from '../../state/executionStore'

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

/**
 * The live run's version (bumped per frame while events stream in), re-rendering the caller
 * at most every `ms` milliseconds; 0 when not live. Unlike reading the store directly, the
 * caller does not render on every bump.
 */
export function useLiveVersion(live: boolean, ms: number): number {
  const [version, setVersion] = useState(() => useLiveRunStore.getState().version)
  useEffect(() => {
    if (!live) return
    let timer = 0
    let last = 0
    const update = () => {
      timer = 0
      last = performance.now()
      setVersion(useLiveRunStore.getState().version)
    }
    const unsubscribe = useLiveRunStore.subscribe(() => {
      if (timer) return
      timer = window.setTimeout(update, Math.max(0, last + ms - performance.now()))
    })
    return () => {
      unsubscribe()
      window.clearTimeout(timer)
    }
  }, [live, ms])
  return live ? version : 0
}
