// Bad input on every write route of the OpenAPI document: wrong types, missing and unknown fields, huge strings,
// SQL and script injection, broken JSON. Always a 4xx problem with field paths (never a 5xx), and nothing written;
// injection text in a free-text field is stored verbatim as data, never interpreted.
import { describeEachDatabase } from '@stipple/testkit'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  formatPath,
  HUGE,
  INJECTIONS,
  isRequired,
  type Json,
  type JsonSchema,
  leaves,
  validBodies,
  withValue,
  wrongType,
} from '../test/bad-input-bodies.ts'
import {
  as,
  createTestClinic,
  openTestServer,
  readyForSessions,
  type TestClinic,
  type TestServer,
  testSignature,
  uploadTestPhoto,
  validDesignDocument,
} from '../test/harness.ts'
import { planDocument } from '../test/plan-document.ts'

describeEachDatabase('bad input on every write route', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let clientId: string
  let photoId: string
  /** Clients for eraseClient: each accepted erase uses one up (a second erase of one client is 409). */
  const eraseTargets: string[] = []
  /** Clients with an email and no portal account yet: each accepted portal-access grant uses one up. */
  const portalTargets: string[] = []
  /** Designs for createDesignVersion: each accepted save makes version 2 of one (a second would be 409). */
  const versionTargets: string[] = []
  /** An intake to consult on, and a design version to plan and approve (the approval is idempotent). */
  const designRecords = { intakeId: '', designId: '', versionId: '' }
  /** A consent template to sign (privacy: the template route below writes other kinds), a credential, a course. */
  const ids = { templateVersionId: '', credentialId: '', courseId: '', signature: '' }
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
    await server.db
      .updateTable('clients')
      .set({ user_id: clinic.users.client.userId })
      .where('id', '=', clientId)
      .execute()
    for (let i = 0; i < 8; i++) {
      const target = await as(server, clinic.users.owner)('POST', `/api/v1/clinics/${clinic.clinicId}/clients`, {
        givenName: 'Erin',
        familyName: `Erasable ${String.fromCharCode(65 + i)}`,
      })
      eraseTargets.push(target.json().id)
      const portal = await as(server, clinic.users.owner)('POST', `/api/v1/clinics/${clinic.clinicId}/clients`, {
        givenName: 'Pat',
        familyName: `Portal ${String.fromCharCode(65 + i)}`,
        email: `pat.portal.${i}.${clinic.clinicId.slice(0, 8)}@example.com`,
      })
      portalTargets.push(portal.json().id)
    }
  })
  beforeAll(async () => {
    const owner = as(server, clinic.users.owner)
    const base = `/api/v1/clinics/${clinic.clinicId}`
    ids.signature = await testSignature(5)
    ids.templateVersionId = (
      await owner('POST', `${base}/consent-templates`, { kind: 'privacy', title: 'Privacy', body: 'We keep records.' })
    ).json().id
    ids.credentialId = (
      await owner('POST', `${base}/credentials`, {
        membershipId: clinic.users.practitioner.membershipId,
        kind: 'licence',
        title: 'Body art licence',
        issuer: 'City of Toronto',
      })
    ).json().id
    ids.courseId = (
      await owner('POST', `${base}/clients/${clientId}/laser-removal-courses`, {
        reason: 'Hairline too low',
        provider: 'clinic',
        sessionsPlanned: 2,
        startedOn: '2026-10-01',
      })
    ).json().id
  })
  beforeAll(async () => {
    const owner = as(server, clinic.users.owner)
    const clientBase = `/api/v1/clinics/${clinic.clinicId}/clients/${clientId}`
    designRecords.intakeId = (
      await owner('POST', `${clientBase}/intakes`, {
        document: {
          schema: 'stipple.intake/v1',
          client: { sex: 'male', age: 41, fitzpatrick: 3, hairColor: 'black', hairLength: 'shaved' },
          hairLoss: { scale: 'norwood', stage: 'III' },
        },
      })
    ).json().id
    for (let i = 0; i < 13; i++) {
      const design = await owner('POST', `${clientBase}/designs`, { title: 'Target', document: validDesignDocument() })
      if (i === 0) Object.assign(designRecords, { designId: design.json().id, versionId: design.json().versionId })
      else versionTargets.push(design.json().id)
    }
    await server.db
      .updateTable('clients')
      .set({ user_id: clinic.users.client.userId })
      .where('id', '=', clientId)
      .execute()
  })
  // a session needs the current treatment consent signed, a complete latest intake and registered lots: a client of
  // its own, since the intake sweep below records incomplete intakes for the main one
  let sessionClientId = ''
  beforeAll(async () => {
    sessionClientId = (
      await as(server, clinic.users.owner)('POST', `/api/v1/clinics/${clinic.clinicId}/clients`, {
        givenName: 'Sid',
        familyName: 'Session',
      })
    ).json().id
    await readyForSessions(server, clinic, sessionClientId)
  })
  /** Each accepted lot gets a code of its own: a location holds a lot code once. */
  let lotSeq = 0
  /**
   * Booking: a practitioner working every day at the clinic's location with a chair, a course to move a session of,
   * an appointment to reschedule, and appointments each accepted cancel, no-show or complete uses up.
   */
  const booking = { chairId: '', planId: '', courseId: '', moveTo: '', rescheduleId: '', secondLocationId: '' }
  const bookingTargets: Record<string, string[]> = {
    cancelAppointment: [],
    markNoShow: [],
    completeAppointment: [],
    markArrived: [],
    linkAppointmentClient: [],
  }
  beforeAll(async () => {
    const owner = as(server, clinic.users.owner)
    const base = `/api/v1/clinics/${clinic.clinicId}`
    const practitioner = clinic.users.practitioner.membershipId
    const week = Object.fromEntries(
      ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [['09:00', '17:00']]])
    )
    await server.db
      .updateTable('locations')
      .set({ opening_hours: JSON.stringify(week) })
      .where('id', '=', clinic.locationId)
      .execute()
    booking.chairId = (
      await owner('POST', `${base}/locations/${clinic.locationId}/chairs`, { name: 'Chair 1' })
    ).json().id
    await owner('PUT', `${base}/practitioners/${practitioner}/locations/${clinic.locationId}`, { workingHours: week })
    const intake = await server.db
      .insertInto('intakes')
      .values({
        clinic_id: clinic.clinicId,
        client_id: clientId,
        version: 99,
        schema: 'stipple.intake/v1',
        document: '{}',
        recorded_by: practitioner,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await server.db
      .insertInto('consultations')
      .values({
        clinic_id: clinic.clinicId,
        client_id: clientId,
        intake_id: intake.id,
        practitioner_id: practitioner,
        screening_status: 'suitable',
        screening: JSON.stringify({ status: 'suitable', findings: [] }),
      })
      .execute()
    booking.planId = (
      await server.db
        .insertInto('treatment_plans')
        .values({
          clinic_id: clinic.clinicId,
          client_id: clientId,
          plan: JSON.stringify(planDocument([150, 120])),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    const course = await owner('POST', `${base}/clients/${clientId}/courses`, {
      treatmentPlanId: booking.planId,
      locationId: clinic.locationId,
      practitionerId: practitioner,
      earliestDate: '2027-06-07',
    })
    booking.courseId = course.json().id
    booking.moveTo = new Date(Date.parse(course.json().sessions[0].startsAt) + 86_400_000).toISOString()
    const appointment = async (startsAt: string) => {
      const start = Date.parse(startsAt)
      const row = await server.db
        .insertInto('appointments')
        .values({
          clinic_id: clinic.clinicId,
          location_id: clinic.locationId,
          client_id: clientId,
          practitioner_id: practitioner,
          chair_id: booking.chairId,
          kind: 'consultation',
          starts_at: new Date(start),
          ends_at: new Date(start + 45 * 60_000),
          blocks: `[${new Date(start).toISOString()},${new Date(start + 60 * 60_000).toISOString()})`,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    }
    booking.rescheduleId = await appointment('2027-03-04T15:00:00Z')
    for (let i = 0; i < 12; i++) {
      bookingTargets.cancelAppointment?.push(await appointment(`2027-08-${String(i + 2).padStart(2, '0')}T15:00:00Z`))
      bookingTargets.markNoShow?.push(await appointment(`2025-01-${String(i + 2).padStart(2, '0')}T15:00:00Z`))
      bookingTargets.completeAppointment?.push(await appointment(`2025-02-${String(i + 2).padStart(2, '0')}T15:00:00Z`))
      bookingTargets.markArrived?.push(await appointment(`2025-03-${String(i + 2).padStart(2, '0')}T15:00:00Z`))
      // a website booking without a client file yet
      const website = await appointment(`2025-04-${String(i + 2).padStart(2, '0')}T15:00:00Z`)
      await server.db
        .updateTable('appointments')
        .set({
          client_id: null,
          source: 'public',
          contact: JSON.stringify({ name: 'Web Visitor', email: 'web@example.test', phone: '+1 416 555 0100' }),
        })
        .where('id', '=', website)
        .execute()
      bookingTargets.linkAppointmentClient?.push(website)
    }
    booking.secondLocationId = (
      await server.db
        .insertInto('locations')
        .values({
          clinic_id: clinic.clinicId,
          name: 'Second location',
          address: JSON.stringify({ line1: '2 Main St', city: 'Toronto', country: 'CA' }),
          time_zone: 'America/Toronto',
          opening_hours: JSON.stringify(week),
          price_list_id: 'toronto',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  })
  /** After an accepted booking write: free the time it took again, or use up the appointment it changed. */
  const afterBooking = async (operationId: string, response: { id?: string }) => {
    if (operationId === 'createAppointment' || operationId === 'bookCourse') {
      await server.db
        .updateTable('appointments')
        .set({ status: 'cancelled' })
        .where(operationId === 'bookCourse' ? 'course_id' : 'id', '=', response.id ?? '')
        .execute()
    }
    bookingTargets[operationId]?.shift()
  }
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
    'consultations',
    'designs',
    'design_versions',
    'design_approvals',
    'treatment_plans',
    'quotes',
    'consent_templates',
    'signed_consents',
    'practitioner_credentials',
    'laser_removal_courses',
    'laser_removal_sessions',
    'chairs',
    'practitioner_locations',
    'time_off',
    'courses',
    'appointments',
    'appointment_changes',
    'lots',
  ] as const
  const counts = async () => {
    const out: Record<string, number> = {}
    for (const t of TABLES)
      out[t] = Number(
        (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(server.db)).rows[0]?.n
      )
    return out
  }

  const valid = () =>
    validBodies({
      clinic,
      clientId,
      photoId,
      sessionClientId,
      eraseTargets,
      portalTargets,
      versionTargets,
      designRecords,
      ids,
      booking,
      bookingTargets,
    })

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
    'addLot',
    'updatePhotoConsent',
    'eraseClient',
    'createCalendarFeed',
    'createConsultation',
    'createDesign',
    'createDesignVersion',
    'approveDesign',
    'approveOwnDesign',
    'createPlan',
    'createConsentTemplate',
    'signConsent',
    'signOwnConsent',
    'createCredential',
    'updateCredential',
    'createLaserRemovalCourse',
    'updateLaserRemovalCourse',
    'recordLaserRemovalSession',
    'createChair',
    'setWorkingHours',
    'setLocationTaxRules',
    'createTimeOff',
    'createAppointment',
    'cancelAppointment',
    'rescheduleAppointment',
    'markNoShow',
    'markArrived',
    'linkAppointmentClient',
    'setTravelTime',
    'completeAppointment',
    'bookCourse',
    'moveCourseSession',
  ]) {
    describe(operationId, () => {
      const send = async (given: unknown, extra: { raw?: string; contentType?: string } = {}) => {
        const route = valid()[operationId]
        if (route === undefined) throw new Error(operationId)
        const body =
          operationId === 'addLot' &&
          typeof given === 'object' &&
          given !== null &&
          'lot' in given &&
          given.lot === 'PB-INPUT-1'
            ? { ...given, lot: `PB-INPUT-${++lotSeq + 1}` }
            : given
        const res = await server.app.inject({
          method: route.method,
          url: route.url,
          headers: {
            cookie: clinic.users[route.user ?? 'owner'].cookie,
            'x-csrf-token': clinic.users[route.user ?? 'owner'].csrf,
            'content-type': extra.contentType ?? 'application/json',
          },
          payload: extra.raw ?? JSON.stringify(body),
        })
        if (operationId === 'eraseClient' && res.statusCode < 300) eraseTargets.shift()
        if (operationId === 'grantPortalAccess' && res.statusCode < 300) portalTargets.shift()
        if (operationId === 'createDesignVersion' && res.statusCode < 300) versionTargets.shift()
        if (res.statusCode < 300) await afterBooking(operationId, res.json())
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
        for (const leaf of leaves(base)) {
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
          if (typeof leaf.value === 'string') {
            mutations.push({ kind: 'huge string', body: withValue(base, leaf.path, HUGE), mustFail: true })
            // PostgreSQL stores NUL in neither text nor jsonb: refused at its path, never a 500
            mutations.push({ kind: 'NUL character', body: withValue(base, leaf.path, 'a\u0000b'), mustFail: true })
            // a lone surrogate (JSON "\ud800"): no UTF-8 text holds it, so it is refused rather than stored as U+FFFD
            mutations.push({ kind: 'lone surrogate', body: withValue(base, leaf.path, 'a\ud800b'), mustFail: true })
          }
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
              // a session's lots are checked against the location's register: text that is not the registered
              // lot's is refused there (422), at that lot's row
              const lotRow = /^body\.(needles|pigments)\[\d+\]/.exec(`body.${formatPath(leaf.path)}`)?.[0]
              const byRegister =
                operationId === 'createSessionRecord' &&
                res.statusCode === 422 &&
                lotRow !== undefined &&
                (res.json() as { errors: { path: string }[] }).errors.every((e) => e.path.startsWith(lotRow))
              expect(res.statusCode, where).toBe(byRegister ? 422 : 400)
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
