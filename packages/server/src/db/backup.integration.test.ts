// Backup and restore: a backup taken on PGlite restores into PostgreSQL and back with every row equal; a corrupt or
// truncated file, a newer schema and a non-empty database are refused with nothing written.
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { type DatabaseKind, databaseKinds, openTestDatabase, type TestDatabase } from '@stipple/testkit'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FilesystemPhotoStore } from '../features/photos/store.ts'
import {
  as,
  createTestClinic,
  openTestServer,
  readyForSessions,
  type TestServer,
  validSession,
} from '../test/harness.ts'
import { BackupError, backupDatabase, restoreDatabase, tablesInDependencyOrder } from './backup.ts'
import { loadMigrations } from './migrate.ts'
import { poolOverPglite, postgresPool } from './open.ts'

const poolOver = (t: TestDatabase) =>
  t.pglite !== null ? poolOverPglite(t.pglite) : postgresPool(t.connectionString ?? '', 2)

/** Every table's rows as PostgreSQL's JSON, in UTC, sorted: equal dumps mean equal databases. */
async function dump(pool: pg.Pool): Promise<Record<string, string[]>> {
  const client = await pool.connect()
  try {
    await client.query('begin')
    await client.query("set local time zone 'UTC'")
    const out: Record<string, string[]> = {}
    for (const table of await tablesInDependencyOrder(client)) {
      const { rows } = await client.query<{ r: unknown }>(`select to_jsonb(t) as r from "${table}" t`)
      out[table] = rows.map((r) => JSON.stringify(r.r)).sort()
    }
    await client.query('commit')
    return out
  } finally {
    client.release()
  }
}

const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64'
)
const PHOTO_HASH = createHash('sha256').update(PHOTO).digest('hex')

const rowCount = (d: Record<string, string[]>) => Object.values(d).reduce((n, rows) => n + rows.length, 0)

