// Builds the timeline benchmark's page (the real app, driven through window.bench) into
// bench/results/timeline-dist; `node bench/timeline.mjs` builds, serves and measures it.
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))

export default defineConfig({
  root: here('.'),
  publicDir: false,
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: here('./results/timeline-dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 5000,
    // BENCH_PROFILE=1 keeps names readable for a CPU profile.
    minify: !process.env.BENCH_PROFILE,
    rolldownOptions: {
      input: { app: here('./timeline-app.html') },
      checks: { bundlerTimings: false },
    },
  },
  preview: { port: 4181, strictPort: true, host: '127.0.0.1' },
})
