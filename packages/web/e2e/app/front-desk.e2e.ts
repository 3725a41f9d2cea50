// The front desk runs a day on the demo clinic: a new client booked into a free time by clicking the calendar, checked
// in and completed; a no-show; a walk-in cancelled with a reason; an appointment moved to another practitioner; a
// move refused with the server's reason, offering free times that then move it; a course booked from a client's plan
// from the calendar; the owner's travel time between locations. Screenshots of each go to docs/screenshots/.
import { expect, type Page, request, test } from '@playwright/test'
import { DEMO, DEMO_PASSWORD, expectAccessible, screenshot, settled, signIn } from './fixtures.ts'

interface Location {
  id: string
  name: string
  now: { date: string; time: string }
  practitioners: { membershipId: string; displayName: string }[]
}
interface Slot {
  startsAt: string
  startsAtLocal: { date: string; time: string }
  practitionerId: string
  chairId: string
}

/** Waits for what the server answers: a booking or a move on a busy two-core machine can take some seconds. */
const answered = expect.configure({ timeout: 20_000 })

// letters only: client names take letters, spaces, apostrophes, hyphens and periods
const run = Date.now()
  .toString(36)
  .slice(-5)
  .replace(/\d/g, (d) => 'abcdefghij'.charAt(Number(d)))
const PX_PER_MIN = 1.1
const DAY_START_MIN = 8 * 60

function clinicIdOf(page: Page): string {
  const id = /\/clinic\/([^/]+)/.exec(page.url())?.[1]
  if (id === undefined) throw new Error(`not in the dashboard: ${page.url()}`)
  return id
}

async function getJson<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path)
  expect(res.ok(), `${path}: ${res.status()}`).toBe(true)
  return (await res.json()) as T
}

/** Free consultation times today at a location, from the server's availability (the demo clinic is open today). */
async function freeToday(page: Page, clinicId: string, location: Location): Promise<Slot[]> {
  const { slots } = await getJson<{ slots: Slot[] }>(
    page,
    `/api/v1/clinics/${clinicId}/availability?locationId=${location.id}&kind=consultation&from=${location.now.date}&to=${location.now.date}`
  )
  return slots
}

/** Clicks the empty calendar at a practitioner's column and a local time: the booking panel opens there. */
async function clickFree(page: Page, practitionerName: string, time: string): Promise<void> {
  await expect.poll(() => page.locator('.cal-head').allTextContents()).toContain(practitionerName)
  const heads = await page.locator('.cal-head').allTextContents()
  const index = heads.indexOf(practitionerName)
  const body = page.getByTestId('calendar-body')
  const box = await body.boundingBox()
  if (box === null) throw new Error('the calendar is not on screen')
  const minutes = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
  await body.click({
    position: { x: ((index + 0.5) * box.width) / heads.length, y: (minutes - DAY_START_MIN) * PX_PER_MIN + 4 },
  })
}

async function newClientInPanel(page: Page, given: string, family: string): Promise<void> {
  const panel = page.getByRole('dialog')
  await panel.getByRole('button', { name: 'New client' }).click()
  await panel.getByLabel('Given name').fill(given)
  await panel.getByLabel('Family name').fill(family)
  await panel.getByLabel('Email', { exact: true }).fill(`${given}.${family}@example.com`.toLowerCase())
  await panel.getByLabel('Phone', { exact: true }).fill(`+1 416 555 ${String(Date.now() % 10_000).padStart(4, '0')}`)
}

/**
 * The clinical side's part before the front desk books a course: the practitioner has the client approve the design
 * on the clinic's tablet and makes the treatment plan from it (the demo's design-stage clients have no plan yet).
 */
async function planFor(baseURL: string, family: string): Promise<void> {
  const api = await request.newContext({ baseURL })
  const signedIn = await api.post('/api/v1/auth/sign-in', {
    data: { email: DEMO.practitioner, password: DEMO_PASSWORD },
  })
  const { csrfToken } = (await signedIn.json()) as { csrfToken: string }
  const headers = { 'x-csrf-token': csrfToken }
  const me = (await (await api.get('/api/v1/me')).json()) as { memberships: { clinicId: string }[] }
  const base = `/api/v1/clinics/${me.memberships[0]?.clinicId ?? ''}`
  const client = (
    (await (await api.get(`${base}/clients?q=${family}`)).json()) as { items: { id: string; homeLocationId: string }[] }
  ).items[0]
  if (client === undefined) throw new Error(`no demo client ${family}`)
  const plans = (await (await api.get(`${base}/clients/${client.id}/plans`)).json()) as { items: unknown[] }
  if (plans.items.length === 0) {
    const designs = (await (await api.get(`${base}/clients/${client.id}/designs`)).json()) as {
      items: { id: string; latest: { id: string } }[]
    }
    const design = designs.items[0]
    if (design === undefined) throw new Error(`${family} has no design`)
    const approved = await api.post(`${base}/designs/${design.id}/approval`, {
      headers,
      data: { versionId: design.latest.id, method: 'in-clinic' },
    })
    expect([200, 201, 409]).toContain(approved.status())
    const plan = await api.post(`${base}/clients/${client.id}/plans`, {
      headers,
      data: { designVersionId: design.latest.id, locationId: client.homeLocationId },
    })
    expect(plan.status(), await plan.text()).toBe(201)
  }
  await api.dispose()
}

