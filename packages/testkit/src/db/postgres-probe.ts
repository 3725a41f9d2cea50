// Finds the PostgreSQL the suite also runs against: DATABASE_URL, else 127.0.0.1:5432 as postgres with trust auth.
import pg from 'pg'

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

export function adminPostgresUrl(): string {
  return process.env.DATABASE_URL ?? DEFAULT_POSTGRES_URL
}

/** Resolves to null when PostgreSQL answers `select 1` within the timeout, else to the reason it did not. */
export async function probePostgres(url: string, timeoutMs = 2000): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs })
  try {
    await client.connect()
    await client.query('select 1')
    return null
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error)
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** The same server URL pointed at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}
