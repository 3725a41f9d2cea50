import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { AuditRepository } from '../audit/repository.ts'
import { ClientRepository } from '../clients/repository.ts'
import { PrivacyRepository } from './repository.ts'

export const privacyRepositories = (db: Kysely<Database>) => ({
  audit: new AuditRepository(db),
  clients: new ClientRepository(db),
  privacy: new PrivacyRepository(db),
})

export type PrivacyWork = UnitOfWork<ReturnType<typeof privacyRepositories>>