describe('backup and restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stipple-backup-'))
  const opened: TestDatabase[] = []
  const pools: pg.Pool[] = []
  let server: TestServer
  let source: Record<string, string[]>
  const file = join(dir, 'clinic.stipple-backup.gz')

  const fresh = async (kind: DatabaseKind) => {
    const t = await openTestDatabase(kind)
    opened.push(t)
    const pool = poolOver(t)
    pools.push(pool)
    return pool
  }

  beforeAll(async () => {
    const t = await openTestDatabase('pglite')
    opened.push(t)
    server = await openTestServer(t)
    const clinic = await createTestClinic(server, 'Backup Clinic')
    const owner = as(server, clinic.users.owner)
    const base = `/api/v1/clinics/${clinic.clinicId}`
    const client = (
      await owner('POST', `${base}/clients`, {
        givenName: 'Zoë',
        familyName: "O'Brien",
        email: 'zoe@example.com',
        dateOfBirth: '1985-02-03',
        consents: { careEmail: true, careSms: false, marketingEmail: false, marketingSms: false },
      })
    ).json().id
    await readyForSessions(server, clinic, client)
    const session = await as(server, clinic.users.practitioner)(
      'POST',
      `${base}/clients/${client}/sessions`,
      validSession(clinic, {
        adverseEvents: [
          { kind: 'other', severity: 'mild', description: 'Redness — «mild»', notedAt: '2026-11-21T09:30:00.123456Z' },
        ],
      })
    )
    expect(session.statusCode, session.body).toBe(201)
    // an immutable signed consent and the audit log come back too
    const template = await server.pool.query<{ id: string }>(
      "insert into consent_templates (clinic_id, kind, version, title, body) values ($1, 'treatment', 2, 'T', 'I agree') returning id",
      [clinic.clinicId]
    )
    await server.pool.query(
      `insert into signed_consents (clinic_id, client_id, template_id, text_signed, text_sha256, signer_name)
       values ($1, $2, $3, 'I agree', repeat('a', 64), 'Zoë O''Brien')`,
      [clinic.clinicId, client, template.rows[0]?.id]
    )
    // a photo: its row in the database, its bytes in the photo store
    await server.photoStore.put(PHOTO_HASH, PHOTO)
    await server.pool.query(
      `insert into photos (clinic_id, client_id, angle, taken_on, consent_scope, content_sha256, mime_type, width,
         height, byte_size) values ($1, $2, 'top', '2026-11-20', 'clinical', $3, 'image/png', 1, 1, $4)`,
      [clinic.clinicId, client, PHOTO_HASH, PHOTO.length]
    )
    await owner('GET', `${base}/clients/${client}`)
    source = await dump(server.pool)
    expect(source.audit_log?.length).toBeGreaterThan(2)
    // the treatment consent the session needed, and the one added here
    expect(source.signed_consents?.length).toBe(2)
    const done = await backupDatabase(server.pool, file, 'pglite', server.photoStore)
    expect(done).toEqual({ tables: Object.keys(source).length, rows: rowCount(source), files: 1 })
  })
  afterAll(async () => {
    await server?.close()
    for (const p of pools) await p.end()
    for (const t of opened) await t.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('writes a versioned, gzip-compressed JSON-lines document with the migrations and an end line', () => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n')
    const header = JSON.parse(lines[0] ?? '{}')
    expect(header).toMatchObject({ format: 'stipple.backup/v1', source: 'pglite' })
    expect(header.migrations.map((m: { version: string }) => m.version)).toEqual(loadMigrations().map((m) => m.version))
    const tables = lines
      .map((l) => JSON.parse(l))
      .filter((v) => typeof v.table === 'string')
      .map((v) => v.table)
    // parents before children
    expect(tables.indexOf('clinics')).toBeLessThan(tables.indexOf('clients'))
    expect(tables.indexOf('clients')).toBeLessThan(tables.indexOf('session_records'))
    expect(tables.indexOf('session_records')).toBeLessThan(tables.indexOf('session_pigments'))
    expect(tables).not.toContain('schema_migrations')
    expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({ end: true })
  })

  it('restores into PGlite with every row equal and the photo files, and the restored database keeps working', async () => {
    const pool = await fresh('pglite')
    const store = new FilesystemPhotoStore(join(dir, 'restored-photos'))
    const done = await restoreDatabase(pool, file, store)
    expect(done.rows).toBe(rowCount(source))
    expect((await store.get(PHOTO_HASH))?.equals(PHOTO)).toBe(true)
    expect(await dump(pool)).toEqual(source)
    // the audit log's sequence moved past the restored ids; its triggers still hold
    await pool.query("insert into audit_log (clinic_id, action, entity) select id, 'read', 'x' from clinics")
    await expect(pool.query('delete from audit_log')).rejects.toThrow(/append-only/)
    await expect(pool.query("update signed_consents set signer_name = 'x'")).rejects.toThrow(/append-only/)
  })

  it.runIf(databaseKinds().includes('postgres'))('round-trips PGlite → PostgreSQL → PGlite', async () => {
    const pg1 = await fresh('postgres')
    await restoreDatabase(pg1, file)
    expect(await dump(pg1)).toEqual(source)
    const second = join(dir, 'from-postgres.gz')
    await backupDatabase(pg1, second, 'postgres')
    const lite = await fresh('pglite')
    await restoreDatabase(lite, second)
    expect(await dump(lite)).toEqual(source)
  })

  it('refuses a non-empty database, and leaves it as it was', async () => {
    await expect(restoreDatabase(server.pool, file)).rejects.toThrow(/the database is not empty/)
    expect(await dump(server.pool)).toEqual(source)
  })

  it('refuses truncated, corrupt and foreign files with a clear message and writes nothing', async () => {
    const bytes = readFileSync(file)
    const text = gunzipSync(bytes).toString('utf8')
    const lines = text.trim().split('\n')
    const cases: [string, Buffer | string, RegExp][] = [
      ['cut.gz', bytes.subarray(0, Math.floor(bytes.length * 0.6)), /corrupt|truncated/],
      ['no-end.gz', gzipSync(`${lines.slice(0, -1).join('\n')}\n`), /truncated \(no end line\)/],
      [
        'rows-lost.gz',
        gzipSync(`${lines.filter((_, i) => i !== lines.findIndex((l) => l.startsWith('{"row"'))).join('\n')}\n`),
        /refused the rows of locations.*foreign key|should have \d+ rows/,
      ],
      ['garbled.gz', gzipSync(`${lines[0]}\n{"row": {oops\n`), /line 2 is not valid backup JSON/],
      ['plain.json', text, /corrupt or not gzip/],
      ['other.gz', gzipSync('{"hello":"world"}\n'), /not a Stipple backup/],
      ['empty.gz', gzipSync(''), /the file is empty/],
      [
        'newer.gz',
        gzipSync(text.replace('"migrations":[', '"migrations":[{"version":"9999","name":"future","checksum":"x"},')),
        /newer database schema \(migration 9999-future\).*Upgrade Stipple/,
      ],
      [
        'bad-photo.gz',
        gzipSync(text.replace(PHOTO.toString('base64'), Buffer.from('other').toString('base64'))),
        /does not match its hash/,
      ],
      [
        'bad-value.gz',
        gzipSync(text.replace('"given_name":"Zoë"', '"given_name":null')),
        /refused the rows of clients.*given_name/,
      ],
    ]
    for (const [name, content, message] of cases) {
      const path = join(dir, name)
      writeFileSync(path, content)
      const pool = await fresh('pglite')
      const store = new FilesystemPhotoStore(join(dir, `photos-${name}`))
      const error = await restoreDatabase(pool, path, store).catch((e: unknown) => e)
      expect(error, name).toBeInstanceOf(Error)
      expect(String((error as Error).message), name).toMatch(message)
      expect(error, name).toBeInstanceOf(BackupError)
      const left = await dump(pool)
      expect(rowCount(left), `${name} left rows behind`).toBe(0)
      expect(await store.has(PHOTO_HASH), `${name} left a photo file behind`).toBe(false)
    }
    await expect(restoreDatabase(await fresh('pglite'), join(dir, 'missing.gz'))).rejects.toThrow(/no such file/)
  })
})
