// Plans over HTTP: the plan and quote of a design version at a location equal the domain's planDesign with that
// location's price list; staff read them, the portal client reads their own only.
import { type PriceListId, parseDesignDocument, placeDesign, planDesign, toDesign } from '@stipple/domain'
import { describeEachDatabase } from '@stipple/testkit'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  as,
  createTestClinic,
  openTestServer,
  type TestClinic,
  type TestServer,
  validDesignDocument,
} from '../../test/harness.ts'

function domainPlan(document: unknown, priceList: PriceListId) {
  const parsed = parseDesignDocument(document)
  if (!parsed.success) throw new Error('the test design is not valid')
  return planDesign(placeDesign(toDesign(parsed.data)), priceList)
}

describeEachDatabase('plans and quotes', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let base: string
  let ownClient: string
  let otherClient: string
  let londonId: string
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Plan Clinic')
    base = `/api/v1/clinics/${clinic.clinicId}`
    const client = async (givenName: string) =>
      (await as(server, clinic.users.owner)('POST', `${base}/clients`, { givenName, familyName: 'Plan' })).json().id
    ownClient = await client('Pia')
    otherClient = await client('Otto')
    await server.db
      .updateTable('clients')
      .set({ user_id: clinic.users.client.userId })
      .where('id', '=', ownClient)
      .execute()
    londonId = (
      await server.db
        .insertInto('locations')
        .values({
          clinic_id: clinic.clinicId,
          name: 'London',
          address: JSON.stringify({ line1: '1 High St', city: 'London', country: 'GB' }),
          time_zone: 'Europe/London',
          opening_hours: JSON.stringify({}),
          price_list_id: 'uk',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  })
  afterAll(async () => {
    await server.close()
  })

  async function designVersion(clientId: string, document: unknown) {
    const res = await as(server, clinic.users.practitioner)('POST', `${base}/clients/${clientId}/designs`, {
      title: 'Plan me',
      document,
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json().versionId as string
  }

  it("gives the treated area, impressions and quote the domain computes, at each location's price list", async () => {
    const document = validDesignDocument({ zones: [{ ...validDesignDocument().zones[0], densityPerCm2: 90 }] })
    const versionId = await designVersion(ownClient, document)
    for (const [locationId, priceList, currency] of [
      [clinic.locationId, 'toronto', 'CAD'],
      [londonId, 'uk', 'GBP'],
    ] as const) {
      const res = await as(server, clinic.users.practitioner)('POST', `${base}/clients/${ownClient}/plans`, {
        designVersionId: versionId,
        locationId,
      })
      expect(res.statusCode, res.body).toBe(201)
      const expected = domainPlan(document, priceList)
      const { plan, quote, designVersionId } = res.json()
      expect(designVersionId).toBe(versionId)
      expect(plan.treatedAreaCm2).toBe(expected.plan.treatedAreaCm2)
      expect(plan.totalImpressions).toBe(expected.plan.totalImpressions)
      expect(plan.sessions.map((s: { durationMinutes: number }) => s.durationMinutes)).toEqual(
        expected.plan.sessions.map((s) => s.durationMinutes)
      )
      expect(quote).toMatchObject({ currency, priceList, locationId })
      expect(quote.totalMinor).toBe(expected.quote.totalMinor)
      expect(quote.lines).toEqual(expected.quote.lines.map((l) => ({ label: l.label, amountMinor: l.amountMinor })))
      const stored = await server.db
        .selectFrom('quotes')
        .select(['currency', 'total_minor'])
        .where('id', '=', quote.id)
        .executeTakeFirstOrThrow()
      expect(stored).toEqual({ currency, total_minor: quote.totalMinor })
    }
  })

  it('lets staff list and open plans, and the portal client list their own plans only', async () => {
    const theirs = await designVersion(otherClient, validDesignDocument({ seed: 9 }))
    const planned = await as(server, clinic.users.owner)('POST', `${base}/clients/${otherClient}/plans`, {
      designVersionId: theirs,
      locationId: clinic.locationId,
    })
    expect(planned.statusCode, planned.body).toBe(201)
    const list = await as(server, clinic.users.front_desk)('GET', `${base}/clients/${otherClient}/plans`)
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([planned.json().id])
    // a consultation's plan says why this many sessions, from the intake (skin type, scars): front desk does not get it
    const reason = 'A fourth session because very fair skin (type I) heals lighter.'
    await sql`update treatment_plans set plan = jsonb_set(plan::jsonb, '{sessionReason}', to_jsonb(${reason}::text))
      where id = ${planned.json().id}::uuid`.execute(server.db)
    const one = await as(server, clinic.users.front_desk)('GET', `${base}/plans/${planned.json().id}`)
    expect(one.json()).toEqual(planned.json())
    expect(one.body).not.toContain('type I')
    const ownerOne = await as(server, clinic.users.owner)('GET', `${base}/plans/${planned.json().id}`)
    expect(ownerOne.json()).toEqual({ ...planned.json(), plan: { ...planned.json().plan, sessionReason: reason } })
    const portal = await as(server, clinic.users.client)('GET', `${base}/portal/plans`)
    expect(portal.statusCode).toBe(200)
    const ids = portal.json().items.map((p: { id: string; clientId: string }) => p.clientId)
    expect(ids.length).toBe(2)
    expect(new Set(ids)).toEqual(new Set([ownClient]))
    const audited = await server.db
      .selectFrom('audit_log')
      .select('entity')
      .where('client_id', '=', otherClient)
      .where('entity', 'in', ['treatment-plan', 'treatment-plan-list'])
      .execute()
    expect(audited.length).toBe(4)
  })

  it('fails loudly (500) on a stored plan that does not match the domain schema, giving none of it', async () => {
    const versionId = await designVersion(otherClient, validDesignDocument({ seed: 11 }))
    const made = await as(server, clinic.users.owner)('POST', `${base}/clients/${otherClient}/plans`, {
      designVersionId: versionId,
      locationId: clinic.locationId,
    })
    expect(made.statusCode, made.body).toBe(201)
    const planId = made.json().id as string
    await server.db
      .updateTable('treatment_plans')
      .set({ plan: JSON.stringify({ ...made.json().plan, totalDots: 'lots' }) })
      .where('id', '=', planId)
      .execute()
    const read = await as(server, clinic.users.owner)('GET', `${base}/plans/${planId}`)
    expect(read.statusCode).toBe(500)
    expect(read.body).not.toContain('lots')
    await server.db
      .updateTable('treatment_plans')
      .set({ plan: JSON.stringify(made.json().plan) })
      .where('id', '=', planId)
      .execute()
    expect((await as(server, clinic.users.owner)('GET', `${base}/plans/${planId}`)).statusCode).toBe(200)
  })

  it("refuses another client's design version and an unknown location at their paths, writing nothing", async () => {
    const versionOfOther = await designVersion(otherClient, validDesignDocument({ seed: 11 }))
    const before = (await server.db.selectFrom('treatment_plans').select('id').execute()).length
    const wrongClient = await as(server, clinic.users.practitioner)('POST', `${base}/clients/${ownClient}/plans`, {
      designVersionId: versionOfOther,
      locationId: clinic.locationId,
    })
    expect(wrongClient.statusCode).toBe(400)
    expect(wrongClient.json().errors[0].path).toBe('body.designVersionId')
    const elsewhere = await createTestClinic(server, 'Elsewhere')
    const wrongLocation = await as(server, clinic.users.practitioner)('POST', `${base}/clients/${otherClient}/plans`, {
      designVersionId: versionOfOther,
      locationId: elsewhere.locationId,
    })
    expect(wrongLocation.statusCode).toBe(400)
    expect(wrongLocation.json().errors[0].path).toBe('body.locationId')
    expect((await server.db.selectFrom('treatment_plans').select('id').execute()).length).toBe(before)
  })

  it('explains a location whose price list Stipple does not know (422), writing nothing', async () => {
    const versionId = await designVersion(otherClient, validDesignDocument({ seed: 12 }))
    const unknown = await server.db
      .insertInto('locations')
      .values({
        clinic_id: clinic.clinicId,
        name: 'Pop-up',
        address: JSON.stringify({ line1: '2 Side St', city: 'Toronto', country: 'CA' }),
        time_zone: 'America/Toronto',
        opening_hours: JSON.stringify({}),
        price_list_id: 'paris',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const before = (await server.db.selectFrom('quotes').select('id').execute()).length
    const res = await as(server, clinic.users.practitioner)('POST', `${base}/clients/${otherClient}/plans`, {
      designVersionId: versionId,
      locationId: unknown.id,
    })
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().errors[0]).toMatchObject({ path: 'body.locationId', message: expect.stringContaining('"paris"') })
    expect((await server.db.selectFrom('quotes').select('id').execute()).length).toBe(before)
  })
})
