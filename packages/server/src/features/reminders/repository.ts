// The outbox table and what the planner reads to decide messages. Row types stay here; callers get plain objects.
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

  async clientOfUser(clinicId: string, userId: string): Promise<string | null> {
    const row = await this.#db
      .selectFrom('clients')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('user_id', '=', userId)
      .where('erased_at', 'is', null)
      .executeTakeFirst()
    return row?.id ?? null
  }

  /** Turns marketing email off for the client (their other consents stay as they were). */
  async withdrawMarketingEmail(clinicId: string, clientId: string, now: Date): Promise<void> {
    await sql`
      update clients set communication_consents = communication_consents
        || jsonb_build_object('marketingEmail', false, 'updatedAt', ${now.toISOString()}::text), updated_at = ${now}
      where clinic_id = ${clinicId} and id = ${clientId}`.execute(this.#db)
  }
}

export interface PlannedAppointment {
  id: string
  clinicId: string
  clinicName: string
  clientId: string | null
  kind: 'consultation' | 'smp-session' | 'touch-up' | 'laser-removal'
  startsAt: Date
  source: 'clinic' | 'public' | 'portal'
  contact: { name: string; email: string } | null
  client: { givenName: string; email: string | null; careEmail: boolean; erased: boolean } | null
  locationName: string
  address: Record<string, string>
  timeZone: string
}

export interface SessionFacts {
  id: string
  clinicId: string
  clientId: string
  sessionIndex: number
  performedAt: Date
  treatmentPlanId: string | null
}

export interface ClientCourse {
  sessions: SessionFacts[]
  /** Start times of booked treatment appointments (SMP sessions, touch-ups). */
  bookedTreatments: Date[]
  /** Sessions planned per treatment plan id. */
  plannedSessions: Map<string, number>
  fitzpatrick: number | null
  minoxidil: boolean
  goal: string | null
  touchUpAfterYears: number | null
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}

