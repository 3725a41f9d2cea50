// The plan and quote contract of the API: what the studio, the clinic dashboard and the portal read.
import { PlanDocumentSchema } from '@stipple/domain'
import { z } from 'zod'

const Id = z.uuid()
const Minor = z.int().describe('money in minor units (cents, pence)')

/** One line of a quote, in minor units. */
const QuoteLineSchema = z.object({ label: z.string(), amountMinor: Minor })

const QuoteSchema = z.object({
  id: Id,
  locationId: Id,
  currency: z.string().length(3),
  /** The price list the amounts come from (`toronto`, `us`, `uk`). */
  priceList: z.string(),
  /** Before tax. */
  subtotalMinor: Minor,
  /** Everything in `lines`, tax included. */
  totalMinor: Minor,
  lines: z.array(QuoteLineSchema),
  /** Prices for later, not in the total: touch-ups and laser removal. */
  later: z.array(QuoteLineSchema),
  notes: z.array(z.string()),
  createdAt: z.iso.datetime({ offset: true }),
})
export type QuoteRecord = z.infer<typeof QuoteSchema>

export const TreatmentPlanSchema = z.object({
  id: Id,
  clientId: Id,
  /** The design version planned; null for a plan recorded without one. */
  designVersionId: Id.nullable(),
  plan: PlanDocumentSchema,
  /** The latest quote for this plan; null when none was made. */
  quote: QuoteSchema.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  /** When it was made, as the quote's location reads it (domain localTime), for screens to show as it is. */
  createdAtLocal: z.object({ date: z.string(), time: z.string(), offsetMinutes: z.number() }),
})
export type TreatmentPlan = z.infer<typeof TreatmentPlanSchema>

export const TreatmentPlanListSchema = z.object({ items: z.array(TreatmentPlanSchema) })

export const PlanCreateSchema = z.strictObject({
  /** The design version to plan (any version of one of this client's designs). */
  designVersionId: Id,
  /** The location whose price list prices the quote. */
  locationId: Id,
})
export type PlanCreate = z.infer<typeof PlanCreateSchema>
