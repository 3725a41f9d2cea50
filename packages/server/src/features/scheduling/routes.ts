// Booking routes: locations' chairs and hours, availability, appointments, courses, the portal's appointments and
// public consultation booking with signed links.
import { AppError } from '../../errors.ts'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import type { AppointmentService } from './appointments.service.ts'
import type { AvailabilityService } from './availability.service.ts'
import {
  AppointmentCreateSchema,
  AppointmentDetailSchema,
  AppointmentListQuerySchema,
  AppointmentListSchema,
  AppointmentParams,
  AppointmentSchema,
  AvailabilityQuerySchema,
  AvailabilitySchema,
  CancelSchema,
  ChairCreateSchema,
  ChairSchema,
  ChangedAppointmentSchema,
  ClientParams,
  ClinicParams,
  CourseCreateSchema,
  CourseParams,
  CourseSchema,
  CourseSessionParams,
  EmptySchema,
  LinkClientSchema,
  LocationChairParams,
  LocationListSchema,
  MoveResultSchema,
  PortalAppointmentsSchema,
  PractitionerLocationParams,
  PractitionerLocationSchema,
  PractitionerParams,
  PublicAvailabilityQuerySchema,
  PublicAvailabilitySchema,
  PublicBookingSchema,
  PublicCancelSchema,
  PublicClinicSchema,
  PublicConsultationSchema,
  PublicRescheduleSchema,
  RescheduleSchema,
  SessionMoveSchema,
  SlugParams,
  TimeOffCreateSchema,
  TimeOffSchema,
  TokenParams,
  TouchUpProposalSchema,
  TravelTimeSchema,
  TravelTimesSchema,
  WorkingHoursSchema,
} from './booking.schema.ts'
import type { CourseService } from './courses.service.ts'
import type { FrontDeskService } from './front-desk.service.ts'
import type { PortalAppointmentService } from './portal.service.ts'
import type { PublicBookingService } from './public-booking.service.ts'
import type { ResourceService } from './resources.service.ts'

/** The scheduling services, one per concept; the routes call each through its name. */
export interface SchedulingServices {
  resources: ResourceService
  availability: AvailabilityService
  appointments: AppointmentService
  frontDesk: FrontDeskService
  courses: CourseService
  portal: PortalAppointmentService
  publicBooking: PublicBookingService
}

const STAFF = ['owner', 'practitioner', 'front_desk'] as const
const CLINICAL = ['owner', 'practitioner'] as const
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/

/** The Idempotency-Key header: absent, or 1–200 visible ASCII characters. */
function idempotencyKey(headers: Record<string, unknown>): string | null {
  const value = headers['idempotency-key']
  if (value === undefined) return null
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY.test(value)) {
    const message = 'send 1–200 visible ASCII characters (a UUID is a good key), once per booking'
    throw new AppError('invalid_input', 'The Idempotency-Key header is not valid', {
      problems: [{ path: 'headers.idempotency-key', message }],
    })
  }
  return value
}

