// A location's taxes: every staff member reads them (a quote is priced with them); the owner changes them, audited
// with what they were before.
import { type TaxRule, TaxRulesSchema, taxNoteOf } from '@stipple/domain'
import type { Actor } from '../../actor.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import type { LocationTaxRow } from './repository.ts'
import type { LocationWork } from './work.ts'

export interface LocationTaxes {
  locationId: string
  locationName: string
  rules: TaxRule[]
  /** What a client reads under a quote at this location. */
  note: string
}

const noLocation = (id: string) => new AppError('not_found', `No location ${id} in this clinic`)

export class LocationService {
  readonly #work: LocationWork
  constructor(work: LocationWork) {
    this.#work = work
  }

  #view(row: LocationTaxRow): LocationTaxes {
    // stored rules were checked when written; a row the schema no longer reads shows as none rather than failing
    const parsed = TaxRulesSchema.safeParse(row.tax_rules)
    const rules = parsed.success ? parsed.data : []
    return { locationId: row.id, locationName: row.name, rules, note: taxNoteOf(rules) }
  }

  async taxes(actor: Actor, locationId: string): Promise<LocationTaxes> {
    const row = await this.#work.read.locations.taxRow(actor.clinicId, locationId)
    if (row === null) throw noLocation(locationId)
    return this.#view(row)
  }

  async setTaxes(actor: Actor, locationId: string, rules: TaxRule[]): Promise<LocationTaxes> {
    return this.#work.run(async (repos) => {
      const before = await repos.locations.taxRow(actor.clinicId, locationId, true)
      if (before === null) throw noLocation(locationId)
      const after = await repos.locations.setTaxRules(actor.clinicId, locationId, rules)
      await audit(repos, actor, {
        action: 'update',
        entity: 'location-tax-rules',
        entityId: locationId,
        detail: { before: before.tax_rules, after: rules },
      })
      return this.#view(after)
    })
  }
}
