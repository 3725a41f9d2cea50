// Every main screen at tablet size (1180×820): it shows real data from the demo clinic, axe-core finds no serious or
// critical violation, and its screenshot goes to docs/screenshots/ for the README.
import { expect, test } from '@playwright/test'
import { DEMO, expectAccessible, screenshot, screenshotOf, settled, signIn } from './fixtures.ts'

test.describe('public site', () => {
  test('home: services, practitioners with credentials, results', async ({ page }) => {
    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'What we treat' })).toBeVisible()
    await expect(page.getByRole('heading', { name: "Women's SMP" })).toBeVisible()
    await settled(page)
    await expect(page.getByRole('heading', { name: 'Sam Okafor' })).toBeVisible()
    await expectAccessible(page, 'public home')
    await screenshot(page, 'public-home')
  })

  test('where to find us: each location with its address, phone and opening hours', async ({ page }) => {
    await page.goto('/')
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Where to find us' }) })
    const toronto = section.getByLabel('Toronto — Queen West')
    const vancouver = section.getByLabel('Vancouver — Mount Pleasant')
    await expect(toronto.getByText('812 Queen St W')).toBeVisible()
    await expect(toronto.getByRole('link', { name: '+1 416 555 0200' })).toHaveAttribute('href', 'tel:+14165550200')
    await expect(vancouver.getByText('2419 Main St')).toBeVisible()
    await expect(vancouver.getByRole('link', { name: '+1 604 555 0200' })).toBeVisible()
    // the demo clinic's hours: weekdays, Wednesday late, closed on Sunday
    await expect(vancouver.getByRole('row', { name: /Sunday/ })).toContainText('Closed')
    await expect(vancouver.getByRole('row', { name: /Wednesday/ })).toContainText(/10:00 a\.m\. – 8:00 p\.m\./)
    await section.scrollIntoViewIfNeeded()
    await settled(page)
    await expectAccessible(page, 'locations')
    await screenshotOf(section, 'public-locations')
  })

  test('cost estimator: every location, each with its own taxes in the range', async ({ page }) => {
    await page.goto('/estimate')
    await page.getByText('Norwood V', { exact: true }).click()
    const result = page.locator('.estimate-result')
    const place = page.getByLabel('Clinic')
    await expect(place.locator('option')).toHaveText(['Toronto — Queen West', 'Vancouver — Mount Pleasant'])
    // full head CAD 3,400, four sessions 3,950: Ontario HST 13 % → 3,842 – 4,463.50
    await expect(result.getByRole('heading', { level: 2 })).toHaveText('$3,842 – $4,463.50')
    await expect(result).toContainText('HST (Ontario) 13% is shown as a line of its own')
    // British Columbia: GST 5 % on treatment, PST on products only → 3,570 – 4,147.50
    await place.selectOption({ label: 'Vancouver — Mount Pleasant' })
    await expect(result.getByRole('heading', { level: 2 })).toHaveText('$3,570 – $4,147.50')
    await expect(result).toContainText('PST (7%) applies to products bought at the clinic, not to treatment.')
    await expectAccessible(page, 'cost estimator')
    // the clinic chosen and the answer on screen
    await result.evaluate((e) => e.scrollIntoView({ block: 'end' }))
    await screenshot(page, 'cost-estimator')
  })

  test('FAQ answers what clients ask', async ({ page }) => {
    await page.goto('/faq')
    await page.getByText('Does it hurt?').click()
    await expect(page.getByText(/0\.18–0\.30 mm/)).toBeVisible()
    await expectAccessible(page, 'FAQ')
    await screenshot(page, 'faq')
  })

  test('booking on a phone: a strip of days a thumb can hit, and no sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto('/book')
    await settled(page)
    const days = page.getByRole('list', { name: 'Days of the week' }).getByRole('button')
    await expect(days).toHaveCount(7)
    const strip = page.getByRole('list', { name: 'Days of the week' })
    expect(await strip.evaluate((e) => getComputedStyle(e).listStyleType)).toBe('none')
    for (const box of await days.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height)))
      expect(box).toBeGreaterThanOrEqual(44)
    // the weekday, the date and the count are separate lines, not run together
    const first = days.first()
    const lines = await first.locator('span').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top))
    expect(new Set(lines).size).toBe(3)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(page, 'book-consultation-phone')
  })

  test('booking a free consultation: one day at a time, the week to move around, the length booked', async ({
    page,
  }) => {
    await page.goto('/book')
    await expect(page.getByRole('heading', { name: 'Book a free consultation', level: 1 })).toBeVisible()
    await expect(page.getByText(/^45 minutes with a practitioner/)).toBeVisible()
    await settled(page)
    const days = page.getByRole('list', { name: 'Days of the week' }).getByRole('button')
    await expect(days).toHaveCount(7)
    // one day's times only: every time on screen sits under the one chosen day
    await expect(page.locator('.slot-day')).toHaveCount(1)
    const chosen = days.and(page.locator('[aria-pressed="true"]'))
    await expect(chosen).toHaveCount(1)
    const count = Number((await chosen.locator('.day-count').textContent())?.match(/\d+/)?.[0])
    await expect(page.locator('.slot')).toHaveCount(count)
    expect(count).toBeLessThan(40)
    // another day with times shows its own, and the week moves on
    const other = days.and(page.locator('[aria-pressed="false"]:not([disabled])')).first()
    const otherName = (await other.getAttribute('aria-label'))?.split(':')[0] ?? ''
    await other.click()
    await expect(page.locator('.slot-day h3')).toHaveText(otherName)
    await page.locator('.slot').first().click()
    await expect(page.locator('.summary')).toContainText('(45 minutes)')
    await expectAccessible(page, 'booking')
    // the location with its hours, the week's days and the chosen day's times on one screen
    await page.locator('.booking .location').evaluate((e) => e.scrollIntoView({ block: 'start' }))
    await screenshot(page, 'book-consultation')
    const firstWeek = await page.locator('.day-picker .date-label').textContent()
    await page.getByRole('button', { name: 'Later week' }).click()
    await expect(page.locator('.day-picker .date-label')).not.toHaveText(firstWeek ?? '')
    await expect(page.getByRole('button', { name: 'Earlier week' })).toBeEnabled()
  })

  test('sign-in shows a wrong password next to the form, and keeps the email', async ({ page }) => {
    await page.goto('/signin')
    await page.getByLabel('Email').fill(DEMO.owner)
    await page.getByLabel('Password').fill('not the password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert')).toBeVisible()
    await expect(page.getByLabel('Email')).toHaveValue(DEMO.owner)
    await expectAccessible(page, 'sign-in')
    await screenshot(page, 'sign-in')
  })
})

