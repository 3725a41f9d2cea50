// The consultation contract of the API: run the domain's consultation on a stored intake, and read it back.
import { isIsoDate, ScreeningStatusSchema, type StoredConsultationResult, StoredScreeningSchema } from '@stipple/domain'
import { z } from 'zod'

const Id = z.uuid()

export const ConsultationCreateSchema = z.strictObject({
  /** One of this client's intakes. */
  intakeId: Id,
  /** Where the client is treated: its price list prices the quote, its time zone says what "today" is. */
  locationId: Id,
  /** The consultation day (YYYY-MM-DD); default today at the location. */
  today: z.exactOptional(z.string().refine(isIsoDate, 'expected a calendar date like 2026-11-23')),
})
export type ConsultationCreate = z.infer<typeof ConsultationCreateSchema>

export type { StoredConsultationResult }

export const ConsultationSchema = z.object({
  id: Id,
  clientId: Id,
  intakeId: Id,
  practitionerId: Id,
  createdAt: z.iso.datetime({ offset: true }),
  /** Shown to every staff role: whether the client may be booked. */
  screeningStatus: ScreeningStatusSchema,
  /** The findings (clinical): null for front desk. */
  screening: StoredScreeningSchema.nullable(),
  /** Recommendation, plan, dates, quote, longevity, care (clinical): null for front desk. */
  result: z
    .custom<StoredConsultationResult>((v) => typeof v === 'object' && v !== null)
    .nullable()
    .meta({ description: 'stipple.consultation/v1 without its design (see the design it created)' }),
})
export type Consultation = z.infer<typeof ConsultationSchema>
export const ConsultationListSchema = z.object({ items: z.array(ConsultationSchema) })

export const ConsultationCreatedSchema = z.object({
  consultation: ConsultationSchema,
  /**
   * The recommended design: a new "Recommended design" at the first consultation; a later consultation (a new intake)
   * adds its recommendation as the next version of the same design, whose earlier approval no longer counts.
   */
  designId: Id,
  designVersionId: Id,
  designVersion: z.int().min(1),
  planId: Id,
  quoteId: Id,
})
export type ConsultationCreated = z.infer<typeof ConsultationCreatedSchema>
