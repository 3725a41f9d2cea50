// The front desk's day through the API on both databases: checking a client in and every change in the history,
// moving an appointment to another practitioner, chair or location, a refusal that offers the next free times, the
// travel time between two locations (owner only, enforced in availability, booking and moving, also when two
// bookings race), and a website booking linked to a client file.
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { as, createTestClinic, openTestServer, type TestClinic, type TestServer } from '../../test/harness.ts'

const WEEK = Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [['09:00', '17:00']]]))

interface Alternative {
  startsAt: string
  startsAtLocal: { date: string; time: string }
  practitionerId: string
  chairId: string
  locationId: string
}

describeEachDatabase('front desk', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let base: string
  let vancouver: string
  const torontoChairs: string[] = []
  const vancouverChairs: string[] = []
  let practitioner: string
  let ownerPractitioner: string
  let clientId: string
  const owner = () => as(server, clinic.users.owner)
  const desk = () => as(server, clinic.users.front_desk)

  async function newClient(body: Record<string, unknown>): Promise<string> {
    const res = await owner()('POST', `${base}/clients`, body)
    expect(res.statusCode).toBe(201)
    return res.json().id
  }

  const book = (body: Record<string, unknown>) =>
    desk()('POST', `${base}/appointments`, { kind: 'consultation', clientId, ...body })

  beforeAll(async () => {
    server = await openTestServer(await database())
    clinic = await createTestClinic(server, 'Front Desk Clinic')
    base = `/api/v1/clinics/${clinic.clinicId}`
    practitioner = clinic.users.practitioner.membershipId
    ownerPractitioner = clinic.users.owner.membershipId
    await server.db
      .updateTable('locations')
      .set({ opening_hours: JSON.stringify(WEEK) })
      .where('id', '=', clinic.locationId)
      .execute()
    const row = await server.db
      .insertInto('locations')
      .values({
        clinic_id: clinic.clinicId,
        name: 'Vancouver studio',
        address: JSON.stringify({ line1: '2 Main St', city: 'Vancouver', country: 'CA' }),
        time_zone: 'America/Vancouver',
        opening_hours: JSON.stringify(WEEK),
        price_list_id: 'toronto',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    vancouver = row.id
    for (const [locationId, into] of [
      [clinic.locationId, torontoChairs],
      [vancouver, vancouverChairs],
    ] as const) {
      for (const name of ['Chair 1', 'Chair 2']) {
        const res = await owner()('POST', `${base}/locations/${locationId}/chairs`, { name })
        expect(res.statusCode).toBe(201)
        into.push(res.json().id)
      }
    }
    for (const [m, l] of [
      [practitioner, clinic.locationId],
      [practitioner, vancouver],
      [ownerPractitioner, clinic.locationId],
    ]) {
      const res = await owner()('PUT', `${base}/practitioners/${m}/locations/${l}`, { workingHours: WEEK })
      expect(res.statusCode).toBe(200)
    }
    clientId = await newClient({ givenName: 'Ines', familyName: 'Moreau' })
  })
  afterAll(async () => {
    await server?.close()
  })

  /** An appointment starting in a minute (today at the location), written directly: the API refuses the past. */
  async function startingNow(chair: string, who: string): Promise<string> {
    const start = Date.now() + 60_000
    const row = await server.db
      .insertInto('appointments')
      .values({
        clinic_id: clinic.clinicId,
        location_id: clinic.locationId,
        client_id: clientId,
        practitioner_id: who,
        chair_id: chair,
        kind: 'consultation',
        starts_at: new Date(start),
        ends_at: new Date(start + 45 * 60_000),
        blocks: `[${new Date(start).toISOString()},${new Date(start + 60 * 60_000).toISOString()})`,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  it('checks a client in on the day, completes the visit, marks a no-show, and keeps each change in the history', async () => {
    const later = await book({
      locationId: clinic.locationId,
      practitionerId: practitioner,
      startsAtLocal: { date: '2027-06-07', time: '10:00' },
    })
    expect(later.statusCode).toBe(201)
    const early = await desk()('POST', `${base}/appointments/${later.json().id}/arrive`, {})
    expect(early.statusCode).toBe(409)
    expect(early.json().detail).toMatch(/on 2027-06-07; a client can be checked in on the day/)

    const id = await startingNow(torontoChairs[0] as string, ownerPractitioner)
    const arrived = await desk()('POST', `${base}/appointments/${id}/arrive`, {})
    expect(arrived.statusCode).toBe(200)
    expect(arrived.json().status).toBe('arrived')
    expect(arrived.json().change.change).toBe('arrived')
    expect((await desk()('POST', `${base}/appointments/${id}/arrive`, {})).json().detail).toMatch(/already checked in/)
    expect((await desk()('POST', `${base}/appointments/${id}/no-show`, {})).statusCode).toBe(409)
    // checked in: the visit can be completed before its booked start
    const done = await desk()('POST', `${base}/appointments/${id}/complete`, {})
    expect(done.statusCode).toBe(200)
    expect(done.json().status).toBe('completed')
    const row = await server.db.selectFrom('appointments').select('arrived_at').where('id', '=', id).executeTakeFirst()
    expect(row?.arrived_at).toBeInstanceOf(Date)

    const detail = await desk()('GET', `${base}/appointments/${id}`)
    expect(detail.statusCode).toBe(200)
    const history = detail.json().history as { change: string; by: string; atLocal: { date: string } }[]
    expect(history.map((h) => h.change)).toEqual(['arrived', 'completed'])
    // who made each change: the front desk member by name
    for (const h of history) expect(h.by).toMatch(/^front_desk \d+$/)
    expect(history[0]?.atLocal.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)

    const missed = await startingNow(torontoChairs[1] as string, practitioner)
    const noShow = await desk()('POST', `${base}/appointments/${missed}/no-show`, {})
    expect(noShow.statusCode).toBe(200)
    expect(noShow.json().status).toBe('no-show')
    expect((await desk()('POST', `${base}/appointments/${missed}/cancel`, { reason: 'late' })).statusCode).toBe(409)
  })

  it('moves an appointment to another practitioner, chair, location and day, and records what moved', async () => {
    const booked = await book({
      locationId: clinic.locationId,
      practitionerId: practitioner,
      chairId: torontoChairs[0],
      startsAtLocal: { date: '2027-06-07', time: '13:00' },
    })
    expect(booked.statusCode).toBe(201)
    const id = booked.json().id
    // the local time is read in the location's zone (EDT, UTC−4) and comes back as the server computed it
    expect(booked.json().startsAt).toBe('2027-06-07T17:00:00.000Z')
    expect(booked.json().startsAtLocal).toEqual({ date: '2027-06-07', time: '13:00', offsetMinutes: -240 })
    const move = (body: Record<string, unknown>) =>
      desk()('POST', `${base}/appointments/${id}/reschedule`, { reason: 'client asked', ...body })

    const toOwner = await move({ practitionerId: ownerPractitioner })
    expect(toOwner.statusCode).toBe(200)
    expect(toOwner.json().practitionerId).toBe(ownerPractitioner)
    expect(toOwner.json().startsAt).toBe('2027-06-07T17:00:00.000Z')

    const toChair = await move({ chairId: torontoChairs[1] })
    expect(toChair.statusCode).toBe(200)
    expect(toChair.json().chairId).toBe(torontoChairs[1])

    // the owner has no hours in Vancouver: refused with the reason, at the practitioner
    const nowhere = await move({ locationId: vancouver, startsAtLocal: { date: '2027-06-08', time: '11:00' } })
    expect(nowhere.statusCode).toBe(422)
    expect(nowhere.json().errors[0].path).toBe('body.practitionerId')
    expect(nowhere.json().detail).toMatch(/no working hours at Vancouver studio/)

    const toVancouver = await move({
      locationId: vancouver,
      practitionerId: practitioner,
      startsAtLocal: { date: '2027-06-08', time: '11:00' },
    })
    expect(toVancouver.statusCode).toBe(200)
    expect(toVancouver.json().locationId).toBe(vancouver)
    expect(vancouverChairs).toContain(toVancouver.json().chairId)
    expect(toVancouver.json().startsAt).toBe('2027-06-08T18:00:00.000Z')
    expect(toVancouver.json().startsAtLocal.time).toBe('11:00')

    // already there: nothing changes and nothing is recorded
    const same = await move({})
    expect(same.statusCode).toBe(200)
    expect(same.json().locationId).toBe(vancouver)

    const detail = (await desk()('GET', `${base}/appointments/${id}`)).json()
    const history = detail.history as { change: string; detail: Record<string, string>; reason: string | null }[]
    expect(history.map((h) => h.change)).toEqual(['booked', 'rescheduled', 'rescheduled', 'rescheduled'])
    expect(history[1]?.detail).toEqual({ fromPractitionerId: practitioner, toPractitionerId: ownerPractitioner })
    expect(history[2]?.detail).toEqual({ fromChairId: torontoChairs[0], toChairId: torontoChairs[1] })
    expect(history[3]?.detail.toLocationId).toBe(vancouver)
    expect(history[3]?.detail.toPractitionerId).toBe(practitioner)
    expect(history[3]?.reason).toBe('client asked')
    // the day's list at each location follows the move
    const list = await desk()('GET', `${base}/appointments?from=2027-06-08&to=2027-06-08&locationId=${vancouver}`)
    expect(list.json().items.map((a: { id: string }) => a.id)).toContain(id)
  })

  it('refuses a taken time with the reason and the three free times nearest to it, which then book and move', async () => {
    const first = await book({
      locationId: clinic.locationId,
      practitionerId: practitioner,
      startsAtLocal: { date: '2027-06-09', time: '10:00' },
    })
    expect(first.statusCode).toBe(201)
    const other = await newClient({ givenName: 'Theo', familyName: 'Brandt' })
    const taken = await book({
      clientId: other,
      locationId: clinic.locationId,
      practitionerId: practitioner,
      startsAtLocal: { date: '2027-06-09', time: '10:00' },
    })
    expect(taken.statusCode).toBe(409)
    // dates and times in the words screens use, on the location's wall clock
    expect(taken.json().detail).toMatch(
      /already booked from Wed, Jun 9, 2027, 10:00 a\.m\. to 1?\d:\d\d [ap]\.m\., which overlaps/
    )
    const early = await book({
      clientId: other,
      locationId: clinic.locationId,
      practitionerId: practitioner,
      startsAtLocal: { date: '2027-06-09', time: '07:00' },
    })
    expect(early.json().detail).toMatch(
      /is open 9:00 a\.m\.–5:00 p\.m\. on Wed, Jun 9, 2027; the appointment with its preparation and cleaning time \(7:00 a\.m\.–8:00 a\.m\.\) does not fit/
    )
    const alternatives = taken.json().alternatives as Alternative[]
    expect(alternatives).toHaveLength(3)
    const asked = Date.parse(first.json().startsAt)
    for (const a of alternatives) {
      expect(a.practitionerId).toBe(practitioner)
      expect(a.startsAtLocal.date).toBe('2027-06-09')
      expect(a.locationId).toBe(clinic.locationId)
    }
    // nearest to the time asked first, earlier free times of the same day included (the day opens at 09:00)
    const distance = (a: Alternative) => Math.abs(Date.parse(a.startsAt) - asked)
    expect(alternatives.map(distance)).toEqual([...alternatives.map(distance)].sort((x, y) => x - y))
    expect(alternatives.some((a) => Date.parse(a.startsAt) < asked)).toBe(true)
    // the first one offered books
    const offered = alternatives[0] as Alternative
    const rebooked = await book({
      clientId: other,
      locationId: offered.locationId,
      practitionerId: offered.practitionerId,
      chairId: offered.chairId,
      startsAt: offered.startsAt,
    })
    expect(rebooked.statusCode).toBe(201)

    // a refused move offers times too, without the appointment standing in its own way
    const later = await book({
      clientId: other,
      locationId: clinic.locationId,
      practitionerId: practitioner,
      startsAtLocal: { date: '2027-06-09', time: '15:00' },
    })
    expect(later.statusCode).toBe(201)
    const refused = await desk()('POST', `${base}/appointments/${later.json().id}/reschedule`, {
      startsAtLocal: { date: '2027-06-09', time: '10:00' },
      reason: 'earlier please',
    })
    expect(refused.statusCode).toBe(409)
    const again = refused.json().alternatives as Alternative[]
    expect(again.length).toBeGreaterThan(0)
    expect(again.map((a) => a.startsAt)).not.toContain(rebooked.json().startsAt)
    const moved = await desk()('POST', `${base}/appointments/${later.json().id}/reschedule`, {
      startsAt: again[0]?.startsAt,
      chairId: again[0]?.chairId,
      reason: 'earlier please',
    })
    expect(moved.statusCode).toBe(200)
    expect(moved.json().startsAt).toBe(new Date(again[0]?.startsAt ?? '').toISOString())
  })

  it('keeps the travel time between two locations, set by the owner, in availability, booking and moving', async () => {
    // 09:00–09:45 Toronto, held until 10:00 with cleaning: 07:00 in Vancouver
    const toronto = await book({
      locationId: clinic.locationId,
      practitionerId: practitioner,
      startsAtLocal: { date: '2027-06-10', time: '09:00' },
    })
    expect(toronto.statusCode).toBe(201)
    const none = await book({
      locationId: vancouver,
      practitionerId: practitioner,
      startsAtLocal: { date: '2027-06-10', time: '13:00' },
    })
    expect(none.statusCode).toBe(409)
    expect(none.json().detail).toMatch(/no travel time between .* is set/)
    for (const a of none.json().alternatives as Alternative[]) expect(a.startsAtLocal.date).not.toBe('2027-06-10')
    const availability = (from: string) =>
      desk()(
        'GET',
        `${base}/availability?locationId=${vancouver}&kind=consultation&from=${from}&to=${from}&practitionerId=${practitioner}`
      )
    expect((await availability('2027-06-10')).json().slots).toEqual([])

    // only the owner sets travel times
    const pair = { locationAId: vancouver, locationBId: clinic.locationId }
    expect((await desk()('PUT', `${base}/travel-times`, { ...pair, minutes: 240 })).statusCode).toBe(403)
    const same = await owner()('PUT', `${base}/travel-times`, { ...pair, locationBId: vancouver, minutes: 30 })
    expect(same.statusCode).toBe(400)
    expect(same.json().errors[0].path).toBe('body.locationBId')
    const set = await owner()('PUT', `${base}/travel-times`, { ...pair, minutes: 240 })
    expect(set.statusCode).toBe(200)
    const listed = await desk()('GET', `${base}/travel-times`)
    expect(listed.json().items).toEqual([
      expect.objectContaining({ minutes: 240, locationAId: [vancouver, clinic.locationId].sort()[0] }),
    ])

    // 10:00 Toronto + 4 hours = 14:00 Toronto = 11:00 in Vancouver
    const slots = (await availability('2027-06-10')).json().slots as { startsAtLocal: { time: string } }[]
    expect(slots[0]?.startsAtLocal.time).toBe('11:00')
    const tooSoon = await book({
      locationId: vancouver,
      practitionerId: practitioner,
      startsAtLocal: { date: '2027-06-10', time: '10:00' },
    })
    expect(tooSoon.statusCode).toBe(409)
    expect(tooSoon.json().detail).toMatch(/needs 240 minutes to travel/)
    expect((tooSoon.json().alternatives as Alternative[])[0]?.startsAtLocal).toEqual(
      expect.objectContaining({ date: '2027-06-10', time: '11:00' })
    )
    const inTime = await book({
      locationId: vancouver,
      practitionerId: practitioner,
      startsAtLocal: { date: '2027-06-10', time: '11:00' },
    })
    expect(inTime.statusCode).toBe(201)

    // moving the Toronto visit later would leave no time to travel
    const moveLater = await desk()('POST', `${base}/appointments/${toronto.json().id}/reschedule`, {
      startsAtLocal: { date: '2027-06-10', time: '11:00' },
      reason: 'later',
    })
    expect(moveLater.statusCode).toBe(409)
    expect(moveLater.json().detail).toMatch(/travel/)

    // removed again: the same-day switch is refused once more
    expect((await owner()('PUT', `${base}/travel-times`, { ...pair, minutes: null })).json().items).toEqual([])
    expect((await availability('2027-06-10')).json().slots).toEqual([])
  })

  it('lets only one of two racing bookings at two locations on one day through', async () => {
    const results = await Promise.all([
      book({
        locationId: clinic.locationId,
        practitionerId: practitioner,
        startsAtLocal: { date: '2027-06-11', time: '09:00' },
      }),
      book({
        locationId: vancouver,
        practitionerId: practitioner,
        startsAtLocal: { date: '2027-06-11', time: '14:00' },
      }),
    ])
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409])
  })

  it('links a website booking to a client file, offering clients who match its email or phone', async () => {
    const start = new Date('2027-06-14T14:00:00Z')
    const row = await server.db
      .insertInto('appointments')
      .values({
        clinic_id: clinic.clinicId,
        location_id: clinic.locationId,
        client_id: null,
        practitioner_id: practitioner,
        chair_id: torontoChairs[0] as string,
        kind: 'consultation',
        starts_at: start,
        ends_at: new Date(start.getTime() + 45 * 60_000),
        blocks: `[${start.toISOString()},${new Date(start.getTime() + 60 * 60_000).toISOString()})`,
        source: 'public',
        contact: JSON.stringify({ name: 'Robin Vale', email: 'Robin.Vale@example.test', phone: '+1 416 555 0101' }),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const byEmail = await newClient({ givenName: 'Robin', familyName: 'Vale', email: 'robin.vale@example.test' })
    const byPhone = await newClient({ givenName: 'R.', familyName: 'Vale', phone: '+1 (416) 555-0101' })
    await newClient({ givenName: 'Robin', familyName: 'Other', email: 'someone@example.test' })
    const before = (await desk()('GET', `${base}/appointments/${row.id}`)).json()
    expect(before.appointment.clientId).toBeNull()
    expect(before.matchingClients.map((c: { id: string }) => c.id).sort()).toEqual([byEmail, byPhone].sort())

    const unknown = await desk()('POST', `${base}/appointments/${row.id}/link-client`, {
      clientId: '00000000-0000-4000-8000-000000000000',
    })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().errors[0].path).toBe('body.clientId')
    const linked = await desk()('POST', `${base}/appointments/${row.id}/link-client`, { clientId: byEmail })
    expect(linked.statusCode).toBe(200)
    expect(linked.json().clientId).toBe(byEmail)
    expect(linked.json().clientName).toBe('Robin Vale')
    const after = (await desk()('GET', `${base}/appointments/${row.id}`)).json()
    expect(after.matchingClients).toEqual([])
    expect(after.history.at(-1)).toEqual(
      expect.objectContaining({
        change: 'linked',
        detail: { clientId: byEmail },
        reason: expect.stringMatching(/Robin Vale/),
      })
    )
    const twice = await desk()('POST', `${base}/appointments/${row.id}/link-client`, { clientId: byPhone })
    expect(twice.statusCode).toBe(409)
    // the client's own appointments now include it
    const own = await desk()('GET', `${base}/appointments?from=2027-06-14&to=2027-06-14&clientId=${byEmail}`)
    expect(own.json().items.map((a: { id: string }) => a.id)).toEqual([row.id])
  })
})
