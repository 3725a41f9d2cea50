import { expect, type Locator, type Page, test } from '@playwright/test'
import { previewPixels, settledArea } from './studio-preview.ts'

/** The hairline the overlay draws: the engine's curve, as SVG points. */
function curveOf(page: Page): Promise<string | null> {
  return page.getByTestId('hairline-curve').getAttribute('points')
}

async function centre(l: Locator): Promise<[number, number]> {
  const box = await l.boundingBox()
  if (box === null) throw new Error('not on screen')
  return [box.x + box.width / 2, box.y + box.height / 2]
}

/** Where a handle square sits, in the overlay's own px. */
async function at(l: Locator): Promise<string> {
  return `${await l.getAttribute('x')},${await l.getAttribute('y')}`
}

const towardsLeft = (n: number) => new RegExp(`^Hairline point ${n}, handle towards the left temple`)
const towardsRight = (n: number) => new RegExp(`^Hairline point ${n}, handle towards the right temple`)

test('a selected point shows its handles; dragging one bends the line and the preview, and undo restores both', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.goto('/e2e/harness/studio.html?preset=norwood-5a')
  await expect(page.getByRole('img', { name: 'Simulated preview' })).toBeVisible()
  await settledArea(page)
  const pixels0 = await previewPixels(page)
  const curve0 = await curveOf(page)
  expect(curve0).not.toBeNull()

  // no handles until a point is selected; a click selects without moving the point
  await expect(page.getByRole('button', { name: /handle towards/ })).toHaveCount(0)
  const point = page.getByRole('button', { name: /^Hairline point 7 of/ })
  const cx = await point.getAttribute('cx')
  await point.click()
  await expect(point).toHaveAttribute('aria-pressed', 'true')
  expect(await point.getAttribute('cx')).toBe(cx)
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled()
  const out = page.getByRole('button', { name: towardsLeft(7) })
  const back = page.getByRole('button', { name: towardsRight(7) })
  await expect(out).toBeVisible()
  await expect(back).toBeVisible()
  await expect(out).toHaveAccessibleName(/\(automatic\)/)
  await expect(page.getByRole('button', { name: 'Reset handles' })).toBeDisabled()

  // drag the handle towards the face: the line bends, the partner turns to stay opposite (a smooth point)
  const back0 = await at(back)
  const [x, y] = await centre(out)
  await page.mouse.move(x, y)
  await page.mouse.down()
  for (let k = 1; k <= 10; k++) await page.mouse.move(x - 2 * k, y - 5 * k)
  await page.mouse.up()
  await expect(out).not.toHaveAccessibleName(/\(automatic\)/)
  await expect.poll(() => at(back)).not.toBe(back0)
  await expect.poll(() => curveOf(page)).not.toBe(curve0)
  const curve1 = await curveOf(page)
  await settledArea(page)
  await expect.poll(() => previewPixels(page), { timeout: 30_000 }).not.toBe(pixels0)
  const pixels1 = await previewPixels(page)

  // the whole drag is one step: undo brings back the line and the very same pixels, redo the bent ones
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect.poll(() => curveOf(page)).toBe(curve0)
  await settledArea(page)
  await expect.poll(() => previewPixels(page), { timeout: 30_000 }).toBe(pixels0)
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled()
  await page.keyboard.press('Control+Shift+Z')
  await expect.poll(() => curveOf(page)).toBe(curve1)
  await settledArea(page)
  await expect.poll(() => previewPixels(page), { timeout: 30_000 }).toBe(pixels1)
})

test('handles by keyboard, a corner with Alt, and Reset handles', async ({ page }) => {
  test.setTimeout(180_000)
  await page.goto('/e2e/harness/studio.html?preset=norwood-3')
  await settledArea(page)
  const curve0 = await curveOf(page)

  // focusing a point selects it, and Tab goes on to its handles
  const point = page.getByRole('button', { name: /^Hairline point 4 of/ })
  await point.focus()
  await expect(point).toHaveAttribute('aria-pressed', 'true')
  await page.keyboard.press('Tab')
  const back = page.getByRole('button', { name: towardsRight(4) })
  const out = page.getByRole('button', { name: towardsLeft(4) })
  await expect(back).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(out).toBeFocused()

  // an arrow moves the focused handle half a millimetre, Shift five; the partner turns with it
  const out0 = await at(out)
  const back0 = await at(back)
  await page.keyboard.press('ArrowUp')
  await expect.poll(() => at(out)).not.toBe(out0)
  const out1 = await at(out)
  const back1 = await at(back)
  await page.keyboard.press('Shift+ArrowUp')
  await expect.poll(() => at(out)).not.toBe(out1)
  const small = Math.abs(Number(out1.split(',')[1]) - Number(out0.split(',')[1]))
  const big = Math.abs(Number((await at(out)).split(',')[1]) - Number(out1.split(',')[1]))
  expect(big / small).toBeGreaterThan(5)
  expect(back1).not.toBe(back0)
  await expect(out).toBeFocused()
  await expect.poll(() => curveOf(page)).not.toBe(curve0)

  // with Alt the handle moves alone: a corner
  const back2 = await at(back)
  await page.keyboard.press('Alt+Shift+ArrowLeft')
  await expect.poll(() => at(out)).not.toBe(out1)
  expect(await at(back)).toBe(back2)
  const out2 = await at(out)
  const [x, y] = await centre(out)
  await page.keyboard.down('Alt')
  await page.mouse.move(x, y)
  await page.mouse.down()
  for (let k = 1; k <= 5; k++) await page.mouse.move(x + 3 * k, y + 2 * k)
  await page.mouse.up()
  await page.keyboard.up('Alt')
  await expect.poll(() => at(out)).not.toBe(out2)
  expect(await at(back)).toBe(back2)

  // Reset handles puts the point back on the automatic line
  const reset = page.getByRole('button', { name: 'Reset handles' })
  await expect(reset).toBeEnabled()
  await reset.click()
  await expect.poll(() => curveOf(page)).toBe(curve0)
  await expect(reset).toBeDisabled()
  await expect(out).toHaveAccessibleName(/\(automatic\)/)
  await settledArea(page)
})
