import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { AuditRepository } from '../audit/repository.ts'
import { ClientRepository } from '../clients/repository.ts'
import { ConsentRepository } from './repository.ts'

export const consentRepositories = (db: Kysely<Database>) => ({
  audit: new AuditRepository(db),
  clients: new ClientRepository(db),
  consents: new ConsentRepository(db),
})

export type ConsentRepositories = ReturnType<typeof consentRepositories>
export type ConsentWork = UnitOfWork<ConsentRepositories>
