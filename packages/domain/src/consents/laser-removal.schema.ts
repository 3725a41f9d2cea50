// Laser removal of SMP (DOMAIN §5, laser removal): a course per client with the sessions performed on it. SMP
// usually clears in 1–3 sessions [WU20], [GHI]; tattoo ink can take 6–15 [EPIL], so a plan may run to 20.
import { z } from 'zod'
import { IdSchema, IsoDateSchema } from '../clients/client.schema.ts'
import { typedText } from './text.ts'

export const LASER_COURSE_STATUSES = ['active', 'completed', 'abandoned'] as const
export const LASER_ADVERSE_EVENT_KINDS = [
  'blistering',
  'hypopigmentation',
  'hyperpigmentation',
  'scarring',
  'infection',
  'other',
] as const

export const LASER_REMOVAL_LIMITS = {
  sessionsPlanned: 20,
  /** Minimum wait after a laser session before SMP may be done again (DOMAIN §0 and §6.1, [INKD]). */
  retreatAfterDays: 90,
} as const

export const LaserCourseCreateSchema = z.strictObject({
  /** Why removal, e.g. "hairline placed too low in 2019, client wants it gone". */
  reason: typedText(2000),
  /** `clinic` when the clinic does the laser work itself; `referral` names the outside provider. */
  provider: z.enum(['clinic', 'referral']),
  referralName: typedText(200).optional(),
  sessionsPlanned: z.number().int().min(1).max(LASER_REMOVAL_LIMITS.sessionsPlanned),
  startedOn: IsoDateSchema,
  /** Clinical notes: never shown to front desk. */
  notes: typedText(2000).optional(),
})
export type LaserCourseCreate = z.infer<typeof LaserCourseCreateSchema>

export const LaserCourseUpdateSchema = z.strictObject({ status: z.enum(LASER_COURSE_STATUSES) })
export type LaserCourseUpdate = z.infer<typeof LaserCourseUpdateSchema>

export const LaserAdverseEventSchema = z.strictObject({
  kind: z.enum(LASER_ADVERSE_EVENT_KINDS),
  severity: z.enum(['mild', 'moderate', 'severe']),
  description: typedText(2000),
})

export const LaserSessionCreateSchema = z.strictObject({
  performedOn: IsoDateSchema,
  /** Who performed it: the practitioner, or the referral clinic and operator. */
  provider: typedText(200),
  /** Clinical notes (fluence, spot size, response): never shown to front desk. */
  notes: typedText(2000).optional(),
  adverseEvent: LaserAdverseEventSchema.optional(),
})
export type LaserSessionCreate = z.infer<typeof LaserSessionCreateSchema>

export const LaserSessionSchema = z.object({
  id: IdSchema,
  courseId: IdSchema,
  /** 1-based, in the order performed. */
  index: z.number().int(),
  performedOn: IsoDateSchema,
  provider: z.string(),
  /** Null for front desk. */
  clinical: z.object({ notes: z.string().nullable(), adverseEvent: LaserAdverseEventSchema.nullable() }).nullable(),
  createdBy: IdSchema,
  createdAt: z.iso.datetime({ offset: true }),
})
export type LaserSession = z.infer<typeof LaserSessionSchema>

export const LaserCourseSchema = z.object({
  id: IdSchema,
  clientId: IdSchema,
  reason: z.string(),
  provider: z.enum(['clinic', 'referral']),
  referralName: z.string().nullable(),
  sessionsPlanned: z.number().int(),
  startedOn: IsoDateSchema,
  status: z.enum(LASER_COURSE_STATUSES),
  statusChangedAt: z.iso.datetime({ offset: true }).nullable(),
  /** Null for front desk. */
  clinical: z.object({ notes: z.string().nullable() }).nullable(),
  sessions: z.array(LaserSessionSchema),
  /** The earliest day SMP may be done again: 90 days after the last laser session (null before any). */
  smpNotBefore: IsoDateSchema.nullable(),
  createdBy: IdSchema,
  createdAt: z.iso.datetime({ offset: true }),
})
export type LaserCourse = z.infer<typeof LaserCourseSchema>
export const LaserCourseListSchema = z.object({ items: z.array(LaserCourseSchema) })
