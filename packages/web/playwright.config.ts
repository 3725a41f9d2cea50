// Browser tests run on Debian's Chromium (scripts/ensure-system-deps.sh installs it); no test downloads a browser.
// Two servers: the web package's vite dev server for the engine harness pages (e2e/*.e2e.ts), and the real clinic
// server (`stipple serve` on a throwaway data directory with the demo clinic, the web app freshly built) for the app
// tests (e2e/app/*.e2e.ts).
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'

const harnessPort = Number(process.env.STIPPLE_HARNESS_PORT ?? 5317)
// vite's own bin, run by node directly: no npx layer between Playwright and the server it stops
const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js')
const root = fileURLToPath(new URL('../..', import.meta.url))
const node = JSON.stringify(process.execPath)

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))
      )
    })
  })
}

// chosen once by the main process; the workers it starts inherit the environment, so all agree on it
process.env.STIPPLE_E2E_PORT ??= String(await freePort())
const appPort = Number(process.env.STIPPLE_E2E_PORT)
// STIPPLE_E2E_URL: run the app tests against a server already running (with the demo clinic) instead of a fresh one
const appUrl = process.env.STIPPLE_E2E_URL ?? `http://127.0.0.1:${appPort}`
// The app server's clock: the next Tuesday, Wednesday or Thursday (today if it is one) at 9:30 a.m. in Toronto and
// 6:30 a.m. in Vancouver, so the demo clinic's day lies ahead whenever the tests run (both locations close on Sunday;
// a day that has ended has no free time to book). Chosen once here; the workers inherit it.
process.env.STIPPLE_E2E_CLOCK ??= openClinicMorning(new Date())
const appClock = process.env.STIPPLE_E2E_CLOCK

function openClinicMorning(today: Date): string {
  const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 14, 30))
  while (![2, 3, 4].includes(day.getUTCDay())) day.setUTCDate(day.getUTCDate() + 1)
  return day.toISOString()
}

const chromium = {
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
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: '../../test-results',
  reporter: 'list',
  forbidOnly: Boolean(process.env.CI),
  workers: 2,
  projects: [
    {
      name: 'harness',
      testMatch: '*.e2e.ts',
      testIgnore: 'app/**',
      use: { ...chromium, baseURL: `http://127.0.0.1:${harnessPort}` },
    },
    {
      name: 'app',
      testMatch: 'app/**/*.e2e.ts',
      // every file changes the one demo clinic's data (the journey and the front desk each take the first free time):
      // one browser at a time against the one server, while the harness project uses the other worker
      fullyParallel: false,
      workers: 1,
      use: { ...chromium, baseURL: appUrl, viewport: { width: 1180, height: 820 } },
    },
  ],
  webServer: [
    {
      command: `${node} ${JSON.stringify(vite)} --host 127.0.0.1 --port ${harnessPort} --strictPort`,
      url: `http://127.0.0.1:${harnessPort}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    ...(process.env.STIPPLE_E2E_URL === undefined
      ? [
          {
            // a new data directory each run, removed by the shell when the server stops (the EXIT trap; TERM ends the shell)
            command:
              'npm run build -w @stipple/web && d=$(mktemp -d -t stipple-e2e-XXXXXX) && ' +
              `trap 'rm -rf "$d"' EXIT && trap 'exit 143' TERM INT && ` +
              `${node} packages/cli/bin/stipple.js serve --data "$d" --port ${appPort} --clock ${appClock}`,
            cwd: root,
            url: `http://127.0.0.1:${appPort}/api/v1/health`,
            reuseExistingServer: false,
            // the first start migrates and seeds the demo clinic (the engine places twenty clients' designs)
            timeout: 180_000,
            stdout: 'ignore' as const,
            // SIGTERM lets the server close its database and the shell remove the data directory
            gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 15_000 },
          },
        ]
      : []),
  ],
})
