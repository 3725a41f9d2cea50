// The clinic a public booking page names by its slug.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'

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
}
