import { test as base, expect, type Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/**
 * Every e2e test runs with two guards: the page may not reach any host but the local server
 * (the app must work offline: Monaco, workers and examples are bundled), and an uncaught page
 * error fails the test.
 */
export const test = base.extend<{ guards: { external: string[]; pageErrors: string[] } }>({
  guards: [
    async ({ page }, use) => {
      const external: string[] = []
      const pageErrors: string[] = []
      await page.route('**/*', (route) => {
        const url = new URL(route.request().url())
        const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost'
        if (local || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue()
        external.push(url.href)
        return route.abort()
      })
      page.on('pageerror', (error) => pageErrors.push(error.message))
      await use({ external, pageErrors })
      expect(external, 'requests to non-local hosts').toEqual([])
      expect(pageErrors, 'uncaught errors in the page').toEqual([])
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
