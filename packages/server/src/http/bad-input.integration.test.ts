// Bad input on every write route of the OpenAPI document: wrong types, missing and unknown fields, huge strings,
// SQL and script injection, broken JSON. Always a 4xx problem with field paths (never a 5xx), and nothing written;
// injection text in a free-text field is stored verbatim as data, never interpreted.
import { describeEachDatabase } from '@stipple/testkit'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  as,
  createTestClinic,
  openTestServer,
  type TestClinic,
  type TestServer,
  uploadTestPhoto,
  validSession,
} from '../test/harness.ts'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonSchema = {
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
}
type Segment = string | number

const INJECTIONS = ["Robert'); DROP TABLE clients;--", '<script>alert(1)</script>', "' OR '1'='1", `\${7*7}{{7*7}}`]
const HUGE = 'x'.repeat(200_000)

/** The domain's path format: `needles[0].lot`. */
const formatPath = (path: Segment[]) =>
  path.reduce<string>((out, k) => (typeof k === 'number' ? `${out}[${k}]` : out === '' ? k : `${out}.${k}`), '')

function leaves(value: Json, path: Segment[] = []): { path: Segment[]; value: Json }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]))
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))
  return [{ path, value }]
}

function withValue(body: Json, path: Segment[], value: Json | undefined): Json {
  const copy = structuredClone(body) as { [key: string]: Json }
  let parent: Json = copy
  for (const key of path.slice(0, -1)) parent = (parent as Record<string, Json>)[key as string] as Json
  const last = path.at(-1) as string
  if (value === undefined) delete (parent as Record<string, Json>)[last]
  else (parent as Record<string, Json>)[last] = value
  return copy
}

/** Whether the request schema requires the last key of `path` in its object. */
function isRequired(schema: JsonSchema, path: Segment[]): boolean {
  let s: JsonSchema | undefined = schema
  const pick = (x: JsonSchema | undefined) =>
    x?.anyOf?.find((o) => o.properties !== undefined || o.items !== undefined) ?? x
  for (const key of path.slice(0, -1)) {
    s = pick(s)
    s = typeof key === 'number' ? s?.items : s?.properties?.[key]
  }
  s = pick(s)
  return s?.required?.includes(String(path.at(-1))) ?? false
}

/**
 * The fields inside an intake's parts (`document.client.age`…) are the intake schema's to check, and that schema is
 * not wired in yet (it is being written beside this); until then only the envelope is checked here.
 */
const insideIntakeParts = (operationId: string, path: Segment[]) =>
  operationId === 'createIntake' && path.length > 2 && path[0] === 'document'

const wrongType = (v: Json): Json =>
  typeof v === 'string' ? 12345 : typeof v === 'number' ? 'twelve' : typeof v === 'boolean' ? 'yes' : 'text'

