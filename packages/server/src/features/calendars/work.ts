import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { AuditRepository } from '../audit/repository.ts'
import { ClientRepository } from '../clients/repository.ts'
import { LocationRepository } from '../locations/repository.ts'
import { CalendarRepository } from './repository.ts'

export const calendarRepositories = (db: Kysely<Database>) => ({
  audit: new AuditRepository(db),
  clients: new ClientRepository(db),
  feeds: new CalendarRepository(db),
  locations: new LocationRepository(db),
})

export type CalendarRepositories = ReturnType<typeof calendarRepositories>
export type CalendarWork = UnitOfWork<CalendarRepositories>
