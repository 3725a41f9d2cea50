// Appointment rows: the blocks they hold, the booking locks, the append-only changes, the joined reads every screen
// shows. Row types stay here; services get AppointmentDto.
import { type LocalTime, localTime } from '@stipple/domain'
import { type Kysely, sql } from 'kysely'
import type { AppointmentChangeKind, AppointmentKindId, AppointmentStatus, Database } from '../../db/database.ts'

export interface AppointmentDto {
  id: string
  locationId: string
  clientId: string | null
  clientName: string | null
  practitionerId: string
  practitionerName: string
  chairId: string
  kind: AppointmentKindId
  status: AppointmentStatus
  startsAt: string
  endsAt: string
  /** The start and end on the location's wall clock, computed here in its zone. */
  startsAtLocal: LocalTime
  endsAtLocal: LocalTime
  source: 'clinic' | 'public' | 'portal'
  courseId: string | null
  courseIndex: number | null
  contact: { name: string; email: string; phone: string } | null
  notes: string | null
  cancelReason: string | null
}

export interface BlockRow {
  practitionerId: string
  chairId: string
  locationId: string
  start: number
  end: number
  appointmentId: string
}

export interface NewAppointment {
  clinicId: string
  locationId: string
  clientId: string | null
  practitionerId: string
  chairId: string
  kind: AppointmentKindId
  startsAt: Date
  endsAt: Date
  blocksFrom: Date
  blocksTo: Date
  courseId?: string | null
  courseIndex?: number | null
  bookedBy: string | null
  source: 'clinic' | 'public' | 'portal'
  idempotencyKey?: string | null
  idempotencyFingerprint?: string | null
  contact?: { name: string; email: string; phone: string } | null
  notes?: string | null
}

interface JoinedAppointment {
  id: string
  location_id: string
  client_id: string | null
  given_name: string | null
  family_name: string | null
  erased_at: Date | null
  practitioner_id: string
  display_name: string
  chair_id: string
  kind: AppointmentKindId
  status: AppointmentStatus
  starts_at: Date
  ends_at: Date
  source: 'clinic' | 'public' | 'portal'
  course_id: string | null
  course_index: number | null
  contact: { name: string; email: string; phone: string } | null
  notes: string | null
  cancel_reason: string | null
  time_zone: string
}

/** A tstzrange literal [from, to). */
export const tstzRange = (from: Date, to: Date) => `[${from.toISOString()},${to.toISOString()})`

/** The SQLSTATE of an exclusion-constraint violation, and which constraint: the practitioner's or the chair's. */
export function overlapOf(error: unknown): 'practitioner' | 'chair' | null {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown }
  if (e?.code !== '23P01') return null
  const name = `${String(e.constraint ?? '')} ${String(e.message ?? '')}`
  return name.includes('appointments_chair_no_overlap') ? 'chair' : 'practitioner'
}

export function isUniqueViolation(error: unknown, constraintPart: string): boolean {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown }
  return e?.code === '23505' && `${String(e.constraint ?? '')} ${String(e.message ?? '')}`.includes(constraintPart)
}

