// Calendar feeds (by the SHA-256 of their token) and the appointments a feed shows.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'

export interface FeedRow {
  id: string
  clinicId: string
  practitionerId: string | null
  clientId: string | null
  createdBy: string
  createdAt: Date
  revokedAt: Date | null
}

export interface FeedAppointment {
  id: string
  kind: 'consultation' | 'smp-session' | 'touch-up' | 'laser-removal'
  status: 'booked' | 'arrived' | 'completed' | 'no-show' | 'cancelled'
  startsAt: Date
  endsAt: Date
  updatedAt: Date
  clientGivenName: string | null
  clientFamilyName: string | null
  contactName: string | null
  practitionerName: string
  locationName: string
  address: Record<string, string>
  timeZone: string
}

const FEED_COLUMNS = [
  'id',
  'clinic_id',
  'practitioner_id',
  'client_id',
  'created_by',
  'created_at',
  'revoked_at',
] as const

const toFeed = (r: {
  id: string
  clinic_id: string
  practitioner_id: string | null
  client_id: string | null
  created_by: string
  created_at: Date
  revoked_at: Date | null
}): FeedRow => ({
  id: r.id,
  clinicId: r.clinic_id,
  practitionerId: r.practitioner_id,
  clientId: r.client_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
})

export class CalendarRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async create(feed: {
    clinicId: string
    practitionerId: string | null
    clientId: string | null
    tokenSha256: string
    createdBy: string
  }): Promise<FeedRow> {
    const row = await this.#db
      .insertInto('calendar_feeds')
      .values({
        clinic_id: feed.clinicId,
        practitioner_id: feed.practitionerId,
        client_id: feed.clientId,
        token_sha256: feed.tokenSha256,
        created_by: feed.createdBy,
      })
      .returning(FEED_COLUMNS)
      .executeTakeFirstOrThrow()
    return toFeed(row)
  }

  /** Feeds not revoked of one practitioner or one client. */
  async countActive(clinicId: string, practitionerId: string | null, clientId: string | null): Promise<number> {
    const row = await this.#db
      .selectFrom('calendar_feeds')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('clinic_id', '=', clinicId)
      .where('revoked_at', 'is', null)
      .where(practitionerId === null ? 'client_id' : 'practitioner_id', '=', practitionerId ?? clientId ?? '')
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  async list(clinicId: string): Promise<FeedRow[]> {
    const rows = await this.#db
      .selectFrom('calendar_feeds')
      .select(FEED_COLUMNS)
      .where('clinic_id', '=', clinicId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .limit(500)
      .execute()
    return rows.map(toFeed)
  }

  async find(clinicId: string, id: string): Promise<FeedRow | null> {
    const row = await this.#db
      .selectFrom('calendar_feeds')
      .select(FEED_COLUMNS)
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .executeTakeFirst()
    return row === undefined ? null : toFeed(row)
  }

  async byToken(tokenSha256: string): Promise<FeedRow | null> {
    const row = await this.#db
      .selectFrom('calendar_feeds')
      .select(FEED_COLUMNS)
      .where('token_sha256', '=', tokenSha256)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    return row === undefined ? null : toFeed(row)
  }

  async revoke(clinicId: string, id: string, now: Date): Promise<void> {
    await this.#db
      .updateTable('calendar_feeds')
      .set({ revoked_at: now })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute()
  }

  /** A member of the clinic who sees clients (practitioner or owner). */
  async isPractitioner(clinicId: string, membershipId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('memberships')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('id', '=', membershipId)
      .where('role', 'in', ['practitioner', 'owner'])
      .executeTakeFirst()
    return row !== undefined
  }

  /** The feed's appointments that still take place (not cancelled) between `from` and `to`, oldest first. */
  async appointments(feed: FeedRow, from: Date, to: Date, limit: number): Promise<FeedAppointment[]> {
    let q = this.#db
      .selectFrom('appointments as a')
      .innerJoin('locations as l', 'l.id', 'a.location_id')
      .innerJoin('memberships as m', 'm.id', 'a.practitioner_id')
      .leftJoin('clients as c', (j) => j.onRef('c.id', '=', 'a.client_id').onRef('c.clinic_id', '=', 'a.clinic_id'))
      .select([
        'a.id',
        'a.kind',
        'a.status',
        'a.starts_at',
        'a.ends_at',
        'a.updated_at',
        'a.contact',
        'c.given_name',
        'c.family_name',
        'm.display_name',
        'l.name as location_name',
        'l.address',
        'l.time_zone',
      ])
      .where('a.clinic_id', '=', feed.clinicId)
      .where('a.status', '<>', 'cancelled')
      .where('a.starts_at', '>=', from)
      .where('a.starts_at', '<', to)
    if (feed.practitionerId !== null) q = q.where('a.practitioner_id', '=', feed.practitionerId)
    else q = q.where('a.client_id', '=', feed.clientId ?? '')
    const rows = await q.orderBy('a.starts_at').orderBy('a.id').limit(limit).execute()
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      updatedAt: r.updated_at,
      clientGivenName: r.given_name,
      clientFamilyName: r.family_name,
      contactName: r.contact?.name ?? null,
      practitionerName: r.display_name,
      locationName: r.location_name,
      address: r.address,
      timeZone: r.time_zone,
    }))
  }
}
