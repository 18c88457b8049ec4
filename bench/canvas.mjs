#!/usr/bin/env node
// Canvas at scale, in Chromium: open→interactive time and drag frame times for workflows of
// 100, 500 and 1,000 states, in Stepwise's canvas and in a bare React Flow page showing the same
// nodes (sizes, parents, edges). Prints a table and the ratios (aim: ≤ 1.5×).
//
//   node bench/canvas.mjs [--sizes 100,500,1000] [--runs 3] [--json]
//   npm run bench -- canvas
//
// "open" = from handing the page the document until its nodes are in the DOM, two frames have
// painted and a task ran (the page is idle again). For the app it is measured twice: with ELK
// auto-layout in the worker (a definition without positions, as on import), and with positions
// already known (what the baseline gets). "drag" = frame intervals while a node is dragged
// 240 px in 40 pointer moves, including the frame that commits the move.

import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'
import { countStates, generateCanvasWorkflow } from './canvasWorkflows.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const PORT = 4180
const BASE = `http://127.0.0.1:${PORT}`

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`)
  return at === -1 ? fallback : process.argv[at + 1]
}
const SIZES = option('sizes', '100,500,1000').split(',').map(Number)
const RUNS = Number(option('runs', '3'))
const JSON_OUT = process.argv.includes('--json')

register()
const { chromiumLaunchOptions } = await import('../playwright.config.ts')
const { chromium } = await import('@playwright/test')

function build() {
  const result = spawnSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--config',
      'bench/vite.canvas.config.ts',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  )
  if (result.status !== 0) throw new Error('building the benchmark pages failed')
}

async function serve() {
  const server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--config', 'bench/vite.canvas.config.ts'],
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

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function openPage(browser, file) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  page.on('pageerror', (error) => console.error(`page error in ${file}:`, error.message))
  await page.goto(`${BASE}/${file}`)
  await page.waitForFunction(() => 'bench' in window)
  return page
}

/**
 * Drags a state node — `nodeId` when the page shows it, else the one nearest the centre of the
 * canvas (the two pages' views of a workflow too long to fit differ a little, so the app's node
 * may be out of the baseline's view) — and returns frame intervals (ms).
 */
async function dragFrames(page, nodeId) {
  const shown =
    nodeId !== null && (await page.locator(`.react-flow__node[data-id="${nodeId}"]`).count()) > 0
  const id = shown
    ? nodeId
    : await page.evaluate(() => {
        const pane = document.querySelector('.react-flow').getBoundingClientRect()
        const cx = pane.left + pane.width / 2
        const cy = pane.top + pane.height / 2
        let best = null
        let bestDistance = Infinity
        for (const node of document.querySelectorAll('.react-flow__node-state')) {
          const r = node.getBoundingClientRect()
          const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy)
          if (d < bestDistance) {
            bestDistance = d
            best = node.getAttribute('data-id')
          }
        }
        return best
      })
  const box = await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox()
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  await page.evaluate(() => window.bench.startFrames())
  await page.mouse.move(x, y)
  await page.mouse.down()
  for (let i = 1; i <= 40; i++) await page.mouse.move(x + i * 6, y + i * 2)
  await page.mouse.up()
  await page.waitForTimeout(400)
  const frames = await page.evaluate(() => window.bench.stopFrames())
  return { id, frames }
}

function frameStats(frames) {
  return {
    frames: frames.length,
    mean: frames.reduce((a, b) => a + b, 0) / Math.max(frames.length, 1),
    p95: percentile(frames, 95),
    max: Math.max(...frames),
    over50: frames.filter((f) => f > 50).length,
  }
}

async function measure(browser, size) {
  const definition = generateCanvasWorkflow(size)
  if (countStates(definition) !== size) throw new Error(`generator gave the wrong size for ${size}`)

  const app = await openPage(browser, 'canvas-app.html')
  const withLayout = await app.evaluate((d) => window.bench.open(d), definition)
  const snapshot = await app.evaluate(() => window.bench.snapshot())
  const appOpen = []
  for (let run = 0; run < RUNS; run++) {
    await app.reload()
    await app.waitForFunction(() => 'bench' in window)
    appOpen.push(
      await app.evaluate(([d, l]) => window.bench.open(d, l), [definition, snapshot.layout]),
    )
  }
  const appDrag = await dragFrames(app, null)
  await app.close()

  const baseline = await openPage(browser, 'canvas-baseline.html')
  const baseOpen = []
  for (let run = 0; run < RUNS; run++) {
    if (run > 0) {
      await baseline.reload()
      await baseline.waitForFunction(() => 'bench' in window)
    }
    baseOpen.push(
      await baseline.evaluate(
        ([n, e]) => window.bench.show(n, e),
        [snapshot.nodes, snapshot.edges],
      ),
    )
  }
  const baseDrag = await dragFrames(baseline, appDrag.id)
  await baseline.close()

  return {
    states: size,
    nodes: snapshot.nodes.length,
    edges: snapshot.edges.length,
    appOpenWithLayoutMs: withLayout,
    appOpenMs: median(appOpen),
    baselineOpenMs: median(baseOpen),
    appDrag: frameStats(appDrag.frames),
    baselineDrag: frameStats(baseDrag.frames),
  }
}

const ms = (value) => `${Math.round(value)}`.padStart(6)
const ratio = (a, b) => `${(a / b).toFixed(2)}×`.padStart(6)

build()
const server = await serve()
const browser = await chromium.launch(chromiumLaunchOptions)
const results = []
try {
  for (const size of SIZES) {
    process.stderr.write(`measuring ${size} states…\n`)
    results.push(await measure(browser, size))
  }
} finally {
  await browser.close()
  server.kill()
}

if (JSON_OUT) {
  console.log(JSON.stringify(results, null, 2))
} else {
  console.log(
    '\nstates  nodes | open+ELK | open  base  ratio | drag mean  base  ratio | drag p95  base | >50ms app/base',
  )
  for (const r of results) {
    console.log(
      `${String(r.states).padStart(6)} ${String(r.nodes).padStart(6)} |` +
        ` ${ms(r.appOpenWithLayoutMs)}   |` +
        `${ms(r.appOpenMs)}${ms(r.baselineOpenMs)} ${ratio(r.appOpenMs, r.baselineOpenMs)} |` +
        `${ms(r.appDrag.mean)}   ${ms(r.baselineDrag.mean)} ${ratio(r.appDrag.mean, r.baselineDrag.mean)} |` +
        `${ms(r.appDrag.p95)}${ms(r.baselineDrag.p95)} |` +
        ` ${r.appDrag.over50}/${r.baselineDrag.over50}`,
    )
  }
  console.log(
    `\n(ms; medians of ${RUNS} opens; drag = ${results[0]?.appDrag.frames ?? 0}+ frame intervals; ` +
      'ratio = app / bare React Flow with the same nodes)',
  )
}
mkdirSync(join(ROOT, 'bench/results'), { recursive: true })
writeFileSync(join(ROOT, 'bench/results/canvas.json'), JSON.stringify(results, null, 2) + '\n')
