// The client portal in the browser. The demo clinic has no client sign-ins yet (no route creates portal access), so
// these tests answer the portal's own routes in the page (page.route) with a real demo client's design, preview and
// plan, read from the real server as the owner; the rest of the app is the real server. They check the screens,
// axe-core and the signature pad's PNG, not the server's portal routes (its own tests do).
import { type APIRequestContext, expect, type Page, request, test } from '@playwright/test'
import { localTime } from '@stipple/domain'
import { DEMO, DEMO_PASSWORD, expectAccessible, screenshot, settled } from './fixtures.ts'

interface Real {
  clinicId: string
  designs: { id: string; latest: { id: string } }[]
  plans: unknown[]
  /** The real preview of each state the portal asks for, by its query (e.g. `stage=healed&years=5`). */
  previews: Map<string, Buffer>
}

async function realClient(baseURL: string): Promise<Real> {
  const api: APIRequestContext = await request.newContext({ baseURL })
  await api.post('/api/v1/auth/sign-in', { data: { email: DEMO.owner, password: DEMO_PASSWORD } })
  const me = (await (await api.get('/api/v1/me')).json()) as { memberships: { clinicId: string }[] }
  const clinicId = me.memberships[0]?.clinicId ?? ''
  const base = `/api/v1/clinics/${clinicId}`
  const clients = (await (await api.get(`${base}/clients?q=Kowalski`)).json()) as { items: { id: string }[] }
  const clientId = clients.items[0]?.id ?? ''
  const designList = (await (await api.get(`${base}/clients/${clientId}/designs`)).json()) as { items: Real['designs'] }
  const plans = (await (await api.get(`${base}/clients/${clientId}/plans`)).json()) as { items: unknown[] }
  const design = designList.items[0]
  if (design === undefined) throw new Error('the demo client has no design')
  const previews = new Map<string, Buffer>()
  for (const state of ['session=1&stage=fresh', 'stage=healed', 'stage=healed&years=5']) {
    const url = `${base}/designs/${design.id}/versions/${design.latest.id}/preview.png?view=three-quarter-left&width=480&${state}`
    previews.set(state, await (await api.get(url)).body())
  }
  await api.dispose()
  // fresh, healed and five years on are three different pictures
  expect(new Set([...previews.values()].map((b) => b.toString('base64'))).size).toBe(3)
  return { clinicId, designs: designList.items, plans: plans.items, previews }
}

async function asClient(page: Page, real: Real): Promise<{ signed: unknown[] }> {
  const state = { signed: [] as unknown[] }
  const json = (body: unknown, status = 200) => ({
    status,
    contentType: 'application/json',
    body: JSON.stringify(body),
  })
  await page.route('**/api/v1/me', (route) =>
    route.fulfill(
      json({
        user: { id: 'client-user', name: 'Daniel Kowalski', email: 'daniel.kowalski@example.com' },
        csrfToken: 'portal-test-token',
        memberships: [
          {
            membershipId: '00000000-0000-4000-8000-0000000000c1',
            clinicId: real.clinicId,
            clinicName: 'Northline Scalp Studio (demo)',
            role: 'client',
            displayName: 'Daniel Kowalski',
          },
        ],
      })
    )
  )
  const portal = `**/api/v1/clinics/${real.clinicId}/portal`
  const tomorrow = new Date(tomorrowAt15())
  await page.route(`${portal}/appointments`, (route) =>
    route.fulfill(
      json({
        upcoming: [
          {
            id: 'a1',
            kind: 'smp-session',
            status: 'booked',
            startsAt: tomorrow.toISOString(),
            endsAt: new Date(tomorrow.getTime() + 3 * 3_600_000).toISOString(),
            // what the server adds: the location's wall clock (domain localTime, pinned zone data)
            startsAtLocal: localTime(tomorrow.getTime(), 'America/Toronto'),
            endsAtLocal: localTime(tomorrow.getTime() + 3 * 3_600_000, 'America/Toronto'),
            durationMin: 180,
            locationName: 'Toronto — Queen West',
            practitionerName: 'Sam Okafor',
          },
        ],
        past: [],
      })
    )
  )
  // DOMAIN §6.3: no water for 4 days, no sweating for 5, no picking; the server's planner words these itself
  await page.route(`${portal}/aftercare`, (route) =>
    route.fulfill(
      json({
        session: {
          sessionIndex: 2,
          performedAt: new Date(Date.now() - 86_400_000).toISOString(),
          performedAtLocal: localTime(Date.now() - 86_400_000, 'America/Toronto'),
        },
        dayAfterSession: 1,
        today: [
          { instruction: 'Keep your scalp dry: no washing, swimming or rain.', lastDay: 4 },
          { instruction: 'No gym or heavy sweating.', lastDay: 5 },
          { instruction: 'Do not pick or scratch the small scabs.', lastDay: 7 },
        ],
        betweenSessions: 'Your next session builds density and adjusts the shade once this one has healed.',
        longTerm: [],
      })
    )
  )
  await page.route(`${portal}/designs`, (route) => route.fulfill(json({ items: real.designs })))
  await page.route(`${portal}/designs/*/versions/*/preview.png*`, (route) => {
    // the state's own preview: the query after the view and width the page asks for
    const state = new URL(route.request().url()).search.replace(/^\?view=[^&]*&width=\d+&/, '')
    const body = real.previews.get(state)
    return body === undefined
      ? route.fulfill({ status: 404, contentType: 'text/plain', body: `no preview for ${state}` })
      : route.fulfill({ status: 200, contentType: 'image/png', body })
  })
  await page.route(`${portal}/plans`, (route) => route.fulfill(json({ items: real.plans })))
  const template = {
    id: '00000000-0000-4000-8000-0000000000d1',
    kind: 'treatment',
    version: 1,
    title: 'Consent to scalp micropigmentation',
    body: 'I understand that SMP places pigment in the skin of my scalp.\n\nI have told the clinic about my health.',
  }
  await page.route(`${portal}/consents`, async (route) => {
    if (route.request().method() === 'POST') {
      const body = route.request().postDataJSON() as { signerName: string; signatureImage: string }
      state.signed.push(body)
      return route.fulfill(json({ id: 's1' }, 201))
    }
    return route.fulfill(
      json({
        signed:
          state.signed.length === 0
            ? []
            : [
                {
                  id: 's1',
                  kind: 'treatment',
                  title: template.title,
                  version: 1,
                  signerName: 'Daniel Kowalski',
                  signedAt: new Date().toISOString(),
                  signedAtLocal: localTime(Date.now(), 'America/Toronto'),
                },
              ],
        toSign: state.signed.length === 0 ? [template] : [],
      })
    )
  })
  return state
}

