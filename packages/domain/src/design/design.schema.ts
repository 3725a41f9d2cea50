// The persisted design document `stipple.design/v1`: the engine's `Design` (engine/src/model/design.ts) plus its
// schema tag, with the limits a real clinic design stays within. Geometry that a schema cannot check (a hairline that
// crosses itself, a zone off the scalp) is checked by the engine's `validateDesign` in `parseDesignDocument`.

import { HAIR_COLORS, HAIR_LENGTHS, HANDLE_LIMIT_MM } from '@stipple/engine'
import { z } from 'zod'

export const DESIGN_SCHEMA_V1 = 'stipple.design/v1'

/** Chart coordinates stay well inside ±400 mm; the engine checks the exact scalp outline. */
const COORD_LIMIT_MM = 400

const Coord = z.number().min(-COORD_LIMIT_MM).max(COORD_LIMIT_MM)

/** A point on the scalp chart, mm: [u towards the client's right, v towards the face]. */
const ChartPointSchema = z.tuple([Coord, Coord])

const polygon = (max = 512) => z.array(ChartPointSchema).min(3).max(max)

const Id = z.string().min(1).max(64)

const HeadSchema = z.strictObject({
  sex: z.enum(['male', 'female']),
  /** Tape round the head above the brows and over the occipital prominence, mm (adults 480–650). */
  circumferenceMm: z.number().min(480).max(650),
  /** Tape from tragion to tragion over the vertex, mm. */
  earToEarMm: z.number().min(260).max(420),
  /** Tape from glabella over the vertex to inion, mm. */
  glabellaInionMm: z.number().min(260).max(420),
})

const HandleCoord = z.number().min(-HANDLE_LIMIT_MM).max(HANDLE_LIMIT_MM)

/** A tangent handle's offset from its control point, chart mm [du, dv]; at most `HANDLE_LIMIT_MM` long. */
const HandleOffsetSchema = z.tuple([HandleCoord, HandleCoord]).superRefine(([du, dv], ctx) => {
  const length = Math.sqrt(du * du + dv * dv)
  // a coordinate beyond the limit is reported on its own
  if (length > HANDLE_LIMIT_MM && Math.abs(du) <= HANDLE_LIMIT_MM && Math.abs(dv) <= HANDLE_LIMIT_MM)
    ctx.addIssue({
      code: 'custom',
      message: `is ${length.toFixed(1)} mm long; a handle is at most ${HANDLE_LIMIT_MM} mm`,
    })
})

/** A control point's tangent handles (cubic Bézier form): `in` faces the previous point, `out` the next. */
const HandleSchema = z.strictObject({ in: HandleOffsetSchema, out: HandleOffsetSchema })

const HairlineSchema = z
  .strictObject({
    /** Mid-frontal point above glabella along the surface, mm. */
    heightMm: z.number().min(40).max(120),
    /** How far the frontotemporal angle sits back from the juvenile position, mm. */
    templeRecessionMm: z.number().min(0).max(60),
    shape: z.enum(['straight', 'rounded', 'widows-peak', 'mature']),
    /** When present, the hairline runs through these chart points (client's right to left) instead of the parameters. */
    controlPoints: z.exactOptional(z.array(ChartPointSchema).min(2).max(64)),
    /**
     * Tangent handles of the hand-placed points, one entry per control point (null: automatic, the spline's own
     * tangent). A span with a handle at either end is a cubic Bézier; the others stay the Catmull-Rom spline.
     */
    handles: z.exactOptional(z.array(HandleSchema.nullable()).max(64)),
    /** Width of the soft transition over which density ramps up, mm. */
    softnessMm: z.number().min(2).max(20),
    macroIrregularityMm: z.number().min(0).max(10),
    macroWavelengthMm: z.number().min(5).max(80),
    microIrregularityMm: z.number().min(0).max(4),
  })
  .superRefine((h, ctx) => {
    if (h.handles === undefined) return
    if (h.controlPoints === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['handles'],
        message: 'needs hairline.controlPoints: handles belong to hand-placed points',
      })
    else if (h.handles.length !== h.controlPoints.length)
      ctx.addIssue({
        code: 'custom',
        path: ['handles'],
        message: `has ${h.handles.length} entries for ${h.controlPoints.length} control points (one each, null for automatic)`,
      })
  })

const ZoneSchema = z.strictObject({
  /** Unique among the design's zones. */
  id: Id,
  kind: z.enum(['hairline', 'frontal', 'mid-scalp', 'crown', 'temples', 'sides', 'back', 'scar', 'density']),
  /** Outline on the chart, mm; later zones take precedence where zones overlap. */
  polygon: polygon(),
  /** Target healed dot density in dots per cm² of curved scalp (not of chart area); typical 40–150. */
  densityPerCm2: z.number().min(1).max(250),
  /** Healed visible dot diameter, mm. */
  dotSizeMm: z.number().min(0.05).max(1),
  /** Pigment shade on the HIS-like scale: lower is darker (20 darkest … 60 lightest in use), 10–70 accepted. */
  shade: z.number().min(10).max(70),
  /** Width over which the zone's density fades out at its own border, mm. */
  featherMm: z.number().min(0).max(40),
})

