// A discrete-event scheduler for one execution. Every Parallel branch and Map iteration is a
// fiber: a generator that runs synchronously until it must wait, then yields an effect saying
// for what (a moment on the clock, a promise from a mock or JSONata, its child fibers). The
// scheduler, not the microtask queue, decides who runs next, so runs are deterministic:
//
// - a fiber runs until it blocks (run-until-block); ready fibers run in FIFO order;
// - simulated time only moves when every fiber waits on the clock, and then jumps straight to
//   the earliest timer (ties in the order the timers were set);
// - while a promise is pending the clock stands still (the mock's real latency is not
//   simulated time), and other ready fibers keep running.
//
// Nothing here allocates per transition: the hot path of a fiber is a plain synchronous loop.

import type { Clock } from './clock'

export const enum EffectKind {
  Sleep,
  Await,
  Yield,
  Join,
  JoinSlot,
  HostYield,
}

export type Effect =
  | { kind: EffectKind.Sleep; until: number }
  | { kind: EffectKind.Await; promise: PromiseLike<unknown> }
  | { kind: EffectKind.Yield }
  | { kind: EffectKind.Join; group: FiberGroup }
  | { kind: EffectKind.JoinSlot; group: FiberGroup }
  | { kind: EffectKind.HostYield }

/** What fiber bodies are: `const x = yield* other()` composes them. */
export type Routine<T> = Generator<Effect, T, unknown>

/**
 * A value computed synchronously, or a routine to finish it when something had to wait. Most
 * states complete synchronously, and then no generator is allocated at all.
 */
export type Step<T> = T | Routine<T>

/** A Step as a routine (for code that is a routine anyway; allocates one generator). */
export function* toRoutine<T>(step: Step<T>): Routine<T> {
  return isRoutine(step) ? yield* step : step
}

/**
 * %GeneratorPrototype% (the prototype of every generator object's prototype) as the `prototype`
 * of a constructor, so `instanceof` can test for it.
 */
export const GeneratorObject = function () {} as unknown as { new (): object; prototype: object }
GeneratorObject.prototype = Object.getPrototypeOf(
  Object.getPrototypeOf((function* () {})()) as object,
)

/**
 * Routines are generator objects, JSON values never are. `instanceof` walks two prototype links;
 * reading a `next` property instead would be a megamorphic lookup on every state's output.
 */
export function isRoutine<T>(step: Step<T>): step is Routine<T> {
  return step instanceof GeneratorObject
}

export const YIELD: Effect = Object.freeze({ kind: EffectKind.Yield })
export const HOST_YIELD: Effect = Object.freeze({ kind: EffectKind.HostYield })

const enum FiberState {
  Ready,
  Running,
  Sleeping,
  Awaiting,
  Joining,
  Done,
  Cancelled,
}

/** What a released fiber holds instead of its finished routine. */
const RELEASED_ROUTINE: Routine<unknown> = (function* () {})()

export class Fiber<L = unknown> {
  state = FiberState.Ready
  started = false
  resumeValue: unknown = undefined
  resumeError: unknown = undefined
  resumeThrows = false
  /** The group this fiber is a child of (null for the root). */
  readonly group: FiberGroup | null
  /** The group of children this fiber currently waits for, if any. */
  joining: FiberGroup | null = null
  /** Siblings among the live children of `group` (an intrusive list: no allocation per child). */
  prevLive: Fiber | null = null
  nextLive: Fiber | null = null
  constructor(
    public routine: Routine<unknown>,
    readonly index: number,
    readonly local: L,
    group: FiberGroup | null,
  ) {
    this.group = group
  }
  get finished(): boolean {
    return this.state === FiberState.Done || this.state === FiberState.Cancelled
  }
  releaseRunData(): void {
    this.routine = RELEASED_ROUTINE
    this.resumeValue = this.resumeError = undefined
    this.joining = null
  }
}

/**
 * What happens when a child of a group ends. An object with a method rather than a closure:
 * a closure made per Map or Parallel run would give V8 a new function context each time, and
 * optimized code specialised on the previous one would be thrown away and rebuilt.
 */
