import { describeEachDatabase } from '@stipple/testkit'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  as,
  createTestClinic,
  openTestServer,
  PASSWORD,
  readyForSessions,
  registerLots,
  signIn,
  type TestClinic,
  type TestServer,
  validSession,
} from '../test/harness.ts'

describeEachDatabase('the clinic API', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let base: string
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Alpha SMP')
    base = `/api/v1/clinics/${clinic.clinicId}`
  })
  afterAll(async () => {
    await server.close()
  })

  const auditCount = async () =>
    Number((await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(server.db)).rows[0]?.n)

  describe('sign-in and sessions', () => {
    it('signs in with a secure HttpOnly SameSite cookie and tells who is signed in', async () => {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: clinic.users.owner.email, password: PASSWORD },
      })
      expect(res.statusCode).toBe(200)
      const cookie = [res.headers['set-cookie']].flat().find((c) => c?.includes('session_token'))
      expect(cookie).toMatch(/HttpOnly/)
      expect(cookie).toMatch(/Secure/)
      expect(cookie).toMatch(/SameSite=Lax/)
      const me = await as(server, clinic.users.owner)('GET', '/api/v1/me')
      expect(me.json()).toMatchObject({
        user: { email: clinic.users.owner.email },
        memberships: [{ clinicId: clinic.clinicId, role: 'owner' }],
      })
    })

    it('refuses a wrong password and an unknown email with the same 401 problem', async () => {
      for (const payload of [
        { email: clinic.users.owner.email, password: 'not the password' },
        { email: 'nobody@example.test', password: 'not the password' },
      ]) {
        const res = await server.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload })
        expect(res.statusCode).toBe(401)
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
        expect(res.json()).toMatchObject({ status: 401, code: 'unauthenticated', detail: 'Wrong email or password' })
      }
    })

    it('slows failed sign-ins from one address on an account, even with the right password afterwards', async () => {
      const email = clinic.users.client.email
      for (let i = 0; i < 5; i++) {
        const res = await server.app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { email, password: `guess ${i}` },
        })
        expect(res.statusCode).toBe(401)
      }
      const blocked = await server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email, password: PASSWORD },
      })
      expect(blocked.statusCode).toBe(429)
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
    })

    it('refuses a sign-in form posted from another origin', async () => {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        headers: { origin: 'https://evil.example' },
        payload: { email: clinic.users.owner.email, password: PASSWORD },
      })
      expect(res.statusCode).toBe(403)
    })

    it('needs a session for every clinic route, and the CSRF token for every change', async () => {
      expect((await server.app.inject({ method: 'GET', url: `${base}/clients` })).statusCode).toBe(401)
      const noToken = await server.app.inject({
        method: 'POST',
        url: `${base}/clients`,
        headers: { cookie: clinic.users.owner.cookie },
        payload: { givenName: 'Eve', familyName: 'Forger' },
      })
      expect(noToken.statusCode).toBe(403)
      expect(noToken.json()).toMatchObject({ code: 'csrf_failed' })
      const wrongToken = await server.app.inject({
        method: 'POST',
        url: `${base}/clients`,
        headers: { cookie: clinic.users.owner.cookie, 'x-csrf-token': clinic.users.practitioner.csrf },
        payload: { givenName: 'Eve', familyName: 'Forger' },
      })
      expect(wrongToken.statusCode).toBe(403)
      const found = await server.db.selectFrom('clients').select('id').where('family_name', '=', 'Forger').execute()
      expect(found).toEqual([])
    })

    it('signs out: the old cookie no longer works', async () => {
      const session = await signIn(server, clinic.users.practitioner.email)
      const user = { ...clinic.users.practitioner, ...session }
      expect((await as(server, user)('POST', '/api/v1/auth/sign-out')).statusCode).toBe(204)
      expect((await as(server, user)('GET', '/api/v1/me')).statusCode).toBe(401)
    })
  })

  describe('clients, intakes and session records', () => {
    let clientId: string

    it('creates, finds, reads and updates a client, auditing each', async () => {
      const before = await auditCount()
      const created = await as(server, clinic.users.front_desk)('POST', `${base}/clients`, {
        givenName: 'Seán',
        familyName: "O'Brien",
        email: 'sean@example.com',
        phone: '+1 416 555 0199',
        consents: { careEmail: true, careSms: false, marketingEmail: false, marketingSms: false },
      })
      expect(created.statusCode).toBe(201)
      clientId = created.json().id
      expect(created.json()).toMatchObject({ givenName: 'Seán', familyName: "O'Brien", stage: 'enquiry' })

      const list = await as(server, clinic.users.front_desk)('GET', `${base}/clients?q=o'bri`)
      expect(list.json()).toMatchObject({ total: 1, items: [{ id: clientId }] })
      const wildcard = await as(server, clinic.users.front_desk)('GET', `${base}/clients?q=%25`)
      expect(wildcard.json().total).toBe(0)
      // a phone is found by its digits, however it is spaced, with or without the country code
      for (const typed of ['4165550199', '(416) 555-0199', '+14165550199', '555 0199']) {
        const byPhone = await as(server, clinic.users.front_desk)(
          'GET',
          `${base}/clients?q=${encodeURIComponent(typed)}`
        )
        expect(byPhone.json(), typed).toMatchObject({ total: 1, items: [{ id: clientId }] })
      }
      const otherNumber = await as(server, clinic.users.front_desk)('GET', `${base}/clients?q=4165550198`)
      expect(otherNumber.json().total).toBe(0)

      const patched = await as(server, clinic.users.front_desk)('PATCH', `${base}/clients/${clientId}`, {
        stage: 'consultation',
        phone: null,
      })
      expect(patched.statusCode).toBe(200)
      expect(patched.json()).toMatchObject({ stage: 'consultation', phone: null })

      const file = await as(server, clinic.users.practitioner)('GET', `${base}/clients/${clientId}`)
      expect(file.statusCode).toBe(200)
      expect(file.json()).toMatchObject({ client: { id: clientId }, intakes: [], sessions: [] })
      // create, seven searches, update, file read
      expect(await auditCount()).toBe(before + 10)
    })

    it('records intakes as versions and lists them newest first', async () => {
      const document = {
        schema: 'stipple.intake/v1',
        client: { sex: 'male', age: 41, fitzpatrick: 3, hairColor: 'black', hairLength: 'shaved' },
        hairLoss: { scale: 'norwood', stage: '5A' },
      }
      const first = await as(server, clinic.users.practitioner)('POST', `${base}/clients/${clientId}/intakes`, {
        document,
      })
      expect(first.statusCode).toBe(201)
      const second = await as(server, clinic.users.practitioner)('POST', `${base}/clients/${clientId}/intakes`, {
        document: { ...document, goal: 'shaved-look' },
      })
      expect(second.json().version).toBe(2)
      const list = await as(server, clinic.users.owner)('GET', `${base}/clients/${clientId}/intakes`)
      expect(list.json().items.map((i: { version: number }) => i.version)).toEqual([2, 1])
      expect((await as(server, clinic.users.front_desk)('GET', `${base}/clients/${clientId}/intakes`)).statusCode).toBe(
        403
      )
    })

    it('records a session with its lots and adverse events', async () => {
      await readyForSessions(server, clinic, clientId)
      const res = await as(server, clinic.users.practitioner)(
        'POST',
        `${base}/clients/${clientId}/sessions`,
        validSession(clinic, {
          adverseEvents: [
            {
              kind: 'allergic-reaction',
              severity: 'mild',
              description: 'Redness at the crown, settled in an hour',
              notedAt: '2026-11-20T16:00:00-05:00',
            },
          ],
        })
      )
      expect(res.statusCode).toBe(201)
      expect(res.json()).toMatchObject({
        sessionIndex: 1,
        pigments: [{ lot: 'PB-2409-117', expiresOn: '2027-06-30' }],
        needles: [{ lot: 'NDL-7781', singleUseConfirmed: true }],
        clinical: { notes: 'Client tolerated well.', adverseEvents: [{ kind: 'allergic-reaction' }] },
      })
    })

    it("refuses a pigment lot that expired before the session's day at the location, writing nothing", async () => {
      const count = async () =>
        (await server.db.selectFrom('session_records').select('id').where('client_id', '=', clientId).execute()).length
      const before = await count()
      await registerLots(server, clinic, [
        { kind: 'pigment', brand: 'X', shade: 'Y', lot: 'OK-1', expiresOn: '2026-11-20' },
        { kind: 'pigment', brand: 'X', shade: 'Y', lot: 'OK-2', expiresOn: '2027-01-01' },
        { kind: 'pigment', brand: 'X', shade: 'Y', lot: 'OLD-9', expiresOn: '2026-11-19' },
      ])
      // 2026-11-21 01:00 UTC is still 20 November in Toronto: a lot expiring on the 20th is usable
      const sameDay = await as(server, clinic.users.practitioner)(
        'POST',
        `${base}/clients/${clientId}/sessions`,
        validSession(clinic, {
          performedAt: '2026-11-21T01:00:00Z',
          pigments: [{ brand: 'X', shade: 'Y', dilution: 'neat', lot: 'OK-1', expiresOn: '2026-11-20' }],
        })
      )
      expect(sameDay.statusCode).toBe(201)
      const expired = await as(server, clinic.users.practitioner)(
        'POST',
        `${base}/clients/${clientId}/sessions`,
        validSession(clinic, {
          pigments: [
            { brand: 'X', shade: 'Y', dilution: 'neat', lot: 'OK-2', expiresOn: '2027-01-01' },
            { brand: 'X', shade: 'Y', dilution: 'neat', lot: 'OLD-9', expiresOn: '2026-11-19' },
          ],
        })
      )
      expect(expired.statusCode).toBe(422)
      expect(expired.json().errors).toEqual([
        { path: 'body.pigments[1].lot', message: expect.stringMatching(/OLD-9 expired on 2026-11-19/) },
      ])
      expect(await count()).toBe(before + 1)
    })

    it('hides clinical notes and intakes from front desk', async () => {
      const file = await as(server, clinic.users.front_desk)('GET', `${base}/clients/${clientId}`)
      expect(file.statusCode).toBe(200)
      expect(file.json().intakes).toBeNull()
      expect(file.json().sessions.length).toBeGreaterThan(0)
      for (const s of file.json().sessions) expect(s.clinical).toBeNull()
      expect(file.body).not.toContain('tolerated')
      const list = await as(server, clinic.users.front_desk)('GET', `${base}/clients/${clientId}/sessions`)
      expect(list.body).not.toContain('tolerated')
      expect(
        (
          await as(server, clinic.users.front_desk)(
            'POST',
            `${base}/clients/${clientId}/sessions`,
            validSession(clinic)
          )
        ).statusCode
      ).toBe(403)
    })

    it('finds every client who received a lot, case-insensitively, for pigments and needles', async () => {
      const other = await as(server, clinic.users.owner)('POST', `${base}/clients`, {
        givenName: 'Ada',
        familyName: 'Lovelace',
      })
      await readyForSessions(server, clinic, other.json().id)
      await as(server, clinic.users.practitioner)(
        'POST',
        `${base}/clients/${other.json().id}/sessions`,
        validSession(clinic, { performedAt: '2026-11-22T10:00:00Z' })
      )
      const recall = await as(server, clinic.users.practitioner)('GET', `${base}/lot-recall?lot=pb-2409-117`)
      expect(recall.statusCode).toBe(200)
      const names = recall.json().matches.map((m: { client: { familyName: string } }) => m.client.familyName)
      expect(new Set(names)).toEqual(new Set(["O'Brien", 'Lovelace']))
      expect(recall.json().matches.every((m: { kind: string }) => m.kind === 'pigment')).toBe(true)
      const needles = await as(server, clinic.users.practitioner)('GET', `${base}/lot-recall?lot=NDL-7781&kind=needle`)
      expect(needles.json().matches.length).toBeGreaterThanOrEqual(2)
      expect((await as(server, clinic.users.front_desk)('GET', `${base}/lot-recall?lot=NDL-7781`)).statusCode).toBe(403)
    })
  })

  describe('the audit log', () => {
    it('records reads and writes of client data with who, when, what and from where', async () => {
      const created = await as(server, clinic.users.owner)('POST', `${base}/clients`, {
        givenName: 'Grace',
        familyName: 'Hopper',
      })
      const id = created.json().id
      await as(server, clinic.users.practitioner)('GET', `${base}/clients/${id}`)
      const page = await as(server, clinic.users.owner)('GET', `${base}/audit?clientId=${id}`)
      expect(page.statusCode).toBe(200)
      const [read, create] = page.json().items
      expect(read).toMatchObject({
        action: 'read',
        entity: 'client-file',
        entityId: id,
        clientId: id,
        actorUserId: clinic.users.practitioner.userId,
        actorRole: 'practitioner',
        ip: '127.0.0.1',
      })
      expect(create).toMatchObject({ action: 'create', entity: 'client', actorRole: 'owner' })
      expect(Date.parse(read.at)).toBeGreaterThan(Date.now() - 60_000)
    })

    it('is for owners only', async () => {
      for (const role of ['practitioner', 'front_desk', 'client'] as const) {
        expect((await as(server, clinic.users[role])('GET', `${base}/audit`)).statusCode).toBe(403)
      }
    })

    it('cannot be changed: the database rejects UPDATE, DELETE and TRUNCATE', async () => {
      await expect(sql`update audit_log set action = 'nothing'`.execute(server.db)).rejects.toThrow(/append-only/)
      await expect(sql`delete from audit_log`.execute(server.db)).rejects.toThrow(/append-only/)
      await expect(sql`truncate audit_log`.execute(server.db)).rejects.toThrow(/append-only/)
      expect(await auditCount()).toBeGreaterThan(0)
    })

    it('has no route that changes it', () => {
      const writes = server.routes.filter((r) => r.path.includes('/audit') && r.method !== 'GET')
      expect(writes).toEqual([])
    })
  })
})
