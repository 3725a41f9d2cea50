import { expect, test } from '@playwright/test'
import { previewPixels, settledArea } from './studio-preview.ts'

test('dragging a hairline point changes the preview and the plan; undo brings both back', async ({ page }) => {
  test.setTimeout(180_000)
  await page.goto('/e2e/harness/studio.html?preset=norwood-5a')
  const preview = page.getByRole('img', { name: 'Simulated preview' })
  await expect(preview).toBeVisible()
  const area0 = await settledArea(page)
  const pixels0 = await previewPixels(page)
  const point = page.getByRole('button', { name: /^Hairline point 7 of/ })
  const box = await point.boundingBox()
  if (box === null) throw new Error('the point is not on screen')
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  await page.mouse.move(x, y)
  await page.mouse.down()
  for (let k = 1; k <= 10; k++) await page.mouse.move(x, y + 6 * k)
  await page.mouse.up()
  const area1 = await settledArea(page)
  expect(area1).not.toBe(area0)
  await expect.poll(() => previewPixels(page), { timeout: 30_000 }).not.toBe(pixels0)
  // one drag is one step of history
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect.poll(() => settledArea(page), { timeout: 60_000 }).toBe(area0)
  await page.keyboard.press('Control+Shift+Z')
  await expect.poll(() => settledArea(page), { timeout: 60_000 }).toBe(area1)
})

test('the hairline points move by keyboard, and every control has a name', async ({ page }) => {
  test.setTimeout(180_000)
  await page.goto('/e2e/harness/studio.html?preset=norwood-3')
  const area0 = await settledArea(page)
  const point = page.getByRole('button', { name: /^Hairline point 4 of/ })
  await point.focus()
  const before = await point.getAttribute('cy')
  await page.keyboard.press('Shift+ArrowDown')
  await page.keyboard.press('Shift+ArrowDown')
  await expect.poll(() => point.getAttribute('cy')).not.toBe(before)
  await expect.poll(() => settledArea(page), { timeout: 60_000 }).not.toBe(area0)
  for (const name of ['Height', 'Softness', 'Irregularity', 'Session', 'Years after healing', 'Before / after split'])
    await expect(page.getByRole('slider', { name: new RegExp(`^${name}`) })).toBeVisible()
  for (const name of [
    'Top',
    'Front',
    '¾ left',
    '¾ right',
    'Left',
    'Right',
    'Back',
    '3D head',
    'Add zone',
    'Undo',
    'Redo',
  ])
    await expect(page.getByRole('button', { name, exact: true })).toBeVisible()
})

test('views, stage, years and the before/after split redraw the preview', async ({ page }) => {
  test.setTimeout(180_000)
  await page.goto('/e2e/harness/studio.html?preset=norwood-5a')
  await settledArea(page)
  let last = await previewPixels(page)
  const changed = async () => {
    await expect.poll(() => previewPixels(page), { timeout: 30_000 }).not.toBe(last)
    last = await previewPixels(page)
  }
  await page.getByRole('button', { name: 'Front', exact: true }).click()
  await changed()
  await page.getByRole('radio', { name: 'Fresh' }).check()
  await changed()
  await page.getByRole('radio', { name: 'Healed' }).check()
  await changed()
  await page.getByRole('slider', { name: /^Years after healing/ }).fill('8')
  await changed()
  await page.getByRole('slider', { name: /^Before \/ after split/ }).fill('50')
  await changed()
  // the 3D head starts facing front: turning it shows another side
  await page.getByRole('button', { name: '3D head', exact: true }).click()
  await page.getByRole('slider', { name: /^Turn/ }).fill('120')
  await changed()
  // the orbit pad turns and raises the head by keyboard
  await page.getByRole('slider', { name: /^Orbit the head/ }).focus()
  await page.keyboard.press('Shift+ArrowUp')
  await page.keyboard.press('Shift+ArrowUp')
  await changed()
  await page.getByRole('button', { name: '¾ right', exact: true }).click()
  await changed()
})

test('a zone is added, moved by keyboard and given its own density', async ({ page }) => {
  test.setTimeout(180_000)
  await page.goto('/e2e/harness/studio.html?preset=norwood-5a')
  await settledArea(page)
  const impressions = page.getByTestId('total-impressions')
  const impressions0 = await impressions.textContent()
  await page.getByRole('button', { name: 'Add zone', exact: true }).click()
  const zone = page.getByRole('button', { name: /^Zone zone-1:/ })
  await expect(zone).toBeVisible()
  await zone.focus()
  await page.keyboard.press('Shift+ArrowRight')
  await page.keyboard.press('+')
  await expect(page.getByRole('slider', { name: /^Density of zone-1/ })).toBeVisible()
  await page.getByRole('slider', { name: /^Density of zone-1/ }).fill('120')
  await expect(page.getByRole('slider', { name: /^Density of zone-1/ })).toHaveValue('120')
  await settledArea(page)
  await expect.poll(() => impressions.textContent(), { timeout: 60_000 }).not.toBe(impressions0)
})

test.describe('on a tablet', () => {
  test.use({ hasTouch: true, viewport: { width: 820, height: 1180 } })

  test('a finger drags a hairline point (touch pointer events) and the plan follows', async ({ page }) => {
    test.setTimeout(180_000)
    await page.goto('/e2e/harness/studio.html?preset=norwood-5a')
    const area0 = await settledArea(page)
    const point = page.getByRole('button', { name: /^Hairline point 7 of/ })
    const box = await point.boundingBox()
    if (box === null) throw new Error('the point is not on screen')
    const x = box.x + box.width / 2
    const y = box.y + box.height / 2
    // a touch drag as the browser reports it: pointer events of type touch, captured by the point
    await point.dispatchEvent('pointerdown', {
      pointerId: 7,
      pointerType: 'touch',
      isPrimary: true,
      clientX: x,
      clientY: y,
      bubbles: true,
    })
    for (let k = 1; k <= 8; k++)
      await point.dispatchEvent('pointermove', {
        pointerId: 7,
        pointerType: 'touch',
        isPrimary: true,
        clientX: x,
        clientY: y + 5 * k,
        bubbles: true,
      })
    await point.dispatchEvent('pointerup', {
      pointerId: 7,
      pointerType: 'touch',
      isPrimary: true,
      clientX: x,
      clientY: y + 40,
      bubbles: true,
    })
    await expect.poll(() => settledArea(page), { timeout: 60_000 }).not.toBe(area0)
    // the layer takes touches itself instead of scrolling the page
    await expect(page.getByRole('group', { name: 'Design handles' })).toHaveCSS('touch-action', 'none')
  })
})
