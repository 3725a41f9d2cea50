import { expect, test } from '@playwright/test'
import { settledArea } from './studio-preview.ts'

test('the studio shows the fringe match beside the preview, in numbers and words', async ({ page }) => {
  test.setTimeout(180_000)
  await page.goto('/e2e/harness/studio.html?preset=norwood-5a')
  await settledArea(page)
  const panel = page.getByRole('region', { name: 'Fringe match' })
  await expect(panel.getByLabel('ΔE2000')).toHaveText(/^ΔE2000 \d+\.\d$/, { timeout: 60_000 })
  await expect(panel).toContainText(/matches the fringe|darker than the fringe|lighter than the fringe|different hue/)
  await expect(panel).toContainText('Simulated')
  // a head without remaining hair has no fringe to match
  await page.goto('/e2e/harness/studio.html?preset=alopecia-totalis')
  await settledArea(page)
  await expect(page.getByRole('region', { name: 'Fringe match' })).toContainText('No fringe', { timeout: 60_000 })
})

test('Close-up, then a click on the preview, shows a 20 mm square at 40 px/mm with a scale bar, simulated', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.goto('/e2e/harness/studio.html?preset=norwood-5a')
  await settledArea(page)
  await page.getByRole('button', { name: 'Close-up', exact: true }).click()
  await expect(page.getByText('Click a point on the preview for a 20 mm close-up.')).toBeVisible()
  // the middle of the top view: the vertex, inside the treated area
  const pick = page.getByTestId('closeup-pick')
  const box = await pick.boundingBox()
  if (box === null) throw new Error('no pick layer')
  await pick.click({ position: { x: box.width / 2, y: box.height / 2 }, timeout: 10_000 })
  const figure = page.getByRole('figure', { name: 'Close-up', exact: true })
  await expect(figure).toBeVisible()
  await expect(figure).toContainText('Simulated close-up: a 20 mm square at 40 px/mm')
  await expect(figure.getByTestId('closeup-scale')).toHaveText('5 mm')
  const image = figure.getByRole('img', { name: 'Simulated close-up' })
  // the scale bar is a quarter of the image: 5 of its 20 mm
  const [bar, img] = await Promise.all([figure.getByTestId('closeup-scale').boundingBox(), image.boundingBox()])
  expect(Math.abs((bar?.width ?? 0) / (img?.width ?? 1) - 0.25)).toBeLessThan(0.02)
  // single dots: many pixels far darker than the image's mean, and the white "Simulated" mark in the corner
  const stats = await image.evaluate((c) => {
    const canvas = c as HTMLCanvasElement
    const d = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data
    if (d === undefined) return { dark: 0, white: 0, width: 0 }
    let sum = 0
    for (let i = 0; i < d.length; i += 4) sum += (d[i] ?? 0) + (d[i + 1] ?? 0) + (d[i + 2] ?? 0)
    const mean = sum / (d.length / 4)
    let dark = 0
    let white = 0
    for (let i = 0; i < d.length; i += 4) {
      const v = (d[i] ?? 0) + (d[i + 1] ?? 0) + (d[i + 2] ?? 0)
      if (v < mean - 90) dark++
      if (v === 765) white++
    }
    return { dark, white, width: canvas.width }
  })
  expect(stats.width).toBe(800)
  expect(stats.dark).toBeGreaterThan(300)
  expect(stats.white).toBeGreaterThan(100)
  // for a person to look at: the studio with its close-up and fringe match
  await page.screenshot({ path: test.info().outputPath('studio-closeup.png'), fullPage: true })
  await figure.getByRole('button', { name: 'Close the close-up' }).click()
  await expect(figure).toHaveCount(0)
})
