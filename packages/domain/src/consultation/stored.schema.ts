// The consultation's parts as the server stores them (JSON columns): read back through these schemas, so a stored
// document that does not match fails with its path instead of flowing on as a wrong type. The result's parts keep
// fields these do not name (they pass through as stored); the screening and plan are exactly the API's shapes.
import { type HairlineShape, PRESET_IDS, type PresetId, type Sex } from '@stipple/engine'
import { z } from 'zod'
import { GOALS } from '../intake/intake.schema.ts'
import { CONSULTATION_SCHEMA_V1, type ConsultationResult } from './consult.ts'

const SCREENING_STATUSES = ['suitable', 'caution', 'defer', 'not-suitable'] as const

const FindingSchema = z.object({
  code: z.string(),
  severity: z.enum(['info', 'caution', 'defer', 'block']),
  /** In plain words, for the client. */
  message: z.string(),
  until: z.exactOptional(z.string()),
  precare: z.exactOptional(z.string()),
  sources: z.array(z.string()),
})

export const ScreeningStatusSchema = z.enum(SCREENING_STATUSES)

/** A consultation's screening as stored: its status and findings. */
export const StoredScreeningSchema = z.object({ status: ScreeningStatusSchema, findings: z.array(FindingSchema) })

const PlanSessionSchema = z.object({
  index: z.int(),
  /** Days from the first session. */
  dayOffset: z.int(),
  durationMinutes: z.int(),
  impressions: z.int(),
  dots: z.int(),
  needle: z.string(),
  shadeDilution: z.string(),
  impressionsByZone: z.record(z.string(), z.int()),
  /** The day (YYYY-MM-DD): the booked appointment's local date once the course is booked, else the consultation's proposal. */
  date: z.exactOptional(z.string()),
  /** booked: the date of the session's appointment in the plan's course; proposed: not booked yet. */
  dateSource: z.enum(['booked', 'proposed']).exactOptional(),
})

/** The plan as the domain computes it: treated area on the curved scalp, impressions, sessions and durations. */
export const PlanDocumentSchema = z.object({
  treatedAreaCm2: z.number(),
  totalImpressions: z.int(),
  totalDots: z.int(),
  spacingDays: z.int(),
  sessions: z.array(PlanSessionSchema),
  basis: z.string(),
  /** Why this many sessions, when the plan came from a consultation. */
  sessionReason: z.exactOptional(z.string()),
})

const MinorLineSchema = z.object({ label: z.string(), amountMinor: z.int() })

/** A quote row's document: its amounts in minor units (the total is the row's column). */
export const StoredQuoteDocumentSchema = z.object({
  priceList: z.string(),
  subtotalMinor: z.int(),
  lines: z.array(MinorLineSchema),
  later: z.array(MinorLineSchema),
  notes: z.array(z.string()),
})

const MajorLineSchema = z.looseObject({ label: z.string(), amount: z.number() })
const CareItemSchema = z.looseObject({ fromDay: z.number(), toDay: z.number(), instruction: z.string() })
const Range = z.looseObject({ min: z.number(), max: z.number() })
const isOneOf =
  <T extends string>(values: readonly T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (values as readonly string[]).includes(v)

const RecommendationSchema = z.looseObject({
  goal: z.enum(GOALS),
  presetId: z.custom<PresetId>(isOneOf(PRESET_IDS), 'not one of the engine presets'),
  sex: z.custom<Sex>(isOneOf<Sex>(['male', 'female'])),
  hairlineHeightMm: z.number().nullable(),
  hairlineShape: z
    .custom<HairlineShape>(isOneOf<HairlineShape>(['straight', 'rounded', 'widows-peak', 'mature']))
    .nullable(),
  shade: z.number(),
  densityPerCm2: z.number(),
  dotSizeMm: z.number(),
  sessionCount: z.number(),
  reasons: z.looseObject({
    goal: z.string(),
    preset: z.string(),
    hairline: z.string(),
    shade: z.string(),
    sessions: z.string(),
    scars: z.exactOptional(z.string()),
  }),
  seed: z.number(),
})

/** A consultation's result as stored: everything but the design, which is kept as the design's version 1. */
export const StoredConsultationResultSchema = z.looseObject({
  schema: z.literal(CONSULTATION_SCHEMA_V1),
  consultationDate: z.string(),
  screening: StoredScreeningSchema,
  recommendation: RecommendationSchema,
  plan: PlanDocumentSchema.extend({
    sessions: z.array(PlanSessionSchema.extend({ date: z.string() })),
    sessionReason: z.string(),
  }),
  dates: z.looseObject({
    earliestStart: z.string(),
    firstSession: z.string(),
    finalSession: z.string(),
    provisional: z.boolean(),
    note: z.string(),
  }),
  quote: z.looseObject({
    currency: z.string(),
    priceList: z.string(),
    subtotal: z.number(),
    total: z.number(),
    lines: z.array(MajorLineSchema),
    later: z.array(MajorLineSchema),
    notes: z.array(z.string()),
  }),
  longevity: z.looseObject({ touchUpAfterYears: z.number(), visibleYears: z.number(), note: z.string() }),
  aftercare: z.array(CareItemSchema),
  precare: z.array(CareItemSchema),
  betweenSessions: z.string(),
  longTermCare: z.array(z.string()),
  removal: z.looseObject({
    laserSessions: Range,
    method: z.string(),
    intervalWeeks: Range,
    kirbyDesai: z.looseObject({ score: z.number(), note: z.string() }),
    cost: z.looseObject({ currency: z.string(), min: z.number(), max: z.number() }),
    note: z.string(),
  }),
}) satisfies z.ZodType<Omit<ConsultationResult, 'design'>>
export type StoredConsultationResult = z.infer<typeof StoredConsultationResultSchema>
