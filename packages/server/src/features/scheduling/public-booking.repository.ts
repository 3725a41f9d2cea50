// The clinic a public booking page names by its slug, and the installation's key for booking links.
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'

const SECRET_NAME = 'booking-links'

/** The installation's booking-link key; the first caller creates it, concurrent first callers all get the same one. */
export async function linkSecret(db: Kysely<Database>): Promise<Buffer> {
  await db
    .insertInto('installation_secrets')
    .values({ name: SECRET_NAME, secret: randomBytes(32).toString('hex') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  const row = await db
    .selectFrom('installation_secrets')
    .select('secret')
    .where('name', '=', SECRET_NAME)
    .executeTakeFirstOrThrow()
  return Buffer.from(row.secret, 'hex')
}

export class PublicBookingRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
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

  /** The installation's booking-link key (see `linkSecret`). */
  linkSecret(): Promise<Buffer> {
    return linkSecret(this.#db)
  }
}
