// `stipple db backup FILE` / `restore FILE`: a portable backup that round-trips between PGlite and PostgreSQL.
//
// The file is gzip-compressed JSON lines (stipple.backup/v1):
//   {"format":"stipple.backup/v1","createdAt":…,"source":"pglite","migrations":[{version,name,checksum}…]}
//   {"table":"clinics","columns":["id",…]}             then one {"row":{…}} per row (the row's to_jsonb)
//   …every table, parents before children (foreign keys), schema_migrations left out…
//   {"file":"<sha256>","base64":"…"}                    each photo and signature image the rows refer to
//   {"end":true,"rows":{"clinics":1,…},"files":N}
// Values are PostgreSQL's own JSON of each row, so every column type (uuid, timestamptz to the microsecond, date,
// jsonb, bigint) comes back exactly through jsonb_populate_recordset, whichever of the two databases reads it.
// Restore goes into an empty database (migrated here first), inside one transaction: a truncated or corrupt file, a
// backup from a newer schema or a non-empty database is refused and nothing is written. The append-only triggers
// only refuse UPDATE/DELETE/TRUNCATE, so inserting the rows of signed consents and the audit log is allowed.
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import type pg from 'pg'
import type { PhotoStore } from '../features/photos/store.ts'
import { loadMigrations, type Migration, migrate } from './migrate.ts'

const BACKUP_FORMAT = 'stipple.backup/v1'
const BATCH_ROWS = 500

/** A backup that cannot be restored here, or a database that cannot take it: the user can fix it (exit 2). */
export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}

interface Header {
  format: string
  createdAt: string
  source: string
  migrations: { version: string; name: string; checksum: string }[]
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`

/** The tables of the current schema (but schema_migrations), parents before children by their foreign keys. */
export async function tablesInDependencyOrder(client: pg.PoolClient | pg.Pool): Promise<string[]> {
  const tables = (
    await client.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = current_schema() and c.relkind = 'r' and c.relname <> 'schema_migrations' order by 1`
    )
  ).rows.map((r) => r.name)
  const edges = (
    await client.query<{ child: string; parent: string }>(
      `select ch.relname as child, pa.relname as parent from pg_constraint k
       join pg_class ch on ch.oid = k.conrelid join pg_class pa on pa.oid = k.confrelid
       join pg_namespace n on n.oid = ch.relnamespace
       where k.contype = 'f' and n.nspname = current_schema()`
    )
  ).rows
  const ordered: string[] = []
  const done = new Set<string>()
  const visiting = new Set<string>()
  const visit = (table: string) => {
    if (done.has(table)) return
    if (visiting.has(table)) throw new Error(`foreign keys form a cycle through ${table}`)
    visiting.add(table)
    for (const e of edges) if (e.child === table && e.parent !== table && tables.includes(e.parent)) visit(e.parent)
    visiting.delete(table)
    done.add(table)
    ordered.push(table)
  }
  for (const t of tables) visit(t)
  return ordered
}

async function appliedMigrations(client: pg.PoolClient): Promise<Header['migrations']> {
  return (
    await client.query<{ version: string; name: string; checksum: string }>(
      'select version, name, checksum from schema_migrations order by version'
    )
  ).rows
}

async function columnsOf(client: pg.PoolClient, table: string): Promise<string[]> {
  return (
    await client.query<{ name: string }>(
      `select attname as name from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped
       order by attnum`,
      [quote(table)]
    )
  ).rows.map((r) => r.name)
}

