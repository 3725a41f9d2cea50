// The repositories a photo's work needs, bound to one transaction by the unit of work (app.ts).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { AuditRepository } from '../audit/repository.ts'
import { ClientRepository } from '../clients/repository.ts'
import { PhotoRepository } from './repository.ts'

export const photoRepositories = (db: Kysely<Database>) => ({
  audit: new AuditRepository(db),
  clients: new ClientRepository(db),
  photos: new PhotoRepository(db),
})
export type PhotoRepositories = ReturnType<typeof photoRepositories>
export type PhotoWork = UnitOfWork<PhotoRepositories>