async function openAppointment(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${name}, `) }).click()
  await expect(page.getByRole('dialog')).toBeVisible()
  // the panel takes the focus: its heading
  await expect(page.getByRole('dialog').getByRole('heading', { level: 2 })).toBeFocused()
}

test('the front desk runs the day from the calendar', async ({ page, baseURL }) => {
  test.setTimeout(240_000)
  await planFor(baseURL ?? '', 'Tanaka')
  await signIn(page, DEMO.frontDesk)
  const clinicId = clinicIdOf(page)
  const { items: locations } = await getJson<{ items: Location[] }>(page, `/api/v1/clinics/${clinicId}/locations`)
  // the location whose day still has free times for the whole walk (a booking, a no-show and a walk-in, with a margin
  // for the times the steps use up): Toronto first; Vancouver's day ends three hours later
  let location: Location | undefined
  let slots: Slot[] = []
  for (const l of locations) {
    slots = await freeToday(page, clinicId, l)
    if (slots.length >= 6) {
      location = l
      break
    }
  }
  if (location === undefined) throw new Error('the demo clinic has no free consultation time left today anywhere')
  const here = location
  const nameOf = (id: string) => here.practitioners.find((p) => p.membershipId === id)?.displayName ?? ''
  const ana = { given: 'Ana', family: `Desk${run}` }
  const anaName = `${ana.given} ${ana.family}`

  await page.getByRole('link', { name: 'Calendar' }).click()
  await settled(page)
  if (here.id !== locations[0]?.id) {
    await page.getByLabel('Location').selectOption(here.id)
    await settled(page)
  }

  await test.step('a new client is booked into a free time by clicking the calendar', async () => {
    const slot = slots[0] as Slot
    await clickFree(page, nameOf(slot.practitionerId), slot.startsAtLocal.time)
    const panel = page.getByRole('dialog')
    await expect(panel.getByRole('heading', { name: `New booking at ${here.name}` })).toBeFocused()
    await expect(panel.getByLabel('Time')).toHaveValue(slot.startsAtLocal.time)
    await expect(panel.getByLabel('Practitioner')).toHaveValue(slot.practitionerId)
    await newClientInPanel(page, ana.given, ana.family)
    await expectAccessible(page, 'booking panel')
    await screenshot(page, 'front-desk-booking')
    await panel.getByRole('button', { name: 'Save the client and book' }).click()
    await answered(page.locator('.toast').filter({ hasText: `Booked ${anaName}` })).toBeFocused()
    await expect(page.getByRole('button', { name: new RegExp(`^${anaName}, Consultation`) })).toBeVisible()
  })

  await test.step('the client arrives and is checked in, then the visit is completed', async () => {
    await openAppointment(page, anaName)
    await page.getByRole('button', { name: 'Check in (arrived)' }).click()
    await answered(page.locator('.toast')).toHaveText(
      new RegExp(`^Checked in: ${anaName}, consultation at \\d{1,2}:\\d{2} [ap]\\.m\\.`)
    )
    await expect(
      page.getByRole('button', { name: new RegExp(`^${anaName}, Consultation, .*, checked in$`) })
    ).toBeVisible()
    // the panel stays open on the new status: completing is one click away
    await expect(page.getByRole('dialog').locator('.status-badge-arrived')).toBeVisible()
    await page.getByRole('dialog').getByRole('button', { name: 'Mark completed' }).click()
    await answered(page.locator('.toast')).toHaveText(new RegExp(`^Completed: ${anaName}, consultation at `))
    await openAppointment(page, anaName)
    // every change in the history, with who made it
    const history = page.getByRole('dialog').locator('.history li')
    await expect(history).toHaveCount(3)
    await expect(history.nth(0)).toContainText('Booked for')
    await expect(history.nth(1)).toContainText('Checked in')
    await expect(history.nth(2)).toContainText('Completed')
    await expect(history.nth(2)).toContainText('Jordan')
    await screenshot(page, 'front-desk-history')
    // Escape closes the panel and gives the focus back
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toHaveCount(0)
  })

  const ben = { given: 'Ben', family: `Away${run}` }
  const benName = `${ben.given} ${ben.family}`
  await test.step('a client who does not come is marked a no-show', async () => {
    const fresh = await freeToday(page, clinicId, here)
    const slot = fresh[0] as Slot
    await clickFree(page, nameOf(slot.practitionerId), slot.startsAtLocal.time)
    await newClientInPanel(page, ben.given, ben.family)
    await page.getByRole('dialog').getByRole('button', { name: 'Save the client and book' }).click()
    await answered(page.locator('.toast')).toHaveText(new RegExp(`^Booked ${benName}`))
    await openAppointment(page, benName)
    await page.getByRole('button', { name: 'Mark no-show' }).click()
    await answered(page.locator('.toast')).toHaveText(new RegExp(`^Marked as a no-show: ${benName}, `))
    await expect(page.getByRole('button', { name: new RegExp(`^${benName}, .*did not come$`) })).toBeVisible()
  })

  await test.step('a walk-in takes the first free time and is checked in; then cancelled with a reason', async () => {
    await page.getByRole('button', { name: 'Walk-in' }).click()
    const panel = page.getByRole('dialog')
    // a consultation, which fits in what is left of the day at whatever hour the test runs
    await panel.getByLabel('Kind').selectOption('consultation')
    await expect(panel.getByText(/^First free today: /)).toBeVisible()
    // an existing client, found by name on the server
    await panel.getByLabel('Find a client').fill(ben.family)
    await panel.getByRole('button', { name: new RegExp(`^${benName}`) }).click()
    await panel.getByRole('button', { name: 'Book', exact: true }).click()
    await answered(page.locator('.toast')).toHaveText(new RegExp(`^Booked ${benName} .*; checked in\\.`))
    await page
      .getByRole('button', { name: new RegExp(`^${benName}, .*checked in$`) })
      .first()
      .click()
    await page.getByRole('button', { name: 'Cancel appointment…' }).click()
    await page.getByLabel('Reason for cancelling').fill('Felt unwell in the waiting room')
    await page.getByRole('button', { name: 'Cancel the appointment' }).click()
    await answered(page.locator('.toast')).toHaveText(/^Cancelled: .* \(Felt unwell in the waiting room\)\./)
    // cancelled visits stay on the calendar when asked for, and open on their history and reason
    await page.getByLabel('Show cancelled').check()
    await page
      .getByRole('button', { name: new RegExp(`^${benName}, .*cancelled$`) })
      .first()
      .click()
    await expect(page.getByRole('dialog')).toContainText('Felt unwell in the waiting room')
    await page.keyboard.press('Escape')
    await page.getByLabel('Show cancelled').uncheck()
    await expectAccessible(page, 'calendar after the day')
    await screenshot(page, 'front-desk-day')
  })

  await test.step('an appointment moves to another practitioner; a refused move offers times that then move it', async () => {
    // a day next week when two practitioners are free at the same time
    const day = new Date(`${here.now.date}T12:00:00Z`)
    day.setUTCDate(day.getUTCDate() + 7)
    const date = day.toISOString().slice(0, 10)
    const { slots: week } = await getJson<{ slots: Slot[] }>(
      page,
      `/api/v1/clinics/${clinicId}/availability?locationId=${here.id}&kind=consultation&from=${date}&to=${date}`
    )
    const byStart = new Map<string, Set<string>>()
    for (const s of week) byStart.set(s.startsAt, (byStart.get(s.startsAt) ?? new Set()).add(s.practitionerId))
    const [start, who] = [...byStart.entries()].find(([, ps]) => ps.size >= 2) ?? []
    if (start === undefined || who === undefined) throw new Error(`no time on ${date} with two practitioners free`)
    const [first, second] = [...who] as [string, string]
    const slot = week.find((s) => s.startsAt === start && s.practitionerId === first) as Slot
    await page.getByRole('button', { name: 'New booking' }).click()
    const panel = page.getByRole('dialog')
    await panel.getByLabel('Find a client').fill(anaName)
    await panel.getByRole('button', { name: new RegExp(`^${anaName}`) }).click()
    await panel.getByLabel('Date').fill(slot.startsAtLocal.date)
    await panel.getByLabel('Time').fill(slot.startsAtLocal.time)
    await panel.getByLabel('Practitioner').selectOption(first)
    await panel.getByRole('button', { name: 'Book', exact: true }).click()
    await answered(page.locator('.toast')).toHaveText(new RegExp(`^Booked ${anaName} .* with ${nameOf(first)}`))
    // the calendar shows the booked day
    await expect(page.locator('.date-label')).toContainText(String(day.getUTCDate()))

    await openAppointment(page, anaName)
    await page.getByRole('dialog').getByLabel('Practitioner').selectOption(second)
    await page.getByRole('dialog').getByLabel('Reason (kept in the history)').fill('Client prefers a colleague')
    await page.getByRole('dialog').getByRole('button', { name: 'Move', exact: true }).click()
    await answered(page.locator('.toast')).toHaveText(new RegExp(`^Moved ${anaName} to .* with ${nameOf(second)}`))
    const columns = await page.locator('.cal-head').allTextContents()
    const event = page.getByRole('button', { name: new RegExp(`^${anaName}, `) })
    const eventBox = await event.boundingBox()
    const bodyBox = await page.getByTestId('calendar-body').boundingBox()
    if (eventBox === null || bodyBox === null) throw new Error('the calendar is not on screen')
    // it now sits in the second practitioner's column
    expect(Math.floor(((eventBox.x - bodyBox.x + 4) / bodyBox.width) * columns.length)).toBe(
      columns.indexOf(nameOf(second))
    )

    // moved to a time the practitioner is not there (before opening): refused with the reason and free times
    await openAppointment(page, anaName)
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Time').fill('07:00')
    await dialog.getByRole('button', { name: 'Move', exact: true }).click()
    const refusal = dialog.locator('.refusal')
    await expect(refusal).toContainText(/is open .* does not fit/)
    const offered = refusal.getByRole('button', { name: /^Move / })
    await expect(offered.first()).toBeVisible()
    expect(await offered.count()).toBeGreaterThanOrEqual(1)
    expect(await offered.count()).toBeLessThanOrEqual(3)
    await expectAccessible(page, 'refused move')
    await screenshot(page, 'front-desk-move-refused')
    const label = (await offered.first().textContent()) ?? ''
    await offered.first().click()
    await answered(page.locator('.toast')).toHaveText(new RegExp(`^Moved ${anaName} to `))
    // the time offered is the time it moved to
    const offeredWhen = /^Move (.*) with /.exec(label)?.[1] ?? ''
    expect(offeredWhen).not.toBe('')
    await answered(page.locator('.toast')).toContainText(offeredWhen)
  })

  await test.step('a course is booked from the plan, reached from the calendar', async () => {
    await page.getByRole('button', { name: 'New booking' }).click()
    const panel = page.getByRole('dialog')
    await panel.getByLabel('Kind').selectOption('smp-session')
    await panel.getByLabel('Find a client').fill('Tanaka')
    await panel.getByRole('button', { name: /^Hiro Tanaka/ }).click()
    await panel.getByRole('link', { name: "Book the whole course from Hiro Tanaka's plan" }).click()
    await expect(page.getByRole('heading', { name: 'Course of sessions for Hiro Tanaka', level: 1 })).toBeVisible()
    await expect(page.getByText(/days apart as the plan says/)).toBeVisible()
    await page.getByRole('button', { name: 'Book the course' }).click()
    await expect(page.getByRole('heading', { name: 'Booked sessions' })).toBeVisible({ timeout: 60_000 })
    const sessions = page.locator('.course-session')
    expect(await sessions.count()).toBeGreaterThanOrEqual(2)
    await expect(sessions.first()).toContainText(/Session 1: \w{3}, \w{3} \d+, \d{4}, \d+:\d{2}/)
    await expectAccessible(page, 'course booked')
    await screenshot(page, 'front-desk-course')
  })
})

test('the owner sets the travel time between two locations', async ({ page }) => {
  await signIn(page, DEMO.owner)
  await page.getByRole('link', { name: 'Locations' }).click()
  await expect(page.getByRole('heading', { name: 'Locations', level: 1 })).toBeVisible()
  await settled(page)
  const field = page.getByLabel(/minutes of travel$/)
  await field.fill('300')
  await page.getByRole('button', { name: 'Save' }).click()
  await answered(page.locator('.toast')).toHaveText(/set to 300 minutes\./)
  await expectAccessible(page, 'locations')
  await screenshot(page, 'front-desk-travel-time')
  // back as the demo clinic had it: one location a day
  await page.getByRole('button', { name: 'Remove' }).click()
  await answered(page.locator('.toast')).toHaveText(/removed: a practitioner works at one of them a day\./)
  await expect(field).toHaveValue('')
})
