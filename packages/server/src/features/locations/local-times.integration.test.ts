// Every instant a screen shows comes with its wall-clock sibling, computed on the server with the domain's pinned zone
// table — here in America/Vancouver in December 2026, where the pinned table says UTC−7 and Node's own ICU data says
// UTC−8, so a browser converting the instant itself would show a different hour.
import { createHash, randomUUID } from 'node:crypto'
import { localTime } from '@stipple/domain'
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

type Local = { date: string; time: string; offsetMinutes: number }
const AT = new Date('2026-12-15T20:00:00.000Z')
/** 20:00 UTC on the location's wall clock per the pinned table: 1 p.m., UTC−7. */
const VANCOUVER: Local = { date: '2026-12-15', time: '13:00', offsetMinutes: -420 }

describeEachDatabase('wall-clock times from the server, in the location zone', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let base: string
  let clientId = ''
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Clock Clinic')
    base = `/api/v1/clinics/${clinic.clinicId}`
    await server.db
      .updateTable('locations')
      .set({ time_zone: 'America/Vancouver' })
      .where('id', '=', clinic.locationId)
      .execute()
    const owner = as(server, clinic.users.owner)
    const created = await owner('POST', `${base}/clients`, { givenName: 'Rowan', familyName: 'Hale' })
    expect(created.statusCode, created.body).toBe(201)
    clientId = created.json().id
    await readyForSessions(server, clinic, clientId)
    const session = await as(server, clinic.users.practitioner)(
      'POST',
      `${base}/clients/${clientId}/sessions`,
      validSession(clinic)
    )
    expect(session.statusCode, session.body).toBe(201)
    // the records as of one December afternoon
    await server.db.updateTable('session_records').set({ performed_at: AT }).where('client_id', '=', clientId).execute()
    // signed consents and the audit log never change: these are written as of that afternoon
    const template = await server.db
      .selectFrom('consent_templates')
      .select('id')
      .where('clinic_id', '=', clinic.clinicId)
      .executeTakeFirstOrThrow()
    await server.db
      .insertInto('signed_consents')
      .values({
        clinic_id: clinic.clinicId,
        client_id: clientId,
        template_id: template.id,
        text_signed: 'Photo consent\n\nI agree.',
        text_sha256: createHash('sha256').update('Photo consent\n\nI agree.').digest('hex'),
        signer_name: 'Rowan Hale',
        signed_at: AT,
        method: 'in-clinic',
        recorded_by: clinic.users.front_desk.membershipId,
      })
      .execute()
    await server.db
      .insertInto('outbox_messages')
      .values({
        id: randomUUID(),
        clinic_id: clinic.clinicId,
        client_id: clientId,
        appointment_id: null,
        session_record_id: null,
        kind: 'touch-up-recall',
        dedupe_key: `clock-${clientId}`,
        care: false,
        to_email: 'rowan@example.test',
        subject: 'Time for your touch-up',
        body_text: 'Book your touch-up.',
        body_html: '<p>Book your touch-up.</p>',
        message_id: `<${randomUUID()}@example.test>`,
        due_at: AT,
        next_attempt_at: AT,
        payload: JSON.stringify({}),
      })
      .execute()
    await server.db
      .insertInto('audit_log')
      .values({
        clinic_id: clinic.clinicId,
        actor_user_id: clinic.users.owner.userId,
        actor_membership_id: clinic.users.owner.membershipId,
        actor_role: 'owner',
        action: 'read',
        entity: 'client-file',
        entity_id: clientId,
        client_id: clientId,
        at: AT,
      })
      .execute()
  })
  afterAll(async () => {
    await server.close()
  })

  it('uses a zone whose rules differ between the pinned table and this runtime', () => {
    expect(localTime(AT.getTime(), 'America/Vancouver')).toEqual(VANCOUVER)
    const runtime = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/Vancouver',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(AT)
    // not asserted equal to 13: this is what a browser converting by itself could show instead
    expect(['12', '13']).toContain(runtime)
  })

  it('gives a session record its performedAtLocal, in the file, the session list and a lot recall', async () => {
    const owner = as(server, clinic.users.owner)
    const list = await owner('GET', `${base}/clients/${clientId}/sessions`)
    expect(list.statusCode, list.body).toBe(200)
    expect(list.json().items[0]).toMatchObject({ performedAt: AT.toISOString(), performedAtLocal: VANCOUVER })
    const file = await owner('GET', `${base}/clients/${clientId}`)
    expect(file.statusCode, file.body).toBe(200)
    expect(file.json().sessions[0].performedAtLocal).toEqual(VANCOUVER)
    const recall = await owner('GET', `${base}/lot-recall?lot=NDL-7781`)
    expect(recall.statusCode, recall.body).toBe(200)
    expect(recall.json().matches[0].performedAtLocal).toEqual(VANCOUVER)
  })

  it('gives a signed consent its signedAtLocal', async () => {
    const res = await as(server, clinic.users.owner)('GET', `${base}/clients/${clientId}/consents`)
    expect(res.statusCode, res.body).toBe(200)
    const signed = res.json().items.find((c: { signedAt: string }) => c.signedAt === AT.toISOString())
    expect(signed?.signedAtLocal).toEqual(VANCOUVER)
  })

  it('gives an outbox message its dueAtLocal (and no sentAtLocal before it is sent)', async () => {
    const res = await as(server, clinic.users.owner)('GET', `${base}/outbox?clientId=${clientId}`)
    expect(res.statusCode, res.body).toBe(200)
    const message = res.json().items.find((m: { subject: string }) => m.subject === 'Time for your touch-up')
    expect(message).toMatchObject({ dueAtLocal: VANCOUVER, sentAt: null, sentAtLocal: null })
  })

  it("gives an audit entry its atLocal on the clinic's main location's clock", async () => {
    const res = await as(server, clinic.users.owner)(
      'GET',
      `${base}/audit?clientId=${clientId}&from=2026-12-15&to=2026-12-15`
    )
    expect(res.statusCode, res.body).toBe(200)
    const entries = res.json().items as { atLocal: Local }[]
    expect(entries.length).toBeGreaterThan(0)
    expect(entries.map((e) => e.atLocal)).toEqual([VANCOUVER])
  })
})