export class AppointmentRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** Every block held at this location, or by these practitioners anywhere, touching [from, to). */
  async blocks(
    clinicId: string,
    locationId: string,
    practitionerIds: readonly string[],
    from: Date,
    to: Date
  ): Promise<BlockRow[]> {
    const rows = await this.#db
      .selectFrom('appointments')
      .select([
        'id',
        'practitioner_id',
        'chair_id',
        'location_id',
        sql<Date>`lower(blocks)`.as('from'),
        sql<Date>`upper(blocks)`.as('to'),
      ])
      .where('clinic_id', '=', clinicId)
      .where('status', '<>', 'cancelled')
      .where(sql<boolean>`blocks && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz)`)
      .where((eb) =>
        practitionerIds.length === 0
          ? eb('location_id', '=', locationId)
          : eb.or([eb('location_id', '=', locationId), eb('practitioner_id', 'in', practitionerIds)])
      )
      .execute()
    return rows.map((r) => ({
      appointmentId: r.id,
      practitionerId: r.practitioner_id,
      chairId: r.chair_id,
      locationId: r.location_id,
      start: r.from.getTime(),
      end: r.to.getTime(),
    }))
  }

  /** The appointment (not cancelled) holding this practitioner or chair over [from, to), for the conflict message. */
  async holder(clinicId: string, who: 'practitioner' | 'chair', id: string, from: Date, to: Date) {
    const row = await this.#db
      .selectFrom('appointments')
      .select(['starts_at', 'ends_at', 'location_id'])
      .where('clinic_id', '=', clinicId)
      .where(who === 'chair' ? 'chair_id' : 'practitioner_id', '=', id)
      .where('status', '<>', 'cancelled')
      .where(sql<boolean>`blocks && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz)`)
      .orderBy('starts_at')
      .executeTakeFirst()
    return row === undefined ? null : { startsAt: row.starts_at, endsAt: row.ends_at, locationId: row.location_id }
  }

  /**
   * Holds, until the transaction ends, the practitioner's and then the chair's booking lock. Without it two
   * transactions writing overlapping times can each find the other's uncommitted row in the exclusion constraint's
   * index and wait for each other: PostgreSQL then ends one as a deadlock after deadlock_timeout (1 s here), which
   * under 200 concurrent requests stretched a burst of bookings to over a minute. With it, overlapping writes queue,
   * and the later one sees the earlier one's committed row (23P01, a clear "already booked"). The order is fixed for
   * every transaction: practitioners before chairs, each in id order; a transaction writing several appointments (a
   * course) takes all its locks first, so two of them never wait for each other in a circle. Taking a lock the
   * transaction holds already is free.
   */
  async lockTimes(practitionerIds: readonly string[], chairIds: readonly string[]): Promise<void> {
    const keys = [
      ...[...new Set(practitionerIds)].sort().map((id) => `appointments:practitioner:${id}`),
      ...[...new Set(chairIds)].sort().map((id) => `appointments:chair:${id}`),
    ]
    if (keys.length === 0) return
    // one statement, the locks taken left to right
    await sql`select ${sql.join(keys.map((k) => sql`pg_advisory_xact_lock(hashtextextended(${k}, 0))`))}`.execute(
      this.#db
    )
  }

  async insert(a: NewAppointment): Promise<string> {
    await this.lockTimes([a.practitionerId], [a.chairId])
    const row = await this.#db
      .insertInto('appointments')
      .values({
        clinic_id: a.clinicId,
        location_id: a.locationId,
        client_id: a.clientId,
        practitioner_id: a.practitionerId,
        chair_id: a.chairId,
        kind: a.kind,
        starts_at: a.startsAt,
        ends_at: a.endsAt,
        blocks: tstzRange(a.blocksFrom, a.blocksTo),
        course_id: a.courseId ?? null,
        course_index: a.courseIndex ?? null,
        booked_by: a.bookedBy,
        source: a.source,
        idempotency_key: a.idempotencyKey ?? null,
        idempotency_fingerprint: a.idempotencyFingerprint ?? null,
        contact: a.contact === undefined || a.contact === null ? null : JSON.stringify(a.contact),
        notes: a.notes ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await this.recordChange(a.clinicId, row.id, 'booked', null, a.startsAt, null, a.bookedBy)
    return row.id
  }

  async recordChange(
    clinicId: string,
    appointmentId: string,
    change: AppointmentChangeKind,
    from: Date | null,
    to: Date | null,
    reason: string | null,
    changedBy: string | null,
    detail: Record<string, string> | null = null
  ): Promise<void> {
    await this.#db
      .insertInto('appointment_changes')
      .values({
        clinic_id: clinicId,
        appointment_id: appointmentId,
        change,
        from_starts_at: from,
        to_starts_at: to,
        reason,
        changed_by: changedBy,
        detail: detail === null ? null : JSON.stringify(detail),
      })
      .execute()
  }

  /** An appointment's history, oldest first, with who made each change (null: the client through a link). */
  async history(clinicId: string, appointmentId: string) {
    const rows = await this.#db
      .selectFrom('appointment_changes as h')
      .leftJoin('memberships as m', 'm.id', 'h.changed_by')
      .select([
        'h.change',
        'h.from_starts_at',
        'h.to_starts_at',
        'h.reason',
        'h.changed_at',
        'h.detail',
        'm.display_name',
      ])
      .where('h.clinic_id', '=', clinicId)
      .where('h.appointment_id', '=', appointmentId)
      .orderBy('h.id')
      .limit(500)
      .execute()
    return rows.map((r) => ({
      change: r.change,
      fromStartsAt: r.from_starts_at,
      toStartsAt: r.to_starts_at,
      reason: r.reason,
      at: r.changed_at,
      by: r.display_name,
      detail: r.detail,
    }))
  }

  /** The practitioner's appointments (not cancelled) at other locations whose blocks touch [from, to). */
  async elsewhere(
    clinicId: string,
    practitionerId: string,
    locationId: string,
    from: Date,
    to: Date,
    exclude: string | null
  ) {
    let q = this.#db
      .selectFrom('appointments as a')
      .innerJoin('locations as l', 'l.id', 'a.location_id')
      .select([
        'a.id',
        'a.location_id',
        'l.name',
        sql<Date>`lower(a.blocks)`.as('from'),
        sql<Date>`upper(a.blocks)`.as('to'),
      ])
      .where('a.clinic_id', '=', clinicId)
      .where('a.practitioner_id', '=', practitionerId)
      .where('a.location_id', '<>', locationId)
      .where('a.status', '<>', 'cancelled')
      .where(sql<boolean>`a.blocks && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz)`)
    if (exclude !== null) q = q.where('a.id', '<>', exclude)
    const rows = await q.orderBy('a.starts_at').execute()
    return rows.map((r) => ({
      id: r.id,
      locationId: r.location_id,
      locationName: r.name,
      start: r.from.getTime(),
      end: r.to.getTime(),
    }))
  }

  /** Links a website booking to a client file; false when it is linked already. */
  async linkClient(clinicId: string, appointmentId: string, clientId: string, now: Date): Promise<boolean> {
    const rows = await this.#db
      .updateTable('appointments')
      .set({ client_id: clientId, updated_at: now })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', appointmentId)
      .where('client_id', 'is', null)
      .executeTakeFirst()
    return Number(rows.numUpdatedRows) === 1
  }

  async byIdempotencyKey(clinicId: string, key: string) {
    const row = await this.#db
      .selectFrom('appointments')
      .select(['id', 'idempotency_fingerprint'])
      .where('clinic_id', '=', clinicId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst()
    return row === undefined ? null : { id: row.id, fingerprint: row.idempotency_fingerprint }
  }

  #selectAppointments() {
    return this.#db
      .selectFrom('appointments as a')
      .innerJoin('memberships as m', 'm.id', 'a.practitioner_id')
      .innerJoin('locations as l', 'l.id', 'a.location_id')
      .leftJoin('clients as c', 'c.id', 'a.client_id')
      .select([
        'a.id',
        'a.location_id',
        'a.client_id',
        'c.given_name',
        'c.family_name',
        'c.erased_at',
        'a.practitioner_id',
        'm.display_name',
        'a.chair_id',
        'a.kind',
        'a.status',
        'a.starts_at',
        'a.ends_at',
        'a.source',
        'a.course_id',
        'a.course_index',
        'a.contact',
        'a.notes',
        'a.cancel_reason',
        'l.time_zone',
      ])
  }

  #toDto(r: JoinedAppointment) {
    const clientName =
      r.client_id === null
        ? (r.contact?.name ?? null)
        : r.erased_at !== null
          ? 'Erased client'
          : `${r.given_name ?? ''} ${r.family_name ?? ''}`.trim()
    return {
      id: r.id,
      locationId: r.location_id,
      clientId: r.client_id,
      clientName,
      practitionerId: r.practitioner_id,
      practitionerName: r.display_name,
      chairId: r.chair_id,
      kind: r.kind,
      status: r.status,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      startsAtLocal: localTime(r.starts_at.getTime(), r.time_zone),
      endsAtLocal: localTime(r.ends_at.getTime(), r.time_zone),
      source: r.source,
      courseId: r.course_id,
      courseIndex: r.course_index,
      contact: r.contact,
      notes: r.notes,
      cancelReason: r.cancel_reason,
    } satisfies AppointmentDto
  }

  async get(clinicId: string, appointmentId: string, forUpdate = false): Promise<AppointmentDto | null> {
    let q = this.#selectAppointments().where('a.clinic_id', '=', clinicId).where('a.id', '=', appointmentId)
    if (forUpdate) q = q.forUpdate('a')
    const row = await q.executeTakeFirst()
    return row === undefined ? null : this.#toDto(row)
  }

  async list(
    clinicId: string,
    f: {
      from: Date
      to: Date
      locationId?: string | undefined
      practitionerId?: string | undefined
      clientId?: string | undefined
      courseId?: string | undefined
      includeCancelled?: boolean
    }
  ): Promise<AppointmentDto[]> {
    let q = this.#selectAppointments()
      .where('a.clinic_id', '=', clinicId)
      .where('a.starts_at', '>=', f.from)
      .where('a.starts_at', '<', f.to)
    if (f.locationId !== undefined) q = q.where('a.location_id', '=', f.locationId)
    if (f.practitionerId !== undefined) q = q.where('a.practitioner_id', '=', f.practitionerId)
    if (f.clientId !== undefined) q = q.where('a.client_id', '=', f.clientId)
    if (f.courseId !== undefined) q = q.where('a.course_id', '=', f.courseId)
    if (f.includeCancelled === false) q = q.where('a.status', '<>', 'cancelled')
    const rows = await q.orderBy('a.starts_at').orderBy('a.id').limit(5000).execute()
    return rows.map((r) => this.#toDto(r))
  }

  async courseSessions(clinicId: string, courseId: string): Promise<AppointmentDto[]> {
    const rows = await this.#selectAppointments()
      .where('a.clinic_id', '=', clinicId)
      .where('a.course_id', '=', courseId)
      .where('a.status', '<>', 'cancelled')
      .orderBy('a.course_index')
      .execute()
    return rows.map((r) => this.#toDto(r))
  }

  async setStatus(
    clinicId: string,
    appointmentId: string,
    status: AppointmentStatus,
    now: Date,
    cancelReason?: string | null
  ): Promise<void> {
    await this.#db
      .updateTable('appointments')
      .set({
        status,
        updated_at: now,
        ...(status === 'arrived' ? { arrived_at: now } : {}),
        ...(status === 'cancelled' ? { cancelled_at: now, cancel_reason: cancelReason ?? null } : {}),
        ...(status === 'no-show' ? { no_show_at: now } : {}),
      })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', appointmentId)
      .execute()
  }

  async moveTo(
    clinicId: string,
    appointmentId: string,
    t: {
      startsAt: Date
      endsAt: Date
      blocksFrom: Date
      blocksTo: Date
      chairId: string
      practitionerId: string
      locationId?: string
    },
    now: Date
  ): Promise<void> {
    await this.lockTimes([t.practitionerId], [t.chairId])
    await this.#db
      .updateTable('appointments')
      .set({
        ...(t.locationId === undefined ? {} : { location_id: t.locationId }),
        starts_at: t.startsAt,
        ends_at: t.endsAt,
        blocks: tstzRange(t.blocksFrom, t.blocksTo),
        chair_id: t.chairId,
        practitioner_id: t.practitionerId,
        updated_at: now,
      })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', appointmentId)
      .execute()
  }

  /** The clinic an appointment belongs to (a booking link names only the appointment), or null. */
  async clinicOf(appointmentId: string): Promise<string | null> {
    const row = await this.#db
      .selectFrom('appointments')
      .select('clinic_id')
      .where('id', '=', appointmentId)
      .executeTakeFirst()
    return row?.clinic_id ?? null
  }
}
