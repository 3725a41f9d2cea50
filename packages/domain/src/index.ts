// @stipple/domain: the only public entry. Explicit named exports; modules import each other directly, never this file.

export {
  MembershipSchema,
  ROLES,
  type Role,
  type SessionInfo,
  SessionInfoSchema,
  SignInSchema,
} from './access/access.schema.ts'
export {
  type AuditEntry,
  type AuditFilters,
  AuditFiltersSchema,
  AuditPageSchema,
  AuditQuerySchema,
  auditEntityLabel,
} from './audit/audit.schema.ts'
export {
  CLIENT_STAGES,
  type Client,
  type ClientCreate,
  ClientCreateSchema,
  ClientListQuerySchema,
  ClientListSchema,
  ClientSchema,
  type ClientSummary,
  ClientSummarySchema,
  type ClientUpdate,
  ClientUpdateSchema,
  CommunicationConsentsSchema,
  type IntakeCreate,
  IntakeCreateSchema,
  IntakeListSchema,
  type IntakeRecord,
  IntakeRecordSchema,
} from './clients/client.schema.ts'
export { type ClientFile, ClientFileSchema } from './clients/client-file.schema.ts'
export {
  type ClientErase,
  ClientEraseSchema,
  type ClientErasure,
  ClientErasureSchema,
} from './clients/privacy.schema.ts'
export {
  CONSENT_KINDS,
  CONSENT_LIMITS,
  type ConsentKind,
  type ConsentSign,
  ConsentSignSchema,
  type ConsentTemplate,
  type ConsentTemplateCreate,
  ConsentTemplateCreateSchema,
  ConsentTemplateListSchema,
  ConsentTemplateSchema,
  type PortalConsents,
  PortalConsentsSchema,
  type SignedConsent,
  SignedConsentListSchema,
  SignedConsentSchema,
} from './consents/consent.schema.ts'
export {
  CREDENTIAL_WARNING_DAYS,
  type Credential,
  type CredentialCreate,
  CredentialCreateSchema,
  CredentialListQuerySchema,
  CredentialListSchema,
  CredentialSchema,
  type CredentialUpdate,
  CredentialUpdateSchema,
  type ExpiringCredentialList,
  ExpiringCredentialListSchema,
  ExpiringCredentialSchema,
  ExpiringCredentialsQuerySchema,
} from './consents/credential.schema.ts'
export {
  LASER_ADVERSE_EVENT_KINDS,
  LASER_COURSE_STATUSES,
  LASER_REMOVAL_LIMITS,
  LaserAdverseEventSchema,
  type LaserCourse,
  type LaserCourseCreate,
  LaserCourseCreateSchema,
  LaserCourseListSchema,
  LaserCourseSchema,
  type LaserCourseUpdate,
  LaserCourseUpdateSchema,
  type LaserSession,
  type LaserSessionCreate,
  LaserSessionCreateSchema,
  LaserSessionSchema,
} from './consents/laser-removal.schema.ts'
export {
  ClinicSlugSchema,
  type GalleryItem,
  GalleryItemSchema,
  PUBLIC_GALLERY_MAX_ITEMS,
  type PublicGallery,
  PublicGallerySchema,
  type PublicPractitionerList,
  PublicPractitionerListSchema,
} from './consents/public-site.schema.ts'
export {
  type ConsultationResult,
  consult,
  type DesignPlan,
  placeDesign,
  planDesign,
} from './consultation/consult.ts'
export { isIsoDate } from './consultation/dates.ts'
export {
  ESTIMATE_PATTERNS,
  type EstimatePatternId,
  estimateAtLocation,
  type LocationEstimate,
  type PriceRange,
} from './consultation/estimate.ts'
export {
  DEFAULT_OPEN_WEEKDAYS,
  datesOnOpenDays,
  openOnOrAfter,
  openWeekdaysOf,
  type Weekday,
} from './consultation/opening-days.ts'
export { PRICE_LISTS } from './consultation/price-lists.ts'
export { majorQuote, type QuoteMinor } from './consultation/quote.ts'
export { screen as screenIntake } from './consultation/screening.ts'
export {
  PlanDocumentSchema,
  ScreeningStatusSchema,
  type StoredConsultationResult,
  StoredConsultationResultSchema,
  StoredQuoteDocumentSchema,
  StoredScreeningSchema,
} from './consultation/stored.schema.ts'
export {
  type CareLine,
  careInWords,
  formatDate,
  formatDuration,
  formatMinorMoney,
  formatMoney,
  winAnsi,
} from './consultation/take-home.ts'
export {
  defaultTaxRules,
  formatRate,
  TAX_BASES,
  type TaxRule,
  TaxRuleSchema,
  TaxRulesSchema,
  taxNoteOf,
} from './consultation/tax-rules.ts'
export { TOUCH_UP_TIMING, TOUCH_UP_YEARS } from './consultation/touch-ups.ts'
export { dateWords, instantTimeWords, instantWords, timeWords, whenWords } from './consultation/when-words.ts'
export { DESIGN_LIMITS, DESIGN_SCHEMA_V1, type DesignDocument, DesignDocumentSchema } from './design/design.schema.ts'
export { designJsonSchema } from './design/json-schema.ts'
export { DESIGN_SCHEMAS, parseDesignDocument, toDesign } from './design/migrate.ts'
export {
  INTAKE_SCHEMA_V1,
  type Intake,
  type IntakeInput,
  IntakeSchema,
  PRICE_LIST_IDS,
  type PriceListId,
  parseIntake,
} from './intake/intake.schema.ts'
export { formatPath, type Issue, type ParseResult, safeParseWith } from './issues.ts'
export {
  PHOTO_ANGLES,
  PHOTO_CONSENTS,
  type Photo,
  type PhotoConsentUpdate,
  PhotoConsentUpdateSchema,
  PhotoListSchema,
  PhotoSchema,
  type PhotoUploadQuery,
  PhotoUploadQuerySchema,
} from './photos/photo.schema.ts'
export {
  aftercareDays,
  aftercareText,
  appointmentReminderText,
  betweenSessionsText,
  bookingConfirmationText,
  type Care,
  type CareFacts,
  type CareItem,
  careOnDay,
  courseCare,
  type MessageBlock,
  type MessageText,
  precareText,
  touchUpRecallText,
} from './reminders/reminder-messages.ts'
export {
  APPOINTMENT_KINDS,
  type AppointmentKind,
  type AvailabilityQuery,
  type BookedBlock,
  findAvailability,
  type Interval,
  type LocationHours,
  type PractitionerHours,
  type Slot,
  type WeeklyHours,
} from './scheduling/availability.ts'
export {
  type CourseRequest,
  type CourseResult,
  DEFAULT_MAX_GAP_DAYS,
  DEFAULT_MIN_GAP_DAYS,
  type MoveResult,
  moveSession,
  planCourse,
  spacingProblems,
} from './scheduling/course.ts'
export { LocalTimeSchema } from './scheduling/local-time.schema.ts'
export type { LocalTime } from './scheduling/zoned-time.ts'
export {
  formatZoned,
  instantToZoned,
  isTimeZone,
  localDate,
  localTime,
  offsetMinutes,
  TIME_ZONE_DATABASE_VERSION,
  weekday,
  zoneAbbreviation,
  zonedToInstant,
} from './scheduling/zoned-time.ts'
export { type SafetyFacts, type SafetyRefusal, sessionSafetyRefusals } from './session-records/safety.ts'
export {
  AdverseEventSchema,
  AnaestheticSchema,
  type Lot,
  type LotCreate,
  LotCreateSchema,
  LotListQuerySchema,
  LotListSchema,
  type LotRecall,
  LotRecallQuerySchema,
  LotRecallSchema,
  LotSchema,
  OVERRIDE_REASON_CHARS,
  type SessionRecord,
  type SessionRecordCreate,
  SessionRecordCreateSchema,
  SessionRecordListSchema,
  SessionRecordSchema,
} from './session-records/session-record.schema.ts'
