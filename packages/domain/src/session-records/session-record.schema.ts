// What a practitioner records for each SMP session, with the needle and pigment lots a recall needs (DOMAIN §6.4).
import { z } from 'zod'
import { IdSchema, IsoDateSchema } from '../clients/client.schema.ts'
import { LocalTimeSchema } from '../scheduling/local-time.schema.ts'

const Text = (max: number) => z.string().trim().min(1).max(max)
/** A manufacturer's lot or batch code. */
const LotCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/, 'expected a lot code of letters, digits, spaces, dots, slashes or hyphens')
const Instant = z.iso.datetime({ offset: true })

const NeedleUseSchema = z.strictObject({
  /** Cartridge configuration, e.g. `1RL 0.20` or `0603`. */
  configuration: Text(40),
  manufacturer: Text(100).optional(),
  lot: LotCodeSchema,
  expiresOn: IsoDateSchema.optional(),
  /** A new sealed single-use cartridge: recording a session requires the practitioner's confirmation. */
  singleUseConfirmed: z.literal(true, { error: 'confirm that a new sealed single-use cartridge was used' }),
})

const PigmentUseSchema = z.strictObject({
  brand: Text(100),
  shade: Text(100),
  /** Pigment to diluent, e.g. `1:25`, or `neat`. */
  dilution: z.string().regex(/^(neat|[0-9]{1,2}:[0-9]{1,3})$/, 'expected neat or a ratio such as 1:25'),
  lot: LotCodeSchema,
  /** A lot past this date must not be used: the session is refused. */
  expiresOn: IsoDateSchema,
})

export const AnaestheticSchema = z.strictObject({
  product: Text(100),
  method: z.enum(['topical', 'injected', 'other']),
  notes: Text(2000).optional(),
})

const ADVERSE_EVENT_KINDS = [
  'allergic-reaction',
  'infection',
  'excessive-bleeding',
  'pigment-migration',
  'other',
] as const

export const AdverseEventSchema = z.strictObject({
  kind: z.enum(ADVERSE_EVENT_KINDS),
  severity: z.enum(['mild', 'moderate', 'severe']),
  description: Text(4000),
  notedAt: Instant,
})

/** Limits of the owner's written reason to treat despite a refusal. */
export const OVERRIDE_REASON_CHARS = { min: 10, max: 1000 } as const

const SafetyOverrideSchema = z.strictObject({
  /** Why the session goes ahead despite a missing consent or a screening that defers or refuses it (owner only). */
  reason: z
    .string()
    .trim()
    .min(OVERRIDE_REASON_CHARS.min, `write the reason in at least ${OVERRIDE_REASON_CHARS.min} characters`)
    .max(OVERRIDE_REASON_CHARS.max, `keep the reason under ${OVERRIDE_REASON_CHARS.max} characters`),
})

/** A date and wall-clock time at the session's location, read by the server in the location's time zone. */
const LocalAtSchema = z.strictObject({
  date: IsoDateSchema,
  time: z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'a time like 09:00 (24-hour clock)'),
})

export const SessionRecordCreateSchema = z
  .strictObject({
    /** The appointment this session was performed in: it becomes completed. */
    appointmentId: IdSchema.optional(),
    /** The owner's override of a missing treatment consent or a screening that defers or refuses treatment. */
    override: SafetyOverrideSchema.optional(),
    locationId: IdSchema,
    /** The practitioner's membership id. */
    practitionerId: IdSchema,
    sessionIndex: z.number().int().min(1).max(50),
    performedAt: Instant.optional(),
    /** When the session was performed, on the location's wall clock: the server reads it in the location's zone. */
    performedAtLocal: LocalAtSchema.optional(),
    /** Design zone names treated, e.g. `hairline`, `crown`. */
    areas: z
      .array(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'expected a zone name such as hairline or crown'))
      .min(1)
      .max(20),
    needles: z.array(NeedleUseSchema).min(1).max(50),
    pigments: z.array(PigmentUseSchema).min(1).max(20),
    anaesthetic: AnaestheticSchema.nullable().optional(),
    impressions: z.number().int().min(0).max(10_000_000).optional(),
    durationMinutes: z.number().int().min(1).max(1440).optional(),
    notes: z.string().max(20_000).optional(),
    adverseEvents: z.array(AdverseEventSchema).max(20).optional(),
  })
  .refine((v) => (v.performedAt === undefined) !== (v.performedAtLocal === undefined), {
    path: ['performedAt'],
    message:
      'give when the session was performed as performedAt (an instant) or performedAtLocal ({ date, time } at the location), one of them',
  })
