// Reminders end to end: the planner queues from appointments, the worker delivers to a real SMTP server started in
// test/reminder-clinic.ts and each message is parsed back. Time is an injected clock.
import { describeEachDatabase } from '@stipple/testkit'
import { beforeAll, expect, it } from 'vitest'
import { as, type TestClinic, type TestServer } from '../../test/harness.ts'
import { HOUR, MINUTE, PUBLIC_URL, reminderClinic } from '../../test/reminder-clinic.ts'
import { ReminderPlanner } from './planner.ts'
import { NOT_SET_UP, OutboxWorker } from './worker.ts'

describeEachDatabase('reminders: outbox, SMTP delivery, retries and unsubscribe', (database) => {
  const { t, worker, mailsTo, newClient, book, outboxOf } = reminderClinic(database)
  const mails = t.mails
  const raws = t.raws
  let server: TestServer
  let clinic: TestClinic
  let base: string
  beforeAll(() => {
    ;({ server, clinic, base } = t)
  })

  it('sends the 48 h and 24 h reminders at their due time, to the client, in plain text and HTML', async () => {
    const email = 'due.time@example.test'
    const clientId = await newClient(email)
    // 10:00 in Toronto (EST, UTC−5)
    await book(clientId, '2026-12-05T15:00:00Z')
    t.clock = new Date('2026-12-01T12:00:00Z')
    const w = worker()
    expect((await w.runOnce()).sent).toBe(0)
    expect((await outboxOf(clientId)).map((m) => [m.kind, m.due_at.toISOString(), m.status])).toEqual([
      ['appointment-48h', '2026-12-03T15:00:00.000Z', 'queued'],
      ['appointment-24h', '2026-12-04T15:00:00.000Z', 'queued'],
    ])
    // planning again queues nothing new
    expect((await w.runOnce()).queued).toBe(0)
    t.clock = new Date('2026-12-03T14:59:59Z')
    await w.runOnce()
    expect(mailsTo(email)).toHaveLength(0)
    t.clock = new Date('2026-12-03T15:00:00Z')
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
    t.clock = new Date('2026-12-04T15:00:30Z')
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
      t.clock = new Date('2026-12-18T15:00:00Z')
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
    await t.mailer.send({
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
    t.clock = new Date('2026-12-06T12:00:00Z')
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
      .set({ status: 'cancelled', cancelled_at: t.clock })
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
    t.clock = new Date('2026-12-10T16:00:00Z')
    await w.runOnce()
    t.clock = new Date('2026-12-11T16:00:00Z')
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

  it('retries a refused message with growing waits, then shows it failed; staff retry sends it', async () => {
    const email = 'bounce@example.test'
    const clientId = await newClient(email)
    await book(clientId, '2027-02-03T15:00:00Z')
    const due = new Date('2027-02-02T15:00:00Z')
    const w = worker()
    t.rejecting = true
    const attemptsAt: number[] = []
    // every minute for 40 minutes: attempts at +0, +2, +6, +14 and +30 (2, 4, 8, 16 minutes apart)
    for (let minute = 0; minute <= 40; minute++) {
      t.clock = new Date(due.getTime() + minute * MINUTE)
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
    t.rejecting = false
    const retried = await as(server, clinic.users.front_desk)('POST', `${base}/outbox/${failed.id}/retry`)
    expect(retried.statusCode, retried.body).toBe(200)
    expect(retried.json()).toMatchObject({ status: 'queued', attempts: 0, lastError: null })
    t.clock = new Date(Date.now() + MINUTE)
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
    t.clock = new Date('2027-03-02T15:00:00Z')
    const first = worker()
    await new ReminderPlanner(server.db, { publicUrl: PUBLIC_URL, mailHost: 'clinic.example' }).plan(t.clock)
    // the worker claims and hands the message to the SMTP server, then the process dies before recording it
    const claimed = (await first.claim()).filter((m) => m.toEmail === email)
    expect(claimed.map((m) => m.kind)).toEqual(['appointment-24h'])
    for (const m of claimed) await first.send(m)
    expect(mailsTo(email)).toHaveLength(1)
    expect((await outboxOf(clientId)).find((m) => m.kind === 'appointment-24h')?.status).toBe('sending')
    // a restart within the lease leaves it alone (the old worker might still be about to record it)
    t.clock = new Date(t.clock.getTime() + 4 * MINUTE)
    await worker().runOnce()
    expect(mailsTo(email)).toHaveLength(1)
    // once the lease is over the new worker takes it over: at-least-once, with the same Message-ID
    t.clock = new Date(t.clock.getTime() + 2 * MINUTE)
    await worker().runOnce()
    const [a, b] = mailsTo(email)
    expect(mailsTo(email)).toHaveLength(2)
    expect(b?.messageId).toBe(a?.messageId)
    expect(b?.text).toBe(a?.text)
    const row = (await outboxOf(clientId)).find((m) => m.kind === 'appointment-24h')
    expect(row).toMatchObject({ status: 'sent', attempts: 2, message_id: a?.messageId })
    // recorded: restarts and later passes never send it again
    for (const later of [1, 10, 60 * 24]) {
      t.clock = new Date(t.clock.getTime() + later * MINUTE)
      await worker().runOnce()
    }
    expect(mailsTo(email)).toHaveLength(2)
  })

  it('keeps messages queued, saying why, while no mail server is set up; they go once one is', async () => {
    const email = 'no.smtp@example.test'
    const clientId = await newClient(email)
    await book(clientId, '2027-04-03T15:00:00Z')
    t.clock = new Date('2027-04-02T15:00:00Z')
    const planner = new ReminderPlanner(server.db, { publicUrl: PUBLIC_URL, mailHost: 'clinic.example' })
    const unset = new OutboxWorker(server.db, null, planner, { from: 'care@clinic.example', now: () => t.clock })
    await unset.runOnce()
    await unset.runOnce()
    const [row] = await outboxOf(clientId)
    expect(row).toMatchObject({ kind: 'appointment-24h', status: 'queued', attempts: 0, last_error: NOT_SET_UP })
    expect(mailsTo(email)).toHaveLength(0)
    await worker().runOnce()
    expect(mailsTo(email)).toHaveLength(1)
    expect((await outboxOf(clientId))[0]).toMatchObject({ status: 'sent', last_error: null })
  })

  it('confirms a public booking to the visitor with a link to cancel or move it', async () => {
    const email = 'visitor@example.test'
    const id = await book(null, '2027-06-10T14:00:00Z', 'consultation', {
      source: 'public',
      contact: JSON.stringify({ name: 'Vera Visitor', email, phone: '+1 416 555 0100' }),
    })
    t.clock = new Date('2027-05-01T10:00:00Z')
    await worker().runOnce()
    const [mail] = mailsTo(email)
    expect(mail?.subject).toBe('Your consultation at Reminder Clinic is booked')
    expect(mail?.text).toContain('Hello Vera,')
    expect(mail?.text).toContain('Thursday 10 June 2027, 10:00 EDT')
    const link = mail?.text?.match(/Cancel or move your booking: (\S+)/)?.[1] ?? ''
    expect(link.startsWith(`${PUBLIC_URL}/booking/manage?token=${id}.`)).toBe(true)
    expect(mail?.html).toContain('>Cancel or move your booking</a>')
  })
})
