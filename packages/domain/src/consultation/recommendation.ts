// From an intake to a recommended design: the goal (when the client gave none), the Engine I preset for the pattern,
// an age-appropriate hairline (DOMAIN §3.1), a shade for the hair colour and skin type (§4.3), scars added as zones,
// and the number of sessions with the reason. Every choice carries a sentence saying why.

import {
  type ChartPoint,
  type Design,
  defaultSessions,
  type HairlineShape,
  type PresetId,
  presetDesign,
  type Sex,
} from '@stipple/engine'
import { DESIGN_SCHEMA_V1, type DesignDocument } from '../design/design.schema.ts'
import { parseDesignDocument } from '../design/migrate.ts'
import type { Goal, HairColor, HairlineStyle, Intake, LudwigStage, NorwoodStage } from '../intake/intake.schema.ts'

export interface Recommendation {
  goal: Goal
  presetId: PresetId
  /** The head the design is drawn on: `other` takes the head its hair-loss pattern is defined on. */
  sex: Sex
  /** Mid-frontal hairline height above glabella, mm; null when the design keeps the client's own hairline. */
  hairlineHeightMm: number | null
  hairlineShape: HairlineShape | null
  /** HIS-like shade of the main fill: 20 darkest … 60 lightest [HIS-BL]. */
  shade: number
  densityPerCm2: number
  dotSizeMm: number
  sessionCount: number
  /** Why each choice was made, in the clinic's words. */
  reasons: {
    goal: string
    preset: string
    hairline: string
    shade: string
    sessions: string
    scars?: string
  }
  seed: number
}

const NORWOOD_PRESET: Record<NorwoodStage, PresetId> = {
  I: 'norwood-1',
  II: 'norwood-2',
  IIa: 'norwood-2a',
  III: 'norwood-3',
  IIIa: 'norwood-3a',
  'III-vertex': 'norwood-3-vertex',
  IV: 'norwood-4',
  IVa: 'norwood-4a',
  V: 'norwood-5',
  Va: 'norwood-5a',
  VI: 'norwood-6',
  VII: 'norwood-7',
}

const LUDWIG_PRESET: Record<LudwigStage, PresetId> = { I: 'ludwig-1', II: 'ludwig-2', III: 'ludwig-3' }

/** Norwood V and beyond count as advanced for the hairline rule (DOMAIN §3.1). */
const ADVANCED: readonly NorwoodStage[] = ['V', 'Va', 'VI', 'VII']
const EARLY: readonly NorwoodStage[] = ['I', 'II', 'IIa']
/** Stages whose loss short hair can still cover with dots between the hairs. */
const COVERABLE: readonly NorwoodStage[] = ['I', 'II', 'IIa', 'III', 'IIIa', 'III-vertex', 'IV', 'IVa']

