// The web app, plus (dev server only) the browser harness at /e2e/harness/ that Playwright tests load to run engine code in Chromium.
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // `vite build` takes only index.html, so the test harness never ships
  server: { strictPort: true },
})
