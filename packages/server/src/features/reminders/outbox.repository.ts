// The outbox table: messages queued, claimed, sent, retried and cancelled, and the facts about a client a message
// needs. Row types stay here; callers get plain objects.
import { type Kysely, sql } from 'kysely'
import type { Database, OutboxKind, OutboxStatus } from '../../db/database.ts'

export interface NewOutboxMessage {
  id: string
  clinicId: string
  clientId: string | null
  appointmentId: string | null
  sessionRecordId: string | null
  kind: OutboxKind
  dedupeKey: string
  care: boolean
  toEmail: string
  subject: string
  text: string
  html: string
  messageId: string
  dueAt: Date
  payload: Record<string, unknown>
}

export interface ClaimedMessage {
  id: string
  clinicId: string
  kind: OutboxKind
  care: boolean
  toEmail: string
  subject: string
  text: string
  html: string
  messageId: string
  attempts: number
  payload: Record<string, unknown>
}

export interface OutboxRow {
  id: string
  clientId: string | null
  appointmentId: string | null
  kind: OutboxKind
  care: boolean
  toEmail: string
  subject: string
  dueAt: Date
  status: OutboxStatus
  attempts: number
  nextAttemptAt: Date
  lastError: string | null
  sentAt: Date | null
  cancelReason: string | null
}

export interface ClientFacts {
  id: string
  clinicId: string
  clinicName: string
  givenName: string
  email: string | null
  careEmail: boolean
  marketingEmail: boolean
  erased: boolean
}

const ROW_COLUMNS = [
  'id',
  'client_id',
  'appointment_id',
  'kind',
  'care',
  'to_email',
  'subject',
  'due_at',
  'status',
  'attempts',
  'next_attempt_at',
  'last_error',
  'sent_at',
  'cancel_reason',
] as const

type Row = {
  id: string
  client_id: string | null
  appointment_id: string | null
  kind: OutboxKind
  care: boolean
  to_email: string
  subject: string
  due_at: Date
  status: OutboxStatus
  attempts: number
  next_attempt_at: Date
  last_error: string | null
  sent_at: Date | null
  cancel_reason: string | null
}

const toRow = (r: Row): OutboxRow => ({
  id: r.id,
  clientId: r.client_id,
  appointmentId: r.appointment_id,
  kind: r.kind,
  care: r.care,
  toEmail: r.to_email,
  subject: r.subject,
  dueAt: r.due_at,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  sentAt: r.sent_at,
  cancelReason: r.cancel_reason,
})

