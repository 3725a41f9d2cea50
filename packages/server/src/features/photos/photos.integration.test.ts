// Photos through the API on PGlite and PostgreSQL: real images made with sharp, checked by content; orientation
// applied and EXIF/GPS gone from what is stored; bombs, truncated and non-images refused with paths and nothing
// written (no row, no file); identical content kept once; thumbnails; consent changes; audit rows; tenancy.
import { createHash } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { describeEachDatabase } from '@stipple/testkit'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  as,
  createTestClinic,
  openTestServer,
  readyForSessions,
  registerLots,
  type TestClinic,
  type TestServer,
  type TestUser,
} from '../../test/harness.ts'
import { PHOTO_LIMITS } from './image.ts'

/** A 40×20 JPEG, red left half and blue right half, tagged "rotate 90° clockwise to display", with GPS. */
async function orientedJpegWithGps(): Promise<Buffer> {
  const blue = await sharp({ create: { width: 20, height: 20, channels: 3, background: 'blue' } })
    .png()
    .toBuffer()
  return sharp({ create: { width: 40, height: 20, channels: 3, background: 'red' } })
    .composite([{ input: blue, left: 20, top: 0 }])
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSMapDatum: 'WGS-84', GPSLatitudeRef: 'N' } })
    .withMetadata({ orientation: 6 })
    .toBuffer()
}

const noise = (width: number, height: number, seed: number) => {
  const data = Buffer.alloc(width * height * 3)
  let x = seed
  for (let i = 0; i < data.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    data[i] = x >>> 24
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
}

/** A PNG that is only a signature and an IHDR claiming width × height (no pixel data at all). */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, deflate, no filter method quirks, not interlaced
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(4)
    head.writeUInt32BE(body.length)
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), body])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(typed))
    return Buffer.concat([head, typed, crc])
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true })
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
  } catch {
    return []
  }
}

/** The first half of a file, as a broken upload leaves it. */
const half = (b: Buffer) => b.subarray(0, Math.floor(b.length / 2))
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

