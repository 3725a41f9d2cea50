// The server's own command line: `serve [--port P] [--data DIR] [--host H] [--clock INSTANT]`, `migrate [--data DIR]`,
// `backup FILE [--data DIR]` and `restore FILE [--data DIR]`.
// `stipple serve` and `stipple db migrate` run this program (the cli never imports the server).
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { BackupError, backupDatabase, restoreDatabase } from './db/backup.ts'
import { DataDirLockedError } from './db/data-dir-lock.ts'
import { migrate } from './db/migrate.ts'
import { DEMO_PASSWORD } from './demo/seed.ts'
import { FilesystemPhotoStore } from './features/photos/store.ts'
import { openDatabase, startServer } from './server.ts'

const out = (text: string) => process.stdout.write(text)
const err = (text: string) => process.stderr.write(text)

function usageError(message: string): never {
  err(
    `${message}\nusage: stipple serve [--port P] [--data DIR] [--host H] [--clock INSTANT] | stipple db migrate [--data DIR] | ` +
      'stipple db backup FILE [--data DIR] | stipple db restore FILE [--data DIR]\n'
  )
  process.exit(2)
}

/**
 * `--clock 2026-12-08T14:30:00Z`: the server's clock starts at that instant and runs on in real time, for a demo of a
 * given day or a browser test that needs an open clinic day whenever it runs. Within a week of the machine's clock
 * (sign-in cookies expire by the browser's clock).
 */
function clockFrom(text: string): () => Date {
  const start = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)
    ? Date.parse(text)
    : Number.NaN
  if (!Number.isFinite(start)) usageError(`--clock: expected an instant like 2026-12-08T14:30:00Z, got ${text}`)
  const offset = start - Date.now()
  if (Math.abs(offset) > 7 * 86_400_000) usageError(`--clock: ${text} is more than a week from this machine's clock`)
  return () => new Date(Date.now() + offset)
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv
  let values: {
    port?: string | undefined
    data?: string | undefined
    host?: string | undefined
    clock?: string | undefined
  }
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: rest,
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        host: { type: 'string' },
        clock: { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    }))
  } catch (error) {
    usageError(`${(error as Error).message}`)
  }
  const takesFile = command === 'backup' || command === 'restore'
  if (positionals.length !== (takesFile ? 1 : 0)) {
    usageError(takesFile ? `${command}: expected one FILE` : `unexpected argument ${JSON.stringify(positionals[0])}`)
  }
  const dataDir = values.data ?? process.env.STIPPLE_DATA ?? '.stipple'
  const databaseUrl = process.env.DATABASE_URL || undefined
  if (command === 'migrate') {
    const database = await openDatabase(dataDir, databaseUrl)
    try {
      const applied = await migrate(database.pool)
      out(applied.length === 0 ? 'Database is up to date.\n' : `Applied migrations ${applied.join(', ')}.\n`)
    } finally {
      await database.close()
    }
    return
  }
  if (takesFile) {
    const file = resolve(positionals[0] ?? '')
    const database = await openDatabase(dataDir, databaseUrl)
    const photoStore = new FilesystemPhotoStore(join(resolve(dataDir), 'photos'))
    try {
      if (command === 'backup') {
        const done = await backupDatabase(database.pool, file, database.kind, photoStore)
        out(`Backed up ${done.rows} rows of ${done.tables} tables and ${done.files} photo files to ${file}.\n`)
      } else {
        const done = await restoreDatabase(database.pool, file, photoStore)
        out(`Restored ${done.rows} rows of ${done.tables} tables and ${done.files} photo files from ${file}.\n`)
      }
    } finally {
      await database.close()
    }
    return
  }
  if (command !== 'serve') usageError(`unknown command ${JSON.stringify(command ?? '')}`)
  const portText = values.port ?? process.env.PORT ?? '4000'
  if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) > 65535)
    usageError(`--port: expected 0–65535, got ${portText}`)
  const now = values.clock === undefined ? undefined : clockFrom(values.clock)
  // from when the `stipple` command started (it passes the time on), else from this process's start: module loading
  // is part of what a person waits for
  const fromCommand = Number(process.env.STIPPLE_STARTED_AT)
  const started = Number.isFinite(fromCommand) && fromCommand > 0 ? fromCommand : performance.timeOrigin
  const server = await startServer({
    dataDir,
    databaseUrl,
    port: Number(portText),
    host: values.host ?? '127.0.0.1',
    // the web app's build output beside this package (a path, not an import: the server never imports web)
    webDist: process.env.STIPPLE_WEB_DIST ?? fileURLToPath(new URL('../../web/dist', import.meta.url)),
    // JSON lines (Fastify's pino) beside the readable start-up lines below
    logger: process.stdout,
    ...(now === undefined ? {} : { now }),
  })
  const where = databaseUrl === undefined ? `embedded PGlite in ${dataDir}` : 'PostgreSQL (DATABASE_URL)'
  // printed once the server has answered a request through its socket (startServer waits for that)
  out(`Stipple is running at ${server.url} on ${where} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s).\n`)
  out(`API: ${server.url}/api/v1, described at ${server.url}/api/openapi.json\n`)
  if (server.demo.signIns !== null) {
    out(`${server.demo.created ? 'Created the demo clinic. ' : ''}Demo sign-ins (password ${DEMO_PASSWORD}):\n`)
    for (const s of server.demo.signIns) out(`  ${s.role.padEnd(13)} ${s.email.padEnd(28)} ${s.name}\n`)
  }
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    out(`\n${signal}: stopping Stipple.\n`)
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        err(`${String(error)}\n`)
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  // started by `stipple serve` with an IPC channel: when that parent goes away, so do we
  if (process.send !== undefined) process.on('disconnect', () => stop('the stipple command exited'))
}

try {
  await main(process.argv.slice(2))
} catch (error) {
  if (error instanceof BackupError) {
    err(`${error.message}\n`)
    process.exit(2)
  }
  if (error instanceof DataDirLockedError) {
    err(`${error.message}\n`)
    process.exit(1)
  }
  err(`stipple server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
}
