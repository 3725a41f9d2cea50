// Scheduling rows: locations' chairs, where and when practitioners work, time off, appointments, courses and the
// append-only appointment changes. Row types stay here; the service gets plain DTOs.
import { type LocalTime, localTime } from '@stipple/domain'
import { type Kysely, sql } from 'kysely'
import type { AppointmentChangeKind, AppointmentKindId, AppointmentStatus, Database } from '../../db/database.ts'

export type Hours = Record<string, [string, string][]>

export interface LocationInfo {
  id: string
  name: string
  timeZone: string
  address: Record<string, string>
  openingHours: Hours
  phone: string | null
  priceListId: string
  taxRules: unknown
}

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

const range = (from: Date, to: Date) => `[${from.toISOString()},${to.toISOString()})`

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

export class SchedulingRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async locations(clinicId: string): Promise<LocationInfo[]> {
    const rows = await this.#db
      .selectFrom('locations')
      .select(['id', 'name', 'time_zone', 'address', 'opening_hours', 'phone', 'price_list_id', 'tax_rules'])
      .where('clinic_id', '=', clinicId)
      .orderBy('name')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      timeZone: r.time_zone,
      address: r.address,
      openingHours: r.opening_hours,
      phone: r.phone,
      priceListId: r.price_list_id,
      taxRules: r.tax_rules,
    }))
  }

  async location(clinicId: string, locationId: string): Promise<LocationInfo | null> {
    return (await this.locations(clinicId)).find((l) => l.id === locationId) ?? null
  }

  async clinicBySlug(slug: string): Promise<{ id: string; name: string; slug: string } | null> {
    const row = await this.#db
      .selectFrom('clinics')
      .select(['id', 'name', 'slug'])
      .where('slug', '=', slug)
      .executeTakeFirst()
    return row ?? null
  }

  async clinicName(clinicId: string): Promise<string> {
    const row = await this.#db.selectFrom('clinics').select('name').where('id', '=', clinicId).executeTakeFirstOrThrow()
    return row.name
  }

  async chairs(clinicId: string, locationId?: string) {
    let q = this.#db
      .selectFrom('chairs')
      .select(['id', 'location_id', 'name', 'active'])
      .where('clinic_id', '=', clinicId)
      .orderBy('name')
    if (locationId !== undefined) q = q.where('location_id', '=', locationId)
    const rows = await q.execute()
    return rows.map((r) => ({ id: r.id, locationId: r.location_id, name: r.name, active: r.active }))
  }

  async addChair(clinicId: string, locationId: string, name: string) {
    const row = await this.#db
      .insertInto('chairs')
      .values({ clinic_id: clinicId, location_id: locationId, name })
      .onConflict((oc) => oc.columns(['location_id', 'name']).doNothing())
      .returning(['id', 'location_id', 'name', 'active'])
      .executeTakeFirst()
    return row === undefined ? null : { id: row.id, locationId: row.location_id, name: row.name, active: row.active }
  }

  /** A member who can take appointments (a practitioner, or an owner who also practises). */
  async practitioner(clinicId: string, membershipId: string): Promise<{ id: string; displayName: string } | null> {
    const row = await this.#db
      .selectFrom('memberships')
      .select(['id', 'display_name'])
      .where('clinic_id', '=', clinicId)
      .where('id', '=', membershipId)
      .where('role', 'in', ['practitioner', 'owner'])
      .executeTakeFirst()
    return row === undefined ? null : { id: row.id, displayName: row.display_name }
  }

  async practitionersAt(clinicId: string, locationId?: string) {
    let q = this.#db
      .selectFrom('practitioner_locations as pl')
      .innerJoin('memberships as m', 'm.id', 'pl.membership_id')
      .select(['pl.membership_id', 'pl.location_id', 'pl.working_hours', 'm.display_name'])
      .where('pl.clinic_id', '=', clinicId)
      .orderBy('m.display_name')
    if (locationId !== undefined) q = q.where('pl.location_id', '=', locationId)
    const rows = await q.execute()
    return rows.map((r) => ({
      membershipId: r.membership_id,
      locationId: r.location_id,
      displayName: r.display_name,
      workingHours: r.working_hours,
    }))
  }

  async setWorkingHours(clinicId: string, membershipId: string, locationId: string, hours: Hours): Promise<void> {
    await this.#db
      .insertInto('practitioner_locations')
      .values({
        clinic_id: clinicId,
        membership_id: membershipId,
        location_id: locationId,
        working_hours: JSON.stringify(hours),
      })
      .onConflict((oc) =>
        oc.columns(['membership_id', 'location_id']).doUpdateSet({ working_hours: JSON.stringify(hours) })
      )
      .execute()
  }

  async addTimeOff(clinicId: string, membershipId: string, from: Date, to: Date, reason: string | null) {
    const row = await this.#db
      .insertInto('time_off')
      .values({ clinic_id: clinicId, membership_id: membershipId, during: range(from, to), reason })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  /** Time off of these members touching [from, to), as epoch-millisecond intervals. */
  async timeOff(clinicId: string, membershipIds: readonly string[], from: Date, to: Date) {
    if (membershipIds.length === 0) return []
    const rows = await this.#db
      .selectFrom('time_off')
      .select(['membership_id', sql<Date>`lower(during)`.as('from'), sql<Date>`upper(during)`.as('to')])
      .where('clinic_id', '=', clinicId)
      .where('membership_id', 'in', membershipIds)
      .where(sql<boolean>`during && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz)`)
      .execute()
    return rows.map((r) => ({ membershipId: r.membership_id, start: r.from.getTime(), end: r.to.getTime() }))
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

  async insertAppointment(a: NewAppointment): Promise<string> {
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
        blocks: range(a.blocksFrom, a.blocksTo),
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

  async changes(clinicId: string, appointmentId: string) {
    return this.#db
      .selectFrom('appointment_changes')
      .select(['change', 'from_starts_at', 'to_starts_at', 'reason', 'changed_by'])
      .where('clinic_id', '=', clinicId)
      .where('appointment_id', '=', appointmentId)
      .orderBy('id')
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

  /** The travel times set between this clinic's locations, each pair once (location a's id before b's). */
  async travelTimes(clinicId: string) {
    const rows = await this.#db
      .selectFrom('location_travel_times')
      .select(['location_a', 'location_b', 'minutes'])
      .where('clinic_id', '=', clinicId)
      .execute()
    return rows.map((r) => ({ locationA: r.location_a, locationB: r.location_b, minutes: r.minutes }))
  }

  /** Sets (minutes) or removes (null) the travel time between two locations. */
  async setTravelTime(clinicId: string, a: string, b: string, minutes: number | null, by: string): Promise<void> {
    const [first, second] = a < b ? [a, b] : [b, a]
    if (minutes === null) {
      await this.#db
        .deleteFrom('location_travel_times')
        .where('clinic_id', '=', clinicId)
        .where('location_a', '=', first)
        .where('location_b', '=', second)
        .execute()
      return
    }
    await this.#db
      .insertInto('location_travel_times')
      .values({ clinic_id: clinicId, location_a: first, location_b: second, minutes, updated_by: by })
      .onConflict((oc) =>
        oc.columns(['location_a', 'location_b']).doUpdateSet({ minutes, updated_by: by, updated_at: new Date() })
      )
      .execute()
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

  /** Clients (not erased) whose email (any case) or phone (digits only) is the one given; at most 10. */
  async clientsMatching(clinicId: string, email: string, phone: string) {
    const digits = phone.replace(/\D/g, '')
    const rows = await this.#db
      .selectFrom('clients')
      .select(['id', 'given_name', 'family_name', 'email', 'phone'])
      .where('clinic_id', '=', clinicId)
      .where('erased_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb(sql`lower(coalesce(email, ''))`, '=', email.trim().toLowerCase()),
          ...(digits.length >= 7 ? [eb(sql`regexp_replace(coalesce(phone, ''), '\\D', '', 'g')`, '=', digits)] : []),
        ])
      )
      .orderBy('family_name')
      .limit(10)
      .execute()
    return rows.map((r) => ({
      id: r.id,
      name: `${r.given_name} ${r.family_name}`.trim(),
      email: r.email,
      phone: r.phone,
    }))
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

  async appointment(clinicId: string, appointmentId: string, forUpdate = false): Promise<AppointmentDto | null> {
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
        blocks: range(t.blocksFrom, t.blocksTo),
        chair_id: t.chairId,
        practitioner_id: t.practitionerId,
        updated_at: now,
      })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', appointmentId)
      .execute()
  }

  async client(clinicId: string, clientId: string) {
    const row = await this.#db
      .selectFrom('clients')
      .select(['id', 'home_location_id', 'erased_at'])
      .where('clinic_id', '=', clinicId)
      .where('id', '=', clientId)
      .executeTakeFirst()
    return row === undefined || row.erased_at !== null ? null : { id: row.id, homeLocationId: row.home_location_id }
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

  async treatmentPlan(clinicId: string, clientId: string, planId: string) {
    const row = await this.#db
      .selectFrom('treatment_plans')
      .select(['id', 'plan', 'created_at'])
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .where('id', '=', planId)
      .executeTakeFirst()
    return row ?? null
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

  async insertCourse(c: {
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

  async course(clinicId: string, courseId: string) {
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
  async lockCourse(clinicId: string, courseId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('courses')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('id', '=', courseId)
      .forUpdate()
      .executeTakeFirst()
    return row !== undefined
  }

  async clientExists(clinicId: string, clientId: string): Promise<boolean> {
    return (await this.client(clinicId, clientId)) !== null
  }
}
