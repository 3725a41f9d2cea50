import { createHash } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { DIGEST_CASES, dotBytes } from './harness/placement-digest.ts'

test('the same design gives byte-identical dots in Node and in Chromium', async ({ page }) => {
  test.setTimeout(120_000)
  const node = DIGEST_CASES.map((c) => {
    const { count, bytes } = dotBytes(c)
    return { preset: c.preset, seed: c.seed, count, sha256: createHash('sha256').update(bytes).digest('hex') }
  })
  await page.goto('/e2e/harness/placement.html')
  await page.waitForFunction(() => window.__placement !== undefined, undefined, { timeout: 100_000 })
  const browser = await page.evaluate(() => window.__placement)
  expect(browser).toEqual(node)
  // the digests differ between designs: the comparison is not vacuous
  expect(new Set(node.map((n) => n.sha256)).size).toBe(node.length)
  expect(node.every((n) => n.count > 0)).toBe(true)
})
