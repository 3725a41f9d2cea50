// PostgreSQL for the server benches: the admin URL when one answers, throwaway databases, and pgbench as the ceiling.
import { spawnSync } from 'node:child_process'
import pg from 'pg'

const DEFAULT_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres'

/** A PostgreSQL admin URL that answers (DATABASE_URL, else the local server), or null. */
export async function reachablePostgres(): Promise<string | null> {
  const url = process.env.DATABASE_URL || DEFAULT_POSTGRES
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 })
  try {
    await client.connect()
    await client.query('select 1')
    return url
  } catch {
    return null
  } finally {
    await client.end().catch(() => undefined)
  }
}

async function adminQuery(admin: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** A throwaway database for the duration of `body`. */
export async function withThrowaway<T>(admin: string, label: string, body: (url: string) => Promise<T>): Promise<T> {
  const name = `stipple_bench_${label}_${process.pid}`
  await adminQuery(admin, `drop database if exists ${name} with (force)`)
  await adminQuery(admin, `create database ${name}`)
  try {
    const u = new URL(admin)
    u.pathname = `/${name}`
    return await body(u.toString())
  } finally {
    await adminQuery(admin, `drop database if exists ${name} with (force)`)
  }
}

/**
 * pgbench's transactions per second on a scale-1 database at `url`: `script` 'select-only' is `-S`, 'tpcb' its
 * default TPC-B-like script.
 */
export function pgbenchTps(url: string, script: 'select-only' | 'tpcb', clients: number, seconds: number): number {
  const env = { ...process.env, PGCONNECT_TIMEOUT: '5' }
  const init = spawnSync('pgbench', ['-i', '-s', '1', '-q', url], { encoding: 'utf8', env, timeout: 120_000 })
  if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.error?.message ?? init.stderr}`)
  const mode = script === 'select-only' ? ['-S', '-n'] : []
  const args = [...mode, '-c', String(clients), '-j', '2', '-T', String(seconds), url]
  const run = spawnSync('pgbench', args, { encoding: 'utf8', env, timeout: (seconds + 60) * 1000 })
  const tps = /tps = ([0-9.]+) \(without initial connection time\)/.exec(run.stdout)
  if (run.status !== 0 || tps === null)
    throw new Error(`pgbench ${mode.join(' ')} failed: ${run.error?.message ?? run.stderr}`)
  return Number(tps[1])
}
