// Shapes of the API the app reads. Settled ones come from the domain's zod schemas (the server parses and answers
// with the same ones); the rest are the documented fields the screens use, kept loose where routes are still landing.

interface PriceRange {
  low: number
  high: number
}

/** The cost estimator's answer at one location: its price list with its own taxes, from the server. */
interface LocationEstimate {
  currency: string
  patterns: { patternId: string; packageLabel: string; range: PriceRange; withScar: PriceRange }[]
  touchUp: number
  taxNote: string
}

export interface PublicLocation {
  id: string
  name: string
  timeZone: string
  address?: Record<string, string>
  phone: string | null
  /** Monday to Sunday, each day's opening ranges ('HH:MM' local); empty when closed. */
  week: { day: string; name: string; ranges: [string, string][] }[]
  /** Today's date at the location. */
  today: string
  estimate: LocationEstimate | null
}

export interface PublicClinic {
  name: string
  slug: string
  /** Whether a booking's confirmation is emailed (the server sends mail). */
  emailsConfirmations: boolean
  consultationMinutes: number
  locations: PublicLocation[]
}

export interface PublicSlot {
  startsAt: string
  endsAt: string
  startsAtLocal: LocalTime
  endsAtLocal: LocalTime
}

export interface PublicAvailability {
  timeZone: string
  durationMin: number
  today: string
  from: string
  to: string
  days: { date: string; weekday: number; times: number }[]
  times: PublicSlot[]
}

interface PublicCredential {
  kind: string
  title: string
  number: string | null
  issuer: string
  expiresOn: string | null
}

export interface PublicPractitioner {
  displayName: string
  credentials: PublicCredential[]
}

interface GalleryImage {
  photoId: string
  width: number
  height: number
}

export interface GalleryItem {
  kind: 'pair' | 'single'
  angle: string
  before: GalleryImage | null
  after: GalleryImage
}

export interface PublicBooking {
  status: string
  kind: string
  startsAt: string
  endsAt: string
  startsAtLocal: LocalTime
  endsAtLocal: LocalTime
  /** The length booked, minutes. */
  durationMin: number
  clinicName: string
  location: {
    id: string
    name: string
    timeZone: string
    address?: Record<string, string>
    phone: string | null
    today: string
  }
  /** The link for changing or cancelling (sent by email when mail is set up). */
  manageUrl: string
  /** Whether a confirmation email is on its way. */
  confirmationEmailed: boolean
}

type AppointmentStatus = 'booked' | 'arrived' | 'completed' | 'no-show' | 'cancelled'

/** An instant on the location's wall clock, as the server computed it (domain `localTime`). */
export interface LocalTime {
  date: string
  time: string
  offsetMinutes: number
}

export interface Appointment {
  id: string
  kind: string
  status: AppointmentStatus
  startsAt: string
  endsAt: string
  startsAtLocal: LocalTime
  endsAtLocal: LocalTime
  locationId: string
  practitionerId: string
  chairId: string
  clientId: string | null
  clientName?: string | null
  practitionerName?: string
  contact?: { name?: string; email?: string; phone?: string } | null
  courseId?: string | null
  courseIndex?: number | null
  source?: string
  cancelReason?: string | null
}

/** One change in an appointment's history, oldest first. */
export interface AppointmentChange {
  change: 'booked' | 'arrived' | 'rescheduled' | 'cancelled' | 'no-show' | 'completed' | 'linked'
  at: string
  atLocal: LocalTime
  by: string
  reason: string | null
  fromStartsAtLocal: LocalTime | null
  toStartsAtLocal: LocalTime | null
  detail: Record<string, string>
}

export interface AppointmentDetail {
  appointment: Appointment
  history: AppointmentChange[]
  /** For a website booking without a client file: clients whose email or phone match the visitor's. */
  matchingClients: { id: string; name: string; email: string | null; phone: string | null }[]
}

/** A free time the server offers after refusing a booking or a move. */
export interface FreeTime {
  startsAt: string
  endsAt: string
  startsAtLocal: LocalTime
  endsAtLocal: LocalTime
  locationId: string
  locationName: string
  practitionerId: string
  practitionerName: string
  chairId: string
  chairName: string
}

