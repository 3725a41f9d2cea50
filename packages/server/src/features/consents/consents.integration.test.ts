// Consents through the API on PGlite and PostgreSQL: versioned templates (a change is a new version), signatures
// checked by content (real PNG, size, decodes, not blank), the exact text signed kept, immutability at the database
// and no route that changes or deletes a signed consent, the portal's signed and to-sign lists, audit rows, roles.
import { createHash } from 'node:crypto'
import { describeEachDatabase } from '@stipple/testkit'
import { sql } from 'kysely'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, createTestClinic, openTestServer, type TestClinic, type TestServer } from '../../test/harness.ts'

/** A signature-like PNG: a white strip with a dark stroke whose position depends on the seed. */
async function signaturePng(seed = 1, width = 300, height = 100): Promise<Buffer> {
  const stroke = await sharp({
    create: { width: Math.max(1, Math.floor(width / 2)), height: 4, channels: 3, background: '#111' },
  })
    .png()
    .toBuffer()
  return sharp({ create: { width, height, channels: 3, background: 'white' } })
    .composite([{ input: stroke, left: seed % Math.max(1, Math.floor(width / 2)), top: Math.floor(height / 2) }])
    .png()
    .toBuffer()
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex')

describeEachDatabase('consents: templates, signatures and the portal', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let other: TestClinic
  let base: string
  let clientId: string
  let treatmentV1: { id: string; title: string; body: string }
  let treatmentV2: { id: string; title: string; body: string }
  let privacyV1: { id: string }
  let signature: string
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Consent Clinic')
    other = await createTestClinic(server, 'Other Consent Clinic')
    base = `/api/v1/clinics/${clinic.clinicId}`
    clientId = await newClient('Sam', 'Signer')
    signature = (await signaturePng(7)).toString('base64')
  })
  afterAll(async () => {
    await server.close()
  })

  async function newClient(givenName: string, familyName: string, c = clinic) {
    const res = await as(server, c.users.owner)('POST', `/api/v1/clinics/${c.clinicId}/clients`, {
      givenName,
      familyName,
    })
    return res.json().id as string
  }
  const owner = () => as(server, clinic.users.owner)
  const count = async (table: 'signed_consents' | 'consent_templates') =>
    Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(server.db)).rows[0]?.n)

  describe('templates', () => {
    it('makes a change a new version and keeps the old one as written', async () => {
      const v1 = await owner()('POST', `${base}/consent-templates`, {
        kind: 'treatment',
        title: 'Consent to scalp micropigmentation',
        body: 'I understand that SMP is a cosmetic tattoo of the scalp.\n\n- It fades over years.',
      })
      expect(v1.statusCode, v1.body).toBe(201)
      expect(v1.json()).toMatchObject({ kind: 'treatment', version: 1, createdBy: clinic.users.owner.membershipId })
      treatmentV1 = v1.json()
      const v2 = await owner()('POST', `${base}/consent-templates`, {
        kind: 'treatment',
        title: 'Consent to scalp micropigmentation',
        body: 'I understand that SMP is a cosmetic tattoo of the scalp.\n\n- It fades over 2–4 years.',
      })
      expect(v2.json()).toMatchObject({ kind: 'treatment', version: 2 })
      treatmentV2 = v2.json()
      privacyV1 = (
        await owner()('POST', `${base}/consent-templates`, {
          kind: 'privacy',
          title: 'How we keep your records',
          body: 'We keep your records for 3 years.',
        })
      ).json()
      const again = await as(server, clinic.users.front_desk)('GET', `${base}/consent-templates/${treatmentV1.id}`)
      expect(again.statusCode).toBe(200)
      expect(again.json().body).toBe(treatmentV1.body)

      const list = await as(server, clinic.users.practitioner)('GET', `${base}/consent-templates`)
      expect(list.statusCode).toBe(200)
      const items = list.json().items as { kind: string; version: number; id: string }[]
      expect(items.map((t) => `${t.kind} v${t.version}`).sort()).toEqual(['privacy v1', 'treatment v2'])
    })

    it('lets only owners write, and another clinic sees none of them', async () => {
      const denied = await as(server, clinic.users.practitioner)('POST', `${base}/consent-templates`, {
        kind: 'treatment',
        title: 'Mine',
        body: 'Text',
      })
      expect(denied.statusCode).toBe(403)
      const foreign = await as(server, other.users.owner)(
        'GET',
        `/api/v1/clinics/${other.clinicId}/consent-templates/${treatmentV1.id}`
      )
      expect(foreign.statusCode).toBe(404)
      expect(
        (await as(server, other.users.owner)('GET', `/api/v1/clinics/${other.clinicId}/consent-templates`)).json().items
      ).toEqual([])
    })

    it('refuses a NUL character (which PostgreSQL cannot store) as bad input, not a server error', async () => {
      const before = await count('consent_templates')
      const res = await owner()('POST', `${base}/consent-templates`, { kind: 'privacy', title: 'A\u0000B', body: 'x' })
      expect(res.statusCode).toBe(400)
      expect(res.json().errors).toEqual([{ path: 'body.title', message: expect.stringContaining('NUL') }])
      expect(await count('consent_templates')).toBe(before)
    })

    it('refuses a body over 20,000 characters and an unknown kind at their paths', async () => {
      const before = await count('consent_templates')
      const res = await owner()('POST', `${base}/consent-templates`, {
        kind: 'tattoo',
        title: 'T',
        body: 'y'.repeat(20_001),
      })
      expect(res.statusCode).toBe(400)
      expect(
        res
          .json()
          .errors.map((e: { path: string }) => e.path)
          .sort()
      ).toEqual(['body.body', 'body.kind'])
      expect(await count('consent_templates')).toBe(before)
    })
  })

  describe('signing in the clinic', () => {
    let consentId: string
    it('keeps the exact text of the version signed, the signer, time, IP and user agent', async () => {
      const res = await server.app.inject({
        method: 'POST',
        url: `${base}/clients/${clientId}/consents`,
        headers: {
          cookie: clinic.users.front_desk.cookie,
          'x-csrf-token': clinic.users.front_desk.csrf,
          'user-agent': 'ClinicTablet/2.1',
        },
        payload: { templateVersionId: treatmentV2.id, signerName: 'Sam Signer', signatureImage: signature },
      })
      expect(res.statusCode, res.body).toBe(201)
      const consent = res.json()
      consentId = consent.id
      const text = `${treatmentV2.title}\n\n${treatmentV2.body}`
      expect(consent).toMatchObject({
        clientId,
        templateVersionId: treatmentV2.id,
        kind: 'treatment',
        version: 2,
        textSigned: text,
        textSha256: sha256(text),
        signerName: 'Sam Signer',
        userAgent: 'ClinicTablet/2.1',
        method: 'in-clinic',
        recordedBy: clinic.users.front_desk.membershipId,
        hasSignatureImage: true,
      })
      expect(consent.ip).toMatch(/\d/)
      expect(Date.parse(consent.signedAt)).toBeGreaterThan(Date.now() - 60_000)

      const row = await server.db
        .selectFrom('signed_consents')
        .selectAll()
        .where('id', '=', consentId)
        .executeTakeFirstOrThrow()
      expect(row.text_signed).toBe(text)
      const stored = await server.photoStore.get(row.signature_sha256 ?? '')
      expect(stored).not.toBeNull()
      expect((await sharp(stored ?? Buffer.alloc(0)).metadata()).format).toBe('png')
    })

    it('lists and reads it back, serves the signature PNG, and audits each read', async () => {
      const list = await as(server, clinic.users.practitioner)('GET', `${base}/clients/${clientId}/consents`)
      expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([consentId])
      const one = await as(server, clinic.users.owner)('GET', `${base}/clients/${clientId}/consents/${consentId}`)
      expect(one.json().textSigned).toContain('2–4 years')
      const image = await as(server, clinic.users.owner)(
        'GET',
        `${base}/clients/${clientId}/consents/${consentId}/signature`
      )
      expect(image.statusCode).toBe(200)
      expect(image.headers['content-type']).toBe('image/png')
      const meta = await sharp(image.rawPayload).metadata()
      expect([meta.width, meta.height]).toEqual([300, 100])
      const entries = await server.db
        .selectFrom('audit_log')
        .select(['action', 'entity', 'entity_id'])
        .where('client_id', '=', clientId)
        .orderBy('id')
        .execute()
      expect(entries).toEqual(
        expect.arrayContaining([
          { action: 'create', entity: 'signed-consent', entity_id: consentId },
          { action: 'read', entity: 'signed-consent-list', entity_id: null },
          { action: 'read', entity: 'signed-consent', entity_id: consentId },
        ])
      )
      expect(entries.filter((e) => e.entity === 'signed-consent' && e.action === 'read').length).toBe(2)
    })

    it('refuses what is not a usable PNG signature at body.signatureImage, writing nothing', async () => {
      const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: 'red' } })
        .jpeg()
        .toBuffer()
      const full = await signaturePng(3)
      const cases: [string, string, RegExp][] = [
        ['a JPEG', jpeg.toString('base64'), /PNG/],
        ['too wide', (await signaturePng(5, 2001, 40)).toString('base64'), /2001×40/],
        ['truncated', full.subarray(0, full.length - 40).toString('base64'), /truncated|damaged|header/],
        [
          'blank',
          (
            await sharp({ create: { width: 200, height: 80, channels: 3, background: 'white' } })
              .png()
              .toBuffer()
          ).toString('base64'),
          /blank/,
        ],
        ['not base64', 'data:image/png;base64,AAAA', /base64/],
        ['empty', '', /base64/],
        ['over 200 KB', 'A'.repeat(280_000), /^the signature image is over 200 KB$/],
      ]
      const before = await count('signed_consents')
      for (const [what, image, message] of cases) {
        const res = await owner()('POST', `${base}/clients/${clientId}/consents`, {
          templateVersionId: treatmentV2.id,
          signerName: 'Sam Signer',
          signatureImage: image,
        })
        expect({ what, status: res.statusCode }).toEqual({ what, status: 400 })
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
        const errors = res.json().errors as { path: string; message: string }[]
        expect(errors.map((e) => e.path)).toEqual(['body.signatureImage'])
        expect(errors[0]?.message, what).toMatch(message)
      }
      expect(await count('signed_consents')).toBe(before)
    })

    it('only signs the latest version of a template of this clinic', async () => {
      const old = await owner()('POST', `${base}/clients/${clientId}/consents`, {
        templateVersionId: treatmentV1.id,
        signerName: 'Sam Signer',
        signatureImage: signature,
      })
      expect(old.statusCode).toBe(422)
      expect(old.json().errors[0]).toMatchObject({ path: 'body.templateVersionId' })
      expect(old.json().errors[0].message).toContain('version 2')
      const foreign = (
        await as(server, other.users.owner)('POST', `/api/v1/clinics/${other.clinicId}/consent-templates`, {
          kind: 'treatment',
          title: 'Theirs',
          body: 'Their text',
        })
      ).json()
      const res = await owner()('POST', `${base}/clients/${clientId}/consents`, {
        templateVersionId: foreign.id,
        signerName: 'Sam Signer',
        signatureImage: signature,
      })
      expect(res.statusCode).toBe(400)
      expect(res.json().errors[0].path).toBe('body.templateVersionId')
    })

    it('cannot be changed or deleted: the database refuses, and no route exists for it', async () => {
      await expect(
        sql`update signed_consents set signer_name = 'Someone Else' where id = ${consentId}`.execute(server.db)
      ).rejects.toThrow(/append-only/)
      await expect(sql`delete from signed_consents where id = ${consentId}`.execute(server.db)).rejects.toThrow(
        /append-only/
      )
      const row = await server.db
        .selectFrom('signed_consents')
        .select('signer_name')
        .where('id', '=', consentId)
        .executeTakeFirstOrThrow()
      expect(row.signer_name).toBe('Sam Signer')

      const paths = server.openApi.paths as Record<string, Record<string, unknown>>
      const consentPaths = Object.keys(paths).filter((p) => p.includes('/consents'))
      expect(consentPaths.length).toBeGreaterThanOrEqual(4)
      for (const p of consentPaths) {
        expect(Object.keys(paths[p] ?? {}).filter((m) => ['put', 'patch', 'delete'].includes(m))).toEqual([])
      }
      for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
        const res = await owner()(method, `${base}/clients/${clientId}/consents/${consentId}`, { signerName: 'X' })
        expect(res.statusCode).toBe(404)
      }
    })

    it('gives 404 for an erased client and for a client of another clinic', async () => {
      const erased = await newClient('Eve', 'Gone')
      await owner()('POST', `${base}/clients/${erased}/erase`, { reason: 'written request' })
      const res = await owner()('POST', `${base}/clients/${erased}/consents`, {
        templateVersionId: treatmentV2.id,
        signerName: 'Eve Gone',
        signatureImage: signature,
      })
      expect(res.statusCode).toBe(404)
      const theirs = await newClient('Olga', 'Other', other)
      const cross = await owner()('GET', `${base}/clients/${theirs}/consents`)
      expect(cross.statusCode).toBe(404)
    })
  })

  describe('the portal', () => {
    let portalClient: string
    const portal = () => as(server, clinic.users.client)
    beforeAll(async () => {
      portalClient = await newClient('Pat', 'Portal')
      await server.db
        .updateTable('clients')
        .set({ user_id: clinic.users.client.userId })
        .where('id', '=', portalClient)
        .execute()
    })

    it('lists the required texts to sign, and signing one takes it off the list', async () => {
      const first = await portal()('GET', `${base}/portal/consents`)
      expect(first.statusCode, first.body).toBe(200)
      expect(first.json().signed).toEqual([])
      expect(
        first
          .json()
          .toSign.map((t: { id: string }) => t.id)
          .sort()
      ).toEqual([treatmentV2.id, privacyV1.id].sort())

      const signed = await portal()('POST', `${base}/portal/consents`, {
        templateVersionId: treatmentV2.id,
        signerName: 'Pat Portal',
        signatureImage: (await signaturePng(11)).toString('base64'),
      })
      expect(signed.statusCode, signed.body).toBe(201)
      expect(signed.json()).toMatchObject({ clientId: portalClient, method: 'portal' })

      const after = (await portal()('GET', `${base}/portal/consents`)).json()
      expect(after.signed.map((s: { id: string }) => s.id)).toEqual([signed.json().id])
      expect(after.toSign.map((t: { id: string }) => t.id)).toEqual([privacyV1.id])
      // the staff's view of the same client shows the portal signature
      const staff = await owner()('GET', `${base}/clients/${portalClient}/consents`)
      expect(staff.json().items.map((c: { method: string }) => c.method)).toEqual(['portal'])
    })

    it('asks for the laser-removal consent once the client has a removal course, and again for a new version', async () => {
      const laser = (
        await owner()('POST', `${base}/consent-templates`, {
          kind: 'laser-removal',
          title: 'Laser removal',
          body: 'Laser removal of SMP usually takes 1–3 sessions.',
        })
      ).json()
      const without = (await portal()('GET', `${base}/portal/consents`)).json()
      expect(without.toSign.map((t: { kind: string }) => t.kind)).not.toContain('laser-removal')
      await server.db
        .insertInto('laser_removal_courses')
        .values({
          clinic_id: clinic.clinicId,
          client_id: portalClient,
          reason: 'Hairline too low',
          provider: 'clinic',
          sessions_planned: 2,
          started_on: '2026-11-01',
          created_by: clinic.users.owner.membershipId,
        })
        .execute()
      const withCourse = (await portal()('GET', `${base}/portal/consents`)).json()
      expect(withCourse.toSign.map((t: { id: string }) => t.id)).toContain(laser.id)

      const privacyV2 = (
        await owner()('POST', `${base}/consent-templates`, {
          kind: 'privacy',
          title: 'How we keep your records',
          body: 'We keep your records for 3 years, then delete them.',
        })
      ).json()
      const latest = (await portal()('GET', `${base}/portal/consents`)).json()
      expect(latest.toSign.map((t: { id: string }) => t.id).sort()).toEqual([laser.id, privacyV2.id].sort())
    })

    it('gives 404 to a client account with no client record here, and 403 to staff', async () => {
      const res = await as(server, other.users.client)('GET', `/api/v1/clinics/${other.clinicId}/portal/consents`)
      expect(res.statusCode).toBe(404)
      expect(res.json().detail ?? res.json().title).toMatch(/client record/)
      expect((await owner()('GET', `${base}/portal/consents`)).statusCode).toBe(403)
    })
  })
})
