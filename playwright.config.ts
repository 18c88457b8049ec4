import { defineConfig, devices } from '@playwright/test'

// E2E_DEV=1 runs against the Vite dev server instead of the production build.
const DEV = !!process.env.E2E_DEV
// E2E_PORT and E2E_DIST let several checkouts (or engineers) run the suite side by side
// without sharing a server or a build folder.
const PORT = Number(process.env.E2E_PORT) || (DEV ? 5173 : 4173)
const DIST = process.env.E2E_DIST || 'dist'

export const chromiumLaunchOptions = {
  // Debian's chromium; Playwright's own browser download is not available here.
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
}

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: process.env.E2E_PORT ? `test-results-${PORT}` : 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } },
    },
  ],
  webServer: {
    command: DEV
      ? `node node_modules/vite/bin/vite.js --port ${PORT} --strictPort`
      : `node node_modules/vite/bin/vite.js build --outDir ${DIST} --emptyOutDir && node node_modules/vite/bin/vite.js preview --outDir ${DIST} --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
