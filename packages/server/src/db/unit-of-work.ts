// Services do their work through repositories bound to one transaction, so a write and its audit row commit or
// roll back together. Each feature names the repositories it needs (a factory over a connection) and the composition
// root (app.ts) binds that factory to the database with `unitOfWork`: this module knows no feature.
import type { Kysely, Transaction } from 'kysely'
import type { Database } from './database.ts'

/** Builds a feature's repositories over a connection: the database, or one transaction of it. */
export type RepositoryFactory<R> = (db: Kysely<Database>) => R

/** Every service takes its unit of work this way: `run` for work in one transaction, `read` for plain reads. */
export interface UnitOfWork<R> {
  /**
   * Runs `work` in one transaction with the repositories bound to it. When PostgreSQL ends the transaction as a
   * deadlock victim (40P01), the work runs again, up to three times in all: booking locks keep overlapping writes
   * from deadlocking, but a row lock taken before them can still meet another writer in the opposite order.
   */
  run<T>(work: (repos: R, trx: Transaction<Database>) => Promise<T>): Promise<T>
  /** The repositories on the plain connection, for a read that is one statement (with its audit row, if any). */
  readonly read: R
}

const MAX_ATTEMPTS = 3

export function unitOfWork<R>(db: Kysely<Database>, repositories: RepositoryFactory<R>): UnitOfWork<R> {
  return {
    async run(work) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().execute((trx) => work(repositories(trx), trx))
        } catch (error) {
          if (attempt >= MAX_ATTEMPTS || (error as { code?: unknown })?.code !== '40P01') throw error
        }
      }
    },
    read: repositories(db),
  }
}