const ExistingHairSchema = z.strictObject({
  /** Unique among the design's hair regions. */
  id: Id,
  polygon: polygon(),
  /** Bald patches inside the outline. */
  holes: z.array(polygon()).max(64),
  /** Follicular units per cm² of scalp. */
  densityPerCm2: z.number().min(1).max(250),
  featherMm: z.number().min(0).max(40),
})

const ScarSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    id: Id,
    kind: z.literal('fut'),
    /** The strip scar's centre line on the chart, mm. */
    polyline: z.array(ChartPointSchema).min(2).max(512),
    widthMm: z.number().min(0.5).max(30),
  }),
  z.strictObject({
    id: Id,
    kind: z.literal('fue'),
    /** The donor area the punch scars are spread over. */
    polygon: polygon(),
    /** Number of extracted grafts, one punch scar each. */
    count: z.int().min(1).max(10_000),
    diameterMm: z.number().min(0.3).max(2),
  }),
  z.strictObject({ id: Id, kind: z.literal('polygon'), polygon: polygon() }),
])

/** Cartridge code and needle diameter, e.g. "1RL 0.20" or "3RL 0.25". */
export const NeedleSchema = z
  .string()
  .regex(/^[1-9][0-9]?(RL|RS|RM|M1|F) 0\.[0-9]{2}$/, 'expected a needle like "1RL 0.20"')
/** Pigment concentrate to water, e.g. "1:25". */
export const DilutionSchema = z.string().regex(/^[1-9][0-9]?:[1-9][0-9]{0,2}$/, 'expected a dilution like "1:25"')

const SessionSchema = z.strictObject({
  /** Share of the final dot count laid down in this session, in (0, 1]; the shares of a design add up to 1. */
  share: z.number().gt(0).max(1),
  needle: NeedleSchema,
  dilution: DilutionSchema,
  /** Shade steps lighter than the zone's shade for this session's dots. */
  shadeOffset: z.number().min(0).max(20),
})

const SkinSchema = z.strictObject({
  fitzpatrick: z.int().min(1).max(6),
  sunExposure: z.enum(['low', 'moderate', 'high']),
  kind: z.enum(['normal', 'oily', 'dry']),
})

const PigmentSchema = z.strictObject({
  /** Where the pigment settles, mm below the surface (1.0 is right; below 0.5 fades, above 1.5 blows out). */
  depthMm: z.number().min(0.1).max(3),
})

const CrownSchema = z.strictObject({
  /** Crown whorl centre on the chart, mm. */
  center: ChartPointSchema,
  clockwise: z.boolean(),
})

/** The client's remaining hair as the preview draws it (from the intake). */
const HairSchema = z.strictObject({
  /** The client's hair colour, as the intake records it. */
  color: z.enum(HAIR_COLORS),
  /** How the client wears the hair they keep: razor-shaved, a buzz cut, short, or long. */
  length: z.enum(HAIR_LENGTHS),
})

/** How many zones and scars a design may have (the studio refuses to draw more). */
export const DESIGN_LIMITS = { zones: 64, scars: 32 } as const

/** The fields every version from v1 on shares with the engine's `Design`. */
export const designShape = {
  /** Seed of every random choice, an unsigned 32-bit integer: the same design gives the same dots everywhere. */
  seed: z.uint32(),
  region: z.literal('scalp'),
  head: HeadSchema,
  hairline: HairlineSchema.nullable(),
  zones: z.array(ZoneSchema).max(DESIGN_LIMITS.zones),
  existingHair: z.array(ExistingHairSchema).max(32),
  scars: z.array(ScarSchema).max(DESIGN_LIMITS.scars),
  sessions: z.array(SessionSchema).min(1).max(7),
  skin: SkinSchema,
  pigment: PigmentSchema,
  crown: CrownSchema,
  /** The client's remaining hair, colour and length; absent: brown, clipped to a buzz cut. */
  hair: z.exactOptional(HairSchema),
}

function uniqueIds(items: readonly { id: string }[], path: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>()
  items.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `duplicate id "${item.id}"` })
    seen.add(item.id)
  })
}

/** Ids must be unique per list: the studio and the plan refer to zones, hair regions and scars by id. */
export function checkUniqueIds(
  design: {
    zones: readonly { id: string }[]
    existingHair: readonly { id: string }[]
    scars: readonly { id: string }[]
  },
  ctx: z.RefinementCtx
): void {
  uniqueIds(design.zones, 'zones', ctx)
  uniqueIds(design.existingHair, 'existingHair', ctx)
  uniqueIds(design.scars, 'scars', ctx)
}

/** A design document, version 1: everything the engine needs to place, render and plan one treatment. */
export const DesignDocumentSchema = z
  .strictObject({
    /** Document type and version; older versions are migrated up by `parseDesignDocument`. */
    schema: z.literal(DESIGN_SCHEMA_V1),
    ...designShape,
  })
  .superRefine(checkUniqueIds)
  .meta({ title: 'Stipple design document', description: 'stipple.design/v1: a scalp micropigmentation design in mm' })

export type DesignDocument = z.infer<typeof DesignDocumentSchema>
