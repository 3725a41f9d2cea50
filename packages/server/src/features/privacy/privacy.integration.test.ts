// Export and erase: the archive holds the client's whole record (and photo files), erasure removes personal data
// and keeps what record retention needs (DOMAIN §6.4), both owner-only, tenant-scoped and audited.
import { gunzipSync } from 'node:zlib'
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  as,
  createTestClinic,
  openTestServer,
  registerLots,
  type TestClinic,
  type TestServer,
  validSession,
} from '../../test/harness.ts'

/** The files of a tar archive (ustar: 512-byte headers, contents padded to 512). */
function untar(gz: Buffer): Map<string, Buffer> {
  const tar = gunzipSync(gz)
  const files = new Map<string, Buffer>()
  let at = 0
  while (at + 512 <= tar.length) {
    const header = tar.subarray(at, at + 512)
    if (header.every((b) => b === 0)) break
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '')
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '')
    const size = Number.parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim(), 8)
    files.set(prefix === '' ? name : `${prefix}/${name}`, tar.subarray(at + 512, at + 512 + size))
    at += 512 + Math.ceil(size / 512) * 512
  }
  return files
}

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64'
)

describeEachDatabase('privacy: export and erase', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let other: TestClinic
  let base: string
  let clientId: string
  let sessionId: string
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Privacy Clinic')
    other = await createTestClinic(server, 'Other Clinic')
    base = `/api/v1/clinics/${clinic.clinicId}`
    clientId = await newClient()
    // what a session needs first: an intake, the treatment consent signed, the lots in the register
    const intake = await as(server, clinic.users.practitioner)('POST', `${base}/clients/${clientId}/intakes`, {
      document: {
        schema: 'stipple.intake/v1',
        client: { sex: 'male', age: 41, fitzpatrick: 3, hairColor: 'black', hairLength: 'shaved' },
        hairLoss: { scale: 'norwood', stage: '5A' },
      },
    })
    expect(intake.statusCode, intake.body).toBe(201)
    const template = await server.pool.query<{ id: string }>(
      "insert into consent_templates (clinic_id, kind, version, title, body) values ($1, 'treatment', 1, 'Treatment consent', 'I agree to SMP') returning id",
      [clinic.clinicId]
    )
    await server.pool.query(
      `insert into signed_consents (clinic_id, client_id, template_id, text_signed, text_sha256, signer_name, ip, signed_at)
       values ($1, $2, $3, 'I agree to SMP', repeat('b', 64), 'Quentin Quinn', '203.0.113.9', '2026-11-01T12:00:00Z')`,
      [clinic.clinicId, clientId, template.rows[0]?.id]
    )
    await registerLots(server, clinic, [
      { kind: 'pigment', brand: 'Perma Blend', shade: 'SMP Charcoal', lot: 'PB-2409-117', expiresOn: '2027-06-30' },
      { kind: 'needle', brand: 'Kwadron', configuration: '1RL 0.20', lot: 'NDL-7781', expiresOn: '2028-06-30' },
    ])
    const session = await as(server, clinic.users.practitioner)(
      'POST',
      `${base}/clients/${clientId}/sessions`,
      validSession(clinic, {
        notes: 'Mentioned his divorce; very nervous.',
        anaesthetic: { product: 'lidocaine 5% cream', method: 'topical', notes: 'applied by Dana at home' },
        adverseEvents: [
          {
            kind: 'allergic-reaction',
            severity: 'mild',
            description: 'Hives on the neck of Mr Quinn',
            notedAt: '2026-11-21T09:00:00Z',
          },
        ],
      })
    )
    expect(session.statusCode, session.body).toBe(201)
    sessionId = session.json().id
    // a photo row with its bytes in the store (as the photos feature keeps them)
    const hash = 'c'.repeat(64)
    await server.photoStore.put(hash, PNG_1x1)
    await server.pool.query(
      `insert into photos (clinic_id, client_id, session_record_id, angle, taken_on, consent_scope, content_sha256,
         mime_type, width, height, byte_size) values ($1, $2, $3, 'top', '2026-11-20', 'clinical', $4, 'image/png', 1, 1, $5)`,
      [clinic.clinicId, clientId, sessionId, hash, PNG_1x1.length]
    )
  })
  afterAll(async () => {
    await server.close()
  })

  async function newClient(): Promise<string> {
    const res = await as(server, clinic.users.owner)('POST', `${base}/clients`, {
      givenName: 'Quentin',
      familyName: 'Quinn',
      email: 'quentin@example.com',
      phone: '+1 416 555 0101',
      dateOfBirth: '1984-05-06',
      consents: { careEmail: true, careSms: true, marketingEmail: true, marketingSms: false },
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json().id
  }

  const auditRows = (action: string, id: string) =>
    server.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('client_id', '=', id).execute()

  it("exports the client's whole record and photo files as a tar.gz, audited", async () => {
    const res = await as(server, clinic.users.owner)('GET', `${base}/clients/${clientId}/export`)
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
    expect(res.headers['content-type']).toBe('application/gzip')
    expect(res.headers['content-disposition']).toBe(`attachment; filename="client-${clientId}.tar.gz"`)
    const files = untar(res.rawPayload)
    expect([...files.keys()]).toEqual(['client.json', expect.stringMatching(/^photos\/[0-9a-f-]{36}\.png$/)])
    const doc = JSON.parse(files.get('client.json')?.toString('utf8') ?? '{}')
    expect(doc).toMatchObject({
      format: 'stipple.client-export/v1',
      clinicId: clinic.clinicId,
      client: {
        id: clientId,
        givenName: 'Quentin',
        familyName: 'Quinn',
        email: 'quentin@example.com',
        dateOfBirth: '1984-05-06',
        communicationConsents: { careEmail: true, marketingEmail: true },
        erasedAt: null,
      },
      intakes: [{ version: 1, document: { hairLoss: { stage: '5A' } } }],
      sessionRecords: [
        {
          id: sessionId,
          notes: 'Mentioned his divorce; very nervous.',
          needles: [{ lot: 'NDL-7781' }],
          pigments: [{ lot: 'PB-2409-117', brand: 'Perma Blend' }],
          adverseEvents: [{ kind: 'allergic-reaction' }],
        },
      ],
      signedConsents: [{ signerName: 'Quentin Quinn', textSigned: 'I agree to SMP', template: { kind: 'treatment' } }],
      photos: [{ angle: 'top', mimeType: 'image/png' }],
    })
    expect(doc.auditEntries.map((e: { action: string }) => e.action)).toContain('create')
    const photoFile = doc.photos[0].file
    expect(files.get(photoFile)?.equals(PNG_1x1)).toBe(true)
    const logged = await auditRows('export', clientId)
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatchObject({ entity: 'client', actor_user_id: clinic.users.owner.userId })
  })

  it('exports laser-removal courses with their sessions, appointments with their changes, and the emails', async () => {
    const owner = as(server, clinic.users.owner)
    const id = (await owner('POST', `${base}/clients`, { givenName: 'Lara', familyName: 'Laser' })).json().id
    const course = await owner('POST', `${base}/clients/${id}/laser-removal-courses`, {
      reason: 'Hairline placed too low',
      provider: 'clinic',
      sessionsPlanned: 2,
      startedOn: '2026-10-01',
    })
    expect(course.statusCode, course.body).toBe(201)
    const session = await owner('POST', `${base}/clients/${id}/laser-removal-courses/${course.json().id}/sessions`, {
      performedOn: '2026-10-15',
      provider: 'Dr Lee',
    })
    expect(session.statusCode, session.body).toBe(201)
    const res = await owner('GET', `${base}/clients/${id}/export`)
    const doc = JSON.parse(untar(res.rawPayload).get('client.json')?.toString('utf8') ?? '{}')
    expect(doc.laserRemovalCourses).toMatchObject([
      { id: course.json().id, reason: 'Hairline placed too low', sessions: [{ performedOn: '2026-10-15' }] },
    ])
    expect(doc.appointments).toEqual([])
    expect(doc.messages).toEqual([])
  })

  it('lets only the owner export or erase (403 for the other roles), and 404 across clinics', async () => {
    for (const role of ['practitioner', 'front_desk', 'client'] as const) {
      expect((await as(server, clinic.users[role])('GET', `${base}/clients/${clientId}/export`)).statusCode).toBe(403)
      const erase = await as(server, clinic.users[role])('POST', `${base}/clients/${clientId}/erase`, {
        reason: 'asked by phone',
      })
      expect(erase.statusCode).toBe(403)
    }
    const otherOwner = as(server, other.users.owner)
    expect((await otherOwner('GET', `${base}/clients/${clientId}/export`)).statusCode).toBe(404)
    const viaOwnClinic = `/api/v1/clinics/${other.clinicId}/clients/${clientId}`
    expect((await otherOwner('GET', `${viaOwnClinic}/export`)).statusCode).toBe(404)
    const cross = await otherOwner('POST', `${viaOwnClinic}/erase`, { reason: 'not my client' })
    expect(cross.statusCode).toBe(404)
    expect(cross.body).not.toContain('Quinn')
    const still = await server.db
      .selectFrom('clients')
      .select('erased_at')
      .where('id', '=', clientId)
      .executeTakeFirst()
    expect(still?.erased_at).toBeNull()
  })

  it('refuses bad erase input with field paths and changes nothing', async () => {
    const owner = as(server, clinic.users.owner)
    const cases: [unknown, string[]][] = [
      [{}, ['body.reason']],
      [{ reason: 'ok reason', because: 'x' }, ['body.because']],
      [{ reason: 42 }, ['body.reason']],
      [{ reason: '  ' }, ['body.reason']],
      [{ reason: 'x'.repeat(1001) }, ['body.reason']],
    ]
    for (const [body, paths] of cases) {
      const res = await owner('POST', `${base}/clients/${clientId}/erase`, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(paths)
    }
    expect((await owner('POST', `${base}/clients/not-a-uuid/erase`, { reason: 'asked' })).statusCode).toBe(404)
    expect(
      (await owner('POST', `${base}/clients/00000000-0000-4000-8000-000000000000/erase`, { reason: 'asked' }))
        .statusCode
    ).toBe(404)
    expect(await auditRows('erase', clientId)).toHaveLength(0)
  })

  it('erases personal data, keeps dates, operator and lots, hides the client, and a second erase is 409', async () => {
    const owner = as(server, clinic.users.owner)
    const res = await owner('POST', `${base}/clients/${clientId}/erase`, { reason: "client's written request" })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({
      clientId,
      reason: "client's written request",
      retained: { sessionRecords: 1, needleLots: 1, pigmentLots: 1, signedConsents: 1, intakes: 1 },
      removed: { sessionNotes: 1, photos: 1 },
    })
    const row = await server.db.selectFrom('clients').selectAll().where('id', '=', clientId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      given_name: 'Erased',
      family_name: 'client',
      email: null,
      phone: null,
      date_of_birth: null,
      stage: 'closed',
      user_id: null,
    })
    expect(row.erased_at).toBeInstanceOf(Date)
    expect(row.communication_consents).toMatchObject({ careEmail: false, marketingEmail: false })
    const session = await server.db
      .selectFrom('session_records')
      .selectAll()
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow()
    expect(session.notes).toBeNull()
    expect(session.anaesthetic).toEqual({ product: 'lidocaine 5% cream', method: 'topical' })
    expect(session.performed_at.toISOString()).toBe('2026-11-20T20:00:00.000Z')
    expect(session.practitioner_id).toBe(clinic.users.practitioner.membershipId)
    expect(session.location_id).toBe(clinic.locationId)
    const lots = await server.db
      .selectFrom('session_pigments')
      .select('lot')
      .where('session_record_id', '=', sessionId)
      .execute()
    expect(lots).toEqual([{ lot: 'PB-2409-117' }])
    const events = await server.db
      .selectFrom('adverse_events')
      .selectAll()
      .where('session_record_id', '=', sessionId)
      .execute()
    expect(events).toMatchObject([{ kind: 'allergic-reaction', severity: 'mild' }])
    expect(JSON.stringify(events)).not.toContain('Quinn')
    expect(await server.db.selectFrom('photos').select('id').where('client_id', '=', clientId).execute()).toEqual([])
    expect(await server.photoStore.has('c'.repeat(64))).toBe(false)
    // the lot recall still finds the session, as an erased client
    const recall = await owner('GET', `${base}/lot-recall?lot=PB-2409-117`)
    expect(recall.statusCode).toBe(200)
    expect(recall.json().matches).toMatchObject([
      { sessionRecordId: sessionId, client: { id: clientId, givenName: 'Erased', familyName: 'client', email: null } },
    ])
    // gone from lists, search and the client file
    const list = await owner('GET', `${base}/clients?q=Quinn`)
    expect(list.json().items).toEqual([])
    expect(JSON.stringify((await owner('GET', `${base}/clients`)).json())).not.toContain(clientId)
    expect((await owner('GET', `${base}/clients/${clientId}`)).statusCode).toBe(404)
    // audited with its reason
    const logged = await auditRows('erase', clientId)
    expect(logged).toHaveLength(1)
    expect(logged[0]?.detail).toMatchObject({ reason: "client's written request" })
    // a second erase
    const again = await owner('POST', `${base}/clients/${clientId}/erase`, { reason: 'again' })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ code: 'conflict' })
    // the export afterwards holds the retained, anonymised record
    const exported = untar((await owner('GET', `${base}/clients/${clientId}/export`)).rawPayload)
    const doc = JSON.parse(exported.get('client.json')?.toString('utf8') ?? '{}')
    expect(doc.client).toMatchObject({ givenName: 'Erased', email: null, dateOfBirth: null })
    expect(doc.sessionRecords[0]).toMatchObject({ notes: null, pigments: [{ lot: 'PB-2409-117' }] })
    expect(doc.photos).toEqual([])
  })

  it('gives a client their own export through the portal, audited, and nothing to a client without a record', async () => {
    const portal = `${base}/portal/export`
    expect((await as(server, clinic.users.client)('GET', portal)).statusCode).toBe(404)
    const id = await newClient()
    await server.db.updateTable('clients').set({ user_id: clinic.users.client.userId }).where('id', '=', id).execute()
    const res = await as(server, clinic.users.client)('GET', portal)
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
    const doc = JSON.parse(untar(res.rawPayload).get('client.json')?.toString('utf8') ?? '{}')
    expect(doc.client).toMatchObject({ id, givenName: 'Quentin' })
    expect(await auditRows('export', id)).toMatchObject([{ actor_role: 'client' }])
    for (const role of ['owner', 'practitioner', 'front_desk'] as const) {
      expect((await as(server, clinic.users[role])('GET', portal)).statusCode).toBe(403)
    }
    expect((await as(server, other.users.client)('GET', portal)).statusCode).toBe(404)
  })

  it("removes an erased client's portal access", async () => {
    const id = await newClient()
    const portalUser = clinic.users.client.userId
    const [earlier] = await server.db.selectFrom('clients').select('id').where('user_id', '=', portalUser).execute()
    await server.db.updateTable('clients').set({ user_id: portalUser }).where('id', '=', id).execute()
    // while another client record of this clinic is the same portal account, the account keeps its access
    const first = await as(server, clinic.users.owner)('POST', `${base}/clients/${id}/erase`, { reason: 'by email' })
    expect(first.json().removed.portalAccess).toBe(0)
    expect((await as(server, clinic.users.client)('GET', '/api/v1/me')).statusCode).toBe(200)
    const res = await as(server, clinic.users.owner)('POST', `${base}/clients/${earlier?.id}/erase`, {
      reason: 'by email',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().removed.portalAccess).toBe(1)
    const membership = await server.db
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', clinic.users.client.userId)
      .execute()
    expect(membership).toEqual([])
    expect((await as(server, clinic.users.client)('GET', '/api/v1/me')).statusCode).toBe(401)
  })
})
