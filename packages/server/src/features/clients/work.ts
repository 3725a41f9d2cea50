import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { AuditRepository } from '../audit/repository.ts'
import { LocationRepository } from '../locations/repository.ts'
import { ClientRepository } from './repository.ts'

export const clientRepositories = (db: Kysely<Database>) => ({
  audit: new AuditRepository(db),
  clients: new ClientRepository(db),
  locations: new LocationRepository(db),
})

export type ClientRepositories = ReturnType<typeof clientRepositories>
export type ClientWork = UnitOfWork<ClientRepositories>
