// What the studio's browser tests read from the page: the preview's pixels and the plan once it has settled.
import { expect, type Page } from '@playwright/test'

/** A short digest of the studio preview's pixels (FNV-1a over its PNG data URL). */
export async function previewPixels(page: Page): Promise<string> {
  return page.getByRole('img', { name: 'Simulated preview' }).evaluate((c) => {
    const url = (c as HTMLCanvasElement).toDataURL()
    let h = 0x811c9dc5
    for (let i = 0; i < url.length; i++) h = Math.imul(h ^ url.charCodeAt(i), 0x01000193)
    return `${url.length}:${(h >>> 0).toString(16)}`
  })
}

/** The studio's treated area once the plan has caught up with the last change. */
export async function settledArea(page: Page): Promise<string> {
  const area = page.getByLabel('Treated area')
  await expect(area).toHaveText(/cm²/, { timeout: 60_000 })
  await expect(page.getByText('Updating…')).toHaveCount(0, { timeout: 60_000 })
  return (await area.textContent()) ?? ''
}
