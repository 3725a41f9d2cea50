// The clinic every reminder test file starts from: a location with a chair, a real SMTP server (smtp-server) whose
// messages are parsed back (mailparser), an injected clock, and the helpers the tests queue and book with.
import type { AddressInfo } from 'node:net'
import type { describeEachDatabase } from '@stipple/testkit'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { type Mailer, smtpMailer } from '../features/reminders/mailer.ts'
import { ReminderPlanner } from '../features/reminders/planner.ts'
import { OutboxWorker } from '../features/reminders/worker.ts'
import { as, createTestClinic, openTestServer, type TestClinic, type TestServer } from './harness.ts'

export const HOUR = 3_600_000
export const MINUTE = 60_000
export const PUBLIC_URL = 'https://clinic.example'

type Database = Parameters<Parameters<typeof describeEachDatabase>[1]>[0]

/** The clinic's state: set by its beforeAll; `clock` and `rejecting` are the tests' to change. */
interface ReminderClinic {
  server: TestServer
  clinic: TestClinic
  base: string
  smtp: SMTPServer
  mailer: Mailer
  /** While true, the SMTP server refuses every recipient (550). */
  rejecting: boolean
  /** Every message the SMTP server received, parsed. */
  mails: ParsedMail[]
  /** Each message as the SMTP server received it, bytes and all, beside its parse. */
  raws: string[]
  /** The worker's now. */
  clock: Date
  chairId: string
}

/** Opens the server, the clinic and the SMTP server before the tests of the describe block it is called in. */
export function reminderClinic(database: Database) {
  const t = {
    rejecting: false,
    mails: [],
    raws: [],
    clock: new Date('2026-12-01T12:00:00Z'),
  } as unknown as ReminderClinic

  const worker = () =>
    new OutboxWorker(
      t.server.db,
      t.mailer,
      new ReminderPlanner(t.server.db, { publicUrl: PUBLIC_URL, mailHost: 'clinic.example' }),
      {
        from: 'Stipple Clinic <care@clinic.example>',
        now: () => t.clock,
      }
    )
  const mailsTo = (email: string) => t.mails.filter((m) => [m.to].flat().some((a) => a?.text.includes(email)))

  beforeAll(async () => {
    t.server = await openTestServer(database())
    t.clinic = await createTestClinic(t.server, 'Reminder Clinic')
    t.base = `/api/v1/clinics/${t.clinic.clinicId}`
    t.chairId = (
      await t.server.db
        .insertInto('chairs')
        .values({ clinic_id: t.clinic.clinicId, location_id: t.clinic.locationId, name: 'Chair 1' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    t.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        if (!t.rejecting) return callback()
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }))
      },
      onData(stream, _session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          const raw = Buffer.concat(chunks)
          simpleParser(raw).then((m) => {
            t.raws.push(raw.toString('latin1'))
            t.mails.push(m)
            callback()
          }, callback)
        })
      },
    })
    await new Promise<void>((resolve) => t.smtp.listen(0, '127.0.0.1', resolve))
    t.mailer = smtpMailer(`smtp://127.0.0.1:${(t.smtp.server.address() as AddressInfo).port}`)
  })
  afterEach(async () => {
    // each test starts from an empty queue (dedupe keys stay, so nothing is planned twice)
    await t.server.db
      .updateTable('outbox_messages')
      .set({ status: 'cancelled', lease_until: null, cancel_reason: 'test over' })
      .where('status', 'in', ['queued', 'sending', 'failed'])
      .execute()
    t.rejecting = false
  })
  afterAll(async () => {
    t.mailer.close()
    await new Promise<void>((resolve) => t.smtp.close(() => resolve()))
    await t.server.close()
  })

  async function newClient(email: string, consents = { careEmail: true, marketingEmail: false }) {
    const res = await as(t.server, t.clinic.users.owner)('POST', `${t.base}/clients`, {
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
      await t.server.db
        .insertInto('appointments')
        .values({
          clinic_id: t.clinic.clinicId,
          location_id: t.clinic.locationId,
          client_id: clientId,
          practitioner_id: t.clinic.users.practitioner.membershipId,
          chair_id: t.chairId,
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
    t.server.db.selectFrom('outbox_messages').selectAll().where('client_id', '=', clientId).orderBy('due_at').execute()

  return { t, worker, mailsTo, newClient, book, outboxOf }
}