export interface ChildListener {
  childExited(child: Fiber, ok: boolean, value: unknown): void
}

/** The children a Parallel or Map state started, and what happens when each ends. */
export class FiberGroup {
  active = 0
  /** The live children, linked through Fiber.prevLive/nextLive. */
  firstLive: Fiber | null = null
  waitMode: 'all' | 'slot' | null = null
  constructor(
    readonly owner: Fiber,
    readonly listener: ChildListener,
  ) {}

  add(fiber: Fiber): void {
    fiber.nextLive = this.firstLive
    if (this.firstLive) this.firstLive.prevLive = fiber
    this.firstLive = fiber
    this.active++
  }

  remove(fiber: Fiber): void {
    if (fiber.prevLive) fiber.prevLive.nextLive = fiber.nextLive
    else this.firstLive = fiber.nextLive
    if (fiber.nextLive) fiber.nextLive.prevLive = fiber.prevLive
    fiber.prevLive = fiber.nextLive = null
    this.active--
  }
}

interface Timer {
  time: number
  seq: number
  fiber: Fiber
}

export type StopReason = 'timeout' | 'abort'

export interface SchedulerOptions {
  clock: Clock
  /** Absolute time (ms) at which the execution times out. */
  deadline: number
  /** Called when a fiber is cancelled (fail-fast siblings, timeout, abort), deepest first. */
  onCancel?: (fiber: Fiber) => void
  /** Lets the host process messages (e.g. run/abort in a worker) during long synchronous runs. */
  yieldToHost?: () => PromiseLike<void>
  /** Checked between steps; once true the run stops as aborted. */
  isAborted?: () => boolean
  /** Registers a callback for an abort while the scheduler waits on a promise. */
  onAbortRequest?: (wake: () => void) => void
}

export interface SchedulerOutcome {
  stop: StopReason | null
  ok: boolean
  value: unknown
}

export class Scheduler {
  private ready: Fiber[] = []
  private head = 0
  private timers: Timer[] = []
  private timerSeq = 0
  private pendingPromises = 0
  private wake: (() => void) | null = null
  private root: Fiber | null = null
  private rootOk = false
  private rootValue: unknown = undefined
  private stopReason: StopReason | null = null
  private hostYieldDue = false
  /**
   * How many Map iterations / Parallel branches are being run inline by a fiber that still has
   * work to do at the current time (starting the next one): no fast-forwarding meanwhile.
   */
  inline = 0
  private readonly clock: Clock
  private readonly deadline: number
  private readonly onCancel?: (fiber: Fiber) => void
  private yieldToHost?: () => PromiseLike<void>
  private isAborted?: () => boolean

  constructor(options: SchedulerOptions) {
    this.clock = options.clock
    this.deadline = options.deadline
    this.onCancel = options.onCancel
    this.yieldToHost = options.yieldToHost
    this.isAborted = options.isAborted
    options.onAbortRequest?.(() => this.wakeUp())
  }

  get now(): number {
    return this.clock.now()
  }

  /**
   * Moves a virtual clock straight to `until` when the running fiber is the only thing that
   * could happen before then (nothing ready, no promise pending, no earlier timer): the same
   * outcome as sleeping through the scheduler, without suspending. False when it must sleep.
   */
  fastForward(until: number): boolean {
    if (!this.clock.virtual || until > this.deadline || this.inline > 0) return false
    if (this.head < this.ready.length || this.pendingPromises > 0) return false
    const next = this.timers[0]
    if (next && next.time <= until) return false
    this.clock.advanceTo(until)
    return true
  }

  /** Drops a finished run's fibers and results (see retainShapes in run.ts). */
  releaseRunData(): void {
    this.ready.length = 0
    this.head = 0
    this.timers.length = 0
    this.wake = null
    this.root?.releaseRunData()
    this.rootValue = undefined
    this.yieldToHost = undefined
    this.isAborted = undefined
  }

  /** Creates the execution's main fiber; `run` then drives it. */
  createRoot<L>(routine: Routine<unknown>, local: L): Fiber<L> {
    const root = new Fiber(routine, 0, local, null)
    this.root = root
    this.ready.push(root)
    return root
  }

