import { expect, test } from '@playwright/test'
import { presetDesign } from '@stipple/engine'

// The studio against the design routes' contract, answered here: load, a save refused because someone saved
// meanwhile (409), reloading the newest version, saving, and recording the client's approval.
test('saves versions, handles someone saving meanwhile, and records the approval', async ({ page }) => {
  test.setTimeout(180_000)
  const base = '/api/v1/clinics/clinic-1/designs/design-1'
  let latest = 3
  const document = { schema: 'stipple.design/v1', ...presetDesign('norwood-3') }
  const posts: { url: string; body: Record<string, unknown> }[] = []
  let refuseNext = true
  const detail = () => ({
    id: 'design-1',
    clientId: 'client-1',
    title: 'Hairline, first draft',
    versions: [{ id: `v${latest}`, version: latest, createdAt: '2026-11-23T10:00:00Z' }],
    latest: { id: `v${latest}`, version: latest, document },
    approval: null,
  })
  await page.route(`**${base}`, (route) => route.fulfill({ json: detail() }))
  await page.route(`**${base}/versions`, async (route) => {
    const body = route.request().postDataJSON() as Record<string, unknown>
    posts.push({ url: route.request().url(), body })
    if (refuseNext) {
      refuseNext = false
      latest = 4
      return route.fulfill({
        status: 409,
        contentType: 'application/problem+json',
        json: { status: 409, code: 'conflict', detail: 'Version 4 was saved meanwhile.', errors: [] },
      })
    }
    latest += 1
    return route.fulfill({ status: 201, json: { id: `v${latest}`, version: latest } })
  })
  await page.route(`**${base}/approval`, async (route) => {
    const body = route.request().postDataJSON() as { versionId: string; method: string }
    posts.push({ url: route.request().url(), body })
    return route.fulfill({
      json: {
        versionId: body.versionId,
        version: latest,
        method: body.method,
        approvedAt: '2026-11-23T12:00:00Z',
        approvedAtLocal: { date: '2026-11-23', time: '07:00', offsetMinutes: -300 },
      },
    })
  })

  await page.goto('/e2e/harness/studio.html?clinic=clinic-1&design=design-1')
  await expect(page.getByRole('heading', { name: 'Design studio: Hairline, first draft' })).toBeVisible()
  const save = page.getByRole('button', { name: 'Save as a new version' })
  await expect(save).toBeDisabled()
  await page.getByRole('slider', { name: /^Softness/ }).fill('12')
  await expect(save).toBeEnabled()
  await save.click()
  await expect(page.getByRole('alert').filter({ hasText: 'saved a newer version' })).toBeVisible()
  expect(posts[0]?.body.basedOnVersion).toBe(3)
  await page.getByRole('button', { name: 'Load the newest version' }).click()
  await expect(page.getByText('Version 4.')).toBeVisible()
  await page.getByRole('slider', { name: /^Softness/ }).fill('14')
  await save.click()
  await expect(page.getByText('Saved as version 5.')).toBeVisible()
  expect(posts[1]?.body.basedOnVersion).toBe(4)
  const saved = posts[1]?.body.document as { hairline?: { softnessMm?: number } } | undefined
  expect(saved?.hairline?.softnessMm).toBe(14)
  await page.getByLabel('How the client approved').selectOption('paper')
  await page.getByRole('button', { name: "Record the client's approval of version 5" }).click()
  await expect(page.getByText("The client's approval of version 5 is recorded.")).toBeVisible()
  expect(posts[2]?.body).toEqual({ versionId: 'v5', method: 'paper' })
})
