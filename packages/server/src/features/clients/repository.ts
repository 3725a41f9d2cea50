import type { Client, ClientCreate, ClientSummary, ClientUpdate } from '@stipple/domain'
import { type Kysely, type Selectable, sql } from 'kysely'
import type { Database } from '../../db/database.ts'

type ClientRow = Selectable<Database['clients']>
type Stage = ClientSummary['stage']

const columns = [
  'id',
  'given_name',
  'family_name',
  'email',
  'phone',
  'date_of_birth',
  'stage',
  'home_location_id',
  'communication_consents',
  'created_at',
  'updated_at',
] as const

const NO_CONSENTS = { careEmail: false, careSms: false, marketingEmail: false, marketingSms: false }

function toSummary(r: Pick<ClientRow, (typeof columns)[number]>): ClientSummary {
  return {
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    email: r.email,
    phone: r.phone,
    stage: r.stage as Stage,
    homeLocationId: r.home_location_id,
    updatedAt: r.updated_at.toISOString(),
  }
}

function toClient(r: Pick<ClientRow, (typeof columns)[number]>): Client {
  return {
    ...toSummary(r),
    dateOfBirth: r.date_of_birth,
    consents: r.communication_consents,
    createdAt: r.created_at.toISOString(),
  }
}

/** `%` and `_` in the user's search text match themselves. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export class ClientRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async list(
    clinicId: string,
    query: { q?: string | undefined; stage?: Stage | undefined; limit: number; offset: number }
  ): Promise<{ items: ClientSummary[]; total: number }> {
    let q = this.#db.selectFrom('clients').where('clinic_id', '=', clinicId).where('erased_at', 'is', null)
    if (query.stage !== undefined) q = q.where('stage', '=', query.stage)
    if (query.q !== undefined && query.q !== '') {
      const pattern = likePattern(query.q.toLowerCase())
      q = q.where((eb) =>
        eb.or([
          eb(sql`lower(given_name || ' ' || family_name)`, 'like', pattern),
          eb(sql`lower(family_name || ' ' || given_name)`, 'like', pattern),
          eb(sql`lower(coalesce(email, ''))`, 'like', pattern),
          eb(sql`coalesce(phone, '')`, 'like', pattern),
        ])
      )
    }
    const [rows, count] = await Promise.all([
      q
        .select(columns)
        .orderBy(sql`lower(family_name)`)
        .orderBy(sql`lower(given_name)`)
        .orderBy('id')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { items: rows.map(toSummary), total: Number(count.n) }
  }

  async get(clinicId: string, id: string): Promise<Client | null> {
    const row = await this.#db
      .selectFrom('clients')
      .select(columns)
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .where('erased_at', 'is', null)
      .executeTakeFirst()
    return row === undefined ? null : toClient(row)
  }

  async create(clinicId: string, input: ClientCreate, now: Date): Promise<Client> {
    const row = await this.#db
      .insertInto('clients')
      .values({
        clinic_id: clinicId,
        given_name: input.givenName,
        family_name: input.familyName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        date_of_birth: input.dateOfBirth ?? null,
        ...(input.stage === undefined ? {} : { stage: input.stage }),
        home_location_id: input.homeLocationId ?? null,
        communication_consents: JSON.stringify({ ...(input.consents ?? NO_CONSENTS), updatedAt: now.toISOString() }),
      })
      .returning(columns)
      .executeTakeFirstOrThrow()
    return toClient(row)
  }

  async update(clinicId: string, id: string, patch: ClientUpdate, now: Date): Promise<Client | null> {
    const row = await this.#db
      .updateTable('clients')
      .set({
        ...(patch.givenName === undefined ? {} : { given_name: patch.givenName }),
        ...(patch.familyName === undefined ? {} : { family_name: patch.familyName }),
        ...(patch.email === undefined ? {} : { email: patch.email }),
        ...(patch.phone === undefined ? {} : { phone: patch.phone }),
        ...(patch.dateOfBirth === undefined ? {} : { date_of_birth: patch.dateOfBirth }),
        ...(patch.stage === undefined ? {} : { stage: patch.stage }),
        ...(patch.homeLocationId === undefined ? {} : { home_location_id: patch.homeLocationId }),
        ...(patch.consents === undefined
          ? {}
          : { communication_consents: JSON.stringify({ ...patch.consents, updatedAt: now.toISOString() }) }),
        updated_at: now,
      })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .where('erased_at', 'is', null)
      .returning(columns)
      .executeTakeFirst()
    return row === undefined ? null : toClient(row)
  }

  /** Locks the client's row until the transaction ends (serialises per-client version numbers); false if absent. */
  async lock(clinicId: string, id: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('clients')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .where('erased_at', 'is', null)
      .forUpdate()
      .executeTakeFirst()
    return row !== undefined
  }

  async locationExists(clinicId: string, locationId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('locations')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('id', '=', locationId)
      .executeTakeFirst()
    return row !== undefined
  }
}