export class OutboxRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** The dedupe keys of `keys` already in the outbox of each clinic (`clinicId dedupeKey`). */
  async existingKeys(keys: readonly { clinicId: string; dedupeKey: string }[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set()
    const rows = await this.#db
      .selectFrom('outbox_messages')
      .select(['clinic_id', 'dedupe_key'])
      .where(
        'dedupe_key',
        'in',
        keys.map((k) => k.dedupeKey)
      )
      .execute()
    return new Set(rows.map((r) => `${r.clinic_id} ${r.dedupe_key}`))
  }

  /** Queues a message once per clinic and dedupe key; false when it was already there. */
  async enqueue(m: NewOutboxMessage): Promise<boolean> {
    const result = await this.#db
      .insertInto('outbox_messages')
      .values({
        id: m.id,
        clinic_id: m.clinicId,
        client_id: m.clientId,
        appointment_id: m.appointmentId,
        session_record_id: m.sessionRecordId,
        kind: m.kind,
        dedupe_key: m.dedupeKey,
        care: m.care,
        to_email: m.toEmail,
        subject: m.subject,
        body_text: m.text,
        body_html: m.html,
        message_id: m.messageId,
        due_at: m.dueAt,
        next_attempt_at: m.dueAt,
        payload: JSON.stringify(m.payload),
      })
      .onConflict((oc) => oc.columns(['clinic_id', 'dedupe_key']).doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }

  /** Queued reminders of appointments that no longer take place at the time they were written for. */
  async cancelForChangedAppointments(now: Date): Promise<number> {
    const cancelled = await sql<{ id: string }>`
      update outbox_messages o
      set status = 'cancelled', updated_at = ${now},
        cancel_reason = case when a.status = 'cancelled' then 'The appointment was cancelled.'
          when a.status <> 'booked' then 'The appointment is no longer booked.'
          else 'The appointment moved; a reminder for the new time replaces this one.' end
      from appointments a
      where a.id = o.appointment_id and o.status = 'queued'
        and (a.status <> 'booked' or a.starts_at <> (o.payload->>'startsAt')::timestamptz)
      returning o.id`.execute(this.#db)
    return cancelled.rows.length
  }

  /** Queued touch-up recalls made before a later session: the later session starts the clock again. */
  async cancelSupersededRecalls(now: Date): Promise<number> {
    const cancelled = await sql<{ id: string }>`
      update outbox_messages o
      set status = 'cancelled', updated_at = ${now}, cancel_reason = 'A later session replaced this recall.'
      where o.status = 'queued' and o.kind = 'touch-up-recall' and exists (
        select 1 from session_records s join session_records mine on mine.id = o.session_record_id
        where s.clinic_id = o.clinic_id and s.client_id = o.client_id and s.performed_at > mine.performed_at)
      returning o.id`.execute(this.#db)
    return cancelled.rows.length
  }

  /**
   * Cancels due queued messages that must not go: the client was erased (their copy is blanked too), the client
   * withdrew consent for that kind of email, or an appointment reminder whose appointment has begun.
   */
  async cancelUndeliverable(now: Date): Promise<void> {
    await sql`
      update outbox_messages o
      set status = case when o.status in ('queued', 'failed') then 'cancelled' else o.status end,
        cancel_reason = case when o.status in ('queued', 'failed') then 'The client was erased.' else o.cancel_reason end,
        updated_at = ${now}, to_email = 'erased', subject = 'Erased client', body_text = '', body_html = '',
        payload = '{}'::jsonb
      from clients c
      where c.clinic_id = o.clinic_id and c.id = o.client_id and c.erased_at is not null
        and o.to_email <> 'erased' and o.status <> 'sending'`.execute(this.#db)
    await sql`
      update outbox_messages o
      set status = 'cancelled', updated_at = ${now},
        cancel_reason = case when o.care then 'The client does not want care emails.'
          else 'The client unsubscribed from these emails.' end
      from clients c
      where c.clinic_id = o.clinic_id and c.id = o.client_id and o.status = 'queued'
        and not coalesce((c.communication_consents ->> case when o.care then 'careEmail' else 'marketingEmail' end)::boolean, false)`.execute(
      this.#db
    )
    await sql`
      update outbox_messages o
      set status = 'cancelled', updated_at = ${now}, cancel_reason = 'Too late: the appointment has begun.'
      where o.status = 'queued' and o.kind in ('appointment-48h', 'appointment-24h', 'precare')
        and (o.payload->>'startsAt')::timestamptz <= ${now}`.execute(this.#db)
  }

  /** Claims up to `limit` due messages for `leaseMs`: queued ones, and ones whose sender's lease ran out. */
  async claim(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMessage[]> {
    const rows = await sql<{
      id: string
      clinic_id: string
      kind: OutboxKind
      care: boolean
      to_email: string
      subject: string
      body_text: string
      body_html: string
      message_id: string
      attempts: number
      payload: Record<string, unknown>
    }>`
      with due as (
        select id from outbox_messages
        where status in ('queued', 'sending') and next_attempt_at <= ${now}
          and (status = 'queued' or lease_until <= ${now})
        order by next_attempt_at, id
        limit ${limit}
        for update skip locked
      )
      update outbox_messages o
      set status = 'sending', lease_until = ${leaseUntil}, attempts = o.attempts + 1, updated_at = ${now}
      from due where o.id = due.id
      returning o.id, o.clinic_id, o.kind, o.care, o.to_email, o.subject, o.body_text, o.body_html, o.message_id,
        o.attempts, o.payload`.execute(this.#db)
    return rows.rows.map((r) => ({
      id: r.id,
      clinicId: r.clinic_id,
      kind: r.kind,
      care: r.care,
      toEmail: r.to_email,
      subject: r.subject,
      text: r.body_text,
      html: r.body_html,
      messageId: r.message_id,
      attempts: r.attempts,
      payload: r.payload,
    }))
  }

  async markSent(id: string, now: Date): Promise<void> {
    await this.#db
      .updateTable('outbox_messages')
      .set({ status: 'sent', sent_at: now, lease_until: null, last_error: null, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .execute()
  }

  /** After a failed attempt: queued again at `retryAt`, or failed for good when `retryAt` is null. */
  async markAttemptFailed(id: string, error: string, now: Date, retryAt: Date | null): Promise<void> {
    await this.#db
      .updateTable('outbox_messages')
      .set({
        status: retryAt === null ? 'failed' : 'queued',
        next_attempt_at: retryAt ?? now,
        lease_until: null,
        last_error: error.slice(0, 1000),
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .execute()
  }

  /** Due queued messages that cannot go because no mail server is set up: said so, not lost. */
  async noteNotSent(now: Date, reason: string): Promise<void> {
    await this.#db
      .updateTable('outbox_messages')
      .set({ last_error: reason, updated_at: now })
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('last_error', 'is', null), eb('last_error', '<>', reason)]))
      .execute()
  }

  async list(
    clinicId: string,
    query: { status?: OutboxStatus | undefined; clientId?: string | undefined; limit: number }
  ): Promise<OutboxRow[]> {
    let q = this.#db.selectFrom('outbox_messages').select(ROW_COLUMNS).where('clinic_id', '=', clinicId)
    if (query.status !== undefined) q = q.where('status', '=', query.status)
    if (query.clientId !== undefined) q = q.where('client_id', '=', query.clientId)
    const rows = await q.orderBy('due_at', 'desc').orderBy('id').limit(query.limit).execute()
    return rows.map(toRow)
  }

  async find(clinicId: string, id: string, forUpdate: boolean): Promise<OutboxRow | null> {
    let q = this.#db
      .selectFrom('outbox_messages')
      .select(ROW_COLUMNS)
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
    if (forUpdate) q = q.forUpdate()
    const row = await q.executeTakeFirst()
    return row === undefined ? null : toRow(row)
  }

  /** A failed message queued again from now, with a fresh count of attempts. */
  async requeue(clinicId: string, id: string, now: Date): Promise<void> {
    await this.#db
      .updateTable('outbox_messages')
      .set({ status: 'queued', attempts: 0, next_attempt_at: now, last_error: null, updated_at: now })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .execute()
  }

  /** Cancels a client's queued messages that are not about care (after they unsubscribed). */
  async cancelNonCare(clinicId: string, clientId: string, now: Date): Promise<number> {
    const result = await this.#db
      .updateTable('outbox_messages')
      .set({ status: 'cancelled', cancel_reason: 'The client unsubscribed from these emails.', updated_at: now })
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .where('care', '=', false)
      .where('status', 'in', ['queued', 'failed'])
      .executeTakeFirst()
    return Number(result.numUpdatedRows)
  }

  async client(clinicId: string, clientId: string, forUpdate = false): Promise<ClientFacts | null> {
    let q = this.#db
      .selectFrom('clients as c')
      .innerJoin('clinics as k', 'k.id', 'c.clinic_id')
      .select([
        'c.id',
        'c.clinic_id',
        'k.name as clinic_name',
        'c.given_name',
        'c.email',
        'c.communication_consents',
        'c.erased_at',
      ])
      .where('c.clinic_id', '=', clinicId)
      .where('c.id', '=', clientId)
    if (forUpdate) q = q.forUpdate()
    const r = await q.executeTakeFirst()
    if (r === undefined) return null
    return {
      id: r.id,
      clinicId: r.clinic_id,
      clinicName: r.clinic_name,
      givenName: r.given_name,
      email: r.email,
      careEmail: r.communication_consents.careEmail === true,
      marketingEmail: r.communication_consents.marketingEmail === true,
      erased: r.erased_at !== null,
    }
  }

  /** Turns marketing email off for the client (their other consents stay as they were). */
  async withdrawMarketingEmail(clinicId: string, clientId: string, now: Date): Promise<void> {
    await sql`
      update clients set communication_consents = communication_consents
        || jsonb_build_object('marketingEmail', false, 'updatedAt', ${now.toISOString()}::text), updated_at = ${now}
      where clinic_id = ${clinicId} and id = ${clientId}`.execute(this.#db)
  }

  /** The location of each of these appointments of the clinic (a message is read on its appointment's clock). */
  async appointmentLocations(clinicId: string, appointmentIds: readonly string[]): Promise<Map<string, string>> {
    if (appointmentIds.length === 0) return new Map()
    const rows = await this.#db
      .selectFrom('appointments')
      .select(['id', 'location_id'])
      .where('clinic_id', '=', clinicId)
      .where('id', 'in', appointmentIds)
      .execute()
    return new Map(rows.map((r) => [r.id, r.location_id]))
  }
}
