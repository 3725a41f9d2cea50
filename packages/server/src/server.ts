// Starts the whole server: open (and lock) the database, migrate, create the demo clinic on first start, listen.
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createApp } from './app.ts'
import { createAuth } from './auth/auth.ts'
import { migrate } from './db/migrate.ts'
import { type OpenDatabase, openPglite, openPostgres } from './db/open.ts'
import { type DemoSignIn, demoSignIns, seedDemoIfEmpty } from './demo/seed.ts'
import { FilesystemPhotoStore } from './features/photos/store.ts'
import { startOutbox } from './features/reminders/worker.ts'
import type { LogDestination } from './http/logging.ts'

export interface ServerOptions {
  /** The data directory: PGlite's files, the session secret and the photos (`photos/ab/cdef…`). */
  dataDir: string
  /** When set, PostgreSQL instead of the embedded database. */
  databaseUrl?: string | undefined
  port: number
  host: string
  /** The built web app to serve at `/` (packages/web/dist); null: the API only. */
  webDist?: string | null
  /** Where the server's JSON log lines go (`stipple serve`: stdout); absent: no log. */
  logger?: LogDestination
  /** The server's clock (`stipple serve --clock`); absent: the machine's. */
  now?: () => Date
}

export interface RunningServer {
  url: string
  database: OpenDatabase
  demo: { created: boolean; signIns: DemoSignIn[] | null }
  close(): Promise<void>
}

/** The secret that signs sessions: STIPPLE_SECRET, else one generated into the data directory on first start. */
function loadSecret(dataDir: string): string {
  const fromEnv = process.env.STIPPLE_SECRET
  if (fromEnv !== undefined && fromEnv.length >= 32) return fromEnv
  const file = join(dataDir, 'secret')
  try {
    return readFileSync(file, 'utf8').trim()
  } catch {
    const secret = randomBytes(32).toString('base64url')
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' })
    return secret
  }
}

/** Resolves once `url` answers 200 (a few tries: the socket is listening already). */
async function answers(url: string): Promise<void> {
  let last: unknown = null
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const response = await fetch(url)
      await response.arrayBuffer()
      if (response.ok) return
      last = new Error(`${url} answered ${response.status}`)
    } catch (error) {
      last = error
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`the server listens but does not answer ${url}`, { cause: last })
}

export async function openDatabase(dataDir: string, databaseUrl: string | undefined): Promise<OpenDatabase> {
  mkdirSync(dataDir, { recursive: true })
  return databaseUrl === undefined ? openPglite(dataDir) : openPostgres(databaseUrl)
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const dataDir = resolve(options.dataDir)
  const database = await openDatabase(dataDir, options.databaseUrl)
  try {
    await migrate(database.pool)
    const url = `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${options.port}`
    const origins = [url, `http://localhost:${options.port}`, `http://127.0.0.1:${options.port}`]
    const auth = createAuth(database.db, { secret: loadSecret(dataDir), baseURL: url })
    const now = options.now ?? (() => new Date())
    const created = await seedDemoIfEmpty(database.db, auth, now())
    const { app } = await createApp({
      db: database.db,
      auth,
      trustedOrigins: [...new Set(origins)],
      databaseKind: database.kind,
      photoStore: new FilesystemPhotoStore(join(dataDir, 'photos')),
      webDist: options.webDist ?? null,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      mailConfigured: (process.env.SMTP_URL ?? '') !== '',
      now,
    })
    // reminders: planned and sent now, then every 30 s; without SMTP_URL they wait in the outbox, visible to staff.
    // The first pass runs before the server listens: after the demo clinic is created it plans every reminder of
    // twenty clients, and done after "ready" it would slow the first requests down.
    const outbox = await startOutbox(database.db, {
      publicUrl: url,
      smtpUrl: process.env.SMTP_URL,
      from: process.env.MAIL_FROM,
      log: (line) => app.log.warn(line),
      now,
    })
    try {
      await app.listen({ port: options.port, host: options.host })
      // "ready" means answering: one real request through the socket (and the route's code warm) before we say so
      await answers(`http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${options.port}/api/v1/health`)
    } catch (error) {
      await outbox.stop()
      await app.close()
      throw error
    }
    return {
      url,
      database,
      demo: { created, signIns: await demoSignIns(database.db) },
      async close() {
        await outbox.stop()
        await app.close()
        await database.close()
      },
    }
  } catch (error) {
    await database.close()
    throw error
  }
}
