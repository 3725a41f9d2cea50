// The demo clinic's calendar on PGlite and PostgreSQL: chairs and hours, the rest of each in-course client's course
// with its spacing, consultations this week, appointments on the first open day, all inside opening hours; read back
// through the API as the front desk sees it.
import { localTime } from '@stipple/domain'
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openTestServer, signIn, type TestServer } from '../test/harness.ts'
import { DEMO_PASSWORD, seedDemoIfEmpty } from './seed.ts'

const DAY = 86_400_000
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

/** Local date, weekday key and 'HH:MM' of an instant in a zone. */
/** The wall clock at a location, from the pinned time-zone table the product itself reads (not the runtime's ICU). */
function local(instant: Date, timeZone: string) {
  const { date, time } = localTime(instant.getTime(), timeZone)
  return { date, day: DAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '', time }
}
const dayOf = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY)

describeEachDatabase('demo calendar', (database) => {
  let server: TestServer
  let clinicId: string
  const seededAt = new Date()
  beforeAll(async () => {
    server = await openTestServer(await database())
    expect(await seedDemoIfEmpty(server.db, server.auth)).toBe(true)
    clinicId = (await server.db.selectFrom('clinics').select('id').executeTakeFirstOrThrow()).id
  })
  afterAll(async () => {
    await server?.close()
  })

  const appointments = () =>
    server.db
      .selectFrom('appointments as a')
      .innerJoin('locations as l', 'l.id', 'a.location_id')
      .leftJoin('clients as c', 'c.id', 'a.client_id')
      .select([
        'a.id',
        'a.kind',
        'a.starts_at',
        'a.ends_at',
        'a.course_id',
        'a.course_index',
        'a.source',
        'a.contact',
        'a.location_id',
        'l.time_zone',
        'l.opening_hours',
        'c.stage',
        'a.client_id',
      ])
      .where('a.clinic_id', '=', clinicId)
      .orderBy('a.starts_at')
      .execute()

  it('gives every location two chairs and every practitioner hours where their clients live', async () => {
    const chairs = await server.db.selectFrom('chairs').select(['location_id', 'name']).execute()
    const locations = await server.db.selectFrom('locations').select('id').execute()
    for (const l of locations) expect(chairs.filter((c) => c.location_id === l.id)).toHaveLength(2)
    const hours = await server.db
      .selectFrom('practitioner_locations as pl')
      .innerJoin('memberships as m', 'm.id', 'pl.membership_id')
      .select(['m.display_name'])
      .execute()
    expect(new Set(hours.map((h) => h.display_name))).toEqual(new Set(['Sam Okafor', 'Léa Tremblay', 'Raj Patel']))
  })

  it('books the rest of each in-course course after the last session, 7–14 days apart, in the future', async () => {
    const all = await appointments()
    const inCourse = await server.db.selectFrom('clients').select('id').where('stage', '=', 'in-course').execute()
    expect(inCourse.length).toBeGreaterThan(0)
    for (const c of inCourse) {
      const sessions = all.filter((a) => a.client_id === c.id && a.course_id !== null)
      const done = await server.db
        .selectFrom('session_records')
        .select('performed_at')
        .where('client_id', '=', c.id)
        .orderBy('performed_at', 'desc')
        .execute()
      const plan = await server.db.selectFrom('treatment_plans').select('plan').where('client_id', '=', c.id).execute()
      const planned = ((plan[0]?.plan as { sessions?: unknown[] } | undefined)?.sessions ?? []).length
      expect(plan).toHaveLength(1)
      expect(sessions.length).toBe(planned - done.length)
      expect(sessions.map((s) => s.course_index)).toEqual(sessions.map((_, i) => done.length + i + 1))
      const tz = sessions[0]?.time_zone ?? 'UTC'
      const dates = [done[0]?.performed_at, ...sessions.map((s) => s.starts_at)]
        .filter((d): d is Date => d !== undefined)
        .map((d) => dayOf(local(d, tz).date))
      for (let i = 1; i < dates.length; i++) {
        expect((dates[i] ?? 0) - (dates[i - 1] ?? 0)).toBeGreaterThanOrEqual(7)
        if (i > 1) expect((dates[i] ?? 0) - (dates[i - 1] ?? 0)).toBeLessThanOrEqual(14)
      }
      for (const s of sessions) expect(s.starts_at.getTime()).toBeGreaterThan(seededAt.getTime())
    }
  })

  it('has consultations this week for every enquiry, one from the public page, and appointments at each location', async () => {
    const all = await appointments()
    const enquiries = await server.db.selectFrom('clients').select('id').where('stage', '=', 'enquiry').execute()
    for (const e of enquiries) {
      const c = all.find((a) => a.client_id === e.id && a.kind === 'consultation')
      expect(c).toBeDefined()
      expect((c?.starts_at.getTime() ?? 0) - seededAt.getTime()).toBeLessThan(8 * DAY)
    }
    const visitor = all.filter((a) => a.source === 'public')
    expect(visitor).toHaveLength(1)
    expect(visitor[0]?.contact?.email).toBe('marcus.bell@example.com')
    for (const l of await server.db.selectFrom('locations').select('id').execute()) {
      expect(all.filter((a) => a.location_id === l.id && a.kind === 'touch-up')).toHaveLength(1)
    }
  })

  it('keeps every appointment inside its location’s opening hours', async () => {
    for (const a of await appointments()) {
      const start = local(a.starts_at, a.time_zone)
      const end = local(a.ends_at, a.time_zone)
      expect(end.date).toBe(start.date)
      const ranges = a.opening_hours[start.day] ?? []
      expect(ranges.some(([open, close]) => open <= start.time && end.time <= close)).toBe(true)
    }
  })

  it('shows the week to the front desk through the API, without notes', async () => {
    const desk = await signIn(server, 'desk@northline.example', DEMO_PASSWORD)
    const from = local(seededAt, 'America/Toronto').date
    const to = new Date(Date.parse(`${from}T00:00:00Z`) + 7 * DAY).toISOString().slice(0, 10)
    const res = await server.app.inject({
      method: 'GET',
      url: `/api/v1/clinics/${clinicId}/appointments?from=${from}&to=${to}`,
      headers: { cookie: desk.cookie },
    })
    expect(res.statusCode).toBe(200)
    const items = res.json().items as { notes: string | null; clientName: string | null }[]
    expect(items.length).toBeGreaterThanOrEqual(4)
    expect(items.every((a) => a.notes === null)).toBe(true)
    expect(items.some((a) => a.clientName === 'Marcus Bell')).toBe(true)
  })
})
