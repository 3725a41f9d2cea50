// Integration tests run against PGlite always and PostgreSQL when reachable; each test file gets its own throwaway database.
import { rmSync } from 'node:fs'
import type { PGlite } from '@electric-sql/pglite'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import pg from 'pg'
import { afterAll, beforeAll, describe, inject } from 'vitest'
// the inject() keys are declared beside the global setup that provides them
import type {} from './global-setup.ts'
import { openPgliteCopy } from './pglite-template.ts'
import { withDatabase } from './postgres-probe.ts'

export type DatabaseKind = 'pglite' | 'postgres'

export interface TestDatabase {
  kind: DatabaseKind
  /** A node-postgres pool: the same client code drives PGlite (through its pg adapter) and PostgreSQL. */
  pool: pg.Pool
  /** Connection string of the throwaway PostgreSQL database; null on PGlite. */
  connectionString: string | null
  /** The PGlite instance; null on PostgreSQL. */
  pglite: PGlite | null
  close(): Promise<void>
}

/** The database kinds this run covers: PGlite always, PostgreSQL when the global setup reached it. */
export function databaseKinds(): DatabaseKind[] {
  return inject('postgresUrl') === null ? ['pglite'] : ['pglite', 'postgres']
}

let counter = 0

/** Opens a fresh database of the given kind: a copy of the PGlite template, or a new PostgreSQL database. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const { db, dir } = await openPgliteCopy(inject('pgliteTemplate'))
    const pool = new pg.Pool(createPgConfig(db))
    return {
      kind,
      pool,
      connectionString: null,
      pglite: db,
      async close() {
        await pool.end()
        await db.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const admin = inject('postgresUrl')
  if (admin === null) throw new Error('PostgreSQL is not reachable in this run')
  const name = `stipple_test_${process.pid}_${Date.now().toString(36)}_${counter++}`
  const adminClient = new pg.Client({ connectionString: admin })
  await adminClient.connect()
  try {
    await adminClient.query(`create database ${name}`)
  } finally {
    await adminClient.end()
  }
  const connectionString = withDatabase(admin, name)
  const pool = new pg.Pool({ connectionString, max: 10 })
  await pool.query('create extension if not exists btree_gist')
  return {
    kind,
    pool,
    connectionString,
    pglite: null,
    async close() {
      await pool.end()
      const c = new pg.Client({ connectionString: admin })
      await c.connect()
      try {
        // pools the test ended may still be closing their connections (pool.end() resolves before each socket has
        // closed): a forced drop would end those sessions under them, and a client that is ending reports the
        // server's "terminating connection" as an unhandled error. So wait for them to go, up to 5 s, then drop.
        for (let waited = 0; waited < 5000; waited += 20) {
          const { rows } = await c.query<{ n: number }>(
            'select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
            [name]
          )
          if ((rows[0]?.n ?? 0) === 0) break
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
        await c.query(`drop database if exists ${name} with (force)`)
      } finally {
        await c.end()
      }
    },
  }
}

/**
 * Declares `body` once per database kind of this run, each with its own database opened before and dropped after.
 * @example
 * describeEachDatabase('bookings', (db) => { it('inserts', async () => { await db().pool.query('select 1') }) })
 */
export function describeEachDatabase(name: string, body: (db: () => TestDatabase, kind: DatabaseKind) => void): void {
  for (const kind of databaseKinds()) {
    describe(`${name} [${kind}]`, () => {
      let current: TestDatabase | undefined
      beforeAll(async () => {
        current = await openTestDatabase(kind)
      }, 60_000)
      afterAll(async () => {
        await current?.close()
      }, 60_000)
      body(() => {
        if (current === undefined) throw new Error(`the ${kind} test database is not open yet`)
        return current
      }, kind)
    })
  }
}
