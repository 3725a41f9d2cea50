// Kysely's view of the tables in ./migrations. Row types stay inside the server: repositories map them to domain DTOs.
import type { ColumnType, Generated, JSONColumnType } from 'kysely'

/** A timestamptz: written as a Date or an ISO string, read as a Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>
/** A timestamptz with a database default. */
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>
/** A date column, read as 'YYYY-MM-DD' (the pool's type parser keeps dates as text). */
type DateText = ColumnType<string, string, string>
type Json<T extends object | null> = JSONColumnType<T, string, string>

interface ClinicsTable {
  id: Generated<string>
  name: string
  slug: string
  created_at: CreatedAt
}

interface LocationsTable {
  id: Generated<string>
  clinic_id: string
  name: string
  address: Json<Record<string, string>>
  time_zone: string
  opening_hours: Json<Record<string, [string, string][]>>
  price_list_id: string
  /** domain TaxRule[]: the taxes quotes at this location charge. */
  tax_rules: ColumnType<LocationTaxRule[], string | undefined, string>
  phone: ColumnType<string | null, string | null | undefined, string | null>
  created_at: CreatedAt
}

interface LocationTaxRule {
  code: string
  label: string
  basisPoints: number
  appliesTo: ('treatment' | 'goods')[]
}

export type Role = 'owner' | 'practitioner' | 'front_desk' | 'client'

interface MembershipsTable {
  id: Generated<string>
  clinic_id: string
  user_id: string
  role: Role
  display_name: string
  created_at: CreatedAt
}

interface PractitionerCredentialsTable {
  id: Generated<string>
  clinic_id: string
  membership_id: string
  kind: 'certification' | 'licence'
  title: string
  number: string | null
  issuer: string
  issued_on: DateText | null
  expires_on: DateText | null
  public: Generated<boolean>
  created_at: CreatedAt
  updated_at: Timestamp | null
}

interface CommunicationConsentsRow {
  careEmail: boolean
  careSms: boolean
  marketingEmail: boolean
  marketingSms: boolean
  updatedAt: string
}

interface ClientsTable {
  id: Generated<string>
  clinic_id: string
  given_name: string
  family_name: string
  email: string | null
  phone: string | null
  date_of_birth: DateText | null
  stage: Generated<string>
  home_location_id: string | null
  communication_consents: Json<CommunicationConsentsRow>
  user_id: string | null
  created_at: CreatedAt
  updated_at: CreatedAt
  erased_at: Timestamp | null
}

interface IntakesTable {
  id: Generated<string>
  clinic_id: string
  client_id: string
  version: number
  schema: string
  document: Json<Record<string, unknown>>
  recorded_by: string
  created_at: CreatedAt
}

interface SessionRecordsTable {
  id: Generated<string>
  clinic_id: string
  client_id: string
  location_id: string
  practitioner_id: string
  treatment_plan_id: string | null
  session_index: number
  performed_at: Timestamp
  areas: Json<string[]>
  anaesthetic: Json<{ product: string; method: 'topical' | 'injected' | 'other'; notes?: string | undefined } | null>
  impressions: number | null
  duration_minutes: number | null
  notes: string | null
  created_by: string
  created_at: CreatedAt
  /** The appointment this session was performed in (it became completed). */
  appointment_id: string | null
  /** The owner's written reason to treat despite a missing consent or a screening that defers or refuses. */
  override_reason: string | null
  override_by: string | null
  /** The refusals the override set aside, in their words. */
  overridden: ColumnType<string[] | null, string | null, string | null>
}

interface SessionNeedlesTable {
  id: Generated<string>
  clinic_id: string
  session_record_id: string
  configuration: string
  manufacturer: string | null
  lot: string
  expires_on: DateText | null
  single_use_confirmed: boolean
  /** The registered lot (null on records from before the lots register). */
  lot_id: string | null
}

interface SessionPigmentsTable {
  id: Generated<string>
  clinic_id: string
  session_record_id: string
  brand: string
  shade: string
  dilution: string
  lot: string
  expires_on: DateText
  /** The registered lot (null on records from before the lots register). */
  lot_id: string | null
}

/** A lot of pigment or needle cartridges a location holds: a session may use only a known lot before its expiry. */
interface LotsTable {
  id: Generated<string>
  clinic_id: string
  location_id: string
  kind: 'pigment' | 'needle'
  brand: string
  shade: string | null
  configuration: string | null
  lot: string
  expires_on: DateText
  created_by: string
  created_at: CreatedAt
}

interface AdverseEventsTable {
  id: Generated<string>
  clinic_id: string
  session_record_id: string
  kind: string
  severity: string
  description: string
  noted_at: Timestamp
  created_at: CreatedAt
}

interface ConsentTemplatesTable {
  id: Generated<string>
  clinic_id: string
  kind: string
  version: number
  title: string
  body: string
  created_at: CreatedAt
  created_by: string | null
}