test.describe('clinic dashboard', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, DEMO.owner)
  })

  test('today at each location', async ({ page }) => {
    await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible()
    await settled(page)
    await expectAccessible(page, 'dashboard today')
    await screenshot(page, 'dashboard-today')
  })

  test('calendar, day and week', async ({ page }) => {
    await page.getByRole('link', { name: 'Calendar' }).click()
    await expect(page.getByRole('heading', { name: 'Calendar', level: 1 })).toBeVisible()
    await settled(page)
    await expectAccessible(page, 'calendar day')
    await screenshot(page, 'calendar-day')
    await page.getByLabel('Show', { exact: true }).selectOption('week')
    await settled(page)
    await expectAccessible(page, 'calendar week')
    await screenshot(page, 'calendar-week')
  })

  for (const screen of [
    { link: 'Lot recall', heading: 'Lot recall', name: 'lot-recall' },
    { link: 'Credentials', heading: 'Credentials expiring soon', name: 'credentials' },
    { link: 'Messages', heading: 'Emails to clients', name: 'outbox' },
  ]) {
    test(`${screen.heading}`, async ({ page }) => {
      await page.getByRole('link', { name: screen.link }).click()
      await expect(page.getByRole('heading', { name: screen.heading, level: 1 })).toBeVisible()
      await settled(page)
      await expect(page.locator('.state-error')).toHaveCount(0)
      await expectAccessible(page, screen.heading)
      await screenshot(page, screen.name)
    })
  }

  test('audit log: people and clients by name, filtered by who, what and when', async ({ page }) => {
    test.setTimeout(90_000)
    // the owner opens a client's file, so the log has a read of a named client by a named person
    await page.getByRole('link', { name: 'Clients' }).click()
    await page.getByLabel('Search').fill('Kowalski')
    await page.getByRole('link', { name: 'Daniel Kowalski' }).click()
    await expect(page.getByRole('heading', { name: /Daniel Kowalski/, level: 1 })).toBeVisible()
    await page.getByRole('link', { name: 'Audit log' }).click()
    await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible()
    await page.getByLabel('Record').selectOption({ label: 'Client file' })
    const row = page.getByRole('row', { name: /Client file · Daniel Kowalski/ }).first()
    await expect(row).toBeVisible()
    await expect(row).toContainText('Maya Chen')
    // no bare record ids anywhere on the page
    await expect(page.locator('table')).not.toContainText(/client-file [0-9a-f]{8}/)
    // only the people in the log are offered; choosing one shows only what they did
    await page.getByLabel('Who').selectOption({ label: 'Maya Chen (owner)' })
    await settled(page)
    const who = page.locator('tbody tr td:nth-child(2)')
    await expect(who.first()).toContainText('Maya Chen')
    for (const text of await who.allTextContents()) expect(text).toContain('Maya Chen')
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await page.getByLabel('From').fill('2020-01-01')
    await page.getByLabel('To').fill('2020-01-31')
    await expect(page.getByText('Nothing matches these filters.')).toBeVisible()
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await page.getByLabel('What was done').selectOption({ label: 'Read' })
    await expect(page.getByRole('row', { name: /Client file · Daniel Kowalski/ }).first()).toBeVisible()
    await settled(page)
    await expectAccessible(page, 'audit log filtered')
    await screenshot(page, 'audit-log')
  })

  test('clients: search finds a client and opens the file', async ({ page }) => {
    await page.getByRole('link', { name: 'Clients' }).click()
    await settled(page)
    await expectAccessible(page, 'clients')
    await screenshot(page, 'clients')
    await page.getByLabel('Search').fill('Kowalski')
    await expect(page.getByRole('link', { name: 'Daniel Kowalski' })).toBeVisible()
    await expect(page.getByRole('row')).toHaveCount(2)
    await page.getByRole('link', { name: 'Daniel Kowalski' }).click()
    await expect(page.getByRole('heading', { name: /Daniel Kowalski/, level: 1 })).toBeVisible()
    await settled(page)
    await expectAccessible(page, 'client file')
    await screenshot(page, 'client-file')
    await page.getByRole('tab', { name: 'Sessions' }).click()
    await expect(page.getByText(/Pigments:/).first()).toBeVisible()
    await screenshot(page, 'client-sessions')
  })
})
