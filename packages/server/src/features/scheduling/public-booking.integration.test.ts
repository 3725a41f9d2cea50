// Public consultation booking without an account, end to end: the clinic page, live times, booking with contact
// details, the signed link to read, move and cancel it; a filled honeypot books nothing; per-address and per-email
// limits; forged and expired links refused.
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { signBookingToken } from '../../links/booking-links.ts'
import { linkSecret } from '../../links/link-secret.repository.ts'
import { as, createTestClinic, openTestServer, type TestClinic, type TestServer } from '../../test/harness.ts'

const WEEK = Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [['09:00', '17:00']]]))

describeEachDatabase('public consultation booking', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let slug: string
  let publicBase: string
  let address = 0
  /** A fresh client address per call, so the per-address limit only counts where a test means it to. */
  const post = (url: string, payload: unknown, remoteAddress = `198.51.100.${++address}`) =>
    server.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, remoteAddress })
  const get = (url: string) => server.app.inject({ method: 'GET', url })
  const tokenOf = (manageUrl: string) => new URL(manageUrl).searchParams.get('token') ?? ''

  beforeAll(async () => {
    server = await openTestServer(await database())
    clinic = await createTestClinic(server, 'Public Clinic')
    slug = (
      await server.db.selectFrom('clinics').select('slug').where('id', '=', clinic.clinicId).executeTakeFirstOrThrow()
    ).slug
    publicBase = `/api/v1/public/clinics/${slug}`
    await server.db
      .updateTable('locations')
      .set({ opening_hours: JSON.stringify(WEEK) })
      .where('id', '=', clinic.locationId)
      .execute()
    const owner = as(server, clinic.users.owner)
    const base = `/api/v1/clinics/${clinic.clinicId}`
    expect((await owner('POST', `${base}/locations/${clinic.locationId}/chairs`, { name: 'Chair A' })).statusCode).toBe(
      201
    )
    const hours = await owner(
      'PUT',
      `${base}/practitioners/${clinic.users.practitioner.membershipId}/locations/${clinic.locationId}`,
      {
        workingHours: WEEK,
      }
    )
    expect(hours.statusCode).toBe(200)
  })
  afterAll(async () => {
    await server?.close()
  })

  const times = async (from: string, to = from) => {
    const res = await get(`${publicBase}/availability?locationId=${clinic.locationId}&from=${from}&to=${to}`)
    expect(res.statusCode).toBe(200)
    return res.json().times as { startsAt: string; endsAt: string }[]
  }
  const visitor = (startsAt: string, email = 'sam.visitor@example.com') => ({
    locationId: clinic.locationId,
    startsAt,
    name: 'Sam Visitor',
    email,
    phone: '+1 416 555 0199',
    website: '',
  })

  it('shows the clinic page without anything private', async () => {
    const res = await get(publicBase)
    expect(res.statusCode).toBe(200)
    expect(res.json().locations[0]).toMatchObject({ id: clinic.locationId, timeZone: 'America/Toronto' })
    expect(res.body).not.toContain('@example.test')
    expect(res.body).not.toContain(clinic.users.practitioner.membershipId)
    expect((await get('/api/v1/public/clinics/no-such-clinic')).statusCode).toBe(404)
    expect((await get('/api/v1/public/clinics/NOT%20A%20SLUG')).statusCode).toBe(404)
    const long = await get(`${publicBase}/availability?locationId=${clinic.locationId}&from=2027-01-01&to=2027-03-01`)
    expect(long.statusCode).toBe(400)
    expect(long.json().errors[0].path).toBe('query.to')
  })

  it('books a consultation from live times, then reads, moves and cancels it through the signed link', async () => {
    const before = await times('2027-06-07')
    expect(before[0]?.startsAt).toBe('2027-06-07T13:00:00.000Z')
    expect(JSON.stringify(before)).not.toContain('practitioner')
    const res = await post(`${publicBase}/consultations`, visitor('2027-06-07T13:00:00.000Z'))
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ status: 'booked', kind: 'consultation', startsAt: '2027-06-07T13:00:00.000Z' })
    expect(res.json().manageUrl).toMatch(/^http:\/\/localhost:4000\/booking\/manage\?token=/)
    const row = await server.db
      .selectFrom('appointments')
      .select(['id', 'source', 'contact', 'client_id', 'practitioner_id'])
      .where('clinic_id', '=', clinic.clinicId)
      .where('starts_at', '=', new Date('2027-06-07T13:00:00Z'))
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      source: 'public',
      client_id: null,
      contact: { name: 'Sam Visitor', email: 'sam.visitor@example.com', phone: '+1 416 555 0199' },
      practitioner_id: clinic.users.practitioner.membershipId,
    })
    // the time is gone from the live times
    expect((await times('2027-06-07')).map((t) => t.startsAt)).not.toContain('2027-06-07T13:00:00.000Z')
    // the same time again: taken
    const again = await post(`${publicBase}/consultations`, visitor('2027-06-07T13:00:00.000Z', 'other@example.com'))
    expect(again.statusCode).toBe(409)
    expect(again.json().errors[0].path).toBe('body.startsAt')

    const token = tokenOf(res.json().manageUrl)
    const read = await get(`/api/v1/public/bookings/${token}`)
    expect(read.statusCode).toBe(200)
    expect(read.json().startsAt).toBe('2027-06-07T13:00:00.000Z')
    const moved = await post(`/api/v1/public/bookings/${token}/reschedule`, { startsAt: '2027-06-08T15:00:00.000Z' })
    expect(moved.statusCode).toBe(200)
    expect(moved.json().startsAt).toBe('2027-06-08T15:00:00.000Z')
    const cancelled = await post(`/api/v1/public/bookings/${tokenOf(moved.json().manageUrl)}/cancel`, {
      reason: 'found a date',
    })
    expect(cancelled.statusCode).toBe(200)
    expect(cancelled.json().status).toBe('cancelled')
    expect((await post(`/api/v1/public/bookings/${token}/cancel`, {})).statusCode).toBe(409)
    const changes = await server.db
      .selectFrom('appointment_changes')
      .select(['change', 'changed_by'])
      .where('appointment_id', '=', row.id)
      .orderBy('id')
      .execute()
    expect(changes).toEqual([
      { change: 'booked', changed_by: null },
      { change: 'rescheduled', changed_by: null },
      { change: 'cancelled', changed_by: null },
    ])
    // the audit log names the website visitor as the record, not just "Appointment"
    const log = await as(server, clinic.users.owner)(
      'GET',
      `/api/v1/clinics/${clinic.clinicId}/audit?entity=appointment&limit=50`
    )
    expect(log.statusCode).toBe(200)
    const rows = (log.json().items as { entityId: string; clientName: string | null }[]).filter(
      (e) => e.entityId === row.id
    )
    expect(rows.length).toBeGreaterThan(0)
    for (const e of rows) expect(e.clientName).toBe('Sam Visitor')
  })

  it('pretends to book when the honeypot is filled, and books nothing', async () => {
    const count = async () =>
      (await server.db.selectFrom('appointments').select('id').where('clinic_id', '=', clinic.clinicId).execute())
        .length
    const before = await count()
    const res = await post(`${publicBase}/consultations`, {
      ...visitor('2027-06-09T14:00:00.000Z', 'bot@example.com'),
      website: 'http://spam.example',
    })
    expect(res.statusCode).toBe(201)
    expect(res.json().status).toBe('booked')
    expect(await count()).toBe(before)
    expect((await times('2027-06-09')).map((t) => t.startsAt)).toContain('2027-06-09T14:00:00.000Z')
    // its link leads nowhere
    expect((await get(`/api/v1/public/bookings/${tokenOf(res.json().manageUrl)}`)).statusCode).toBe(404)
  })

  it('limits bookings per address and per email', async () => {
    // on the hour: one practitioner and one chair, and each consultation holds an hour with its cleaning time
    const slots = (await times('2027-06-14', '2027-06-16')).map((t) => t.startsAt).filter((t) => t.includes(':00:00.'))
    expect(slots.length).toBeGreaterThanOrEqual(16)
    const ip = '203.0.113.7'
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      const res = await post(`${publicBase}/consultations`, visitor(slots[i] ?? '', `person${i}@example.com`), ip)
      statuses.push(res.statusCode)
      if (res.statusCode === 429) {
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
        expect(res.json().detail).toMatch(/try again in \d+ minutes/)
      }
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201))
    expect(statuses[10]).toBe(429)
    const perEmail: number[] = []
    for (let i = 0; i < 4; i++) {
      perEmail.push(
        (await post(`${publicBase}/consultations`, visitor(slots[12 + i] ?? '', 'same.person@example.com'))).statusCode
      )
    }
    expect(perEmail).toEqual([201, 201, 201, 429])
  })

  it('refuses forged, altered and expired links', async () => {
    const res = await post(`${publicBase}/consultations`, visitor('2027-06-11T14:00:00.000Z', 'links@example.com'))
    expect(res.statusCode).toBe(201)
    const token = tokenOf(res.json().manageUrl)
    const [id, expires, sig] = token.split('.')
    const secret = await linkSecret(server.db)
    const expired = signBookingToken(secret, id ?? '', new Date(Date.now() - 60_000))
    const forged = signBookingToken(Buffer.alloc(32, 1), id ?? '', new Date(Date.now() + 86_400_000))
    for (const bad of [expired, forged, `${id}.${Number(expires) + 1}.${sig}`, 'nonsense', 'x'.repeat(90)]) {
      const read = await get(`/api/v1/public/bookings/${encodeURIComponent(bad)}`)
      expect(read.statusCode).toBe(404)
      expect(read.json().detail).toMatch(/not valid or has expired/)
      expect((await post(`/api/v1/public/bookings/${encodeURIComponent(bad)}/cancel`, {})).statusCode).toBe(404)
    }
    expect((await get(`/api/v1/public/bookings/${'x'.repeat(300)}`)).statusCode).toBe(404)
    // the real link still works
    expect((await get(`/api/v1/public/bookings/${token}`)).statusCode).toBe(200)
  })

  it('no longer cancels or moves a visit that has begun, even while the link is still valid', async () => {
    const free = (await times('2027-07-02'))[0]
    if (free === undefined) throw new Error('no free time on 2027-07-02')
    const res = await post(`${publicBase}/consultations`, visitor(free.startsAt, 'begun@example.com'))
    expect(res.statusCode, res.body).toBe(201)
    const token = tokenOf(res.json().manageUrl)
    // moved by the clinic to an hour ago (the link was made for the later time)
    const start = new Date(Date.now() - 60 * 60_000)
    const end = new Date(start.getTime() + 45 * 60_000)
    await server.db
      .updateTable('appointments')
      .set({
        starts_at: start,
        ends_at: end,
        blocks: `[${start.toISOString()},${new Date(end.getTime() + 15 * 60_000).toISOString()})`,
      })
      .where('id', '=', token.split('.')[0] ?? '')
      .execute()
    const cancel = await post(`/api/v1/public/bookings/${token}/cancel`, {})
    expect(cancel.statusCode).toBe(409)
    expect(cancel.json().detail).toMatch(/already begun/)
    const later = (await times('2027-07-05'))[0]
    const move = await post(`/api/v1/public/bookings/${token}/reschedule`, { startsAt: later?.startsAt })
    expect(move.statusCode).toBe(409)
    expect((await get(`/api/v1/public/bookings/${token}`)).json().status).toBe('booked')
  })

  it('refuses bad input with the field named, and books nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...visitor('2027-06-12T14:00:00.000Z'), email: 'not-an-email' }, 'body.email'],
      [{ ...visitor('2027-06-12T14:00:00.000Z'), phone: 'call me' }, 'body.phone'],
      [{ ...visitor('2027-06-12T14:00:00.000Z'), name: 'x'.repeat(201) }, 'body.name'],
      [{ ...visitor('2027-06-12T14:00:00.000Z'), extra: 1 }, 'body'],
      [{ ...visitor('tomorrow') }, 'body.startsAt'],
    ]
    for (const [body, path] of cases) {
      const res = await post(`${publicBase}/consultations`, body)
      expect(res.statusCode).toBe(400)
      const paths = res.json().errors.map((e: { path: string }) => e.path) as string[]
      expect(paths.some((p) => p === path || (path === 'body' && p.startsWith('body')))).toBe(true)
    }
    const rows = await server.db
      .selectFrom('appointments')
      .select('id')
      .where('starts_at', '=', new Date('2027-06-12T14:00:00Z'))
      .execute()
    expect(rows).toHaveLength(0)
    // a time nobody offers (the clinic is closed at night)
    const night = await post(`${publicBase}/consultations`, visitor('2027-06-12T05:00:00.000Z'))
    expect(night.statusCode).toBe(409)
  })
})
