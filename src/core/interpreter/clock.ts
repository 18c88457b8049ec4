// Time for an execution. The default clock is virtual: waits, retry back-offs and simulated
// task durations move it forward instantly, so a day-long workflow simulates in microseconds
// while its history still shows the real durations. A host may inject a real clock instead
// (the benchmark's "real wait" row does), because core/ itself has no timers.

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
  /**
   * Called when every branch of the execution is waiting for time to pass: move to `time` (ms).
   * A virtual clock jumps; a real clock returns a promise that resolves once the time has come.
   */
  advanceTo(time: number): void | PromiseLike<void>
  /** True when advanceTo never waits (simulated time): sleeps may then skip the scheduler. */
  readonly virtual?: boolean
}

/** Midnight UTC, 1 January 2024: the default start of a virtual clock, so runs are repeatable. */
export const DEFAULT_START_TIME = Date.UTC(2024, 0, 1)

export class VirtualClock implements Clock {
  readonly virtual = true
  private time: number
  constructor(start: number = DEFAULT_START_TIME) {
    this.time = start
  }
  now(): number {
    return this.time
  }
  advanceTo(time: number): void {
    if (time > this.time) this.time = time
  }
}

let lastMs = NaN
let lastIso = ''

/** AWS prints timestamps in the context object as ISO 8601 with milliseconds. */
export function isoTime(ms: number): string {
  // A run asks for the same instant many times (start, entered times, end on a virtual clock).
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString()
    lastMs = ms
  }
  return lastIso
}

/** Parses an ISO 8601 / RFC 3339 timestamp; NaN when it is not one. */
export function parseIsoTime(text: string): number {
  return Date.parse(text)
}