describeEachDatabase('bad input on every write route', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let clientId: string
  let photoId: string
  /** Clients for eraseClient: each accepted erase uses one up (a second erase of one client is 409). */
  const eraseTargets: string[] = []
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Input Clinic')
    clientId = (
      await as(server, clinic.users.owner)('POST', `/api/v1/clinics/${clinic.clinicId}/clients`, {
        givenName: 'Ivy',
        familyName: 'Input',
      })
    ).json().id
    photoId = await uploadTestPhoto(server, clinic.users.owner, clinic.clinicId, clientId)
    for (let i = 0; i < 8; i++) {
      const target = await as(server, clinic.users.owner)('POST', `/api/v1/clinics/${clinic.clinicId}/clients`, {
        givenName: 'Erin',
        familyName: `Erasable ${String.fromCharCode(65 + i)}`,
      })
      eraseTargets.push(target.json().id)
    }
  })
  afterAll(async () => {
    await server.close()
  })

  const TABLES = [
    'clients',
    'intakes',
    'session_records',
    'session_needles',
    'session_pigments',
    'adverse_events',
    'photos',
  ] as const
  const counts = async () => {
    const out: Record<string, number> = {}
    for (const t of TABLES)
      out[t] = Number(
        (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(server.db)).rows[0]?.n
      )
    return out
  }

  const valid = (): Record<string, { url: string; method: 'POST' | 'PATCH'; body: Json }> => {
    const base = `/api/v1/clinics/${clinic.clinicId}`
    return {
      createClient: {
        method: 'POST',
        url: `${base}/clients`,
        body: {
          givenName: 'Zoë',
          familyName: 'Quinn-Smith',
          email: 'zoe@example.com',
          phone: '+44 20 7946 0000',
          dateOfBirth: '1985-02-03',
          stage: 'enquiry',
          homeLocationId: clinic.locationId,
          consents: { careEmail: true, careSms: false, marketingEmail: false, marketingSms: false },
        },
      },
      updateClient: {
        method: 'PATCH',
        url: `${base}/clients/${clientId}`,
        body: {
          familyName: 'Changed',
          stage: 'design',
          consents: { careEmail: true, careSms: true, marketingEmail: false, marketingSms: false },
        },
      },
      createIntake: {
        method: 'POST',
        url: `${base}/clients/${clientId}/intakes`,
        body: {
          document: {
            schema: 'stipple.intake/v1',
            client: { sex: 'male', age: 41 },
            hairLoss: { scale: 'norwood', stage: '5A' },
          },
        },
      },
      createSessionRecord: {
        method: 'POST',
        url: `${base}/clients/${clientId}/sessions`,
        body: validSession(clinic, {
          impressions: 12000,
          durationMinutes: 180,
          adverseEvents: [
            {
              kind: 'infection',
              severity: 'moderate',
              description: 'Pustules at the crown',
              notedAt: '2026-11-23T10:00:00Z',
            },
          ],
        }) as Json,
      },
      updatePhotoConsent: {
        method: 'PATCH',
        url: `${base}/clients/${clientId}/photos/${photoId}/consent`,
        body: { consent: 'clinical-only' },
      },
      eraseClient: {
        method: 'POST',
        url: `${base}/clients/${eraseTargets[0]}/erase`,
        body: { reason: "client's written request" },
      },
    }
  }

  it('covers every write route of the OpenAPI document', () => {
    const paths = server.openApi.paths as Record<
      string,
      Record<
        string,
        {
          operationId: string
          requestBody?: { content: Record<string, unknown> }
          'x-stipple-access': { kind: string }
        }
      >
    >
    // JSON bodies; the photo upload's image bodies are refused in features/photos/photos.integration.test.ts
    const writes = Object.values(paths)
      .flatMap((item) => Object.values(item))
      .filter(
        (op) => op.requestBody?.content['application/json'] !== undefined && op['x-stipple-access'].kind === 'clinic'
      )
      .map((op) => op.operationId)
    expect(writes.sort()).toEqual(Object.keys(valid()).sort())
  })

  for (const operationId of [
    'createClient',
    'updateClient',
    'createIntake',
    'createSessionRecord',
    'updatePhotoConsent',
    'eraseClient',
  ]) {
    describe(operationId, () => {
      const send = async (body: unknown, extra: { raw?: string; contentType?: string } = {}) => {
        const route = valid()[operationId]
        if (route === undefined) throw new Error(operationId)
        const res = await server.app.inject({
          method: route.method,
          url: route.url,
          headers: {
            cookie: clinic.users.owner.cookie,
            'x-csrf-token': clinic.users.owner.csrf,
            'content-type': extra.contentType ?? 'application/json',
          },
          payload: extra.raw ?? JSON.stringify(body),
        })
        if (operationId === 'eraseClient' && res.statusCode < 300) eraseTargets.shift()
        return res
      }
      const schemaOf = () => {
        const paths = server.openApi.paths as Record<
          string,
          Record<
            string,
            { operationId: string; requestBody?: { content: { 'application/json': { schema: JsonSchema } } } }
          >
        >
        const op = Object.values(paths)
          .flatMap((i) => Object.values(i))
          .find((o) => o.operationId === operationId)
        return op?.requestBody?.content['application/json'].schema ?? {}
      }

      it('accepts the valid body (the baseline the mutations start from)', async () => {
        const res = await send(valid()[operationId]?.body)
        expect(res.statusCode, res.body).toBeLessThan(300)
      })

      it('refuses broken bodies as a whole: not JSON, not an object, empty, too large, wrong content type', async () => {
        const before = await counts()
        const cases: [number, Awaited<ReturnType<typeof send>>][] = [
          [400, await send(null, { raw: '{"givenName": ' })],
          [400, await send([1, 2, 3])],
          [400, await send('just a string')],
          [400, await send(null)],
          [413, await send(null, { raw: JSON.stringify({ notes: 'y'.repeat(2_000_000) }) })],
          [415, await send(null, { raw: 'givenName=x', contentType: 'application/x-www-form-urlencoded' })],
        ]
        for (const [status, res] of cases) {
          expect(res.statusCode, res.body).toBe(status)
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
        }
        expect(await counts()).toEqual(before)
      })

      it('reports each wrong type, missing required field, unknown field and huge string at its path', async () => {
        const base = valid()[operationId]?.body as Json
        const schema = schemaOf()
        for (const leaf of leaves(base).filter((l) => !insideIntakeParts(operationId, l.path))) {
          const pathText = `body.${formatPath(leaf.path)}`
          const mutations: { kind: string; body: Json; mustFail: boolean }[] = [
            { kind: 'wrong type', body: withValue(base, leaf.path, wrongType(leaf.value)), mustFail: true },
          ]
          if (typeof leaf.path.at(-1) === 'string') {
            mutations.push({
              kind: 'unknown field',
              body: withValue(base, [...leaf.path.slice(0, -1), 'sneaky'], 1),
              mustFail: true,
            })
            mutations.push({
              kind: 'missing',
              body: withValue(base, leaf.path, undefined),
              mustFail: isRequired(schema, leaf.path),
            })
          }
          if (typeof leaf.value === 'string')
            mutations.push({ kind: 'huge string', body: withValue(base, leaf.path, HUGE), mustFail: true })
          for (const m of mutations) {
            const before = await counts()
            const res = await send(m.body)
            const where = `${operationId} ${m.kind} at ${pathText}: ${res.statusCode} ${res.body.slice(0, 300)}`
            expect(res.statusCode, where).toBeLessThan(500)
            if (!m.mustFail && res.statusCode < 300) continue
            expect(res.statusCode, where).toBe(400)
            const expectedPath =
              m.kind === 'unknown field' ? `body.${formatPath([...leaf.path.slice(0, -1), 'sneaky'])}` : pathText
            const paths = (res.json() as { errors: { path: string }[] }).errors.map((e) => e.path)
            // a wrong type inside a nullable object is reported at the object
            expect(
              paths.some(
                (p) => p === expectedPath || expectedPath.startsWith(`${p}.`) || expectedPath.startsWith(`${p}[`)
              ),
              where
            ).toBe(true)
            expect(await counts(), where).toEqual(before)
          }
        }
      })

      it('treats SQL and script injection as inert text: refused by a field rule, or stored verbatim', async () => {
        const base = valid()[operationId]?.body as Json
        for (const leaf of leaves(base).filter((l) => typeof l.value === 'string')) {
          for (const attack of INJECTIONS) {
            const before = await counts()
            const res = await send(withValue(base, leaf.path, attack))
            const where = `${operationId} ${JSON.stringify(attack)} at body.${formatPath(leaf.path)}: ${res.statusCode}`
            expect(res.statusCode, where).toBeLessThan(500)
            if (res.statusCode >= 400) {
              expect(res.statusCode, where).toBe(400)
              expect(res.json().errors.length, where).toBeGreaterThan(0)
              expect(await counts(), where).toEqual(before)
            } else {
              expect(res.body, where).toContain(JSON.stringify(attack).slice(1, -1))
            }
          }
        }
        // the tables are all still there
        expect(Object.values(await counts()).every((n) => n >= 0)).toBe(true)
      })
    })
  }

  it('treats injection in query strings as search text', async () => {
    const base = `/api/v1/clinics/${clinic.clinicId}`
    for (const attack of INJECTIONS) {
      const search = await as(server, clinic.users.owner)('GET', `${base}/clients?q=${encodeURIComponent(attack)}`)
      expect(search.statusCode).toBe(200)
      expect(search.json().items).toEqual([])
      const recall = await as(server, clinic.users.owner)('GET', `${base}/lot-recall?lot=${encodeURIComponent(attack)}`)
      expect(recall.statusCode).toBe(400)
      expect(recall.json().errors[0].path).toBe('query.lot')
    }
    const unknown = await as(server, clinic.users.owner)('GET', `${base}/clients?limit=5000&sort=name`)
    expect(unknown.statusCode).toBe(400)
    expect(
      unknown
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort()
    ).toEqual(['query.limit', 'query.sort'])
  })
})
