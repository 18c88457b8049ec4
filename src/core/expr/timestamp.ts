// RFC 3339 timestamps as ASL uses them (Choice Timestamp* rules, IsTimestamp, Wait Timestamp):
// `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`, uppercase T and Z, seconds required. Parsed into
// exact (seconds, nanoseconds) so comparisons keep sub-millisecond precision.

export interface Instant {
  /** Seconds since 1970-01-01T00:00:00Z. */
  readonly seconds: number
  /** 0 … 999,999,999 */
  readonly nanos: number
}

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

const cache = new Map<string, Instant | null>()

/** The instant of an RFC 3339 timestamp, or undefined when the text is not one. */
export function parseTimestamp(text: string): Instant | undefined {
  const cached = cache.get(text)
  if (cached !== undefined) return cached ?? undefined
  const result = parse(text)
  if (cache.size > 10_000) cache.clear()
  cache.set(text, result ?? null)
  return result
}

function parse(text: string): Instant | undefined {
  const m = PATTERN.exec(text)
  if (!m) return undefined
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  if (month < 1 || month > 12) return undefined
  const maxDay = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!
  if (day < 1 || day > maxDay) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  let offset = 0
  if (m[8] !== 'Z') {
    const oh = Number(m[10])
    const om = Number(m[11])
    if (oh > 23 || om > 59) return undefined
    offset = (m[9] === '-' ? -1 : 1) * (oh * 3600 + om * 60)
  }
  const seconds =
    daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset
  const nanos = m[7] === undefined ? 0 : Number(m[7].padEnd(9, '0'))
  return { seconds, nanos }
}

export function isTimestamp(text: string): boolean {
  return parseTimestamp(text) !== undefined
}

export function compareInstants(a: Instant, b: Instant): number {
  return a.seconds !== b.seconds ? Math.sign(a.seconds - b.seconds) : Math.sign(a.nanos - b.nanos)
}
