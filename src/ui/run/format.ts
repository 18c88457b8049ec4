// Numbers as the run views show them: durations, money, counts, times relative to a start.

/** 0 → "0 ms", 950 → "950 ms", 6000 → "6 s", 6500 → "6.5 s", 90_000 → "1 min 30 s", 1 d 2 h… */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  const seconds = ms / 1000
  if (seconds < 60) return `${trim(seconds, seconds < 10 ? 3 : 1)} s`
  const units: [number, string][] = [
    [86_400, 'd'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ]
  let rest = Math.round(seconds)
  const parts: string[] = []
  for (const [size, name] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${name}`)
      rest %= size
    }
    if (parts.length === 2) break
  }
  return parts.join(' ')
}

function trim(value: number, digits: number): string {
  return value.toFixed(digits).replace(/\.?0+$/, '')
}

/** US dollars with enough significant digits for fractions of a cent: "$0.00015", "$150.00". */
export function formatUsd(value: number): string {
  if (!Number.isFinite(value)) return '—'
  if (value === 0) return '$0'
  if (value >= 1) {
    return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
  }
  // Three significant digits below a dollar.
  const digits = Math.min(12, Math.max(2, 2 - Math.floor(Math.log10(value))))
  return `$${trim(value, digits)}`
}

// One formatter for all counts: toLocaleString builds one per call, which shows in long lists.
const COUNT = new Intl.NumberFormat('en-US')

export function formatCount(value: number): string {
  return COUNT.format(value)
}

/** "+6.000 s" since the start, for event rows. */
export function formatOffset(ms: number): string {
  if (!Number.isFinite(ms)) return ''
  if (ms < 60_000) return `+${(ms / 1000).toFixed(3)} s`
  return `+${formatDuration(ms)}`
}

/** "12:04:05.123" (UTC) of an ISO timestamp: the virtual clock's wall time. */
export function formatClock(iso: string): string {
  const match = /T(\d\d:\d\d:\d\d(?:\.\d+)?)/.exec(iso)
  return match ? match[1]! : iso
}

/** "just now", "5 min ago", "yesterday"… for the runs list. */
export function formatAgo(then: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - then) / 1000))
  if (seconds < 45) return 'just now'
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 24) return `${hours} h ago`
  const days = Math.round(hours / 24)
  return days === 1 ? 'yesterday' : `${days} days ago`
}
