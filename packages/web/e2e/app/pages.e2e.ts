// Every main screen at tablet size (1180×820): it shows real data from the demo clinic, axe-core finds no serious or
// critical violation, and its screenshot goes to docs/screenshots/ for the README.
import { expect, test } from '@playwright/test'
import { DEMO, expectAccessible, screenshot, settled, signIn } from './fixtures.ts'

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

  test('cost estimator: a picture of the pattern gives a price range from the price list', async ({ page }) => {
    await page.goto('/estimate')
    await page.getByText('Norwood V', { exact: true }).click()
    const result = page.locator('.estimate-result')
    await expect(result.getByRole('heading', { level: 2 })).toHaveText(/\$.*–.*\$/)
    await expectAccessible(page, 'cost estimator')
    await screenshot(page, 'cost-estimator')
  })

  test('FAQ answers what clients ask', async ({ page }) => {
    await page.goto('/faq')
    await page.getByText('Does it hurt?').click()
    await expect(page.getByText(/0\.18–0\.30 mm/)).toBeVisible()
    await expectAccessible(page, 'FAQ')
    await screenshot(page, 'faq')
  })

  test('booking a free consultation', async ({ page }) => {
    await page.goto('/book')
    await expect(page.getByRole('heading', { name: 'Book a free consultation', level: 1 })).toBeVisible()
    await settled(page)
    await expectAccessible(page, 'booking')
    await screenshot(page, 'book-consultation')
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
    await page.getByLabel('Show').selectOption('week')
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
