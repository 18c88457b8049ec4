#!/usr/bin/env node
// The timeline at scale, in Chromium: a run of ~100,000 history events streams from the
// interpreter worker into the real app (stores, timeline panel, canvas overlay) while a
// long-task observer watches the main thread; then the playhead is moved to events spread over
// the whole run and each move is timed until the timeline and the canvas have committed it.
//
//   node bench/timeline.mjs [--events 100000] [--shapes map,loop] [--scrubs 40] [--json]
//   npm run bench -- timeline
//
// Targets (issue 6): no main-thread task over 50 ms while streaming; a scrub under 50 ms.
// Shapes: `map` = a Map over ~14,300 items, each running a Task (7 events per item: 14,300
// iteration groups in the list); `loop` = a Pass + Choice loop of ~25,000 rounds (50,000 state
// visits in one frame).

import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const PORT = 4181
const BASE = `http://127.0.0.1:${PORT}`
const CONFIG = 'bench/timeline.vite.config.ts'

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`)
  return at === -1 ? fallback : process.argv[at + 1]
}
const EVENTS = Number(option('events', '100000'))
const SHAPES = option('shapes', 'map,loop').split(',')
const SCRUBS = Number(option('scrubs', '40'))
const JSON_OUT = process.argv.includes('--json')

register()
const { chromiumLaunchOptions } = await import('../playwright.config.ts')
const { chromium } = await import('@playwright/test')

function build() {
  const result = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', CONFIG, '--logLevel', 'warn'],
    { cwd: ROOT, stdio: 'inherit' },
  )
  if (result.status !== 0) throw new Error('building the benchmark page failed')
}

async function serve() {
  const server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--config', CONFIG],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error('preview server did not start')), 30_000)
    server.stdout.on('data', (chunk) => {
      if (String(chunk).includes(String(PORT))) {
        clearTimeout(timer)
        resolvePromise()
      }
    })
    server.on('exit', (code) => reject(new Error(`preview server exited (${code})`)))
  })
  return server
}

const sorted = (values) => [...values].sort((a, b) => a - b)
const percentile = (values, p) => {
  const s = sorted(values)
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : 0
}
const max = (values) => (values.length ? Math.max(...values) : 0)

/** Playhead targets spread over the run, in a shuffled order (each jump goes far). */
function scrubTargets(count, n) {
  const targets = [0, count - 1]
  let seed = 12345
  while (targets.length < n) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    targets.push(Math.floor((seed / 2 ** 31) * count))
  }
  return targets
}

async function measure(browser, shape) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  page.on('pageerror', (error) => console.error(`page error (${shape}):`, error.message))
  await page.goto(`${BASE}/timeline-app.html`)
  await page.waitForFunction(() => 'bench' in window)
  const stream = await page.evaluate(([s, n]) => window.bench.stream(s, n), [shape, EVENTS])
  const scrub = await page.evaluate(
    (targets) => window.bench.scrub(targets),
    scrubTargets(stream.events, SCRUBS),
  )
  await page.close()
  return { shape, ...stream, scrub }
}

build()
const server = await serve()
const browser = await chromium.launch(chromiumLaunchOptions)
const results = []
try {
  for (const shape of SHAPES) {
    process.stderr.write(`streaming ~${EVENTS.toLocaleString('en-US')} events (${shape})…\n`)
    results.push(await measure(browser, shape))
  }
} finally {
  await browser.close()
  server.kill()
}

const ms = (value) => `${value.toFixed(1)}`.padStart(7)
if (JSON_OUT) {
  console.log(JSON.stringify(results, null, 2))
} else {
  console.log(
    '\nshape |  events | status    | stream ms | long tasks >50ms | longest | max frame gap | rows in DOM | scrub median    p95    max | long tasks while scrubbing',
  )
  for (const r of results) {
    console.log(
      `${r.shape.padEnd(5)} | ${String(r.events).padStart(7)} | ${r.status.padEnd(9)} |` +
        ` ${ms(r.streamMs)}   | ${String(r.longTasks.length).padStart(16)} | ${ms(max(r.longTasks))} |` +
        ` ${ms(r.maxFrameGapMs)}       | ${String(r.rowsInDom).padStart(11)} |` +
        ` ${ms(percentile(r.scrub.times, 50))} ${ms(percentile(r.scrub.times, 95))} ${ms(max(r.scrub.times))} |` +
        ` ${r.scrub.longTasks.length} (longest ${max(r.scrub.longTasks).toFixed(0)} ms)`,
    )
  }
  const worstTask = max(results.flatMap((r) => r.longTasks))
  const worstScrub = max(results.flatMap((r) => r.scrub.times))
  console.log(
    `\nstreaming: ${results.every((r) => r.longTasks.length === 0) ? 'no main-thread task over 50 ms' : `longest main-thread task ${worstTask.toFixed(0)} ms`} (target: none over 50 ms)` +
      `\nscrubbing: slowest of ${results.length * SCRUBS} moves ${worstScrub.toFixed(1)} ms (target: under 50 ms)`,
  )
}
mkdirSync(join(ROOT, 'bench/results'), { recursive: true })
writeFileSync(join(ROOT, 'bench/results/timeline.json'), JSON.stringify(results, null, 2) + '\n')
