// The demo clinic's consents, credentials and laser-removal course, on PGlite and PostgreSQL: seeded into a small
// clinic and read back through the API as the dashboard and the portal would.
import { TOUCH_UP_TIMING } from '@stipple/domain'
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { as, createTestClinic, openTestServer, type TestClinic, type TestServer } from '../test/harness.ts'
import { seedDemoRecords } from './seed-records.ts'

describeEachDatabase('demo consents, credentials and laser removal', (database) => {
  let server: TestServer
  let clinic: TestClinic
  const clients: Record<string, string> = {}
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Seeded Clinic')
    for (const stage of ['enquiry', 'consultation', 'design', 'in-course', 'aftercare', 'touch-up-due'] as const) {
      const res = await as(server, clinic.users.owner)('POST', `/api/v1/clinics/${clinic.clinicId}/clients`, {
        givenName: 'Demo',
        familyName: stage === 'touch-up-due' ? 'Touchup' : stage.replace('-', ''),
        stage,
      })
      clients[stage] = res.json().id
    }
    await server.db.transaction().execute((trx) => seedDemoRecords(trx, clinic.clinicId, new Date()))
  })
  afterAll(async () => {
    await server.close()
  })
  const base = () => `/api/v1/clinics/${clinic.clinicId}`

  it('writes version 1 of every consent kind', async () => {
    const res = await as(server, clinic.users.front_desk)('GET', `${base()}/consent-templates`)
    expect(
      res
        .json()
        .items.map((t: { kind: string; version: number }) => `${t.kind} v${t.version}`)
        .sort()
    ).toEqual(['laser-removal v1', 'photography-clinical v1', 'photography-marketing v1', 'privacy v1', 'treatment v1'])
  })

  it('says in the treatment consent what the public FAQ says about touch-ups, in the same sentence', async () => {
    const treatment = await server.db
      .selectFrom('consent_templates')
      .select('body')
      .where('clinic_id', '=', clinic.clinicId)
      .where('kind', '=', 'treatment')
      .executeTakeFirstOrThrow()
    expect(treatment.body).toContain(TOUCH_UP_TIMING)
    expect(treatment.body.match(/touch-up[^.]*[0-9]/gi)).toEqual([expect.stringContaining('about every 4 years')])
  })

  it('has consents signed by clients past consultation only, with the exact text of their version', async () => {
    for (const [stage, id] of Object.entries(clients)) {
      const res = await as(server, clinic.users.owner)('GET', `${base()}/clients/${id}/consents`)
      const kinds = res.json().items.map((c: { kind: string }) => c.kind) as string[]
      if (stage === 'enquiry' || stage === 'consultation') expect({ stage, kinds }).toEqual({ stage, kinds: [] })
      else
        expect({
          stage,
          has: ['treatment', 'privacy', 'photography-clinical'].every((k) => kinds.includes(k)),
        }).toEqual({ stage, has: true })
      for (const c of res.json().items as { textSigned: string; title: string; hasSignatureImage: boolean }[]) {
        expect(c.textSigned.startsWith(`${c.title}\n\n`)).toBe(true)
        expect(c.hasSignatureImage).toBe(false)
      }
    }
  })

  it("warns about the owner's licence, which expires within 30 days", async () => {
    const res = await as(server, clinic.users.owner)('GET', `${base()}/credentials/expiring?withinDays=30`)
    const items = res.json().items as { membershipId: string; daysLeft: number }[]
    expect(items.map((c) => [c.membershipId, c.daysLeft])).toEqual([[clinic.users.owner.membershipId, 21]])
  })

  it('has one laser-removal course with a session, its consent signed, and nothing left to sign', async () => {
    const id = clients['touch-up-due'] ?? ''
    const res = await as(server, clinic.users.practitioner)('GET', `${base()}/clients/${id}/laser-removal-courses`)
    const [course] = res.json().items
    expect(course).toMatchObject({ provider: 'referral', sessionsPlanned: 2, status: 'active' })
    expect(course.sessions).toHaveLength(1)
    expect(course.smpNotBefore).not.toBeNull()
    await server.db.updateTable('clients').set({ user_id: clinic.users.client.userId }).where('id', '=', id).execute()
    const portal = await as(server, clinic.users.client)('GET', `${base()}/portal/consents`)
    expect(portal.json().toSign).toEqual([])
    expect(portal.json().signed.map((c: { kind: string }) => c.kind)).toContain('laser-removal')
  })
})
