// Builds the canvas benchmark's two pages (the app, a bare React Flow baseline) into
// bench/results/canvas-dist; `node bench/canvas.mjs` builds, serves and measures them.
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))

export default defineConfig({
  root: here('.'),
  // The app page fetches nothing from public/, but keep the same base as the app.
  publicDir: false,
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: here('./results/canvas-dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 5000,
    rolldownOptions: {
      input: { app: here('./canvas-app.html'), baseline: here('./canvas-baseline.html') },
      checks: { bundlerTimings: false },
    },
  },
  preview: { port: 4180, strictPort: true, host: '127.0.0.1' },
})
