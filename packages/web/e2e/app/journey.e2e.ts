// The whole journey on the real server and the demo clinic, one step after another, as the people at the clinic
// do it: a visitor estimates the cost and books a free consultation; the front desk sees it and opens a client file;
// the practitioner records the intake and screening shows a finding; drags the hairline in the studio (the preview's
// pixels and the plan's treated area change) and saves version 2; the client approves on
// the clinic's tablet; the course is booked and a session moved too close to the one before is refused with the
// reason; the client signs the treatment consent on the tablet in signing mode; a session is recorded with lots from
// the location's register, and before/after photos make a timeline with a comparison slider;
// the session's aftercare emails appear in the client's outbox; the practitioner sets up the client's portal sign-in
// on the tablet, and the client signs in to the portal and sees today's aftercare.
import { type APIRequestContext, expect, type Page, request, test } from '@playwright/test'
import { previewPixels, settledArea } from '../studio-preview.ts'
import { DEMO, DEMO_PASSWORD, expectAccessible, greyPng, screenshot, settled, signIn, signOut } from './fixtures.ts'

test.describe.configure({ mode: 'serial' })

// a new family name each run (names take letters only): the run's time, its digits written as letters
const runTag = Date.now()
  .toString(10)
  .slice(-8)
  .replace(/\d/g, (d) => String.fromCharCode(97 + Number(d)))
const visitor = { given: 'Alex', family: `Journey${runTag}` }
const visitorName = `${visitor.given} ${visitor.family}`

async function apiAs(baseURL: string, email: string): Promise<{ api: APIRequestContext; csrf: string; me: MeInfo }> {
  const api = await request.newContext({ baseURL })
  const signedIn = await api.post('/api/v1/auth/sign-in', { data: { email, password: DEMO_PASSWORD } })
  expect(signedIn.ok(), await signedIn.text()).toBe(true)
  const me = (await (await api.get('/api/v1/me')).json()) as MeInfo
  return { api, csrf: me.csrfToken, me }
}

interface MeInfo {
  csrfToken: string
  memberships: { clinicId: string; membershipId: string; role: string }[]
}

/** The demo clinic comes without working hours: the owner sets Sam's week at the first location, and a chair. */
async function openTheDiary(baseURL: string): Promise<void> {
  const sam = await apiAs(baseURL, DEMO.practitioner)
  const owner = await apiAs(baseURL, DEMO.owner)
  const clinicId = owner.me.memberships[0]?.clinicId ?? ''
  const samId = sam.me.memberships.find((m) => m.clinicId === clinicId)?.membershipId ?? ''
  const headers = { 'x-csrf-token': owner.csrf }
  const { items } = (await (await owner.api.get(`/api/v1/clinics/${clinicId}/locations`)).json()) as {
    items: { id: string; chairs: unknown[] }[]
  }
  const location = items[0]
  if (location === undefined) throw new Error('the demo clinic has no location')
  if (location.chairs.length === 0) {
    const chair = await owner.api.post(`/api/v1/clinics/${clinicId}/locations/${location.id}/chairs`, {
      headers,
      data: { name: 'Chair 1' },
    })
    expect(chair.ok(), await chair.text()).toBe(true)
  }
  const day = [['09:00', '19:00']]
  const hours = await owner.api.put(`/api/v1/clinics/${clinicId}/practitioners/${samId}/locations/${location.id}`, {
    headers,
    data: { workingHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day } },
  })
  expect(hours.ok(), await hours.text()).toBe(true)
  await sam.api.dispose()
  await owner.api.dispose()
}

async function openClientFile(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Clients' }).click()
  await page.getByLabel('Search').fill(visitor.family)
  await page.getByRole('link', { name: visitorName }).click()
  await expect(page.getByRole('heading', { name: new RegExp(visitorName), level: 1 })).toBeVisible()
}