export interface AvailabilitySlot {
  startsAt: string
  endsAt: string
  startsAtLocal: LocalTime
  endsAtLocal: LocalTime
  date: string
  practitionerId: string
  chairId: string
}

export interface TravelTime {
  locationAId: string
  locationAName: string
  locationBId: string
  locationBName: string
  minutes: number
}

export interface Chair {
  id: string
  name: string
  locationId: string
  active?: boolean
}

export interface StaffMember {
  membershipId: string
  displayName: string
  /** Working hours at this location, `{ mon: [["10:00", "18:00"]], … }` local. */
  workingHours?: Record<string, [string, string][]>
}

export interface ClinicLocation {
  id: string
  name: string
  timeZone: string
  /** Opening hours, `{ mon: [["10:00", "18:00"]], … }` local; a day without a range is closed. */
  openingHours: Record<string, [string, string][]>
  /** The date and time at the location now, from the server. */
  now: LocalTime
  chairs: Chair[]
  practitioners: StaffMember[]
}

export interface Course {
  id: string
  clientId: string
  treatmentPlanId: string | null
  locationId: string
  minGapDays: number
  maxGapDays: number
  earliestDate: string
  sessions: Appointment[]
}

export interface MoveProposal {
  ok: true
  applied: boolean
  proposal: { index: number; startsAt: string; endsAt: string; startsAtLocal: LocalTime; moved: boolean }[]
}

interface DesignApproval {
  versionId: string
  version: number
  method: 'portal' | 'in-clinic' | 'paper'
  approvedAt: string
  /** When it was approved, at the clinic's main location (server-computed). */
  approvedAtLocal: LocalTime
}

export interface DesignSummary {
  id: string
  clientId: string
  title: string
  createdAt: string
  latest: { id: string; version: number; createdAt: string }
  /** The approval of the latest version; null when the latest is not approved. */
  approval: DesignApproval | null
  /** An approval of an earlier version: it does not count for the latest. */
  earlierApproval?: DesignApproval | null
}

interface ScreeningFinding {
  code: string
  severity: 'info' | 'caution' | 'defer' | 'block'
  message: string
  until?: string
}

export interface Consultation {
  id: string
  intakeId: string
  createdAt: string
  screeningStatus: 'suitable' | 'caution' | 'defer' | 'not-suitable'
  screening: { status: string; findings: ScreeningFinding[] } | null
}

interface QuoteLine {
  label: string
  amountMinor: number
}

export interface TreatmentPlan {
  id: string
  clientId: string
  plan: {
    treatedAreaCm2: number
    spacingDays: number
    sessions: {
      index: number
      durationMinutes: number
      date?: string
      /** booked: the day of its appointment; proposed: the consultation's proposal, not booked yet. */
      dateSource?: 'booked' | 'proposed'
      shadeDilution?: string
      needle?: string
    }[]
    sessionReason?: string
  }
  quote: {
    currency: string
    totalMinor: number
    subtotalMinor: number
    lines: QuoteLine[]
    later: QuoteLine[]
    notes: string[]
  } | null
  createdAt: string
  /** When it was made, at the quote's location (server-computed). */
  createdAtLocal: LocalTime
}

export interface SignedConsentSummary {
  id: string
  kind: string
  title: string
  version: number
  signerName: string
  signedAt: string
  /** When it was signed, on the clinic's clock (server-computed). */
  signedAtLocal: LocalTime
}

export interface ConsentTemplate {
  id: string
  kind: string
  version: number
  title: string
  body: string
}

/** The outbox as the server answers it, each time with its wall-clock sibling (`dueAtLocal`, `sentAtLocal`). */
export type { OutboxMessage } from '@stipple/server'

export interface ExpiringCredential {
  id?: string
  practitionerName?: string
  displayName?: string
  title: string
  issuer?: string
  expiresOn: string | null
  daysLeft?: number
}

export interface PortalAftercare {
  session: { sessionIndex: number; performedAt: string; performedAtLocal: LocalTime } | null
  dayAfterSession: number | null
  today: { instruction: string; lastDay: number }[]
  betweenSessions: string | null
  longTerm: string[]
}

export interface PortalAppointment {
  id: string
  kind: string
  status: string
  startsAt: string
  endsAt: string
  startsAtLocal: LocalTime
  endsAtLocal: LocalTime
  durationMin: number
  locationName: string
  practitionerName: string
}
