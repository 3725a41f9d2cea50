import {
  LaserAdverseEventSchema,
  type LaserCourse,
  type LaserCourseCreate,
  type LaserSession,
  type LaserSessionCreate,
} from '@stipple/domain'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import { storedDocument } from '../../db/stored.ts'

/** A course as stored, with all its parts: the service decides what each role sees. */
export type LaserCourseRecord = Omit<LaserCourse, 'smpNotBefore' | 'clinical' | 'sessions'> & {
  notes: string | null
  sessions: (Omit<LaserSession, 'clinical'> & {
    notes: string | null
    adverseEvent: NonNullable<LaserSession['clinical']>['adverseEvent']
  })[]
}

export class LaserRemovalRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async createCourse(clinicId: string, clientId: string, input: LaserCourseCreate, createdBy: string): Promise<string> {
    const row = await this.#db
      .insertInto('laser_removal_courses')
      .values({
        clinic_id: clinicId,
        client_id: clientId,
        reason: input.reason,
        provider: input.provider,
        referral_name: input.referralName ?? null,
        sessions_planned: input.sessionsPlanned,
        started_on: input.startedOn,
        notes: input.notes ?? null,
        created_by: createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  /** The client's courses, oldest first (or the one with `id`), each with its sessions in the order performed. */
  async courses(clinicId: string, clientId: string, id?: string): Promise<LaserCourseRecord[]> {
    let q = this.#db
      .selectFrom('laser_removal_courses')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
    if (id !== undefined) q = q.where('id', '=', id)
    const rows = await q.orderBy('started_on').orderBy('created_at').orderBy('id').execute()
    if (rows.length === 0) return []
    const sessions = await this.#db
      .selectFrom('laser_removal_sessions')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where(
        'course_id',
        'in',
        rows.map((r) => r.id)
      )
      .orderBy('performed_on')
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      clientId: r.client_id,
      reason: r.reason,
      provider: r.provider,
      referralName: r.referral_name,
      sessionsPlanned: r.sessions_planned,
      startedOn: r.started_on,
      status: r.status,
      statusChangedAt: r.status_changed_at?.toISOString() ?? null,
      notes: r.notes,
      createdBy: r.created_by,
      createdAt: r.created_at.toISOString(),
      sessions: sessions
        .filter((s) => s.course_id === r.id)
        .map((s, i) => ({
          id: s.id,
          courseId: s.course_id,
          index: i + 1,
          performedOn: s.performed_on,
          provider: s.provider,
          notes: s.notes,
          adverseEvent:
            s.adverse_event === null
              ? null
              : storedDocument(
                  LaserAdverseEventSchema,
                  s.adverse_event,
                  `laser_removal_sessions.adverse_event of session ${s.id}`
                ),
          createdBy: s.created_by,
          createdAt: s.created_at.toISOString(),
        })),
    }))
  }

  /** Locks the course until the transaction ends; its status and start date, or null when it is not this client's. */
  async lockCourse(
    clinicId: string,
    clientId: string,
    id: string
  ): Promise<{ status: LaserCourse['status']; startedOn: string } | null> {
    const row = await this.#db
      .selectFrom('laser_removal_courses')
      .select(['status', 'started_on'])
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()
    return row === undefined ? null : { status: row.status, startedOn: row.started_on }
  }

  async setStatus(clinicId: string, id: string, status: LaserCourse['status'], at: Date): Promise<void> {
    await this.#db
      .updateTable('laser_removal_courses')
      .set({ status, status_changed_at: at })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .execute()
  }

  async addSession(clinicId: string, courseId: string, input: LaserSessionCreate, createdBy: string): Promise<string> {
    const row = await this.#db
      .insertInto('laser_removal_sessions')
      .values({
        clinic_id: clinicId,
        course_id: courseId,
        performed_on: input.performedOn,
        provider: input.provider,
        notes: input.notes ?? null,
        adverse_event: input.adverseEvent === undefined ? null : JSON.stringify(input.adverseEvent),
        created_by: createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }
}
