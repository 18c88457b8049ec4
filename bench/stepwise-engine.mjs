// Stepwise as an engine of ../shared/bench/run-peers.mjs (adapter contract at the top of that
// file). Runs under plain `node`: the TypeScript interpreter is bundled once with esbuild (a
// dependency of tsx and vite, so always installed) into node_modules/.cache and imported from
// there, so no loader hooks run in the benchmark process and loading is never timed.
//
//   stepwise        prepared: the compiled definition (and expr's compiled paths/templates) are
//                   cached per definition object, so only the warm-up run pays for them.
//   stepwise:cold   everything on every call: the definition is deep-copied first, so nothing
//                   cached for the benchmark's definition object can be reused.
//
// Mocks: the contract's { [resourceArn]: fn } go straight into runExecution's `mocks.functions`.
// Waits: with skipWaits the virtual clock is used (waits cost no time); without it, a real clock
// sleeps as long as the workflow says.

import { existsSync, mkdirSync, statSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const ENTRY = join(ROOT, 'src/core/interpreter/index.ts')
const OUT = join(ROOT, 'node_modules/.cache/stepwise-bench/interpreter.mjs')

function newestSource(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p))
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs)
  }
  return newest
}

/**
 * In run-peers' child processes (the measured ones) the bundle is fresh already: the parent
 * loads every engine module, and so checks the bundle, before it starts them. Skipping the check
 * there keeps its walk over src/core (~3 MB of peak RSS) out of the measured process.
 */
const IN_RUNNER_CHILD = process.argv.includes('--child')

/** Bundles the interpreter unless an up-to-date bundle exists; returns the bundle's path. */
export async function ensureBundle() {
  if (IN_RUNNER_CHILD && existsSync(OUT)) return OUT
  let fresh = false
  try {
    fresh = statSync(OUT).mtimeMs >= newestSource(join(ROOT, 'src/core'))
  } catch {
    fresh = false
  }
  if (!fresh) {
    const esbuild = await import('esbuild')
    mkdirSync(dirname(OUT), { recursive: true })
    esbuild.buildSync({
      entryPoints: [ENTRY],
      outfile: OUT,
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      mainFields: ['module', 'main'],
      logLevel: 'error',
    })
  }
  return OUT
}

/** The interpreter module (bundled first when the sources changed). */
export async function loadInterpreter() {
  return import(pathToFileURL(await ensureBundle()).href)
}

const realClock = () => ({
  now: () => Date.now(),
  advanceTo: (time) =>
    new Promise((resolve) => setTimeout(resolve, Math.max(0, time - Date.now()))),
})

function engine(name, interpreter, cold) {
  return {
    name,
    version: '0.1.0',
    notes: cold ? ['definition deep-copied on every run (nothing cached)'] : [],
    async run(definition, input, mocks, options = {}) {
      const def = cold ? JSON.parse(JSON.stringify(definition)) : definition
      const result = await interpreter.runExecution(def, input, {
        mocks: { functions: mocks },
        clock: options.skipWaits === false ? realClock() : undefined,
        // B2's Map output (10,000 results) is larger than AWS's 256 KiB payload quota, so AWS
        // itself would fail it with States.DataLimitExceeded; the peers do not check the quota.
        limits: { maxPayloadBytes: Infinity },
      })
      if (result.status === 'SUCCEEDED') return result.output
      const error = new Error(result.cause ?? result.status)
      error.name = result.error ?? result.status
      throw error
    },
  }
}

/**
 * Opt-in (`BENCH_FLOOR=1`): `floor`, a null engine that does only what any engine must do, to
 * measure what the harness itself costs on a case (time and memory). B2: one mock call per item
 * with its Parameters (`$.x` paths only) and the array of results. B5: the flaky mock called until
 * it succeeds, once per loop iteration, retry waits skipped (B5-retry-realwait sleeps them, 7 s).
 * Other cases: an error.
 */
function floorEngine() {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
  return {
    name: 'floor',
    version: '-',
    notes: ['null engine: only the mock calls every engine must make'],
    async run(definition, input, mocks, options = {}) {
      const states = definition.States
      const map = Object.values(states).find((s) => s.Type === 'Map')
      if (map) {
        const processor = map.ItemProcessor ?? map.Iterator
        const prepare = processor.States[processor.StartAt]
        const task = processor.States[prepare.Next]
        const fn = mocks[task.Resource]
        const fields = Object.entries(prepare.Parameters).map(([k, v]) => [
          k.slice(0, -2),
          v.slice(2),
        ])
        const items = input[map.ItemsPath.slice(2)]
        const out = new Array(items.length)
        for (let i = 0; i < items.length; i++) {
          const item = items[i]
          const params = {}
          for (const [key, field] of fields) params[key] = item[field]
          out[i] = fn(params)
        }
        return out
      }
      const flaky = states.Flaky
      if (flaky) {
        const fn = mocks[flaky.Resource]
        const retrier = flaky.Retry[0]
        const limit = states.Check?.Choices[0].NumericLessThan
        let value = input
        do {
          for (let attempt = 0; ; attempt++) {
            try {
              value = { ...value, counter: fn(value) }
              break
            } catch (error) {
              if (error.name !== retrier.ErrorEquals[0] || attempt >= retrier.MaxAttempts)
                throw error
              if (options.skipWaits === false) {
                await sleep(retrier.IntervalSeconds * retrier.BackoffRate ** attempt * 1000)
              }
            }
          }
        } while (limit !== undefined && value.counter < limit)
        return value
      }
      throw new Error('the floor engine only knows the B2 and B5 cases')
    },
  }
}

export default async function setup() {
  const interpreter = await loadInterpreter()
  const engines = [
    engine('stepwise', interpreter, false),
    engine('stepwise:cold', interpreter, true),
  ]
  if (process.env.BENCH_FLOOR === '1') engines.push(floorEngine())
  return engines
}
