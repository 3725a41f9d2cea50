// A clinic's client as stored and as the API shows it, and the intake records kept in the client's file.
import { z } from 'zod'
import { IntakeSchema } from '../intake/intake.schema.ts'
import { LocalTimeSchema } from '../scheduling/local-time.schema.ts'

/** The stages of a client's course, from first enquiry to touch-up recall (DESIGN: the course of an SMP client). */
export const CLIENT_STAGES = [
  'enquiry',
  'consultation',
  'design',
  'in-course',
  'aftercare',
  'touch-up-due',
  'closed',
] as const

/** Letters (any script), marks, spaces, apostrophes, hyphens and periods: no markup, no SQL punctuation. */
const PersonNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{M}][\p{L}\p{M} '’.-]*$/u, 'use letters, spaces, apostrophes, hyphens and periods only')

const EmailSchema = z.email().max(254)
/** International or local digits with the usual separators. */
const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{5,24}$/, 'expected a phone number of digits, spaces, hyphens or brackets')
export const IsoDateSchema = z.iso.date()
export const IdSchema = z.uuid()

/** What a client agreed to be contacted about; care messages (aftercare, reminders) apart from marketing. */
export const CommunicationConsentsSchema = z.strictObject({
  careEmail: z.boolean(),
  careSms: z.boolean(),
  marketingEmail: z.boolean(),
  marketingSms: z.boolean(),
})

export const ClientCreateSchema = z.strictObject({
  givenName: PersonNameSchema,
  familyName: PersonNameSchema,
  email: EmailSchema.nullable().optional(),
  phone: PhoneSchema.nullable().optional(),
  dateOfBirth: IsoDateSchema.nullable().optional(),
  stage: z.enum(CLIENT_STAGES).optional(),
  homeLocationId: IdSchema.nullable().optional(),
  consents: CommunicationConsentsSchema.optional(),
})
export type ClientCreate = z.infer<typeof ClientCreateSchema>

export const ClientUpdateSchema = ClientCreateSchema.partial().refine((v) => Object.keys(v).length > 0, {
  message: 'nothing to update: give at least one field',
})
export type ClientUpdate = z.infer<typeof ClientUpdateSchema>

export const ClientSummarySchema = z.object({
  id: IdSchema,
  givenName: z.string(),
  familyName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  stage: z.enum(CLIENT_STAGES),
  homeLocationId: IdSchema.nullable(),
  updatedAt: z.iso.datetime({ offset: true }),
  /** updatedAt on the clinic's wall clock (server-computed). */
  updatedAtLocal: LocalTimeSchema,
})
export type ClientSummary = z.infer<typeof ClientSummarySchema>

export const ClientSchema = ClientSummarySchema.extend({
  dateOfBirth: IsoDateSchema.nullable(),
  consents: CommunicationConsentsSchema.extend({ updatedAt: z.iso.datetime({ offset: true }) }),
  createdAt: z.iso.datetime({ offset: true }),
})
export type Client = z.infer<typeof ClientSchema>

export const ClientListQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  stage: z.enum(CLIENT_STAGES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})

export const ClientListSchema = z.object({ items: z.array(ClientSummarySchema), total: z.number().int() })

/**
 * The intake document's envelope: DESIGN's top-level fields, nothing else; what each part gives is then checked by the
 * intake schema (`domain/src/intake`).
 */
const Part = z.record(z.string(), z.unknown())
const IntakeDocumentEnvelopeSchema = z.strictObject({
  schema: z.literal('stipple.intake/v1'),
  client: Part,
  hairLoss: Part,
  scars: z.array(Part).max(50).optional(),
  goal: z.string().max(40).optional(),
  hairlineStyle: z.string().max(40).optional(),
  medical: Part.optional(),
  lifestyle: Part.optional(),
  location: Part.optional(),
})

/** The value at a zod issue's path inside `value`, or undefined when the path leads nowhere. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined
    at = (at as Record<PropertyKey, unknown>)[key]
  }
  return at
}

/**
 * An intake as recorded: everything it gives is checked by the intake schema (codes, ranges, unknown fields), each
 * problem at its path; a field not answered yet is left for the consultation, which refuses the intake until it is
 * (a corrected intake is a new version). The document is kept as written (a stage stays "5A").
 */
const IntakeDocumentSchema = IntakeDocumentEnvelopeSchema.superRefine((document, ctx) => {
  const parsed = IntakeSchema.safeParse(document, { reportInput: true })
  if (parsed.success) return
  for (const issue of parsed.error.issues) {
    if (valueAt(document, issue.path) !== undefined) ctx.issues.push(issue as z.core.$ZodRawIssue)
  }
})

export const IntakeCreateSchema = z.strictObject({ document: IntakeDocumentSchema })
export type IntakeCreate = z.infer<typeof IntakeCreateSchema>

export const IntakeRecordSchema = z.object({
  id: IdSchema,
  clientId: IdSchema,
  /** 1, 2, 3… per client: a corrected intake is a new version, never an edit. */
  version: z.number().int().min(1),
  schema: z.string(),
  document: z.record(z.string(), z.unknown()),
  recordedBy: IdSchema,
  createdAt: z.iso.datetime({ offset: true }),
  /** createdAt on the clinic's wall clock (server-computed). */
  createdAtLocal: LocalTimeSchema,
})
export type IntakeRecord = z.infer<typeof IntakeRecordSchema>
export const IntakeListSchema = z.object({ items: z.array(IntakeRecordSchema) })
