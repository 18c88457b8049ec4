// A deterministic generator of large, valid, realistic-looking workflows (chains of Tasks with
// Retry and Catch, Choices that jump forward and merge, Parallels and Maps with nested chains),
// for layout timings and scale tests. Same arguments, same definition.

import type { JsonObject } from '../../asl/types'

export interface GenerateWorkflowOptions {
  seed?: number
  /** How deep Parallel/Map may nest. */
  maxDepth?: number
}

/** A machine with exactly `count` states (at least 2). */
export function generateWorkflow(count: number, options: GenerateWorkflowOptions = {}): JsonObject {
  const random = mulberry32(options.seed ?? 1)
  const maxDepth = options.maxDepth ?? 2
  let serial = 0
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))

  // A chain of exactly n states (n ≥ 2): the last is a Fail the chain's catchers go to.
  const chain = (n: number, depth: number): JsonObject => {
    const names: string[] = []
    const bodies: JsonObject[] = []
    const failName = `Failed ${++serial}`
    let remaining = n - 1
    while (remaining > 0) {
      const name = `Step ${++serial}`
      const roll = random()
      if (depth < maxDepth && remaining >= 8 && roll < 0.1) {
        const branchCount = int(2, 3)
        const inner = Math.min(remaining - 1, int(2, 6) * branchCount)
        const sizes = split(inner, branchCount)
        if (sizes.every((size) => size >= 2)) {
          bodies.push({
            Type: 'Parallel',
            Branches: sizes.map((size) => chain(size, depth + 1)),
            Catch: [{ ErrorEquals: ['States.ALL'], Next: failName }],
          })
          names.push(name)
          remaining -= 1 + inner
          continue
        }
      }
      if (depth < maxDepth && remaining >= 6 && roll < 0.18) {
        const inner = Math.min(remaining - 1, int(2, 6))
        bodies.push({
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, ...chain(inner, depth + 1) },
          MaxConcurrency: 10,
        })
        names.push(name)
        remaining -= 1 + inner
        continue
      }
      if (remaining >= 4 && roll < 0.35) {
        bodies.push({ Type: 'Choice', Choices: [] })
      } else if (roll < 0.45) {
        bodies.push({ Type: 'Wait', Seconds: int(1, 30) })
      } else if (roll < 0.55) {
        bodies.push({ Type: 'Pass', Result: { step: serial }, ResultPath: '$.pass' })
      } else {
        bodies.push({
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: `fn-${serial}`, 'Payload.$': '$' },
          Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: int(1, 3), BackoffRate: 2 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: failName }],
        })
      }
      names.push(name)
      remaining -= 1
    }
    names.push(failName)
    bodies.push({ Type: 'Fail', Error: 'Generated.Failure' })
    const last = names.length - 2
    const states: JsonObject = {}
    bodies.forEach((body, i) => {
      if (i === names.length - 1) {
        states[names[i]!] = body
        return
      }
      const next = i === last ? undefined : names[i + 1]!
      if (body.Type === 'Choice') {
        const ahead = (k: number) => names[Math.min(i + k, last)]!
        states[names[i]!] = {
          ...body,
          Choices: [
            { Variable: '$.value', NumericGreaterThan: i, Next: ahead(2) },
            { Variable: '$.flag', BooleanEquals: true, Next: ahead(3) },
          ],
          Default: ahead(1),
        }
      } else {
        states[names[i]!] = next === undefined ? { ...body, End: true } : { ...body, Next: next }
      }
    })
    return { StartAt: names[0]!, States: states }
  }

  const machine = chain(Math.max(2, count), 0)
  return { Comment: `Generated workflow with ${count} states`, ...machine }
}

function split(total: number, parts: number): number[] {
  const base = Math.floor(total / parts)
  return Array.from({ length: parts }, (_, i) => base + (i < total % parts ? 1 : 0))
}

/** A small seeded PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
