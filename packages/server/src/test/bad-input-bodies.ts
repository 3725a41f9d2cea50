// The bad-input sweep's material (bad-input.integration.test.ts): a valid body for every write route of the OpenAPI
// document, and the mutations made of it.
import type { TestClinic } from './harness.ts'
import { validDesignDocument, validSession } from './harness.ts'

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonSchema = {
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
}
export type Segment = string | number

export const INJECTIONS = [
  "Robert'); DROP TABLE clients;--",
  '<script>alert(1)</script>',
  "' OR '1'='1",
  `\${7*7}{{7*7}}`,
]
export const HUGE = 'x'.repeat(200_000)

/** The domain's path format: `needles[0].lot`. */
export const formatPath = (path: Segment[]) =>
  path.reduce<string>((out, k) => (typeof k === 'number' ? `${out}[${k}]` : out === '' ? k : `${out}.${k}`), '')

export function leaves(value: Json, path: Segment[] = []): { path: Segment[]; value: Json }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]))
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))
  return [{ path, value }]
}

export function withValue(body: Json, path: Segment[], value: Json | undefined): Json {
  const copy = structuredClone(body) as { [key: string]: Json }
  let parent: Json = copy
  for (const key of path.slice(0, -1)) parent = (parent as Record<string, Json>)[key as string] as Json
  const last = path.at(-1) as string
  if (value === undefined) delete (parent as Record<string, Json>)[last]
  else (parent as Record<string, Json>)[last] = value
  return copy
}

/** Whether the request schema requires the last key of `path` in its object. */
export function isRequired(schema: JsonSchema, path: Segment[]): boolean {
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

export const wrongType = (v: Json): Json =>
  typeof v === 'string' ? 12345 : typeof v === 'number' ? 'twelve' : typeof v === 'boolean' ? 'yes' : 'text'

/** What the valid bodies name: the records the sweep's setup made, read when each request is sent. */
export interface BadInputRecords {
  clinic: TestClinic
  clientId: string
  photoId: string
  sessionClientId: string
  eraseTargets: readonly string[]
  portalTargets: readonly string[]
  versionTargets: readonly string[]
  designRecords: { intakeId: string; designId: string; versionId: string }
  ids: { templateVersionId: string; credentialId: string; courseId: string; signature: string }
  booking: {
    chairId: string
    planId: string
    courseId: string
    moveTo: string
    rescheduleId: string
    secondLocationId: string
  }
  bookingTargets: Record<string, string[]>
}

export type ValidRoute = { url: string; method: 'POST' | 'PATCH' | 'PUT'; body: Json; user?: 'client' }

/** A valid body, method and URL for every write route (the baseline each mutation starts from). */
export function validBodies(r: BadInputRecords): Record<string, ValidRoute> {
  const { clinic, clientId, photoId, sessionClientId, eraseTargets, portalTargets, versionTargets } = r
  const { designRecords, ids, booking, bookingTargets } = r
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
