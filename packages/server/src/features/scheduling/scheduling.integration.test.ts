// Booking through the API on both databases: chairs and hours, availability across Toronto's DST changes, no double
// booking under 200 concurrent requests (per practitioner and per chair), idempotent retries, cancel/reschedule/no-show
// with every change recorded, courses kept within their spacing, touch-up proposals and the client portal.
import { randomUUID } from 'node:crypto'
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  as,
  createTestClinic,
  openTestServer,
  type TestClinic,
  type TestServer,
  type TestUser,
} from '../../test/harness.ts'

const WEEK = {
  sun: [['09:00', '17:00']],
  mon: [['09:00', '17:00']],
  tue: [['09:00', '17:00']],
  wed: [['09:00', '17:00']],
  thu: [['09:00', '17:00']],
  fri: [['09:00', '17:00']],
  sat: [['09:00', '17:00']],
}
const DAY = 86_400_000
const dayOf = (iso: string) => Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY)
/** Local date in Toronto of an instant. */
const torontoDate = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Toronto',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso))

describeEachDatabase('booking', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let other: TestClinic
  let base: string
  let chairs: string[]
  let clientId: string
  const owner = () => as(server, clinic.users.owner)
  const desk = () => as(server, clinic.users.front_desk)

  async function newClient(given = 'Dana', family = 'Quinn'): Promise<string> {
    const res = await owner()('POST', `${base}/clients`, { givenName: given, familyName: family })
    expect(res.statusCode).toBe(201)
    return res.json().id
  }

  /** A practitioner membership of the clinic working every day 09:00–17:00 at its location. */
  async function newPractitioner(name: string): Promise<string> {
    const userId = randomUUID()
    await server.db
      .insertInto('auth_user')
      .values({ id: userId, name, email: `${userId}@example.test`, emailVerified: false })
      .execute()
    const m = await server.db
      .insertInto('memberships')
      .values({ clinic_id: clinic.clinicId, user_id: userId, role: 'practitioner', display_name: name })
      .returning('id')
      .executeTakeFirstOrThrow()
    const res = await owner()('PUT', `${base}/practitioners/${m.id}/locations/${clinic.locationId}`, {
      workingHours: WEEK,
    })
    expect(res.statusCode).toBe(200)
    return m.id
  }

  function book(user: TestUser, body: Record<string, unknown>, key?: string) {
    return server.app.inject({
      method: 'POST',
      url: `${base}/appointments`,
      headers: {
        cookie: user.cookie,
        'x-csrf-token': user.csrf,
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      payload: body,
    })
  }

  beforeAll(async () => {
    server = await openTestServer(await database())
    clinic = await createTestClinic(server, 'Booking Clinic')
    other = await createTestClinic(server, 'Other Booking Clinic')
    base = `/api/v1/clinics/${clinic.clinicId}`
    await server.db
      .updateTable('locations')
      .set({ opening_hours: JSON.stringify(WEEK) })
      .where('id', 'in', [clinic.locationId, other.locationId])
      .execute()
    chairs = []
    for (const name of ['Chair 1', 'Chair 2']) {
      const res = await owner()('POST', `${base}/locations/${clinic.locationId}/chairs`, { name })
      expect(res.statusCode).toBe(201)
      chairs.push(res.json().id)
    }
    for (const m of [clinic.users.practitioner.membershipId, clinic.users.owner.membershipId]) {
      const res = await owner()('PUT', `${base}/practitioners/${m}/locations/${clinic.locationId}`, {
        workingHours: WEEK,
      })
      expect(res.statusCode).toBe(200)
    }
    clientId = await newClient()
  })
  afterAll(async () => {
    await server?.close()
  })

  it('lists locations with chairs and who works there, for front desk too; owners alone add chairs and hours', async () => {
    const res = await desk()('GET', `${base}/locations`)
    expect(res.statusCode).toBe(200)
    const [location] = res.json().items
    expect(location.timeZone).toBe('America/Toronto')
    expect(location.chairs.map((c: { name: string }) => c.name)).toEqual(['Chair 1', 'Chair 2'])
    expect(location.practitioners.map((p: { membershipId: string }) => p.membershipId).sort()).toEqual(
      [clinic.users.practitioner.membershipId, clinic.users.owner.membershipId].sort()
    )
    expect((await desk()('POST', `${base}/locations/${clinic.locationId}/chairs`, { name: 'X' })).statusCode).toBe(403)
    const dup = await owner()('POST', `${base}/locations/${clinic.locationId}/chairs`, { name: 'Chair 1' })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().errors[0].path).toBe('body.name')
    const bad = await owner()(
      'PUT',
      `${base}/practitioners/${clinic.users.practitioner.membershipId}/locations/${clinic.locationId}`,
      {
        workingHours: { mon: [['17:00', '09:00']] },
      }
    )
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors[0].path).toMatch(/^body\.workingHours\.mon/)
  })

  it("finds availability right to the minute on Toronto's DST change days", async () => {
    const p = clinic.users.practitioner.membershipId
    const slots = async (from: string, to: string) => {
      const res = await desk()(
        'GET',
        `${base}/availability?locationId=${clinic.locationId}&kind=consultation&from=${from}&to=${to}&practitionerId=${p}`
      )
      expect(res.statusCode).toBe(200)
      return res.json().slots as { startsAt: string; endsAt: string; date: string }[]
    }
    // spring forward on Sunday 14 March 2027: 09:00 is 14:00Z the day before (EST) and 13:00Z that day (EDT)
    const march = await slots('2027-03-13', '2027-03-14')
    const first = (date: string, s: typeof march) => s.filter((x) => x.date === date)
    expect(first('2027-03-13', march)[0]?.startsAt).toBe('2027-03-13T14:00:00.000Z')
    expect(first('2027-03-14', march)[0]?.startsAt).toBe('2027-03-14T13:00:00.000Z')
    // 45 minutes and 15 of cleaning: the last start is 16:00 local
    expect(first('2027-03-14', march).at(-1)?.startsAt).toBe('2027-03-14T20:00:00.000Z')
    expect(first('2027-03-14', march)).toHaveLength(29)
    // fall back on Sunday 7 November 2027: 09:00 is 13:00Z the day before (EDT) and 14:00Z that day (EST)
    const november = await slots('2027-11-06', '2027-11-07')
    expect(first('2027-11-06', november)[0]?.startsAt).toBe('2027-11-06T13:00:00.000Z')
    expect(first('2027-11-07', november)[0]?.startsAt).toBe('2027-11-07T14:00:00.000Z')
    expect(first('2027-11-07', november).at(-1)?.endsAt).toBe('2027-11-07T21:45:00.000Z')
    expect(first('2027-11-07', november)).toHaveLength(29)
    const tooLong = await desk()(
      'GET',
      `${base}/availability?locationId=${clinic.locationId}&kind=consultation&from=2027-01-01&to=2027-06-01`
    )
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.json().errors[0].path).toBe('query.to')
  })

  it('keeps time off out of availability; a practitioner enters only their own', async () => {
    const p = clinic.users.practitioner
    const res = await as(server, p)('POST', `${base}/practitioners/${p.membershipId}/time-off`, {
      from: '2027-04-05T13:00:00Z',
      to: '2027-04-06T04:00:00Z',
      reason: 'dentist',
    })
    expect(res.statusCode).toBe(201)
    const forOwner = await as(server, p)('POST', `${base}/practitioners/${clinic.users.owner.membershipId}/time-off`, {
      from: '2027-04-05T13:00:00Z',
      to: '2027-04-06T04:00:00Z',
    })
    expect(forOwner.statusCode).toBe(403)
    const avail = await desk()(
      'GET',
      `${base}/availability?locationId=${clinic.locationId}&kind=consultation&from=2027-04-05&to=2027-04-05&practitionerId=${p.membershipId}`
    )
    expect(avail.statusCode).toBe(200)
    expect(avail.json().slots).toEqual([])
    const owners = await desk()(
      'GET',
      `${base}/availability?locationId=${clinic.locationId}&kind=consultation&from=2027-04-05&to=2027-04-05&practitionerId=${clinic.users.owner.membershipId}`
    )
    expect(owners.json().slots).toHaveLength(29)
    const booked = await book(clinic.users.front_desk, {
      locationId: clinic.locationId,
      practitionerId: p.membershipId,
      clientId,
      kind: 'consultation',
      startsAt: '2027-04-05T15:00:00Z',
    })
    expect(booked.statusCode).toBe(422)
    expect(booked.json().detail).toMatch(/away/)
  })

  it('books exactly one of 200 concurrent requests for overlapping times with one practitioner', async () => {
    const practitionerId = await newPractitioner('Pat Concurrent')
    const start = Date.parse('2027-05-03T14:00:00Z') // 10:00 in Toronto
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        book(clinic.users.front_desk, {
          locationId: clinic.locationId,
          practitionerId,
          clientId,
          kind: 'smp-session',
          startsAt: new Date(start + (i % 60) * 60_000).toISOString(),
        })
      )
    )
    const statuses = responses.map((r) => r.statusCode)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(199)
    for (const r of responses.filter((x) => x.statusCode === 409)) {
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/)
      expect(r.json().errors[0].path).toBe('body.practitionerId')
      expect(r.json().detail).toMatch(/^Pat Concurrent is already booked from .* overlaps this appointment/)
    }
    const rows = await server.db
      .selectFrom('appointments')
      .select('id')
      .where('practitioner_id', '=', practitionerId)
      .where('status', '<>', 'cancelled')
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('books exactly one of 200 concurrent requests for one chair by twenty practitioners', async () => {
    const practitioners: string[] = []
    for (let i = 0; i < 20; i++) practitioners.push(await newPractitioner(`Chair Tester ${i}`))
    const start = Date.parse('2027-05-04T14:00:00Z')
    const requests = Array.from({ length: 200 }, (_, i) => ({
      practitionerId: practitioners[i % 20] as string,
      startsAt: new Date(start + (i % 45) * 60_000).toISOString(),
    }))
    const responses = await Promise.all(
      requests.map((r) =>
        book(clinic.users.owner, {
          locationId: clinic.locationId,
          practitionerId: r.practitionerId,
          chairId: chairs[1],
          clientId,
          kind: 'touch-up',
          startsAt: r.startsAt,
        })
      )
    )
    const winners = responses.flatMap((r, i) => (r.statusCode === 201 ? [requests[i]] : []))
    expect(winners).toHaveLength(1)
    const winner = winners[0]?.practitionerId
    responses.forEach((r, i) => {
      if (r.statusCode === 201) return
      expect(r.statusCode).toBe(409)
      const path = r.json().errors[0].path
      // another practitioner can only have lost on the chair
      if (requests[i]?.practitionerId !== winner) expect(path).toBe('body.chairId')
      expect(['body.chairId', 'body.practitionerId']).toContain(path)
      expect(r.json().detail).toMatch(/already (booked|taken)/)
    })
    const rows = await server.db
      .selectFrom('appointments')
      .select('id')
      .where('chair_id', '=', chairs[1] as string)
      .where('starts_at', '>=', new Date(start - 3 * 3_600_000))
      .where('starts_at', '<', new Date(start + 3 * 3_600_000))
      .where('status', '<>', 'cancelled')
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('books once for a retried request with the same Idempotency-Key, and refuses the key with another body', async () => {
    const body = {
      locationId: clinic.locationId,
      practitionerId: clinic.users.owner.membershipId,
      clientId,
      kind: 'consultation',
      startsAt: '2027-05-05T14:00:00Z',
      notes: 'first visit',
    }
    const key = randomUUID()
    const first = await book(clinic.users.front_desk, body, key)
    expect(first.statusCode).toBe(201)
    const again = await book(clinic.users.front_desk, body, key)
    expect(again.statusCode).toBe(200)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json().id).toBe(first.json().id)
    const changed = await book(clinic.users.front_desk, { ...body, startsAt: '2027-05-05T16:00:00Z' }, key)
    expect(changed.statusCode).toBe(422)
    expect(changed.json().errors[0].path).toBe('headers.idempotency-key')
    // ten retries racing each other still book once
    const key2 = randomUUID()
    const raced = await Promise.all(
      Array.from({ length: 10 }, () =>
        book(clinic.users.front_desk, { ...body, startsAt: '2027-05-05T18:00:00Z' }, key2)
      )
    )
    expect(raced.filter((r) => r.statusCode === 201)).toHaveLength(1)
    expect(raced.filter((r) => r.statusCode === 200)).toHaveLength(9)
    expect(new Set(raced.map((r) => r.json().id)).size).toBe(1)
    const rows = await server.db
      .selectFrom('appointments')
      .select('id')
      .where('idempotency_key', 'in', [key, key2])
      .execute()
    expect(rows).toHaveLength(2)
    const badKey = await book(clinic.users.front_desk, body, 'x'.repeat(201))
    expect(badKey.statusCode).toBe(400)
    expect(badKey.json().errors[0].path).toBe('headers.idempotency-key')
  })

  it('cancels and reschedules with reasons, hides notes from front desk, and records every change', async () => {
    const created = await book(clinic.users.practitioner, {
      locationId: clinic.locationId,
      practitionerId: clinic.users.practitioner.membershipId,
      clientId,
      kind: 'laser-removal',
      startsAt: '2027-05-06T14:00:00Z',
      notes: 'Kirby-Desai 7; second laser session',
    })
    expect(created.statusCode).toBe(201)
    const id = created.json().id
    expect(created.json().notes).toBe('Kirby-Desai 7; second laser session')
    const list = await desk()('GET', `${base}/appointments?from=2027-05-06&to=2027-05-06`)
    const seen = list.json().items.find((a: { id: string }) => a.id === id)
    expect(seen.clientName).toBe('Dana Quinn')
    expect(seen.notes).toBeNull()
    const moved = await desk()('POST', `${base}/appointments/${id}/reschedule`, {
      startsAt: '2027-05-06T16:00:00Z',
      reason: 'client asked for the afternoon',
    })
    expect(moved.statusCode).toBe(200)
    expect(moved.json().startsAt).toBe('2027-05-06T16:00:00.000Z')
    const early = await desk()('POST', `${base}/appointments/${id}/no-show`, {})
    expect(early.statusCode).toBe(409)
    const closed = await desk()('POST', `${base}/appointments/${id}/reschedule`, {
      startsAt: '2027-05-06T06:00:00Z',
      reason: 'too early',
    })
    expect(closed.statusCode).toBe(422)
    expect(closed.json().errors[0].path).toBe('body.startsAt')
    const cancelled = await desk()('POST', `${base}/appointments/${id}/cancel`, { reason: 'client is unwell' })
    expect(cancelled.statusCode).toBe(200)
    expect(cancelled.json().status).toBe('cancelled')
    expect((await desk()('POST', `${base}/appointments/${id}/cancel`, { reason: 'again' })).statusCode).toBe(409)
    const changes = await server.db
      .selectFrom('appointment_changes')
      .select(['change', 'reason'])
      .where('appointment_id', '=', id)
      .orderBy('id')
      .execute()
    expect(changes).toEqual([
      { change: 'booked', reason: null },
      { change: 'rescheduled', reason: 'client asked for the afternoon' },
      { change: 'cancelled', reason: 'client is unwell' },
    ])
    // the freed time can be booked again
    const again = await book(clinic.users.front_desk, {
      locationId: clinic.locationId,
      practitionerId: clinic.users.practitioner.membershipId,
      clientId,
      kind: 'laser-removal',
      startsAt: '2027-05-06T16:00:00Z',
    })
    expect(again.statusCode).toBe(201)
  })

  it('records a no-show and a completed visit once the appointment has started', async () => {
    const past = async (status: 'booked') => {
      const row = await server.db
        .insertInto('appointments')
        .values({
          clinic_id: clinic.clinicId,
          location_id: clinic.locationId,
          client_id: clientId,
          practitioner_id: clinic.users.owner.membershipId,
          chair_id: chairs[0] as string,
          kind: 'consultation',
          starts_at: '2025-02-03T15:00:00Z',
          ends_at: '2025-02-03T15:45:00Z',
          blocks: `[2025-02-03T15:00:00Z,2025-02-03T16:00:00Z)`,
          status,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    }
    const a = await past('booked')
    const noShow = await desk()('POST', `${base}/appointments/${a}/no-show`, {})
    expect(noShow.statusCode).toBe(200)
    expect(noShow.json().status).toBe('no-show')
    await server.db.updateTable('appointments').set({ status: 'cancelled' }).where('id', '=', a).execute()
    const b = await past('booked')
    expect((await desk()('POST', `${base}/appointments/${b}/complete`, {})).json().status).toBe('completed')
    const changes = await server.db
      .selectFrom('appointment_changes')
      .select('change')
      .where('appointment_id', 'in', [a, b])
      .execute()
    expect(changes.map((c) => c.change).sort()).toEqual(['completed', 'no-show'])
  })

  describe('courses', () => {
    let courseClient: string
    let planId: string
    const deferredUntil = '2027-06-10'

    beforeAll(async () => {
      courseClient = await newClient('Corey', 'Course')
      const intake = await server.db
        .insertInto('intakes')
        .values({
          clinic_id: clinic.clinicId,
          client_id: courseClient,
          version: 1,
          schema: 'stipple.intake/v1',
          document: JSON.stringify({}),
          recorded_by: clinic.users.practitioner.membershipId,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await server.db
        .insertInto('consultations')
        .values({
          clinic_id: clinic.clinicId,
          client_id: courseClient,
          intake_id: intake.id,
          practitioner_id: clinic.users.practitioner.membershipId,
          screening_status: 'defer',
          screening: JSON.stringify({
            status: 'defer',
            findings: [
              {
                code: 'isotretinoin',
                severity: 'defer',
                message: 'Wait six months after isotretinoin',
                until: deferredUntil,
              },
            ],
          }),
          result: JSON.stringify({ longevity: { touchUpAfterYears: 3, visibleYears: 6 } }),
        })
        .execute()
      const plan = await server.db
        .insertInto('treatment_plans')
        .values({
          clinic_id: clinic.clinicId,
          client_id: courseClient,
          plan: JSON.stringify({
            sessions: [{ durationMinutes: 180 }, { durationMinutes: 150 }, { durationMinutes: 120 }],
          }),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      planId = plan.id
    })

    const sessionsOf = async (courseId: string) =>
      (await desk()('GET', `${base}/courses/${courseId}`)).json().sessions as {
        id: string
        startsAt: string
        endsAt: string
        courseIndex: number
        practitionerId: string
      }[]

    const gaps = (sessions: { startsAt: string }[]) =>
      sessions.slice(1).map((s, i) => dayOf(torontoDate(s.startsAt)) - dayOf(torontoDate(sessions[i]?.startsAt ?? '')))

    it('books every session after the deferral, 7–14 days apart, with one practitioner; moves are re-checked', async () => {
      const res = await desk()('POST', `${base}/clients/${courseClient}/courses`, {
        treatmentPlanId: planId,
        locationId: clinic.locationId,
        practitionerId: clinic.users.practitioner.membershipId,
      })
      expect(res.statusCode).toBe(201)
      const course = res.json()
      expect(course.earliestDate).toBe(deferredUntil)
      expect(course.sessions).toHaveLength(3)
      expect(torontoDate(course.sessions[0].startsAt) >= deferredUntil).toBe(true)
      const durations = course.sessions.map(
        (s: { startsAt: string; endsAt: string }) => (Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60_000
      )
      expect(durations).toEqual([180, 150, 120])
      expect(new Set(course.sessions.map((s: { practitionerId: string }) => s.practitionerId))).toEqual(
        new Set([clinic.users.practitioner.membershipId])
      )
      for (const g of gaps(course.sessions)) expect(g).toBeGreaterThanOrEqual(7)
      for (const g of gaps(course.sessions)) expect(g).toBeLessThanOrEqual(14)

      const [s1, s2, s3] = await sessionsOf(course.id)
      // too close to session 1
      const tooClose = await desk()('POST', `${base}/courses/${course.id}/sessions/2/move`, {
        startsAt: new Date(Date.parse(s1?.startsAt ?? '') + 3 * DAY).toISOString(),
      })
      expect(tooClose.statusCode).toBe(409)
      expect(tooClose.json().detail).toMatch(/^Session 2 on .* is 3 days after session 1 .*at least 7 days/)
      // too far from session 2
      const tooFar = await desk()('POST', `${base}/courses/${course.id}/sessions/3/move`, {
        startsAt: new Date(Date.parse(s2?.startsAt ?? '') + 20 * DAY).toISOString(),
      })
      expect(tooFar.statusCode).toBe(409)
      expect(tooFar.json().detail).toMatch(/at most 14 days/)
      // session 2 later by 5 days: session 3 would be too close, so it is re-flowed (proposal only)
      const later = new Date(Date.parse(s2?.startsAt ?? '') + 5 * DAY).toISOString()
      const proposal = await desk()('POST', `${base}/courses/${course.id}/sessions/2/move`, { startsAt: later })
      expect(proposal.statusCode).toBe(200)
      expect(proposal.json().applied).toBe(false)
      const proposed = proposal.json().proposal as { startsAt: string; moved: boolean }[]
      expect(proposed.map((p) => p.moved)).toEqual([
        false,
        true,
        (gaps([{ startsAt: later }, { startsAt: s3?.startsAt ?? '' }])[0] ?? 0) < 7,
      ])
      for (const g of gaps(proposed)) expect(g).toBeGreaterThanOrEqual(7)
      for (const g of gaps(proposed)) expect(g).toBeLessThanOrEqual(14)
      expect((await sessionsOf(course.id)).map((s) => s.startsAt)).toEqual([s1, s2, s3].map((s) => s?.startsAt))
      // applied
      const applied = await desk()('POST', `${base}/courses/${course.id}/sessions/2/move`, {
        startsAt: later,
        apply: true,
      })
      expect(applied.statusCode).toBe(200)
      expect(applied.json().applied).toBe(true)
      const after = await sessionsOf(course.id)
      expect(after.map((s) => s.startsAt)).toEqual(proposed.map((p) => p.startsAt))
      for (const g of gaps(after)) expect(g).toBeGreaterThanOrEqual(7)
      const changes = await server.db
        .selectFrom('appointment_changes')
        .select('change')
        .where('appointment_id', '=', s2?.id ?? '')
        .where('change', '=', 'rescheduled')
        .execute()
      expect(changes).toHaveLength(1)
      // a plain reschedule that would break the spacing is refused too
      const plain = await desk()('POST', `${base}/appointments/${after[2]?.id}/reschedule`, {
        startsAt: new Date(Date.parse(after[1]?.startsAt ?? '') + DAY).toISOString(),
        reason: 'client asked',
      })
      expect(plain.statusCode).toBe(409)
      expect(plain.json().detail).toMatch(/at least 7 days/)
    })

    it('refuses a course while a deferral without a date is open, and without a consultation', async () => {
      const waiting = await newClient('Wendy', 'Waiting')
      const plan = await server.db
        .insertInto('treatment_plans')
        .values({
          clinic_id: clinic.clinicId,
          client_id: waiting,
          plan: JSON.stringify({ sessions: [{ durationMinutes: 120 }] }),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const none = await desk()('POST', `${base}/clients/${waiting}/courses`, {
        treatmentPlanId: plan.id,
        locationId: clinic.locationId,
      })
      expect(none.statusCode).toBe(422)
      expect(none.json().detail).toMatch(/no consultation/)
      const intake = await server.db
        .insertInto('intakes')
        .values({
          clinic_id: clinic.clinicId,
          client_id: waiting,
          version: 1,
          schema: 'stipple.intake/v1',
          document: '{}',
          recorded_by: clinic.users.owner.membershipId,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await server.db
        .insertInto('consultations')
        .values({
          clinic_id: clinic.clinicId,
          client_id: waiting,
          intake_id: intake.id,
          practitioner_id: clinic.users.owner.membershipId,
          screening_status: 'defer',
          screening: JSON.stringify({
            status: 'defer',
            findings: [{ code: 'pregnancy', severity: 'defer', message: 'Wait until after pregnancy' }],
          }),
        })
        .execute()
      const open = await desk()('POST', `${base}/clients/${waiting}/courses`, {
        treatmentPlanId: plan.id,
        locationId: clinic.locationId,
      })
      expect(open.statusCode).toBe(422)
      expect(open.json().detail).toMatch(/Wait until after pregnancy/)
      const bad = await desk()('POST', `${base}/clients/${waiting}/courses`, {
        treatmentPlanId: plan.id,
        locationId: clinic.locationId,
        minGapDays: 10,
        maxGapDays: 7,
      })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().errors[0].path).toBe('body.maxGapDays')
    })

    it('proposes a touch-up at the longevity estimate after the last session', async () => {
      await server.db
        .insertInto('appointments')
        .values({
          clinic_id: clinic.clinicId,
          location_id: clinic.locationId,
          client_id: courseClient,
          practitioner_id: clinic.users.practitioner.membershipId,
          chair_id: chairs[0] as string,
          kind: 'smp-session',
          starts_at: '2025-03-03T15:00:00Z',
          ends_at: '2025-03-03T17:00:00Z',
          blocks: '[2025-03-03T14:45:00Z,2025-03-03T17:15:00Z)',
          status: 'completed',
        })
        .execute()
      const res = await desk()('GET', `${base}/clients/${courseClient}/touch-up-proposal`)
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({
        proposedDate: '2028-03-03',
        touchUpAfterYears: 3,
        lastSessionDate: '2025-03-03',
      })
      expect(res.json().slots.length).toBeGreaterThan(0)
      expect(torontoDate(res.json().slots[0].startsAt) >= '2028-03-03').toBe(true)
    })
  })

  it("shows a client only their own appointments in the portal; other clinics' staff get 404", async () => {
    const mine = await newClient('Paula', 'Portal')
    await server.db.updateTable('clients').set({ user_id: clinic.users.client.userId }).where('id', '=', mine).execute()
    const res = await book(clinic.users.front_desk, {
      locationId: clinic.locationId,
      practitionerId: clinic.users.owner.membershipId,
      clientId: mine,
      kind: 'consultation',
      startsAt: '2027-05-10T14:00:00Z',
      notes: 'private note',
    })
    expect(res.statusCode).toBe(201)
    const portal = await as(server, clinic.users.client)('GET', `${base}/portal/appointments`)
    expect(portal.statusCode).toBe(200)
    expect(portal.json().upcoming.map((a: { id: string }) => a.id)).toEqual([res.json().id])
    expect(portal.body).not.toContain('private note')
    expect(portal.body).not.toContain('Dana')
    expect(
      (await as(server, clinic.users.client)('GET', `${base}/appointments?from=2027-05-10&to=2027-05-10`)).statusCode
    ).toBe(403)
    const foreign = await as(server, other.users.owner)('POST', `${base}/appointments/${res.json().id}/cancel`, {
      reason: 'x',
    })
    expect(foreign.statusCode).toBe(404)
    const cross = await as(server, other.users.owner)(
      'POST',
      `/api/v1/clinics/${other.clinicId}/appointments/${res.json().id}/cancel`,
      {
        reason: 'x',
      }
    )
    expect(cross.statusCode).toBe(404)
  })
})
