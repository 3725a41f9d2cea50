// Wall-clock times for every instant a screen shows, decided here once: the browser shows these as they are and never
// converts an instant with its own time-zone data (runtimes disagree on some zones' rules).
import { type LocalTime, localTime } from '@stipple/domain'
import type { Kysely } from 'kysely'
import type { Database } from './db/database.ts'

/**
 * The zones of one clinic's locations. A record that belongs to a location (a session, an appointment, a quote) is read
 * on that location's clock; a clinic-level record (an audit entry, an intake, a consent, a client's file, an email) is
 * read on the clinic's main location's clock: its first location (by creation, then id). A clinic with no location
 * reads UTC.
 */
export interface ClinicClock {
  /** The zone a record at `locationId` is read in; null or unknown: the clinic's main location's. */
  zoneOf(locationId?: string | null): string
  /** An instant on that zone's wall clock. */
  local(instant: Date | string, locationId?: string | null): LocalTime
  /** As `local`, keeping null as null. */
  localOrNull(instant: Date | string | null, locationId?: string | null): LocalTime | null
}

function clinicClockOf(zones: readonly { id: string; time_zone: string }[]): ClinicClock {
  const main = zones[0]?.time_zone ?? 'UTC'
  const zoneOf = (locationId?: string | null) =>
    (locationId ? zones.find((z) => z.id === locationId)?.time_zone : undefined) ?? main
  const local = (instant: Date | string, locationId?: string | null) =>
    localTime(typeof instant === 'string' ? Date.parse(instant) : instant.getTime(), zoneOf(locationId))
  return {
    zoneOf,
    local,
    localOrNull: (instant, locationId) => (instant === null ? null : local(instant, locationId)),
  }
}

/** The clinic's clock: its locations' zones, main location first. */
export async function clinicClock(db: Kysely<Database>, clinicId: string): Promise<ClinicClock> {
  const zones = await db
    .selectFrom('locations')
    .select(['id', 'time_zone'])
    .where('clinic_id', '=', clinicId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return clinicClockOf(zones)
}
