import { expect, test } from '@playwright/test'
import type { HarnessState } from './harness/harness-state.ts'

test('the browser gives pages a WebGL2 context', async ({ page }) => {
  await page.goto('/e2e/harness/')
  const version = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2')
    return gl === null ? null : (gl.getParameter(gl.VERSION) as string)
  })
  expect(version).toMatch(/^WebGL 2\.0/)
})

test('the harness page loads its module and publishes its state', async ({ page }) => {
  await page.goto('/e2e/harness/')
  await page.waitForFunction(() => window.__harness?.ready === true)
  const state = (await page.evaluate(() => window.__harness)) as HarnessState
  expect(state.webgl2).toBe(true)
  expect(state.maxTextureSize).toBeGreaterThanOrEqual(2048)
  await expect(page.locator('#status')).toHaveText('ready; webgl2: true')
})
