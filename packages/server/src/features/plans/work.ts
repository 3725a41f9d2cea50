// The repositories a plan's work needs (its design version, its course), bound to one transaction by the unit of work.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { AuditRepository } from '../audit/repository.ts'
import { ClientRepository } from '../clients/repository.ts'
import { DesignRepository } from '../designs/repository.ts'
import { LocationRepository } from '../locations/repository.ts'
import { PlanningRepository } from '../reminders/repository.ts'
import { PlanRepository } from './repository.ts'

export const planRepositories = (db: Kysely<Database>) => ({
  audit: new AuditRepository(db),
  clients: new ClientRepository(db),
  designs: new DesignRepository(db),
  locations: new LocationRepository(db),
  plans: new PlanRepository(db),
  /** The client's course facts that aftercare depends on (the reminders' own reading of them). */
  planning: new PlanningRepository(db),
})
export type PlanRepositories = ReturnType<typeof planRepositories>
export type PlanWork = UnitOfWork<PlanRepositories>
