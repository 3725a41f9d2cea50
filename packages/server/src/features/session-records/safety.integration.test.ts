// Safety before a needle touches skin, over HTTP on both databases: a session needs the current treatment consent and
// a latest intake whose screening allows treatment on its day; only the owner overrides, with a reason, audited and
// shown; a new intake supersedes the old one (the screening in force, a new version of the same design); a session
// completes its appointment; only registered, unexpired lots are used.
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  as,
  createTestClinic,
  openTestServer,
  readyForSessions,
  registerLots,
  SUITABLE_INTAKE,
  type TestClinic,
  type TestServer,
  testSignature,
  validSession,
} from '../../test/harness.ts'

const ISOTRETINOIN = { ...SUITABLE_INTAKE, medical: { medications: [{ name: 'isotretinoin', lastDoseDaysAgo: 30 }] } }

describeEachDatabase('safety before a session', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let base: string
  const NOW = new Date()
  const today = NOW.toISOString().slice(0, 10)
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Safe SMP')
    base = `/api/v1/clinics/${clinic.clinicId}`
  })
  afterAll(async () => {
    await server.close()
  })

  const newClient = async (familyName: string) =>
    (await as(server, clinic.users.owner)('POST', `${base}/clients`, { givenName: 'Sam', familyName })).json()
      .id as string
  const recordsOf = async (clientId: string) =>
    (await server.db.selectFrom('session_records').select('id').where('client_id', '=', clientId).execute()).length
  const post = (role: 'owner' | 'practitioner', clientId: string, over: Record<string, unknown> = {}) =>
    as(server, clinic.users[role])('POST', `${base}/clients/${clientId}/sessions`, validSession(clinic, over))

  it('refuses a session without a signed treatment consent, in words, writing nothing', async () => {
    const clientId = await newClient('Unsigned')
    await as(server, clinic.users.practitioner)('POST', `${base}/clients/${clientId}/intakes`, {
      document: SUITABLE_INTAKE,
    })
    await registerLots(server, clinic, [
      { kind: 'pigment', brand: 'Perma Blend', shade: 'SMP Charcoal', lot: 'PB-2409-117', expiresOn: '2027-06-30' },
      { kind: 'needle', brand: 'Kwadron', configuration: '1RL 0.20', lot: 'NDL-7781', expiresOn: '2028-06-30' },
    ])
    // a clinic with no treatment consent text at all
    const none = await post('practitioner', clientId)
    expect(none.statusCode, none.body).toBe(422)
    expect(none.json().errors).toEqual([
      { path: 'consent', message: expect.stringMatching(/no treatment consent text yet/) },
    ])
    const template = await as(server, clinic.users.owner)('POST', `${base}/consent-templates`, {
      kind: 'treatment',
      title: 'Consent to SMP',
      body: 'I agree.\n\n- It is a tattoo.\n- It fades.',
    })
    expect(template.statusCode, template.body).toBe(201)
    const unsigned = await post('practitioner', clientId, { performedAt: `${today}T15:00:00-05:00` })
    expect(unsigned.statusCode).toBe(422)
    expect(unsigned.json().errors).toEqual([
      {
        path: 'consent',
        message: 'No signed treatment consent: the client signs the treatment consent (version 1) before the session.',
      },
    ])
    expect(unsigned.json().detail).toMatch(/^This session cannot be recorded: No signed treatment consent/)
    expect(await recordsOf(clientId)).toBe(0)
    // signed on the tablet today: a session today may go ahead
    const signed = await as(server, clinic.users.front_desk)('POST', `${base}/clients/${clientId}/consents`, {
      templateVersionId: template.json().id,
      signerName: 'Sam Unsigned',
      signatureImage: await testSignature(3),
    })
    expect(signed.statusCode, signed.body).toBe(201)
    const after = await post('practitioner', clientId, { performedAt: NOW.toISOString() })
    expect(after.statusCode, after.body).toBe(201)
    // a new version of the text needs a new signature
    await as(server, clinic.users.owner)('POST', `${base}/consent-templates`, {
      kind: 'treatment',
      title: 'Consent to SMP',
      body: 'I agree, version two.',
    })
    const stale = await post('practitioner', clientId, { performedAt: NOW.toISOString(), sessionIndex: 2 })
    expect(stale.statusCode).toBe(422)
    expect(stale.json().errors[0].message).toMatch(
      /signed treatment consent version 1 on .*; the current text is version 2/
    )
  })

  describe('a deferring latest intake', () => {
    let clientId: string
    beforeAll(async () => {
      clientId = await newClient('Deferred')
      await readyForSessions(server, clinic, clientId) // a suitable intake, version 1
      const v2 = await as(server, clinic.users.practitioner)('POST', `${base}/clients/${clientId}/intakes`, {
        document: ISOTRETINOIN,
      })
      expect(v2.json().version).toBe(2)
    })

    it('is refused with the finding and its date; the earlier suitable intake no longer counts', async () => {
      const res = await post('practitioner', clientId, { performedAt: NOW.toISOString() })
      expect(res.statusCode, res.body).toBe(422)
      const [error] = res.json().errors
      expect(error.path).toBe('screening')
      expect(error.message).toMatch(
        /^Deferred until \d{4}-\d{2}-\d{2}: isotretinoin last taken on \d{4}-\d{2}-\d{2} \(30 days before the intake of \d{4}-\d{2}-\d{2}\); wait 6 months after the last dose\.$/
      )
      expect(await recordsOf(clientId)).toBe(0)
      const screening = await as(server, clinic.users.practitioner)('GET', `${base}/clients/${clientId}/screening`)
      expect(screening.json()).toMatchObject({ intakeVersion: 2, status: 'defer', supersedes: 1 })
    })

    it('a practitioner cannot override it', async () => {
      const res = await post('practitioner', clientId, {
        performedAt: NOW.toISOString(),
        override: { reason: 'Dermatologist cleared the client in writing.' },
      })
      expect(res.statusCode).toBe(403)
      expect(res.json().errors).toEqual([{ path: 'body.override', message: expect.stringMatching(/only the owner/) }])
      expect(await recordsOf(clientId)).toBe(0)
    })

    it('the owner overrides with a written reason: audited, on the record and in the client file', async () => {
      const short = await post('owner', clientId, { performedAt: NOW.toISOString(), override: { reason: 'ok' } })
      expect(short.statusCode).toBe(400)
      expect(short.json().errors).toEqual([
        { path: 'body.override.reason', message: 'write the reason in at least 10 characters' },
      ])
      const reason = 'Dermatologist cleared the client in writing on file; isotretinoin was a 2-week course.'
      const res = await post('owner', clientId, { performedAt: NOW.toISOString(), override: { reason } })
      expect(res.statusCode, res.body).toBe(201)
      expect(res.json().override).toEqual({
        reason,
        byMembershipId: clinic.users.owner.membershipId,
        byName: expect.any(String),
        overridden: [expect.stringMatching(/^Deferred until .*: isotretinoin/)],
      })
      const audited = await server.db
        .selectFrom('audit_log')
        .select(['actor_role', 'detail', 'entity_id'])
        .where('entity', '=', 'safety-override')
        .where('client_id', '=', clientId)
        .execute()
      expect(audited).toEqual([
        {
          actor_role: 'owner',
          entity_id: res.json().id,
          detail: expect.objectContaining({ reason, overridden: res.json().override.overridden }),
        },
      ])
      const file = (await as(server, clinic.users.practitioner)('GET', `${base}/clients/${clientId}`)).json()
      expect(file.sessions[0].override).toEqual(res.json().override)
      const list = (await as(server, clinic.users.owner)('GET', `${base}/clients/${clientId}/sessions`)).json()
      expect(list.items[0].override.reason).toBe(reason)
      // nothing to override is refused, not silently ignored
      const allowed = await newClient('Allowed')
      await readyForSessions(server, clinic, allowed)
      const needless = await post('owner', allowed, { override: { reason } })
      expect(needless.statusCode).toBe(422)
      expect(needless.json().errors[0].path).toBe('body.override')
    })
  })

  it('a new intake supersedes: the screening in force, a new version of the same design, no second design', async () => {
    const clientId = await newClient('Superseded')
    const owner = as(server, clinic.users.owner)
    const v1 = await owner('POST', `${base}/clients/${clientId}/intakes`, { document: SUITABLE_INTAKE })
    const first = await owner('POST', `${base}/clients/${clientId}/consultations`, {
      intakeId: v1.json().id,
      locationId: clinic.locationId,
    })
    expect(first.statusCode, first.body).toBe(201)
    expect(first.json().designVersion).toBe(1)
    const approved = await owner('POST', `${base}/designs/${first.json().designId}/approval`, {
      versionId: first.json().designVersionId,
      method: 'in-clinic',
    })
    expect(approved.statusCode, approved.body).toBe(200)
    const v2 = await owner('POST', `${base}/clients/${clientId}/intakes`, {
      document: { ...SUITABLE_INTAKE, hairLoss: { scale: 'norwood', stage: 'VI' } },
    })
    const second = await owner('POST', `${base}/clients/${clientId}/consultations`, {
      intakeId: v2.json().id,
      locationId: clinic.locationId,
    })
    expect(second.statusCode, second.body).toBe(201)
    expect(second.json().designId).toBe(first.json().designId)
    expect(second.json().designVersion).toBe(2)
    const designs = (await owner('GET', `${base}/clients/${clientId}/designs`)).json().items
    expect(designs).toHaveLength(1)
    // the approval of version 1 does not count for version 2, and says so
    expect(designs[0]).toMatchObject({ latest: { version: 2 }, approval: null, earlierApproval: { version: 1 } })
    const detail = (await owner('GET', `${base}/designs/${first.json().designId}`)).json()
    expect(detail.approval).toBeNull()
    expect(detail.earlierApproval.version).toBe(1)
    const screening = (await owner('GET', `${base}/clients/${clientId}/screening`)).json()
    expect(screening).toMatchObject({ intakeId: v2.json().id, intakeVersion: 2, supersedes: 1 })
    // the new version is the one to approve now
    const now = await owner('POST', `${base}/designs/${first.json().designId}/approval`, {
      versionId: second.json().designVersionId,
      method: 'in-clinic',
    })
    expect(now.statusCode, now.body).toBe(200)
    expect((await owner('GET', `${base}/designs/${first.json().designId}`)).json()).toMatchObject({
      approval: { version: 2 },
      earlierApproval: null,
    })
  }, 60_000)

  it('a session record links its appointment, which becomes completed in its history', async () => {
    const clientId = await newClient('Booked')
    await readyForSessions(server, clinic, clientId)
    const chair = await server.db
      .insertInto('chairs')
      .values({ clinic_id: clinic.clinicId, location_id: clinic.locationId, name: `Chair ${clientId.slice(0, 6)}` })
      .returning('id')
      .executeTakeFirstOrThrow()
    const starts = new Date('2026-11-20T14:00:00Z')
    const ends = new Date('2026-11-20T17:00:00Z')
    const appointment = await server.db
      .insertInto('appointments')
      .values({
        clinic_id: clinic.clinicId,
        location_id: clinic.locationId,
        client_id: clientId,
        practitioner_id: clinic.users.practitioner.membershipId,
        chair_id: chair.id,
        kind: 'smp-session',
        starts_at: starts,
        ends_at: ends,
        blocks: `[${starts.toISOString()},${ends.toISOString()})`,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const res = await post('practitioner', clientId, { appointmentId: appointment.id })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().appointmentId).toBe(appointment.id)
    const row = await server.db
      .selectFrom('appointments')
      .select('status')
      .where('id', '=', appointment.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('completed')
    const history = await server.db
      .selectFrom('appointment_changes')
      .select(['change', 'changed_by'])
      .where('appointment_id', '=', appointment.id)
      .execute()
    expect(history).toEqual([{ change: 'completed', changed_by: clinic.users.practitioner.membershipId }])
    const again = await post('practitioner', clientId, { appointmentId: appointment.id, sessionIndex: 2 })
    expect(again.statusCode).toBe(422)
    expect(again.json().errors).toEqual([
      { path: 'body.appointmentId', message: 'a session record already follows this appointment' },
    ])
    const otherClient = await newClient('Stranger')
    await readyForSessions(server, clinic, otherClient)
    const foreign = await post('practitioner', otherClient, { appointmentId: appointment.id })
    expect(foreign.statusCode).toBe(400)
  })

  it('refuses an unknown or expired lot with the reason, writing nothing', async () => {
    const clientId = await newClient('Lots')
    await readyForSessions(server, clinic, clientId)
    await registerLots(server, clinic, [
      { kind: 'pigment', brand: 'Perma Blend', shade: 'SMP Charcoal', lot: 'PB-OLD-1', expiresOn: '2026-11-19' },
    ])
    const pigment = (lot: string, expiresOn: string) => ({
      brand: 'Perma Blend',
      shade: 'SMP Charcoal',
      dilution: '1:25',
      lot,
      expiresOn,
    })
    const unknown = await post('practitioner', clientId, { pigments: [pigment('PB-NEVER-SEEN', '2027-06-30')] })
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json().errors).toEqual([
      {
        path: 'body.pigments[0].lot',
        message:
          'pigment lot PB-NEVER-SEEN is not in the lots register of Safe SMP main: add it (brand, shade, lot, expiry) before using it',
      },
    ])
    const expired = await post('practitioner', clientId, { pigments: [pigment('pb-old-1', '2026-11-19')] })
    expect(expired.statusCode).toBe(422)
    expect(expired.json().errors).toEqual([
      {
        path: 'body.pigments[0].lot',
        message: 'pigment lot PB-OLD-1 expired on 2026-11-19, before the session on 2026-11-20; do not use it',
      },
    ])
    expect(await recordsOf(clientId)).toBe(0)
    const lots = (await as(server, clinic.users.practitioner)('GET', `${base}/lots?kind=pigment`)).json().items
    expect(lots.find((l: { lot: string }) => l.lot === 'PB-OLD-1')).toMatchObject({ expired: true })
    // front desk neither reads nor adds to the register
    expect((await as(server, clinic.users.front_desk)('GET', `${base}/lots`)).statusCode).toBe(403)
    const duplicate = await as(server, clinic.users.owner)('POST', `${base}/lots`, {
      kind: 'pigment',
      locationId: clinic.locationId,
      brand: 'Perma Blend',
      shade: 'SMP Charcoal',
      lot: 'PB-OLD-1',
      expiresOn: '2028-01-01',
    })
    expect(duplicate.statusCode).toBe(409)
  })
})
