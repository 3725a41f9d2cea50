// Care messages end to end: aftercare timed from the session, a client's messages for staff and today's aftercare in
// the portal, nothing more after care emails are withdrawn or the client erased, and the touch-up recall's unsubscribe.
import { localTime } from '@stipple/domain'
import { describeEachDatabase } from '@stipple/testkit'
import { beforeAll, expect, it } from 'vitest'
import {
  as,
  createTestClinic,
  readyForSessions,
  type TestClinic,
  type TestServer,
  validSession,
} from '../../test/harness.ts'
import { HOUR, PUBLIC_URL, reminderClinic } from '../../test/reminder-clinic.ts'

describeEachDatabase('reminders: aftercare, the portal, consents and unsubscribe', (database) => {
  const { t, worker, mailsTo, newClient, book, outboxOf } = reminderClinic(database)
  let server: TestServer
  let clinic: TestClinic
  let base: string
  beforeAll(() => {
    ;({ server, clinic, base } = t)
  })

  it('sends aftercare on the days a rule ends, and the between-sessions note, timed from the session', async () => {
    const email = 'aftercare@example.test'
    const clientId = await newClient(email)
    await readyForSessions(server, clinic, clientId)
    const res = await as(server, clinic.users.practitioner)(
      'POST',
      `${base}/clients/${clientId}/sessions`,
      validSession(clinic, { performedAt: '2027-01-05T15:00:00Z' })
    )
    expect(res.statusCode, res.body).toBe(201)
    t.clock = new Date('2027-01-05T16:00:00Z')
    const w = worker()
    await w.runOnce()
    expect(mailsTo(email)).toHaveLength(0)
    const planned = await outboxOf(clientId)
    // DOMAIN §6.3: dry for 4 days (day 5 free), no sweat and no products for 5 (day 6), scabs and shaving 7 (day 8)
    expect(planned.map((m) => [m.kind, m.due_at.toISOString()])).toEqual([
      ['aftercare', '2027-01-05T17:00:00.000Z'],
      ['between-sessions', '2027-01-08T15:00:00.000Z'],
      ['aftercare', '2027-01-10T15:00:00.000Z'],
      ['aftercare', '2027-01-11T15:00:00.000Z'],
      ['aftercare', '2027-01-13T15:00:00.000Z'],
    ])
    t.clock = new Date('2027-01-05T17:00:00Z')
    await w.runOnce()
    const day0 = mailsTo(email)[0]
    expect(day0?.subject).toBe('Looking after your scalp after session 1')
    expect(day0?.text).toContain('keep your scalp dry')
    expect(day0?.text).toContain("don't pick or scratch")
    expect(day0?.html).toContain('<li>After session 1: keep your scalp dry')
    t.clock = new Date('2027-01-10T15:00:00Z')
    await w.runOnce()
    const between = mailsTo(email).find((m) => m.subject === 'What to expect between your sessions')
    const day5 = mailsTo(email).find((m) => m.subject?.startsWith('Aftercare: 5 days'))
    expect(mailsTo(email)).toHaveLength(3)
    expect(between?.subject).toBe('What to expect between your sessions')
    expect(between?.text).toContain('they soften, shrink and fade')
    expect(day5?.subject).toBe('Aftercare: 5 days after session 1')
    const [stopped, still] = (day5?.text ?? '').split('Still keep to these:')
    expect(stopped).toContain('keep your scalp dry')
    expect(still).not.toContain('keep your scalp dry')
    expect(still).toContain("don't pick or scratch the little scabs: the pigment comes out with them. (through day 7)")
  })

  it("shows a client's messages to staff without their bodies, audited, and the portal's aftercare for today", async () => {
    const email = 'portal@example.test'
    const clientId = await newClient(email)
    await server.db
      .updateTable('clients')
      .set({ user_id: clinic.users.client.userId })
      .where('id', '=', clientId)
      .execute()
    const performedAt = new Date(Date.now() - 2 * 24 * HOUR - HOUR)
    await readyForSessions(server, clinic, clientId)
    const session = await as(server, clinic.users.practitioner)(
      'POST',
      `${base}/clients/${clientId}/sessions`,
      validSession(clinic, { performedAt: performedAt.toISOString() })
    )
    expect(session.statusCode, session.body).toBe(201)
    t.clock = new Date()
    await worker().runOnce()

    const list = await as(server, clinic.users.front_desk)('GET', `${base}/clients/${clientId}/messages`)
    expect(list.statusCode, list.body).toBe(200)
    const items = list.json().items as { kind: string; status: string; subject: string }[]
    // recorded two days late: day 0's email would be over a day late, so it is not written; days 3, 5, 6, 8 wait
    expect(items.map((m) => [m.kind, m.status])).toEqual([
      ['aftercare', 'queued'],
      ['aftercare', 'queued'],
      ['aftercare', 'queued'],
      ['between-sessions', 'queued'],
    ])
    expect(list.body).not.toContain('keep your scalp dry')
    const audited = await server.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role'])
      .where('client_id', '=', clientId)
      .where('entity', '=', 'client-messages')
      .execute()
    expect(audited).toEqual([{ action: 'read', actor_role: 'front_desk' }])
    const other = await createTestClinic(server, 'Elsewhere')
    const foreign = await as(server, other.users.owner)(
      'GET',
      `/api/v1/clinics/${other.clinicId}/clients/${clientId}/messages`
    )
    expect(foreign.statusCode).toBe(404)

    const today = await as(server, clinic.users.client)('GET', `${base}/portal/aftercare`)
    expect(today.statusCode, today.body).toBe(200)
    const body = today.json()
    expect(body.session).toEqual({
      sessionIndex: 1,
      performedAt: performedAt.toISOString(),
      // on the session's location's clock (Toronto), from the domain's pinned table
      performedAtLocal: localTime(performedAt.getTime(), 'America/Toronto'),
    })
    expect(body.dayAfterSession).toBe(2)
    // DOMAIN §6.3: dry until day 4, no sweat or products until day 5, scabs and shaving until day 7
    expect(body.today.map((i: { lastDay: number }) => i.lastDay)).toEqual(expect.arrayContaining([4, 5, 7]))
    expect(
      body.today.find((i: { instruction: string }) => i.instruction.includes('keep your scalp dry'))?.lastDay
    ).toBe(4)
    expect(body.betweenSessions).toContain('soften, shrink and fade')
    expect(body.longTerm).toEqual([])
    const staff = await as(server, clinic.users.owner)('GET', `${base}/portal/aftercare`)
    expect(staff.statusCode).toBe(403)
  })

  it('sends nothing more to a client who withdrew care emails or was erased, and blanks the erased copy', async () => {
    const quiet = await newClient('quiet@example.test')
    const erased = await newClient('erased@example.test')
    await book(quiet, '2027-07-03T15:00:00Z')
    await book(erased, '2027-07-03T18:00:00Z')
    t.clock = new Date('2027-07-01T18:30:00Z')
    const w = worker()
    await w.runOnce()
    expect(mailsTo('erased@example.test')).toHaveLength(1)
    const withdrawn = await as(server, clinic.users.owner)('PATCH', `${base}/clients/${quiet}`, {
      consents: { careEmail: false, careSms: false, marketingEmail: false, marketingSms: false },
    })
    expect(withdrawn.statusCode, withdrawn.body).toBe(200)
    const erase = await as(server, clinic.users.owner)('POST', `${base}/clients/${erased}/erase`, {
      reason: 'asked to',
    })
    expect(erase.statusCode, erase.body).toBe(200)
    t.clock = new Date('2027-07-02T18:00:00Z')
    await w.runOnce()
    expect(mailsTo('quiet@example.test').map((m) => m.subject)).toHaveLength(1)
    expect(mailsTo('erased@example.test')).toHaveLength(1)
    expect((await outboxOf(quiet)).map((m) => [m.kind, m.status, m.cancel_reason])).toEqual([
      ['appointment-48h', 'sent', null],
      ['appointment-24h', 'cancelled', 'The client does not want care emails.'],
    ])
    const blanked = await outboxOf(erased)
    expect(blanked.map((m) => [m.kind, m.status, m.to_email, m.body_text])).toEqual([
      ['appointment-48h', 'sent', 'erased', ''],
      ['appointment-24h', 'cancelled', 'erased', ''],
    ])
    expect(JSON.stringify(blanked)).not.toContain('Sam')
  })

  it('puts an unsubscribe link on the touch-up recall only; unsubscribing stops it and not care messages', async () => {
    const email = 'recall@example.test'
    const clientId = await newClient(email, { careEmail: true, marketingEmail: true })
    await readyForSessions(server, clinic, clientId)
    const session = await as(server, clinic.users.practitioner)(
      'POST',
      `${base}/clients/${clientId}/sessions`,
      validSession(clinic, { performedAt: '2023-03-01T15:00:00Z' })
    )
    expect(session.statusCode, session.body).toBe(201)
    // DOMAIN §5: no consultation on file, so the default 4 years
    t.clock = new Date('2027-03-02T09:00:00Z')
    const w = worker()
    await w.runOnce()
    const [recall] = mailsTo(email)
    expect(recall?.subject).toBe('Time to think about a touch-up')
    expect(recall?.text).toContain('about 4 years since your final session')
    const headerLine = (key: string) =>
      recall?.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/, '') ?? ''
    const header = headerLine('list-unsubscribe')
    expect(header).toMatch(/^<https:\/\/clinic\.example\/api\/v1\/public\/unsubscribe\?token=[^>]+>$/)
    expect(headerLine('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    expect(recall?.text).toContain(header.slice(1, -1))
    const path = header.slice(1, -1).replace(PUBLIC_URL, '')

    // a GET (a link scanner, or the page) changes nothing
    const page = await server.app.inject({ method: 'GET', url: path })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.body).toContain('Reminder Clinic')
    const forged = await server.app.inject({ method: 'GET', url: `${path.slice(0, -3)}AAA` })
    expect(forged.statusCode).toBe(404)
    expect(forged.headers['content-type']).toContain('application/problem+json')
    const consents = async () =>
      (
        await server.db
          .selectFrom('clients')
          .select('communication_consents')
          .where('id', '=', clientId)
          .executeTakeFirstOrThrow()
      ).communication_consents
    expect((await consents()).marketingEmail).toBe(true)

    // RFC 8058 one-click, as a mail provider sends it
    const click = await server.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    })
    expect(click.statusCode, click.body).toBe(200)
    expect(await consents()).toMatchObject({ marketingEmail: false, careEmail: true })

    // a new session: its aftercare still comes, a new recall is not planned
    const next = await as(server, clinic.users.practitioner)(
      'POST',
      `${base}/clients/${clientId}/sessions`,
      validSession(clinic, { performedAt: '2027-03-03T15:00:00Z' })
    )
    expect(next.statusCode, next.body).toBe(201)
    t.clock = new Date('2027-03-03T17:00:00Z')
    await w.runOnce()
    t.clock = new Date('2027-05-01T09:00:00Z')
    await w.runOnce()
    t.clock = new Date('2031-06-01T09:00:00Z')
    await w.runOnce()
    const kinds = (await outboxOf(clientId)).map((m) => m.kind)
    expect(kinds.filter((k) => k === 'touch-up-recall')).toHaveLength(1)
    expect(mailsTo(email).map((m) => m.subject)).toContain('Looking after your scalp after session 1')
    expect(mailsTo(email).filter((m) => m.subject === 'Time to think about a touch-up')).toHaveLength(1)
    const audit = await server.db
      .selectFrom('audit_log')
      .select(['entity', 'detail'])
      .where('client_id', '=', clientId)
      .where('entity', '=', 'communication-consents')
      .execute()
    expect(audit).toHaveLength(1)
  })
})
