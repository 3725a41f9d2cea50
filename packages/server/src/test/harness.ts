// Test helpers: the app over a throwaway database from @stipple/testkit, and clinics with a user per role.
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultTaxRules } from '@stipple/domain'
import type { TestDatabase } from '@stipple/testkit'
import type { Kysely } from 'kysely'
import type pg from 'pg'
import sharp from 'sharp'
import { createApp, type StippleApp } from '../app.ts'
import { type Auth, createAuth } from '../auth/auth.ts'
import { LoginRateLimiter } from '../auth/rate-limit.ts'
import type { Database, Role } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { kyselyOver, poolOverPglite, postgresPool } from '../db/open.ts'
import { FilesystemPhotoStore } from '../features/photos/store.ts'
import type { LogDestination } from '../http/logging.ts'

export const PASSWORD = 'correct horse battery staple'
const ORIGIN = 'http://localhost:4000'

export interface TestUser {
  email: string
  userId: string
  membershipId: string
  role: Role
  cookie: string
  csrf: string
}

export interface TestClinic {
  clinicId: string
  locationId: string
  users: Record<Role, TestUser>
}

export interface TestServer extends StippleApp {
  db: Kysely<Database>
  pool: pg.Pool
  auth: Auth
  limiter: LoginRateLimiter
  /** The photo store, in a temporary directory removed by close(). */
  photoStore: FilesystemPhotoStore
  close(): Promise<void>
}

/** The app over the test database, migrated; our own pool so dates and counts parse as in production. */
export async function openTestServer(
  t: TestDatabase,
  options: { logger?: LogDestination; now?: () => Date; mailConfigured?: boolean } = {}
): Promise<TestServer> {
  const pool =
    t.pglite !== null ? poolOverPglite(t.pglite) : postgresPool(t.connectionString ?? 'postgres://missing', 5)
  await migrate(pool)
  const db = kyselyOver(pool)
  const auth = createAuth(db, { secret: randomBytes(32).toString('base64url'), baseURL: ORIGIN })
  const limiter = new LoginRateLimiter()
  const photoStore = new FilesystemPhotoStore(join(await mkdtemp(join(tmpdir(), 'stipple-photos-')), 'photos'))
  const app = await createApp({
    db,
    auth,
    trustedOrigins: [ORIGIN],
    databaseKind: t.kind,
    loginLimiter: limiter,
    photoStore,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.mailConfigured === undefined ? {} : { mailConfigured: options.mailConfigured }),
  })
  return {
    ...app,
    db,
    pool,
    auth,
    limiter,
    photoStore,
    async close() {
      await app.app.close()
      await db.destroy()
      await rm(join(photoStore.root, '..'), { recursive: true, force: true })
    },
  }
}

let seq = 0

