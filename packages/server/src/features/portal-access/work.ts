// The repositories portal access needs, bound to one transaction by the unit of work (app.ts).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { AuditRepository } from '../audit/repository.ts'
import { PortalAccessRepository } from './repository.ts'

export const portalAccessRepositories = (db: Kysely<Database>) => ({
  audit: new AuditRepository(db),
  portal: new PortalAccessRepository(db),
})
export type PortalAccessWork = UnitOfWork<ReturnType<typeof portalAccessRepositories>>
