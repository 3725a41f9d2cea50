// The design contract of the API: designs of a client, their versions (each a stipple.design/v1 document), the
// client's approval, and preview options. The studio and the portal `import type` these.
import { DesignDocumentSchema, LocalTimeSchema } from '@stipple/domain'
import { CLOSE_UP_POINTS, CLOSE_UP_PX, VIEW_NAMES, type ViewName } from '@stipple/engine'
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

/** The engine's views, as the tuple zod's enum takes. */
const PREVIEW_VIEWS = VIEW_NAMES as readonly [ViewName, ...ViewName[]]
/** Points an artist can name for a close-up. */
const CLOSE_UP_NAMES = CLOSE_UP_POINTS
/** Side of a close-up image when no width is asked: 20 mm at 40 px/mm. */
const CLOSE_UP_WIDTH = CLOSE_UP_PX
/** The render options, spelled as the engine and `stipple render` spell them. */
const PREVIEW_KEYS = ['view', 'session', 'stage', 'years', 'width', 'height', 'closeup'] as const
/** Spellings of earlier versions of this API, refused with the name to use instead. */
const RENAMED: Readonly<Record<string, string>> = {
  state: 'is now spelled stage (fresh or healed), as the engine, `stipple render` and the studio spell it',
  size: 'is now spelled width (and height, which defaults to the width)',
}

export const PreviewQuerySchema = z
  .looseObject({
    view: z
      .enum(PREVIEW_VIEWS)
      .optional()
      .describe(
        'top (default), front, left, right, back, or chart (the flattened scalp; the close-up is of the chart)'
      ),
    session: wholeNumber(1, 7)
      .optional()
      .describe("show the result after this session (1-based); default the design's last"),
    stage: z
      .enum(['fresh', 'healed'])
      .default('healed')
      .describe("'fresh': the day after that session; 'healed' (default): healed, plus `years`"),
    years: z
      .string()
      .regex(/^[0-9]{1,2}(\.[0-9]{1,2})?$/, 'expected a number of years like 2 or 2.5')
      .transform(Number)
      .pipe(z.number().min(0).max(10))
      .default(0)
      .describe('years after healing (healed only), up to 10, e.g. 2.5'),
    width: wholeNumber(256, 1024).optional().describe('image width, px; default 512, or 800 for a close-up'),
    height: wholeNumber(256, 1024).optional().describe('image height, px; default the width'),
    closeup: z
      .string()
      .regex(
        new RegExp(`^(-?[0-9]{1,3}(\\.[0-9]{1,3})?,-?[0-9]{1,3}(\\.[0-9]{1,3})?|${CLOSE_UP_NAMES.join('|')})$`),
        `expected chart millimetres U,V (u to the client's right, v towards the face, 0,0 the vertex) or one of ${CLOSE_UP_NAMES.join(', ')}`
      )
      .optional()
      .describe(
        `a 20 mm square of the chart about this point (chart mm "U,V", or ${CLOSE_UP_NAMES.join(', ')}); implies view=chart, 40 px/mm at the default width`
      ),
  })
  .superRefine((q, ctx) => {
    for (const key of Object.keys(q))
      if (!(PREVIEW_KEYS as readonly string[]).includes(key))
        ctx.addIssue({ code: 'custom', path: [key], message: RENAMED[key] ?? 'is not a preview option' })
    if (q.closeup !== undefined && q.view !== undefined && q.view !== 'chart')
      ctx.addIssue({ code: 'custom', path: ['closeup'], message: 'applies to the chart view only; leave out view' })
  })
  .transform((q) => {
    const closeup = q.closeup
    const width = q.width ?? (closeup === undefined ? 512 : CLOSE_UP_WIDTH)
    return {
      view: q.view ?? (closeup === undefined ? 'top' : 'chart'),
      ...(q.session === undefined ? {} : { session: q.session }),
      stage: q.stage,
      years: q.years,
      width,
      height: q.height ?? width,
      ...(closeup === undefined ? {} : { closeup }),
    } as {
      view: ViewName
      session?: number
      stage: 'fresh' | 'healed'
      years: number
      width: number
      height: number
      /** Chart mm "U,V" or a named point; the renderer resolves it on the placed design. */
      closeup?: string
    }
  })
export type PreviewQuery = z.output<typeof PreviewQuerySchema>
