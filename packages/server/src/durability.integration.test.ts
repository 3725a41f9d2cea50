// Durability: the real server program is killed with SIGKILL in the middle of a stream of writes and started again
// on the same data directory. Every write it acknowledged (2xx) must be there, the stale data-directory lock is taken
// over, and the database opens cleanly (migrations up to date, reads work). PGlite is the case that matters (the
// database lives in the killed process); on PostgreSQL only the server dies, and the same promise is checked.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DatabaseKind, databaseKinds, openTestDatabase, type TestDatabase } from '@stipple/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import { LOCK_FILE } from './db/data-dir-lock.ts'
import { DEMO_PASSWORD } from './demo/seed.ts'
import {
  type HttpSession,
  runServerCommand,
  type ServerProcess,
  signInOverHttp,
  startServerProcess,
} from './test/server-process.ts'

const OWNER = 'owner@northline.example'
/** How many writes the stream keeps in flight at once. */
const WRITERS = 4
/** The server is killed once this many writes were acknowledged (or after KILL_AFTER_MS). */
const KILL_AFTER_ACKS = 60
const KILL_AFTER_MS = 4_000
// The whole case takes 15–25 s on an idle two-core machine (the first start creates the demo clinic, with the
// engine's placements, in about half of it) and up to 40 s while other test files run beside it: hence 90 s.

interface Stream {
  acknowledged: string[]
  /** Writes sent whose answer never came (the kill cut them off): each may or may not be there. */
  cutOff: number
  failures: string[]
}

/** 0 → a, 25 → z, 26 → ba: names take letters only. */
const letters = (n: number): string => (n < 26 ? '' : letters(Math.floor(n / 26))) + String.fromCharCode(97 + (n % 26))

/** Creates clients from WRITERS loops until `stop()`; records the id of every write answered 201. */
function streamWrites(server: ServerProcess, session: HttpSession, clinicId: string) {
  const state: Stream = { acknowledged: [], cutOff: 0, failures: [] }
  let stopped = false
  let n = 0
  const writer = async (w: number) => {
    while (!stopped) {
      const i = n++
      try {
        const res = await fetch(`${server.url}/api/v1/clinics/${clinicId}/clients`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
          body: JSON.stringify({
            givenName: `Durable ${letters(w)}`,
            familyName: `Write ${letters(i)}`,
            stage: 'enquiry',
          }),
        })
        if (res.status === 201) state.acknowledged.push(((await res.json()) as { id: string }).id)
        else state.failures.push(`${res.status} ${await res.text()}`)
      } catch {
        state.cutOff++ // connection reset by the kill
        return
      }
    }
  }
  const done = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)))
  return {
    state,
    async stop() {
      stopped = true
      await done
    },
  }
}

for (const kind of databaseKinds()) {
  describe(`SIGKILL during a stream of writes [${kind}]`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), `stipple-durability-${kind}-`))
    let pg: TestDatabase | undefined
    afterAll(async () => {
      await pg?.close()
      rmSync(dataDir, { recursive: true, force: true })
    })

    it('keeps every acknowledged write and opens cleanly after a restart', async () => {
      const databaseUrl = await databaseUrlFor(kind)
      const first = await startServerProcess({ dataDir, databaseUrl })
      let stream: ReturnType<typeof streamWrites> | undefined
      try {
        const owner = await signInOverHttp(first.url, OWNER, DEMO_PASSWORD)
        const clinicId = owner.memberships[0]?.clinicId ?? ''
        stream = streamWrites(first, owner, clinicId)
        const started = Date.now()
        while (stream.state.acknowledged.length < KILL_AFTER_ACKS && Date.now() - started < KILL_AFTER_MS) {
          await new Promise((r) => setTimeout(r, 10))
        }
        await first.kill('SIGKILL')
        await stream.stop()
      } finally {
        await first.kill('SIGKILL')
      }
      const { acknowledged, failures } = stream.state
      expect(failures).toEqual([])
      expect(acknowledged.length).toBeGreaterThanOrEqual(10)
      if (kind === 'pglite') {
        // the killed process left its lock behind: the next start must take it over, not refuse
        expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(first.child.pid)
      }

      // the database opens (crash recovery on PGlite) and the migrations are all there
      const migrated = await runServerCommand(['migrate', '--data', dataDir], { DATABASE_URL: databaseUrl })
      expect(migrated.stderr).toBe('')
      expect(migrated.stdout).toBe('Database is up to date.\n')
      expect(migrated.code).toBe(0)

      const second = await startServerProcess({ dataDir, databaseUrl })
      try {
        expect(second.output()).not.toMatch(/Created the demo clinic/)
        const owner = await signInOverHttp(second.url, OWNER, DEMO_PASSWORD)
        const clinicId = owner.memberships[0]?.clinicId ?? ''
        const missing: string[] = []
        for (const id of acknowledged) {
          const res = await fetch(`${second.url}/api/v1/clinics/${clinicId}/clients/${id}`, {
            headers: { cookie: owner.cookie },
          })
          if (res.status !== 200) missing.push(`${id}: ${res.status}`)
        }
        expect(missing).toEqual([])
        // and it still takes writes
        const res = await fetch(`${second.url}/api/v1/clinics/${clinicId}/clients`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: owner.cookie, 'x-csrf-token': owner.csrf },
          body: JSON.stringify({ givenName: 'After', familyName: 'Restart' }),
        })
        expect(res.status).toBe(201)
      } finally {
        await second.kill('SIGTERM')
      }
    }, 90_000)

    async function databaseUrlFor(k: DatabaseKind): Promise<string | undefined> {
      if (k === 'pglite') return undefined
      pg = await openTestDatabase('postgres')
      return pg.connectionString ?? undefined
    }
  })
}
