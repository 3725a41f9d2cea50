// Browser tests run on Debian's Chromium (scripts/ensure-system-deps.sh installs it); no test downloads a browser.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { defineConfig } from '@playwright/test'

const port = 5317
// vite's own bin, run by node directly: no npx layer between Playwright and the server it stops
const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js')

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.e2e.ts',
  outputDir: '../../test-results',
  reporter: 'list',
  forbidOnly: Boolean(process.env.CI),
  workers: 2,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `${JSON.stringify(process.execPath)} ${JSON.stringify(vite)} --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
})
