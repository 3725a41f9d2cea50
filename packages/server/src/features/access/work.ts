import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { AuditRepository } from '../audit/repository.ts'
import { MembershipRepository } from './repository.ts'

export const accessRepositories = (db: Kysely<Database>) => ({
  audit: new AuditRepository(db),
  memberships: new MembershipRepository(db),
})

export type AccessWork = UnitOfWork<ReturnType<typeof accessRepositories>>
