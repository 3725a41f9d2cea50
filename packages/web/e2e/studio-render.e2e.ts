import { expect, test } from '@playwright/test'

// The tolerance the WebGL2 preview keeps against the engine's CPU renderer (packages/web/CONTEXT.md states it too):
// mean absolute difference ≤ MEAN/255 per channel, and ≥ SHARE of pixels with every channel within WITHIN/255.
const MEAN = 0.5
const WITHIN = 4
const SHARE = 0.999

test('the WebGL2 preview agrees with the CPU renderer within the stated tolerance', async ({ page }) => {
  test.setTimeout(180_000)
  await page.goto('/e2e/harness/studio-render.html')
  // vite may reload the page once after optimising dependencies on first load: read the result from the page that stays
  const handle = await page.waitForFunction(() => window.__studioRender, undefined, { timeout: 170_000 })
  const result = (await handle.jsonValue()) as Window['__studioRender']
  expect(result?.error).toBeUndefined()
  expect(result?.cases.length).toBe(5)
  for (const c of result?.cases ?? []) {
    const label = `${c.preset} ${JSON.stringify(c.options)}`
    console.log(label, JSON.stringify(c.diff), 'changed', c.changed.toFixed(3))
    expect(c.diff.within, label).toBe(WITHIN)
    expect(c.diff.meanAbs, label).toBeLessThanOrEqual(MEAN)
    expect(c.diff.shareWithin, label).toBeGreaterThanOrEqual(SHARE)
    // the dots change a real share of the image, so agreeing is not agreeing on bare skin
    expect(c.changed, label).toBeGreaterThan(0.02)
    expect(c.markWhite, label).toBe(true)
  }
})
