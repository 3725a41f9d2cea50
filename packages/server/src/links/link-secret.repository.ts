// The installation's key for signed links (booking management, unsubscribe), kept in `installation_secrets`.
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.ts'

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

export class LinkSecretRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** The installation's link key (see `linkSecret`). */
  linkSecret(): Promise<Buffer> {
    return linkSecret(this.#db)
  }
}
