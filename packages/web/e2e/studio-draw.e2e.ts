// Drawing zones and scars on the studio preview: a zone's outline point by point, its corners dragged, an FUE donor
// area with its punches, and an outline that crosses itself refused with the engine's reason.
import AxeBuilder from '@axe-core/playwright'
import { expect, type Locator, type Page, test } from '@playwright/test'
import { previewPixels, settledArea } from './studio-preview.ts'

/** Clicks the drawing surface at fractions of the preview's width and height. */
async function clickAt(page: Page, points: readonly (readonly [number, number])[]) {
  const surface = page.getByTestId('draw-surface')
  const box = await surface.boundingBox()
  if (box === null) throw new Error('no drawing surface')
  for (const [fx, fy] of points) await surface.click({ position: { x: fx * box.width, y: fy * box.height } })
}

/** No serious or critical axe-core violation in the studio (the app's screens meet the same bar). */
async function expectAccessible(page: Page, what: string) {
  const result = await new AxeBuilder({ page })
    .include('.studio')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const report = bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  expect(report, `${what}: axe found serious or critical violations`).toEqual([])
}

async function centre(l: Locator): Promise<[number, number]> {
  await l.scrollIntoViewIfNeeded()
  const box = await l.boundingBox()
  if (box === null) throw new Error('not on screen')
  return [box.x + box.width / 2, box.y + box.height / 2]
}

async function drag(page: Page, l: Locator, dx: number, dy: number) {
  const [x, y] = await centre(l)
  await page.mouse.move(x, y)
  await page.mouse.down()
  for (let k = 1; k <= 8; k++) await page.mouse.move(x + (dx * k) / 8, y + (dy * k) / 8)
  await page.mouse.up()
}

// a pentagon over the thinning front of a diffuse-loss client, seen from the top (the face is up; the nose and ears
// frame the scalp, which starts about a tenth of the way down)
const PENTAGON = [
  [0.44, 0.14],
  [0.52, 0.18],
  [0.5, 0.26],
  [0.38, 0.26],
  [0.36, 0.18],
] as const

test('a zone drawn point by point changes the plan and the preview; a corner drag too; undo takes both back', async ({
  page,
}) => {
  test.setTimeout(240_000)
  await page.goto('/e2e/harness/studio.html?preset=diffuse')
  await expect(page.getByRole('img', { name: 'Simulated preview' })).toBeVisible()
  const area0 = await settledArea(page)
  const pixels0 = await previewPixels(page)

  await page.getByRole('button', { name: 'Draw zone', exact: true }).click()
  const bar = page.getByRole('region', { name: 'Drawing' })
  await expect(bar).toContainText('Drawing a zone')
  await clickAt(page, PENTAGON)
  await expect(bar).toContainText('5 points placed')
  await expect(page.getByTestId('closing-edge')).toBeAttached()
  // a point too many, taken back with Backspace
  await clickAt(page, [[0.46, 0.22]])
  await expect(bar).toContainText('6 points placed')
  await page.keyboard.press('Backspace')
  await expect(bar).toContainText('5 points placed')
  // closed on its first point: the new zone is selected, with its corners and its fields
  await page.getByRole('button', { name: 'First point: press to close the outline' }).click()
  await expect(bar).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^Zone zone-1: drag/ })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByRole('button', { name: /^Zone zone-1, corner \d of 5/ })).toHaveCount(5)
  await expect(page.getByRole('slider', { name: /^Density of zone-1/ })).toBeVisible()
  await expect.poll(() => settledArea(page), { timeout: 60_000 }).not.toBe(area0)
  const area1 = await settledArea(page)
  await expect.poll(() => previewPixels(page), { timeout: 30_000 }).not.toBe(pixels0)

  // a corner dragged out along the front: the outline and the plan change, as one step
  await drag(page, page.getByRole('button', { name: /^Zone zone-1, corner 2 of 5/ }), 50, -40)
  await expect.poll(() => settledArea(page), { timeout: 60_000 }).not.toBe(area1)
  const area2 = await settledArea(page)

  // the corners by keyboard: a focused corner moves with the arrow keys, Delete removes it (never below 3)
  const corner = page.getByRole('button', { name: /^Zone zone-1, corner 4 of 5/ })
  await corner.focus()
  const x0 = await corner.getAttribute('x')
  await page.keyboard.press('Shift+ArrowLeft')
  await expect.poll(() => corner.getAttribute('x')).not.toBe(x0)
  await page.keyboard.press('Delete')
  await expect(page.getByRole('button', { name: /^Zone zone-1, corner \d of 4/ })).toHaveCount(4)
  // a "+" on an edge puts a corner back
  await page.getByRole('button', { name: 'Add a corner to Zone zone-1 between corners 1 and 2' }).click()
  await expect(page.getByRole('button', { name: /^Zone zone-1, corner \d of 5/ })).toHaveCount(5)
  // and so does a double-click on an edge, where it is clicked
  const [ax, ay] = await centre(page.getByRole('button', { name: /^Zone zone-1, corner 3 of 5/ }))
  const [bx, by] = await centre(page.getByRole('button', { name: /^Zone zone-1, corner 4 of 5/ }))
  await page.mouse.dblclick(ax + (bx - ax) / 4, ay + (by - ay) / 4)
  await expect(page.getByRole('button', { name: /^Zone zone-1, corner \d of 6/ })).toHaveCount(6)

  // undo: the double-click, the "+", the removal, the key move, the drag and the drawing, back to the first plan
  const undo = page.getByRole('button', { name: 'Undo' })
  for (let k = 0; k < 4; k++) await undo.click()
  await expect.poll(() => settledArea(page), { timeout: 60_000 }).toBe(area2)
  await undo.click()
  await expect.poll(() => settledArea(page), { timeout: 60_000 }).toBe(area1)
  await undo.click()
  await expect(page.getByRole('button', { name: /^Zone zone-1:/ })).toHaveCount(0)
  await expect.poll(() => settledArea(page), { timeout: 60_000 }).toBe(area0)
  await expect(undo).toBeDisabled()
})