/** What the reminder planner reads: appointments, sessions, plans, intakes and consultations. */
export class PlanningRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** Booked appointments starting after `now`: up to `until`, and public bookings at any time (they need a confirmation). */
  async upcomingAppointments(now: Date, until: Date): Promise<PlannedAppointment[]> {
    const rows = await this.#db
      .selectFrom('appointments as a')
      .innerJoin('clinics as k', 'k.id', 'a.clinic_id')
      .innerJoin('locations as l', 'l.id', 'a.location_id')
      .leftJoin('clients as c', (j) => j.onRef('c.id', '=', 'a.client_id').onRef('c.clinic_id', '=', 'a.clinic_id'))
      .select([
        'a.id',
        'a.clinic_id',
        'k.name as clinic_name',
        'a.client_id',
        'a.kind',
        'a.starts_at',
        'a.source',
        'a.contact',
        'c.id as c_id',
        'c.given_name',
        'c.email',
        'c.communication_consents',
        'c.erased_at',
        'l.name as location_name',
        'l.address',
        'l.time_zone',
      ])
      .where('a.status', '=', 'booked')
      .where('a.starts_at', '>', now)
      .where((eb) => eb.or([eb('a.starts_at', '<=', until), eb('a.source', '=', 'public')]))
      .orderBy('a.starts_at')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      clinicId: r.clinic_id,
      clinicName: r.clinic_name,
      clientId: r.client_id,
      kind: r.kind,
      startsAt: r.starts_at,
      source: r.source,
      contact: r.contact === null ? null : { name: r.contact.name, email: r.contact.email },
      client:
        r.c_id === null
          ? null
          : {
              givenName: r.given_name ?? '',
              email: r.email,
              careEmail: r.communication_consents?.careEmail === true,
              erased: r.erased_at !== null,
            },
      locationName: r.location_name,
      address: r.address,
      timeZone: r.time_zone,
    }))
  }

  /** Session records performed in (since, now], of clients who are not erased. */
  async recentSessions(since: Date, now: Date): Promise<SessionFacts[]> {
    const rows = await this.#db
      .selectFrom('session_records as s')
      .innerJoin('clients as c', (j) => j.onRef('c.id', '=', 's.client_id').onRef('c.clinic_id', '=', 's.clinic_id'))
      .select(['s.id', 's.clinic_id', 's.client_id', 's.session_index', 's.performed_at', 's.treatment_plan_id'])
      .where('s.performed_at', '>', since)
      .where('s.performed_at', '<=', now)
      .where('c.erased_at', 'is', null)
      .orderBy('s.performed_at')
      .execute()
    return rows.map(sessionFacts)
  }

  /** Each client's latest session, for clients with no booked treatment after it and none in the last `quietSince`. */
  async lastSessionsOfFinishedCourses(quietSince: Date): Promise<SessionFacts[]> {
    const rows = await sql<{
      id: string
      clinic_id: string
      client_id: string
      session_index: number
      performed_at: Date
      treatment_plan_id: string | null
    }>`
      select * from (
        select distinct on (s.client_id) s.id, s.clinic_id, s.client_id, s.session_index, s.performed_at,
          s.treatment_plan_id
        from session_records s join clients c on c.id = s.client_id and c.clinic_id = s.clinic_id
        where c.erased_at is null
        order by s.client_id, s.performed_at desc, s.id
      ) latest
      where latest.performed_at <= ${quietSince} and not exists (
        select 1 from appointments a where a.clinic_id = latest.clinic_id and a.client_id = latest.client_id
          and a.status = 'booked' and a.kind in ('smp-session', 'touch-up') and a.starts_at > latest.performed_at)`.execute(
      this.#db
    )
    return rows.rows.map(sessionFacts)
  }

  async course(clinicId: string, clientId: string): Promise<ClientCourse> {
    const sessions = await this.#db
      .selectFrom('session_records')
      .select(['id', 'clinic_id', 'client_id', 'session_index', 'performed_at', 'treatment_plan_id'])
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .orderBy('performed_at')
      .orderBy('id')
      .execute()
    const booked = await this.#db
      .selectFrom('appointments')
      .select('starts_at')
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .where('status', '=', 'booked')
      .where('kind', 'in', ['smp-session', 'touch-up'])
      .orderBy('starts_at')
      .execute()
    const planIds = [...new Set(sessions.map((s) => s.treatment_plan_id).filter((id): id is string => id !== null))]
    // raw SQL: these tables' Kysely types belong to the consultations feature
    const plans =
      planIds.length === 0
        ? []
        : (
            await sql<{ id: string; sessions: number | null }>`
              select id, jsonb_array_length(case when jsonb_typeof(plan->'sessions') = 'array'
                then plan->'sessions' else '[]'::jsonb end) as sessions
              from treatment_plans where clinic_id = ${clinicId} and id in (${sql.join(planIds)})`.execute(this.#db)
          ).rows
    const intake = await this.#db
      .selectFrom('intakes')
      .select('document')
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst()
    const consultation = (
      await sql<{ result: unknown }>`
        select result from consultations where clinic_id = ${clinicId} and client_id = ${clientId}
          and result is not null order by created_at desc, id desc limit 1`.execute(this.#db)
    ).rows[0]
    const doc = obj(intake?.document)
    const medications = obj(doc.medical).medications
    const result = obj(consultation?.result)
    return {
      sessions: sessions.map(sessionFacts),
      bookedTreatments: booked.map((b) => b.starts_at),
      plannedSessions: new Map(plans.flatMap((p) => (p.sessions ? [[p.id, Number(p.sessions)] as const] : []))),
      fitzpatrick: num(obj(doc.client).fitzpatrick),
      minoxidil: Array.isArray(medications) && medications.some((m) => obj(m).name === 'minoxidil'),
      goal: typeof obj(result.recommendation).goal === 'string' ? String(obj(result.recommendation).goal) : null,
      touchUpAfterYears: num(obj(result.longevity).touchUpAfterYears),
    }
  }

  async client(clinicId: string, clientId: string) {
    return new OutboxRepository(this.#db).client(clinicId, clientId)
  }
}

function sessionFacts(r: {
  id: string
  clinic_id: string
  client_id: string
  session_index: number
  performed_at: Date
  treatment_plan_id: string | null
}): SessionFacts {
  return {
    id: r.id,
    clinicId: r.clinic_id,
    clientId: r.client_id,
    sessionIndex: r.session_index,
    performedAt: r.performed_at,
    treatmentPlanId: r.treatment_plan_id,
  }
}