interface SignedConsentsTable {
  id: Generated<string>
  clinic_id: string
  client_id: string
  template_id: string
  text_signed: string
  text_sha256: string
  signer_name: string
  signed_at: CreatedAt
  ip: string | null
  user_agent: string | null
  signature_sha256: string | null
  method: 'in-clinic' | 'portal' | null
  recorded_by: string | null
}

// Laser-removal courses (0006-records.sql).
interface LaserRemovalCoursesTable {
  id: Generated<string>
  clinic_id: string
  client_id: string
  reason: string
  provider: 'clinic' | 'referral'
  referral_name: string | null
  sessions_planned: number
  started_on: DateText
  notes: string | null
  status: Generated<'active' | 'completed' | 'abandoned'>
  status_changed_at: Timestamp | null
  created_by: string
  created_at: CreatedAt
}

interface LaserRemovalSessionsTable {
  id: Generated<string>
  clinic_id: string
  course_id: string
  performed_on: DateText
  provider: string
  notes: string | null
  adverse_event: Json<{ kind: string; severity: string; description: string }> | null
  created_by: string
  created_at: CreatedAt
}

interface PhotosTable {
  id: Generated<string>
  clinic_id: string
  client_id: string
  session_record_id: string | null
  angle: string
  taken_on: DateText
  consent_scope: 'clinical' | 'marketing'
  content_sha256: string
  thumbnail_sha256: string | null
  mime_type: 'image/jpeg' | 'image/png' | 'image/webp'
  width: number
  height: number
  byte_size: number
  created_by: string | null
  created_at: CreatedAt
  consent_changed_by: string | null
  consent_changed_at: Timestamp | null
  marketing_consent_id: string | null
}

interface AuditLogTable {
  id: Generated<string>
  clinic_id: string
  at: CreatedAt
  actor_user_id: string | null
  actor_membership_id: string | null
  actor_role: string | null
  action: string
  entity: string
  entity_id: string | null
  client_id: string | null
  ip: string | null
  user_agent: string | null
  request_id: string | null
  detail: Json<Record<string, unknown>> | null
}

// Consultations, designs, plans and quotes (0002-clinic.sql).
interface ConsultationsTable {
  id: Generated<string>
  clinic_id: string
  client_id: string
  intake_id: string
  practitioner_id: string
  screening_status: 'suitable' | 'caution' | 'defer' | 'not-suitable'
  screening: Json<Record<string, unknown>>
  result: Json<Record<string, unknown>> | null
  /** The design this consultation recommended (a later consultation adds a version to it). */
  design_id: string | null
  created_at: CreatedAt
}

interface DesignsTable {
  id: Generated<string>
  clinic_id: string
  client_id: string
  title: string
  created_at: CreatedAt
}

interface DesignVersionsTable {
  id: Generated<string>
  clinic_id: string
  design_id: string
  version: number
  document: Json<Record<string, unknown>>
  created_by: string
  created_at: CreatedAt
}

interface DesignApprovalsTable {
  id: Generated<string>
  clinic_id: string
  design_id: string
  design_version_id: string
  method: 'portal' | 'in-clinic' | 'paper'
  approved_at: CreatedAt
  recorded_by: string | null
}

interface TreatmentPlansTable {
  id: Generated<string>
  clinic_id: string
  client_id: string
  design_version_id: string | null
  plan: Json<Record<string, unknown>>
  created_at: CreatedAt
}

interface QuotesTable {
  id: Generated<string>
  clinic_id: string
  treatment_plan_id: string
  location_id: string
  currency: string
  total_minor: number
  document: Json<Record<string, unknown>>
  created_at: CreatedAt
}

interface SchemaMigrationsTable {
  version: string
  name: string
  checksum: string
  applied_at: CreatedAt
}

interface AuthUserTable {
  id: string
  name: string
  email: string
  emailVerified: boolean
}

// The TOTP second factor (0008-auth.sql).
interface AuthTotpTable {
  user_id: string
  secret_sealed: string
  enabled_at: Timestamp | null
  last_step: number | null
  created_at: CreatedAt
}

interface AuthTotpBackupCodesTable {
  user_id: string
  code_sha256: string
  used_at: Timestamp | null
}

interface AuthTotpChallengesTable {
  id_sha256: string
  user_id: string
  expires_at: Timestamp
  failures: Generated<number>
  created_at: CreatedAt
}

// Scheduling (0004-scheduling.sql). A tstzrange is written as '[start,end)' text and read back as text.
type TimeRange = ColumnType<string, string, string>
export type AppointmentKindId = 'consultation' | 'smp-session' | 'touch-up' | 'laser-removal'
export type AppointmentStatus = 'booked' | 'arrived' | 'completed' | 'no-show' | 'cancelled'

interface ChairsTable {
  id: Generated<string>
  clinic_id: string
  location_id: string
  name: string
  active: Generated<boolean>
  created_at: CreatedAt
}

interface PractitionerLocationsTable {
  clinic_id: string
  membership_id: string
  location_id: string
  working_hours: Json<Record<string, [string, string][]>>
}

interface TimeOffTable {
  id: Generated<string>
  clinic_id: string
  membership_id: string
  during: TimeRange
  reason: string | null
  created_at: CreatedAt
}

