// The repositories a session record's work needs, bound to one transaction by the unit of work (app.ts).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { AuditRepository } from '../audit/repository.ts'
import { ClientRepository } from '../clients/repository.ts'
import { LocationRepository } from '../locations/repository.ts'
import { SessionRecordRepository } from './repository.ts'

export const sessionRecordRepositories = (db: Kysely<Database>) => ({
  audit: new AuditRepository(db),
  clients: new ClientRepository(db),
  locations: new LocationRepository(db),
  sessions: new SessionRecordRepository(db),
})
export type SessionRecordWork = UnitOfWork<ReturnType<typeof sessionRecordRepositories>>
