/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'

export default defineConfig({
  plugins: [react()],
  // The language services' vscode-nls, for the browser (see the module).
  resolve: {
    alias: [
      {
        find: /^vscode-nls$/,
        replacement: fileURLToPath(new URL('./src/ui/code/language/nlsShim.ts', import.meta.url)),
      },
    ],
  },
  // Workers are ES modules (`new Worker(url, { type: 'module' })`, `?worker` imports).
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Monaco's lazy chunk is ~4 MB raw; it never lands in the first screen.
    chunkSizeWarningLimit: 5000,
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  // Dependencies imported only inside workers are missed by the dev pre-bundling scan.
  optimizeDeps: { include: ['elkjs/lib/elk.bundled.js'] },
  // `npm start` serves the build here, or on the next free port (the URL is printed).
  preview: { port: 4173, strictPort: false, host: '127.0.0.1' },
  server: { port: 5173, strictPort: true, host: '127.0.0.1' },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    testTimeout: 20_000,
  },
})