/** FNV-1a over the intake as canonical JSON (keys sorted): the same intake always gives the same design. */
export function intakeSeed(intake: Intake): number {
  const text = canonicalJson(intake)
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

function recommendGoal(intake: Intake): { goal: Goal; reason: string } {
  if (intake.goal) return { goal: intake.goal, reason: 'The goal you asked for.' }
  const loss = intake.hairLoss
  const hasScars = (intake.scars?.length ?? 0) > 0
  const longish = intake.client.hairLength === 'short' || intake.client.hairLength === 'long'
  switch (loss.scale) {
    case 'none':
      return hasScars
        ? { goal: 'scar-camouflage', reason: 'No hair loss recorded, only scars: camouflage the scars.' }
        : { goal: 'hairline', reason: 'No hair loss recorded: at most a hairline refinement.' }
    case 'ludwig':
    case 'diffuse':
      return {
        goal: 'density',
        reason: 'Diffuse and female-pattern thinning keep the hairline: dots between the hairs add density.',
      }
    case 'alopecia-areata':
      return longish
        ? { goal: 'density', reason: 'Patchy loss under longer hair: fill the patches to match the hair around them.' }
        : { goal: 'shaved-look', reason: 'Patchy loss with the head kept short: a uniform shaved look.' }
    case 'alopecia-totalis':
    case 'alopecia-universalis':
      return { goal: 'shaved-look', reason: 'No hair left to blend with: a full shaved look with a new hairline.' }
    case 'norwood':
      if (EARLY.includes(loss.stage)) {
        return { goal: 'hairline', reason: 'Early recession: define the hairline and soften the temples.' }
      }
      if (longish && COVERABLE.includes(loss.stage)) {
        return {
          goal: 'density',
          reason: 'You keep your hair longer and the loss is moderate: density between the hairs, no shaving needed.',
        }
      }
      return {
        goal: 'shaved-look',
        reason: longish
          ? 'Advanced loss cannot be hidden under longer hair: the shaved look, with the head kept short.'
          : 'You keep your head short: the shaved look.',
      }
  }
}

function recommendPreset(intake: Intake): { id: PresetId; reason: string } {
  const loss = intake.hairLoss
  switch (loss.scale) {
    case 'norwood':
      return { id: NORWOOD_PRESET[loss.stage], reason: `Norwood ${loss.stage} pattern.` }
    case 'ludwig':
      return { id: LUDWIG_PRESET[loss.stage], reason: `Ludwig ${loss.stage} thinning.` }
    case 'none': {
      const fut = intake.scars?.some((s) => s.kind === 'fut')
      if (intake.scars?.length) {
        return fut
          ? { id: 'scar-fut', reason: 'Strip (FUT) scar camouflage.' }
          : { id: 'scar-fue', reason: 'FUE punch scar camouflage.' }
      }
      return { id: 'norwood-1', reason: 'No hair loss recorded: the hairline preset.' }
    }
    default:
      return { id: loss.scale, reason: `${loss.scale.replace(/-/g, ' ')} pattern.` }
  }
}

/** The head the design is drawn on: the one the client chose (required for sex 'other' by the schema), else their sex. */
function designSex(intake: Intake): Sex {
  if (intake.client.head !== undefined) return intake.client.head
  if (intake.client.sex === 'male' || intake.client.sex === 'female') return intake.client.sex
  throw new Error("client.head: required when client.sex is 'other' (male or female head proportions)")
}

/**
 * DOMAIN §3.1 age-appropriate hairline [assumption built on BB-HL, HRN-HL, WOLF, SHAP13]: men under 25 7.0–7.5 cm,
 * 25–40 7.5–8.5 cm, over 40 or Norwood ≥ V 8.5–10 cm; women 5.5–6.5 cm [QOVES], [KOR-F]. Conservative sits at the top
 * of the range, youthful at the bottom, natural and straight in the middle.
 */
function recommendHairline(
  intake: Intake,
  sex: Sex
): { heightMm: number; shape: HairlineShape | null; reason: string } {
  const age = intake.client.age
  const stage = intake.hairLoss.scale === 'norwood' ? intake.hairLoss.stage : undefined
  const advanced = stage !== undefined && ADVANCED.includes(stage)
  let range: [number, number]
  let why: string
  if (sex === 'female') {
    range = [55, 65]
    why = 'a female hairline sits 5.5–6.5 cm above the brow line'
  } else if (age > 40 || advanced) {
    range = [85, 100]
    why = advanced
      ? `Norwood ${stage} calls for a mature hairline 8.5–10 cm above the brow line`
      : 'over 40, a mature hairline sits 8.5–10 cm above the brow line'
  } else if (age >= 25) {
    range = [75, 85]
    why = 'at 25–40 the hairline sits 7.5–8.5 cm above the brow line'
  } else {
    range = [70, 75]
    why = 'under 25 the hairline sits 7.0–7.5 cm above the brow line'
  }
  const style: HairlineStyle = intake.hairlineStyle ?? 'natural'
  const t = style === 'conservative' ? 1 : style === 'youthful' ? 0 : 0.5
  const heightMm = Math.round(range[0] + (range[1] - range[0]) * t)
  const shape: HairlineShape | null =
    style === 'straight' ? 'straight' : style === 'conservative' && sex === 'male' ? 'mature' : null
  return {
    heightMm,
    shape,
    reason: `${(heightMm / 10).toFixed(1)} cm above the brow line (${style}): ${why}. Session 1 is drawn about 5 mm higher and lowered later only if you want it lower: a hairline can come down, never go back up.`,
  }
}

/** HIS-like shade per hair colour [assumption on HIS-BL: 20s–40s typical, blond 40–50, lightest 60]. */
const HAIR_SHADE: Record<HairColor, number> = {
  black: 25,
  'dark-brown': 30,
  brown: 35,
  'light-brown': 40,
  blonde: 45,
  red: 42,
  grey: 45,
  white: 55,
}
/** Types I–II take lighter pigment, V–VI darker [MDON]; steps are [assumption]. */
const FITZPATRICK_SHADE_STEP = [4, 2, 0, -2, -4, -6] as const

function recommendShade(intake: Intake): { shade: number; reason: string } {
  const { hairColor, fitzpatrick } = intake.client
  const step = FITZPATRICK_SHADE_STEP[fitzpatrick - 1] ?? 0
  const shade = Math.min(60, Math.max(20, HAIR_SHADE[hairColor] + step))
  const skin = step > 0 ? ', lighter for fair skin' : step < 0 ? ', darker so the dots read on darker skin' : ''
  return {
    shade,
    reason: `Shade ${shade} on the 20 (darkest) – 60 (lightest) scale: matched to ${hairColor.replace('-', ' ')} stubble${skin}.`,
  }
}

/** DOMAIN §4.3 [assumption]: shade index 20…60 maps linearly onto dilution 1:10…1:40. */
export function dilutionForShade(shade: number): string {
  const water = Math.round(10 + ((Math.min(60, Math.max(20, shade)) - 20) * 30) / 40)
  return `1:${water}`
}

/** Treated area above which a fourth session is planned, cm² (DOMAIN §2.4: large areas [SHC]). */
const LARGE_AREA_CM2 = 300

/** DOMAIN §2.4: 3 sessions; a 4th for scars, alopecia, very light or very dark skin, or a large area [SHC], [SG-SESS]. */
export function recommendSessions(intake: Intake, treatedAreaCm2: number): { count: number; reason: string } {
  const why: string[] = []
  if ((intake.scars?.length ?? 0) > 0) why.push('scar tissue takes pigment unevenly')
  if (intake.hairLoss.scale.startsWith('alopecia')) why.push('alopecia needs an extra layer to even out')
  if (intake.client.fitzpatrick === 1) why.push('very fair skin (type I) is built up more gently')
  if (intake.client.fitzpatrick === 6) why.push('very dark skin (type VI) needs more layers for the dots to read')
  if (treatedAreaCm2 > LARGE_AREA_CM2)
    why.push(`the area is large (${Math.round(treatedAreaCm2)} cm², more than ${LARGE_AREA_CM2})`)
  if (why.length === 0) return { count: 3, reason: 'Three sessions, as most clients need.' }
  return { count: 4, reason: `A fourth session because ${why.join('; ')}.` }
}

/** A strip of `halfWidth` either side of a polyline, as a polygon (left side, then the right side back). */
function strip(line: readonly ChartPoint[], halfWidth: number): ChartPoint[] {
  const left: ChartPoint[] = []
  const right: ChartPoint[] = []
  line.forEach((p, i) => {
    const a = line[Math.max(0, i - 1)] ?? p
    const b = line[Math.min(line.length - 1, i + 1)] ?? p
    const dx = b[0] - a[0]
    const dy = b[1] - a[1]
    const len = Math.hypot(dx, dy) || 1
    left.push([p[0] - (dy / len) * halfWidth, p[1] + (dx / len) * halfWidth])
    right.push([p[0] + (dy / len) * halfWidth, p[1] - (dx / len) * halfWidth])
  })
  return [...left, ...right.reverse()]
}

/** The part of a polyline within `length / 2` chart mm of its midpoint (by arc length). */
function centredPart(line: readonly ChartPoint[], length: number): ChartPoint[] {
  const cum = [0]
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1] ?? [0, 0]
    const b = line[i] ?? [0, 0]
    cum.push((cum[i - 1] ?? 0) + Math.hypot(b[0] - a[0], b[1] - a[1]))
  }
  const total = cum.at(-1) ?? 0
  const from = Math.max(0, total / 2 - length / 2)
  const to = Math.min(total, total / 2 + length / 2)
  const part = line.filter((_, i) => (cum[i] ?? 0) >= from && (cum[i] ?? 0) <= to)
  return part.length >= 2 ? part : line.slice(0, 2)
}

