import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { AuditRepository } from '../audit/repository.ts'
import { LocationRepository } from './repository.ts'

export const locationRepositories = (db: Kysely<Database>) => ({
  audit: new AuditRepository(db),
  locations: new LocationRepository(db),
})

export type LocationWork = UnitOfWork<ReturnType<typeof locationRepositories>>