interface CoursesTable {
  id: Generated<string>
  clinic_id: string
  client_id: string
  treatment_plan_id: string | null
  location_id: string
  min_gap_days: Generated<number>
  max_gap_days: Generated<number>
  earliest_date: DateText
  created_by: string
  created_at: CreatedAt
}

interface AppointmentsTable {
  id: Generated<string>
  clinic_id: string
  location_id: string
  client_id: string | null
  practitioner_id: string
  chair_id: string
  kind: AppointmentKindId
  starts_at: Timestamp
  ends_at: Timestamp
  blocks: TimeRange
  status: Generated<AppointmentStatus>
  course_id: string | null
  course_index: number | null
  booked_by: string | null
  source: Generated<'clinic' | 'public' | 'portal'>
  idempotency_key: string | null
  idempotency_fingerprint: string | null
  contact: Json<{ name: string; email: string; phone: string }> | null
  notes: string | null
  cancelled_at: Timestamp | null
  cancel_reason: string | null
  no_show_at: Timestamp | null
  /** When the client was checked in at the front desk (0009-front-desk.sql). */
  arrived_at: Timestamp | null
  created_at: CreatedAt
  updated_at: CreatedAt
}

interface AppointmentChangesTable {
  id: Generated<string>
  clinic_id: string
  appointment_id: string
  change: AppointmentChangeKind
  from_starts_at: Timestamp | null
  to_starts_at: Timestamp | null
  reason: string | null
  changed_by: string | null
  changed_at: CreatedAt
  /** What else moved or was linked (0009-front-desk.sql). */
  detail: Json<Record<string, string>> | null
}

export type AppointmentChangeKind =
  | 'booked'
  | 'arrived'
  | 'rescheduled'
  | 'cancelled'
  | 'no-show'
  | 'completed'
  | 'linked'

// Travel time between two locations, stored once per pair (0009-front-desk.sql).
interface LocationTravelTimesTable {
  clinic_id: string
  location_a: string
  location_b: string
  minutes: number
  updated_by: string | null
  updated_at: CreatedAt
}

// Per-installation secrets (0007-booking.sql), 32 bytes as hex.
interface InstallationSecretsTable {
  name: string
  secret: string
  created_at: CreatedAt
}

// The outbox and calendar feeds (0005-outbox.sql).
export type OutboxKind =
  | 'appointment-48h'
  | 'appointment-24h'
  | 'precare'
  | 'aftercare'
  | 'between-sessions'
  | 'touch-up-recall'
  | 'booking-confirmation'
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled'

interface OutboxMessagesTable {
  id: Generated<string>
  clinic_id: string
  client_id: string | null
  appointment_id: string | null
  session_record_id: string | null
  kind: OutboxKind
  dedupe_key: string
  care: boolean
  to_email: string
  subject: string
  body_text: string
  body_html: string
  message_id: string
  due_at: Timestamp
  status: Generated<OutboxStatus>
  attempts: Generated<number>
  next_attempt_at: Timestamp
  lease_until: Timestamp | null
  last_error: string | null
  sent_at: Timestamp | null
  cancel_reason: string | null
  payload: Json<Record<string, unknown>>
  created_at: CreatedAt
  updated_at: CreatedAt
}

interface CalendarFeedsTable {
  id: Generated<string>
  clinic_id: string
  practitioner_id: string | null
  client_id: string | null
  token_sha256: string
  created_by: string
  created_at: CreatedAt
  revoked_at: Timestamp | null
}

export interface Database {
  clinics: ClinicsTable
  locations: LocationsTable
  memberships: MembershipsTable
  practitioner_credentials: PractitionerCredentialsTable
  clients: ClientsTable
  intakes: IntakesTable
  session_records: SessionRecordsTable
  session_needles: SessionNeedlesTable
  session_pigments: SessionPigmentsTable
  lots: LotsTable
  adverse_events: AdverseEventsTable
  consent_templates: ConsentTemplatesTable
  signed_consents: SignedConsentsTable
  laser_removal_courses: LaserRemovalCoursesTable
  laser_removal_sessions: LaserRemovalSessionsTable
  photos: PhotosTable
  audit_log: AuditLogTable
  chairs: ChairsTable
  practitioner_locations: PractitionerLocationsTable
  time_off: TimeOffTable
  courses: CoursesTable
  appointments: AppointmentsTable
  appointment_changes: AppointmentChangesTable
  location_travel_times: LocationTravelTimesTable
  installation_secrets: InstallationSecretsTable
  outbox_messages: OutboxMessagesTable
  calendar_feeds: CalendarFeedsTable
  consultations: ConsultationsTable
  designs: DesignsTable
  design_versions: DesignVersionsTable
  design_approvals: DesignApprovalsTable
  treatment_plans: TreatmentPlansTable
  quotes: QuotesTable
  schema_migrations: SchemaMigrationsTable
  auth_user: AuthUserTable
  auth_totp: AuthTotpTable
  auth_totp_backup_codes: AuthTotpBackupCodesTable
  auth_totp_challenges: AuthTotpChallengesTable
}