/** Writes a backup of the whole database to `file` (through `file.partial`, renamed when complete). */
export async function backupDatabase(
  pool: pg.Pool,
  file: string,
  source: string,
  files: Pick<PhotoStore, 'get'> | null = null
): Promise<{ tables: number; rows: number; files: number }> {
  const partial = `${file}.partial`
  const client = await pool.connect()
  const gzip = createGzip()
  const written = pipeline(gzip, createWriteStream(partial, { mode: 0o600 }))
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain')
  }
  let total = 0
  let tableCount = 0
  try {
    // one consistent snapshot; times in UTC so the same database always writes the same file
    await client.query('begin isolation level repeatable read read only')
    await client.query("set local time zone 'UTC'")
    const header: Header = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      source,
      migrations: await appliedMigrations(client),
    }
    await write(header)
    const counts: Record<string, number> = {}
    for (const table of await tablesInDependencyOrder(client)) {
      const columns = await columnsOf(client, table)
      await write({ table, columns })
      const { rows } = await client.query<{ r: Record<string, unknown> }>(
        `select to_jsonb(t) as r from ${quote(table)} t order by 1`
      )
      for (const r of rows) await write({ row: r.r })
      counts[table] = rows.length
      total += rows.length
      tableCount++
    }
    let fileCount = 0
    if (files !== null) {
      const { rows } = await client.query<{ h: string }>(
        `select content_sha256 as h from photos union select thumbnail_sha256 from photos
         union select signature_sha256 from signed_consents order by 1`
      )
      for (const { h } of rows) {
        if (h === null) continue
        const bytes = await files.get(h)
        if (bytes === null) throw new Error(`the photo store has no file ${h}, which the database refers to`)
        await write({ file: h, base64: bytes.toString('base64') })
        fileCount++
      }
    }
    await write({ end: true, rows: counts, files: fileCount })
    await client.query('commit')
    gzip.end()
    await written
    renameSync(partial, file)
    return { tables: tableCount, rows: total, files: fileCount }
  } catch (error) {
    await client.query('rollback').catch(() => undefined)
    gzip.destroy()
    await written.catch(() => undefined)
    rmSync(partial, { force: true })
    throw error
  } finally {
    client.release()
  }
}

function parseLine(line: string, lineNo: number, file: string): Record<string, unknown> {
  try {
    const value = JSON.parse(line) as unknown
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object')
    return value as Record<string, unknown>
  } catch {
    throw new BackupError(`${file}: line ${lineNo} is not valid backup JSON; the file is corrupt`)
  }
}

/** Refuses a backup whose schema this program does not know (newer, or from another line of migrations). */
function checkSchema(header: Header, known: readonly Migration[], file: string): void {
  const byVersion = new Map(known.map((m) => [m.version, m]))
  const latestKnown = known.at(-1)?.version ?? 'none'
  for (const m of header.migrations) {
    const ours = byVersion.get(m.version)
    if (ours === undefined) {
      throw new BackupError(
        `${file}: the backup is from a newer database schema (migration ${m.version}-${m.name}); this Stipple knows ` +
          `migrations up to ${latestKnown}. Upgrade Stipple, then restore.`
      )
    }
    if (ours.checksum !== m.checksum) {
      throw new BackupError(
        `${file}: the backup's migration ${m.version}-${m.name} differs from this Stipple's; it comes from another build`
      )
    }
  }
}

async function assertEmpty(client: pg.PoolClient, tables: readonly string[]): Promise<void> {
  const busy: string[] = []
  for (const t of tables) {
    const { rows } = await client.query(`select 1 from ${quote(t)} limit 1`)
    if (rows.length > 0) busy.push(t)
  }
  if (busy.length > 0) {
    throw new BackupError(
      `the database is not empty (rows in ${busy.join(', ')}); restore only into a new database ` +
        '(a new --data directory, or an empty PostgreSQL database)'
    )
  }
}

