// Shapes of the API the app reads: the server's response DTOs (its zod response schemas, `import type` only, as
// DESIGN.md allows) and the domain's schemas where the server answers with them. Nothing here is written by hand, so
// a change to a response changes the screens' types with it. The names are the screens'.
import type {
  ConsentTemplate as DomainConsentTemplate,
  GalleryItem as DomainGalleryItem,
  LocalTime as DomainLocalTime,
  ExpiringCredentialList,
  PublicPractitionerList,
  SignedConsent,
} from '@stipple/domain'
import type {
  Alternative,
  Availability,
  LocationList,
  MoveResult,
  PortalAppointments,
  ScreeningInForceAnswer,
  Appointment as ServerAppointment,
  AppointmentDetail as ServerAppointmentDetail,
  Chair as ServerChair,
  Course as ServerCourse,
  PublicAvailability as ServerPublicAvailability,
  PublicBooking as ServerPublicBooking,
  PublicClinic as ServerPublicClinic,
  TravelTimes,
} from '@stipple/server'

/** An instant on the location's wall clock, as the server computed it (domain `localTime`). */
export type LocalTime = DomainLocalTime

// The public site (no sign-in)
export type PublicClinic = ServerPublicClinic
export type PublicLocation = PublicClinic['locations'][number]
export type PublicAvailability = ServerPublicAvailability
export type PublicSlot = PublicAvailability['times'][number]
export type PublicBooking = ServerPublicBooking
export type PublicPractitioner = PublicPractitionerList['items'][number]
export type GalleryItem = DomainGalleryItem

// The front desk
export type Appointment = ServerAppointment
export type AppointmentDetail = ServerAppointmentDetail
/** One change in an appointment's history, oldest first. */
export type AppointmentChange = AppointmentDetail['history'][number]
/** A free time the server offers after refusing a booking or a move (the problem's `alternatives`). */
export type FreeTime = Alternative
export type AvailabilitySlot = Availability['slots'][number]
export type TravelTime = TravelTimes['items'][number]
export type ClinicLocation = LocationList['items'][number]
export type Chair = ServerChair
export type StaffMember = ClinicLocation['practitioners'][number]
export type Course = ServerCourse
export type MoveProposal = MoveResult

// The client's file and the portal
export type { Consultation, DesignSummary, PortalAftercare, TreatmentPlan } from '@stipple/server'
/** The client's latest intake screened today (null without an intake). */
export type ScreeningInForce = NonNullable<ScreeningInForceAnswer>
export type SignedConsentSummary = SignedConsent
export type ConsentTemplate = DomainConsentTemplate
export type ExpiringCredential = ExpiringCredentialList['items'][number]
export type PortalAppointment = PortalAppointments['upcoming'][number]

/** The outbox as the server answers it, each time with its wall-clock sibling (`dueAtLocal`, `sentAtLocal`). */
export type { OutboxMessage } from '@stipple/server'
