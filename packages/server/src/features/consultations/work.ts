// The repositories of a consultation, bound to one transaction by the unit of work (app.ts), so a consultation's
// design, plan, quote and audit rows commit or roll back together.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { AuditRepository } from '../audit/repository.ts'
import { ClientRepository } from '../clients/repository.ts'
import { DesignRepository } from '../designs/repository.ts'
import { LocationRepository } from '../locations/repository.ts'
import { PlanRepository } from '../plans/repository.ts'
import { ConsultationRepository } from './repository.ts'

export const consultationRepositories = (db: Kysely<Database>) => ({
  audit: new AuditRepository(db),
  clients: new ClientRepository(db),
  consultations: new ConsultationRepository(db),
  designs: new DesignRepository(db),
  locations: new LocationRepository(db),
  plans: new PlanRepository(db),
})
export type ConsultationWork = UnitOfWork<ReturnType<typeof consultationRepositories>>
