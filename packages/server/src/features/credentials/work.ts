import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { AuditRepository } from '../audit/repository.ts'
import { CredentialRepository } from './repository.ts'

export const credentialRepositories = (db: Kysely<Database>) => ({
  audit: new AuditRepository(db),
  credentials: new CredentialRepository(db),
})

export type CredentialRepositories = ReturnType<typeof credentialRepositories>
export type CredentialWork = UnitOfWork<CredentialRepositories>
