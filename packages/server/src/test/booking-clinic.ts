// The clinic every booking test file starts from: a location open every day 09:00–17:00 with two chairs, the
// practitioner and the owner working there, one client, another clinic for cross-clinic refusals, and the helpers the
// tests book with.
import { randomUUID } from 'node:crypto'
import type { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect } from 'vitest'
import { as, createTestClinic, openTestServer, type TestClinic, type TestServer, type TestUser } from './harness.ts'

const WEEK = {
  sun: [['09:00', '17:00']],
  mon: [['09:00', '17:00']],
  tue: [['09:00', '17:00']],
  wed: [['09:00', '17:00']],
  thu: [['09:00', '17:00']],
  fri: [['09:00', '17:00']],
  sat: [['09:00', '17:00']],
}

type Database = Parameters<Parameters<typeof describeEachDatabase>[1]>[0]

/** What the clinic's beforeAll made; read it in a test or a later beforeAll. */
interface BookingClinic {
  server: TestServer
  clinic: TestClinic
  other: TestClinic
  base: string
  chairs: string[]
  clientId: string
}

/** Opens the server and the booking clinic before the tests of the describe block it is called in, closes it after. */
export function bookingClinic(database: Database) {
  const f = {} as BookingClinic
  const owner = () => as(f.server, f.clinic.users.owner)
  const desk = () => as(f.server, f.clinic.users.front_desk)
  async function newClient(given = 'Dana', family = 'Quinn'): Promise<string> {
    const res = await owner()('POST', `${f.base}/clients`, { givenName: given, familyName: family })
    expect(res.statusCode).toBe(201)
    return res.json().id
  }

  /** A practitioner membership of the clinic working every day 09:00–17:00 at its location. */
  async function newPractitioner(name: string): Promise<string> {
    const userId = randomUUID()
    await f.server.db
      .insertInto('auth_user')
      .values({ id: userId, name, email: `${userId}@example.test`, emailVerified: false })
      .execute()
    const m = await f.server.db
      .insertInto('memberships')
      .values({ clinic_id: f.clinic.clinicId, user_id: userId, role: 'practitioner', display_name: name })
      .returning('id')
      .executeTakeFirstOrThrow()
    const res = await owner()('PUT', `${f.base}/practitioners/${m.id}/locations/${f.clinic.locationId}`, {
      workingHours: WEEK,
    })
    expect(res.statusCode).toBe(200)
    return m.id
  }

  function book(user: TestUser, body: Record<string, unknown>, key?: string) {
    return f.server.app.inject({
      method: 'POST',
      url: `${f.base}/appointments`,
      headers: {
        cookie: user.cookie,
        'x-csrf-token': user.csrf,
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      payload: body,
    })
  }
  beforeAll(async () => {
    f.server = await openTestServer(await database())
    f.clinic = await createTestClinic(f.server, 'Booking Clinic')
    f.other = await createTestClinic(f.server, 'Other Booking Clinic')
    f.base = `/api/v1/clinics/${f.clinic.clinicId}`
    await f.server.db
      .updateTable('locations')
      .set({ opening_hours: JSON.stringify(WEEK) })
      .where('id', 'in', [f.clinic.locationId, f.other.locationId])
      .execute()
    f.chairs = []
    for (const name of ['Chair 1', 'Chair 2']) {
      const res = await owner()('POST', `${f.base}/locations/${f.clinic.locationId}/chairs`, { name })
      expect(res.statusCode).toBe(201)
      f.chairs.push(res.json().id)
    }
    for (const m of [f.clinic.users.practitioner.membershipId, f.clinic.users.owner.membershipId]) {
      const res = await owner()('PUT', `${f.base}/practitioners/${m}/locations/${f.clinic.locationId}`, {
        workingHours: WEEK,
      })
      expect(res.statusCode).toBe(200)
    }
    f.clientId = await newClient()
  })
  afterAll(async () => {
    await f.server?.close()
  })

  return { f, owner, desk, newClient, newPractitioner, book }
}
