// The one place that reads locations (names, zones, addresses, hours, taxes) and the clinic they belong to (its name,
// its public slug). Scheduling, clients, the public site, calendars and the tax rules all ask here.
import type { TaxRule } from '@stipple/domain'
import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/database.ts'
import { type ClinicClock, clinicClock } from './local-times.ts'

/** Hours of a week as stored: day key ('mon'…'sun') to [open, close] 'HH:MM' pairs. */
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

/** A location's name and its stored tax rules (as written; the service parses them). */
export interface LocationTaxRow {
  id: string
  name: string
  tax_rules: unknown
}

const INFO_COLUMNS = [
  'id',
  'name',
  'time_zone',
  'address',
  'opening_hours',
  'phone',
  'price_list_id',
  'tax_rules',
] as const

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function toInfo(r: Omit<Selectable<Database['locations']>, 'clinic_id' | 'created_at'>): LocationInfo {
  return {
    id: r.id,
    name: r.name,
    timeZone: r.time_zone,
    address: r.address,
    openingHours: r.opening_hours,
    phone: r.phone,
    priceListId: r.price_list_id,
    taxRules: r.tax_rules,
  }
}

export class LocationRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** The clinic a public page names by its slug, or null. */
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

  /** The clinic's locations, by name. */
  async list(clinicId: string): Promise<LocationInfo[]> {
    const rows = await this.#db
      .selectFrom('locations')
      .select(INFO_COLUMNS)
      .where('clinic_id', '=', clinicId)
      .orderBy('name')
      .execute()
    return rows.map(toInfo)
  }

  /** One of the clinic's locations, or null (any text may be asked: it is looked up among the clinic's). */
  async get(clinicId: string, locationId: string): Promise<LocationInfo | null> {
    // an id that is no UUID names no location (and would be a type error in the query)
    if (!UUID.test(locationId)) return null
    const r = await this.#db
      .selectFrom('locations')
      .select(INFO_COLUMNS)
      .where('clinic_id', '=', clinicId)
      .where('id', '=', locationId)
      .executeTakeFirst()
    return r === undefined ? null : toInfo(r)
  }

  /** Every location's time zone, by id (one small read: a screening's or a session's day is read in its zone). */
  async zones(clinicId: string): Promise<Map<string, string>> {
    const rows = await this.#db
      .selectFrom('locations')
      .select(['id', 'time_zone'])
      .where('clinic_id', '=', clinicId)
      .execute()
    return new Map(rows.map((r) => [r.id, r.time_zone]))
  }

  /** Whether the location is this clinic's: a guard's one-row read. */
  async exists(clinicId: string, locationId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('locations')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('id', '=', locationId)
      .executeTakeFirst()
    return row !== undefined
  }

  /** The clinic's clock: each location's zone, the main location's for a record at none (local-times.ts). */
  clock(clinicId: string): Promise<ClinicClock> {
    return clinicClock(this.#db, clinicId)
  }

  /** The location's name and tax rules; `lock` holds its row until the transaction ends. */
  async taxRow(clinicId: string, locationId: string, lock = false): Promise<LocationTaxRow | null> {
    let q = this.#db
      .selectFrom('locations')
      .select(['id', 'name', 'tax_rules'])
      .where('clinic_id', '=', clinicId)
      .where('id', '=', locationId)
    if (lock) q = q.forUpdate()
    return (await q.executeTakeFirst()) ?? null
  }

  async setTaxRules(clinicId: string, locationId: string, rules: TaxRule[]): Promise<LocationTaxRow> {
    return this.#db
      .updateTable('locations')
      .set({ tax_rules: JSON.stringify(rules) })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', locationId)
      .returning(['id', 'name', 'tax_rules'])
      .executeTakeFirstOrThrow()
  }
}
