// Courses (a plan's sessions booked with their spacing) and what a course or touch-up is planned from: the client's
// consultations (screening, longevity) and their last session.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'

export class CourseRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async insert(c: {
    clinicId: string
    clientId: string
    treatmentPlanId: string
    locationId: string
    minGapDays: number
    maxGapDays: number
    earliestDate: string
    createdBy: string
  }): Promise<string> {
    const row = await this.#db
      .insertInto('courses')
      .values({
        clinic_id: c.clinicId,
        client_id: c.clientId,
        treatment_plan_id: c.treatmentPlanId,
        location_id: c.locationId,
        min_gap_days: c.minGapDays,
        max_gap_days: c.maxGapDays,
        earliest_date: c.earliestDate,
        created_by: c.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  async get(clinicId: string, courseId: string) {
    const row = await this.#db
      .selectFrom('courses')
      .select(['id', 'client_id', 'treatment_plan_id', 'location_id', 'min_gap_days', 'max_gap_days', 'earliest_date'])
      .where('clinic_id', '=', clinicId)
      .where('id', '=', courseId)
      .executeTakeFirst()
    return row === undefined
      ? null
      : {
          id: row.id,
          clientId: row.client_id,
          treatmentPlanId: row.treatment_plan_id,
          locationId: row.location_id,
          minGapDays: row.min_gap_days,
          maxGapDays: row.max_gap_days,
          earliestDate: row.earliest_date,
        }
  }

  /** Serialises course changes: the course row locked until the transaction ends. */
  async lock(clinicId: string, courseId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('courses')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('id', '=', courseId)
      .forUpdate()
      .executeTakeFirst()
    return row !== undefined
  }

  /**
   * The client's consultations, those on the latest intake first (a new intake supersedes the old one's screening),
   * then newest first: when, the screening and the rest of the result.
   */
  async consultations(clinicId: string, clientId: string) {
    return this.#db
      .selectFrom('consultations as k')
      .innerJoin('intakes as i', (j) => j.onRef('i.id', '=', 'k.intake_id').onRef('i.clinic_id', '=', 'k.clinic_id'))
      .select(['k.id', 'k.created_at', 'k.screening_status', 'k.screening', 'k.result'])
      .where('k.clinic_id', '=', clinicId)
      .where('k.client_id', '=', clientId)
      .orderBy('i.version', 'desc')
      .orderBy('k.created_at', 'desc')
      .execute()
  }

  /** The last session performed for the client (session records, or a completed appointment). */
  async lastSession(clinicId: string, clientId: string): Promise<{ at: Date; locationId: string } | null> {
    const record = await this.#db
      .selectFrom('session_records')
      .select(['performed_at', 'location_id'])
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .orderBy('performed_at', 'desc')
      .executeTakeFirst()
    const appointment = await this.#db
      .selectFrom('appointments')
      .select(['starts_at', 'location_id'])
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .where('status', '=', 'completed')
      .where('kind', 'in', ['smp-session', 'touch-up'])
      .orderBy('starts_at', 'desc')
      .executeTakeFirst()
    const a = record === undefined ? null : { at: record.performed_at, locationId: record.location_id }
    const b = appointment === undefined ? null : { at: appointment.starts_at, locationId: appointment.location_id }
    if (a === null) return b
    if (b === null) return a
    return a.at >= b.at ? a : b
  }
}