test('an FUE donor area is drawn and given its punches; an outline that crosses itself is refused', async ({
  page,
}) => {
  test.setTimeout(240_000)
  await page.goto('/e2e/harness/studio.html?preset=diffuse')
  await settledArea(page)
  const impressions = page.getByTestId('total-impressions')
  const impressions0 = await impressions.textContent()

  // the donor band at the back of the head (the bottom of the top view), finished with a double-click
  await page.getByRole('button', { name: 'Draw FUE donor area', exact: true }).click()
  await clickAt(page, [
    [0.38, 0.8],
    [0.62, 0.8],
    [0.6, 0.88],
  ])
  const surface = page.getByTestId('draw-surface')
  const box = await surface.boundingBox()
  if (box === null) throw new Error('no drawing surface')
  await surface.dblclick({ position: { x: 0.4 * box.width, y: 0.88 * box.height } })
  await expect(page.getByRole('region', { name: 'Drawing' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^Scar scar-1: drag/ })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByRole('button', { name: /^Scar scar-1, corner \d of 4/ })).toHaveCount(4)
  await expectAccessible(page, 'a selected donor area with its corners')
  const punches = page.getByRole('spinbutton', { name: 'Punches in scar-1' })
  await expect(punches).toHaveValue('1500')
  await expect(page.getByRole('spinbutton', { name: 'Punch diameter of scar-1 (mm)' })).toHaveValue('0.9')
  await settledArea(page)
  await expect.poll(() => impressions.textContent(), { timeout: 60_000 }).not.toBe(impressions0)
  const impressions1 = await impressions.textContent()
  await punches.fill('400')
  await punches.blur()
  await expect.poll(() => impressions.textContent(), { timeout: 60_000 }).not.toBe(impressions1)
  // a second donor area would be ignored by placement, so it is refused with the reason
  await page.getByRole('button', { name: 'Draw FUE donor area', exact: true }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'already has an FUE donor area' })).toBeVisible()

  // a bow tie: its second and fourth edges cross, so it is refused and the points stay to fix
  const area = await settledArea(page)
  await page.getByRole('button', { name: 'Draw zone', exact: true }).click()
  await clickAt(page, [
    [0.4, 0.4],
    [0.6, 0.6],
    [0.6, 0.4],
    [0.4, 0.6],
  ])
  await page.keyboard.press('Enter')
  await expect(page.getByRole('alert').filter({ hasText: 'crosses itself' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Drawing' })).toContainText('4 points placed')
  await expectAccessible(page, 'drawing, with a refusal')
  await expect(page.getByRole('button', { name: /^Zone zone-1:/ })).toHaveCount(0)
  // Escape abandons it, and nothing was added
  await page.keyboard.press('Escape')
  await expect(page.getByRole('region', { name: 'Drawing' })).toHaveCount(0)
  expect(await settledArea(page)).toBe(area)
})

test.describe('on a tablet', () => {
  test.use({ hasTouch: true, viewport: { width: 820, height: 1180 } })

  test('a finger taps an FUT scar along the strip and finishes it; its width is a field in mm', async ({ page }) => {
    test.setTimeout(240_000)
    await page.goto('/e2e/harness/studio.html?preset=diffuse')
    await settledArea(page)
    await page.getByRole('button', { name: 'Draw FUT scar', exact: true }).click()
    const bar = page.getByRole('region', { name: 'Drawing' })
    await expect(bar).toBeFocused()
    const surface = page.getByTestId('draw-surface')
    let placed = 0
    for (const [fx, fy] of [
      [0.35, 0.82],
      [0.5, 0.85],
      [0.65, 0.82],
    ] as const) {
      // measured before each tap: the page may have moved since the last one
      const box = await surface.boundingBox()
      if (box === null) throw new Error('no drawing surface')
      await page.touchscreen.tap(box.x + fx * box.width, box.y + fy * box.height)
      placed += 1
      await expect(bar).toContainText(`${placed} ${placed === 1 ? 'point' : 'points'} placed`)
    }
    await page.getByRole('button', { name: 'Finish FUT scar' }).click()
    await expect(page.getByRole('button', { name: /^Scar scar-1, point \d of 3/ })).toHaveCount(3)
    await expect(page.getByRole('slider', { name: /^Width of scar-1/ })).toBeVisible()
  })
})
