import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { LinkSecretRepository } from '../../links/link-secret.repository.ts'
import { AuditRepository } from '../audit/repository.ts'
import { ClientRepository } from '../clients/repository.ts'
import { LocationRepository } from '../locations/repository.ts'
import { OutboxRepository } from './outbox.repository.ts'
import { PlanningRepository } from './repository.ts'

export const reminderRepositories = (db: Kysely<Database>) => ({
  audit: new AuditRepository(db),
  clients: new ClientRepository(db),
  locations: new LocationRepository(db),
  outbox: new OutboxRepository(db),
  planning: new PlanningRepository(db),
  /** The installation's link key, shared by booking and unsubscribe links. */
  links: new LinkSecretRepository(db),
})

export type ReminderRepositories = ReturnType<typeof reminderRepositories>
export type ReminderWork = UnitOfWork<ReminderRepositories>
