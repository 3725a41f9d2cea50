// Where and when practitioners work: chairs, working hours per location, time off and travel times between locations.
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { Hours } from '../locations/repository.ts'
import { tstzRange } from './appointments.repository.ts'

export class ResourceRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
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
      .values({ clinic_id: clinicId, membership_id: membershipId, during: tstzRange(from, to), reason })
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
}
