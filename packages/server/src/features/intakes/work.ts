// The repositories an intake's work needs, bound to one transaction by the unit of work (app.ts).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { AuditRepository } from '../audit/repository.ts'
import { ClientRepository } from '../clients/repository.ts'
import { LocationRepository } from '../locations/repository.ts'
import { IntakeRepository } from './repository.ts'

export const intakeRepositories = (db: Kysely<Database>) => ({
  audit: new AuditRepository(db),
  clients: new ClientRepository(db),
  intakes: new IntakeRepository(db),
  /** The locations' zones a screening's day is read in. */
  locations: new LocationRepository(db),
})
export type IntakeWork = UnitOfWork<ReturnType<typeof intakeRepositories>>
