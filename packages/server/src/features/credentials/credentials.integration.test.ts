// Practitioner credentials on PGlite and PostgreSQL: owners write, practitioners read their own only, front desk and
// clients not at all; the expiring list counts days from the server's today and includes expired ones.
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, createTestClinic, openTestServer, type TestClinic, type TestServer } from '../../test/harness.ts'

const DAY_MS = 86_400_000
const inDays = (n: number) => new Date(Date.now() + n * DAY_MS).toISOString().slice(0, 10)

describeEachDatabase('practitioner credentials', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let other: TestClinic
  let base: string
  let colleague: string
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Credential Clinic')
    other = await createTestClinic(server, 'Other Credential Clinic')
    base = `/api/v1/clinics/${clinic.clinicId}`
    // a second practitioner, to check that one practitioner cannot read another's
    const user = await server.auth.createUser({
      email: 'second.practitioner@example.test',
      name: 'Second',
      password: 'x'.repeat(12),
    })
    colleague = (
      await server.db
        .insertInto('memberships')
        .values({ clinic_id: clinic.clinicId, user_id: user.id, role: 'practitioner', display_name: 'Robin Second' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  })
  afterAll(async () => {
    await server.close()
  })
  const owner = () => as(server, clinic.users.owner)
  const create = (body: Record<string, unknown>) => owner()('POST', `${base}/credentials`, body)

  describe('writing', () => {
    it('creates, updates and deletes a credential for a practitioner, audited', async () => {
      const made = await create({
        membershipId: clinic.users.practitioner.membershipId,
        kind: 'licence',
        title: 'Body art practitioner licence',
        number: 'BA-2291',
        issuer: 'Toronto Public Health',
        issuedOn: '2025-01-10',
        expiresOn: '2027-01-10',
        public: true,
      })
      expect(made.statusCode, made.body).toBe(201)
      expect(made.json()).toMatchObject({
        membershipId: clinic.users.practitioner.membershipId,
        practitionerName: expect.stringMatching(/^practitioner \d+$/),
        kind: 'licence',
        number: 'BA-2291',
        public: true,
        updatedAt: null,
      })
      const id = made.json().id
      const changed = await owner()('PATCH', `${base}/credentials/${id}`, { expiresOn: '2028-01-10', public: false })
      expect(changed.statusCode, changed.body).toBe(200)
      expect(changed.json()).toMatchObject({
        expiresOn: '2028-01-10',
        public: false,
        title: 'Body art practitioner licence',
      })
      expect(changed.json().updatedAt).not.toBeNull()
      const removed = await owner()('DELETE', `${base}/credentials/${id}`)
      expect(removed.statusCode).toBe(204)
      expect((await owner()('DELETE', `${base}/credentials/${id}`)).statusCode).toBe(404)
      const audit = await server.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity', '=', 'practitioner-credential')
        .where('entity_id', '=', id)
        .orderBy('id')
        .execute()
      expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete'])
    })

    it('refuses a front-desk or client member, a member of another clinic, and dates out of order', async () => {
      const frontDesk = await create({
        membershipId: clinic.users.front_desk.membershipId,
        kind: 'licence',
        title: 'X',
        issuer: 'Y',
      })
      expect(frontDesk.statusCode).toBe(400)
      expect(frontDesk.json().errors).toEqual([
        { path: 'body.membershipId', message: 'a front desk holds no practitioner credentials' },
      ])
      const foreign = await create({
        membershipId: other.users.practitioner.membershipId,
        kind: 'licence',
        title: 'X',
        issuer: 'Y',
      })
      expect(foreign.json().errors[0]).toEqual({ path: 'body.membershipId', message: 'no such member of this clinic' })
      const backwards = await create({
        membershipId: clinic.users.practitioner.membershipId,
        kind: 'licence',
        title: 'X',
        issuer: 'Y',
        issuedOn: '2026-05-01',
        expiresOn: '2026-04-01',
      })
      expect(backwards.statusCode).toBe(400)
      expect(backwards.json().errors[0].path).toBe('body.expiresOn')
      const ok = (
        await create({
          membershipId: clinic.users.practitioner.membershipId,
          kind: 'licence',
          title: 'X',
          issuer: 'Y',
          issuedOn: '2026-05-01',
        })
      ).json()
      // the stored issue date counts when only the expiry changes
      const patch = await owner()('PATCH', `${base}/credentials/${ok.id}`, { expiresOn: '2026-01-01' })
      expect(patch.statusCode).toBe(400)
      expect(patch.json().errors[0].path).toBe('body.expiresOn')
      const nothing = await owner()('PATCH', `${base}/credentials/${ok.id}`, {})
      expect(nothing.statusCode).toBe(400)
      await owner()('DELETE', `${base}/credentials/${ok.id}`)
    })

    it('lets only owners write', async () => {
      const body = { membershipId: clinic.users.practitioner.membershipId, kind: 'licence', title: 'X', issuer: 'Y' }
      for (const role of ['practitioner', 'front_desk', 'client'] as const) {
        const res = await as(server, clinic.users[role])('POST', `${base}/credentials`, body)
        expect({ role, status: res.statusCode }).toEqual({ role, status: 403 })
      }
      const theirs = (
        await as(server, other.users.owner)('POST', `/api/v1/clinics/${other.clinicId}/credentials`, {
          membershipId: other.users.practitioner.membershipId,
          kind: 'licence',
          title: 'Theirs',
          issuer: 'Y',
        })
      ).json()
      const cross = await owner()('PATCH', `${base}/credentials/${theirs.id}`, { title: 'Mine now' })
      expect(cross.statusCode).toBe(404)
      expect((await owner()('DELETE', `${base}/credentials/${theirs.id}`)).statusCode).toBe(404)
    })
  })

  describe('reading and the expiry warnings', () => {
    const ids: Record<string, string> = {}
    beforeAll(async () => {
      const mine = clinic.users.practitioner.membershipId
      const specs: [string, string, string | null][] = [
        ['expired', mine, inDays(-3)],
        ['today', mine, inDays(0)],
        ['soon', mine, inDays(29)],
        ['later', mine, inDays(200)],
        ['never', mine, null],
        ['colleague-soon', colleague, inDays(10)],
      ]
      for (const [title, membershipId, expiresOn] of specs) {
        const res = await create({ membershipId, kind: 'certification', title, issuer: 'Academy', expiresOn })
        ids[title] = res.json().id
      }
    })

    it('gives owners every credential and a practitioner their own only', async () => {
      const all = (await owner()('GET', `${base}/credentials`)).json().items as { title: string }[]
      expect(all.map((c) => c.title)).toEqual(['expired', 'today', 'colleague-soon', 'soon', 'later', 'never'])
      const own = await as(server, clinic.users.practitioner)('GET', `${base}/credentials`)
      expect(own.json().items.map((c: { title: string }) => c.title)).not.toContain('colleague-soon')
      expect(own.json().items.length).toBe(5)
      const snooping = await as(server, clinic.users.practitioner)(
        'GET',
        `${base}/credentials?membershipId=${colleague}`
      )
      expect(snooping.statusCode).toBe(403)
      const filtered = await owner()('GET', `${base}/credentials?membershipId=${colleague}`)
      expect(filtered.json().items.map((c: { title: string }) => c.title)).toEqual(['colleague-soon'])
      expect((await as(server, clinic.users.front_desk)('GET', `${base}/credentials`)).statusCode).toBe(403)
    })

    it('lists expired and soon-expiring credentials with the days left (default 60 days)', async () => {
      const res = await owner()('GET', `${base}/credentials/expiring`)
      expect(res.statusCode, res.body).toBe(200)
      const body = res.json()
      expect(body.withinDays).toBe(60)
      expect(body.asOf).toBe(inDays(0))
      expect(
        body.items.map((c: { title: string; daysLeft: number; expired: boolean }) => [c.title, c.daysLeft, c.expired])
      ).toEqual([
        ['expired', -3, true],
        ['today', 0, false],
        ['colleague-soon', 10, false],
        ['soon', 29, false],
      ])
      const wide = (await owner()('GET', `${base}/credentials/expiring?withinDays=365`)).json()
      expect(wide.items.map((c: { title: string }) => c.title)).toContain('later')
      expect(wide.items.map((c: { title: string }) => c.title)).not.toContain('never')
      const narrow = (await owner()('GET', `${base}/credentials/expiring?withinDays=0`)).json()
      expect(narrow.items.map((c: { title: string }) => c.title)).toEqual(['expired', 'today'])
      const mine = (await as(server, clinic.users.practitioner)('GET', `${base}/credentials/expiring`)).json()
      expect(mine.items.map((c: { title: string }) => c.title)).toEqual(['expired', 'today', 'soon'])
    })

    it('refuses withinDays outside 0–365 at query.withinDays', async () => {
      for (const q of ['366', '-1', 'soon', '2.5']) {
        const res = await owner()('GET', `${base}/credentials/expiring?withinDays=${q}`)
        expect({ q, status: res.statusCode }).toEqual({ q, status: 400 })
        expect(res.json().errors[0].path).toBe('query.withinDays')
      }
    })
  })
})