/** Tomorrow at 15:00Z, the mocked session's start. */
function tomorrowAt15(): number {
  const d = new Date(Date.now() + 86_400_000)
  d.setUTCHours(15, 0, 0, 0)
  return d.getTime()
}

test('the portal: upcoming sessions, today’s aftercare, the design’s simulated previews, the plan', async ({
  page,
  baseURL,
}) => {
  const real = await realClient(baseURL ?? '')
  await asClient(page, real)
  await page.goto('/portal')
  await expect(page.getByRole('heading', { name: 'Hello, Daniel' })).toBeVisible()
  await settled(page)
  await expect(page.getByText('Keep your scalp dry: no washing, swimming or rain.')).toBeVisible()
  await expect(page.getByText(/Treatment session at Toronto/)).toBeVisible()
  // the time as the server computed it: 15:00Z is 10:00 a.m. in Toronto in winter, 11:00 a.m. in summer
  const local = localTime(tomorrowAt15(), 'America/Toronto')
  await expect(page.locator('.agenda-time').first()).toContainText(`${Number(local.time.slice(0, 2))}:00 a.m.`)
  await expect(page.locator('.agenda-what').first()).toContainText('(3 hours)')
  await expectAccessible(page, 'portal home')
  await screenshot(page, 'portal-home')

  await page.getByRole('link', { name: 'Your design' }).click()
  await settled(page)
  await expect(page.locator('.simulated-mark').first()).toHaveText('Simulated')
  await expectAccessible(page, 'portal design')
  await screenshot(page, 'portal-design')

  await page.getByRole('link', { name: 'Plan and quote' }).click()
  await settled(page)
  await expect(page.getByRole('caption').or(page.getByText('Quote')).first()).toBeVisible()
  await expectAccessible(page, 'portal plan')
})

test('signing a consent on the pad sends the drawn signature as a PNG', async ({ page, baseURL }) => {
  const real = await realClient(baseURL ?? '')
  const state = await asClient(page, real)
  await page.goto('/portal/consents')
  await expect(page.getByRole('heading', { name: 'Consent to scalp micropigmentation' })).toBeVisible()
  // signing without a signature is refused at the pad
  await page.getByLabel('Your full name').fill('Daniel Kowalski')
  await page.getByRole('button', { name: /^Sign:/ }).click()
  await expect(page.getByText('Sign on the pad before you submit.')).toBeVisible()
  const pad = page.getByRole('img', { name: 'Your signature' })
  const box = await pad.boundingBox()
  if (box === null) throw new Error('the signature pad is not on screen')
  await page.mouse.move(box.x + 40, box.y + box.height * 0.6)
  await page.mouse.down()
  for (let i = 1; i <= 20; i++)
    await page.mouse.move(box.x + 40 + i * 15, box.y + box.height * (0.6 - 0.3 * Math.sin(i / 3)))
  await page.mouse.up()
  await expectAccessible(page, 'portal consents')
  await screenshot(page, 'portal-consent')
  await page.getByRole('button', { name: /^Sign:/ }).click()
  await expect(page.getByText('Nothing to sign. Thank you.')).toBeVisible()
  const sent = state.signed[0] as { signerName: string; signatureImage: string }
  expect(sent.signerName).toBe('Daniel Kowalski')
  // a PNG, base64 without the data: prefix: its first bytes are the PNG signature
  expect(Buffer.from(sent.signatureImage, 'base64').subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  )
})