/** The intake's scars as the scar presets' geometry, sized to the intake (FUT length and width, FUE count). */
function scarParts(intake: Intake, sex: Sex, seed: number): { zones: Design['zones']; scars: Design['scars'] } {
  const zones: Design['zones'][number][] = []
  const scars: Design['scars'][number][] = []
  const fut = (intake.scars ?? []).filter((s) => s.kind === 'fut')
  const fue = (intake.scars ?? []).filter((s) => s.kind === 'fue')
  if (fut.length > 0) {
    const preset = presetDesign('scar-fut', { sex, seed })
    const presetScar = preset.scars[0]
    const zone = preset.zones[0]
    if (presetScar?.kind === 'fut' && zone) {
      // repeated strip surgeries share one band: treat it at the longest length and the widest width
      const length = Math.max(...fut.map((s) => s.lengthMm))
      const width = Math.max(...fut.map((s) => s.widthMm))
      const line = centredPart(presetScar.polyline, length)
      scars.push({ id: 'fut', kind: 'fut', polyline: line, widthMm: width })
      zones.push({ ...zone, id: 'scar-fut', polygon: strip(line, width / 2 + 6) })
    }
  }
  if (fue.length > 0) {
    const preset = presetDesign('scar-fue', { sex, seed })
    const presetScar = preset.scars[0]
    const zone = preset.zones[0]
    if (presetScar?.kind === 'fue' && zone) {
      const count = Math.min(
        10_000,
        fue.reduce((n, s) => n + s.count, 0)
      )
      scars.push({ ...presetScar, count })
      zones.push({ ...zone, id: 'scar-fue' })
    }
  }
  return { zones, scars }
}

