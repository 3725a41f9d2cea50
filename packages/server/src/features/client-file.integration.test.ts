// The client file is read and audited in one statement (ClientRepository.fileJsonAudited). It must say exactly what
// the row-by-row repositories say, write its audit row with the read, and fail when the audit row cannot be written.
import { ClientFileSchema } from '@stipple/domain'
import { describeEachDatabase } from '@stipple/testkit'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  as,
  createTestClinic,
  openTestServer,
  readyForSessions,
  registerLots,
  type TestClinic,
  type TestServer,
  validSession,
} from '../test/harness.ts'
import { ClientRepository } from './clients/repository.ts'
import { IntakeRepository } from './intakes/repository.ts'
import { SessionRecordRepository } from './session-records/repository.ts'

describeEachDatabase('the client file in one statement', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let other: TestClinic
  let clientId: string
  let emptyClientId: string
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'File Clinic')
    other = await createTestClinic(server, 'Other Clinic')
    const owner = as(server, clinic.users.owner)
    const base = `/api/v1/clinics/${clinic.clinicId}`
    const created = await owner('POST', `${base}/clients`, {
      givenName: 'Fia',
      familyName: 'File',
      email: 'fia@example.com',
      phone: '+1 416 555 0101',
      dateOfBirth: '1981-04-05',
      homeLocationId: clinic.locationId,
      consents: { careEmail: true, careSms: false, marketingEmail: false, marketingSms: true },
    })
    clientId = created.json().id
    emptyClientId = (await owner('POST', `${base}/clients`, { givenName: 'Eli', familyName: 'Empty' })).json().id
    for (const stage of ['4', '5']) {
      const res = await owner('POST', `${base}/clients/${clientId}/intakes`, {
        document: {
          schema: 'stipple.intake/v1',
          client: { sex: 'male', age: 44, fitzpatrick: 3, hairColor: 'black', hairLength: 'shaved' },
          hairLoss: { scale: 'norwood', stage },
        },
      })
      expect(res.statusCode, res.body).toBe(201)
    }
    const sessions = [
      validSession(clinic, {
        sessionIndex: 2,
        performedAt: '2026-11-20T15:00:00-05:00',
        needles: [
          { configuration: '1RL 0.20', lot: 'NDL-1', singleUseConfirmed: true },
          {
            configuration: '3RL 0.25',
            manufacturer: 'Kwadron',
            lot: 'NDL-2',
            expiresOn: '2028-01-31',
            singleUseConfirmed: true,
          },
        ],
        adverseEvents: [
          { kind: 'infection', severity: 'moderate', description: 'Pustules', notedAt: '2026-11-23T10:00:00Z' },
          { kind: 'other', severity: 'mild', description: 'Itching', notedAt: '2026-11-21T10:00:00Z' },
        ],
        impressions: 9000,
        durationMinutes: 150,
      }),
      validSession(clinic, {
        sessionIndex: 1,
        performedAt: '2026-10-01T09:30:00Z',
        anaesthetic: undefined,
        notes: undefined,
      }),
    ]
    await readyForSessions(server, clinic, clientId)
    await registerLots(server, clinic, [
      { kind: 'needle', brand: 'Kwadron', configuration: '1RL 0.20', lot: 'NDL-1', expiresOn: '2028-01-31' },
      { kind: 'needle', brand: 'Kwadron', configuration: '3RL 0.25', lot: 'NDL-2', expiresOn: '2028-01-31' },
    ])
    for (const s of sessions) {
      const res = await as(server, clinic.users.practitioner)('POST', `${base}/clients/${clientId}/sessions`, s)
      expect(res.statusCode, res.body).toBe(201)
    }
    // microseconds, which the API truncates to milliseconds like Date does
    await sql`update session_records set created_at = created_at + interval '123.456789 milliseconds'
      where client_id = ${clientId}::uuid`.execute(server.db)
  })
  afterAll(async () => {
    await server.close()
  })

  /** The file as the row-by-row repositories give it (what the route returned before it was one statement). */
  async function fileFromRepositories(clinical: boolean) {
    const plain = await server.db.transaction().execute(async (trx) => {
      const repos = {
        clients: new ClientRepository(trx),
        intakes: new IntakeRepository(trx),
        sessions: new SessionRecordRepository(trx),
      }
      return {
        client: await repos.clients.get(clinic.clinicId, clientId),
        intakes: clinical ? await repos.intakes.listForClient(clinic.clinicId, clientId) : null,
        sessions: await repos.sessions.list(clinic.clinicId, { clientId }),
      }
    })
    return { ...plain, sessions: clinical ? plain.sessions : plain.sessions.map((s) => ({ ...s, clinical: null })) }
  }

  const auditRows = () =>
    server.db
      .selectFrom('audit_log')
      .selectAll()
      .where('clinic_id', '=', clinic.clinicId)
      .where('entity', '=', 'client-file')
      .orderBy('id')
      .execute()

  it('says exactly what the repositories say, for clinical and front-desk readers', async () => {
    for (const role of ['owner', 'practitioner', 'front_desk'] as const) {
      const res = await as(server, clinic.users[role])('GET', `/api/v1/clinics/${clinic.clinicId}/clients/${clientId}`)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
      const body = res.json()
      expect(ClientFileSchema.parse(body)).toEqual(body)
      expect(body).toEqual(await fileFromRepositories(role !== 'front_desk'))
    }
  })

  it('orders intakes newest first, sessions oldest first, and keeps every needle, pigment and adverse event', async () => {
    const body = (
      await as(server, clinic.users.owner)('GET', `/api/v1/clinics/${clinic.clinicId}/clients/${clientId}`)
    ).json()
    expect(body.intakes.map((i: { version: number }) => i.version)).toEqual([2, 1])
    expect(body.sessions.map((s: { sessionIndex: number }) => s.sessionIndex)).toEqual([1, 2])
    const [first, second] = body.sessions
    expect(first.clinical).toEqual({ anaesthetic: null, notes: null, adverseEvents: [] })
    expect(second.needles.map((n: { lot: string }) => n.lot).sort()).toEqual(['NDL-1', 'NDL-2'])
    expect(second.clinical.adverseEvents.map((e: { description: string }) => e.description)).toEqual([
      'Itching',
      'Pustules',
    ])
    expect(second.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })

  it('gives an empty file for a client with no records', async () => {
    const res = await as(server, clinic.users.owner)(
      'GET',
      `/api/v1/clinics/${clinic.clinicId}/clients/${emptyClientId}`
    )
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ client: { id: emptyClientId, familyName: 'Empty' }, intakes: [], sessions: [] })
    const front = await as(server, clinic.users.front_desk)(
      'GET',
      `/api/v1/clinics/${clinic.clinicId}/clients/${emptyClientId}`
    )
    expect(front.json()).toMatchObject({ intakes: null, sessions: [] })
  })

  it('writes one audit row per read, committed before the answer: who, role, from where, which request', async () => {
    const before = (await auditRows()).length
    const res = await server.app.inject({
      method: 'GET',
      url: `/api/v1/clinics/${clinic.clinicId}/clients/${clientId}`,
      headers: { cookie: clinic.users.front_desk.cookie, 'user-agent': 'file-test/1.0' },
    })
    expect(res.statusCode).toBe(200)
    const rows = await auditRows()
    expect(rows.length).toBe(before + 1)
    expect(rows.at(-1)).toMatchObject({
      actor_user_id: clinic.users.front_desk.userId,
      actor_membership_id: clinic.users.front_desk.membershipId,
      actor_role: 'front_desk',
      action: 'read',
      entity_id: clientId,
      client_id: clientId,
      ip: '127.0.0.1',
      user_agent: 'file-test/1.0',
      detail: { clinical: false },
    })
    expect(rows.at(-1)?.request_id).toEqual(expect.any(String))
  })

  it('reads and audits nothing for a missing, erased or other clinic’s client (404)', async () => {
    const before = (await auditRows()).length
    const missing = await as(server, clinic.users.owner)(
      'GET',
      `/api/v1/clinics/${clinic.clinicId}/clients/00000000-0000-4000-8000-000000000000`
    )
    expect(missing.statusCode).toBe(404)
    const otherClient = (
      await as(server, other.users.owner)('POST', `/api/v1/clinics/${other.clinicId}/clients`, {
        givenName: 'Oona',
        familyName: 'Other',
      })
    ).json().id
    const crossed = await as(server, clinic.users.owner)(
      'GET',
      `/api/v1/clinics/${clinic.clinicId}/clients/${otherClient}`
    )
    expect(crossed.statusCode).toBe(404)
    expect(crossed.body).not.toContain('Oona')
    await server.db.updateTable('clients').set({ erased_at: new Date() }).where('id', '=', emptyClientId).execute()
    const erased = await as(server, clinic.users.owner)(
      'GET',
      `/api/v1/clinics/${clinic.clinicId}/clients/${emptyClientId}`
    )
    expect(erased.statusCode).toBe(404)
    expect((await auditRows()).length).toBe(before)
  })

  it('fails, showing nothing, when its audit row cannot be written', async () => {
    await sql`create function refuse_file_audit() returns trigger language plpgsql as $$
      begin
        if new.entity = 'client-file' then raise exception 'audit store refuses'; end if;
        return new;
      end $$`.execute(server.db)
    await sql`create trigger refuse_file_audit before insert on audit_log
      for each row execute function refuse_file_audit()`.execute(server.db)
    try {
      const res = await as(server, clinic.users.owner)('GET', `/api/v1/clinics/${clinic.clinicId}/clients/${clientId}`)
      expect(res.statusCode).toBe(500)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.body).not.toContain('Fia')
      expect(res.body).not.toContain('fia@example.com')
    } finally {
      await sql`drop trigger refuse_file_audit on audit_log`.execute(server.db)
      await sql`drop function refuse_file_audit()`.execute(server.db)
    }
    const after = await as(server, clinic.users.owner)('GET', `/api/v1/clinics/${clinic.clinicId}/clients/${clientId}`)
    expect(after.statusCode).toBe(200)
  })
})
