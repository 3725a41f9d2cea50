// The public site on PGlite and PostgreSQL, signed out: practitioners with public unexpired credentials only; the
// gallery shows only real photos whose marketing scope rests on the same client's signed photography-marketing
// consent, never a clinical-only photo, never an erased client's, and nothing that names a client.
import { describeEachDatabase } from '@stipple/testkit'
import { sql } from 'kysely'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  as,
  createTestClinic,
  openTestServer,
  type TestClinic,
  type TestServer,
  testJpeg,
  testSignature,
} from '../../test/harness.ts'

const DAY_MS = 86_400_000
const inDays = (n: number) => new Date(Date.now() + n * DAY_MS).toISOString().slice(0, 10)

describeEachDatabase('public site: practitioners and gallery', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let slug: string
  let seed = 500
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Gallery Clinic')
    slug = (
      await server.db.selectFrom('clinics').select('slug').where('id', '=', clinic.clinicId).executeTakeFirstOrThrow()
    ).slug
  })
  afterAll(async () => {
    await server.close()
  })
  const owner = () => as(server, clinic.users.owner)
  const base = () => `/api/v1/clinics/${clinic.clinicId}`
  const publicGet = (path: string) => server.app.inject({ method: 'GET', url: `/api/v1/public/clinics/${slug}${path}` })

  describe('practitioners', () => {
    beforeAll(async () => {
      const credential = (membershipId: string, title: string, expiresOn: string | null, isPublic: boolean) =>
        owner()('POST', `${base()}/credentials`, {
          membershipId,
          kind: 'certification',
          title,
          issuer: 'Scalp Academy',
          number: `N-${title.length}`,
          expiresOn,
          public: isPublic,
        })
      const practitioner = clinic.users.practitioner.membershipId
      await credential(practitioner, 'Current public', inDays(30), true)
      await credential(practitioner, 'Never expires', null, true)
      await credential(practitioner, 'Expired public', inDays(-1), true)
      await credential(practitioner, 'Private', inDays(300), false)
    })

    it('lists practitioners with their public, unexpired credentials only, signed out', async () => {
      const res = await publicGet('/practitioners')
      expect(res.statusCode, res.body).toBe(200)
      const body = res.json()
      expect(body.clinic).toEqual({ name: 'Gallery Clinic', slug })
      expect(body.items).toHaveLength(1)
      expect(body.items[0].displayName).toMatch(/^practitioner \d+$/)
      expect(body.items[0].credentials.map((c: { title: string }) => c.title).sort()).toEqual([
        'Current public',
        'Never expires',
      ])
      expect(res.body).not.toContain('Expired public')
      expect(res.body).not.toContain('Private')
      expect(res.body).not.toContain('front_desk')
    })

    it('shows an owner only once they hold a public credential', async () => {
      await owner()('POST', `${base()}/credentials`, {
        membershipId: clinic.users.owner.membershipId,
        kind: 'licence',
        title: 'Body art licence',
        issuer: 'City',
        public: true,
      })
      const names = (await publicGet('/practitioners')).json().items.map((p: { displayName: string }) => p.displayName)
      expect(names.some((n: string) => n.startsWith('owner'))).toBe(true)
      expect(names.some((n: string) => n.startsWith('front_desk'))).toBe(false)
    })
  })

  describe('gallery', () => {
    const clients: Record<string, string> = {}
    const photos: Record<string, string> = {}
    async function newClient(name: string) {
      const res = await owner()('POST', `${base()}/clients`, { givenName: name, familyName: 'Galleryson' })
      clients[name] = res.json().id
      return res.json().id as string
    }
    async function upload(client: string, takenOn: string, consent: 'marketing' | 'clinical-only', angle = 'front') {
      const res = await as(server, clinic.users.practitioner)(
        'POST',
        `${base()}/clients/${client}/photos?angle=${angle}&takenOn=${takenOn}&consent=${consent}`,
        await testJpeg(++seed)
      )
      if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`)
      return res.json().id as string
    }
    async function signMarketing(client: string, templateVersionId: string) {
      const res = await owner()('POST', `${base()}/clients/${client}/consents`, {
        templateVersionId,
        signerName: 'Gallery Client',
        signatureImage: await testSignature(seed++),
      })
      if (res.statusCode !== 201) throw new Error(`sign: ${res.statusCode} ${res.body}`)
    }
    beforeAll(async () => {
      const marketing = (
        await owner()('POST', `${base()}/consent-templates`, {
          kind: 'photography-marketing',
          title: 'Photos in our gallery',
          body: 'My before and after photos may be shown on the clinic website without my name.',
        })
      ).json().id
      await newClient('Marta')
      await signMarketing(clients.Marta ?? '', marketing)
      photos.before = await upload(clients.Marta ?? '', '2026-03-01', 'marketing')
      photos.after = await upload(clients.Marta ?? '', '2026-06-01', 'marketing')
      photos.top = await upload(clients.Marta ?? '', '2026-06-01', 'marketing', 'top')
      photos.martaClinical = await upload(clients.Marta ?? '', '2026-04-01', 'clinical-only', 'back')
      await newClient('Carl')
      photos.carl = await upload(clients.Carl ?? '', '2026-05-01', 'clinical-only')
      await newClient('Erin')
      await signMarketing(clients.Erin ?? '', marketing)
      photos.erin = await upload(clients.Erin ?? '', '2026-07-01', 'marketing')
    })

    it('shows before/after pairs and single photos of consenting clients, with no names or client ids', async () => {
      const res = await publicGet('/gallery')
      expect(res.statusCode, res.body).toBe(200)
      const items = res.json().items as {
        kind: string
        angle: string
        before: { photoId: string } | null
        after: { photoId: string }
      }[]
      const shown = items.map((i) => [i.kind, i.angle, i.before?.photoId ?? null, i.after.photoId])
      expect(shown).toEqual(
        expect.arrayContaining([
          ['pair', 'front', photos.before, photos.after],
          ['single', 'top', null, photos.top],
          ['single', 'front', null, photos.erin],
        ])
      )
      expect(items).toHaveLength(3)
      for (const name of ['Marta', 'Carl', 'Erin', 'Galleryson', ...Object.values(clients)])
        expect(res.body).not.toContain(name)
    })

    it('never shows a clinical-only photo, nor serves its image', async () => {
      const body = (await publicGet('/gallery')).body
      expect(body).not.toContain(photos.carl)
      expect(body).not.toContain(photos.martaClinical)
      for (const id of [photos.carl, photos.martaClinical]) {
        expect((await publicGet(`/gallery/${id}/image`)).statusCode).toBe(404)
        expect((await publicGet(`/gallery/${id}/thumbnail`)).statusCode).toBe(404)
      }
    })

    it('serves the stripped image and the thumbnail of a gallery photo', async () => {
      const image = await publicGet(`/gallery/${photos.after}/image`)
      expect(image.statusCode).toBe(200)
      expect(image.headers['content-type']).toBe('image/jpeg')
      const meta = await sharp(image.rawPayload).metadata()
      expect(meta.exif).toBeUndefined()
      expect(meta.width).toBe(16)
      const thumbnail = await publicGet(`/gallery/${photos.after}/thumbnail`)
      expect(thumbnail.headers['content-type']).toBe('image/webp')
      expect((await sharp(thumbnail.rawPayload).metadata()).format).toBe('webp')
    })

    it('leaves out a marketing scope that does not rest on the same client’s photography-marketing consent', async () => {
      const consentOf = async (client: string | undefined) =>
        (
          await server.db
            .selectFrom('signed_consents')
            .select('id')
            .where('client_id', '=', client ?? '')
            .executeTakeFirstOrThrow()
        ).id
      const restOn = (photoId: string | undefined, consentId: string) =>
        sql`update photos set consent_scope = 'marketing', marketing_consent_id = ${consentId}
          where id = ${photoId}`.execute(server.db)
      // Carl's clinical photography consent, forced under his photo's marketing scope by hand in the database
      const clinical = (
        await owner()('POST', `${base()}/consent-templates`, {
          kind: 'photography-clinical',
          title: 'Photos for your record',
          body: 'Photos for the clinical record only.',
        })
      ).json().id
      await signMarketing(clients.Carl ?? '', clinical)
      await restOn(photos.carl, await consentOf(clients.Carl))
      // Marta's back photo on her own marketing consent: shown
      await restOn(photos.martaClinical, await consentOf(clients.Marta))
      const body = (await publicGet('/gallery')).body
      expect(body).not.toContain(photos.carl)
      expect(body).toContain(photos.martaClinical)
      // the same photo resting on another client's marketing consent: gone again
      await restOn(photos.martaClinical, await consentOf(clients.Erin))
      expect((await publicGet('/gallery')).body).not.toContain(photos.martaClinical)
      expect((await publicGet(`/gallery/${photos.martaClinical}/image`)).statusCode).toBe(404)
      expect((await publicGet(`/gallery/${photos.carl}/image`)).statusCode).toBe(404)
    })

    it("drops a client's photos from the gallery once the client is erased", async () => {
      expect((await publicGet('/gallery')).body).toContain(photos.erin)
      const erased = await owner()('POST', `${base()}/clients/${clients.Erin}/erase`, { reason: 'written request' })
      expect(erased.statusCode).toBe(200)
      expect((await publicGet('/gallery')).body).not.toContain(photos.erin)
      expect((await publicGet(`/gallery/${photos.erin}/image`)).statusCode).toBe(404)
    })
  })

  it('gives 404 for an unknown or malformed slug', async () => {
    for (const bad of ['no-such-clinic', 'Not_A_Slug', '-x']) {
      for (const path of ['practitioners', 'gallery', 'gallery/00000000-0000-4000-8000-000000000000/image']) {
        const res = await server.app.inject({ method: 'GET', url: `/api/v1/public/clinics/${bad}/${path}` })
        expect({ bad, path, status: res.statusCode }).toEqual({ bad, path, status: 404 })
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      }
    }
  })
})
