// The design contract of the API: designs of a client, their versions (each a stipple.design/v1 document), the
// client's approval, and preview options. The studio and the portal `import type` these.
import { DesignDocumentSchema, LocalTimeSchema } from '@stipple/domain'
import { z } from 'zod'

const Id = z.uuid()
const At = z.iso.datetime({ offset: true })

/** Design titles are free text shown to the client; erasure blanks them. */
const TitleSchema = z.string().trim().min(1).max(120)

export const DesignCreateSchema = z.strictObject({ title: TitleSchema, document: DesignDocumentSchema })
export type DesignCreate = z.infer<typeof DesignCreateSchema>

export const DesignVersionCreateSchema = z.strictObject({
  /** The version the edit started from: saving is refused (409) when someone saved a later one meanwhile. */
  basedOnVersion: z.int().min(1).max(100_000),
  document: DesignDocumentSchema,
})
export type DesignVersionCreate = z.infer<typeof DesignVersionCreateSchema>

const APPROVAL_METHODS = ['portal', 'in-clinic', 'paper'] as const

export const DesignApprovalCreateSchema = z.strictObject({
  versionId: Id,
  /** How the client approved it: on the clinic's tablet, or on paper (the portal records its own). */
  method: z.enum(['in-clinic', 'paper']),
})

export const PortalApprovalCreateSchema = z.strictObject({ versionId: Id })

export const DesignApprovalSchema = z.object({
  designId: Id,
  versionId: Id,
  version: z.int(),
  method: z.enum(APPROVAL_METHODS),
  approvedAt: At,
  /** approvedAt on the clinic's main location's clock (server-computed). */
  approvedAtLocal: LocalTimeSchema,
  /** The staff member who recorded it; null when the client approved in the portal. */
  recordedBy: Id.nullable(),
})
export type DesignApproval = z.infer<typeof DesignApprovalSchema>

const VersionMetaSchema = z.object({ id: Id, version: z.int(), createdAt: At, createdBy: Id })

export const DesignVersionSchema = z.object({
  id: Id,
  designId: Id,
  version: z.int(),
  document: DesignDocumentSchema,
  createdAt: At,
  createdBy: Id,
})
export type DesignVersion = z.infer<typeof DesignVersionSchema>

const DesignSummarySchema = z.object({
  id: Id,
  clientId: Id,
  title: z.string(),
  createdAt: At,
  latest: VersionMetaSchema,
  /** The client's approval of the latest version; null when the latest is not approved. */
  approval: DesignApprovalSchema.nullable(),
  /** An approval of an earlier version when the latest is not approved: it does not count for the latest. */
  earlierApproval: DesignApprovalSchema.nullable(),
})
export type DesignSummary = z.infer<typeof DesignSummarySchema>
export const DesignListSchema = z.object({ items: z.array(DesignSummarySchema) })

export const DesignDetailSchema = z.object({
  id: Id,
  clientId: Id,
  title: z.string(),
  createdAt: At,
  /** Oldest first. */
  versions: z.array(VersionMetaSchema),
  latest: DesignVersionSchema,
  /** The client's approval of the latest version; null when the latest is not approved. */
  approval: DesignApprovalSchema.nullable(),
  /** An approval of an earlier version when the latest is not approved: it does not count for the latest. */
  earlierApproval: DesignApprovalSchema.nullable(),
})
export type DesignDetail = z.infer<typeof DesignDetailSchema>

export const DesignCreatedSchema = z.object({
  /** The design's id. */
  id: Id,
  title: z.string(),
  versionId: Id,
  version: z.literal(1),
  document: DesignDocumentSchema,
})
export type DesignCreated = z.infer<typeof DesignCreatedSchema>

/** Query strings arrive as text: whole numbers only, no signs, no exponents. */
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,5}$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.int().min(min).max(max))

const PREVIEW_VIEWS = ['top', 'front', 'three-quarter-left', 'three-quarter-right', 'left', 'right', 'back'] as const

export const PreviewQuerySchema = z.strictObject({
  view: z.enum(PREVIEW_VIEWS).default('top'),
  /** Show the result after this session (1-based); default the design's last. */
  session: wholeNumber(1, 7).optional(),
  /** 'fresh': the day after that session; 'healed': healed, plus `years`. */
  state: z.enum(['fresh', 'healed']).default('healed'),
  /** Years after healing (healed only), up to 10, e.g. 2.5. */
  years: z
    .string()
    .regex(/^[0-9]{1,2}(\.[0-9]{1,2})?$/, 'expected a number of years like 2 or 2.5')
    .transform(Number)
    .pipe(z.number().min(0).max(10))
    .default(0),
  /** Width and height of the square image, px. */
  size: wholeNumber(256, 1024).default(512),
})
export type PreviewQuery = z.infer<typeof PreviewQuerySchema>