  /** Runs until the main fiber ends, synchronously when nothing is asynchronous. */
  run(): SchedulerOutcome | Promise<SchedulerOutcome> {
    return this.loop()
  }

  /** Starts a child fiber of `group`; it runs when the scheduler next picks a ready fiber. */
  spawn<L>(group: FiberGroup, routine: Routine<unknown>, index: number, local: L): Fiber<L> {
    const fiber = new Fiber(routine, index, local, group)
    group.add(fiber)
    this.ready.push(fiber)
    return fiber
  }

  group(owner: Fiber, listener: ChildListener): FiberGroup {
    return new FiberGroup(owner, listener)
  }

  /** Cancels every live child of the group (and their descendants); they never resume. */
  cancelGroup(group: FiberGroup): void {
    const children: Fiber[] = []
    for (let f = group.firstLive; f; f = f.nextLive) children.push(f)
    for (const child of children) this.cancel(child)
  }

  private cancel(fiber: Fiber): void {
    if (fiber.finished) return
    if (fiber.joining) this.cancelGroup(fiber.joining)
    if (fiber.state === FiberState.Awaiting) this.pendingPromises--
    fiber.state = FiberState.Cancelled
    // A child that never ran has nothing to report as aborted.
    if (fiber.started) this.onCancel?.(fiber)
    try {
      fiber.routine.return(undefined)
    } catch {
      // A cancelled routine's cleanup error has nowhere to go; the fiber is gone anyway.
    }
    const group = fiber.group
    if (group) {
      group.remove(fiber)
      this.maybeResumeJoiner(group)
    }
  }

  private maybeResumeJoiner(group: FiberGroup): void {
    const owner = group.owner
    if (owner.state !== FiberState.Joining || owner.joining !== group) return
    if (group.waitMode === 'all' ? group.active === 0 : true) {
      owner.joining = null
      group.waitMode = null
      owner.state = FiberState.Ready
      owner.resumeValue = undefined
      this.ready.push(owner)
    }
  }

  private exit(fiber: Fiber, ok: boolean, value: unknown): void {
    fiber.state = FiberState.Done
    const group = fiber.group
    if (!group) {
      this.rootOk = ok
      this.rootValue = value
      return
    }
    group.remove(fiber)
    group.listener.childExited(fiber, ok, value)
    this.maybeResumeJoiner(group)
  }

  private step(fiber: Fiber): void {
    fiber.state = FiberState.Running
    fiber.started = true
    let result: IteratorResult<Effect, unknown>
    try {
      if (fiber.resumeThrows) {
        fiber.resumeThrows = false
        const error = fiber.resumeError
        fiber.resumeError = undefined
        result = fiber.routine.throw(error)
      } else {
        const value = fiber.resumeValue
        fiber.resumeValue = undefined
        result = fiber.routine.next(value)
      }
    } catch (error) {
      this.exit(fiber, false, error)
      return
    }
    if (result.done) {
      this.exit(fiber, true, result.value)
      return
    }
    const effect = result.value
    switch (effect.kind) {
      case EffectKind.Sleep:
        fiber.state = FiberState.Sleeping
        this.pushTimer({ time: effect.until, seq: this.timerSeq++, fiber })
        return
      case EffectKind.Await:
        fiber.state = FiberState.Awaiting
        this.pendingPromises++
        effect.promise.then(
          (value) => this.settle(fiber, false, value),
          (error: unknown) => this.settle(fiber, true, error),
        )
        return
      case EffectKind.Yield:
      case EffectKind.HostYield:
        fiber.state = FiberState.Ready
        this.ready.push(fiber)
        if (effect.kind === EffectKind.HostYield) this.hostYieldDue = true
        return
      case EffectKind.Join:
      case EffectKind.JoinSlot: {
        const group = effect.group
        const done = effect.kind === EffectKind.Join ? group.active === 0 : true
        if (done && effect.kind === EffectKind.Join) {
          fiber.state = FiberState.Ready
          this.ready.push(fiber)
          return
        }
        fiber.state = FiberState.Joining
        fiber.joining = group
        group.waitMode = effect.kind === EffectKind.Join ? 'all' : 'slot'
        return
      }
    }
  }

