// Places and times over HTTP: each location's taxes as data (read by staff, set by the owner, audited), quotes priced
// with the taxes of the location they are made at (Ontario HST against British Columbia GST, totals worked out by
// hand), the public estimator per location, and local times from the pinned time-zone database rather than the
// runtime's, shown by the health answer.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  as,
  createTestClinic,
  openTestServer,
  type TestClinic,
  type TestServer,
  validDesignDocument,
} from '../../test/harness.ts'

const BC_RULES = [
  { code: 'GST', label: 'GST', basisPoints: 500, appliesTo: ['treatment', 'goods'] },
  { code: 'PST', label: 'PST (British Columbia)', basisPoints: 700, appliesTo: ['goods'] },
]
const WEEK = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]]))
/** Tuesday 1 December 2026, 09:00 in Toronto: the server's clock for these tests. */
const NOW = new Date('2026-12-01T14:00:00Z')

describeEachDatabase('locations: taxes, estimates and local times', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let base: string
  let slug: string
  let vancouverId: string
  let clientId: string

  beforeAll(async () => {
    server = await openTestServer(await database(), { now: () => NOW })
    clinic = await createTestClinic(server, 'Two Provinces')
    base = `/api/v1/clinics/${clinic.clinicId}`
    slug = (
      await server.db.selectFrom('clinics').select('slug').where('id', '=', clinic.clinicId).executeTakeFirstOrThrow()
    ).slug
    // a second location, created without taxes: the owner sets British Columbia's below
    vancouverId = (
      await server.db
        .insertInto('locations')
        .values({
          clinic_id: clinic.clinicId,
          name: 'Vancouver',
          address: JSON.stringify({ line1: '2419 Main St', city: 'Vancouver', region: 'BC', country: 'CA' }),
          time_zone: 'America/Vancouver',
          opening_hours: JSON.stringify(WEEK),
          price_list_id: 'toronto',
          phone: '+1 604 555 0187',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    const owner = as(server, clinic.users.owner)
    clientId = (await owner('POST', `${base}/clients`, { givenName: 'Tova', familyName: 'Tax' })).json().id
    expect((await owner('POST', `${base}/locations/${vancouverId}/chairs`, { name: 'Chair V' })).statusCode).toBe(201)
    const hours = await owner(
      'PUT',
      `${base}/practitioners/${clinic.users.practitioner.membershipId}/locations/${vancouverId}`,
      {
        workingHours: WEEK,
      }
    )
    expect(hours.statusCode).toBe(200)
  })
  afterAll(async () => {
    await server?.close()
  })

  it('names the pinned time-zone database in the health answer', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/health' })
    expect(res.statusCode).toBe(200)
    const pinned = JSON.parse(
      readFileSync(createRequire(import.meta.url).resolve('moment-timezone/data/packed/latest.json'), 'utf8')
    ).version
    expect(res.json()).toMatchObject({ status: 'ok', tzdb: pinned })
    expect(res.json().tzdb).toMatch(/^20\d\d[a-z]$/)
  })

  it('lets staff read a location’s taxes and only the owner change them, with the change audited', async () => {
    const front = as(server, clinic.users.front_desk)
    const ontario = await front('GET', `${base}/locations/${clinic.locationId}/tax-rules`)
    expect(ontario.statusCode).toBe(200)
    expect(ontario.json().rules).toEqual([
      { code: 'HST', label: 'HST (Ontario)', basisPoints: 1300, appliesTo: ['treatment', 'goods'] },
    ])
    expect((await front('GET', `${base}/locations/${vancouverId}/tax-rules`)).json().rules).toEqual([])

    const path = `${base}/locations/${vancouverId}/tax-rules`
    expect((await as(server, clinic.users.practitioner)('PUT', path, { rules: BC_RULES })).statusCode).toBe(403)
    const set = await as(server, clinic.users.owner)('PUT', path, { rules: BC_RULES })
    expect(set.statusCode, set.body).toBe(200)
    expect(set.json().rules).toEqual(BC_RULES)
    expect(set.json().note).toBe(
      'GST 5% is shown as a line of its own and included in the total. PST (7%) applies to products bought at the clinic, not to treatment.'
    )
    const audit = await server.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'entity_id', 'actor_membership_id'])
      .where('clinic_id', '=', clinic.clinicId)
      .where('entity', '=', 'location-tax-rules')
      .execute()
    expect(audit).toEqual([
      {
        action: 'update',
        entity: 'location-tax-rules',
        entity_id: vancouverId,
        actor_membership_id: clinic.users.owner.membershipId,
      },
    ])
  })

  it('refuses bad tax rules with the field that is wrong, and keeps the rules as they were', async () => {
    const owner = as(server, clinic.users.owner)
    const path = `${base}/locations/${clinic.locationId}/tax-rules`
    const cases: [unknown, string][] = [
      [[{ ...BC_RULES[0], basisPoints: 13.5 }], 'body.rules[0].basisPoints'],
      [[{ ...BC_RULES[0], basisPoints: 9000 }], 'body.rules[0].basisPoints'],
      [[{ ...BC_RULES[0], code: 'gst' }], 'body.rules[0].code'],
      [[{ ...BC_RULES[0], appliesTo: [] }], 'body.rules[0].appliesTo'],
      [[BC_RULES[0], BC_RULES[0]], 'body.rules[1].code'],
      [Array.from({ length: 7 }, (_, i) => ({ ...BC_RULES[0], code: `T${'ABCDEFG'[i]}` })), 'body.rules'],
    ]
    for (const [rules, at] of cases) {
      const res = await owner('PUT', path, { rules })
      expect(res.statusCode, JSON.stringify(rules)).toBe(400)
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(at)
    }
    expect((await owner('GET', path)).json().rules[0].code).toBe('HST')
  })

  it('prices a plan with the taxes of the location it is made at: Ontario HST 13 %, British Columbia GST 5 %', async () => {
    const practitioner = as(server, clinic.users.practitioner)
    const design = await practitioner('POST', `${base}/clients/${clientId}/designs`, {
      title: 'Priced twice',
      document: validDesignDocument(),
    })
    expect(design.statusCode, design.body).toBe(201)
    const quoteAt = async (locationId: string) => {
      const res = await practitioner('POST', `${base}/clients/${clientId}/plans`, {
        designVersionId: design.json().versionId,
        locationId,
      })
      expect(res.statusCode, res.body).toBe(201)
      return res.json().quote as {
        currency: string
        subtotalMinor: number
        totalMinor: number
        lines: { label: string; amountMinor: number }[]
        notes: string[]
      }
    }
    const on = await quoteAt(clinic.locationId)
    const bc = await quoteAt(vancouverId)
    // the same design and price list: the same treatment before tax, CAD 1,800 (hairline and temples, 3 sessions)
    expect(on.currency).toBe('CAD')
    expect(bc.currency).toBe('CAD')
    expect(on.subtotalMinor).toBe(180_000)
    expect(bc.subtotalMinor).toBe(180_000)
    // by hand: 1,800 × 13 % = 234 → 2,034; 1,800 × 5 % = 90 → 1,890; PST is not charged on treatment in BC
    expect(on.lines.at(-1)).toEqual({ label: 'HST (Ontario) 13%', amountMinor: 23_400 })
    expect(on.totalMinor).toBe(203_400)
    expect(bc.lines.at(-1)).toEqual({ label: 'GST 5%', amountMinor: 9_000 })
    expect(bc.lines.some((l) => l.label.startsWith('PST'))).toBe(false)
    expect(bc.totalMinor).toBe(189_000)
    expect(bc.notes[0]).toContain('PST (7%) applies to products')
  })

  it('offers every location in the public estimator, each with its own taxes in the range', async () => {
    const res = await server.app.inject({ method: 'GET', url: `/api/v1/public/clinics/${slug}` })
    expect(res.statusCode).toBe(200)
    const locations = res.json().locations as {
      id: string
      phone: string | null
      today: string
      week: { name: string; ranges: string[][] }[]
      estimate: {
        currency: string
        patterns: {
          patternId: string
          range: { lowMinor: number; highMinor: number }
          withScar: { lowMinor: number }
        }[]
      }
    }[]
    expect(locations.map((l) => l.id).sort()).toEqual([clinic.locationId, vancouverId].sort())
    const nw5 = (id: string) => locations.find((l) => l.id === id)?.estimate.patterns.find((p) => p.patternId === 'nw5')
    // full head CAD 3,400, a fourth session 550: Ontario 3,400 × 1.13 = 3,842 to 3,950 × 1.13 = 4,463.50;
    // British Columbia 3,400 × 1.05 = 3,570 to 3,950 × 1.05 = 4,147.50
    expect(nw5(clinic.locationId)?.range).toEqual({ lowMinor: 384_200, highMinor: 446_350 })
    expect(nw5(vancouverId)?.range).toEqual({ lowMinor: 357_000, highMinor: 414_750 })
    // scar camouflage adds 800 before tax: 4,200 × 1.05 = 4,410
    expect(nw5(vancouverId)?.withScar.lowMinor).toBe(441_000)
    const vancouver = locations.find((l) => l.id === vancouverId)
    expect(vancouver?.phone).toBe('+1 604 555 0187')
    expect(vancouver?.today).toBe('2026-12-01')
    expect(vancouver?.week.map((d) => d.ranges.length)).toEqual([1, 1, 1, 1, 1, 0, 0])
    expect(res.json().consultationMinutes).toBe(45)
    expect(res.json().emailsConfirmations).toBe(false)
  })

  it('computes Vancouver’s December 2026 wall clock from the pinned database, whatever the runtime says', async () => {
    // BC keeps daylight time (UTC−7) all year from March 2026 in the pinned data; Node 20's ICU (tz 2025c) still
    // falls back to UTC−8 on 1 November 2026. The server must answer UTC−7: 09:00 on Monday 14 December is 16:00Z.
    const res = await server.app.inject({
      method: 'GET',
      url: `/api/v1/public/clinics/${slug}/availability?locationId=${vancouverId}&from=2026-12-14&to=2026-12-14`,
    })
    expect(res.statusCode, res.body).toBe(200)
    const first = res.json().times[0]
    expect(first.startsAt).toBe('2026-12-14T16:00:00.000Z')
    expect(first.startsAtLocal).toEqual({ date: '2026-12-14', time: '09:00', offsetMinutes: -420 })
    expect(res.json().days).toEqual([{ date: '2026-12-14', weekday: 1, times: res.json().times.length }])
  })

  it('shows the coming week from today at the location when no dates are asked for, with each day’s count', async () => {
    const res = await server.app.inject({
      method: 'GET',
      url: `/api/v1/public/clinics/${slug}/availability?locationId=${vancouverId}`,
    })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect([body.today, body.from, body.to]).toEqual(['2026-12-01', '2026-12-01', '2026-12-07'])
    expect(body.days.map((d: { date: string }) => d.date)).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
      '2026-12-07',
    ])
    // closed at the weekend; every time is counted on its own local day
    expect(body.days[4].times).toBe(0)
    expect(body.days[5].times).toBe(0)
    const counted = body.days.reduce((n: number, d: { times: number }) => n + d.times, 0)
    expect(counted).toBe(body.times.length)
    expect(counted).toBeGreaterThan(0)
    const half = await server.app.inject({
      method: 'GET',
      url: `/api/v1/public/clinics/${slug}/availability?locationId=${vancouverId}&from=2026-12-14`,
    })
    expect(half.statusCode).toBe(400)
    expect(half.json().errors[0].path).toBe('query.to')
  })
})
