// The repositories a laser-removal course's work needs, bound to one transaction by the unit of work (app.ts).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { AuditRepository } from '../audit/repository.ts'
import { ClientRepository } from '../clients/repository.ts'
import { LaserRemovalRepository } from './repository.ts'

export const laserRemovalRepositories = (db: Kysely<Database>) => ({
  audit: new AuditRepository(db),
  clients: new ClientRepository(db),
  laser: new LaserRemovalRepository(db),
})
export type LaserRemovalRepositories = ReturnType<typeof laserRemovalRepositories>
export type LaserRemovalWork = UnitOfWork<LaserRemovalRepositories>
