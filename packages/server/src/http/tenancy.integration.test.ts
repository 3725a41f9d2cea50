// The tenancy sweep: every clinic route in the OpenAPI document, as every role of another clinic (404), as every
// role of the clinic itself (403 exactly where the role is not allowed), and signed out (401).
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  as,
  createTestClinic,
  openTestServer,
  readyForSessions,
  type TestClinic,
  type TestServer,
  testJpeg,
  testSignature,
  uploadTestPhoto,
  validDesignDocument,
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
  /** Per clinic: clients with an email and no portal account, one used up by each portal-access call. */
  const portalPools: Record<string, string[]> = {}
  /** Per clinic: a failed outbox message (each allowed role may retry it) and a calendar feed (revoking twice is fine). */
  const outboxOf: Record<string, string> = {}
  const feedOf: Record<string, string> = {}
  /** Per client: an intake, the consultation on it and the design, version and plan it created. */
  const recordsOf: Record<string, Record<string, string>> = {}
  /** Per clinic: a consent template version, a signed consent, a credential and a laser-removal course of its client. */
  const recordsOfClinic: Record<string, Record<string, string>> = {}
  let signature = ''
  /**
   * Booking, per clinic: its practitioner and location, a booked course with a free time to move session 1 to, and
   * appointments each allowed cancel, reschedule, no-show or complete uses up (a second change of one is 409).
   */
  const bookingOf: Record<string, { practitioner: string; location: string; courseId: string; moveTo: string }> = {}
  const appointmentPools: Record<string, Record<string, string[]>> = {}
  const secondLocationOf: Record<string, string> = {}
  /** Versions the sweep's allowed roles saved on clinic B's design (each one is based on the one before). */
  let versionsSaved = 0
  let bookingN = 0
  /** Distinct images, so each allowed upload is new content (an identical one would be 409). */
  const images: Buffer[] = []
  let nextImage = 0
  let nextLot = 0
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
    await readyForSessions(server, a, clientOfA)
    await readyForSessions(server, b, clientOfB)
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
    for (const clinic of [a, b]) {
      const pool: string[] = []
      // every test of the sweep that builds this route's URL takes one, whatever it answers
      for (let i = 0; i < 40; i++) {
        const made = await as(server, clinic.users.owner)('POST', `/api/v1/clinics/${clinic.clinicId}/clients`, {
          givenName: 'Pat',
          familyName: `Portal ${String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26))}`,
          email: `pat.${i}.${clinic.clinicId.slice(0, 8)}@example.com`,
        })
        if (made.statusCode !== 201) throw new Error(`portal pool client: ${made.statusCode} ${made.body}`)
        pool.push(made.json().id)
      }
      portalPools[clinic.clinicId] = pool
    }
    for (const [clinic, clientId] of [
      [a, clientOfA],
      [b, clientOfB],
    ] as const) {
      const practitioner = as(server, clinic.users.practitioner)
      const clientBase = `/api/v1/clinics/${clinic.clinicId}/clients/${clientId}`
      const intakeId = (await practitioner('POST', `${clientBase}/intakes`, bodies(clinic).createIntake)).json().id
      const consulted = await practitioner('POST', `${clientBase}/consultations`, {
        intakeId,
        locationId: clinic.locationId,
      })
      // a design of its own for the approval routes, so the version saves above stay allowed
      const forApproval = await practitioner('POST', `${clientBase}/designs`, {
        title: 'To approve',
        document: validDesignDocument(),
      })
      recordsOf[clientId] = {
        intakeId,
        consultationId: consulted.json().consultation.id,
        designId: consulted.json().designId,
        versionId: consulted.json().designVersionId,
        planId: consulted.json().planId,
        approvalDesignId: forApproval.json().id,
        approvalVersionId: forApproval.json().versionId,
      }
    }
    signature = await testSignature(3)
    for (const [clinic, clientId] of [
      [a, clientOfA],
      [b, clientOfB],
    ] as const) {
      const message = await server.db
        .insertInto('outbox_messages')
        .values({
          clinic_id: clinic.clinicId,
          client_id: clientId,
          kind: 'appointment-24h',
          dedupe_key: `sweep:${clientId}`,
          care: true,
          to_email: 'sweep@example.test',
          subject: 'Reminder',
          body_text: 'Reminder',
          body_html: '<p>Reminder</p>',
          message_id: `<sweep-${clientId}@stipple.test>`,
          due_at: new Date(),
          next_attempt_at: new Date(),
          status: 'failed',
          attempts: 5,
          last_error: 'Attempt 5 of 5 failed: 550 Mailbox unavailable',
          payload: '{}',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      outboxOf[clinic.clinicId] = message.id
      const feed = await as(server, clinic.users.owner)('POST', `/api/v1/clinics/${clinic.clinicId}/calendar-feeds`, {
        clientId,
      })
      feedOf[clinic.clinicId] = feed.json().id
    }
    for (const [clinic, clientId] of [
      [a, clientOfA],
      [b, clientOfB],
    ] as const) {
      const owner = as(server, clinic.users.owner)
      const base = `/api/v1/clinics/${clinic.clinicId}`
      const template = await owner('POST', `${base}/consent-templates`, {
        kind: 'treatment',
        title: 'T',
        body: 'I agree',
      })
      const templateVersionId = template.json().id
      const consent = await owner('POST', `${base}/clients/${clientId}/consents`, {
        templateVersionId,
        signerName: 'Sweep Signer',
        signatureImage: signature,
      })
      const credential = await owner('POST', `${base}/credentials`, {
        membershipId: clinic.users.practitioner.membershipId,
        kind: 'licence',
        title: 'Body art licence',
        issuer: 'City',
      })
      const course = await owner('POST', `${base}/clients/${clientId}/laser-removal-courses`, {
        reason: 'Sweep',
        provider: 'clinic',
        sessionsPlanned: 2,
        startedOn: '2026-11-01',
      })
      recordsOfClinic[clinic.clinicId] = {
        templateVersionId,
        consentId: consent.json().id,
        credentialId: credential.json().id,
        courseId: course.json().id,
      }
    }
  })
  beforeAll(async () => {
    const week = Object.fromEntries(
      ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [['09:00', '17:00']]])
    )
    for (const [clinic, clientId] of [
      [a, clientOfA],
      [b, clientOfB],
    ] as const) {
      const owner = as(server, clinic.users.owner)
      const base = `/api/v1/clinics/${clinic.clinicId}`
      await server.db
        .updateTable('locations')
        .set({ opening_hours: JSON.stringify(week) })
        .where('id', '=', clinic.locationId)
        .execute()
      const chair = (await owner('POST', `${base}/locations/${clinic.locationId}/chairs`, { name: 'Chair 1' })).json()
        .id
      await owner('POST', `${base}/locations/${clinic.locationId}/chairs`, { name: 'Chair 2' })
      const practitioner = clinic.users.practitioner.membershipId
      for (const m of [practitioner, clinic.users.owner.membershipId])
        await owner('PUT', `${base}/practitioners/${m}/locations/${clinic.locationId}`, { workingHours: week })
      // a session performed, for the touch-up proposal
      if (clinic === b)
        await as(server, b.users.practitioner)('POST', `${base}/clients/${clientId}/sessions`, validSession(b))
      const course = await owner('POST', `${base}/clients/${clientId}/courses`, {
        treatmentPlanId: recordsOf[clientId]?.planId,
        locationId: clinic.locationId,
        practitionerId: practitioner,
      })
      const first = course.json().sessions[0].startsAt as string
      bookingOf[clinic.clinicId] = {
        practitioner,
        location: clinic.locationId,
        courseId: course.json().id,
        moveTo: new Date(Date.parse(first) + 86_400_000).toISOString(),
      }
      const pools: Record<string, string[]> = {}
      // website: a booking made through the public site, without a client file yet (what linking takes)
      const pool = async (operationId: string, firstDay: string, website = false) => {
        pools[operationId] = []
        for (let i = 0; i < 24; i++) {
          const start = Date.parse(`${firstDay}T15:00:00Z`) + i * 86_400_000
          const row = await server.db
            .insertInto('appointments')
            .values({
              clinic_id: clinic.clinicId,
              location_id: clinic.locationId,
              client_id: website ? null : clientId,
              ...(website ? { contact: JSON.stringify({ name: 'Web Visitor', email: 'web@example.com' }) } : {}),
              practitioner_id: practitioner,
              chair_id: chair,
              kind: 'consultation',
              starts_at: new Date(start),
              ends_at: new Date(start + 45 * 60_000),
              blocks: `[${new Date(start).toISOString()},${new Date(start + 60 * 60_000).toISOString()})`,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          pools[operationId]?.push(row.id)
        }
      }
      await pool('cancelAppointment', '2028-01-03')
      await pool('rescheduleAppointment', '2028-02-03')
      await pool('markNoShow', '2025-01-06')
      await pool('completeAppointment', '2025-02-06')
      await pool('markArrived', '2025-03-06')
      await pool('getAppointment', '2028-03-03')
      await pool('linkAppointmentClient', '2028-04-03', true)
      appointmentPools[clinic.clinicId] = pools
      // a second location, so the owner has a pair to set a travel time between
      secondLocationOf[clinic.clinicId] = (
        await server.db
          .insertInto('locations')
          .values({
            clinic_id: clinic.clinicId,
            name: 'Second location',
            address: JSON.stringify({ line1: '2 Main St', city: 'Toronto', country: 'CA' }),
            time_zone: 'America/Toronto',
            opening_hours: JSON.stringify({}),
            price_list_id: 'toronto',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    }
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
    // today: the clinic's treatment consent above was signed today, and a session needs it signed by its day
    createSessionRecord: validSession(clinic, { performedAt: new Date().toISOString() }),
    // a location holds a lot code once: each accepted add is a new lot
    get addLot() {
      return {
        kind: 'pigment',
        locationId: clinic.locationId,
        brand: 'Perma Blend',
        shade: 'SMP Charcoal',
        lot: `TEN-${++nextLot}`,
        expiresOn: '2027-06-30',
      }
    },
    get uploadPhoto() {
      return images[nextImage++ % images.length]
    },
    updatePhotoConsent: { consent: 'clinical-only' },
    eraseClient: { reason: 'tenancy sweep' },
    grantPortalAccess: { password: 'a long portal password' },
    createCalendarFeed: { practitionerId: clinic.users.practitioner.membershipId },
    createConsultation: { intakeId: recordsOf[clientOfB]?.intakeId, locationId: clinic.locationId },
    createDesign: { title: 'Sweep design', document: validDesignDocument() },
    // the same save by each allowed role: the first makes version 2, the others get it back (no conflict)
    // each accepted save makes the next version, and a save must name the version it was based on
    createDesignVersion: { basedOnVersion: 1 + versionsSaved, document: validDesignDocument({ seed: 2 }) },
    approveDesign: { versionId: recordsOf[clientOfB]?.approvalVersionId, method: 'in-clinic' },
    approveOwnDesign: { versionId: recordsOf[clientOfB]?.approvalVersionId },
    createPlan: { designVersionId: recordsOf[clientOfB]?.versionId, locationId: clinic.locationId },
    get createChair() {
      return { name: `Sweep chair ${++bookingN}` }
    },
    // every day, as set up above: the booking routes after it still find the practitioner working
    setWorkingHours: {
      workingHours: Object.fromEntries(
        ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [['09:00', '17:00']]])
      ),
    },
    createTimeOff: { from: '2029-01-01T14:00:00Z', to: '2029-01-01T18:00:00Z', reason: 'tenancy sweep' },
    // the location's own taxes again (Ontario HST): what the plans of this sweep are priced with
    setLocationTaxRules: {
      rules: [{ code: 'HST', label: 'HST (Ontario)', basisPoints: 1300, appliesTo: ['treatment', 'goods'] }],
    },
    linkAppointmentClient: { clientId: clinic.clinicId === a.clinicId ? clientOfA : clientOfB },
    setTravelTime: { locationAId: clinic.locationId, locationBId: secondLocationOf[clinic.clinicId], minutes: 45 },
    get createAppointment() {
      return {
        locationId: clinic.locationId,
        practitionerId: clinic.users.practitioner.membershipId,
        clientId: clientOfB,
        kind: 'consultation',
        startsAt: new Date(Date.parse('2029-02-05T15:00:00Z') + ++bookingN * 86_400_000).toISOString(),
      }
    },
    cancelAppointment: { reason: 'tenancy sweep' },
    get rescheduleAppointment() {
      return {
        startsAt: new Date(Date.parse('2029-09-03T15:00:00Z') + ++bookingN * 86_400_000).toISOString(),
        reason: 'tenancy sweep',
      }
    },
    markNoShow: {},
    markArrived: {},
    completeAppointment: {},
    // with the owner, so the practitioner's course above keeps its free time to move to
    bookCourse: {
      treatmentPlanId: recordsOf[clientOfB]?.planId,
      locationId: clinic.locationId,
      practitionerId: clinic.users.owner.membershipId,
    },
    moveCourseSession: { startsAt: bookingOf[clinic.clinicId]?.moveTo },
    // photography-clinical: a new treatment version would make the signed one below outdated (422)
    createConsentTemplate: { kind: 'photography-clinical', title: 'Clinical photos', body: 'I agree' },
    signConsent: {
      templateVersionId: recordsOfClinic[clinic.clinicId]?.templateVersionId,
      signerName: 'Sweep Signer',
      signatureImage: signature,
    },
    signOwnConsent: {
      templateVersionId: recordsOfClinic[clinic.clinicId]?.templateVersionId,
      signerName: 'Sweep Signer',
      signatureImage: signature,
    },
    createCredential: {
      membershipId: clinic.users.practitioner.membershipId,
      kind: 'certification',
      title: 'SMP certificate',
      issuer: 'Academy',
    },
    updateCredential: { public: true },
    createLaserRemovalCourse: { reason: 'Sweep', provider: 'clinic', sessionsPlanned: 1, startedOn: '2026-11-02' },
    // stays active, so the session route after it is allowed
    updateLaserRemovalCourse: { status: 'active' },
    recordLaserRemovalSession: { performedOn: '2026-11-10', provider: 'Dr Sweep' },
  })
  const queries: Record<string, string> = {
    lotRecall: '?lot=PB-2409-117',
    uploadPhoto: '?angle=top&takenOn=2026-11-21',
    previewDesignVersion: '?width=256',
    previewOwnDesignVersion: '?width=256',
    get findAvailability() {
      return `?locationId=${b.locationId}&kind=consultation&from=2029-03-05&to=2029-03-06`
    },
    listAppointments: '?from=2028-01-01&to=2028-02-01',
  }
  /** The approval routes approve a design of their own. */
  const APPROVALS = new Set(['approveDesign', 'approveOwnDesign'])

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
      .replace('{clientId}', () =>
        // the clinic's own client: a fresh one from the pool (another clinic's client stays, for the 404)
        op.operationId === 'grantPortalAccess' && clientId === (clinicId === a.clinicId ? clientOfA : clientOfB)
          ? (portalPools[clinicId]?.shift() ?? 'portal pool used up')
          : op.operationId === 'eraseClient' && clientId === clientOfB
            ? erasedOfB
            : clientId
      )
      .replace('{photoId}', photoOf[clientId] ?? '')
      .replace('{messageId}', outboxOf[clinicId] ?? '')
      .replace('{feedId}', feedOf[clinicId] ?? '')
      .replace('{locationId}', bookingOf[clinicId]?.location ?? '')
      .replace('{membershipId}', bookingOf[clinicId]?.practitioner ?? '')
      .replace('{appointmentId}', () => appointmentPools[clinicId]?.[op.operationId]?.shift() ?? '')
      .replace('{index}', '1')
      // a booked course (the laser-removal routes' {courseId} is theirs, below)
      .replace('{courseId}', (m) => (path.includes('/courses/{courseId}') ? (bookingOf[clinicId]?.courseId ?? '') : m))
      .replace(
        /\{(templateVersionId|consentId|credentialId|courseId)\}/g,
        (_, k: string) => recordsOfClinic[clinicId]?.[k] ?? ''
      )
      .replace('{consultationId}', recordsOf[clientId]?.consultationId ?? '')
      .replace(
        '{designId}',
        recordsOf[clientId]?.[APPROVALS.has(op.operationId) ? 'approvalDesignId' : 'designId'] ?? ''
      )
      .replace('{versionId}', recordsOf[clientId]?.versionId ?? '')
      .replace('{planId}', recordsOf[clientId]?.planId ?? '') + (queries[op.operationId] ?? '')

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
        // a consultation on the client's latest intake adds the next version of the design it recommended
        if (['createDesignVersion', 'createConsultation'].includes(op.operationId) && res.statusCode < 300)
          versionsSaved++
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
