// Safety before a needle touches skin, on the real server and the demo clinic: the front desk hands the tablet to a
// client in signing mode (only the consent, with its lists, and the pad; no way out but signing or cancelling), and
// a session for a client whose latest intake defers treatment and who has not signed is refused with the reasons; the
// practitioner cannot override, the owner can with a written reason, shown on the record.
import { type APIRequestContext, expect, type Page, request, test } from '@playwright/test'
import { DEMO, DEMO_PASSWORD, expectAccessible, screenshot, settled, signIn } from './fixtures.ts'

test.describe.configure({ mode: 'serial' })

const runTag = Date.now()
  .toString(10)
  .slice(-8)
  .replace(/\d/g, (d) => String.fromCharCode(97 + Number(d)))

async function apiAs(
  baseURL: string,
  email: string
): Promise<{ api: APIRequestContext; csrf: string; clinicId: string }> {
  const api = await request.newContext({ baseURL })
  const signedIn = await api.post('/api/v1/auth/sign-in', { data: { email, password: DEMO_PASSWORD } })
  expect(signedIn.ok(), await signedIn.text()).toBe(true)
  const me = (await (await api.get('/api/v1/me')).json()) as {
    csrfToken: string
    memberships: { clinicId: string }[]
  }
  return { api, csrf: me.csrfToken, clinicId: me.memberships[0]?.clinicId ?? '' }
}

async function newClient(baseURL: string, family: string, intake?: Record<string, unknown>): Promise<string> {
  const owner = await apiAs(baseURL, DEMO.owner)
  const headers = { 'x-csrf-token': owner.csrf }
  const base = `/api/v1/clinics/${owner.clinicId}`
  const created = await owner.api.post(`${base}/clients`, { headers, data: { givenName: 'Robin', familyName: family } })
  expect(created.ok(), await created.text()).toBe(true)
  const id = ((await created.json()) as { id: string }).id
  if (intake !== undefined) {
    const recorded = await owner.api.post(`${base}/clients/${id}/intakes`, { headers, data: { document: intake } })
    expect(recorded.ok(), await recorded.text()).toBe(true)
  }
  await owner.api.dispose()
  return `/clinic/${owner.clinicId}/clients/${id}`
}

async function drawSignature(page: Page): Promise<void> {
  const pad = page.locator('canvas.signature-canvas')
  const box = await pad.boundingBox()
  if (box === null) throw new Error('the signature pad is not on screen')
  await page.mouse.move(box.x + 40, box.y + box.height * 0.6)
  await page.mouse.down()
  for (let i = 1; i <= 20; i++)
    await page.mouse.move(box.x + 40 + i * 15, box.y + box.height * (0.6 - 0.3 * Math.sin(i / 3)))
  await page.mouse.up()
}

test('the tablet in signing mode shows only the consent and the pad, and returns to staff only signed or cancelled', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const file = await newClient(baseURL ?? '', `Signer${runTag}`)
  await signIn(page, DEMO.frontDesk)
  await page.goto(`${file}?tab=consents`)
  await settled(page)
  const treatment = page.locator('li.to-sign', { hasText: 'Consent to scalp micropigmentation' })
  await treatment.getByRole('link', { name: 'Hand the tablet to the client to sign' }).click()
  await expect(page.getByRole('heading', { name: 'Consent to scalp micropigmentation', level: 1 })).toBeVisible()
  await settled(page)
  // nothing of the dashboard: no clinic navigation, no sign-out, no links at all
  await expect(page.getByRole('navigation')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0)
  await expect(page.getByRole('link')).toHaveCount(0)
  // the consent's bullet list is a list
  await expect(page.locator('.signing-text ul > li')).toHaveCount(4)
  await expect(page.locator('.signing-text ul > li').first()).toHaveText(/^It is a cosmetic tattoo/)
  await expectAccessible(page, 'signing mode')
  await page.getByLabel('Your full name').fill(`Robin Signer${runTag}`)
  await drawSignature(page)
  await screenshot(page, 'tablet-signing')
  // the back gesture asks first; the client goes on reading
  await page.goBack()
  await expect(page.getByRole('alertdialog', { name: 'Stop without signing?' })).toBeVisible()
  await page.getByRole('button', { name: 'Keep reading and sign' }).click()
  await expect(page.getByRole('heading', { name: 'Consent to scalp micropigmentation', level: 1 })).toBeVisible()
  // the pad was kept; sign
  await page.getByRole('button', { name: 'I agree and sign' }).click()
  await expect(page.getByText('Signed on the tablet.')).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Clinic' })).toBeVisible()
  await expect(page.getByRole('cell', { name: 'Consent to scalp micropigmentation (version 1)' })).toBeVisible()
  await expect(page.locator('li.to-sign', { hasText: 'Consent to scalp micropigmentation' })).toHaveCount(0)

  // cancelling: the client stops without signing, and the tablet returns to the staff
  await page
    .locator('li.to-sign', { hasText: 'How we look after your records' })
    .getByRole('link', { name: 'Hand the tablet to the client to sign' })
    .click()
  await expect(page.getByRole('heading', { name: 'How we look after your records', level: 1 })).toBeVisible()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await page.getByRole('button', { name: 'Stop, do not sign' }).click()
  await expect(page.getByText('The client stopped without signing; nothing was signed.')).toBeVisible()
  await expect(page.locator('li.to-sign', { hasText: 'How we look after your records' })).toHaveCount(1)
})