test('from the website to the chair: estimate, booking, client file, intake and screening, studio, approval, course, session with lots and photos, aftercare emails, portal', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000)
  await openTheDiary(baseURL ?? '')
  let bookedOn = ''

  await test.step('a visitor estimates the cost of a Norwood V', async () => {
    await page.goto('/estimate')
    await page.getByText('Norwood V', { exact: true }).click()
    await expect(page.locator('.estimate-result h2')).toHaveText(/\$[\d,]+ – \$[\d,]+/)
    await page.locator('.estimate-result').getByRole('link', { name: 'Book a free consultation' }).click()
  })

  await test.step('and books a free consultation at a free time', async () => {
    await expect(page.getByRole('heading', { name: 'Book a free consultation', level: 1 })).toBeVisible()
    await settled(page)
    const firstTime = page.locator('.slot').first()
    await expect(firstTime).toBeVisible()
    await firstTime.click()
    await page.getByLabel('Your name').fill(visitorName)
    await page.getByLabel('Email').fill(`${visitor.family.toLowerCase()}@example.com`)
    await page.getByLabel('Phone').fill('+1 416 555 0199')
    // a phone number that is not one: the server's message shows next to the field, the rest is kept
    await page.getByLabel('Phone').fill('call me')
    await page.getByRole('button', { name: 'Book my consultation' }).click()
    await expect(page.locator('.field-invalid').getByText(/phone number/)).toBeVisible()
    await expect(page.getByLabel('Your name')).toHaveValue(visitorName)
    await page.getByLabel('Phone').fill('+1 416 555 0199')
    await page.getByRole('button', { name: 'Book my consultation' }).click()
    await expect(page.getByRole('heading', { name: "You're booked" })).toBeVisible()
    // this server sends no mail (no SMTP_URL): the page says so instead of "we have emailed you"
    await expect(page.locator('.confirmation')).toContainText('The clinic will confirm it with you')
    await expect(page.locator('.confirmation')).not.toContainText('emailed')
    bookedOn = (await page.locator('.confirmation strong').textContent()) ?? ''
    expect(bookedOn).not.toBe('')
    // the link in the confirmation (and the email) opens the booking to move or cancel it
    await page.getByRole('link', { name: 'Change or cancel this booking' }).click()
    await expect(page.getByRole('heading', { name: 'Your consultation' })).toBeVisible()
    await settled(page)
    await expect(page.getByText(bookedOn)).toBeVisible()
    await expectAccessible(page, 'manage booking')
    await screenshot(page, 'manage-booking')
  })

  await test.step('the front desk sees it in the calendar and opens a client file', async () => {
    await signIn(page, DEMO.frontDesk)
    await page.getByRole('link', { name: 'Calendar' }).click()
    await settled(page)
    // the visitor took the first free time: today or a later day
    for (let day = 0; day < 7; day++) {
      if ((await page.getByRole('button', { name: new RegExp(`^${visitorName}, Consultation`) }).count()) > 0) break
      await page.getByRole('button', { name: 'Next day' }).click()
      await settled(page)
    }
    const booking = page.getByRole('button', { name: new RegExp(`^${visitorName}, Consultation`) })
    await expect(booking).toBeVisible()
    // dragged an hour later (the grid is 1.1 px a minute): the server moves it and the calendar says so
    await booking.scrollIntoViewIfNeeded()
    const box = await booking.boundingBox()
    if (box === null) throw new Error('the booking is not on screen')
    await page.mouse.move(box.x + box.width / 2, box.y + 8)
    await page.mouse.down()
    for (let step = 1; step <= 6; step++) await page.mouse.move(box.x + box.width / 2, box.y + 8 + step * 11)
    await page.mouse.up()
    await expect(page.locator('.notice-ok')).toHaveText(new RegExp(`^Moved ${visitorName} to`))
    await screenshot(page, 'calendar-moved')
    await booking.press('Enter')
    await page.getByRole('button', { name: 'Open a client file' }).click()
    await expect(page.getByLabel('Given name')).toHaveValue(visitor.given)
    await page.getByLabel(/Emails about their care/).check()
    await page.getByRole('button', { name: 'Save the client file' }).click()
    await expect(page.getByRole('heading', { name: new RegExp(visitorName), level: 1 })).toBeVisible()
    await signOut(page)
  })

  await test.step('the practitioner records the intake; screening shows a finding', async () => {
    await signIn(page, DEMO.practitioner)
    await openClientFile(page)
    await page.getByRole('link', { name: 'Record an intake' }).first().click()
    await page.getByLabel('Age', { exact: true }).fill('44')
    await page.getByLabel('Stage', { exact: true }).selectOption('V')
    await page.getByLabel('Goal', { exact: true }).selectOption('shaved-look')
    await page.getByLabel('Minoxidil', { exact: true }).check()
    await page.getByRole('button', { name: 'Save the intake and run screening' }).click()
    await expect(page.getByRole('heading', { name: /^Screening:/ })).toBeVisible({ timeout: 60_000 })
    await expect(page.locator('.finding').first()).toBeVisible()
    await expectAccessible(page, 'intake and screening')
    await screenshot(page, 'screening-finding')
  })

  await test.step('designs in the studio', async () => {
    await page.getByRole('tab', { name: 'Designs' }).click()
    await expect(page.getByText('Simulated').first()).toBeVisible()
    await page.getByRole('link', { name: 'Open in the studio' }).first().click()
    const preview = page.getByRole('img', { name: 'Simulated preview' })
    await expect(preview).toBeVisible({ timeout: 60_000 })
    const area0 = await settledArea(page)
    const pixels0 = await previewPixels(page)
    // drag a point of the hairline down by 60 px: the preview and the plan's treated area follow
    const point = page.getByRole('button', { name: /^Hairline point 4 of/ })
    const box = await point.boundingBox()
    if (box === null) throw new Error('the hairline point is not on screen')
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2]
    await page.mouse.move(x, y)
    await page.mouse.down()
    for (let k = 1; k <= 10; k++) await page.mouse.move(x, y + 6 * k)
    await page.mouse.up()
    await expect.poll(() => settledArea(page), { timeout: 60_000 }).not.toBe(area0)
    await expect.poll(() => previewPixels(page), { timeout: 30_000 }).not.toBe(pixels0)
    await page.getByRole('button', { name: 'Save as a new version' }).click()
    await expect(page.getByText('Saved as version 2.')).toBeVisible({ timeout: 30_000 })
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'studio')
    await page.goBack()
  })

  await test.step('the client approves the design on the clinic tablet', async () => {
    await page.getByRole('tab', { name: 'Designs' }).click()
    await page
      .getByRole('button', { name: /^Client approves version/ })
      .first()
      .click()
    await expect(page.getByText(/approved .* in the clinic/)).toBeVisible()
  })

  await test.step('the course is booked; a session moved too close to the one before is refused with the reason', async () => {
    await page.getByRole('link', { name: 'Book a course' }).click()
    await page.getByRole('button', { name: 'Book the course' }).click()
    await expect(page.getByRole('heading', { name: 'Booked sessions' })).toBeVisible({ timeout: 60_000 })
    const first = page.locator('.course-session').first()
    const firstDate = await first.getByLabel(/^Move session 1 to/).inputValue()
    const second = page.locator('.course-session').nth(1)
    const tooClose = new Date(`${firstDate}T12:00:00Z`)
    tooClose.setUTCDate(tooClose.getUTCDate() + 2)
    await second.getByLabel(/^Move session 2 to/).fill(tooClose.toISOString().slice(0, 10))
    await second.getByRole('button', { name: 'Check the move' }).click()
    await expect(second.locator('.field-error')).toHaveText(/Refused: .*at least \d+ days/)
    await expectAccessible(page, 'course')
    await screenshot(page, 'course-spacing-refused')
  })

  await test.step('the client signs the treatment consent on the tablet, in signing mode', async () => {
    await openClientFile(page)
    await page.getByRole('tab', { name: 'Consents' }).click()
    await page
      .locator('li.to-sign', { hasText: 'Consent to scalp micropigmentation' })
      .getByRole('link', { name: 'Hand the tablet to the client to sign' })
      .click()
    await page.getByLabel('Your full name').fill(visitorName)
    const pad = page.locator('canvas.signature-canvas')
    const box = await pad.boundingBox()
    if (box === null) throw new Error('the signature pad is not on screen')
    await page.mouse.move(box.x + 40, box.y + box.height * 0.6)
    await page.mouse.down()
    for (let i = 1; i <= 20; i++)
      await page.mouse.move(box.x + 40 + i * 15, box.y + box.height * (0.6 - 0.3 * Math.sin(i / 3)))
    await page.mouse.up()
    await page.getByRole('button', { name: 'I agree and sign' }).click()
    await expect(page.getByText('Signed on the tablet.')).toBeVisible()
  })

  await test.step('a session is recorded with needle and pigment lots from the register', async () => {
    await page.getByRole('link', { name: 'Record a session' }).click()
    await settled(page)
    await page.getByLabel('Needle 1: lot').selectOption({ index: 1 })
    await page.getByLabel('New sealed single-use cartridge').check()
    await page.getByLabel('Pigment 1: lot').selectOption({ index: 1 })
    const pigmentLot = ((await page.getByLabel('Pigment 1: lot').locator('option:checked').textContent()) ?? '')
      .split('· lot ')[1]
      ?.split(' ·')[0]
    expect(pigmentLot).toMatch(/^PB-/)
    await page.getByRole('button', { name: 'Save the session' }).click()
    await expect(page.getByRole('tab', { name: 'Sessions', selected: true })).toBeVisible()
    await expect(page.getByText(new RegExp(`lot ${pigmentLot}`))).toBeVisible()
    await screenshot(page, 'session-recorded')
  })

  await test.step('before and after photos make a timeline with a comparison slider', async () => {
    await page.getByRole('tab', { name: 'Photos' }).click()
    for (const [name, level, takenOn] of [
      ['before.png', 200, '2026-11-01'],
      ['after.png', 110, '2026-11-20'],
    ] as const) {
      await page
        .getByLabel('Photo', { exact: true })
        .setInputFiles({ name, mimeType: 'image/png', buffer: greyPng(level) })
      await page.getByLabel('Taken on').fill(takenOn)
      await page.getByRole('button', { name: 'Add the photo' }).click()
      await expect(page.getByRole('button', { name: 'Add the photo' })).toBeDisabled()
    }
    await expect(page.getByRole('heading', { name: 'Before and after' })).toBeVisible()
    await page.getByLabel(/Show more of the after photo/).fill('30')
    await expectAccessible(page, 'photos')
    await page.getByRole('heading', { name: 'Before and after' }).evaluate((h) => h.scrollIntoView())
    await screenshot(page, 'photo-timeline')
  })

  await test.step("the session's aftercare emails appear in the client's outbox", async () => {
    // the server's outbox worker plans them on its next pass (every 30 s)
    await expect(async () => {
      await page.reload()
      await page.getByRole('tab', { name: 'Reminders' }).click()
      await settled(page)
      await expect(page.getByRole('cell', { name: /after session 1/ }).first()).toBeVisible({ timeout: 1_000 })
    }).toPass({ timeout: 90_000, intervals: [5_000] })
    await expectAccessible(page, 'client reminders')
    await screenshot(page, 'client-reminders')
  })

  await test.step("the client chooses a portal password on the tablet, signs in and sees today's aftercare", async () => {
    await openClientFile(page)
    await page.getByRole('button', { name: 'Set up portal sign-in' }).click()
    await page.getByLabel("The client's new password").fill('short')
    await page.getByRole('button', { name: 'Create the portal sign-in' }).click()
    await expect(page.locator('.field-error')).toHaveText(/at least 10 characters/)
    const password = `tablet-${runTag}-chosen`
    await page.getByLabel("The client's new password").fill(password)
    await page.getByRole('button', { name: 'Create the portal sign-in' }).click()
    const email = `${visitor.family.toLowerCase()}@example.com`
    await expect(page.getByText(`Signs in to the client portal as ${email}.`)).toBeVisible()
    await signOut(page)
    await signIn(page, email, password)
    await expect(page).toHaveURL(/\/portal/)
    const care = page.getByRole('region', { name: "Today's aftercare" })
    // the session was recorded today: day 0 of its aftercare (DOMAIN §6.3), with the rules that hold today
    await expect(care.getByText(/^The day of session 1 \(/)).toBeVisible({ timeout: 30_000 })
    await expect(care.getByRole('listitem').filter({ hasText: /no swimming/i })).toBeVisible()
    await expectAccessible(page, 'portal aftercare')
    await screenshot(page, 'portal-aftercare')
  })
})
