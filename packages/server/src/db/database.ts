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
  created_at: CreatedAt
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
  adverse_events: AdverseEventsTable
  consent_templates: ConsentTemplatesTable
  signed_consents: SignedConsentsTable
  photos: PhotosTable
  audit_log: AuditLogTable
  schema_migrations: SchemaMigrationsTable
  auth_user: AuthUserTable
}
