// Opens the database: embedded PGlite in a data directory this process owns, or PostgreSQL when a URL is given.
// Both are driven through one node-postgres pool, so Kysely and every query are the same code on both (STACK.md).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts'
import type { Database } from './database.ts'

type DatabaseKind = 'pglite' | 'postgres'

export interface OpenDatabase {
  kind: DatabaseKind
  db: Kysely<Database>
  pool: pg.Pool
  close(): Promise<void>
}

const DATE_OID = 1082
const INT8_OID = 20

/** Dates stay 'YYYY-MM-DD' text (a JS Date would shift them by the server's time zone); int8 counts become numbers. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID) return (value: string) => value
    if (oid === INT8_OID) return (value: string) => Number(value)
    return pg.types.getTypeParser(oid, format)
  },
} as pg.CustomTypesConfig

/** Wraps a pool (PGlite's adapter or PostgreSQL) in Kysely. Closing it ends the pool only. */
export function kyselyOver(pool: pg.Pool): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}

/** The directory PGlite keeps its files in, under the Stipple data directory (photos and the secret sit beside it). */
const pgliteDir = (dataDir: string) => join(dataDir, 'pglite')

/** Opens PGlite in `dataDir` after taking the directory's lock; throws DataDirLockedError when another process owns it. */
export async function openPglite(dataDir: string): Promise<OpenDatabase> {
  mkdirSync(dataDir, { recursive: true })
  const lock: DataDirLock = lockDataDir(dataDir)
  try {
    const lite = await PGlite.create(pgliteDir(dataDir), { extensions: { btree_gist } })
    await lite.exec('create extension if not exists btree_gist')
    return wrap('pglite', poolOverPglite(lite), async () => {
      await lite.close()
      lock.release()
    })
  } catch (error) {
    lock.release()
    throw error
  }
}

/** A pool over an open PGlite instance (one connection: PGlite is single-session, so transactions queue). */
export function poolOverPglite(lite: PGlite): pg.Pool {
  return new pg.Pool({ ...createPgConfig(lite), types, max: 1 })
}

/** A pool on a PostgreSQL server, with the same type parsing as the PGlite pool. */
export function postgresPool(connectionString: string, max = 20): pg.Pool {
  return new pg.Pool({ connectionString, types, max })
}

export async function openPostgres(connectionString: string): Promise<OpenDatabase> {
  const pool = postgresPool(connectionString)
  await pool.query('create extension if not exists btree_gist')
  return wrap('postgres', pool, async () => undefined)
}

function wrap(kind: DatabaseKind, pool: pg.Pool, after: () => Promise<void>): OpenDatabase {
  const db = kyselyOver(pool)
  return {
    kind,
    db,
    pool,
    async close() {
      await db.destroy() // ends the pool, if Kysely ever used it
      // a pool only used directly (`migrate`) is not Kysely's to end: left open, its idle client holds the process 10 s
      if (!pool.ending) await pool.end()
      await after()
    },
  }
}
