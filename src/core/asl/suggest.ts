// "Did you mean …?" for state names, field names, error names and intrinsic functions.

/** The candidate closest to `word` when it is close enough to be a likely typo. */
export function closest(
  word: string,
  candidates: Iterable<string>,
  ignoreCase = false,
): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  const w = ignoreCase ? word.toLowerCase() : word
  for (const candidate of candidates) {
    if (candidate === word) continue
    const c = ignoreCase ? candidate.toLowerCase() : candidate
    if (c === w) return candidate
    // A prefix of a longer name (Timeout → TimeoutSeconds) is a likely slip too.
    if (w.length >= 4 && c.startsWith(w) && best === undefined) best = candidate
    const limit = Math.max(1, Math.floor(Math.max(w.length, c.length) / 3))
    if (Math.abs(c.length - w.length) > limit) continue
    const distance = levenshtein(w, c, limit)
    if (distance <= limit && distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  if (best === undefined && !ignoreCase) {
    // A difference of case only is the most likely typo of all.
    for (const candidate of candidates)
      if (candidate.toLowerCase() === word.toLowerCase()) return candidate
  }
  return best
}

/** Edit distance counting a swap of two adjacent characters as one edit (Chrage → Charge). */
function levenshtein(a: string, b: string, limit: number): number {
  let before: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2]! + 1)
      }
      current.push(value)
      if (value < rowMin) rowMin = value
    }
    if (rowMin > limit) return rowMin
    before = previous
    previous = current
  }
  return previous[b.length]!
}
