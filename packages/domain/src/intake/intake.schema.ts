// The consultation intake `stipple.intake/v1` (DESIGN.md): the facts a clinic gathers before recommending SMP. Strict:
// an unknown field or code is an error with its path, never ignored. Age accepts 0–120 on purpose: under 18 is a
// screening block (DOMAIN §6.1 lists it as a contraindication), so a minor's intake is valid and comes back
// "not suitable" with the reason, rather than as an input error.

import { z } from 'zod'
import { type ParseResult, safeParseWith } from '../issues.ts'

export const INTAKE_SCHEMA_V1 = 'stipple.intake/v1'

/** Norwood–Hamilton classes in one spelling (DOMAIN §3.5): I–VII, the Type A variants IIa–Va, and III vertex. */
const NORWOOD_STAGES = ['I', 'II', 'IIa', 'III', 'IIIa', 'III-vertex', 'IV', 'IVa', 'V', 'Va', 'VI', 'VII'] as const
export type NorwoodStage = (typeof NORWOOD_STAGES)[number]
/** Ludwig grades I–III (DOMAIN §3.6). */
const LUDWIG_STAGES = ['I', 'II', 'III'] as const
export type LudwigStage = (typeof LUDWIG_STAGES)[number]

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'] as const

/** Roman numeral (any case) or arabic digit → its number 1–7, else undefined. */
function classNumber(text: string): number | undefined {
  if (/^[1-7]$/.test(text)) return Number(text)
  const i = ROMAN.indexOf(text.toUpperCase() as (typeof ROMAN)[number])
  return i === -1 ? undefined : i + 1
}

/** Clinics write "5A", "Va", "V-A", "3V", "III vertex": every spelling of a class maps to one stage, or to none. */
export function normalizeNorwoodStage(text: string): NorwoodStage | undefined {
  const s = text.trim().replace(/^(nw|norwood)\s*/i, '')
  const vertex = /^(3|III)[\s-]?(v|vertex)$/i.exec(s)
  if (vertex) return 'III-vertex'
  const m = /^([1-7]|[IV]{1,3})(?:[\s-]?(a))?$/i.exec(s)
  if (!m?.[1]) return undefined
  const n = classNumber(m[1])
  if (n === undefined) return undefined
  const stage = `${ROMAN[n - 1]}${m[2] ? 'a' : ''}`
  return (NORWOOD_STAGES as readonly string[]).includes(stage) ? (stage as NorwoodStage) : undefined
}

export function normalizeLudwigStage(text: string): LudwigStage | undefined {
  const n = classNumber(text.trim().replace(/^ludwig\s*/i, ''))
  return n !== undefined && n <= 3 ? LUDWIG_STAGES[n - 1] : undefined
}

function stageSchema<S extends string>(normalize: (t: string) => S | undefined, expected: string) {
  return z
    .string()
    .max(20)
    .transform((text, ctx): S => {
      const stage = normalize(text)
      if (stage !== undefined) return stage
      ctx.addIssue({
        code: 'custom',
        message: `unknown stage ${JSON.stringify(text)}; expected ${expected}`,
        input: text,
      })
      return z.NEVER
    })
}

const HairLossSchema = z.discriminatedUnion('scale', [
  z.strictObject({
    scale: z.literal('norwood'),
    /** Norwood class; "5A", "Va", "3V" and "III-vertex" are read as the same classes. */
    stage: stageSchema(normalizeNorwoodStage, 'I–VII, IIa–Va (Type A) or 3V / III-vertex'),
  }),
  z.strictObject({ scale: z.literal('ludwig'), stage: stageSchema(normalizeLudwigStage, 'I, II or III') }),
  z.strictObject({ scale: z.literal('alopecia-areata') }),
  z.strictObject({ scale: z.literal('alopecia-totalis') }),
  z.strictObject({ scale: z.literal('alopecia-universalis') }),
  z.strictObject({ scale: z.literal('diffuse') }),
  z.strictObject({ scale: z.literal('none') }),
])

const HAIR_COLORS = ['black', 'dark-brown', 'brown', 'light-brown', 'blonde', 'red', 'grey', 'white'] as const
export type HairColor = (typeof HAIR_COLORS)[number]

