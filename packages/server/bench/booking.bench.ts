// Booking throughput: successful bookings per second with 50 concurrent clients, each booking a distinct free slot
// (its own practitioner, chair and hour), against the real server program on PostgreSQL and on PGlite. Every booking
// runs the whole path: checks, the availability context, the insert under the exclusion constraints, its change row
// and audit entry. Beside it, in the same run on the same PostgreSQL, `pgbench` with its default TPC-B-like script at
// the same 50 clients is the reference; the ratio is printed.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { zonedToInstant } from '@stipple/domain'
import type { Bench, BenchRow } from '../../../scripts/bench-types.ts'
import { DEMO_PASSWORD } from '../src/demo/seed.ts'
import { type HttpSession, signInOverHttp, startServerProcess } from '../src/test/server-process.ts'
import { pgbenchTps, reachablePostgres, withThrowaway } from './postgres.ts'

const CLIENTS = 50
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']
const DAY = 86_400_000

interface Slot {
  locationId: string
  practitionerId: string
  chairId: string
  startsAt: string
}

interface Measured {
  perSecond: number
  booked: number
  p50: number
  p99: number
}

const percentile = (xs: number[], p: number) => {
  const s = xs.slice().sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0
}

async function api<T>(url: string, session: HttpSession, method: 'GET' | 'POST', body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: {
      cookie: session.cookie,
      ...(method === 'POST' ? { 'x-csrf-token': session.csrf, 'content-type': 'application/json' } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

/**
 * Distinct free slots two years out (the demo calendar is empty there): every practitioner gets a chair of their own
 * at each location they work at, and hour-long consultation slots (45 minutes and 15 of cleaning) in their hours.
 */
async function freeSlots(url: string, owner: HttpSession, clinicId: string, wanted: number): Promise<Slot[]> {
  const base = `${url}/api/v1/clinics/${clinicId}`
  type Location = {
    id: string
    timeZone: string
    openingHours: Record<string, [string, string][]>
    chairs: { id: string }[]
    practitioners: { membershipId: string; workingHours: Record<string, [string, string][]> }[]
  }
  let { items } = await api<{ items: Location[] }>(`${base}/locations`, owner, 'GET')
  for (const l of items) {
    for (let i = l.chairs.length; i < l.practitioners.length; i++) {
      await api(`${base}/locations/${l.id}/chairs`, owner, 'POST', { name: `Bench chair ${i + 1}` })
    }
  }
  items = (await api<{ items: Location[] }>(`${base}/locations`, owner, 'GET')).items
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))
  const first = Math.floor(Date.now() / DAY) + 730
  const slots: Slot[] = []
  /** A practitioner who works at two locations (two time zones) is still one person: one slot per instant. */
  const taken = new Set<string>()
  for (let d = first; slots.length < wanted && d < first + 3650; d++) {
    const date = new Date(d * DAY).toISOString().slice(0, 10)
    const key = DAYS[new Date(d * DAY).getUTCDay()] ?? ''
    for (const l of items) {
      const open = l.openingHours[key] ?? []
      l.practitioners.forEach((p, i) => {
        const chair = l.chairs[i]
        if (chair === undefined) return
        for (const [from, to] of p.workingHours[key] ?? []) {
          for (let m = minutes(from); m + 60 <= minutes(to); m += 60) {
            if (!open.some(([o, c]) => minutes(o) <= m && m + 60 <= minutes(c))) continue
            const startsAt = new Date(zonedToInstant(date, m, l.timeZone)).toISOString()
            if (taken.has(`${p.membershipId} ${startsAt}`)) continue
            taken.add(`${p.membershipId} ${startsAt}`)
            slots.push({ locationId: l.id, practitionerId: p.membershipId, chairId: chair.id, startsAt })
          }
        }
      })
    }
  }
  return slots
}

async function measureServer(databaseUrl: string | undefined, seconds: number): Promise<Measured> {
  const dataDir = mkdtempSync(join(tmpdir(), 'stipple-bench-booking-'))
  // the first start seeds the demo clinic (the consultation engine runs for each client): minutes on a busy machine
  const server = await startServerProcess({ dataDir, databaseUrl, timeoutMs: 600_000 })
  try {
    const owner = await signInOverHttp(server.url, 'owner@northline.example', DEMO_PASSWORD)
    const clinicId = owner.memberships[0]?.clinicId ?? ''
    const clients = await api<{ items: { id: string }[] }>(
      `${server.url}/api/v1/clinics/${clinicId}/clients?limit=20`,
      owner,
      'GET'
    )
    // a practitioner may hold only one chair at a time: enough slots for several thousand bookings a run
    const slots = await freeSlots(server.url, owner, clinicId, 60_000)
    let next = 0
    const book = async (): Promise<number> => {
      const slot = slots[next++]
      if (slot === undefined) throw new Error('bench: ran out of free slots')
      const t0 = performance.now()
      const res = await fetch(`${server.url}/api/v1/clinics/${clinicId}/appointments`, {
        method: 'POST',
        headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({
          ...slot,
          clientId: clients.items[next % clients.items.length]?.id,
          kind: 'consultation',
        }),
      })
      const text = await res.text()
      if (res.status !== 201) throw new Error(`bench: booking ${JSON.stringify(slot)} answered ${res.status} ${text}`)
      return performance.now() - t0
    }
    const run = async (ms: number) => {
      const latencies: number[] = []
      const until = performance.now() + ms
      const started = performance.now()
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (performance.now() < until) latencies.push(await book())
        })
      )
      return { latencies, elapsed: (performance.now() - started) / 1000 }
    }
    await run(Math.max(1000, (seconds * 1000) / 3)) // warm-up
    const { latencies, elapsed } = await run(seconds * 1000)
    return {
      perSecond: latencies.length / elapsed,
      booked: latencies.length,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
    }
  } finally {
    await server.kill('SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const ms = (x: number) => Number(x.toFixed(1))

function rows(kind: 'pglite' | 'postgres', m: Measured, pgbench: number | null): BenchRow[] {
  const ratio =
    pgbench === null ? '' : `; ${(m.perSecond / pgbench).toFixed(3)} × pgbench TPC-B (${Math.round(pgbench)} tps)`
  return [
    {
      id: `booking.create.${kind}`,
      unit: 'bookings/s',
      ours: Math.round(m.perSecond),
      peer: pgbench === null ? null : 'pgbench TPC-B-like',
      peerValue: pgbench === null ? null : Math.round(pgbench),
      note: `${CLIENTS} concurrent clients, each booking a distinct free slot; ${m.booked} booked, p50 ${ms(m.p50)} ms, p99 ${ms(m.p99)} ms${ratio}`,
    },
    { id: `booking.create.${kind}.p99`, unit: 'ms', ours: ms(m.p99), peer: null, peerValue: null },
  ]
}

const bench: Bench = {
  name: 'booking',
  async run({ quick }) {
    const seconds = quick ? 2 : 10
    const admin = await reachablePostgres()
    const out: BenchRow[] = []
    if (admin === null) {
      process.stderr.write('bench: booking: PostgreSQL is not reachable; only PGlite was measured\n')
    } else {
      const measured = await withThrowaway(admin, 'booking', (url) => measureServer(url, seconds))
      const tps = await withThrowaway(admin, 'tpcb', async (url) => pgbenchTps(url, 'tpcb', CLIENTS, seconds))
      out.push(...rows('postgres', measured, tps))
    }
    out.push(...rows('pglite', await measureServer(undefined, seconds), null))
    return out
  },
}

export default bench
