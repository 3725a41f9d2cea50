// Request and response shapes of the booking API: strict inputs with limits on every field, and the DTOs returned.
import { z } from 'zod'

export const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
const KINDS = ['consultation', 'smp-session', 'touch-up', 'laser-removal'] as const

const Instant = z.iso.datetime({ offset: true })
const IsoDate = z.iso.date()
const Time = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time like 09:00 (24-hour clock)')
const Uuid = z.uuid()
const Reason = z.string().trim().min(1, 'give a reason').max(500)

const Range = z
  .tuple([Time, Time])
  .refine(([open, close]) => open < close, 'the range must close after it opens (like ["09:00", "17:00"])')

/** Weekly hours: { mon: [["09:00","17:00"]], … } in the location's time zone; days left out are closed. */
const WeeklyHoursSchema = z
  .strictObject(
    Object.fromEntries(DAY_KEYS.map((d) => [d, z.array(Range).max(4).optional()])) as Record<
      (typeof DAY_KEYS)[number],
      z.ZodOptional<z.ZodArray<typeof Range>>
    >
  )
  .superRefine((hours, ctx) => {
    for (const day of DAY_KEYS) {
      const ranges = [...(hours[day] ?? [])].sort((a, b) => (a[0] < b[0] ? -1 : 1))
      for (let i = 1; i < ranges.length; i++) {
        if ((ranges[i]?.[0] ?? '') < (ranges[i - 1]?.[1] ?? '')) {
          ctx.addIssue({ code: 'custom', path: [day], message: 'the ranges of a day must not overlap' })
        }
      }
    }
  })
export type WeeklyHoursInput = z.output<typeof WeeklyHoursSchema>

export const ClinicParams = z.strictObject({ clinicId: Uuid })
export const LocationChairParams = z.strictObject({ clinicId: Uuid, locationId: Uuid })
export const PractitionerParams = z.strictObject({ clinicId: Uuid, membershipId: Uuid })
export const PractitionerLocationParams = z.strictObject({ clinicId: Uuid, membershipId: Uuid, locationId: Uuid })
export const AppointmentParams = z.strictObject({ clinicId: Uuid, appointmentId: Uuid })
export const ClientParams = z.strictObject({ clinicId: Uuid, clientId: Uuid })
export const CourseParams = z.strictObject({ clinicId: Uuid, courseId: Uuid })
export const CourseSessionParams = z.strictObject({
  clinicId: Uuid,
  courseId: Uuid,
  index: z.coerce.number().int().min(1).max(50),
})
const Slug = z
  .string()
  .max(100)
  .regex(/^[a-z0-9][a-z0-9-]*$/)
export const SlugParams = z.strictObject({ slug: Slug })
export const TokenParams = z.strictObject({ token: z.string().min(1).max(200) })

export const ChairCreateSchema = z.strictObject({ name: z.string().trim().min(1, 'give the chair a name').max(100) })
export const WorkingHoursSchema = z.strictObject({ workingHours: WeeklyHoursSchema })
export const TimeOffCreateSchema = z
  .strictObject({ from: Instant, to: Instant, reason: z.string().trim().max(500).optional() })
  .refine((t) => Date.parse(t.to) > Date.parse(t.from), { path: ['to'], message: 'time off must end after it starts' })
  .refine((t) => Date.parse(t.to) - Date.parse(t.from) <= 366 * 86_400_000, {
    path: ['to'],
    message: 'time off is entered at most a year at a time',
  })

const DateRange = {
  from: IsoDate,
  to: IsoDate,
}
const rangeWithin = (maxDays: number) => (q: { from: string; to: string }) =>
  Date.parse(q.to) >= Date.parse(q.from) && Date.parse(q.to) - Date.parse(q.from) < maxDays * 86_400_000
export const AvailabilityQuerySchema = z
  .strictObject({
    locationId: Uuid,
    kind: z.enum(KINDS),
    ...DateRange,
    practitionerId: Uuid.optional(),
    durationMin: z.coerce.number().int().min(15).max(480).optional(),
  })
  .refine(rangeWithin(92), { path: ['to'], message: 'search at most 92 days, with to on or after from' })
export const AppointmentListQuerySchema = z
  .strictObject({
    ...DateRange,
    locationId: Uuid.optional(),
    practitionerId: Uuid.optional(),
    clientId: Uuid.optional(),
  })
  .refine(rangeWithin(92), { path: ['to'], message: 'list at most 92 days, with to on or after from' })
