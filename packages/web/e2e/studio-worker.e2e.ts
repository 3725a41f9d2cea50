import { createHash } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { DIGEST_CASES, dotBytes } from './harness/placement-digest.ts'

test("the studio's placement worker gives the engine's dots in Node, byte for byte", async ({ page }) => {
  test.setTimeout(180_000)
  const node = DIGEST_CASES.map((c) => {
    const { count, bytes } = dotBytes(c)
    return { preset: c.preset, seed: c.seed, count, sha256: createHash('sha256').update(bytes).digest('hex') }
  })
  await page.goto('/e2e/harness/studio-worker.html')
  // vite may reload the page once after optimising dependencies: read the result from the page that stays
  const handle = await page.waitForFunction(() => window.__studioWorker, undefined, { timeout: 170_000 })
  expect(await handle.jsonValue()).toEqual(node)
})
