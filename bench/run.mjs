#!/usr/bin/env node
// `npm run bench -- <name> [options]`: runs one benchmark (all of them without a name).
// Add a benchmark by adding an entry to BENCHES (`run(args)` returns the exit status, or a
// promise of it); see bench/README.md.

import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SHARED_BENCH = resolve(ROOT, '../shared/bench')
const PEERS = ['aws-local-stepfunctions@3', '@wmfs/statebox']

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options })
  if (result.error) throw result.error
  return result.status ?? 1
}

/** The peers live outside the repository (PEER_DIR, default ../.bench-peers). */
function peerDir() {
  const dir = resolve(process.env.PEER_DIR ?? join(ROOT, '../.bench-peers'))
  if (!existsSync(join(dir, 'node_modules'))) {
    console.error(`Installing the peer interpreters into ${dir} …`)
    const status = run('npm', ['install', '--no-save', '--prefix', dir, ...PEERS])
    if (status !== 0) throw new Error(`npm install of ${PEERS.join(', ')} failed`)
  }
  return dir
}

const BENCHES = {
  interpreter: {
    about:
      'Stepwise against aws-local-stepfunctions and @wmfs/statebox on ../shared/bench cases ' +
      '(options are passed to run-peers.mjs, e.g. --cases B1-loop --runs 5 --passes 3)',
    async run(args) {
      const runner = join(SHARED_BENCH, 'run-peers.mjs')
      if (!existsSync(runner)) {
        console.error(`The shared benchmark is missing (${runner}); nothing to run.`)
        return 2
      }
      // Bundle now, so no measured process pays for (or holds the memory of) building it.
      const { ensureBundle } = await import('./stepwise-engine.mjs')
      await ensureBundle()
      return run(process.execPath, [
        runner,
        peerDir(),
        '--engine',
        join(ROOT, 'bench/stepwise-engine.mjs'),
        ...args,
      ])
    },
  },
  canvas: {
    about:
      'Stepwise canvas vs a bare React Flow page in Chromium: open→interactive and drag frame ' +
      'times for 100/500/1,000 states (options: --sizes 100,500,1000 --runs 3 --json)',
    run(args) {
      return run(process.execPath, [join(ROOT, 'bench/canvas.mjs'), ...args])
    },
  },
  timeline: {
    about:
      'A ~100,000-event run streamed from the worker into the app in Chromium: long tasks while ' +
      'streaming, time to move the playhead (options: --events 100000 --shapes map,loop --scrubs 40 --json)',
    run(args) {
      return run(process.execPath, [join(ROOT, 'bench/timeline.mjs'), ...args])
    },
  },
}

function usage() {
  console.log('Usage: npm run bench -- [<name>] [options]\n\nBenchmarks:')
  for (const [name, b] of Object.entries(BENCHES)) console.log(`  ${name.padEnd(14)} ${b.about}`)
}

const [name, ...rest] = process.argv.slice(2)
if (name === '--help' || name === '-h') {
  usage()
} else if (name === undefined) {
  // Every benchmark runs even when one fails; the exit status is the first failure's.
  const failed = []
  let status = 0
  for (const [benchName, b] of Object.entries(BENCHES)) {
    const code = await b.run([])
    if (code !== 0) failed.push(`${benchName} (exit ${code})`)
    if (status === 0) status = code
  }
  if (failed.length > 0) console.error(`Failed: ${failed.join(', ')}`)
  process.exitCode = status
} else if (!BENCHES[name]) {
  console.error(`Unknown benchmark '${name}'.`)
  usage()
  process.exitCode = 2
} else {
  process.exitCode = await BENCHES[name].run(rest)
}
