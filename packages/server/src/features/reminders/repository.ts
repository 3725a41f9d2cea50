// What the reminder planner reads to decide messages: appointments, sessions, plans, intakes and consultations.
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import { OutboxRepository } from './outbox.repository.ts'

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

  /** The location a session record was performed at, or null. */
  async sessionLocation(clinicId: string, sessionRecordId: string): Promise<string | null> {
    const row = await this.#db
      .selectFrom('session_records')
      .select('location_id')
      .where('clinic_id', '=', clinicId)
      .where('id', '=', sessionRecordId)
      .executeTakeFirst()
    return row?.location_id ?? null
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