export function schedulingRoutes(scheduling: SchedulingServices): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/locations',
      operationId: 'listLocations',
      summary: "list the clinic's locations with their hours, chairs and practitioners",
      tag: 'scheduling',
      access: { kind: 'clinic', roles: STAFF },
      params: ClinicParams,
      success: { status: 200, description: 'Locations by name', schema: LocationListSchema },
      handler: ({ actor }) => scheduling.resources.locations(actor),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/locations/:locationId/chairs',
      operationId: 'createChair',
      summary: 'add a chair to a location',
      tag: 'scheduling',
      access: { kind: 'clinic', roles: ['owner'] },
      params: LocationChairParams,
      body: ChairCreateSchema,
      success: { status: 201, description: 'The chair', schema: ChairSchema },
      handler: ({ actor, params, body }) => scheduling.resources.addChair(actor, params.locationId, body.name),
    }),
    defineRoute({
      method: 'PUT',
      path: '/api/v1/clinics/:clinicId/practitioners/:membershipId/locations/:locationId',
      operationId: 'setWorkingHours',
      summary: "set a practitioner's weekly working hours at a location",
      tag: 'scheduling',
      access: { kind: 'clinic', roles: ['owner'] },
      params: PractitionerLocationParams,
      body: WorkingHoursSchema,
      success: { status: 200, description: 'The hours as stored', schema: PractitionerLocationSchema },
      handler: ({ actor, params, body }) =>
        scheduling.resources.setWorkingHours(actor, params.membershipId, params.locationId, body.workingHours),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/practitioners/:membershipId/time-off',
      operationId: 'createTimeOff',
      summary: "enter a practitioner's time off",
      tag: 'scheduling',
      access: { kind: 'clinic', roles: CLINICAL },
      params: PractitionerParams,
      body: TimeOffCreateSchema,
      success: {
        status: 201,
        description: 'The time off (owner for anyone, a practitioner for themself)',
        schema: TimeOffSchema,
      },
      handler: ({ actor, params, body }) => scheduling.resources.addTimeOff(actor, params.membershipId, body),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/availability',
      operationId: 'findAvailability',
      summary: 'find free times at a location',
      tag: 'scheduling',
      access: { kind: 'clinic', roles: STAFF },
      params: ClinicParams,
      query: AvailabilityQuerySchema,
      success: {
        status: 200,
        description: 'Free slots (practitioner and chair) in time order, local days of the location, at most 92 days',
        schema: AvailabilitySchema,
      },
      handler: ({ actor, query }) => scheduling.availability.availability(actor, query),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/appointments',
      operationId: 'listAppointments',
      summary: 'list appointments',
      tag: 'scheduling',
      access: { kind: 'clinic', roles: STAFF },
      params: ClinicParams,
      query: AppointmentListQuerySchema,
      success: {
        status: 200,
        description: 'By start; local days of each location; notes are null for front desk',
        schema: AppointmentListSchema,
      },
      handler: ({ actor, query }) => scheduling.frontDesk.listAppointments(actor, query),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/appointments',
      operationId: 'createAppointment',
      summary: 'book an appointment',
      tag: 'scheduling',
      access: { kind: 'clinic', roles: STAFF },
      params: ClinicParams,
      body: AppointmentCreateSchema,
      success: {
        status: 201,
        description:
          'Booked (201). With an Idempotency-Key header, a retry of the same request returns the same appointment with 200 and `idempotent-replayed: true`; the key with another body is 422. A taken practitioner or chair is 409 naming which.',
        schema: AppointmentSchema,
      },
      handler: async ({ actor, body, request, reply }) => {
        const result = await scheduling.appointments.createAppointment(actor, body, idempotencyKey(request.headers))
        // app.ts turns this header into a 200: the booking was made by the first request
        if (result.replayed) reply.header('idempotent-replayed', 'true')
        return result.appointment
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/appointments/:appointmentId',
      operationId: 'getAppointment',
      summary: 'read an appointment with its history',
      tag: 'scheduling',
      access: { kind: 'clinic', roles: STAFF },
      params: AppointmentParams,
      success: {
        status: 200,
        description:
          'The appointment, every change made to it (local times, who and why) and, for a website booking without a client file, the clients whose email or phone match',
        schema: AppointmentDetailSchema,
      },
      handler: ({ actor, params }) => scheduling.frontDesk.appointmentDetail(actor, params.appointmentId),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/appointments/:appointmentId/arrive',
      operationId: 'markArrived',
      summary: 'check a client in: they have arrived',
      tag: 'scheduling',
      access: { kind: 'clinic', roles: STAFF },
      params: AppointmentParams,
      body: EmptySchema,
      success: {
        status: 200,
        description: 'The appointment, checked in, and the change recorded; 409 before its day or when not booked',
        schema: ChangedAppointmentSchema,
      },
      handler: ({ actor, params }) => scheduling.frontDesk.arrive(actor, params.appointmentId),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/appointments/:appointmentId/link-client',
      operationId: 'linkAppointmentClient',
      summary: 'link a website booking to a client file',
      tag: 'scheduling',
      access: { kind: 'clinic', roles: STAFF },
      params: AppointmentParams,
      body: LinkClientSchema,
      success: {
        status: 200,
        description: 'The appointment, now the client’s; 409 when it is linked already',
        schema: AppointmentSchema,
      },
      handler: ({ actor, params, body }) => scheduling.frontDesk.linkClient(actor, params.appointmentId, body.clientId),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/travel-times',
      operationId: 'listTravelTimes',
      summary: 'the travel time set between each pair of locations',
      tag: 'scheduling',
      access: { kind: 'clinic', roles: STAFF },
      params: ClinicParams,
      success: {
        status: 200,
        description:
          'Pairs with a travel time; a practitioner may not work at two locations without one on the same day',
        schema: TravelTimesSchema,
      },
      handler: ({ actor }) => scheduling.resources.travelTimes(actor),
    }),
    defineRoute({
      method: 'PUT',
      path: '/api/v1/clinics/:clinicId/travel-times',
      operationId: 'setTravelTime',
      summary: 'set (or, with minutes null, remove) the travel time between two locations',
      tag: 'scheduling',
      access: { kind: 'clinic', roles: ['owner'] },
      params: ClinicParams,
      body: TravelTimeSchema,
      success: { status: 200, description: 'Every travel time, as stored', schema: TravelTimesSchema },
      handler: ({ actor, body }) => scheduling.resources.setTravelTime(actor, body),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/appointments/:appointmentId/cancel',
      operationId: 'cancelAppointment',
      summary: 'cancel an appointment',
      tag: 'scheduling',
      access: { kind: 'clinic', roles: STAFF },
      params: AppointmentParams,
      body: CancelSchema,
      success: {
        status: 200,
        description: 'The cancelled appointment and the change recorded',
        schema: ChangedAppointmentSchema,
      },
      handler: ({ actor, params, body }) => scheduling.frontDesk.cancel(actor, params.appointmentId, body.reason),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/appointments/:appointmentId/reschedule',
      operationId: 'rescheduleAppointment',
      summary: 'move an appointment to another time, day, practitioner, chair or location',
      tag: 'scheduling',
      access: { kind: 'clinic', roles: STAFF },
      params: AppointmentParams,
      body: RescheduleSchema,
      success: {
        status: 200,
        description:
          'The appointment where it moved and the change recorded. A refusal (409, 422) says why and carries `alternatives`: the next free times that would work (up to three)',
        schema: ChangedAppointmentSchema,
      },
      handler: ({ actor, params, body }) => scheduling.appointments.reschedule(actor, params.appointmentId, body),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/appointments/:appointmentId/no-show',
      operationId: 'markNoShow',
      summary: 'record that a client did not come',
      tag: 'scheduling',
      access: { kind: 'clinic', roles: STAFF },
      params: AppointmentParams,
      body: EmptySchema,
      success: {
        status: 200,
        description: 'The appointment and the change recorded',
        schema: ChangedAppointmentSchema,
      },
      handler: ({ actor, params }) => scheduling.frontDesk.noShow(actor, params.appointmentId),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/appointments/:appointmentId/complete',
      operationId: 'completeAppointment',
      summary: 'mark an appointment as done',
      tag: 'scheduling',
      access: { kind: 'clinic', roles: STAFF },
      params: AppointmentParams,
      body: EmptySchema,
      success: {
        status: 200,
        description: 'The appointment and the change recorded',
        schema: ChangedAppointmentSchema,
      },
      handler: ({ actor, params }) => scheduling.frontDesk.complete(actor, params.appointmentId),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/clients/:clientId/courses',
      operationId: 'bookCourse',
      summary: "book every session of a client's treatment plan",
      tag: 'scheduling',
      access: { kind: 'clinic', roles: STAFF },
      params: ClientParams,
      body: CourseCreateSchema,
      success: {
        status: 201,
        description: 'The course with its sessions; 409 with the reason when the spacing cannot be kept',
        schema: CourseSchema,
      },
      handler: ({ actor, params, body }) => scheduling.courses.createCourse(actor, params.clientId, body),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/courses/:courseId',
      operationId: 'getCourse',
      summary: 'read a booked course',
      tag: 'scheduling',
      access: { kind: 'clinic', roles: STAFF },
      params: CourseParams,
      success: { status: 200, description: 'The course and its booked sessions', schema: CourseSchema },
      handler: ({ actor, params }) => scheduling.courses.getCourse(actor, params.courseId),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/courses/:courseId/sessions/:index/move',
      operationId: 'moveCourseSession',
      summary: 'move one session of a course',
      tag: 'scheduling',
      access: { kind: 'clinic', roles: STAFF },
      params: CourseSessionParams,
      body: SessionMoveSchema,
      success: {
        status: 200,
        description:
          'The re-flowed course (later sessions moved to keep the spacing); applied only with `apply: true`. 409 with the reason when the spacing cannot be kept',
        schema: MoveResultSchema,
      },
      handler: ({ actor, params, body }) =>
        scheduling.courses.moveCourseSession(actor, params.courseId, params.index, body),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/clients/:clientId/touch-up-proposal',
      operationId: 'proposeTouchUp',
      summary: 'propose a touch-up date from the longevity estimate',
      tag: 'scheduling',
      access: { kind: 'clinic', roles: STAFF },
      params: ClientParams,
      success: {
        status: 200,
        description: 'The proposed date and free times around it',
        schema: TouchUpProposalSchema,
      },
      handler: ({ actor, params }) => scheduling.courses.touchUpProposal(actor, params.clientId),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/portal/appointments',
      operationId: 'listOwnAppointments',
      summary: 'list my appointments (the client portal)',
      tag: 'scheduling',
      access: { kind: 'clinic', roles: ['client'] },
      params: ClinicParams,
      success: {
        status: 200,
        description: 'Upcoming (soonest first) and past (latest first)',
        schema: PortalAppointmentsSchema,
      },
      handler: ({ actor }) => scheduling.portal.portalAppointments(actor),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/public/clinics/:slug',
      operationId: 'publicClinic',
      summary: "read a clinic's public booking page",
      tag: 'public booking',
      access: { kind: 'public' },
      params: SlugParams,
      success: {
        status: 200,
        description: 'Name and locations with address, time zone and opening hours',
        schema: PublicClinicSchema,
      },
      handler: ({ params }) => scheduling.publicBooking.publicClinic(params.slug),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/public/clinics/:slug/availability',
      operationId: 'publicAvailability',
      summary: 'find free consultation times',
      tag: 'public booking',
      access: { kind: 'public' },
      params: SlugParams,
      query: PublicAvailabilityQuerySchema,
      success: {
        status: 200,
        description: 'Free consultation start times, at most 31 days',
        schema: PublicAvailabilitySchema,
      },
      handler: ({ params, query }) => scheduling.publicBooking.publicAvailability(params.slug, query),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/public/clinics/:slug/consultations',
      operationId: 'bookPublicConsultation',
      summary: 'book a free consultation without an account',
      tag: 'public booking',
      access: { kind: 'public' },
      params: SlugParams,
      body: PublicConsultationSchema,
      success: {
        status: 201,
        description:
          'Booked, with the link to change or cancel it; 429 after too many requests from one address or email',
        schema: PublicBookingSchema,
      },
      handler: ({ params, body, request }) =>
        scheduling.publicBooking.bookPublicConsultation(params.slug, body, request.ip),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/public/bookings/:token',
      operationId: 'publicBooking',
      summary: 'read a booking through its signed link',
      tag: 'public booking',
      access: { kind: 'public' },
      params: TokenParams,
      success: {
        status: 200,
        description: 'The booking; 404 for a forged or expired link',
        schema: PublicBookingSchema,
      },
      handler: ({ params }) => scheduling.publicBooking.publicBooking(params.token),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/public/bookings/:token/cancel',
      operationId: 'publicCancelBooking',
      summary: 'cancel a booking through its signed link',
      tag: 'public booking',
      access: { kind: 'public' },
      params: TokenParams,
      body: PublicCancelSchema,
      success: { status: 200, description: 'The cancelled booking', schema: PublicBookingSchema },
      handler: ({ params, body }) => scheduling.publicBooking.publicCancel(params.token, body.reason),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/public/bookings/:token/reschedule',
      operationId: 'publicRescheduleBooking',
      summary: 'move a booking through its signed link',
      tag: 'public booking',
      access: { kind: 'public' },
      params: TokenParams,
      body: PublicRescheduleSchema,
      success: {
        status: 200,
        description: 'The booking at its new time, with a new link',
        schema: PublicBookingSchema,
      },
      handler: ({ params, body }) => scheduling.publicBooking.publicReschedule(params.token, body.startsAt),
    }),
  ]
}
