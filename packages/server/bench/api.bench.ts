// API speed with autocannon on loopback, against the real server program (a child process) on PGlite and, when
// reachable, on PostgreSQL: a read (a client's file) and a write (a session record), 10 connections each.
// Beside them, in the same run, `pgbench -S` on the same PostgreSQL is the ceiling for the read.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import type { Bench, BenchRow } from '../../../scripts/bench-types.ts'
import { DEMO_PASSWORD } from '../src/demo/seed.ts'
import { type HttpSession, signInOverHttp, startServerProcess } from '../src/test/server-process.ts'
import { pgbenchTps, reachablePostgres, withThrowaway } from './postgres.ts'

const CONNECTIONS = 10

interface Measured {
  rps: number
  p50: number
  p99: number
  requests: number
  /** The server process's CPU time per request (Linux only; null elsewhere): steadier than req/s on a busy machine. */
  cpuMsPerRequest: number | null
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100

/** User + system CPU milliseconds a process has used, from /proc; null where there is none. */
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null
  try {
    // the command name (field 2) may hold spaces: count fields after its closing parenthesis
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
  } catch {
    return null
  }
}

async function cannon(
  url: string,
  seconds: number,
  serverPid: number | undefined,
  options: { method?: 'GET' | 'POST'; headers: Record<string, string>; body?: string }
): Promise<Measured> {
  const opts = { url, connections: CONNECTIONS, method: options.method ?? 'GET', headers: options.headers }
  const body = options.body === undefined ? {} : { body: options.body }
  await autocannon({ ...opts, ...body, duration: Math.max(1, Math.round(seconds / 3)) }) // warm-up
  const cpuBefore = processCpuMs(serverPid)
  const r = await autocannon({ ...opts, ...body, duration: seconds })
  const cpuAfter = processCpuMs(serverPid)
  if (r.non2xx > 0 || r.errors > 0) {
    throw new Error(`${options.method ?? 'GET'} ${url}: ${r.non2xx} non-2xx answers and ${r.errors} errors`)
  }
  const cpu = cpuBefore === null || cpuAfter === null || r['2xx'] === 0 ? null : (cpuAfter - cpuBefore) / r['2xx']
  return {
    rps: r['2xx'] / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r['2xx'],
    cpuMsPerRequest: cpu,
  }
}

/** A session record as the client file gives it: what a new record of the same session repeats. */
interface RecordedSession {
  locationId: string
  practitionerId: string
  sessionIndex: number
  performedAt: string
  areas: string[]
  needles: { configuration: string; lot: string }[]
  pigments: { brand: string; shade: string; dilution: string; lot: string; expiresOn: string }[]
}

interface Target {
  clinicId: string
  clientId: string
  session: RecordedSession
}

/** A demo client with session records, and the practitioner and location of one of them. */
async function findTarget(url: string, owner: HttpSession): Promise<Target> {
  const clinicId = owner.memberships[0]?.clinicId ?? ''
  const get = async <T>(path: string) => {
    const res = await fetch(`${url}${path}`, { headers: { cookie: owner.cookie } })
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }
  const list = await get<{ items: { id: string }[] }>(`/api/v1/clinics/${clinicId}/clients?limit=100`)
  for (const { id } of list.items) {
    const file = await get<{ sessions: RecordedSession[] }>(`/api/v1/clinics/${clinicId}/clients/${id}`)
    const s = file.sessions[0]
    if (s !== undefined) return { clinicId, clientId: id, session: s }
  }
  throw new Error('no demo client has session records')
}

