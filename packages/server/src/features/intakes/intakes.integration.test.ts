// Recording an intake over HTTP: the body is checked by the domain's intake schema at the route, so a wrong code or
// an out-of-range answer is a 400 naming its path and nothing is written; a field not answered yet is recorded and
// left for the consultation to ask for.
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { as, createTestClinic, openTestServer, type TestClinic, type TestServer } from '../../test/harness.ts'

const INTAKE = {
  schema: 'stipple.intake/v1',
  client: { sex: 'female', age: 38, fitzpatrick: 2, hairColor: 'brown', hairLength: 'short' },
  hairLoss: { scale: 'ludwig', stage: 'II' },
  medical: { conditions: ['keloid-prone'], medications: [{ name: 'minoxidil' }] },
}

describeEachDatabase('intakes: the domain intake schema at POST …/intakes', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let path: string
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Intake Clinic')
    const base = `/api/v1/clinics/${clinic.clinicId}`
    const client = await as(server, clinic.users.owner)('POST', `${base}/clients`, {
      givenName: 'Ida',
      familyName: 'Intake',
    })
    path = `${base}/clients/${client.json().id}/intakes`
  })
  afterAll(async () => {
    await server.close()
  })

  const count = async () => (await as(server, clinic.users.practitioner)('GET', path)).json().items.length

  it('refuses a wrong code or answer with 400 at its path, and records nothing', async () => {
    const cases: [unknown, string][] = [
      [{ ...INTAKE, medical: { conditions: ['keloid-prone', 'sunburnt'] } }, 'body.document.medical.conditions[1]'],
      [
        { ...INTAKE, medical: { medications: [{ name: 'aspirin', lastDoseDaysAgo: -1 }] } },
        'body.document.medical.medications[0].lastDoseDaysAgo',
      ],
      [{ ...INTAKE, hairLoss: { scale: 'norwood', stage: '9Z' } }, 'body.document.hairLoss.stage'],
      [{ ...INTAKE, client: { ...INTAKE.client, fitzpatrick: 7 } }, 'body.document.client.fitzpatrick'],
      [{ ...INTAKE, client: { ...INTAKE.client, eyes: 'blue' } }, 'body.document.client.eyes'],
      [{ ...INTAKE, goal: 'more hair' }, 'body.document.goal'],
      [{ ...INTAKE, scars: [{ kind: 'fut', lengthMm: 2, widthMm: 3 }] }, 'body.document.scars[0].lengthMm'],
    ]
    const before = await count()
    for (const [document, at] of cases) {
      const res = await as(server, clinic.users.practitioner)('POST', path, { document })
      expect({ at, status: res.statusCode }).toEqual({ at, status: 400 })
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([at])
    }
    expect(await count()).toBe(before)
  })

  it('records a good intake (201) as written, and one with answers still to come', async () => {
    const good = await as(server, clinic.users.practitioner)('POST', path, { document: INTAKE })
    expect(good.statusCode, good.body).toBe(201)
    expect(good.json().document).toEqual(INTAKE)
    const partial = {
      schema: 'stipple.intake/v1',
      client: { sex: 'male', age: 41 },
      hairLoss: { scale: 'norwood', stage: '5A' },
    }
    const later = await as(server, clinic.users.practitioner)('POST', path, { document: partial })
    expect(later.statusCode, later.body).toBe(201)
    expect(later.json()).toMatchObject({ version: good.json().version + 1, document: partial })
  })
})