  private settle(fiber: Fiber, throws: boolean, value: unknown): void {
    if (fiber.state !== FiberState.Awaiting) return // cancelled meanwhile
    this.pendingPromises--
    fiber.state = FiberState.Ready
    if (throws) {
      fiber.resumeThrows = true
      fiber.resumeError = value
    } else {
      fiber.resumeValue = value
    }
    this.ready.push(fiber)
    this.wakeUp()
  }

  private wakeUp(): void {
    const wake = this.wake
    if (wake) {
      this.wake = null
      wake()
    }
  }

  private stop(reason: StopReason): void {
    this.stopReason = reason
    if (this.root && !this.root.finished) this.cancel(this.root)
  }

  private outcome(): SchedulerOutcome {
    return { stop: this.stopReason, ok: this.rootOk, value: this.rootValue }
  }

  private loop(): SchedulerOutcome | Promise<SchedulerOutcome> {
    const root = this.root!
    for (;;) {
      if (this.stopReason) return this.outcome()
      if (this.isAborted?.()) {
        this.stop('abort')
        return this.outcome()
      }
      while (this.head < this.ready.length) {
        const fiber = this.ready[this.head++]!
        if (fiber.state !== FiberState.Ready) continue
        this.step(fiber)
        if (this.hostYieldDue) {
          this.hostYieldDue = false
          if (this.yieldToHost) return Promise.resolve(this.yieldToHost()).then(() => this.loop())
        }
        if (this.isAborted?.()) break
      }
      if (this.head >= this.ready.length) {
        this.ready.length = 0
        this.head = 0
      }
      if (root.finished) return this.outcome()
      if (this.head < this.ready.length) continue
      if (this.pendingPromises > 0) {
        return new Promise<void>((resolve) => {
          this.wake = resolve
        }).then(() => this.loop())
      }
      const next = this.timers[0]
      if (!next) {
        throw new Error('Stepwise scheduler: every fiber is blocked and nothing can wake them')
      }
      if (next.time > this.deadline) {
        const advanced = this.clock.advanceTo(this.deadline)
        if (advanced) {
          return Promise.resolve(advanced).then(() => {
            this.stop('timeout')
            return this.outcome()
          })
        }
        this.stop('timeout')
        return this.outcome()
      }
      const advanced = this.clock.advanceTo(next.time)
      if (advanced) {
        return Promise.resolve(advanced).then(() => {
          this.releaseTimers(next.time)
          return this.loop()
        })
      }
      this.releaseTimers(next.time)
    }
  }

  private releaseTimers(upTo: number): void {
    while (this.timers.length && this.timers[0]!.time <= upTo) {
      const timer = this.popTimer()
      if (timer.fiber.state !== FiberState.Sleeping) continue
      timer.fiber.state = FiberState.Ready
      this.ready.push(timer.fiber)
    }
  }

  // A binary min-heap on (time, seq).
  private pushTimer(timer: Timer): void {
    const heap = this.timers
    heap.push(timer)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(heap[i]!, heap[parent]!)) break
      ;[heap[i], heap[parent]] = [heap[parent]!, heap[i]!]
      i = parent
    }
  }

  private popTimer(): Timer {
    const heap = this.timers
    const top = heap[0]!
    const last = heap.pop()!
    if (heap.length) {
      heap[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r
        if (m === i) break
        ;[heap[i], heap[m]] = [heap[m]!, heap[i]!]
        i = m
      }
    }
    return top
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq)
}

/** A sleep effect (allocated per wait: waits are rare compared with transitions). */
export function sleepUntil(until: number): Effect {
  return { kind: EffectKind.Sleep, until }
}

export function awaitPromise(promise: PromiseLike<unknown>): Effect {
  return { kind: EffectKind.Await, promise }
}

export function joinAll(group: FiberGroup): Effect {
  return { kind: EffectKind.Join, group }
}

export function joinSlot(group: FiberGroup): Effect {
  return { kind: EffectKind.JoinSlot, group }
}

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}
