// Calendar feeds: made by staff or the client, read by token without signing in, parsed with ical.js. A
// practitioner's feed holds exactly their appointments that still take place (clients by initials); a client's
// feed holds exactly their own; times are the right instants; a revoked feed is gone.
import { describeEachDatabase } from '@stipple/testkit'
import ICAL from 'ical.js'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { as, createTestClinic, openTestServer, type TestClinic, type TestServer } from '../../test/harness.ts'

const HOUR = 3_600_000

interface ParsedEvent {
  uid: string
  summary: string
  location: string
  start: string
  end: string
}

function parseFeed(text: string): { name: string; events: ParsedEvent[] } {
  const component = new ICAL.Component(ICAL.parse(text))
  return {
    name: String(component.getFirstPropertyValue('x-wr-calname') ?? component.getFirstPropertyValue('name') ?? ''),
    events: component.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v)
      return {
        uid: e.uid,
        summary: e.summary,
        location: e.location,
        start: e.startDate.toJSDate().toISOString(),
        end: e.endDate.toJSDate().toISOString(),
      }
    }),
  }
}

describeEachDatabase('calendar feeds', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let other: TestClinic
  let base: string
  let chairId: string
  let sam: string
  let ada: string
  const ids: Record<string, string> = {}

  async function book(
    name: string,
    clientId: string | null,
    startsAt: string,
    kind: 'consultation' | 'smp-session',
    practitionerId: string,
    extra: Record<string, unknown> = {}
  ) {
    const start = new Date(startsAt)
    const end = new Date(start.getTime() + 2 * HOUR)
    ids[name] = (
      await server.db
        .insertInto('appointments')
        .values({
          clinic_id: clinic.clinicId,
          location_id: clinic.locationId,
          client_id: clientId,
          practitioner_id: practitionerId,
          chair_id: chairId,
          kind,
          starts_at: start,
          ends_at: end,
          blocks: `[${start.toISOString()},${end.toISOString()})`,
          ...extra,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  }

  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Feed Clinic')
    other = await createTestClinic(server, 'Other Feed Clinic')
    base = `/api/v1/clinics/${clinic.clinicId}`
    chairId = (
      await server.db
        .insertInto('chairs')
        .values({ clinic_id: clinic.clinicId, location_id: clinic.locationId, name: 'Chair 1' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    const newClient = async (givenName: string, familyName: string) =>
      (await as(server, clinic.users.owner)('POST', `${base}/clients`, { givenName, familyName })).json().id as string
    sam = await newClient('Sam', 'Reed')
    ada = await newClient('Ada', 'Lovelace')
    await server.db.updateTable('clients').set({ user_id: clinic.users.client.userId }).where('id', '=', sam).execute()
    const practitioner = clinic.users.practitioner.membershipId
    const owner = clinic.users.owner.membershipId
    const soon = Date.now() + 7 * 24 * HOUR
    const at = (days: number, hourUtc: number) => {
      const d = new Date(soon + days * 24 * HOUR)
      d.setUTCHours(hourUtc, 0, 0, 0)
      return d.toISOString()
    }
    await book('samSession', sam, at(0, 15), 'smp-session', practitioner)
    await book('adaConsult', ada, at(1, 14), 'consultation', practitioner)
    await book('cancelled', ada, at(2, 14), 'consultation', practitioner, {
      status: 'cancelled',
      cancelled_at: new Date(),
    })
    await book('moved', sam, at(3, 14), 'smp-session', practitioner)
    await book('ownerOnes', ada, at(0, 19), 'consultation', owner)
    await book('visitor', null, at(4, 16), 'consultation', practitioner, {
      source: 'public',
      contact: JSON.stringify({ name: 'Vera Visitor', email: 'vera@example.test', phone: '+1 416 555 0100' }),
    })
    // rescheduled: the feed must show the new time
    const moved = new Date(at(5, 20))
    await server.db
      .updateTable('appointments')
      .set({
        starts_at: moved,
        ends_at: new Date(moved.getTime() + 2 * HOUR),
        blocks: `[${moved.toISOString()},${new Date(moved.getTime() + 2 * HOUR).toISOString()})`,
      })
      .where('id', '=', ids.moved ?? '')
      .execute()
  })
  afterAll(async () => {
    await server.close()
  })

  const feedPath = (url: string) => new URL(url).pathname

  it("gives a practitioner's feed exactly their appointments that still take place, clients by initials", async () => {
    const res = await as(server, clinic.users.practitioner)('POST', `${base}/calendar-feeds`, {
      practitionerId: clinic.users.practitioner.membershipId,
    })
    expect(res.statusCode, res.body).toBe(201)
    const feed = res.json()
    expect(feed.url).toMatch(/\/api\/v1\/calendars\/[A-Za-z0-9_-]{43}\.ics$/)
    const token = feed.url.match(/calendars\/([^.]+)\.ics$/)[1]
    const stored = await server.db
      .selectFrom('calendar_feeds')
      .selectAll()
      .where('id', '=', feed.id)
      .executeTakeFirstOrThrow()
    expect(stored.token_sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(stored)).not.toContain(token)

    const ics = await server.app.inject({ method: 'GET', url: feedPath(feed.url) })
    expect(ics.statusCode, ics.body).toBe(200)
    expect(ics.headers['content-type']).toContain('text/calendar')
    const { events } = parseFeed(ics.body)
    const get = async (id: string) =>
      server.db
        .selectFrom('appointments')
        .select(['starts_at', 'ends_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    const expected = await Promise.all(
      (['samSession', 'adaConsult', 'visitor', 'moved'] as const).map(async (name) => {
        const a = await get(ids[name] ?? '')
        return { uid: `${ids[name]}@stipple`, start: a.starts_at.toISOString(), end: a.ends_at.toISOString() }
      })
    )
    expect(events.map((e) => ({ uid: e.uid, start: e.start, end: e.end }))).toEqual(
      expected.sort((x, y) => x.start.localeCompare(y.start))
    )
    expect(events.find((e) => e.uid.startsWith(ids.samSession ?? '-'))?.summary).toBe('SMP session: S. R.')
    expect(events.find((e) => e.uid.startsWith(ids.adaConsult ?? '-'))?.summary).toBe('Consultation: A. L.')
    expect(events.find((e) => e.uid.startsWith(ids.visitor ?? '-'))?.summary).toBe('Consultation: V. V.')
    expect(events[0]?.location).toBe('Feed Clinic main, 1 Main St, Toronto')
    // initials only: no client's name anywhere in the feed
    for (const name of ['Reed', 'Lovelace', 'Visitor', 'Sam', 'Ada']) expect(ics.body).not.toContain(name)
  })

  it("gives a client's feed exactly their own appointments, at the right instants", async () => {
    const res = await as(server, clinic.users.front_desk)('POST', `${base}/calendar-feeds`, { clientId: sam })
    expect(res.statusCode, res.body).toBe(201)
    const ics = await server.app.inject({ method: 'GET', url: feedPath(res.json().url) })
    const { events } = parseFeed(ics.body)
    expect(events.map((e) => e.uid)).toEqual([`${ids.samSession}@stipple`, `${ids.moved}@stipple`])
    expect(events.map((e) => e.summary)).toEqual(['SMP session at Feed Clinic', 'SMP session at Feed Clinic'])
    // 15:00 and 20:00 UTC as booked: 10:00 and 15:00 in Toronto in winter, 11:00 and 16:00 in summer
    expect(events.map((e) => new Date(e.start).getUTCHours())).toEqual([15, 20])
    const own = await as(server, clinic.users.client)('POST', `${base}/portal/calendar-feed`)
    expect(own.statusCode, own.body).toBe(201)
    expect(own.json()).toMatchObject({ kind: 'client', clientId: sam })
    const mine = parseFeed((await server.app.inject({ method: 'GET', url: feedPath(own.json().url) })).body)
    expect(mine.events.map((e) => e.uid)).toEqual(events.map((e) => e.uid))
  })

  it('revokes a feed, refuses guessed tokens, and keeps feeds within their clinic and role', async () => {
    const made = await as(server, clinic.users.owner)('POST', `${base}/calendar-feeds`, { clientId: ada })
    const path = feedPath(made.json().url)
    expect((await server.app.inject({ method: 'GET', url: path })).statusCode).toBe(200)
    const revoked = await as(server, clinic.users.owner)('DELETE', `${base}/calendar-feeds/${made.json().id}`)
    expect(revoked.statusCode).toBe(204)
    const gone = await server.app.inject({ method: 'GET', url: path })
    expect(gone.statusCode).toBe(404)
    expect(gone.headers['content-type']).toContain('application/problem+json')
    expect(
      (await server.app.inject({ method: 'GET', url: `/api/v1/calendars/${'A'.repeat(43)}.ics` })).statusCode
    ).toBe(404)
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/calendars/short.ics' })).statusCode).toBe(404)
    const list = await as(server, clinic.users.owner)('GET', `${base}/calendar-feeds`)
    expect(list.json().items.map((f: { id: string }) => f.id)).not.toContain(made.json().id)
    expect(JSON.stringify(list.json())).not.toMatch(/calendars\//)
    // a practitioner may not make a colleague's feed; another clinic's ids are unknown here
    const colleague = await as(server, clinic.users.practitioner)('POST', `${base}/calendar-feeds`, {
      practitionerId: clinic.users.owner.membershipId,
    })
    expect(colleague.statusCode).toBe(403)
    const foreign = await as(server, clinic.users.owner)('POST', `${base}/calendar-feeds`, {
      practitionerId: other.users.practitioner.membershipId,
    })
    expect(foreign.statusCode).toBe(404)
    // at most 10 feeds in use per client (the revoked one does not count)
    for (let i = 0; i < 10; i++) {
      const res = await as(server, clinic.users.owner)('POST', `${base}/calendar-feeds`, { clientId: ada })
      expect(res.statusCode, res.body).toBe(201)
    }
    const eleventh = await as(server, clinic.users.owner)('POST', `${base}/calendar-feeds`, { clientId: ada })
    expect(eleventh.statusCode).toBe(409)
    expect(eleventh.json().detail).toContain('revoke one that is no longer used first')
    const both = await as(server, clinic.users.owner)('POST', `${base}/calendar-feeds`, {
      practitionerId: clinic.users.practitioner.membershipId,
      clientId: ada,
    })
    expect(both.statusCode).toBe(400)
    expect(both.json().errors[0].message).toContain('either practitionerId or clientId')
  })
})