/** Without from and to: the 7 days from today at the location; with one, both. */
export const PublicAvailabilityQuerySchema = z
  .strictObject({ locationId: Uuid, from: IsoDate.optional(), to: IsoDate.optional() })
  .refine((q) => (q.from === undefined) === (q.to === undefined), {
    path: ['to'],
    message: 'give both from and to, or neither for the coming week',
  })
  .refine((q) => q.from === undefined || q.to === undefined || rangeWithin(31)({ from: q.from, to: q.to }), {
    path: ['to'],
    message: 'search at most 31 days, with to on or after from',
  })

/** A date and wall-clock time at the location, read by the server in the location's time zone. */
const LocalStart = z.strictObject({ date: IsoDate, time: Time })
const oneStart = (v: { startsAt?: unknown; startsAtLocal?: unknown }) =>
  (v.startsAt === undefined) !== (v.startsAtLocal === undefined)
const ONE_START = {
  path: ['startsAt'],
  message: 'give the start as startsAt (an instant) or startsAtLocal ({ date, time } at the location), one of them',
}

export const AppointmentCreateSchema = z
  .strictObject({
    locationId: Uuid,
    practitionerId: Uuid,
    chairId: Uuid.optional(),
    clientId: Uuid,
    kind: z.enum(KINDS),
    startsAt: Instant.optional(),
    startsAtLocal: LocalStart.optional(),
    durationMin: z.number().int().min(15).max(480).optional(),
    notes: z.string().max(2000).optional(),
  })
  .refine(oneStart, ONE_START)
export type AppointmentCreate = z.output<typeof AppointmentCreateSchema>
export const CancelSchema = z.strictObject({ reason: Reason })
/** A move: a new time (instant or local), practitioner, chair or location, any of them; the reason is kept. */
export const RescheduleSchema = z
  .strictObject({
    startsAt: Instant.optional(),
    startsAtLocal: LocalStart.optional(),
    reason: Reason,
    chairId: Uuid.optional(),
    practitionerId: Uuid.optional(),
    locationId: Uuid.optional(),
  })
  .refine((v) => !(v.startsAt !== undefined && v.startsAtLocal !== undefined), ONE_START)
export type MoveInput = z.output<typeof RescheduleSchema>
export const EmptySchema = z.strictObject({})
export const LinkClientSchema = z.strictObject({ clientId: Uuid })
export const TravelTimeSchema = z
  .strictObject({
    locationAId: Uuid,
    locationBId: Uuid,
    /** Null removes it: a practitioner may then not work at both on one day. */
    minutes: z.number().int().min(0, 'at least 0 minutes').max(1440, 'at most 1440 minutes (a day)').nullable(),
  })
  .refine((t) => t.locationAId !== t.locationBId, {
    path: ['locationBId'],
    message: 'choose two different locations',
  })
export type TravelTimeInput = z.output<typeof TravelTimeSchema>

export const CourseCreateSchema = z
  .strictObject({
    treatmentPlanId: Uuid,
    locationId: Uuid,
    practitionerId: Uuid.optional(),
    earliestDate: IsoDate.optional(),
    minGapDays: z.number().int().min(1).max(365).optional(),
    maxGapDays: z.number().int().min(1).max(365).optional(),
  })
  .refine((c) => (c.minGapDays ?? 7) <= (c.maxGapDays ?? 14), {
    path: ['maxGapDays'],
    message: 'the longest gap must be at least the shortest gap',
  })
export type CourseCreate = z.output<typeof CourseCreateSchema>
export const SessionMoveSchema = z
  .strictObject({ startsAt: Instant.optional(), startsAtLocal: LocalStart.optional(), apply: z.boolean().optional() })
  .refine(oneStart, ONE_START)

const Email = z.email().max(254)
export const PublicConsultationSchema = z.strictObject({
  locationId: Uuid,
  startsAt: Instant,
  name: z.string().trim().min(1, 'tell us your name').max(200),
  email: Email,
  phone: z
    .string()
    .trim()
    .min(5)
    .max(40)
    .regex(/^\+?[0-9 ().-]+$/, 'a phone number: digits, spaces, +, ( ) and - only'),
  /** Left empty by people; filled in by form-filling bots. */
  website: z.string().max(500).optional(),
})
export type PublicConsultation = z.output<typeof PublicConsultationSchema>
export const PublicCancelSchema = z.strictObject({ reason: z.string().trim().max(500).optional() })
export const PublicRescheduleSchema = z.strictObject({ startsAt: Instant })

// Responses

