// Consultations over HTTP: the domain's consult() on a stored intake at a location stores the screening and result,
// and creates the recommended design (version 1), its plan and quote; front desk sees the screening status only.
import { consult, IntakeSchema } from '@stipple/domain'
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { as, createTestClinic, openTestServer, type TestClinic, type TestServer } from '../../test/harness.ts'

const INTAKE = {
  schema: 'stipple.intake/v1',
  client: { sex: 'male', age: 46, fitzpatrick: 3, hairColor: 'dark-brown', hairLength: 'shaved' },
  hairLoss: { scale: 'norwood', stage: 'IV' },
  // a prescribed blood thinner: treatment only with the doctor's clearance (DOMAIN §6.1)
  medical: { medications: [{ name: 'anticoagulant' }] },
  // the location's price list wins over the intake's
  location: { priceList: 'us' },
}

describeEachDatabase('consultations: screening, result, recommended design, plan and quote', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let base: string
  let clientId: string
  let intakeId: string
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Consult Clinic')
    base = `/api/v1/clinics/${clinic.clinicId}`
    clientId = (
      await as(server, clinic.users.owner)('POST', `${base}/clients`, { givenName: 'Carl', familyName: 'Consult' })
    ).json().id
    const intake = await as(server, clinic.users.practitioner)('POST', `${base}/clients/${clientId}/intakes`, {
      document: INTAKE,
    })
    expect(intake.statusCode, intake.body).toBe(201)
    intakeId = intake.json().id
  })
  afterAll(async () => {
    await server.close()
  })

  it('stores the screening with its finding, and the design, plan and quote the domain gives for the intake', async () => {
    const res = await as(server, clinic.users.practitioner)('POST', `${base}/clients/${clientId}/consultations`, {
      intakeId,
      locationId: clinic.locationId,
      today: '2026-11-23',
    })
    expect(res.statusCode, res.body).toBe(201)
    const created = res.json()
    const expected = consult(IntakeSchema.parse({ ...INTAKE, location: { priceList: 'toronto' } }), {
      today: '2026-11-23',
    }).result
    expect(created.consultation).toMatchObject({
      clientId,
      intakeId,
      practitionerId: clinic.users.practitioner.membershipId,
      screeningStatus: 'not-suitable',
      screening: {
        status: 'not-suitable',
        findings: [expect.objectContaining({ code: 'anticoagulant', severity: 'block' })],
      },
    })
    expect(created.consultation.result.quote).toEqual(expected.quote)
    expect(created.consultation.result.plan.treatedAreaCm2).toBe(expected.plan.treatedAreaCm2)
    expect(created.consultation.result.design).toBeUndefined()
    const row = await server.db
      .selectFrom('consultations')
      .select(['screening_status', 'screening'])
      .where('id', '=', created.consultation.id)
      .executeTakeFirstOrThrow()
    expect(row.screening_status).toBe('not-suitable')
    expect(row.screening).toEqual(expected.screening)

    const design = (await as(server, clinic.users.practitioner)('GET', `${base}/designs/${created.designId}`)).json()
    expect(design).toMatchObject({ title: 'Recommended design', clientId, approval: null })
    expect(design.latest).toMatchObject({ id: created.designVersionId, version: 1, document: expected.design })
    const plan = (await as(server, clinic.users.front_desk)('GET', `${base}/plans/${created.planId}`)).json()
    expect(plan.designVersionId).toBe(created.designVersionId)
    expect(plan.plan.treatedAreaCm2).toBe(expected.plan.treatedAreaCm2)
    expect(plan.plan.sessions.map((s: { date: string }) => s.date)).toEqual(expected.plan.sessions.map((s) => s.date))
    expect(plan.quote).toMatchObject({
      id: created.quoteId,
      locationId: clinic.locationId,
      currency: 'CAD',
      priceList: 'toronto',
      totalMinor: Math.round(expected.quote.total * 100),
    })
    expect(plan.quote.lines.reduce((s: number, l: { amountMinor: number }) => s + l.amountMinor, 0)).toBe(
      plan.quote.totalMinor
    )
    const audited = await server.db
      .selectFrom('audit_log')
      .select(['action', 'entity'])
      .where('entity_id', '=', created.consultation.id)
      .execute()
    expect(audited).toEqual([{ action: 'create', entity: 'consultation' }])
  })

  it('shows front desk the screening status without findings or result, and clinical staff everything', async () => {
    const list = await as(server, clinic.users.front_desk)('GET', `${base}/clients/${clientId}/consultations`)
    expect(list.statusCode).toBe(200)
    const [first] = list.json().items
    expect(first).toMatchObject({ screeningStatus: 'not-suitable', screening: null, result: null })
    expect(list.body).not.toContain('blood thinner')
    const one = await as(server, clinic.users.front_desk)(
      'GET',
      `${base}/clients/${clientId}/consultations/${first.id}`
    )
    expect(one.json()).toMatchObject({ id: first.id, screening: null, result: null })
    const clinical = await as(server, clinic.users.owner)(
      'GET',
      `${base}/clients/${clientId}/consultations/${first.id}`
    )
    expect(clinical.json().screening.findings[0].message).toContain('blood thinner')
    expect(clinical.json().result.aftercare.length).toBeGreaterThan(0)
    const reads = await server.db
      .selectFrom('audit_log')
      .select(['entity', 'actor_role'])
      .where('client_id', '=', clientId)
      .where('action', '=', 'read')
      .where('entity', 'in', ['consultation', 'consultation-list'])
      .execute()
    expect(reads.length).toBe(3)
  })

  it("refuses another client's intake, an unknown location and a bad date at their paths, writing nothing", async () => {
    const other = (
      await as(server, clinic.users.owner)('POST', `${base}/clients`, { givenName: 'Ola', familyName: 'Other' })
    ).json().id
    const counts = async () =>
      Promise.all(
        (['consultations', 'designs', 'treatment_plans', 'quotes'] as const).map(
          async (t) => (await server.db.selectFrom(t).select('id').execute()).length
        )
      )
    const before = await counts()
    const send = (body: unknown) =>
      as(server, clinic.users.practitioner)('POST', `${base}/clients/${other}/consultations`, body)
    const cases: [unknown, number, string][] = [
      [{ intakeId, locationId: clinic.locationId }, 400, 'body.intakeId'],
      [{ intakeId, locationId: '00000000-0000-4000-8000-000000000000' }, 400, 'body.locationId'],
      [{ intakeId, locationId: clinic.locationId, today: '2026-02-30' }, 400, 'body.today'],
      [{ intakeId, locationId: clinic.locationId, extra: 1 }, 400, 'body.extra'],
    ]
    for (const [body, status, path] of cases) {
      const res = await send(body)
      expect({ path, status: res.statusCode }).toEqual({ path, status })
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path)
    }
    expect(await counts()).toEqual(before)
  })

  it('explains an intake too incomplete to consult on (422), naming the intake', async () => {
    const intake = await as(server, clinic.users.practitioner)('POST', `${base}/clients/${clientId}/intakes`, {
      document: {
        schema: 'stipple.intake/v1',
        client: { sex: 'male', age: 41 },
        hairLoss: { scale: 'norwood', stage: '5A' },
      },
    })
    expect(intake.statusCode, intake.body).toBe(201)
    const res = await as(server, clinic.users.practitioner)('POST', `${base}/clients/${clientId}/consultations`, {
      intakeId: intake.json().id,
      locationId: clinic.locationId,
    })
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().errors[0]).toMatchObject({
      path: 'body.intakeId',
      message: expect.stringContaining('client.fitzpatrick'),
    })
  })
})
