// The repositories a design's work needs, bound to one transaction by the unit of work (app.ts).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { AuditRepository } from '../audit/repository.ts'
import { ClientRepository } from '../clients/repository.ts'
import { DesignRepository } from './repository.ts'

export const designRepositories = (db: Kysely<Database>) => ({
  audit: new AuditRepository(db),
  clients: new ClientRepository(db),
  designs: new DesignRepository(db),
})
export type DesignRepositories = ReturnType<typeof designRepositories>
export type DesignWork = UnitOfWork<DesignRepositories>
