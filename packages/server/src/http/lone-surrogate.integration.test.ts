// Text that cannot be stored exactly as it was sent: a lone UTF-16 surrogate (JSON's "\ud800") and percent-escapes
// that are not UTF-8. On EVERY write route of the OpenAPI document — public, signed-in and clinic — each string field
// the request schema has is refused with 400 at its path, before anything is written; never a 500 and never text
// silently turned into U+FFFD. A surrogate pair (an emoji) is an ordinary character and is stored exactly.
import { describeEachDatabase } from '@stipple/testkit'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { as, createTestClinic, openTestServer, type TestClinic, type TestServer } from '../test/harness.ts'

type JsonSchema = {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  additionalProperties?: boolean | JsonSchema
}
type Operation = {
  operationId: string
  requestBody?: { content: Record<string, { schema: JsonSchema }> }
  'x-stipple-access': { kind: 'public' | 'signed-in' | 'clinic'; roles?: string[] }
}
type Segment = string | number

const LONE = 'Zo\ud800ë'

/**
 * Every place a string can go in a request schema, as the smallest JSON value that puts LONE there: `{ a: { b: LONE } }`
 * for `a.b`, `[LONE]` for an array of strings, `{ anyKey: LONE }` for a record of strings.
 */
function stringPlaces(schema: JsonSchema, path: Segment[] = [], depth = 0): { path: Segment[]; value: unknown }[] {
  if (depth > 6) return []
  const variants = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]
  const types = [schema.type ?? []].flat()
  const out: { path: Segment[]; value: unknown }[] = []
  if (types.includes('string')) out.push({ path, value: LONE })
  for (const [key, child] of Object.entries(schema.properties ?? {}))
    for (const place of stringPlaces(child, [...path, key], depth + 1)) out.push(place)
  if (typeof schema.additionalProperties === 'object')
    for (const place of stringPlaces(schema.additionalProperties, [...path, 'anyKey'], depth + 1)) out.push(place)
  if (schema.items !== undefined)
    for (const place of stringPlaces(schema.items, [...path, 0], depth + 1)) out.push(place)
  for (const variant of variants) for (const place of stringPlaces(variant, path, depth + 1)) out.push(place)
  // one body per place: the same path reached through two variants is sent once
  return out.filter((p, i) => out.findIndex((q) => JSON.stringify(q.path) === JSON.stringify(p.path)) === i)
}

/** The body that holds LONE at `path`: objects and arrays built along the way. */
function bodyAt(path: Segment[]): unknown {
  let value: unknown = LONE
  for (const key of [...path].reverse()) value = typeof key === 'number' ? [value] : { [key]: value }
  return value
}

const formatPath = (path: Segment[]) =>
  path.reduce<string>((out, k) => (typeof k === 'number' ? `${out}[${k}]` : out === '' ? k : `${out}.${k}`), '')

