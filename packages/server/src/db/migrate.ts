// Versioned SQL migrations: ./migrations/NNNN-name.sql applied in order, each in its own transaction, recorded in
// schema_migrations with a checksum so an edited migration that already ran is caught instead of silently skipped.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type pg from 'pg'

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url))
const FILE_NAME = /^(\d{4})-([a-z0-9-]+)\.sql$/
/** Any constant: serialises migrators on a shared PostgreSQL (pg_advisory_xact_lock). */
const MIGRATION_LOCK_KEY = 727_001

export interface Migration {
  version: string
  name: string
  sql: string
  checksum: string
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const m = FILE_NAME.exec(file)
      if (m === null) throw new Error(`migration file ${file} is not named NNNN-name.sql`)
      const sql = readFileSync(`${dir}/${file}`, 'utf8')
      return {
        version: m[1] ?? '',
        name: m[2] ?? '',
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      }
    })
}

/** Applies the migrations not yet applied and returns their versions; throws if an applied one was edited. */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[] = loadMigrations()): Promise<string[]> {
  const client = await pool.connect()
  const applied: string[] = []
  try {
    await client.query(`create table if not exists schema_migrations (
      version text primary key, name text not null, checksum text not null, applied_at timestamptz not null default now())`)
    for (const migration of migrations) {
      await client.query('begin')
      try {
        await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY])
        const { rows } = await client.query<{ checksum: string }>(
          'select checksum from schema_migrations where version = $1',
          [migration.version]
        )
        const done = rows[0]
        if (done !== undefined) {
          if (done.checksum !== migration.checksum) {
            throw new Error(
              `migration ${migration.version}-${migration.name} was changed after it was applied; add a new migration instead`
            )
          }
          await client.query('commit')
          continue
        }
        await client.query(migration.sql)
        await client.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [
          migration.version,
          migration.name,
          migration.checksum,
        ])
        await client.query('commit')
        applied.push(migration.version)
      } catch (error) {
        await client.query('rollback')
        throw error
      }
    }
  } finally {
    client.release()
  }
  return applied
}
