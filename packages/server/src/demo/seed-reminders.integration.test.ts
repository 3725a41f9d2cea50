// The demo clinic's outbox: a few sent emails and one failed one for staff to retry, planned as the planner plans
// them (so planning again adds none of the same).
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ReminderPlanner } from '../features/reminders/planner.ts'
import { openTestServer, type TestServer } from '../test/harness.ts'
import { seedDemoIfEmpty } from './seed.ts'

describeEachDatabase('the demo outbox', (database) => {
  let server: TestServer
  beforeAll(async () => {
    server = await openTestServer(database())
    await seedDemoIfEmpty(server.db, server.auth)
  }, 120_000)
  afterAll(async () => {
    await server.close()
  })

  const messages = () =>
    server.db
      .selectFrom('outbox_messages as o')
      .innerJoin('clients as c', 'c.id', 'o.client_id')
      .select(['o.kind', 'o.status', 'o.dedupe_key', 'o.last_error', 'o.to_email', 'c.email', 'o.attempts'])
      .execute()

  it('has sent aftercare emails and exactly one failed one with its reason', async () => {
    const rows = await messages()
    const sent = rows.filter((m) => m.status === 'sent')
    const failed = rows.filter((m) => m.status === 'failed')
    expect(sent.length).toBeGreaterThanOrEqual(3)
    expect(new Set(sent.map((m) => m.kind))).toContain('aftercare')
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({ kind: 'aftercare', attempts: 5 })
    expect(failed[0]?.last_error).toMatch(/^Attempt 5 of 5 failed: 550/)
    for (const m of rows) expect(m.to_email).toBe(m.email)
  })

  it('is what the planner plans: planning now adds no second copy of a seeded message', async () => {
    const before = await messages()
    await new ReminderPlanner(server.db, { publicUrl: 'http://localhost:4000', mailHost: 'localhost' }).plan(new Date())
    const after = await messages()
    const keys = after.map((m) => m.dedupe_key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const m of before) expect(keys).toContain(m.dedupe_key)
  })
})
