// Loads a design document of any released version: validate it against its own version's schema (so problems point
// into the file as written), migrate it up one version at a time, validate as v1, then check its geometry on the head.

import { createHead, type Design, landmarks, validateDesign } from '@stipple/engine'
import { z } from 'zod'
import { type Issue, isRecord, type ParseResult, safeParseWith } from '../issues.ts'
import {
  checkUniqueIds,
  DESIGN_SCHEMA_V1,
  type DesignDocument,
  DesignDocumentSchema,
  DilutionSchema,
  designShape,
  NeedleSchema,
} from './design.schema.ts'

/** The pre-release version: sessions as one block of shares, and no skin, pigment or crown. */
const DESIGN_SCHEMA_V0 = 'stipple.design/v0'

const DesignV0Schema = z
  .strictObject({
    schema: z.literal(DESIGN_SCHEMA_V0),
    ...designShape,
    sessions: z
      .strictObject({
        count: z.int().min(1).max(6),
        /** Share of the final dot count per session, in session order. */
        shares: z.array(z.number().gt(0).max(1)).min(1).max(6),
        needle: NeedleSchema,
        dilution: DilutionSchema,
      })
      .superRefine((s, ctx) => {
        if (s.shares.length !== s.count) {
          ctx.addIssue({
            code: 'custom',
            path: ['shares'],
            message: `has ${s.shares.length} entries for ${s.count} sessions`,
          })
        }
      }),
  })
  .omit({ skin: true, pigment: true, crown: true })
  .superRefine(checkUniqueIds)

type DesignV0 = z.infer<typeof DesignV0Schema>

/** v0 → v1: sessions become one object each; skin, pigment and crown get the defaults v0 designs were rendered with. */
function upFromV0(doc: DesignV0): DesignDocument {
  const [u, v] = landmarks(createHead(doc.head), doc.head.sex).crownWhorl
  const { needle, dilution } = doc.sessions
  return {
    schema: DESIGN_SCHEMA_V1,
    seed: doc.seed,
    region: doc.region,
    head: doc.head,
    hairline: doc.hairline,
    zones: doc.zones,
    existingHair: doc.existingHair,
    scars: doc.scars,
    // v0 had no per-session shade offset: every session used the zone's shade
    sessions: doc.sessions.shares.map((share) => ({ share, needle, dilution, shadeOffset: 0 })),
    skin: { fitzpatrick: 3, sunExposure: 'moderate', kind: 'normal' },
    pigment: { depthMm: 1.0 },
    crown: { center: [u, v], clockwise: true },
  }
}

/** Every older version, each with its schema and its step up to the next; oldest first. */
const MIGRATIONS: readonly { from: string; parse(json: unknown): ParseResult<DesignDocument> }[] = [
  {
    from: DESIGN_SCHEMA_V0,
    parse(json) {
      const old = safeParseWith(DesignV0Schema, json)
      return old.success ? { success: true, data: upFromV0(old.data) } : old
    },
  },
]

/** The schema tags `parseDesignDocument` accepts, oldest first. */
export const DESIGN_SCHEMAS: readonly string[] = [...MIGRATIONS.map((m) => m.from), DESIGN_SCHEMA_V1]

/** The engine's input: the document without its schema tag. */
export function toDesign(doc: DesignDocument): Design {
  const { schema: _schema, ...design } = doc
  return design
}

/**
 * Parses a design document of any version into the current one: schema problems, then problems of its geometry on
 * the head (a hairline that crosses itself, zones off the scalp), each with its path.
 */
export function parseDesignDocument(json: unknown): ParseResult<DesignDocument> {
  if (!isRecord(json)) return fail('', 'expected a stipple.design document (a JSON object)')
  const tag = json.schema
  let current: ParseResult<DesignDocument>
  if (tag === DESIGN_SCHEMA_V1) {
    current = safeParseWith(DesignDocumentSchema, json)
  } else {
    const migration = MIGRATIONS.find((m) => m.from === tag)
    if (migration === undefined) {
      const known = DESIGN_SCHEMAS.map((s) => `"${s}"`).join(', ')
      const message =
        tag === undefined
          ? `required; expected one of ${known}`
          : `unknown schema ${JSON.stringify(tag)}; expected one of ${known}`
      return fail('schema', message)
    }
    const migrated = migration.parse(json)
    // a migrated document is re-validated: a migration must never hand the engine something v1 would refuse
    current = migrated.success ? safeParseWith(DesignDocumentSchema, migrated.data) : migrated
  }
  if (!current.success) return current
  const design = toDesign(current.data)
  const geometry = validateDesign(design, createHead(design.head))
  if (geometry.length > 0)
    return { success: false, issues: geometry.map((i) => ({ path: i.path, message: i.message })) }
  return current
}

function fail(path: string, message: string): { success: false; issues: Issue[] } {
  return { success: false, issues: [{ path, message }] }
}
