// The audit log as the owner reads it: people and records by name ("Erased client" after an erasure), filtered by
// who, what and when on the server, a page at a time.
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { as, createTestClinic, openTestServer, type TestClinic, type TestServer } from '../../test/harness.ts'

type Entry = {
  id: number
  actorName: string | null
  actorUserId: string | null
  action: string
  entity: string
  entityLabel: string
  clientName: string | null
  atLocal: { date: string; time: string; offsetMinutes: number }
}

describeEachDatabase('the audit log by name, with filters', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let base: string
  const ids = { zoe: '', erased: '' }
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Audit Clinic')
    base = `/api/v1/clinics/${clinic.clinicId}`
    await server.db
      .updateTable('memberships')
      .set({ display_name: 'Maya Chen' })
      .where('id', '=', clinic.users.owner.membershipId)
      .execute()
    await server.db
      .updateTable('memberships')
      .set({ display_name: 'Sam Okafor' })
      .where('id', '=', clinic.users.practitioner.membershipId)
      .execute()
    const owner = as(server, clinic.users.owner)
    ids.zoe = (await owner('POST', `${base}/clients`, { givenName: 'Zoë', familyName: 'Quinn' })).json().id
    ids.erased = (await owner('POST', `${base}/clients`, { givenName: 'Ernest', familyName: 'Gone' })).json().id
    await as(server, clinic.users.practitioner)('GET', `${base}/clients/${ids.zoe}`)
    await owner('GET', `${base}/clients/${ids.erased}`)
    const erased = await owner('POST', `${base}/clients/${ids.erased}/erase`, { reason: "client's written request" })
    expect(erased.statusCode, erased.body).toBeLessThan(300)
  })
  afterAll(async () => {
    await server.close()
  })

  const read = async (query: string) => {
    const res = await as(server, clinic.users.owner)('GET', `${base}/audit${query}`)
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as { items: Entry[]; nextBefore: number | null }
  }

  it('names the person who acted and the client whose record it was, never a bare id', async () => {
    const { items } = await read('')
    const samRead = items.find((e) => e.actorName === 'Sam Okafor' && e.entity === 'client-file')
    expect(samRead).toMatchObject({ action: 'read', entityLabel: 'client file', clientName: 'Zoë Quinn' })
    // an erased client's entries stay, under "Erased client" and no longer their name
    const ofErased = items.filter((e) => e.clientName === 'Erased client')
    expect(ofErased.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'read', 'erase']))
    expect(JSON.stringify(items)).not.toContain('Ernest')
    // the wall-clock time, as the clinic's location reads it (Toronto)
    expect(samRead?.atLocal.offsetMinutes).toBeLessThanOrEqual(-240)
    expect(samRead?.atLocal.time).toMatch(/^[0-2][0-9]:[0-5][0-9]$/)
  })

  it('filters by who, by what (action and record kind) and by when, on the server', async () => {
    const bySam = await read(`?actorUserId=${clinic.users.practitioner.userId}`)
    expect(bySam.items.length).toBeGreaterThan(0)
    expect(new Set(bySam.items.map((e) => e.actorName))).toEqual(new Set(['Sam Okafor']))
    const creates = await read('?action=create&entity=client')
    expect(creates.items.map((e) => e.clientName).sort()).toEqual(['Erased client', 'Zoë Quinn'])
    const today = (await read('?limit=1')).items[0]?.atLocal.date ?? ''
    expect((await read(`?from=${today}&to=${today}`)).items.length).toBeGreaterThan(3)
    const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    expect((await read(`?from=${tomorrow}`)).items).toEqual([])
    expect((await read('?to=2020-01-01')).items).toEqual([])
  })

  it('pages through the filtered log without gaps or repeats', async () => {
    const all = (await read('?action=read&limit=500')).items.map((e) => e.id)
    const seen: number[] = []
    let before: number | null = null
    do {
      const page: { items: Entry[]; nextBefore: number | null } = await read(
        `?action=read&limit=2${before === null ? '' : `&before=${before}`}`
      )
      seen.push(...page.items.map((e) => e.id))
      before = page.nextBefore
    } while (before !== null)
    // reading the log is itself a read: later pages may include entries made while paging, never miss one
    expect(seen.filter((id) => all.includes(id))).toEqual(all)
  })

  it('offers the people, actions and record kinds in the log as filters', async () => {
    const res = await as(server, clinic.users.owner)('GET', `${base}/audit/filters`)
    expect(res.statusCode).toBe(200)
    const filters = res.json() as {
      people: { userId: string; name: string; role: string }[]
      actions: string[]
      entities: { entity: string; label: string }[]
    }
    expect(filters.people).toEqual(
      expect.arrayContaining([
        { userId: clinic.users.owner.userId, name: 'Maya Chen', role: 'owner' },
        { userId: clinic.users.practitioner.userId, name: 'Sam Okafor', role: 'practitioner' },
      ])
    )
    expect(filters.actions).toEqual(expect.arrayContaining(['create', 'read', 'erase']))
    expect(filters.entities).toContainEqual({ entity: 'client-file', label: 'client file' })
    // owners only
    const desk = await as(server, clinic.users.front_desk)('GET', `${base}/audit/filters`)
    expect(desk.statusCode).toBe(403)
  })

  it('refuses a bad filter at its name', async () => {
    const res = await as(server, clinic.users.owner)('GET', `${base}/audit?from=2026-13-01&to=yesterday&action=DROP`)
    expect(res.statusCode).toBe(400)
    const paths = (res.json() as { errors: { path: string }[] }).errors.map((e) => e.path).sort()
    expect(paths).toEqual(['query.action', 'query.from', 'query.to'])
    const backwards = await as(server, clinic.users.owner)('GET', `${base}/audit?from=2026-12-07&to=2026-12-01`)
    expect(backwards.json().errors).toEqual([{ path: 'query.to', message: 'must be on or after the from date' }])
  })
})