/** An instant as the location's wall clock shows it, computed by the server (domain `localTime`). */
const LocalTimeSchema = z.object({ date: z.string(), time: z.string(), offsetMinutes: z.number() })
const STATUSES = ['booked', 'arrived', 'completed', 'no-show', 'cancelled'] as const

const Hours = z.record(z.string(), z.array(z.tuple([z.string(), z.string()])))
export const ChairSchema = z.object({ id: Uuid, locationId: Uuid, name: z.string(), active: z.boolean() })
export const LocationListSchema = z.object({
  items: z.array(
    z.object({
      id: Uuid,
      name: z.string(),
      timeZone: z.string(),
      address: z.record(z.string(), z.string()),
      openingHours: Hours,
      /** The location's date and time now. */
      now: LocalTimeSchema,
      chairs: z.array(ChairSchema),
      practitioners: z.array(z.object({ membershipId: Uuid, displayName: z.string(), workingHours: Hours })),
    })
  ),
})
export const PractitionerLocationSchema = z.object({ membershipId: Uuid, locationId: Uuid, workingHours: Hours })
export const TimeOffSchema = z.object({
  id: Uuid,
  membershipId: Uuid,
  from: z.string(),
  to: z.string(),
  reason: z.string().nullable(),
})
const SlotSchema = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  startsAtLocal: LocalTimeSchema,
  endsAtLocal: LocalTimeSchema,
  date: z.string(),
  practitionerId: Uuid,
  chairId: Uuid,
})
export const AvailabilitySchema = z.object({
  timeZone: z.string(),
  durationMin: z.number(),
  slots: z.array(SlotSchema),
})
export const AppointmentSchema = z.object({
  id: Uuid,
  locationId: Uuid,
  clientId: Uuid.nullable(),
  clientName: z.string().nullable(),
  practitionerId: Uuid,
  practitionerName: z.string(),
  chairId: Uuid,
  kind: z.enum(KINDS),
  status: z.enum(STATUSES),
  startsAt: z.string(),
  endsAt: z.string(),
  startsAtLocal: LocalTimeSchema,
  endsAtLocal: LocalTimeSchema,
  source: z.enum(['clinic', 'public', 'portal']),
  courseId: Uuid.nullable(),
  courseIndex: z.number().nullable(),
  contact: z.object({ name: z.string(), email: z.string(), phone: z.string() }).nullable(),
  /** Null for front desk: notes may be clinical. */
  notes: z.string().nullable(),
  cancelReason: z.string().nullable(),
})
/** An appointment after a change, with the change as recorded in its history. */
export const ChangedAppointmentSchema = AppointmentSchema.extend({
  change: z.object({
    change: z.enum(['rescheduled', 'arrived', 'cancelled', 'no-show', 'completed']),
    fromStartsAt: z.string(),
    toStartsAt: z.string().nullable(),
    reason: z.string().nullable(),
  }),
})
export const AppointmentListSchema = z.object({ items: z.array(AppointmentSchema) })
export const AppointmentDetailSchema = z.object({
  appointment: AppointmentSchema,
  /** Oldest first; `by` is the member's name, or who else made the change. */
  history: z.array(
    z.object({
      change: z.enum(['booked', 'arrived', 'rescheduled', 'cancelled', 'no-show', 'completed', 'linked']),
      at: z.string(),
      atLocal: LocalTimeSchema,
      by: z.string(),
      reason: z.string().nullable(),
      fromStartsAtLocal: LocalTimeSchema.nullable(),
      toStartsAtLocal: LocalTimeSchema.nullable(),
      detail: z.record(z.string(), z.string()),
    })
  ),
  /** For a website booking without a client file: clients whose email or phone match the visitor's. */
  matchingClients: z.array(
    z.object({ id: Uuid, name: z.string(), email: z.string().nullable(), phone: z.string().nullable() })
  ),
})
export const TravelTimesSchema = z.object({
  items: z.array(
    z.object({
      locationAId: Uuid,
      locationAName: z.string(),
      locationBId: Uuid,
      locationBName: z.string(),
      minutes: z.number(),
    })
  ),
})
export const CourseSchema = z.object({
  id: Uuid,
  clientId: Uuid,
  treatmentPlanId: Uuid.nullable(),
  locationId: Uuid,
  minGapDays: z.number(),
  maxGapDays: z.number(),
  earliestDate: z.string(),
  sessions: z.array(AppointmentSchema),
})
export const MoveResultSchema = z.object({
  ok: z.literal(true),
  applied: z.boolean(),
  proposal: z.array(
    z.object({
      index: z.number(),
      startsAt: z.string(),
      endsAt: z.string(),
      startsAtLocal: LocalTimeSchema,
      endsAtLocal: LocalTimeSchema,
      practitionerId: Uuid,
      chairId: Uuid,
      moved: z.boolean(),
    })
  ),
})
export const TouchUpProposalSchema = z.object({
  proposedDate: z.string(),
  touchUpAfterYears: z.number(),
  lastSessionDate: z.string(),
  reason: z.string(),
  locationId: Uuid,
  slots: z.array(SlotSchema),
})
const PortalAppointment = z.object({
  id: Uuid,
  kind: z.enum(KINDS),
  status: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  startsAtLocal: LocalTimeSchema,
  endsAtLocal: LocalTimeSchema,
  durationMin: z.number(),
  locationName: z.string(),
  practitionerName: z.string(),
})
export const PortalAppointmentsSchema = z.object({
  upcoming: z.array(PortalAppointment),
  past: z.array(PortalAppointment),
})
/** A course's price, taxes included, in minor units (cents, pence): three sessions, and four. */
const PriceRangeSchema = z.object({ lowMinor: z.number().int(), highMinor: z.number().int() })
export const PublicClinicSchema = z.object({
  name: z.string(),
  slug: z.string(),
  /** Whether a booking's confirmation is emailed (this server sends mail). */
  emailsConfirmations: z.boolean(),
  /** How long a free consultation is booked for, minutes. */
  consultationMinutes: z.number(),
  locations: z.array(
    z.object({
      id: Uuid,
      name: z.string(),
      address: z.record(z.string(), z.string()),
      timeZone: z.string(),
      phone: z.string().nullable(),
      openingHours: Hours,
      week: z.array(
        z.object({ day: z.string(), name: z.string(), ranges: z.array(z.tuple([z.string(), z.string()])) })
      ),
      today: z.string(),
      estimate: z
        .object({
          currency: z.string(),
          patterns: z.array(
            z.object({
              patternId: z.string(),
              packageLabel: z.string(),
              range: PriceRangeSchema,
              withScar: PriceRangeSchema,
            })
          ),
          touchUpMinor: z.number().int(),
          taxNote: z.string(),
        })
        .nullable(),
    })
  ),
})
export const PublicAvailabilitySchema = z.object({
  timeZone: z.string(),
  durationMin: z.number(),
  /** Today at the location, and the local dates searched. */
  today: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.array(z.object({ date: z.string(), weekday: z.number(), times: z.number() })),
  times: z.array(
    z.object({
      startsAt: z.string(),
      endsAt: z.string(),
      startsAtLocal: LocalTimeSchema,
      endsAtLocal: LocalTimeSchema,
    })
  ),
})
export const PublicBookingSchema = z.object({
  status: z.enum(STATUSES),
  kind: z.enum(KINDS),
  startsAt: z.string(),
  endsAt: z.string(),
  clinicName: z.string(),
  startsAtLocal: LocalTimeSchema,
  endsAtLocal: LocalTimeSchema,
  /** The length actually booked, minutes. */
  durationMin: z.number(),
  location: z.object({
    id: Uuid,
    name: z.string(),
    address: z.record(z.string(), z.string()),
    timeZone: z.string(),
    phone: z.string().nullable(),
    /** Today at the location, 'YYYY-MM-DD'. */
    today: z.string(),
  }),
  /** The link for changing or cancelling (sent by email when mail is set up). */
  manageUrl: z.string(),
  /** True when this server sends mail, so the confirmation is on its way; false: the page is the only record. */
  confirmationEmailed: z.boolean(),
})

// The response types, for clients to `import type` (the web app's `api/types.ts`)

export type LocationList = z.infer<typeof LocationListSchema>
export type Chair = z.infer<typeof ChairSchema>
export type Availability = z.infer<typeof AvailabilitySchema>
export type Appointment = z.infer<typeof AppointmentSchema>
export type AppointmentDetail = z.infer<typeof AppointmentDetailSchema>
export type TravelTimes = z.infer<typeof TravelTimesSchema>
export type Course = z.infer<typeof CourseSchema>
export type MoveResult = z.infer<typeof MoveResultSchema>
export type PortalAppointments = z.infer<typeof PortalAppointmentsSchema>
export type PublicClinic = z.infer<typeof PublicClinicSchema>
export type PublicAvailability = z.infer<typeof PublicAvailabilitySchema>
export type PublicBooking = z.infer<typeof PublicBookingSchema>
