// Services do their work through repositories bound to one transaction, so a write and its audit row commit or
// roll back together.
import type { Kysely } from 'kysely'
import { MembershipRepository } from '../features/access/repository.ts'
import { AuditRepository } from '../features/audit/repository.ts'
import { ClientRepository } from '../features/clients/repository.ts'
import { IntakeRepository } from '../features/intakes/repository.ts'
import { PhotoRepository } from '../features/photos/repository.ts'
import { SessionRecordRepository } from '../features/session-records/repository.ts'
import type { Database } from './database.ts'

export interface Repositories {
  audit: AuditRepository
  clients: ClientRepository
  intakes: IntakeRepository
  memberships: MembershipRepository
  photos: PhotoRepository
  sessions: SessionRecordRepository
}

export type RunInTransaction = <T>(work: (repos: Repositories) => Promise<T>) => Promise<T>

export function repositoriesOver(db: Kysely<Database>): Repositories {
  return {
    audit: new AuditRepository(db),
    clients: new ClientRepository(db),
    intakes: new IntakeRepository(db),
    memberships: new MembershipRepository(db),
    photos: new PhotoRepository(db),
    sessions: new SessionRecordRepository(db),
  }
}

export function transactionRunner(db: Kysely<Database>): RunInTransaction {
  return (work) => db.transaction().execute((trx) => work(repositoriesOver(trx)))
}