async function measureServer(
  databaseUrl: string | undefined,
  seconds: number
): Promise<{ read: Measured; write: Measured }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'stipple-bench-api-'))
  // the first start seeds the demo clinic (the engine places every design): minutes on a busy machine
  const server = await startServerProcess({ dataDir, databaseUrl, timeoutMs: 300_000 })
  try {
    const owner = await signInOverHttp(server.url, 'owner@northline.example', DEMO_PASSWORD)
    const t = await findTarget(server.url, owner)
    const fileUrl = `${server.url}/api/v1/clinics/${t.clinicId}/clients/${t.clientId}`
    const pid = server.child.pid
    const read = await cannon(fileUrl, seconds, pid, { headers: { cookie: owner.cookie } })
    const writeRequest = {
      method: 'POST' as const,
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/json' },
      // the demo's own recorded session again (its lots are in the location's register, its consent and screening in
      // force on its day): the write path in full, with the safety and lot checks a real record passes
      body: JSON.stringify({
        locationId: t.session.locationId,
        practitionerId: t.session.practitionerId,
        sessionIndex: t.session.sessionIndex,
        performedAt: t.session.performedAt,
        areas: t.session.areas,
        needles: t.session.needles.map((n) => ({
          configuration: n.configuration,
          lot: n.lot,
          singleUseConfirmed: true,
        })),
        pigments: t.session.pigments.map((p) => ({
          brand: p.brand,
          shade: p.shade,
          dilution: p.dilution,
          lot: p.lot,
          expiresOn: p.expiresOn,
        })),
        anaesthetic: { product: 'lidocaine 5% cream', method: 'topical' },
        impressions: 6000,
        durationMinutes: 120,
        notes: 'Touch-up: even take.',
      }),
    }
    // one write first, so a refusal is reported with the server's words rather than as a count of non-2xx answers
    const probe = await fetch(`${fileUrl}/sessions`, writeRequest)
    if (probe.status !== 201) throw new Error(`POST …/sessions: ${probe.status} ${await probe.text()}`)
    const write = await cannon(`${fileUrl}/sessions`, seconds, pid, writeRequest)
    return { read, write }
  } finally {
    await server.kill('SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const ms = (x: number) => Number(x.toFixed(2))

function rows(kind: 'pglite' | 'postgres', m: { read: Measured; write: Measured }, pgbench: number | null): BenchRow[] {
  const out: BenchRow[] = []
  for (const [op, r] of [
    ['read', m.read],
    ['write', m.write],
  ] as const) {
    const ceiling = op === 'read' && pgbench !== null
    out.push({
      id: `api.${op}.${kind}`,
      unit: 'req/s',
      ours: Math.round(r.rps),
      peer: ceiling ? 'pgbench -S' : null,
      peerValue: ceiling ? Math.round(pgbench) : null,
      note:
        `${op === 'read' ? "GET a client's file" : 'POST a session record'}, ${CONNECTIONS} connections, ` +
        `p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms, ${r.requests} requests` +
        (ceiling ? `; ${((100 * r.rps) / pgbench).toFixed(1)} % of pgbench -S (goal ≥ 25 %, p99 < 50 ms)` : ''),
    })
    out.push({ id: `api.${op}.${kind}.p50`, unit: 'ms', ours: ms(r.p50), peer: null, peerValue: null })
    out.push({ id: `api.${op}.${kind}.p99`, unit: 'ms', ours: ms(r.p99), peer: null, peerValue: null })
    if (r.cpuMsPerRequest !== null) {
      const cpu = Number(r.cpuMsPerRequest.toFixed(3))
      out.push({ id: `api.${op}.${kind}.server-cpu`, unit: 'ms/req', ours: cpu, peer: null, peerValue: null })
    }
  }
  return out
}

const bench: Bench = {
  name: 'api',
  async run({ quick }) {
    const seconds = quick ? 2 : 10
    const out = rows('pglite', await measureServer(undefined, seconds), null)
    const admin = await reachablePostgres()
    if (admin === null) {
      process.stderr.write('bench: api: PostgreSQL is not reachable; only PGlite was measured\n')
      return out
    }
    const measured = await withThrowaway(admin, 'api', (url) => measureServer(url, seconds))
    const tps = await withThrowaway(admin, 'pgbench', async (url) =>
      pgbenchTps(url, 'select-only', CONNECTIONS, seconds)
    )
    return [...out, ...rows('postgres', measured, tps)]
  },
}

export default bench