export type SessionRecordCreate = z.infer<typeof SessionRecordCreateSchema>

/** The clinical part of a session record: hidden from front desk. */
const SessionClinicalSchema = z.object({
  anaesthetic: AnaestheticSchema.nullable(),
  notes: z.string().nullable(),
  adverseEvents: z.array(AdverseEventSchema),
})

export const SessionRecordSchema = z.object({
  id: IdSchema,
  clientId: IdSchema,
  locationId: IdSchema,
  practitionerId: IdSchema,
  sessionIndex: z.number().int(),
  performedAt: Instant,
  /** performedAt on the location's wall clock (server-computed, domain localTime). */
  performedAtLocal: LocalTimeSchema,
  areas: z.array(z.string()),
  impressions: z.number().int().nullable(),
  durationMinutes: z.number().int().nullable(),
  needles: z.array(
    NeedleUseSchema.extend({ manufacturer: z.string().nullable(), expiresOn: IsoDateSchema.nullable() })
  ),
  pigments: z.array(PigmentUseSchema),
  /** The appointment this session was performed in, or null. */
  appointmentId: IdSchema.nullable(),
  /** The owner's override of a refusal: who, why, and what it set aside; null when nothing was overridden. */
  override: z
    .object({
      reason: z.string(),
      byMembershipId: IdSchema,
      byName: z.string(),
      /** The refusals set aside, in their words. */
      overridden: z.array(z.string()),
    })
    .nullable(),
  /** null when the viewer may not see clinical detail (front desk). */
  clinical: SessionClinicalSchema.nullable(),
  createdAt: Instant,
})
export type SessionRecord = z.infer<typeof SessionRecordSchema>
export const SessionRecordListSchema = z.object({ items: z.array(SessionRecordSchema) })

export const LotRecallQuerySchema = z.strictObject({
  lot: LotCodeSchema,
  kind: z.enum(['pigment', 'needle']).optional(),
})

export const LotRecallSchema = z.object({
  lot: z.string(),
  matches: z.array(
    z.object({
      kind: z.enum(['pigment', 'needle']),
      lot: z.string(),
      /** brand and shade of a pigment, or the needle's configuration */
      product: z.string(),
      expiresOn: IsoDateSchema.nullable(),
      sessionRecordId: IdSchema,
      performedAt: Instant,
      /** performedAt at the session's location (server-computed). */
      performedAtLocal: LocalTimeSchema,
      client: z.object({
        id: IdSchema,
        givenName: z.string(),
        familyName: z.string(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
      }),
    })
  ),
})
export type LotRecall = z.infer<typeof LotRecallSchema>

const LOT_KINDS = ['pigment', 'needle'] as const

/** A lot a location holds, added to the register by the owner or a practitioner. */
export const LotCreateSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('pigment'),
    locationId: IdSchema,
    brand: Text(100),
    shade: Text(100),
    lot: LotCodeSchema,
    expiresOn: IsoDateSchema,
  }),
  z.strictObject({
    kind: z.literal('needle'),
    locationId: IdSchema,
    /** The cartridge maker. */
    brand: Text(100),
    configuration: Text(40),
    lot: LotCodeSchema,
    expiresOn: IsoDateSchema,
  }),
])
export type LotCreate = z.infer<typeof LotCreateSchema>

export const LotSchema = z.object({
  id: IdSchema,
  kind: z.enum(LOT_KINDS),
  locationId: IdSchema,
  brand: z.string(),
  /** Pigment only. */
  shade: z.string().nullable(),
  /** Needle only. */
  configuration: z.string().nullable(),
  lot: z.string(),
  expiresOn: IsoDateSchema,
  /** Expired today at its location: a session cannot use it. */
  expired: z.boolean(),
  createdAt: Instant,
})
export type Lot = z.infer<typeof LotSchema>
export const LotListSchema = z.object({ items: z.array(LotSchema) })
export const LotListQuerySchema = z.strictObject({
  locationId: IdSchema.optional(),
  kind: z.enum(LOT_KINDS).optional(),
})