test('a session for a client whose latest intake defers treatment is refused with the reasons; the owner overrides', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const client = { sex: 'male', age: 38, fitzpatrick: 3, hairColor: 'black', hairLength: 'shaved' }
  const file = await newClient(baseURL ?? '', `Deferred${runTag}`, {
    schema: 'stipple.intake/v1',
    client,
    hairLoss: { scale: 'norwood', stage: 'IV' },
    medical: { medications: [{ name: 'isotretinoin', lastDoseDaysAgo: 30 }] },
  })
  const fill = async () => {
    await settled(page)
    const needle = page.getByLabel('Needle 1: lot')
    await expect(needle.locator('option', { hasText: '1RL 0.20' }).first()).toBeAttached()
    // the expired lot on the shelf is not offered
    await expect(page.getByLabel('Pigment 1: lot').locator('option', { hasText: 'PB-OLD' })).toHaveCount(0)
    await needle.selectOption({ index: 1 })
    await page.getByLabel('New sealed single-use cartridge').check()
    await page.getByLabel('Pigment 1: lot').selectOption({ index: 1 })
    // the plan's dilution is the default when there is a plan; none here, so the usual 1:25
    await expect(page.getByLabel('Pigment 1: dilution')).toHaveAttribute('placeholder', /^(neat|\d+:\d+)$/)
  }

  await signIn(page, DEMO.practitioner)
  await page.goto(`${file}/session`)
  await fill()
  await page.getByRole('button', { name: 'Save the session' }).click()
  const refusal = page.getByRole('alert').filter({ hasText: 'This session cannot be recorded' })
  await expect(refusal).toBeVisible()
  await expect(refusal).toContainText('No signed treatment consent')
  await expect(refusal).toContainText(/Deferred until \d{4}-\d{2}-\d{2}: isotretinoin last taken on \d{4}-\d{2}-\d{2}/)
  await expect(refusal).toContainText('Only the clinic’s owner can override this')
  await expect(page.getByText(/expected true|Invalid ISO date/)).toHaveCount(0)
  await expectAccessible(page, 'refused session')
  await refusal.scrollIntoViewIfNeeded()
  await screenshot(page, 'session-refused')
  await page.getByRole('button', { name: 'Sign out' }).click()

  await signIn(page, DEMO.owner)
  await page.goto(`${file}/session`)
  await fill()
  await page.getByRole('button', { name: 'Save the session' }).click()
  await expect(refusal).toBeVisible()
  await page.getByLabel(/Override as the owner/).check()
  await page
    .getByLabel('Reason for the override')
    .fill('Dermatologist’s written clearance on file: a two-week course of isotretinoin ended a month ago.')
  await page.getByRole('button', { name: 'Save the session' }).click()
  await expect(page.getByRole('tab', { name: 'Sessions', selected: true })).toBeVisible()
  const note = page.getByRole('note').filter({ hasText: 'Recorded despite a refusal' })
  await expect(note).toContainText('Dermatologist’s written clearance on file')
  await expect(note).toContainText('Set aside: No signed treatment consent')
})
