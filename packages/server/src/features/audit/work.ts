import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { AuditRepository } from './repository.ts'

export const auditRepositories = (db: Kysely<Database>) => ({ audit: new AuditRepository(db) })

export type AuditWork = UnitOfWork<ReturnType<typeof auditRepositories>>
