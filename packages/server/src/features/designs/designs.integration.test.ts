// Designs over HTTP: versions with optimistic saves, the one approval per design, previews on the synthetic scalp
// with the "Simulated" mark, the portal's own designs only, and an audit row for every read and write.
import { type DesignDocument, toDesign } from '@stipple/domain'
import { forEachMarkPixel, placeDots, renderPreview } from '@stipple/engine'
import { describeEachDatabase } from '@stipple/testkit'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  as,
  createTestClinic,
  openTestServer,
  type TestClinic,
  type TestServer,
  validDesignDocument,
} from '../../test/harness.ts'

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

describeEachDatabase('designs: versions, approval, previews and the portal', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let base: string
  /** The client whose portal account is the clinic's client user. */
  let ownClient: string
  let otherClient: string
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Design Clinic')
    base = `/api/v1/clinics/${clinic.clinicId}`
    ownClient = await newClient('Paula', 'Portal')
    otherClient = await newClient('Olga', 'Other')
    await server.db
      .updateTable('clients')
      .set({ user_id: clinic.users.client.userId })
      .where('id', '=', ownClient)
      .execute()
  })
  afterAll(async () => {
    await server.close()
  })

  async function newClient(givenName: string, familyName: string): Promise<string> {
    const res = await as(server, clinic.users.owner)('POST', `${base}/clients`, { givenName, familyName })
    expect(res.statusCode, res.body).toBe(201)
    return res.json().id
  }

  async function newDesign(clientId: string, document: unknown = validDesignDocument(), title = 'Crown density') {
    const res = await as(server, clinic.users.practitioner)('POST', `${base}/clients/${clientId}/designs`, {
      title,
      document,
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json() as { id: string; versionId: string; version: number; document: DesignDocument }
  }

  const auditCount = async (entity: string, clientId: string) =>
    (
      await server.db
        .selectFrom('audit_log')
        .select('id')
        .where('clinic_id', '=', clinic.clinicId)
        .where('client_id', '=', clientId)
        .where('entity', '=', entity)
        .execute()
    ).length

  it('creates a design with version 1 and lists it with its latest version and no approval', async () => {
    const clientId = await newClient('Dana', 'Design')
    const created = await newDesign(clientId)
    expect(created.version).toBe(1)
    expect(created.document).toEqual(validDesignDocument())
    const list = await as(server, clinic.users.front_desk)('GET', `${base}/clients/${clientId}/designs`)
    expect(list.statusCode, list.body).toBe(200)
    expect(list.json().items).toEqual([
      expect.objectContaining({
        id: created.id,
        clientId,
        title: 'Crown density',
        latest: expect.objectContaining({ id: created.versionId, version: 1 }),
        approval: null,
      }),
    ])
    const detail = await as(server, clinic.users.practitioner)('GET', `${base}/designs/${created.id}`)
    expect(detail.statusCode, detail.body).toBe(200)
    expect(detail.json()).toMatchObject({
      id: created.id,
      clientId,
      versions: [{ id: created.versionId, version: 1, createdBy: clinic.users.practitioner.membershipId }],
      latest: { id: created.versionId, version: 1, document: validDesignDocument() },
      approval: null,
    })
    expect(await auditCount('design', clientId)).toBe(2) // the create and the read
    expect(await auditCount('design-list', clientId)).toBe(1)
  })

  it('names the path inside the document of each problem, from the schema and from the geometry', async () => {
    const send = (document: unknown) =>
      as(server, clinic.users.practitioner)('POST', `${base}/clients/${otherClient}/designs`, {
        title: 'Bad',
        document,
      })
    const before = (await server.db.selectFrom('designs').select('id').execute()).length
    const schema = await send({ ...validDesignDocument(), seed: -1, extra: true })
    expect(schema.statusCode).toBe(400)
    expect(
      schema
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort()
    ).toEqual(['body.document.extra', 'body.document.seed'])
    const doc = validDesignDocument()
    const offHead = {
      ...doc,
      zones: [
        {
          ...doc.zones[0],
          polygon: [
            [-30, -60],
            [30, -60],
            [300, 300],
            [-30, -10],
          ],
        },
      ],
    }
    const geometry = await send(offHead)
    expect(geometry.statusCode, geometry.body).toBe(400)
    expect(geometry.json().errors[0].path).toMatch(/^body\.document\.zones\[0\]\.polygon/)
    expect((await server.db.selectFrom('designs').select('id').execute()).length).toBe(before)
  })

  describe('versions', () => {
    it('saves the next version, refuses a save based on an older one (409), and keeps a retried save once', async () => {
      const created = await newDesign(otherClient)
      const save = (basedOnVersion: number, document: unknown, user = clinic.users.practitioner) =>
        as(server, user)('POST', `${base}/designs/${created.id}/versions`, { basedOnVersion, document })
      const v2doc = validDesignDocument({ seed: 43 })
      const v2 = await save(1, v2doc)
      expect(v2.statusCode, v2.body).toBe(201)
      expect(v2.json()).toMatchObject({ designId: created.id, version: 2, document: v2doc })
      // the owner started from version 1 too, and changed something else: their save must not overwrite version 2
      const stale = await save(1, validDesignDocument({ seed: 44 }), clinic.users.owner)
      expect(stale.statusCode, stale.body).toBe(409)
      expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(stale.json().detail).toMatch(/Version 2 .* after version 1 you started from/)
      const ahead = await save(7, validDesignDocument({ seed: 45 }))
      expect(ahead.statusCode).toBe(409)
      expect(ahead.json().detail).toContain('no version 7')
      // the same save again (a retry after a lost response) gives version 2 back, not a version 3
      const retry = await save(1, v2doc)
      expect(retry.statusCode).toBe(201)
      expect(retry.json().id).toBe(v2.json().id)
      const detail = (await as(server, clinic.users.owner)('GET', `${base}/designs/${created.id}`)).json()
      expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([1, 2])
      expect(detail.latest).toMatchObject({ id: v2.json().id, version: 2 })
      const one = await as(server, clinic.users.front_desk)(
        'GET',
        `${base}/designs/${created.id}/versions/${created.versionId}`
      )
      expect(one.statusCode).toBe(200)
      expect(one.json()).toMatchObject({ id: created.versionId, version: 1, document: validDesignDocument() })
    })

    it('serialises simultaneous saves from one version: one makes version 2, the other is told to reload', async () => {
      const created = await newDesign(otherClient)
      const [a, b] = await Promise.all(
        [101, 102].map((seed, i) =>
          as(server, i === 0 ? clinic.users.owner : clinic.users.practitioner)(
            'POST',
            `${base}/designs/${created.id}/versions`,
            { basedOnVersion: 1, document: validDesignDocument({ seed }) }
          )
        )
      )
      expect([a?.statusCode, b?.statusCode].sort()).toEqual([201, 409])
      const detail = (await as(server, clinic.users.owner)('GET', `${base}/designs/${created.id}`)).json()
      expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([1, 2])
    })

    it("gives 404 for a version of another design, and for another clinic's design", async () => {
      const a = await newDesign(otherClient)
      const b = await newDesign(otherClient)
      const res = await as(server, clinic.users.owner)('GET', `${base}/designs/${a.id}/versions/${b.versionId}`)
      expect(res.statusCode).toBe(404)
      const elsewhere = await createTestClinic(server, 'Elsewhere')
      const foreign = await as(server, elsewhere.users.owner)(
        'GET',
        `/api/v1/clinics/${elsewhere.clinicId}/designs/${a.id}`
      )
      expect(foreign.statusCode).toBe(404)
    })
  })

  describe('approval', () => {
    it('records the approval of the latest version: the same again is the same approval, an earlier one is 409', async () => {
      const created = await newDesign(otherClient)
      const v2 = await as(server, clinic.users.practitioner)('POST', `${base}/designs/${created.id}/versions`, {
        basedOnVersion: 1,
        document: validDesignDocument({ seed: 7 }),
      })
      const approve = (versionId: string, method = 'paper') =>
        as(server, clinic.users.front_desk)('POST', `${base}/designs/${created.id}/approval`, { versionId, method })
      const first = await approve(v2.json().id)
      expect(first.statusCode, first.body).toBe(200)
      expect(first.json()).toMatchObject({
        designId: created.id,
        versionId: v2.json().id,
        version: 2,
        method: 'paper',
        recordedBy: clinic.users.front_desk.membershipId,
      })
      const again = await approve(v2.json().id, 'in-clinic')
      expect(again.statusCode).toBe(200)
      expect(again.json()).toEqual(first.json())
      const other = await approve(created.versionId)
      expect(other.statusCode).toBe(409)
      expect(other.json().detail).toMatch(/Version 1 .* is no longer the current one: version 2 is/)
      // an approved design no longer changes
      const edit = await as(server, clinic.users.practitioner)('POST', `${base}/designs/${created.id}/versions`, {
        basedOnVersion: 2,
        document: validDesignDocument({ seed: 8 }),
      })
      expect(edit.statusCode).toBe(409)
      expect(edit.json().detail).toContain('Save your changes as a new design')
      const unknown = await approve('00000000-0000-4000-8000-000000000000')
      expect(unknown.statusCode).toBe(400)
      expect(unknown.json().errors[0].path).toBe('body.versionId')
      const detail = (await as(server, clinic.users.owner)('GET', `${base}/designs/${created.id}`)).json()
      expect(detail.approval).toMatchObject({ versionId: v2.json().id, method: 'paper' })
      expect(await auditCount('design-approval', otherClient)).toBeGreaterThanOrEqual(2)
    })
  })

  it('serialises simultaneous approvals of two versions: one is recorded, the other is 409', async () => {
    const created = await newDesign(otherClient)
    const v2 = await as(server, clinic.users.practitioner)('POST', `${base}/designs/${created.id}/versions`, {
      basedOnVersion: 1,
      document: validDesignDocument({ seed: 77 }),
    })
    const results = await Promise.all(
      [created.versionId, v2.json().id].map((versionId) =>
        as(server, clinic.users.front_desk)('POST', `${base}/designs/${created.id}/approval`, {
          versionId,
          method: 'in-clinic',
        })
      )
    )
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
    const rows = await server.db
      .selectFrom('design_approvals')
      .select('id')
      .where('design_id', '=', created.id)
      .execute()
    expect(rows).toHaveLength(1)
  })

  describe('previews', () => {
    let design: Awaited<ReturnType<typeof newDesign>>
    beforeAll(async () => {
      design = await newDesign(otherClient)
    })
    const preview = (query: string, user = clinic.users.front_desk) =>
      as(server, user)('GET', `${base}/designs/${design.id}/versions/${design.versionId}/preview.png${query}`)

    it('gives a PNG of the requested size, marked "Simulated", as the engine renders it', async () => {
      const res = await preview('?view=top&session=1&stage=healed&width=300')
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
      expect(res.headers['content-type']).toBe('image/png')
      const png = res.rawPayload
      expect(png.subarray(0, 8)).toEqual(PNG_MAGIC)
      const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true })
      expect([info.width, info.height, info.channels]).toEqual([300, 300, 4])
      let ink = 0
      forEachMarkPixel(300, 300, (x, y) => {
        const i = (y * 300 + x) * 4
        if (data[i] === 255 && data[i + 1] === 255 && data[i + 2] === 255) ink++
      })
      let markPixels = 0
      forEachMarkPixel(300, 300, () => markPixels++)
      expect(markPixels).toBeGreaterThan(50)
      expect(ink).toBe(markPixels)
      // and pixel for pixel what the engine itself renders for the stored document
      const d = toDesign(design.document)
      const placed = placeDots(d)
      if (!placed.ok) throw new Error('the test design does not place')
      const target = { width: 300, height: 300, data: new Uint8ClampedArray(300 * 300 * 4) }
      renderPreview(placed, { view: 'top', session: 1, stage: 'healed', width: 300, height: 300 }, target)
      expect(Buffer.from(data).equals(Buffer.from(target.data.buffer))).toBe(true)
    })

    it('differs between session 1 and session 3, and serves a repeated request the same bytes', async () => {
      const one = await preview('?session=1&width=256')
      const three = await preview('?session=3&width=256')
      expect([one.statusCode, three.statusCode]).toEqual([200, 200])
      const a = await sharp(one.rawPayload).raw().toBuffer()
      const b = await sharp(three.rawPayload).raw().toBuffer()
      let differing = 0
      for (let i = 0; i < a.length; i += 4)
        if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) differing++
      expect(differing).toBeGreaterThan(1000)
      const repeat = await preview('?session=3&width=256')
      expect(repeat.rawPayload.equals(three.rawPayload)).toBe(true)
      const fresh = await preview('?session=3&width=256&stage=fresh&view=front')
      expect(fresh.statusCode).toBe(200)
      expect(fresh.rawPayload.equals(three.rawPayload)).toBe(false)
    })

    it('refuses options outside the limits or the design, naming the query parameter', async () => {
      const cases: [string, string][] = [
        ['?session=4', 'query.session'],
        ['?session=0', 'query.session'],
        ['?width=2000', 'query.width'],
        ['?width=100', 'query.width'],
        ['?height=5e2', 'query.height'],
        ['?view=sideways', 'query.view'],
        ['?closeup=0,40&view=top', 'query.closeup'],
        ['?closeup=nape-ish', 'query.closeup'],
        ['?years=11', 'query.years'],
        ['?years=-1', 'query.years'],
        ['?stage=fresh&years=2', 'query.years'],
        ['?zoom=2', 'query.zoom'],
      ]
      for (const [query, path] of cases) {
        const res = await preview(query)
        expect({ query, status: res.statusCode }).toEqual({ query, status: 400 })
        expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path)
      }
    })

    it('refuses the old spellings state and size, naming the spelling to use', async () => {
      const res = await preview('?state=fresh&size=256')
      expect(res.statusCode).toBe(400)
      const errors: { path: string; message: string }[] = res.json().errors
      expect(errors).toEqual(
        expect.arrayContaining([
          { path: 'query.state', message: expect.stringMatching(/is now spelled stage/) },
          { path: 'query.size', message: expect.stringMatching(/is now spelled width/) },
        ])
      )
    })

    it('documents one spelling of the preview options in the OpenAPI document', async () => {
      const res = await as(server, clinic.users.front_desk)('GET', '/api/openapi.json')
      expect(res.statusCode).toBe(200)
      const op = res.json().paths['/api/v1/clinics/{clinicId}/designs/{designId}/versions/{versionId}/preview.png'].get
      const names = op.parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name)
      expect(names.sort()).toEqual(['closeup', 'height', 'session', 'stage', 'view', 'width', 'years'])
    })

    it('draws a close-up: 20 mm of the chart at 40 px/mm about a point, as the engine renders it', async () => {
      const res = await preview('?closeup=0,40')
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
      const { data, info } = await sharp(res.rawPayload).raw().toBuffer({ resolveWithObject: true })
      expect([info.width, info.height]).toEqual([800, 800])
      const placed = placeDots(toDesign(design.document))
      if (!placed.ok) throw new Error('the test design does not place')
      const target = { width: 800, height: 800, data: new Uint8ClampedArray(800 * 800 * 4) }
      const options = { view: 'chart', width: 800, height: 800, closeUp: { u: 0, v: 40, widthMm: 20 } } as const
      renderPreview(placed, options, target)
      expect(Buffer.from(data).equals(Buffer.from(target.data.buffer))).toBe(true)
      // a named point, at a smaller width
      const crown = await preview('?closeup=crown&width=400')
      expect(crown.statusCode, crown.body.slice(0, 200)).toBe(200)
    })

    it('audits every preview read', async () => {
      const before = await auditCount('design-preview', otherClient)
      await preview('?width=256&years=5')
      expect(await auditCount('design-preview', otherClient)).toBe(before + 1)
    })
  })

  describe('portal', () => {
    it("shows the client their own designs only, previews and approves them, and 404s another client's", async () => {
      const mine = await newDesign(ownClient, validDesignDocument(), 'Your crown')
      const theirs = await newDesign(otherClient, validDesignDocument(), 'Not yours')
      const portal = as(server, clinic.users.client)
      const list = await portal('GET', `${base}/portal/designs`)
      expect(list.statusCode, list.body).toBe(200)
      expect(list.json().items.map((d: { id: string }) => d.id)).toEqual([mine.id])
      expect(list.body).not.toContain('Not yours')
      const png = await portal(
        'GET',
        `${base}/portal/designs/${mine.id}/versions/${mine.versionId}/preview.png?width=256`
      )
      expect(png.statusCode).toBe(200)
      expect(png.rawPayload.subarray(0, 8)).toEqual(PNG_MAGIC)
      const foreignPng = await portal(
        'GET',
        `${base}/portal/designs/${theirs.id}/versions/${theirs.versionId}/preview.png?width=256`
      )
      expect(foreignPng.statusCode).toBe(404)
      const foreignApproval = await portal('POST', `${base}/portal/designs/${theirs.id}/approve`, {
        versionId: theirs.versionId,
      })
      expect(foreignApproval.statusCode).toBe(404)
      expect((await as(server, clinic.users.owner)('GET', `${base}/designs/${theirs.id}`)).json().approval).toBeNull()
      const approval = await portal('POST', `${base}/portal/designs/${mine.id}/approve`, { versionId: mine.versionId })
      expect(approval.statusCode, approval.body).toBe(200)
      expect(approval.json()).toMatchObject({ versionId: mine.versionId, method: 'portal', recordedBy: null })
      const after = await portal('GET', `${base}/portal/designs`)
      expect(after.json().items[0].approval).toMatchObject({ versionId: mine.versionId, method: 'portal' })
      // staff routes stay closed to the client role
      expect((await portal('GET', `${base}/designs/${mine.id}`)).statusCode).toBe(403)
    })
  })
})