const ClientSchema = z
  .strictObject({
    sex: z.enum(['male', 'female', 'other']),
    /**
     * Which head the preview draws: male or female proportions (DOMAIN §12.1). Required when `sex` is 'other' (the
     * clinic asks the client); otherwise it defaults to `sex`.
     */
    head: z.exactOptional(z.enum(['male', 'female'])),
    /** Years; 0–120 is accepted so that screening, not the schema, turns minors away (DOMAIN §6.1). */
    age: z.int().min(0).max(120),
    /** Fitzpatrick skin type 1–6 (DOMAIN §4.1). */
    fitzpatrick: z.int().min(1).max(6),
    hairColor: z.enum(HAIR_COLORS),
    hairLength: z.enum(['shaved', 'buzz', 'short', 'long']),
  })
  .superRefine((c, ctx) => {
    if (c.sex === 'other' && c.head === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['head'],
        message: "is required when sex is 'other': choose the head the preview draws, 'male' or 'female' proportions",
      })
  })

const ScarSchema = z.discriminatedUnion('kind', [
  /** A linear strip scar from follicular-unit transplantation. */
  z.strictObject({
    kind: z.literal('fut'),
    lengthMm: z.number().min(10).max(400),
    widthMm: z.number().min(0.5).max(30),
  }),
  /** Punch scars from follicular-unit extraction, one per graft. */
  z.strictObject({ kind: z.literal('fue'), count: z.int().min(1).max(10_000) }),
])

const CONDITIONS = [
  'keloid-prone',
  'psoriasis-scalp-active',
  'eczema-scalp-active',
  'folliculitis-active',
  'seborrheic-dermatitis-active',
  'alopecia-areata-active',
  'pregnant',
  'breastfeeding',
  'bleeding-disorder',
  'diabetes-uncontrolled',
  'sunburn-scalp',
] as const
export type Condition = (typeof CONDITIONS)[number]

const MEDICATIONS = [
  'isotretinoin',
  'anticoagulant',
  'aspirin',
  'ibuprofen',
  'minoxidil',
  'finasteride',
  'retinoid-topical',
  'chemotherapy',
] as const
export type MedicationName = (typeof MEDICATIONS)[number]

const ALLERGIES = ['pigment', 'lidocaine', 'latex'] as const
export type Allergy = (typeof ALLERGIES)[number]

const MedicationSchema = z.strictObject({
  name: z.enum(MEDICATIONS),
  /** Days since the last dose; 0 or absent means still taking it. */
  lastDoseDaysAgo: z.exactOptional(z.int().min(0).max(36_500)),
})

/** Limits keep a hostile or corrupt intake small: no real history lists more. */
export const INTAKE_LIMITS = { scars: 20, conditions: CONDITIONS.length * 2, medications: 40, allergies: 10 } as const

const MedicalSchema = z.strictObject({
  conditions: z.exactOptional(z.array(z.enum(CONDITIONS)).max(INTAKE_LIMITS.conditions)),
  medications: z.exactOptional(z.array(MedicationSchema).max(INTAKE_LIMITS.medications)),
  allergies: z.exactOptional(z.array(z.enum(ALLERGIES)).max(INTAKE_LIMITS.allergies)),
})

export const PRICE_LIST_IDS = ['toronto', 'us', 'uk'] as const
export type PriceListId = (typeof PRICE_LIST_IDS)[number]

export const GOALS = ['shaved-look', 'density', 'scar-camouflage', 'hairline'] as const
export type Goal = (typeof GOALS)[number]
const HAIRLINE_STYLES = ['conservative', 'natural', 'youthful', 'straight'] as const
export type HairlineStyle = (typeof HAIRLINE_STYLES)[number]

export const IntakeSchema = z
  .strictObject({
    schema: z.literal(INTAKE_SCHEMA_V1),
    client: ClientSchema,
    hairLoss: HairLossSchema,
    scars: z.exactOptional(z.array(ScarSchema).max(INTAKE_LIMITS.scars)),
    /** What the client wants; recommended from the pattern and hair length when absent. */
    goal: z.exactOptional(z.enum(GOALS)),
    hairlineStyle: z.exactOptional(z.enum(HAIRLINE_STYLES)),
    medical: z.exactOptional(MedicalSchema),
    lifestyle: z.exactOptional(
      z.strictObject({
        sunExposure: z.exactOptional(z.enum(['low', 'moderate', 'high'])),
        skin: z.exactOptional(z.enum(['normal', 'oily', 'dry'])),
      })
    ),
    location: z.exactOptional(z.strictObject({ priceList: z.enum(PRICE_LIST_IDS) })),
  })
  .meta({ title: 'Stipple consultation intake', description: 'stipple.intake/v1' })

export type Intake = z.infer<typeof IntakeSchema>
/** The intake as written (stages in any accepted spelling). */
export type IntakeInput = z.input<typeof IntakeSchema>

/** Validates an intake; stages come back in one spelling (`"5A"` → `"Va"`). */
export function parseIntake(json: unknown): ParseResult<Intake> {
  return safeParseWith(IntakeSchema, json)
}