describeEachDatabase('photos', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let other: TestClinic
  let clientId: string
  let secondClientId: string
  let otherClientId: string
  const base = () => `/api/v1/clinics/${clinic.clinicId}/clients/${clientId}/photos`

  const upload = (
    bytes: Buffer,
    options: { user?: TestUser; url?: string; query?: string; contentType?: string } = {}
  ) => {
    const user = options.user ?? clinic.users.practitioner
    return server.app.inject({
      method: 'POST',
      url: `${options.url ?? base()}?${options.query ?? 'angle=front&takenOn=2026-11-20'}`,
      headers: { cookie: user.cookie, 'x-csrf-token': user.csrf, 'content-type': options.contentType ?? 'image/jpeg' },
      payload: bytes,
    })
  }
  const state = async () => ({
    rows: Number(
      (
        await server.db
          .selectFrom('photos')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n
    ),
    files: (await filesUnder(server.photoStore.root)).sort(),
  })

  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Photo Clinic')
    other = await createTestClinic(server, 'Other Clinic')
    const make = async (c: TestClinic, familyName: string) =>
      (
        await as(server, c.users.owner)('POST', `/api/v1/clinics/${c.clinicId}/clients`, {
          givenName: 'Pat',
          familyName,
        })
      ).json().id as string
    clientId = await make(clinic, 'Pixel')
    secondClientId = await make(clinic, 'Second')
    otherClientId = await make(other, 'Elsewhere')
  })
  afterAll(async () => {
    await server.close()
  })

  it('stores a JPEG rotated by its EXIF orientation, with no EXIF and no GPS left', async () => {
    const original = await orientedJpegWithGps()
    const before = await sharp(original).metadata()
    expect([before.width, before.height, before.orientation]).toEqual([40, 20, 6])
    expect(before.exif?.includes('WGS-84')).toBe(true)

    const res = await upload(original, { query: 'angle=crown&takenOn=2026-11-20' })
    expect(res.statusCode, res.body).toBe(201)
    const photo = res.json()
    expect(photo).toMatchObject({ angle: 'crown', takenOn: '2026-11-20', consent: 'clinical-only', width: 20 })
    expect(photo).toMatchObject({
      height: 40,
      mimeType: 'image/jpeg',
      createdBy: clinic.users.practitioner.membershipId,
    })

    const image = await as(server, clinic.users.practitioner)('GET', `${base()}/${photo.id}/image`)
    expect(image.statusCode).toBe(200)
    expect(image.headers['content-type']).toBe('image/jpeg')
    expect(image.headers['cache-control']).toBe('no-store')
    const stored = image.rawPayload
    expect(sha256(stored)).toBe(photo.sha256)
    expect(stored.includes('WGS-84')).toBe(false)
    expect(stored.includes('TestCam')).toBe(false)
    const meta = await sharp(stored).metadata()
    expect([meta.width, meta.height]).toEqual([20, 40])
    expect(meta.orientation).toBeUndefined()
    expect(meta.exif).toBeUndefined()
    expect(meta.xmp).toBeUndefined()
    // the red half is on top once turned: the pixels were rotated, not just the tag dropped
    const { data } = await sharp(stored).raw().toBuffer({ resolveWithObject: true })
    expect(data[0]).toBeGreaterThan(200)
    expect(data[2]).toBeLessThan(60)
    expect(data[data.length - 1]).toBeGreaterThan(200)
    expect(data[data.length - 3]).toBeLessThan(60)
    // on disk by content hash: <root>/ab/cdef…
    expect(await filesUnder(server.photoStore.root)).toContain(
      join(server.photoStore.root, photo.sha256.slice(0, 2), photo.sha256.slice(2))
    )
  })

  it('accepts PNG and WebP by their content (whatever content type is declared), with WebP thumbnails', async () => {
    const png = await noise(1000, 600, 1).png().toBuffer()
    const webp = await noise(300, 500, 2).webp().toBuffer()
    const pngRes = await upload(png, { contentType: 'application/octet-stream', query: 'angle=top&takenOn=2026-11-21' })
    expect(pngRes.statusCode, pngRes.body).toBe(201)
    expect(pngRes.json()).toMatchObject({ mimeType: 'image/png', width: 1000, height: 600 })
    const webpRes = await upload(webp, { contentType: 'image/png', query: 'angle=left&takenOn=2026-11-21' })
    expect(webpRes.statusCode, webpRes.body).toBe(201)
    expect(webpRes.json()).toMatchObject({ mimeType: 'image/webp', width: 300, height: 500 })

    for (const [id, size] of [
      [pngRes.json().id, [320, 192]],
      [webpRes.json().id, [192, 320]],
    ] as const) {
      const thumb = await as(server, clinic.users.owner)('GET', `${base()}/${id}/thumbnail`)
      expect(thumb.statusCode).toBe(200)
      expect(thumb.headers['content-type']).toBe('image/webp')
      const meta = await sharp(thumb.rawPayload).metadata()
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', ...size])
    }
    // a thumbnail never upscales
    const small = await upload(await noise(64, 48, 3).png().toBuffer(), { query: 'angle=back&takenOn=2026-11-21' })
    const thumb = await as(server, clinic.users.owner)('GET', `${base()}/${small.json().id}/thumbnail`)
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(64)
  })

  describe('refusals: 4xx with a path, and no row and no file', () => {
    const cases: [string, () => Promise<Buffer>, number, string?][] = [
      ['a text file', async () => Buffer.from('hello, I am not an image'), 415],
      ['a PDF', async () => Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), 415],
      ['an empty body', async () => Buffer.alloc(0), 400],
      ['a truncated JPEG', async () => half(await noise(400, 300, 4).jpeg().toBuffer()), 400],
      ['a truncated PNG', async () => half(await noise(400, 300, 5).png().toBuffer()), 400],
      ['a 100000×100000 PNG header (decompression bomb)', async () => pngHeader(100_000, 100_000), 422],
      ['a JPEG magic number with garbage after it', async () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 400],
      ['a body over the byte limit', async () => Buffer.alloc(PHOTO_LIMITS.maxBytes + 1, 0xff), 413],
    ]
    for (const [name, make, status] of cases) {
      it(`refuses ${name} with ${status}`, async () => {
        const before = await state()
        const res = await upload(await make())
        expect(res.statusCode, res.body).toBe(status)
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
        expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('body')
        expect(await state()).toEqual(before)
      })
    }

    it('reports bad metadata at its query path, and refuses a JSON body', async () => {
      const jpeg = await noise(50, 50, 6).jpeg().toBuffer()
      const before = await state()
      const cases: [string, number, string, string?][] = [
        ['angle=sideways&takenOn=2026-11-20', 400, 'query.angle'],
        ['angle=front&takenOn=20-11-2026', 400, 'query.takenOn'],
        ['angle=front', 400, 'query.takenOn'],
        ['angle=front&takenOn=2026-11-20&gps=51.5', 400, 'query.gps'],
        ['angle=front&takenOn=2026-11-20&consent=everyone', 400, 'query.consent'],
        ['angle=front&takenOn=2026-11-20&sessionRecordId=not-a-uuid', 400, 'query.sessionRecordId'],
        [`angle=front&takenOn=2026-11-20&sessionRecordId=${clientId}`, 400, 'query.sessionRecordId'],
        // marketing needs the client's signed photography consent, which this client has not given
        ['angle=front&takenOn=2026-11-20&consent=marketing', 422, 'query.consent'],
      ]
      for (const [query, status, path] of cases) {
        const res = await upload(jpeg, { query })
        expect({ query, status: res.statusCode }).toEqual({ query, status })
        expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path)
      }
      const json = await upload(Buffer.from(JSON.stringify({ image: 'aGVsbG8=' })), {
        contentType: 'application/json',
      })
      expect(json.statusCode).toBe(415)
      expect(json.json().errors[0].path).toBe('body')
      expect(await state()).toEqual(before)
    })
  })

  it('keeps identical content once: 409 for the same client again, one file for another client', async () => {
    const jpeg = await noise(120, 80, 7).jpeg().toBuffer()
    const first = await upload(jpeg, { query: 'angle=right&takenOn=2026-11-22' })
    expect(first.statusCode).toBe(201)
    const afterFirst = await state()
    const again = await upload(jpeg, { query: 'angle=left&takenOn=2026-11-23' })
    expect(again.statusCode).toBe(409)
    expect(again.json().detail).toContain(first.json().id)
    expect(await state()).toEqual(afterFirst)

    const forOther = await upload(jpeg, {
      url: `/api/v1/clinics/${clinic.clinicId}/clients/${secondClientId}/photos`,
      query: 'angle=right&takenOn=2026-11-22',
    })
    expect(forOther.statusCode).toBe(201)
    expect(forOther.json().sha256).toBe(first.json().sha256)
    const afterOther = await state()
    expect(afterOther.rows).toBe(afterFirst.rows + 1)
    expect(afterOther.files).toEqual(afterFirst.files)
  })

  it('links a photo to a session record of the client', async () => {
    await readyForSessions(server, clinic, clientId)
    await registerLots(server, clinic, [
      { kind: 'needle', brand: 'Kwadron', configuration: '1RL 0.20', lot: 'NDL-1', expiresOn: '2028-01-31' },
      { kind: 'pigment', brand: 'B', shade: 'S', lot: 'PB-1', expiresOn: '2027-06-30' },
    ])
    const session = await as(server, clinic.users.practitioner)(
      'POST',
      `/api/v1/clinics/${clinic.clinicId}/clients/${clientId}/sessions`,
      {
        locationId: clinic.locationId,
        practitionerId: clinic.users.practitioner.membershipId,
        sessionIndex: 1,
        performedAt: '2026-11-20T15:00:00-05:00',
        areas: ['hairline'],
        needles: [{ configuration: '1RL 0.20', lot: 'NDL-1', singleUseConfirmed: true }],
        pigments: [{ brand: 'B', shade: 'S', dilution: '1:25', lot: 'PB-1', expiresOn: '2027-06-30' }],
      }
    )
    expect(session.statusCode, session.body).toBe(201)
    const res = await upload(await noise(60, 60, 8).jpeg().toBuffer(), {
      query: `angle=front&takenOn=2026-11-20&sessionRecordId=${session.json().id}`,
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().sessionRecordId).toBe(session.json().id)
  })

  it('changes the consent: marketing only with a signed photography consent, recording who and when', async () => {
    const photo = (
      await upload(await noise(70, 70, 9).webp().toBuffer(), { query: 'angle=top&takenOn=2026-11-24' })
    ).json()
    const patch = (consent: string, user = clinic.users.owner) =>
      as(server, user)('PATCH', `${base()}/${photo.id}/consent`, { consent })
    const refused = await patch('marketing')
    expect(refused.statusCode).toBe(422)
    expect(refused.json().errors[0].path).toBe('body.consent')

    const template = await server.db
      .insertInto('consent_templates')
      .values({
        clinic_id: clinic.clinicId,
        kind: 'photography-marketing',
        version: 1,
        title: 'Photos in our gallery',
        body: 'I agree that my photos may be shown.',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const signed = await server.db
      .insertInto('signed_consents')
      .values({
        clinic_id: clinic.clinicId,
        client_id: clientId,
        template_id: template.id,
        text_signed: 'I agree that my photos may be shown.',
        text_sha256: sha256(Buffer.from('I agree that my photos may be shown.')),
        signer_name: 'Pat Pixel',
      })
      .returning('id')
      .executeTakeFirstOrThrow()

    const ok = await patch('marketing', clinic.users.practitioner)
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ consent: 'marketing', consentChangedBy: clinic.users.practitioner.membershipId })
    expect(ok.json().consentChangedAt).not.toBeNull()
    const row = await server.db
      .selectFrom('photos')
      .select(['consent_scope', 'marketing_consent_id'])
      .where('id', '=', photo.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ consent_scope: 'marketing', marketing_consent_id: signed.id })

    const back = await patch('clinical-only')
    expect(back.json()).toMatchObject({ consent: 'clinical-only', consentChangedBy: clinic.users.owner.membershipId })
    const audits = await server.db
      .selectFrom('audit_log')
      .select(['actor_membership_id', 'detail'])
      .where('entity', '=', 'photo')
      .where('entity_id', '=', photo.id)
      .where('action', '=', 'update')
      .orderBy('id')
      .execute()
    expect(audits.map((a) => [a.actor_membership_id, a.detail])).toEqual([
      [
        clinic.users.practitioner.membershipId,
        { consent: { from: 'clinical-only', to: 'marketing' }, signedConsentId: signed.id },
      ],
      [clinic.users.owner.membershipId, { consent: { from: 'marketing', to: 'clinical-only' }, signedConsentId: null }],
    ])
  })

  it('audits every upload, list and image read, with who and from where', async () => {
    const res = await upload(await noise(90, 90, 10).png().toBuffer(), { query: 'angle=back&takenOn=2026-11-25' })
    const id = res.json().id
    const owner = as(server, clinic.users.owner)
    const list = await owner('GET', base())
    expect(list.statusCode).toBe(200)
    expect(list.json().items.map((p: { id: string }) => p.id)).toContain(id)
    await owner('GET', `${base()}/${id}/image`)
    await owner('GET', `${base()}/${id}/thumbnail`)
    const rows = await server.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'entity_id', 'client_id', 'actor_membership_id', 'ip', 'detail'])
      .where('clinic_id', '=', clinic.clinicId)
      .where('entity', 'in', ['photo', 'photo-list'])
      .orderBy('id', 'desc')
      .limit(4)
      .execute()
    expect(rows.reverse().map((r) => [r.action, r.entity, r.entity_id, r.client_id, r.actor_membership_id])).toEqual([
      ['create', 'photo', id, clientId, clinic.users.practitioner.membershipId],
      ['read', 'photo-list', null, clientId, clinic.users.owner.membershipId],
      ['read', 'photo', id, clientId, clinic.users.owner.membershipId],
      ['read', 'photo', id, clientId, clinic.users.owner.membershipId],
    ])
    expect(rows.map((r) => r.detail?.variant ?? null)).toEqual([null, null, 'image', 'thumbnail'])
    expect(rows.every((r) => r.ip !== null)).toBe(true)
  })

  it("gives front desk and clients 403, another clinic 404, and never serves another clinic's photo", async () => {
    const id = (
      await upload(await noise(30, 30, 11).jpeg().toBuffer(), { query: 'angle=left&takenOn=2026-11-26' })
    ).json().id
    const jpeg = await noise(31, 31, 12).jpeg().toBuffer()
    for (const role of ['front_desk', 'client'] as const) {
      expect((await upload(jpeg, { user: clinic.users[role] })).statusCode).toBe(403)
      expect((await as(server, clinic.users[role])('GET', `${base()}/${id}/image`)).statusCode).toBe(403)
    }
    for (const role of ['owner', 'practitioner', 'front_desk', 'client'] as const) {
      const res = await as(server, other.users[role])('GET', `${base()}/${id}/image`)
      expect(res.statusCode).toBe(404)
    }
    // the other clinic's own staff, asking for this photo under their own clinic and client
    const otherBase = `/api/v1/clinics/${other.clinicId}/clients/${otherClientId}/photos`
    expect((await as(server, other.users.owner)('GET', `${otherBase}/${id}/image`)).statusCode).toBe(404)
    expect((await as(server, other.users.owner)('GET', `${otherBase}/${id}/thumbnail`)).statusCode).toBe(404)
    expect(
      (await as(server, other.users.owner)('PATCH', `${otherBase}/${id}/consent`, { consent: 'clinical-only' }))
        .statusCode
    ).toBe(404)
    // and this clinic's photo under another of its own clients
    const wrongClient = `/api/v1/clinics/${clinic.clinicId}/clients/${secondClientId}/photos/${id}/image`
    expect((await as(server, clinic.users.owner)('GET', wrongClient)).statusCode).toBe(404)
    const list = await as(server, other.users.owner)('GET', otherBase)
    expect(list.json().items).toEqual([])
  })
})
