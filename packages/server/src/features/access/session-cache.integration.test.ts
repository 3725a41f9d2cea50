// Sessions and memberships are cached in process for a few seconds (auth/session-cache.ts, http/route.ts). What that
// may and may not change: access granted works at once; access revoked through the API ends at once; only a change
// made behind the API's back (SQL by hand) waits for the cache entry to expire.
import { describeEachDatabase } from '@stipple/testkit'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { as, createTestClinic, openTestServer, type TestClinic, type TestServer } from '../../test/harness.ts'

describeEachDatabase('cached sessions and memberships', (database) => {
  let server: TestServer
  let a: TestClinic
  let b: TestClinic
  beforeAll(async () => {
    server = await openTestServer(database())
    a = await createTestClinic(server, 'Cache A')
    b = await createTestClinic(server, 'Cache B')
  })
  afterAll(async () => {
    await server.close()
  })

  const listOf = (clinic: TestClinic) => `/api/v1/clinics/${clinic.clinicId}/clients`

  it('lets a membership granted while signed in work at once (a refusal is not cached)', async () => {
    const user = b.users.practitioner
    expect((await as(server, user)('GET', listOf(a))).statusCode).toBe(404)
    await server.db
      .insertInto('memberships')
      .values({ clinic_id: a.clinicId, user_id: user.userId, role: 'front_desk', display_name: 'Guest' })
      .execute()
    expect((await as(server, user)('GET', listOf(a))).statusCode).toBe(200)
  })

  it('ends access revoked behind the API at the next change made through the API', async () => {
    const user = b.users.front_desk
    expect((await as(server, user)('GET', listOf(b))).statusCode).toBe(200)
    await server.db.deleteFrom('memberships').where('id', '=', user.membershipId).execute()
    // within the cache's few seconds, by hand-written SQL alone, the cached membership may still answer; any change
    // through the API (here another user's new client) drops the cache
    const created = await as(server, b.users.owner)('POST', listOf(b), { givenName: 'Cal', familyName: 'Cache' })
    expect(created.statusCode).toBe(201)
    expect((await as(server, user)('GET', listOf(b))).statusCode).toBe(404)
  })

  it('ends a session deleted behind the API at the next change made through the API', async () => {
    const user = a.users.owner
    expect((await as(server, user)('GET', '/api/v1/me')).statusCode).toBe(200)
    await sql`delete from auth_session where "userId" = ${user.userId}`.execute(server.db)
    const created = await as(server, b.users.owner)('POST', listOf(b), { givenName: 'Dee', familyName: 'Cache' })
    expect(created.statusCode).toBe(201)
    expect((await as(server, user)('GET', '/api/v1/me')).statusCode).toBe(401)
  })

  it('signs out at once even though the session was cached', async () => {
    const user = a.users.practitioner
    expect((await as(server, user)('GET', listOf(a))).statusCode).toBe(200)
    const out = await as(server, user)('POST', '/api/v1/auth/sign-out')
    expect(out.statusCode).toBe(204)
    expect((await as(server, user)('GET', listOf(a))).statusCode).toBe(401)
    expect((await as(server, user)('GET', '/api/v1/me')).statusCode).toBe(401)
  })
})
