// A location's taxes: every staff member reads them (a quote is priced with them); the owner changes them, audited
// with what they were before.
import { type TaxRule, TaxRulesSchema, taxNoteOf } from '@stipple/domain'
import type { Kysely } from 'kysely'
import type { Actor } from '../../actor.ts'
import type { Database } from '../../db/database.ts'
import { repositoriesOver } from '../../db/unit-of-work.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'

export interface LocationTaxes {
  locationId: string
  locationName: string
  rules: TaxRule[]
  /** What a client reads under a quote at this location. */
  note: string
}

const noLocation = (id: string) => new AppError('not_found', `No location ${id} in this clinic`)

export class LocationService {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async #row(db: Kysely<Database>, clinicId: string, locationId: string, lock = false) {
    let q = db
      .selectFrom('locations')
      .select(['id', 'name', 'tax_rules'])
      .where('clinic_id', '=', clinicId)
      .where('id', '=', locationId)
    if (lock) q = q.forUpdate()
    return q.executeTakeFirst()
  }

  #view(row: { id: string; name: string; tax_rules: unknown }): LocationTaxes {
    // stored rules were checked when written; a row the schema no longer reads shows as none rather than failing
    const parsed = TaxRulesSchema.safeParse(row.tax_rules)
    const rules = parsed.success ? parsed.data : []
    return { locationId: row.id, locationName: row.name, rules, note: taxNoteOf(rules) }
  }

  async taxes(actor: Actor, locationId: string): Promise<LocationTaxes> {
    const row = await this.#row(this.#db, actor.clinicId, locationId)
    if (row === undefined) throw noLocation(locationId)
    return this.#view(row)
  }

  async setTaxes(actor: Actor, locationId: string, rules: TaxRule[]): Promise<LocationTaxes> {
    return this.#db.transaction().execute(async (trx) => {
      const before = await this.#row(trx, actor.clinicId, locationId, true)
      if (before === undefined) throw noLocation(locationId)
      const after = await trx
        .updateTable('locations')
        .set({ tax_rules: JSON.stringify(rules) })
        .where('clinic_id', '=', actor.clinicId)
        .where('id', '=', locationId)
        .returning(['id', 'name', 'tax_rules'])
        .executeTakeFirstOrThrow()
      await audit(repositoriesOver(trx), actor, {
        action: 'update',
        entity: 'location-tax-rules',
        entityId: locationId,
        detail: { before: before.tax_rules, after: rules },
      })
      return this.#view(after)
    })
  }
}
