// When a session was performed, given as the location's wall clock ({ date, time }), over HTTP on both databases: the
// server reads it in the location's zone with the domain's pinned table (America/Vancouver keeps UTC−7 all year from
// 2026 on, where older runtimes say UTC−8), and refuses a body that gives both an instant and a local time, or neither.
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  as,
  createTestClinic,
  openTestServer,
  readyForSessions,
  type TestClinic,
  type TestServer,
  validSession,
} from '../../test/harness.ts'

describeEachDatabase('a session performed at a wall-clock time at its location', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let base: string
  let clientId = ''
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Wall Clock SMP')
    base = `/api/v1/clinics/${clinic.clinicId}`
    await server.db
      .updateTable('locations')
      .set({ time_zone: 'America/Vancouver' })
      .where('id', '=', clinic.locationId)
      .execute()
    const created = await as(server, clinic.users.owner)('POST', `${base}/clients`, {
      givenName: 'Rowan',
      familyName: 'Hale',
    })
    expect(created.statusCode, created.body).toBe(201)
    clientId = created.json().id
    await readyForSessions(server, clinic, clientId)
  })
  afterAll(async () => {
    await server.close()
  })

  const post = (body: Record<string, unknown>) =>
    as(server, clinic.users.practitioner)('POST', `${base}/clients/${clientId}/sessions`, body)
  const records = async () =>
    (await server.db.selectFrom('session_records').select('id').where('client_id', '=', clientId).execute()).length

  it('reads performedAtLocal in the location zone: 10:15 a.m. in Vancouver is 17:15 UTC (UTC−7)', async () => {
    const { performedAt: _instant, ...rest } = validSession(clinic)
    const res = await post({ ...rest, performedAtLocal: { date: '2026-11-20', time: '10:15' } })
    expect(res.statusCode, res.body).toBe(201)
    const record = res.json()
    expect(record.performedAt).toBe('2026-11-20T17:15:00.000Z')
    expect(record.performedAtLocal).toEqual({ date: '2026-11-20', time: '10:15', offsetMinutes: -420 })
    const stored = await server.db
      .selectFrom('session_records')
      .select('performed_at')
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow()
    expect(new Date(stored.performed_at).toISOString()).toBe('2026-11-20T17:15:00.000Z')
  })

  it('refuses both an instant and a local time, or neither, at the path, writing nothing', async () => {
    const before = await records()
    const { performedAt: _instant, ...neither } = validSession(clinic, { sessionIndex: 2 })
    const both = {
      ...neither,
      performedAt: '2026-11-21T17:15:00Z',
      performedAtLocal: { date: '2026-11-21', time: '10:15' },
    }
    for (const body of [both, neither]) {
      const res = await post(body)
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json().errors).toEqual([
        {
          path: 'body.performedAt',
          message:
            'give when the session was performed as performedAt (an instant) or performedAtLocal ({ date, time } at the location), one of them',
        },
      ])
    }
    const badTime = await post({ ...neither, performedAtLocal: { date: '2026-11-21', time: '25:00' } })
    expect(badTime.statusCode, badTime.body).toBe(400)
    expect(badTime.json().errors).toEqual([
      { path: 'body.performedAtLocal.time', message: 'a time like 09:00 (24-hour clock)' },
    ])
    expect(await records()).toBe(before)
  })
})