/** Moves every serial sequence past the largest restored id (the audit log's bigserial). */
async function resetSequences(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
     where table_schema = current_schema() and column_default like 'nextval(%'`
  )
  for (const r of rows) {
    await client.query(
      `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${quote(r.column_name)}) from ${quote(
        r.table_name
      )}), 0) + 1, false)`,
      [quote(r.table_name), r.column_name]
    )
  }
}

/**
 * Restores `file` into this database: migrates it, checks it is empty, inserts every row in one transaction.
 * Throws BackupError (nothing written) for a corrupt or truncated file, a newer schema or a non-empty database.
 */
export async function restoreDatabase(
  pool: pg.Pool,
  file: string,
  files: Pick<PhotoStore, 'put' | 'delete'> | null = null,
  migrations: readonly Migration[] = loadMigrations()
): Promise<{ tables: number; rows: number; files: number }> {
  if (!existsSync(file)) throw new BackupError(`${file}: no such file`)
  await migrate(pool, migrations)
  const client = await pool.connect()
  let lines: ReturnType<typeof createInterface> | null = null
  let lineNo = 0
  let header: Header | null = null
  let table: string | null = null
  let columns: string[] = []
  let batch: unknown[] = []
  let ended: Record<string, number> | null = null
  const counts: Record<string, number> = {}
  /** Files this restore added to the store: removed again when the restore fails. */
  const added: string[] = []
  let fileCount = 0
  const flush = async () => {
    if (table === null || batch.length === 0) return
    const list = columns.map(quote).join(', ')
    try {
      await client.query(
        `insert into ${quote(table)} (${list}) select ${list} from jsonb_populate_recordset(null::${quote(table)}, $1::jsonb)`,
        [JSON.stringify(batch)]
      )
    } catch (error) {
      throw new BackupError(
        `${file}: the database refused the rows of ${table} before line ${lineNo}: ${(error as Error).message}`
      )
    }
    batch = []
  }
  try {
    await client.query('begin')
    const tables = await tablesInDependencyOrder(client)
    try {
      // opened right before the loop: readline's iterator misses lines that were read before it was taken
      const input = createReadStream(file)
      const gunzip = createGunzip()
      input.on('error', (error) => gunzip.destroy(error))
      lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Number.POSITIVE_INFINITY })
      for await (const line of lines) {
        lineNo++
        if (line === '') continue
        if (ended !== null) throw new BackupError(`${file}: line ${lineNo} follows the end of the backup`)
        const value = parseLine(line, lineNo, file)
        if (header === null) {
          if (value.format !== BACKUP_FORMAT || !Array.isArray(value.migrations)) {
            throw new BackupError(`${file}: not a Stipple backup (expected the format ${BACKUP_FORMAT})`)
          }
          header = value as unknown as Header
          checkSchema(header, migrations, file)
          await assertEmpty(client, tables)
          continue
        }
        if (typeof value.table === 'string') {
          await flush()
          if (!tables.includes(value.table))
            throw new BackupError(`${file}: line ${lineNo}: unknown table ${value.table}`)
          const have = new Set(await columnsOf(client, value.table))
          const given = Array.isArray(value.columns) ? value.columns.map(String) : []
          const missing = given.filter((c) => !have.has(c))
          if (missing.length > 0) {
            throw new BackupError(`${file}: table ${value.table} has no column ${missing.join(', ')} in this schema`)
          }
          table = value.table
          columns = given
          counts[table] = 0
          continue
        }
        if (value.row !== undefined) {
          if (table === null) throw new BackupError(`${file}: line ${lineNo}: a row before any table`)
          batch.push(value.row)
          counts[table] = (counts[table] ?? 0) + 1
          if (batch.length >= BATCH_ROWS) await flush()
          continue
        }
        if (typeof value.file === 'string' && typeof value.base64 === 'string') {
          await flush()
          const bytes = Buffer.from(value.base64, 'base64')
          if (createHash('sha256').update(bytes).digest('hex') !== value.file) {
            throw new BackupError(
              `${file}: line ${lineNo}: the file ${value.file} does not match its hash; the backup is corrupt`
            )
          }
          fileCount++
          if (files !== null && (await files.put(value.file, bytes))) added.push(value.file)
          continue
        }
        if (value.end === true) {
          await flush()
          ended = (value.rows ?? {}) as Record<string, number>
          if (typeof value.files === 'number' && value.files !== fileCount) {
            throw new BackupError(`${file}: the backup should hold ${value.files} files, it holds ${fileCount}`)
          }
          continue
        }
        throw new BackupError(`${file}: line ${lineNo} is not a header, table, row or end line`)
      }
    } catch (error) {
      if (error instanceof BackupError || (error as { code?: unknown }).code === undefined) throw error
      const code = String((error as { code?: unknown }).code)
      if (code.startsWith('Z_') || code === 'ERR_INVALID_ARG_TYPE') {
        throw new BackupError(`${file}: the file is corrupt or not gzip-compressed (${(error as Error).message})`)
      }
      throw error
    }
    if (header === null) throw new BackupError(`${file}: the file is empty`)
    if (ended === null) throw new BackupError(`${file}: the backup is truncated (no end line); nothing was restored`)
    for (const [t, n] of Object.entries(ended)) {
      if ((counts[t] ?? 0) !== n) {
        throw new BackupError(`${file}: table ${t} should have ${n} rows, the file holds ${counts[t] ?? 0}`)
      }
    }
    await resetSequences(client)
    await client.query('commit')
    return {
      tables: Object.keys(counts).length,
      rows: Object.values(counts).reduce((a, b) => a + b, 0),
      files: fileCount,
    }
  } catch (error) {
    await client.query('rollback').catch(() => undefined)
    for (const hash of added) await files?.delete(hash)
    throw error
  } finally {
    lines?.close()
    client.release()
  }
}