/** Signs in through the API and returns the cookie header and CSRF token. */
export async function signIn(server: TestServer, email: string, password = PASSWORD) {
  const res = await server.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } })
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`)
  const cookies = [res.headers['set-cookie'] ?? []].flat()
  const cookie = cookies.map((c) => c.split(';')[0]).join('; ')
  return { cookie, csrf: (res.json() as { csrfToken: string }).csrfToken }
}

/** A clinic with one location and a signed-in user for each role. */
export async function createTestClinic(server: TestServer, name: string): Promise<TestClinic> {
  const n = ++seq
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${n}`
  const clinic = await server.db.insertInto('clinics').values({ name, slug }).returning('id').executeTakeFirstOrThrow()
  const location = await server.db
    .insertInto('locations')
    .values({
      clinic_id: clinic.id,
      name: `${name} main`,
      address: JSON.stringify({ line1: '1 Main St', city: 'Toronto', region: 'ON', country: 'CA' }),
      time_zone: 'America/Toronto',
      opening_hours: JSON.stringify({ mon: [['09:00', '17:00']] }),
      price_list_id: 'toronto',
      tax_rules: JSON.stringify(defaultTaxRules({ country: 'CA', region: 'ON' })),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const users = {} as Record<Role, TestUser>
  for (const role of ['owner', 'practitioner', 'front_desk', 'client'] as const) {
    const email = `${role}.${slug}@example.test`
    const user = await server.auth.createUser({ email, name: `${role} of ${name}`, password: PASSWORD })
    const m = await server.db
      .insertInto('memberships')
      .values({ clinic_id: clinic.id, user_id: user.id, role, display_name: `${role} ${n}` })
      .returning('id')
      .executeTakeFirstOrThrow()
    users[role] = { email, userId: user.id, membershipId: m.id, role, ...(await signIn(server, email)) }
  }
  return { clinicId: clinic.id, locationId: location.id, users }
}

/** app.inject as a user: cookie and, for changes, the CSRF token. */
export function as(server: TestServer, user: TestUser) {
  return (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    server.app.inject({
      method,
      url,
      headers: {
        cookie: user.cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': user.csrf }),
        // bytes (a photo) go as a raw body
        ...(Buffer.isBuffer(payload) ? { 'content-type': 'application/octet-stream' } : {}),
      },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    })
}

export function validSession(clinic: TestClinic, overrides: Record<string, unknown> = {}) {
  return {
    locationId: clinic.locationId,
    practitionerId: clinic.users.practitioner.membershipId,
    sessionIndex: 1,
    performedAt: '2026-11-20T15:00:00-05:00',
    areas: ['hairline', 'crown'],
    needles: [{ configuration: '1RL 0.20', lot: 'NDL-7781', singleUseConfirmed: true }],
    pigments: [
      { brand: 'Perma Blend', shade: 'SMP Charcoal', dilution: '1:25', lot: 'PB-2409-117', expiresOn: '2027-06-30' },
    ],
    anaesthetic: { product: 'lidocaine 5% cream', method: 'topical' },
    notes: 'Client tolerated well.',
    ...overrides,
  }
}

/** A small valid stipple.design/v1 document: one crown zone, three sessions (few fields, quick to place). */
export function validDesignDocument(overrides: Record<string, unknown> = {}) {
  const session = (share: number, needle: string, dilution: string, shadeOffset: number) => ({
    share,
    needle,
    dilution,
    shadeOffset,
  })
  return {
    schema: 'stipple.design/v1',
    seed: 42,
    region: 'scalp',
    head: { sex: 'male', circumferenceMm: 570, earToEarMm: 340, glabellaInionMm: 330 },
    hairline: null,
    zones: [
      {
        id: 'crown',
        kind: 'crown',
        polygon: [
          [-30, -60],
          [30, -60],
          [30, -10],
          [-30, -10],
        ],
        densityPerCm2: 60,
        dotSizeMm: 0.18,
        shade: 35,
        featherMm: 4,
      },
    ],
    existingHair: [],
    scars: [],
    sessions: [
      session(0.4, '1RL 0.20', '1:25', 4),
      session(0.35, '1RL 0.20', '1:20', 2),
      session(0.25, '3RL 0.25', '1:15', 0),
    ],
    skin: { fitzpatrick: 3, sunExposure: 'moderate', kind: 'normal' },
    pigment: { depthMm: 1 },
    crown: { center: [0, -40], clockwise: true },
    ...overrides,
  }
}

/** A small JPEG whose pixels differ for each seed (so uploads are not identical content). */
export function testJpeg(seed: number): Promise<Buffer> {
  const size = 16
  const pixels = Buffer.alloc(size * size * 3, seed % 256)
  pixels.writeUInt32BE(seed >>> 0, 0)
  return sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
    .jpeg()
    .toBuffer()
}

/** Uploads a photo of the client through the API and returns its id. */
export async function uploadTestPhoto(server: TestServer, user: TestUser, clinicId: string, clientId: string) {
  const res = await as(server, user)(
    'POST',
    `/api/v1/clinics/${clinicId}/clients/${clientId}/photos?angle=front&takenOn=2026-11-20`,
    await testJpeg(++seq * 7919)
  )
  if (res.statusCode !== 201) throw new Error(`photo upload failed: ${res.statusCode} ${res.body}`)
  return (res.json() as { id: string }).id
}

/** A signature as the tablet sends it: base64 of a white 300×100 PNG with a dark stroke placed by the seed. */
export async function testSignature(seed = 1): Promise<string> {
  const stroke = await sharp({ create: { width: 150, height: 4, channels: 3, background: '#111' } })
    .png()
    .toBuffer()
  const png = await sharp({ create: { width: 300, height: 100, channels: 3, background: 'white' } })
    .composite([{ input: stroke, left: seed % 150, top: 20 + (seed % 60) }])
    .png()
    .toBuffer()
  return png.toString('base64')
}

/** A suitable intake: nothing in it defers or refuses treatment. */
export const SUITABLE_INTAKE = {
  schema: 'stipple.intake/v1',
  client: { sex: 'male', age: 41, fitzpatrick: 3, hairColor: 'black', hairLength: 'shaved' },
  hairLoss: { scale: 'norwood', stage: '5A' },
}

/** Lots of the test clinic's location register, as `validSession` uses them (and others a test names). */
export async function registerLots(
  server: TestServer,
  clinic: TestClinic,
  lots: readonly (
    | { kind: 'pigment'; brand: string; shade: string; lot: string; expiresOn: string }
    | { kind: 'needle'; brand: string; configuration: string; lot: string; expiresOn: string }
  )[]
): Promise<void> {
  for (const lot of lots) {
    const res = await as(server, clinic.users.practitioner)('POST', `/api/v1/clinics/${clinic.clinicId}/lots`, {
      locationId: clinic.locationId,
      ...lot,
    })
    if (res.statusCode !== 201 && res.statusCode !== 409)
      throw new Error(`lot ${lot.lot}: ${res.statusCode} ${res.body}`)
  }
}

/** The lots `validSession` records. */
const VALID_SESSION_LOTS = [
  { kind: 'pigment', brand: 'Perma Blend', shade: 'SMP Charcoal', lot: 'PB-2409-117', expiresOn: '2027-06-30' },
  { kind: 'needle', brand: 'Kwadron', configuration: '1RL 0.20', lot: 'NDL-7781', expiresOn: '2028-06-30' },
] as const

/**
 * What a session needs before it can be recorded for a client: the clinic's treatment consent (a version 1 when it has
 * none) signed on paper well before the test's session dates, a suitable intake when the client has none, and the
 * lots `validSession` uses in the location's register.
 */
export async function readyForSessions(server: TestServer, clinic: TestClinic, clientId: string): Promise<void> {
  let template = await server.db
    .selectFrom('consent_templates')
    .select(['id', 'title', 'body'])
    .where('clinic_id', '=', clinic.clinicId)
    .where('kind', '=', 'treatment')
    .orderBy('version', 'desc')
    .executeTakeFirst()
  if (template === undefined) {
    const res = await as(server, clinic.users.owner)('POST', `/api/v1/clinics/${clinic.clinicId}/consent-templates`, {
      kind: 'treatment',
      title: 'Consent to scalp micropigmentation',
      body: 'I agree to the treatment.\n\n- It is a cosmetic tattoo.\n- It fades over years.',
    })
    if (res.statusCode !== 201) throw new Error(`consent template: ${res.statusCode} ${res.body}`)
    template = res.json() as { id: string; title: string; body: string }
  }
  const text = `${template.title}\n\n${template.body}`
  await server.db
    .insertInto('signed_consents')
    .values({
      clinic_id: clinic.clinicId,
      client_id: clientId,
      template_id: template.id,
      text_signed: text,
      text_sha256: createHash('sha256').update(text).digest('hex'),
      signer_name: 'Test Client',
      // signed on paper long before any session date the tests use
      signed_at: new Date('2020-01-02T12:00:00Z'),
      method: 'in-clinic',
      recorded_by: clinic.users.front_desk.membershipId,
    })
    .execute()
  const intake = await server.db.selectFrom('intakes').select('id').where('client_id', '=', clientId).executeTakeFirst()
  if (intake === undefined) {
    const res = await as(server, clinic.users.practitioner)(
      'POST',
      `/api/v1/clinics/${clinic.clinicId}/clients/${clientId}/intakes`,
      { document: SUITABLE_INTAKE }
    )
    if (res.statusCode !== 201) throw new Error(`intake: ${res.statusCode} ${res.body}`)
  }
  await registerLots(server, clinic, VALID_SESSION_LOTS)
}
