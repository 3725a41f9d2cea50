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
  readyForSessions,
  type TestClinic,
  type TestServer,
  testSignature,
  uploadTestPhoto,
  validDesignDocument,
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
          plan: JSON.stringify({ sessions: [{ durationMinutes: 150 }, { durationMinutes: 120 }] }),
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

  const valid = (): Record<string, { url: string; method: 'POST' | 'PATCH' | 'PUT'; body: Json; user?: 'client' }> => {
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
        url: `${base}/clients/${sessionClientId}/sessions`,
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
      grantPortalAccess: {
        method: 'POST',
        url: `${base}/clients/${portalTargets[0]}/portal-access`,
        body: { password: 'a long portal password' },
      },
      eraseClient: {
        method: 'POST',
        url: `${base}/clients/${eraseTargets[0]}/erase`,
        body: { reason: "client's written request" },
      },
      createConsultation: {
        method: 'POST',
        url: `${base}/clients/${clientId}/consultations`,
        body: { intakeId: designRecords.intakeId, locationId: clinic.locationId, today: '2026-11-23' },
      },
      createDesign: {
        method: 'POST',
        url: `${base}/clients/${clientId}/designs`,
        body: { title: 'Crown density', document: validDesignDocument() as Json },
      },
      createDesignVersion: {
        method: 'POST',
        url: `${base}/designs/${versionTargets[0]}/versions`,
        body: { basedOnVersion: 1, document: validDesignDocument({ seed: 5 }) as Json },
      },
      addLot: {
        method: 'POST',
        url: `${base}/lots`,
        body: {
          kind: 'pigment',
          locationId: clinic.locationId,
          brand: 'Perma Blend',
          shade: 'SMP Charcoal',
          lot: 'PB-INPUT-1',
          expiresOn: '2027-06-30',
        },
      },
      approveDesign: {
        method: 'POST',
        url: `${base}/designs/${designRecords.designId}/approval`,
        body: { versionId: designRecords.versionId, method: 'in-clinic' },
      },
      approveOwnDesign: {
        method: 'POST',
        url: `${base}/portal/designs/${designRecords.designId}/approve`,
        body: { versionId: designRecords.versionId },
        user: 'client',
      },
      createPlan: {
        method: 'POST',
        url: `${base}/clients/${clientId}/plans`,
        body: { designVersionId: designRecords.versionId, locationId: clinic.locationId },
      },
      createCalendarFeed: {
        method: 'POST',
        url: `${base}/calendar-feeds`,
        body: { practitionerId: clinic.users.practitioner.membershipId },
      },
      createConsentTemplate: {
        method: 'POST',
        url: `${base}/consent-templates`,
        body: { kind: 'photography-clinical', title: 'Clinical photos', body: 'Photos for your record only.' },
      },
      signConsent: {
        method: 'POST',
        url: `${base}/clients/${clientId}/consents`,
        body: { templateVersionId: ids.templateVersionId, signerName: 'Ivy Input', signatureImage: ids.signature },
      },
      signOwnConsent: {
        method: 'POST',
        url: `${base}/portal/consents`,
        body: { templateVersionId: ids.templateVersionId, signerName: 'Ivy Input', signatureImage: ids.signature },
        user: 'client',
      },
      createCredential: {
        method: 'POST',
        url: `${base}/credentials`,
        body: {
          membershipId: clinic.users.practitioner.membershipId,
          kind: 'certification',
          title: 'SMP practitioner',
          number: 'SMP-2291',
          issuer: 'Scalp Academy',
          issuedOn: '2024-03-01',
          expiresOn: '2027-03-01',
          public: true,
        },
      },
      updateCredential: {
        method: 'PATCH',
        url: `${base}/credentials/${ids.credentialId}`,
        body: { title: 'Body art licence', number: 'BA-77', expiresOn: '2027-12-31', public: false },
      },
      createLaserRemovalCourse: {
        method: 'POST',
        url: `${base}/clients/${clientId}/laser-removal-courses`,
        body: {
          reason: 'Hairline placed too low',
          provider: 'referral',
          referralName: 'Clear Skin Laser',
          sessionsPlanned: 3,
          startedOn: '2026-11-01',
          notes: 'Fitzpatrick III',
        },
      },
      updateLaserRemovalCourse: {
        method: 'PATCH',
        url: `${base}/clients/${clientId}/laser-removal-courses/${ids.courseId}`,
        body: { status: 'active' },
      },
      createChair: {
        method: 'POST',
        url: `${base}/locations/${clinic.locationId}/chairs`,
        body: { name: 'Chair by the window' },
      },
      // the owner's hours: the bookings below are with the practitioner, whose hours stay as set up
      setWorkingHours: {
        method: 'PUT',
        url: `${base}/practitioners/${clinic.users.owner.membershipId}/locations/${clinic.locationId}`,
        body: {
          workingHours: {
            mon: [
              ['09:00', '12:00'],
              ['13:00', '17:00'],
            ],
            sat: [['10:00', '14:00']],
          },
        },
      },
      // Ontario's HST, as the location had it: the quotes below are priced as before
      setLocationTaxRules: {
        method: 'PUT',
        url: `${base}/locations/${clinic.locationId}/tax-rules`,
        body: {
          rules: [{ code: 'HST', label: 'HST (Ontario)', basisPoints: 1300, appliesTo: ['treatment', 'goods'] }],
        },
      },
      createTimeOff: {
        method: 'POST',
        url: `${base}/practitioners/${clinic.users.owner.membershipId}/time-off`,
        body: { from: '2027-07-01T13:00:00Z', to: '2027-07-02T21:00:00Z', reason: 'Conference' },
      },
      createAppointment: {
        method: 'POST',
        url: `${base}/appointments`,
        body: {
          locationId: clinic.locationId,
          practitionerId: clinic.users.practitioner.membershipId,
          chairId: booking.chairId,
          clientId,
          kind: 'consultation',
          startsAt: '2027-03-02T15:00:00.000Z',
          durationMin: 45,
          notes: 'Prefers mornings',
        },
      },
      cancelAppointment: {
        method: 'POST',
        url: `${base}/appointments/${bookingTargets.cancelAppointment?.[0]}/cancel`,
        body: { reason: 'Client is unwell' },
      },
      rescheduleAppointment: {
        method: 'POST',
        url: `${base}/appointments/${booking.rescheduleId}/reschedule`,
        body: { startsAt: '2027-03-03T16:00:00.000Z', reason: 'Asked for the afternoon', chairId: booking.chairId },
      },
      markNoShow: { method: 'POST', url: `${base}/appointments/${bookingTargets.markNoShow?.[0]}/no-show`, body: {} },
      markArrived: { method: 'POST', url: `${base}/appointments/${bookingTargets.markArrived?.[0]}/arrive`, body: {} },
      linkAppointmentClient: {
        method: 'POST',
        url: `${base}/appointments/${bookingTargets.linkAppointmentClient?.[0]}/link-client`,
        body: { clientId },
      },
      setTravelTime: {
        method: 'PUT',
        url: `${base}/travel-times`,
        body: { locationAId: clinic.locationId, locationBId: booking.secondLocationId, minutes: 45 },
      },
      completeAppointment: {
        method: 'POST',
        url: `${base}/appointments/${bookingTargets.completeAppointment?.[0]}/complete`,
        body: {},
      },
      bookCourse: {
        method: 'POST',
        url: `${base}/clients/${clientId}/courses`,
        body: {
          treatmentPlanId: booking.planId,
          locationId: clinic.locationId,
          practitionerId: clinic.users.practitioner.membershipId,
          earliestDate: '2027-04-05',
          minGapDays: 7,
          maxGapDays: 14,
        },
      },
      moveCourseSession: {
        method: 'POST',
        url: `${base}/courses/${booking.courseId}/sessions/1/move`,
        body: { startsAt: booking.moveTo, apply: false },
      },
      recordLaserRemovalSession: {
        method: 'POST',
        url: `${base}/clients/${clientId}/laser-removal-courses/${ids.courseId}/sessions`,
        body: {
          performedOn: '2026-11-20',
          provider: 'Dr Lee',
          notes: '1064 nm, 3 mm spot',
          adverseEvent: { kind: 'blistering', severity: 'mild', description: 'Small blisters at the temple' },
        },
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
