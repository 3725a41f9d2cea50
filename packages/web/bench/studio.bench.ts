// The studio's frame time while dragging the hairline of a full-head design (Norwood VII, ~27k dots): drag placement
// in the studio's worker plus the preview at 1024×1024, in headless Debian Chromium (SwiftShader WebGL2, the flags of
// playwright.config.ts), against a Canvas2D baseline drawing the same dots (arc + fill per dot) in the same page.
// The page is the harness e2e/harness/studio-bench.html, served by vite's dev server on a free port.
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import { createServer } from 'vite'
import type { Bench, BenchRow } from '../../../scripts/bench-types.ts'
import type { FrameTimes, StudioBenchResult } from '../e2e/harness/studio-bench.ts'

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

function quantile(xs: readonly number[], q: number): number {
  const s = xs.slice().sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN
}

const round = (x: number) => Math.round(x * 10) / 10

async function measure(frames: number): Promise<StudioBenchResult> {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const server = await createServer({
    root,
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false },
  })
  await server.listen()
  const address = server.httpServer?.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1024 } })
    await page.goto(`http://127.0.0.1:${port}/e2e/harness/studio-bench.html`)
    // vite may reload once after optimising dependencies: wait for the page that stays
    await page.waitForFunction(() => window.__studioBench !== undefined, undefined, { timeout: 120_000 })
    await page.waitForTimeout(1000)
    await page.waitForFunction(() => window.__studioBench !== undefined, undefined, { timeout: 120_000 })
    return await page.evaluate(
      ({ n }) => {
        const bench = window.__studioBench
        if (bench === undefined) throw new Error('the bench page did not load')
        return bench.run(n, 'norwood-7')
      },
      { n: frames }
    )
  } finally {
    await browser.close()
    await server.close()
  }
}

function rows(r: StudioBenchResult): BenchRow[] {
  const gl: FrameTimes = r.webgl2
  const c2: FrameTimes = r.canvas2d
  const peer = 'Canvas2D arc+fill, same page'
  const note = `${r.preset}, ${r.dots} dots, ${r.size}×${r.size}, ${gl.frame.length} frames, headless Chromium (SwiftShader)`
  return [
    {
      id: 'web.studio-frame',
      unit: 'ms',
      ours: round(quantile(gl.frame, 0.5)),
      peer,
      peerValue: round(quantile(c2.frame, 0.5)),
      note: `median frame (drag placement in the worker + render; WebGL2 redraws the changed blocks, Canvas2D every dot); ${note}`,
    },
    {
      id: 'web.studio-frame.p95',
      unit: 'ms',
      ours: round(quantile(gl.frame, 0.95)),
      peer,
      peerValue: round(quantile(c2.frame, 0.95)),
      note: 'p95 frame',
    },
    {
      id: 'web.studio-frame.render',
      unit: 'ms',
      ours: round(quantile(gl.render, 0.5)),
      peer,
      peerValue: round(quantile(c2.render, 0.5)),
      note: 'median render alone (layers on the CPU + drawing), the part WebGL2 replaces',
    },
    {
      id: 'web.studio-frame.render-p95',
      unit: 'ms',
      ours: round(quantile(gl.render, 0.95)),
      peer,
      peerValue: round(quantile(c2.render, 0.95)),
      note: 'p95 render alone',
    },
    {
      id: 'web.studio-frame.placement',
      unit: 'ms',
      ours: round(quantile([...gl.placement, ...c2.placement], 0.5)),
      peer: null,
      peerValue: null,
      note: 'median drag placement in the worker (only the changed cells re-sampled; both paths)',
    },
  ]
}

export default {
  name: 'web.studio-frame',
  async run({ quick }) {
    return rows(await measure(quick ? 4 : 30))
  },
} satisfies Bench