describeEachDatabase('lone surrogates and broken percent-escapes on every write route', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let clientId: string
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Surrogate Clinic')
    clientId = (
      await as(server, clinic.users.owner)('POST', `/api/v1/clinics/${clinic.clinicId}/clients`, {
        givenName: 'Ivy',
        familyName: 'Input',
      })
    ).json().id
  })
  afterAll(async () => {
    await server.close()
  })

  const rowCount = async () => {
    const tables = ['clients', 'appointments', 'audit_log', 'consent_templates', 'designs', 'session_records']
    let n = 0
    for (const t of tables)
      n += Number(
        (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(server.db)).rows[0]?.n
      )
    return n
  }

  const writeOperations = () => {
    const paths = server.openApi.paths as Record<string, Record<string, Operation>>
    return Object.entries(paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => op.requestBody?.content['application/json'] !== undefined)
        .map(([method, op]) => ({ path, method: method.toUpperCase() as 'POST' | 'PATCH' | 'PUT' | 'DELETE', op }))
    )
  }

  it('refuses a lone surrogate in each string field of every JSON write route, at its path', async () => {
    const operations = writeOperations()
    // the public booking, sign-in and the portal are among them
    expect(operations.map((o) => o.op.operationId)).toEqual(
      expect.arrayContaining(['bookPublicConsultation', 'signIn', 'createClient', 'createSessionRecord'])
    )
    const before = await rowCount()
    let sent = 0
    for (const { path, method, op } of operations) {
      const access = op['x-stipple-access']
      // clinic routes as a role they allow (the portal's as the client); others as the owner, or signed out
      const role = access.roles?.includes('owner') === false ? 'client' : 'owner'
      const user = clinic.users[role as 'owner' | 'client']
      const url = path
        .replace('{clinicId}', clinic.clinicId)
        .replace('{clientId}', clientId)
        .replace(/\{slug\}/, 'surrogate-clinic-1')
        .replace(/\{index\}/, '1')
        .replace(/\{(\w+)\}/g, '00000000-0000-4000-8000-000000000000')
      const schema = op.requestBody?.content['application/json']?.schema ?? {}
      const places = stringPlaces(schema)
      expect(places.length, `${op.operationId} has string fields`).toBeGreaterThanOrEqual(0)
      for (const place of places) {
        const res = await server.app.inject({
          method,
          url,
          headers: {
            'content-type': 'application/json',
            ...(access.kind === 'public' ? {} : { cookie: user.cookie, 'x-csrf-token': user.csrf }),
          },
          // JSON.stringify writes a lone surrogate as the escape "\ud800", as an attacker's client would
          payload: JSON.stringify(bodyAt(place.path)),
        })
        sent++
        const where = `${op.operationId} body.${formatPath(place.path)}: ${res.statusCode} ${res.body.slice(0, 300)}`
        expect(res.statusCode, where).toBe(400)
        const errors = (res.json() as { errors: { path: string; message: string }[] }).errors
        const expected = place.path.length === 0 ? 'body' : `body.${formatPath(place.path)}`
        expect(errors, where).toContainEqual({ path: expected, message: expect.stringContaining('lone surrogate') })
      }
    }
    expect(sent).toBeGreaterThan(100)
    expect(await rowCount()).toBe(before)
  })

  it('refuses a lone surrogate in a field name', async () => {
    const res = await as(server, clinic.users.owner)('POST', `/api/v1/clinics/${clinic.clinicId}/clients`, {
      givenName: 'Ivy',
      familyName: 'Input',
      'x\udc00': 1,
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0]).toEqual({ path: 'body', message: expect.stringContaining('field name') })
  })

  it('stores a surrogate pair (an emoji) and accents exactly, and reads them back unchanged', async () => {
    const owner = as(server, clinic.users.owner)
    const base = `/api/v1/clinics/${clinic.clinicId}`
    const created = await owner('POST', `${base}/clients`, { givenName: 'Zoë', familyName: 'Nguyễn-Łukasz' })
    expect(created.statusCode, created.body).toBe(201)
    const read = await owner('GET', `${base}/clients/${created.json().id}`)
    expect(read.json().client).toMatchObject({ givenName: 'Zoë', familyName: 'Nguyễn-Łukasz' })
    const body = 'Photos 📷 of your scalp stay in your record — 𝒮𝑀𝒫.'
    const template = await owner('POST', `${base}/consent-templates`, { kind: 'privacy', title: 'Privacy 🔒', body })
    expect(template.statusCode, template.body).toBe(201)
    const stored = await server.db
      .selectFrom('consent_templates')
      .select(['title', 'body'])
      .where('id', '=', template.json().id)
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ title: 'Privacy 🔒', body })
  })

  it('refuses percent-escapes that are not UTF-8 in a query string and a path, at the name', async () => {
    const base = `/api/v1/clinics/${clinic.clinicId}`
    // the UTF-8 bytes of a lone surrogate, and a byte that starts no UTF-8 character
    for (const broken of ['%ED%A0%80', '%FF']) {
      const search = await as(server, clinic.users.owner)('GET', `${base}/clients?q=a${broken}b`)
      expect(search.statusCode, search.body).toBe(400)
      expect(search.json().errors[0]).toEqual({ path: 'query.q', message: expect.stringContaining('UTF-8') })
      const upload = await server.app.inject({
        method: 'POST',
        url: `${base}/clients/${clientId}/photos?angle=front&takenOn=2026-11-20${broken}`,
        headers: {
          cookie: clinic.users.owner.cookie,
          'x-csrf-token': clinic.users.owner.csrf,
          'content-type': 'image/png',
        },
        payload: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      })
      expect(upload.statusCode, upload.body).toBe(400)
      expect(upload.json().errors[0].path).toBe('query.takenOn')
      const path = await as(server, clinic.users.owner)('GET', `${base}/clients/${broken}`)
      expect(path.statusCode, path.body).toBe(400)
      expect(path.json().errors[0].path).toBe('path')
    }
    // a valid escape of an accented letter is ordinary search text
    const ok = await as(server, clinic.users.owner)('GET', `${base}/clients?q=Zo%C3%AB`)
    expect(ok.statusCode).toBe(200)
  })
})
