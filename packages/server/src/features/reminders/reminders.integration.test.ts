// Reminders end to end: the planner queues from appointments and session records, the worker delivers to a real SMTP
// server started here (smtp-server) and each message is parsed back (mailparser). Time is an injected clock.
import type { AddressInfo } from 'node:net'
import { localTime } from '@stipple/domain'
import { describeEachDatabase } from '@stipple/testkit'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import {
  as,
  createTestClinic,
  openTestServer,
  readyForSessions,
  type TestClinic,
  type TestServer,
  validSession,
} from '../../test/harness.ts'
import { type Mailer, smtpMailer } from './mailer.ts'
import { ReminderPlanner } from './planner.ts'
import { NOT_SET_UP, OutboxWorker } from './worker.ts'

const HOUR = 3_600_000
const MINUTE = 60_000
const PUBLIC_URL = 'https://clinic.example'

describeEachDatabase('reminders: outbox, SMTP delivery, retries and unsubscribe', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let base: string
  let smtp: SMTPServer
  let mailer: Mailer
  let rejecting = false
  const mails: ParsedMail[] = []
  /** Each message as the SMTP server received it, bytes and all, beside its parse. */
  const raws: string[] = []
  let clock = new Date('2026-12-01T12:00:00Z')
  let chairId: string

  const worker = () =>
    new OutboxWorker(
      server.db,
      mailer,
      new ReminderPlanner(server.db, { publicUrl: PUBLIC_URL, mailHost: 'clinic.example' }),
      {
        from: 'Stipple Clinic <care@clinic.example>',
        now: () => clock,
      }
    )
  const mailsTo = (email: string) => mails.filter((m) => [m.to].flat().some((a) => a?.text.includes(email)))

  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Reminder Clinic')
    base = `/api/v1/clinics/${clinic.clinicId}`
    chairId = (
      await server.db
        .insertInto('chairs')
        .values({ clinic_id: clinic.clinicId, location_id: clinic.locationId, name: 'Chair 1' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        if (!rejecting) return callback()
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }))
      },
      onData(stream, _session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          const raw = Buffer.concat(chunks)
          simpleParser(raw).then((m) => {
            raws.push(raw.toString('latin1'))
            mails.push(m)
            callback()
          }, callback)
        })
      },
    })
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    mailer = smtpMailer(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`)
  })
  afterEach(async () => {
    // each test starts from an empty queue (dedupe keys stay, so nothing is planned twice)
    await server.db
      .updateTable('outbox_messages')
      .set({ status: 'cancelled', lease_until: null, cancel_reason: 'test over' })
      .where('status', 'in', ['queued', 'sending', 'failed'])
      .execute()
    rejecting = false
  })
  afterAll(async () => {
    mailer.close()
    await new Promise<void>((resolve) => smtp.close(() => resolve()))
    await server.close()
  })

  async function newClient(email: string, consents = { careEmail: true, marketingEmail: false }) {
    const res = await as(server, clinic.users.owner)('POST', `${base}/clients`, {
      givenName: 'Sam',
      familyName: 'Reed',
      email,
      consents: { careSms: false, marketingSms: false, ...consents },
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json().id as string
  }

  async function book(clientId: string | null, startsAt: string, kind = 'consultation', extra = {}) {
    const start = new Date(startsAt)
    const end = new Date(start.getTime() + HOUR)
    return (
      await server.db
        .insertInto('appointments')
        .values({
          clinic_id: clinic.clinicId,
          location_id: clinic.locationId,
          client_id: clientId,
          practitioner_id: clinic.users.practitioner.membershipId,
          chair_id: chairId,
          kind: kind as 'consultation',
          starts_at: start,
          ends_at: end,
          blocks: `[${start.toISOString()},${end.toISOString()})`,
          ...extra,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  }

  const outboxOf = (clientId: string) =>
    server.db.selectFrom('outbox_messages').selectAll().where('client_id', '=', clientId).orderBy('due_at').execute()

  it('sends the 48 h and 24 h reminders at their due time, to the client, in plain text and HTML', async () => {
    const email = 'due.time@example.test'
    const clientId = await newClient(email)
    // 10:00 in Toronto (EST, UTC−5)
    await book(clientId, '2026-12-05T15:00:00Z')
    clock = new Date('2026-12-01T12:00:00Z')
    const w = worker()
    expect((await w.runOnce()).sent).toBe(0)
    expect((await outboxOf(clientId)).map((m) => [m.kind, m.due_at.toISOString(), m.status])).toEqual([
      ['appointment-48h', '2026-12-03T15:00:00.000Z', 'queued'],
      ['appointment-24h', '2026-12-04T15:00:00.000Z', 'queued'],
    ])
    // planning again queues nothing new
    expect((await w.runOnce()).queued).toBe(0)
    clock = new Date('2026-12-03T14:59:59Z')
    await w.runOnce()
    expect(mailsTo(email)).toHaveLength(0)
    clock = new Date('2026-12-03T15:00:00Z')
    expect((await w.runOnce()).sent).toBe(1)
    const [mail] = mailsTo(email)
    expect(mail?.subject).toBe('Reminder: your consultation on Saturday 5 December 2026, 10:00 EST')
    expect(mail?.from?.text).toContain('care@clinic.example')
    expect(mail?.text).toContain(
      'in two days: Saturday 5 December 2026, 10:00 EST, at Reminder Clinic main, 1 Main St, Toronto'
    )
    expect(mail?.html).toContain('<p>Hello Sam,</p>')
    expect(mail?.html).toContain('Saturday 5 December 2026, 10:00 EST')
    // care messages carry no unsubscribe
    expect(mail?.headerLines.map((h) => h.key)).not.toContain('list-unsubscribe')
    clock = new Date('2026-12-04T15:00:30Z')
    await w.runOnce()
    expect(mailsTo(email).map((m) => m.subject)).toEqual([
      'Reminder: your consultation on Saturday 5 December 2026, 10:00 EST',
      'Reminder: your consultation on Saturday 5 December 2026, 10:00 EST',
    ])
    expect(mailsTo(email)[1]?.text).toContain('tomorrow')
    const sent = await outboxOf(clientId)
    expect(sent.map((m) => m.status)).toEqual(['sent', 'sent'])
    expect(new Set(sent.map((m) => m.message_id)).size).toBe(2)
    expect(mailsTo(email).map((m) => m.messageId)).toEqual(sent.map((m) => m.message_id))
  })

  it('keeps the accents of names in the subject, the recipient and both bodies (UTF-8, RFC 2047 headers)', async () => {
    const email = 'zoe.nunez@example.test'
    const created = await as(server, clinic.users.owner)('POST', `${base}/clients`, {
      givenName: 'Zoë',
      familyName: 'Núñez-García',
      email,
      consents: { careEmail: true, careSms: false, marketingEmail: false, marketingSms: false },
    })
    expect(created.statusCode, created.body).toBe(201)
    const place = 'Clínica Ñandú — Montréal'
    await server.db.updateTable('locations').set({ name: place }).where('id', '=', clinic.locationId).execute()
    try {
      await book(created.json().id, '2026-12-20T15:00:00Z')
      clock = new Date('2026-12-18T15:00:00Z')
      await worker().runOnce()
      const at = mails.findIndex((m) => [m.to].flat().some((a) => a?.text.includes(email)))
      const mail = mails[at]
      expect(mail?.text).toContain('Hello Zoë,')
      expect(mail?.text).toContain(place)
      expect(mail?.html).toContain('<p>Hello Zoë,</p>')
      expect(mail?.html).toContain(place)
      // declared as UTF-8 and transfer-encoded, never raw bytes read as Latin-1 (no "ZoÃ«")
      const raw = raws[at] ?? ''
      expect(raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i)
      expect(raw).toMatch(/Content-Type: text\/html; charset=utf-8/i)
      expect(raw).toMatch(/Content-Transfer-Encoding: (quoted-printable|base64)/i)
      expect(mail?.text).not.toContain('Ã')
    } finally {
      await server.db
        .updateTable('locations')
        .set({ name: 'Reminder Clinic main' })
        .where('id', '=', clinic.locationId)
        .execute()
    }
    // a subject and a recipient's name with accents go as RFC 2047 encoded words and read back exactly
    const subject = 'Rappel : votre séance avec Léa Tremblay, Zoë'
    await mailer.send({
      from: 'Clínica Ñandú <care@clinic.example>',
      to: '"Zoë Núñez-García" <zoe.header@example.test>',
      subject,
      text: 'Bonjour Zoë',
      html: '<p>Bonjour Zoë</p>',
      messageId: '<accents.test@clinic.example>',
      headers: {},
    })
    const at = mails.findIndex((m) => m.messageId === '<accents.test@clinic.example>')
    expect(mails[at]?.subject).toBe(subject)
    expect([mails[at]?.to].flat()[0]?.value[0]).toEqual({
      address: 'zoe.header@example.test',
      name: 'Zoë Núñez-García',
    })
    expect(mails[at]?.from?.value[0]?.name).toBe('Clínica Ñandú')
    expect(raws[at]).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im)
    expect(raws[at]).not.toMatch(/^Subject: .*é/im)
  })

  it('cancels reminders of a cancelled appointment and replaces those of a rescheduled one', async () => {
    const email = 'moved@example.test'
    const clientId = await newClient(email)
    const moved = await book(clientId, '2026-12-10T15:00:00Z', 'smp-session')
    const dropped = await book(clientId, '2026-12-11T18:00:00Z')
    clock = new Date('2026-12-06T12:00:00Z')
    const w = worker()
    await w.runOnce()
    // the session's pre-care (due a week before) goes at once: it is still more than 48 h away
    expect(mailsTo(email).map((m) => m.subject)).toEqual(['Getting ready for your session next week'])
    expect(mailsTo(email)[0]?.text).toContain('If you use minoxidil, pause it')
    expect(mailsTo(email)[0]?.text).toContain('No aspirin or ibuprofen for the week before')
    expect(mailsTo(email)[0]?.text).toContain('clean scalp')
    const newStart = new Date('2026-12-12T16:00:00Z')
    await server.db
      .updateTable('appointments')
      .set({
        starts_at: newStart,
        ends_at: new Date(newStart.getTime() + HOUR),
        blocks: `[${newStart.toISOString()},${new Date(newStart.getTime() + HOUR).toISOString()})`,
      })
      .where('id', '=', moved)
      .execute()
    await server.db
      .updateTable('appointments')
      .set({ status: 'cancelled', cancelled_at: clock })
      .where('id', '=', dropped)
      .execute()
    await w.runOnce()
    const rows = await outboxOf(clientId)
    const live = rows.filter((m) => m.status === 'queued').map((m) => [m.kind, m.due_at.toISOString()])
    expect(live).toEqual([
      ['appointment-48h', '2026-12-10T16:00:00.000Z'],
      ['appointment-24h', '2026-12-11T16:00:00.000Z'],
    ])
    const cancelled = rows.filter((m) => m.status === 'cancelled')
    expect(cancelled.map((m) => m.cancel_reason).sort()).toEqual([
      'The appointment moved; a reminder for the new time replaces this one.',
      'The appointment moved; a reminder for the new time replaces this one.',
      'The appointment was cancelled.',
      'The appointment was cancelled.',
    ])
    clock = new Date('2026-12-10T16:00:00Z')
    await w.runOnce()
    clock = new Date('2026-12-11T16:00:00Z')
    await w.runOnce()
    // the moved session gets its pre-care again, for the new date, and its reminders at the new time
    const after = mailsTo(email).slice(1)
    expect(after.map((m) => m.subject)).toEqual([
      'Getting ready for your session next week',
      'Reminder: your SMP session on Saturday 12 December 2026, 11:00 EST',
      'Reminder: your SMP session on Saturday 12 December 2026, 11:00 EST',
    ])
    expect(after[0]?.text).toContain('Saturday 12 December 2026, 11:00 EST')
    expect(mailsTo(email)[0]?.text).toContain('Thursday 10 December')
    expect(after.some((m) => /Thursday 10 December|Friday 11 December/.test(m.text ?? ''))).toBe(false)
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
    clock = new Date('2027-01-05T16:00:00Z')
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
    clock = new Date('2027-01-05T17:00:00Z')
    await w.runOnce()
    const day0 = mailsTo(email)[0]
    expect(day0?.subject).toBe('Looking after your scalp after session 1')
    expect(day0?.text).toContain('keep your scalp dry')
    expect(day0?.text).toContain("don't pick or scratch")
    expect(day0?.html).toContain('<li>After session 1: keep your scalp dry')
    clock = new Date('2027-01-10T15:00:00Z')
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

  it('retries a refused message with growing waits, then shows it failed; staff retry sends it', async () => {
    const email = 'bounce@example.test'
    const clientId = await newClient(email)
    await book(clientId, '2027-02-03T15:00:00Z')
    const due = new Date('2027-02-02T15:00:00Z')
    const w = worker()
    rejecting = true
    const attemptsAt: number[] = []
    // every minute for 40 minutes: attempts at +0, +2, +6, +14 and +30 (2, 4, 8, 16 minutes apart)
    for (let minute = 0; minute <= 40; minute++) {
      clock = new Date(due.getTime() + minute * MINUTE)
      const before = (await outboxOf(clientId)).find((m) => m.kind === 'appointment-24h')?.attempts ?? 0
      await w.runOnce()
      const after = (await outboxOf(clientId)).find((m) => m.kind === 'appointment-24h')?.attempts ?? 0
      if (after > before) attemptsAt.push(minute)
    }
    expect(attemptsAt).toEqual([0, 2, 6, 14, 30])
    expect(mailsTo(email)).toHaveLength(0)
    const list = await as(server, clinic.users.front_desk)('GET', `${base}/outbox?status=failed&clientId=${clientId}`)
    expect(list.statusCode, list.body).toBe(200)
    const [failed] = list.json().items
    expect(failed).toMatchObject({ kind: 'appointment-24h', status: 'failed', attempts: 5, recipient: email })
    expect(failed.lastError).toMatch(/^Attempt 5 of 5 failed: .*550 Mailbox unavailable/)
    expect(failed.subject).toContain('Reminder: your consultation')
    expect(Object.keys(failed)).not.toContain('text')
    rejecting = false
    const retried = await as(server, clinic.users.front_desk)('POST', `${base}/outbox/${failed.id}/retry`)
    expect(retried.statusCode, retried.body).toBe(200)
    expect(retried.json()).toMatchObject({ status: 'queued', attempts: 0, lastError: null })
    clock = new Date(Date.now() + MINUTE)
    await w.runOnce()
    expect(mailsTo(email).map((m) => m.subject)).toEqual([failed.subject])
    const again = await as(server, clinic.users.front_desk)('POST', `${base}/outbox/${failed.id}/retry`)
    expect(again.statusCode).toBe(409)
    expect(again.json().detail).toContain('was already sent')
  })

  it('after a crash between sending and recording, sends once more with the same Message-ID; never after recording', async () => {
    const email = 'crash@example.test'
    const clientId = await newClient(email)
    await book(clientId, '2027-03-03T15:00:00Z')
    clock = new Date('2027-03-02T15:00:00Z')
    const first = worker()
    await new ReminderPlanner(server.db, { publicUrl: PUBLIC_URL, mailHost: 'clinic.example' }).plan(clock)
    // the worker claims and hands the message to the SMTP server, then the process dies before recording it
    const claimed = (await first.claim()).filter((m) => m.toEmail === email)
    expect(claimed.map((m) => m.kind)).toEqual(['appointment-24h'])
    for (const m of claimed) await first.send(m)
    expect(mailsTo(email)).toHaveLength(1)
    expect((await outboxOf(clientId)).find((m) => m.kind === 'appointment-24h')?.status).toBe('sending')
    // a restart within the lease leaves it alone (the old worker might still be about to record it)
    clock = new Date(clock.getTime() + 4 * MINUTE)
    await worker().runOnce()
    expect(mailsTo(email)).toHaveLength(1)
    // once the lease is over the new worker takes it over: at-least-once, with the same Message-ID
    clock = new Date(clock.getTime() + 2 * MINUTE)
    await worker().runOnce()
    const [a, b] = mailsTo(email)
    expect(mailsTo(email)).toHaveLength(2)
    expect(b?.messageId).toBe(a?.messageId)
    expect(b?.text).toBe(a?.text)
    const row = (await outboxOf(clientId)).find((m) => m.kind === 'appointment-24h')
    expect(row).toMatchObject({ status: 'sent', attempts: 2, message_id: a?.messageId })
    // recorded: restarts and later passes never send it again
    for (const later of [1, 10, 60 * 24]) {
      clock = new Date(clock.getTime() + later * MINUTE)
      await worker().runOnce()
    }
    expect(mailsTo(email)).toHaveLength(2)
  })

  it('keeps messages queued, saying why, while no mail server is set up; they go once one is', async () => {
    const email = 'no.smtp@example.test'
    const clientId = await newClient(email)
    await book(clientId, '2027-04-03T15:00:00Z')
    clock = new Date('2027-04-02T15:00:00Z')
    const planner = new ReminderPlanner(server.db, { publicUrl: PUBLIC_URL, mailHost: 'clinic.example' })
    const unset = new OutboxWorker(server.db, null, planner, { from: 'care@clinic.example', now: () => clock })
    await unset.runOnce()
    await unset.runOnce()
    const [row] = await outboxOf(clientId)
    expect(row).toMatchObject({ kind: 'appointment-24h', status: 'queued', attempts: 0, last_error: NOT_SET_UP })
    expect(mailsTo(email)).toHaveLength(0)
    await worker().runOnce()
    expect(mailsTo(email)).toHaveLength(1)
    expect((await outboxOf(clientId))[0]).toMatchObject({ status: 'sent', last_error: null })
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
    clock = new Date()
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

  it('confirms a public booking to the visitor with a link to cancel or move it', async () => {
    const email = 'visitor@example.test'
    const id = await book(null, '2027-06-10T14:00:00Z', 'consultation', {
      source: 'public',
      contact: JSON.stringify({ name: 'Vera Visitor', email, phone: '+1 416 555 0100' }),
    })
    clock = new Date('2027-05-01T10:00:00Z')
    await worker().runOnce()
    const [mail] = mailsTo(email)
    expect(mail?.subject).toBe('Your consultation at Reminder Clinic is booked')
    expect(mail?.text).toContain('Hello Vera,')
    expect(mail?.text).toContain('Thursday 10 June 2027, 10:00 EDT')
    const link = mail?.text?.match(/Cancel or move your booking: (\S+)/)?.[1] ?? ''
    expect(link.startsWith(`${PUBLIC_URL}/booking/manage?token=${id}.`)).toBe(true)
    expect(mail?.html).toContain('>Cancel or move your booking</a>')
  })

  it('sends nothing more to a client who withdrew care emails or was erased, and blanks the erased copy', async () => {
    const quiet = await newClient('quiet@example.test')
    const erased = await newClient('erased@example.test')
    await book(quiet, '2027-07-03T15:00:00Z')
    await book(erased, '2027-07-03T18:00:00Z')
    clock = new Date('2027-07-01T18:30:00Z')
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
    clock = new Date('2027-07-02T18:00:00Z')
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
    clock = new Date('2027-03-02T09:00:00Z')
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
    clock = new Date('2027-03-03T17:00:00Z')
    await w.runOnce()
    clock = new Date('2027-05-01T09:00:00Z')
    await w.runOnce()
    clock = new Date('2031-06-01T09:00:00Z')
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
