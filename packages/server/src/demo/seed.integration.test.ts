// The demo clinic: two locations, three practitioners, twenty clients at every stage, with valid intakes, engine-made
// designs, and session records that follow each client's treatment plan.
import { CLIENT_STAGES, parseDesignDocument, parseIntake } from '@stipple/domain'
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openTestServer, signIn, type TestServer } from '../test/harness.ts'
import { DEMO_PASSWORD, demoSignIns, seedDemoIfEmpty } from './seed.ts'

describeEachDatabase('the demo clinic', (database) => {
  let server: TestServer
  const rows = async <T>(text: string) => (await server.pool.query(text)).rows as T[]
  beforeAll(async () => {
    server = await openTestServer(database())
  })
  afterAll(async () => {
    await server.close()
  })

  it('is created once, on an empty database', async () => {
    expect(await demoSignIns(server.db)).toBeNull()
    expect(await seedDemoIfEmpty(server.db, server.auth)).toBe(true)
    expect(await seedDemoIfEmpty(server.db, server.auth)).toBe(false)
    expect((await demoSignIns(server.db))?.map((s) => s.role)).toEqual([
      'owner',
      'practitioner',
      'practitioner',
      'practitioner',
      'front_desk',
      'client',
    ])
    expect(await rows('select name from locations')).toHaveLength(2)
  }, 60_000)

  it('gives one in-course client a portal sign-in that opens their own designs', async () => {
    const portal = (await demoSignIns(server.db))?.find((s) => s.role === 'client')
    if (portal === undefined) throw new Error('no demo portal sign-in')
    const { cookie } = await signIn(server, portal.email, DEMO_PASSWORD)
    const me = await server.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })
    const clinicId = me.json().memberships[0].clinicId as string
    const designs = await server.app.inject({
      method: 'GET',
      url: `/api/v1/clinics/${clinicId}/portal/designs`,
      headers: { cookie },
    })
    expect(designs.statusCode).toBe(200)
    expect(designs.json().items.length).toBeGreaterThan(0)
    const client = await rows<{ stage: string }>(
      `select stage from clients where user_id = (select id from auth_user where email = '${portal.email}')`
    )
    expect(client).toEqual([{ stage: 'in-course' }])
  })

  it('gives each demo client their own phone number, and an email with every letter of their name', async () => {
    const clients = await rows<{ given_name: string; family_name: string; email: string; phone: string }>(
      'select given_name, family_name, email, phone from clients'
    )
    expect(clients).toHaveLength(20)
    expect(new Set(clients.map((c) => c.phone)).size).toBe(20)
    for (const c of clients) expect(c.phone).toMatch(/^\+1 (416|604) 555 01[0-9]{2}$/)
    const locations = await rows<{ phone: string }>('select phone from locations')
    for (const l of locations) expect(clients.map((c) => c.phone)).not.toContain(l.phone)
    expect(clients.find((c) => c.family_name === 'García')?.email).toBe('mateo.garcia@example.com')
    for (const c of clients) expect(c.email).toMatch(/^[a-z]+\.[a-z]+@example\.com$/)
  })

  it('has twenty clients at every stage from enquiry to touch-up, each with a valid intake past enquiry', async () => {
    const clients = await rows<{ stage: string; intakes: number }>(
      'select c.stage, count(i.id)::int as intakes from clients c left join intakes i on i.client_id = c.id group by c.id'
    )
    expect(clients).toHaveLength(20)
    expect(new Set(clients.map((c) => c.stage))).toEqual(new Set(CLIENT_STAGES.filter((s) => s !== 'closed')))
    for (const c of clients) expect(c.intakes).toBe(c.stage === 'enquiry' ? 0 : 1)
    for (const { document } of await rows<{ document: unknown }>('select document from intakes')) {
      const parsed = parseIntake(document)
      expect(parsed.success, JSON.stringify(parsed)).toBe(true)
    }
  })

  it('stores valid engine designs, approved from in-course on', async () => {
    const designs = await rows<{ stage: string; document: unknown; approved: boolean }>(
      `select c.stage, v.document, a.id is not null as approved from design_versions v
       join designs d on d.id = v.design_id join clients c on c.id = d.client_id
       left join design_approvals a on a.design_version_id = v.id`
    )
    expect(designs).toHaveLength(14)
    for (const d of designs) {
      const parsed = parseDesignDocument(d.document)
      expect(parsed.success, JSON.stringify(parsed).slice(0, 500)).toBe(true)
      expect(d.approved).toBe(d.stage !== 'design')
    }
  })

  it('records sessions whose impressions and durations are the treatment plan’s', async () => {
    const plans = await rows<{
      stage: string
      plan: { sessions: { index: number; impressions: number; durationMinutes: number; dots: number }[] }
      sessions: { index: number; impressions: number; minutes: number }[]
    }>(
      `select c.stage, p.plan, coalesce(json_agg(json_build_object('index', s.session_index,
         'impressions', s.impressions, 'minutes', s.duration_minutes) order by s.session_index)
         filter (where s.id is not null), '[]') as sessions
       from treatment_plans p join clients c on c.id = p.client_id
       left join session_records s on s.client_id = c.id group by c.id, p.id`
    )
    expect(plans).toHaveLength(11)
    for (const p of plans) {
      expect(p.sessions.length).toBeGreaterThan(0)
      if (p.stage !== 'in-course') expect(p.sessions).toHaveLength(p.plan.sessions.length)
      else expect(p.sessions.length).toBeLessThan(p.plan.sessions.length)
      for (const s of p.sessions) {
        const planned = p.plan.sessions[s.index - 1]
        expect(planned?.dots).toBeGreaterThan(0)
        expect(s).toEqual({ index: s.index, impressions: planned?.impressions, minutes: planned?.durationMinutes })
      }
    }
  })
})
