// The tenancy sweep: every clinic route in the OpenAPI document, as every role of another clinic (404), as every
// role of the clinic itself (403 exactly where the role is not allowed), and signed out (401).
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  as,
  createTestClinic,
  openTestServer,
  type TestClinic,
  type TestServer,
  testJpeg,
  uploadTestPhoto,
  validSession,
} from '../test/harness.ts'

type Operation = { operationId: string; 'x-stipple-access': { kind: string; roles?: string[] } }
const ROLES = ['owner', 'practitioner', 'front_desk', 'client'] as const
const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const

describeEachDatabase('tenancy sweep over the OpenAPI document', (database) => {
  let server: TestServer
  let a: TestClinic
  let b: TestClinic
  let clientOfA: string
  let clientOfB: string
  /** Erased by the sweep's allowed owner: a client of B of its own, so the other routes keep clientOfB. */
  let erasedOfB: string
  const photoOf: Record<string, string> = {}
  /** Distinct images, so each allowed upload is new content (an identical one would be 409). */
  const images: Buffer[] = []
  let nextImage = 0
  beforeAll(async () => {
    server = await openTestServer(database())
    a = await createTestClinic(server, 'Clinic A')
    b = await createTestClinic(server, 'Clinic B')
    clientOfA = (
      await as(server, a.users.owner)('POST', `/api/v1/clinics/${a.clinicId}/clients`, {
        givenName: 'Ann',
        familyName: 'Alpha',
      })
    ).json().id
    clientOfB = (
      await as(server, b.users.owner)('POST', `/api/v1/clinics/${b.clinicId}/clients`, {
        givenName: 'Bob',
        familyName: 'Beta',
      })
    ).json().id
    await as(server, a.users.practitioner)(
      'POST',
      `/api/v1/clinics/${a.clinicId}/clients/${clientOfA}/sessions`,
      validSession(a)
    )
    // the client role's portal account is a client record of its clinic (the portal export needs one)
    await server.db.updateTable('clients').set({ user_id: b.users.client.userId }).where('id', '=', clientOfB).execute()
    await server.db.updateTable('clients').set({ user_id: a.users.client.userId }).where('id', '=', clientOfA).execute()
    erasedOfB = (
      await as(server, b.users.owner)('POST', `/api/v1/clinics/${b.clinicId}/clients`, {
        givenName: 'Eve',
        familyName: 'Erased',
      })
    ).json().id
    photoOf[clientOfA] = await uploadTestPhoto(server, a.users.practitioner, a.clinicId, clientOfA)
    photoOf[clientOfB] = await uploadTestPhoto(server, b.users.practitioner, b.clinicId, clientOfB)
    for (let i = 0; i < 64; i++) images.push(await testJpeg(100_000 + i))
  })
  afterAll(async () => {
    await server.close()
  })

  /** A valid body per write operation, so a refusal is about access and not about input. */
  const bodies = (clinic: TestClinic): Record<string, unknown> => ({
    createClient: { givenName: 'Mallory', familyName: 'Intruder' },
    updateClient: { familyName: 'Renamed' },
    createIntake: {
      document: {
        schema: 'stipple.intake/v1',
        client: { sex: 'male', age: 40, fitzpatrick: 3, hairColor: 'black', hairLength: 'shaved' },
        hairLoss: { scale: 'norwood', stage: '4' },
      },
    },
    createSessionRecord: validSession(clinic),
    get uploadPhoto() {
      return images[nextImage++ % images.length]
    },
    updatePhotoConsent: { consent: 'clinical-only' },
    eraseClient: { reason: 'tenancy sweep' },
  })
  const queries: Record<string, string> = {
    lotRecall: '?lot=PB-2409-117',
    uploadPhoto: '?angle=top&takenOn=2026-11-21',
  }

  function clinicOperations() {
    const paths = server.openApi.paths as Record<string, Record<string, Operation>>
    const out: { method: (typeof METHODS)[number]; path: string; op: Operation }[] = []
    for (const [path, item] of Object.entries(paths)) {
      for (const method of METHODS) {
        const op = item[method]
        if (op?.['x-stipple-access'].kind === 'clinic') out.push({ method, path, op })
      }
    }
    return out
  }

  const url = (path: string, clinicId: string, clientId: string, op: Operation) =>
    path
      .replace('{clinicId}', clinicId)
      .replace('{clientId}', op.operationId === 'eraseClient' && clientId === clientOfB ? erasedOfB : clientId)
      .replace('{photoId}', photoOf[clientId] ?? '') + (queries[op.operationId] ?? '')

  it('documents every clinic route with its roles', () => {
    const ops = clinicOperations()
    expect(ops.length).toBeGreaterThanOrEqual(8)
    for (const { path } of ops) expect(path).toMatch(/^\/api\/v1\/clinics\/\{clinicId\}\//)
  })

  it("gives every role of another clinic 404 on this clinic's routes, and changes nothing", async () => {
    const before = await server.db.selectFrom('clients').select('id').where('clinic_id', '=', a.clinicId).execute()
    for (const { method, path, op } of clinicOperations()) {
      for (const role of ROLES) {
        const res = await as(server, b.users[role])(
          method.toUpperCase() as 'GET',
          url(path, a.clinicId, clientOfA, op),
          bodies(b)[op.operationId]
        )
        expect({ op: op.operationId, role, status: res.statusCode }).toEqual({ op: op.operationId, role, status: 404 })
        expect(res.body).not.toContain('Alpha')
      }
    }
    const after = await server.db
      .selectFrom('clients')
      .select(['id', 'family_name'])
      .where('clinic_id', '=', a.clinicId)
      .execute()
    expect(after.length).toBe(before.length)
    expect(after.map((c) => c.family_name)).not.toContain('Renamed')
  })

  it("gives 404 for another clinic's client reached through one's own clinic", async () => {
    for (const { method, path, op } of clinicOperations().filter((o) => o.path.includes('{clientId}'))) {
      const allowed = op['x-stipple-access'].roles ?? []
      for (const role of ROLES) {
        const res = await as(server, b.users[role])(
          method.toUpperCase() as 'GET',
          url(path, b.clinicId, clientOfA, op),
          bodies(b)[op.operationId]
        )
        expect({ op: op.operationId, role, status: res.statusCode }).toEqual({
          op: op.operationId,
          role,
          status: allowed.includes(role) ? 404 : 403,
        })
      }
    }
  })

  it('gives each role of the clinic 403 exactly where its role is not allowed', async () => {
    for (const { method, path, op } of clinicOperations()) {
      const allowed = op['x-stipple-access'].roles ?? []
      for (const role of ROLES) {
        const res = await as(server, b.users[role])(
          method.toUpperCase() as 'GET',
          url(path, b.clinicId, clientOfB, op),
          bodies(b)[op.operationId]
        )
        if (allowed.includes(role))
          expect({ op: op.operationId, role, status: res.statusCode < 300 }).toEqual({
            op: op.operationId,
            role,
            status: true,
          })
        else
          expect({ op: op.operationId, role, status: res.statusCode }).toEqual({
            op: op.operationId,
            role,
            status: 403,
          })
      }
    }
  })

  it('gives 401 to a request without a session, on every route but the public ones', async () => {
    const paths = server.openApi.paths as Record<string, Record<string, Operation>>
    for (const [path, item] of Object.entries(paths)) {
      for (const method of METHODS) {
        const op = item[method]
        if (op === undefined || op['x-stipple-access'].kind === 'public') continue
        const res = await server.app.inject({
          method: method.toUpperCase() as 'GET',
          url: url(path, a.clinicId, clientOfA, op),
        })
        expect({ op: op.operationId, status: res.statusCode }).toEqual({ op: op.operationId, status: 401 })
      }
    }
  })
})
