// Every control of the design studio answers a finger: buttons, selects, sliders, number fields, the labels of
// radio buttons and every handle on the preview (points, their tangent handles, a zone's corners, the "+" on its
// edges, the resize handle) are at least 44 × 44 CSS px on the clinic's tablet, as the README promises. (With only
// a mouse or pen the preview's small marks are their own targets, so handles close together stay apart.)
import { expect, type Page, test } from '@playwright/test'
import { settledArea } from './studio-preview.ts'

const MIN = 44
/** Sub-pixel rounding of a box exactly 44 px across. */
const SLACK = 0.5

async function tooSmall(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll(
    (elements, min) =>
      elements
        .filter((e) => {
          const r = e.getBoundingClientRect()
          const style = getComputedStyle(e)
          return r.width > 0 && r.height > 0 && style.visibility !== 'hidden'
        })
        .map((e) => {
          const target =
            e instanceof HTMLInputElement && (e.type === 'radio' || e.type === 'checkbox')
              ? (e.closest('label') ?? e)
              : e
          const r = target.getBoundingClientRect()
          const name = e.getAttribute('aria-label') ?? e.textContent?.trim() ?? e.tagName
          return { name: `${e.tagName.toLowerCase()} "${name.slice(0, 60)}"`, w: r.width, h: r.height }
        })
        .filter((b) => b.w < min || b.h < min)
        .map((b) => `${b.name}: ${b.w.toFixed(1)}×${b.h.toFixed(1)}`),
    MIN - SLACK
  )
}

// a tablet: a touch screen, so the preview's handles take their finger-sized targets
test.use({ hasTouch: true, viewport: { width: 1180, height: 820 } })

test('every studio control and preview handle is at least 44 × 44 CSS px on a touch screen', async ({ page }) => {
  test.setTimeout(180_000)
  await page.goto('/e2e/harness/studio.html?preset=norwood-5a')
  await expect(page.getByRole('img', { name: 'Simulated preview' })).toBeVisible()
  await settledArea(page)
  const controls = 'button, select, input, textarea, [role="button"]:is(circle, rect)'
  expect(await page.locator(controls).count()).toBeGreaterThan(20)
  expect(await tooSmall(page, controls)).toEqual([])
  // a selected point shows its tangent handles
  await page.getByRole('button', { name: /^Hairline point 7 of/ }).focus()
  await expect(page.getByRole('button', { name: /handle towards the left temple/ })).toBeVisible()
  expect(await tooSmall(page, controls)).toEqual([])
  // a selected zone shows its corners, a "+" on each edge and its resize handle
  await page
    .getByRole('button', { name: /: drag or use the arrow keys to move, \+ and − to resize$/ })
    .first()
    .focus()
  await expect(page.getByRole('button', { name: /corner 1 of/ }).first()).toBeVisible()
  await expect(page.getByRole('button', { name: /^Add a corner to/ }).first()).toBeVisible()
  expect(await tooSmall(page, `${controls}, [data-testid="resize-handle"]`)).toEqual([])
})
