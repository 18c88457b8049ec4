import { test as base, expect, type Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/**
 * Console messages no test may cause: every `console.error`, and the warnings React and React
 * Flow print when something is wired wrong (a missing handle, a key, a prop). A test that provokes
 * one on purpose says so with `guards.allowConsole(pattern)`.
 */
const REACT_WARNING = /^(Warning: |\[React Flow\]|React |.*react\.dev\/|.*reactflow\.dev\/)/

/**
 * Messages allowed in every test, each with its reason. Keep this list short: a new entry needs
 * a cause that is not ours to fix.
 */
const ALLOWED_EVERYWHERE: { pattern: RegExp; why: string }[] = []

export interface Guards {
  external: string[]
  pageErrors: string[]
  consoleProblems: string[]
  /** Allows console errors/warnings matching `pattern` in this test (it provokes them). */
  allowConsole(pattern: RegExp): void
}

/**
 * Every e2e test runs with three guards: the page may not reach any host but the local server
 * (the app must work offline: Monaco, workers and examples are bundled), an uncaught page error
 * fails the test, and so does a console error or a React / React Flow warning.
 */
export const test = base.extend<{ guards: Guards }>({
  guards: [
    async ({ page }, use) => {
      const external: string[] = []
      const pageErrors: string[] = []
      const consoleProblems: string[] = []
      const allowed = ALLOWED_EVERYWHERE.map((a) => a.pattern)
      await page.route('**/*', (route) => {
        const url = new URL(route.request().url())
        const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost'
        if (local || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue()
        external.push(url.href)
        return route.abort()
      })
      page.on('pageerror', (error) => pageErrors.push(error.message))
      page.on('console', (message) => {
        const type = message.type()
        const text = message.text()
        const problem = type === 'error' || (type === 'warning' && REACT_WARNING.test(text))
        if (!problem || allowed.some((pattern) => pattern.test(text))) return
        const where = message.location().url
        consoleProblems.push(`${type}: ${text}${where ? ` (${where})` : ''}`)
      })
      await use({
        external,
        pageErrors,
        consoleProblems,
        allowConsole: (pattern) => void allowed.push(pattern),
      })
      expect(external, 'requests to non-local hosts').toEqual([])
      expect(pageErrors, 'uncaught errors in the page').toEqual([])
      expect(consoleProblems, 'console errors and React / React Flow warnings').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }

/** Runs axe-core (injected from node_modules, no CDN) and returns violations of a given impact. */
export async function axeViolations(page: Page, impacts = ['serious', 'critical']) {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  await page.addScriptTag({ content: source })
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<AxeResult> } }).axe
    return axe.run(document)
  })
  return result.violations
    .filter((v) => v.impact && impacts.includes(v.impact))
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target),
    }))
}

interface AxeResult {
  violations: { id: string; impact?: string; help: string; nodes: { target: unknown }[] }[]
}
