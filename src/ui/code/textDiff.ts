// Turns "the text is now X" into a few small edits, so that Monaco keeps the cursor, the scroll
// position and its undo history meaningful when the canvas changes the document: a rename that
// touches three lines becomes three edits on those lines, not one replacement of the whole text.
//
// Lines are diffed with Myers' O(ND) algorithm; each changed hunk is then trimmed to the
// characters that really differ. Past a limit of differing lines (a whole new document) the
// exact diff is not worth its cost and one trimmed replacement is returned instead.

/** Replace `start`..`end` (0-based UTF-16 offsets into the OLD text) with `text`. */
export interface TextChange {
  start: number
  end: number
  text: string
}

/** Above this many inserted + deleted lines, one replacement is cheaper and just as good. */
const MAX_EDIT_DISTANCE = 2000

/**
 * Edits that turn `before` into `after`: ascending, non-overlapping, offsets into `before`.
 * Empty when the texts are equal.
 */
export function diffText(before: string, after: string): TextChange[] {
  if (before === after) return []
  const a = splitLines(before)
  const b = splitLines(after)
  // Common leading and trailing lines are the usual case and cost nothing to skip.
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++
  }
  const midA = a.slice(head, a.length - tail)
  const midB = b.slice(head, b.length - tail)
  const hunks = lineHunks(midA, midB) ?? [{ a0: 0, a1: midA.length, b0: 0, b1: midB.length }]

  // Offsets of the first line of the middle part in the old text.
  let base = 0
  for (let i = 0; i < head; i++) base += a[i]!.length
  const lineOffsets: number[] = [base]
  for (const line of midA) lineOffsets.push(lineOffsets[lineOffsets.length - 1]! + line.length)

  const changes: TextChange[] = []
  for (const hunk of hunks) {
    const oldText = midA.slice(hunk.a0, hunk.a1).join('')
    const newText = midB.slice(hunk.b0, hunk.b1).join('')
    const change = trimChange(lineOffsets[hunk.a0]!, oldText, newText)
    if (change) changes.push(change)
  }
  return changes
}

/** Applies changes from `diffText` (or any ascending, non-overlapping list) to a text. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  let out = ''
  let at = 0
  for (const change of changes) {
    out += text.slice(at, change.start) + change.text
    at = change.end
  }
  return out + text.slice(at)
}

/** Lines with their terminators, so joining them gives the text back exactly. */
export function splitLines(text: string): string[] {
  const lines: string[] = []
  let start = 0
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      lines.push(text.slice(start, i + 1))
      start = i + 1
    }
  }
  if (start < text.length) lines.push(text.slice(start))
  return lines
}

/** The smallest change inside one hunk: common leading and trailing characters are kept. */
function trimChange(offset: number, oldText: string, newText: string): TextChange | undefined {
  if (oldText === newText) return undefined
  let prefix = 0
  const max = Math.min(oldText.length, newText.length)
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++
  let suffix = 0
  while (
    suffix < max - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) ===
      newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++
  }
  // Never split a surrogate pair: Monaco would see half a character.
  if (prefix > 0 && isHighSurrogate(oldText.charCodeAt(prefix - 1))) prefix--
  if (suffix > 0 && isLowSurrogate(oldText.charCodeAt(oldText.length - suffix))) suffix--
  return {
    start: offset + prefix,
    end: offset + oldText.length - suffix,
    text: newText.slice(prefix, newText.length - suffix),
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/** Lines a[a0..a1) become b[b0..b1). */
interface Hunk {
  a0: number
  a1: number
  b0: number
  b1: number
}

/**
 * Myers' greedy shortest edit script on lines, returned as hunks between the matched runs; or
 * undefined when the edit distance passes MAX_EDIT_DISTANCE.
 */
function lineHunks(a: readonly string[], b: readonly string[]): Hunk[] | undefined {
  const n = a.length
  const m = b.length
  if (n === 0 || m === 0) return [{ a0: 0, a1: n, b0: 0, b1: m }]
  const max = n + m
  const offset = max + 1
  const v = new Int32Array(2 * max + 3)
  // trace[d][k + d]: the furthest x on diagonal k after d edits (only k in -d..d is kept).
  const trace: Int32Array[] = []
  let found = -1
  for (let d = 0; d <= Math.min(max, MAX_EDIT_DISTANCE); d++) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x++
        y++
      }
      v[offset + k] = x
      if (x >= n && y >= m) found = d
    }
    trace.push(v.slice(offset - d, offset + d + 1))
    if (found >= 0) break
  }
  if (found < 0) return undefined

  // Walk back from (n, m), collecting the diagonal runs (matched lines).
  const runs: { x: number; y: number; length: number }[] = []
  let x = n
  let y = m
  for (let d = found; d > 0; d--) {
    const k = x - y
    const prev = trace[d - 1]!
    const at = (kk: number) => prev[kk + d - 1]!
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1))
    const prevK = down ? k + 1 : k - 1
    const prevX = at(prevK)
    const prevY = prevX - prevK
    const startX = down ? prevX : prevX + 1
    if (x > startX) runs.push({ x: startX, y: startX - k, length: x - startX })
    x = prevX
    y = prevY
  }
  if (x > 0) runs.push({ x: 0, y: 0, length: x })
  runs.reverse()

  const hunks: Hunk[] = []
  let pa = 0
  let pb = 0
  for (const run of runs) {
    if (run.x > pa || run.y > pb) hunks.push({ a0: pa, a1: run.x, b0: pb, b1: run.y })
    pa = run.x + run.length
    pb = run.y + run.length
  }
  if (pa < n || pb < m) hunks.push({ a0: pa, a1: n, b0: pb, b1: m })
  return hunks
}