/** DOMAIN §0 cumulative healed dot density for a full shaved look, dots/cm² [assumption]. */
const DENSITY_PER_CM2 = 85
/** Healed dot diameter, mm: 0.18 for the shaved look (presets), finer between existing hairs [assumption]. */
const DOT_SIZE_MM = { shaved: 0.18, between: 0.15 } as const

export interface RecommendedDesign {
  recommendation: Recommendation
  design: DesignDocument
}

/** Builds the recommended design; `sessions` comes from the plan once it knows the treated area. */
export function recommendDesign(
  intake: Intake,
  sessions: { count: number; reason: string } = recommendSessions(intake, 0)
): RecommendedDesign {
  const sessionCount = sessions.count
  const seed = intakeSeed(intake)
  const goal = recommendGoal(intake)
  const preset = recommendPreset(intake)
  const sex = designSex(intake)
  const shade = recommendShade(intake)
  const hairline = recommendHairline(intake, sex)
  const skin: Design['skin'] = {
    fitzpatrick: intake.client.fitzpatrick,
    sunExposure: intake.lifestyle?.sunExposure ?? 'moderate',
    kind: intake.lifestyle?.skin ?? 'normal',
  }
  const design = presetDesign(preset.id, {
    sex,
    seed,
    hairlineHeightMm: hairline.heightMm,
    densityPerCm2: DENSITY_PER_CM2,
    shade: shade.shade,
    skin,
    // the preview draws the client's own hair: their colour, at the length they wear it
    hair: { color: intake.client.hairColor, length: intake.client.hairLength },
  })
  const dotSize = goal.goal === 'density' ? DOT_SIZE_MM.between : DOT_SIZE_MM.shaved
  let zones = design.zones.map((z) => ({ ...z, dotSizeMm: Math.min(z.dotSizeMm, dotSize) }))
  let scars = design.scars
  let scarReason: string | undefined
  if ((intake.scars?.length ?? 0) > 0 && !preset.id.startsWith('scar-')) {
    const parts = scarParts(intake, sex, seed)
    zones = [...zones, ...parts.zones]
    scars = [...scars, ...parts.scars]
    scarReason = 'Your scars are added as camouflage zones on top of the pattern, dotted to match the hair around them.'
  } else if (preset.id.startsWith('scar-')) {
    const parts = scarParts(intake, sex, seed)
    zones = parts.zones.length > 0 ? [...parts.zones] : zones
    scars = parts.scars.length > 0 ? parts.scars : scars
    scarReason = 'Scar camouflage: dots laid into and around the scar to match the hair beside it.'
  }
  const hairlineDoc =
    design.hairline === null
      ? null
      : { ...design.hairline, ...(hairline.shape === null ? {} : { shape: hairline.shape }) }
  const sessionSpecs = defaultSessions(sessionCount).map((s) => ({
    ...s,
    dilution: dilutionForShade(shade.shade + s.shadeOffset),
  }))
  const doc = { schema: DESIGN_SCHEMA_V1, ...design, hairline: hairlineDoc, zones, scars, sessions: sessionSpecs }
  const parsed = parseDesignDocument(doc)
  if (!parsed.success) {
    // the intake was valid, so a design the schema refuses is our bug: an internal error, not the client's
    throw new Error(`recommended design is invalid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`)
  }
  return {
    design: parsed.data,
    recommendation: {
      goal: goal.goal,
      presetId: preset.id,
      sex,
      hairlineHeightMm: hairlineDoc === null ? null : hairlineDoc.heightMm,
      hairlineShape: hairlineDoc === null ? null : hairlineDoc.shape,
      shade: shade.shade,
      densityPerCm2: DENSITY_PER_CM2,
      dotSizeMm: dotSize,
      sessionCount,
      reasons: {
        goal: goal.reason,
        preset: preset.reason,
        hairline:
          hairlineDoc === null ? 'Your own hairline is kept: dots go between your hairs behind it.' : hairline.reason,
        shade: shade.reason,
        sessions: sessions.reason,
        ...(scarReason ? { scars: scarReason } : {}),
      },
      seed,
    },
  }
}
