// Preset designs for every hair-loss pattern the intake knows. Each builds a complete Design on the given head:
// zones layered over the treated area, the hair the client keeps (with the bald areas as holes), scars, three
// sessions, and an age-appropriate hairline. Bald areas follow DOMAIN §3.5 (calibrated against its area table in
// presets.test.ts); women's patterns are density between existing hair (DOMAIN §3.6).

import { bufferPolyline, containsPoint } from '../geometry/polygon.ts'
import { catmullRom } from '../geometry/spline.ts'
import { datan2, dcos, dsin, PI, smoothstep, TAU } from '../math/det-math.ts'
import { createRng, deriveSeed } from '../math/rng.ts'
import type { ChartPoint, Design, ExistingHair, HairLook, Hairline, Scar, SessionSpec, Zone } from '../model/design.ts'
import { FTA_LATERAL_MM, hairlineControlPoints } from '../placement/hairline.ts'
import {
  anglesToChart,
  azimuthForBrowArc,
  createHead,
  DEFAULT_HEAD,
  type HeadModel,
  polarForHeight,
  type Sex,
} from '../scalp/head.ts'
import { DEFAULT_HAIRLINE_HEIGHT_MM, landmarks, scalpOutline } from '../scalp/landmarks.ts'

export const PRESET_IDS = [
  'norwood-1',
  'norwood-2',
  'norwood-2a',
  'norwood-3',
  'norwood-3a',
  'norwood-3-vertex',
  'norwood-4',
  'norwood-4a',
  'norwood-5',
  'norwood-5a',
  'norwood-6',
  'norwood-7',
  'ludwig-1',
  'ludwig-2',
  'ludwig-3',
  'diffuse',
  'alopecia-areata',
  'alopecia-totalis',
  'alopecia-universalis',
  'scar-fut',
  'scar-fue',
] as const
export type PresetId = (typeof PRESET_IDS)[number]

export interface PresetOptions {
  sex?: Sex
  seed?: number
  /** Mid-frontal hairline height above glabella, mm; defaults by sex (DOMAIN §0). */
  hairlineHeightMm?: number
  /** Target healed density of the main fill, dots/cm² (DOMAIN §0: 85). */
  densityPerCm2?: number
  /** Shade of the fill on the HIS-like scale (20 darkest … 60 lightest). */
  shade?: number
  skin?: Design['skin']
  head?: Partial<Design['head']>
  /** The client's remaining hair; default brown, clipped to a buzz cut. */
  hair?: HairLook
}

/**
 * DOMAIN §0: 3 sessions, 40 / 35 / 25 % of the dots; 1RL 0.20 for the first blueprint, 3RL 0.25 to fill; 1:25.
 * Longer courses (up to 7 for very large areas, DOMAIN §2.4 [SG-SESS]) keep the same shape: each session lighter.
 */
export function defaultSessions(count = 3): SessionSpec[] {
  const fixed: Record<number, number[]> = { 1: [1], 2: [0.55, 0.45], 3: [0.4, 0.35, 0.25], 4: [0.34, 0.28, 0.22, 0.16] }
  const n = Math.max(1, Math.min(7, Math.round(count)))
  // beyond four: weights falling linearly from 1.4 to 0.6, normalised
  const weights = fixed[n] ?? Array.from({ length: n }, (_, i) => 1.4 - (0.8 * i) / (n - 1))
  const total = weights.reduce((a, w) => a + w, 0)
  return weights.map((w, i) => ({
    share: w / total,
    needle: i === 0 ? '1RL 0.20' : '3RL 0.25',
    dilution: i === 0 ? '1:30' : '1:25',
    shadeOffset: i === 0 ? 5 : 0,
  }))
}

/** Polygon of points at brow-frame heights h(φ) sampled round the head (φ from −π to π). */
function heightLoop(head: HeadModel, h: (phi: number) => number, step = TAU / 180): ChartPoint[] {
  const pts: ChartPoint[] = []
  for (let phi = -PI + step / 2; phi < PI; phi += step) {
    const p = anglesToChart(head, polarForHeight(head, phi, h(phi)), phi)
    pts.push([p.u, p.v])
  }
  return pts
}

function circle(center: ChartPoint, rx: number, ry: number, n = 48): ChartPoint[] {
  const pts: ChartPoint[] = []
  for (let i = 0; i < n; i++) {
    const t = (TAU * i) / n
    pts.push([center[0] + rx * dcos(t), center[1] + ry * dsin(t)])
  }
  return pts
}

/** The part of a hairline between the frontotemporal points (|φ| ≤ φFTA), where it runs across the front. */
function centralPart(line: readonly ChartPoint[], phiFta: number): ChartPoint[] {
  return line.filter((p) => Math.abs(datan2(p[0], p[1])) <= phiFta)
}

/** The temple part of a hairline on one side (sign +1 right, −1 left), from the FTA outwards. */
function templePart(line: readonly ChartPoint[], phiFta: number, sign: number): ChartPoint[] {
  return line.filter((p) => sign * datan2(p[0], p[1]) > phiFta)
}

/** A band behind a temple stretch of hairline: the stretch (moved `forward`) and its copy turned back by `depth`. */
function templeBand(part: readonly ChartPoint[], depth: number, sign: number, forward = 3): ChartPoint[] {
  const back = part.map((p): ChartPoint => {
    const rho = Math.sqrt(p[0] * p[0] + p[1] * p[1])
    const phi = datan2(p[0], p[1]) + (sign * depth) / rho
    return [rho * dsin(phi), rho * dcos(phi)]
  })
  const front = part.map((p): ChartPoint => {
    const rho = Math.sqrt(p[0] * p[0] + p[1] * p[1])
    const phi = datan2(p[0], p[1]) - (sign * forward) / rho
    return [rho * dsin(phi), rho * dcos(phi)]
  })
  return [...front, ...back.reverse()]
}

/** Centre the front bands shrink towards: behind the vertex, so that the front of the hairline is star-shaped about it. */
const BAND_CENTRE: ChartPoint = [0, -60]

/** A band from the designed hairline back by `depth(u)` chart mm, each point moved towards BAND_CENTRE. */
function frontBand(line: readonly ChartPoint[], depth: (u: number) => number, forward = 3): ChartPoint[] {
  const along = (p: ChartPoint, by: number): ChartPoint => {
    const dx = p[0] - BAND_CENTRE[0]
    const dy = p[1] - BAND_CENTRE[1]
    const len = Math.sqrt(dx * dx + dy * dy)
    const t = Math.max(0.1, 1 + by / len)
    return [BAND_CENTRE[0] + dx * t, BAND_CENTRE[1] + dy * t]
  }
  const front = line.map((p) => along(p, forward))
  const back = line.map((p) => along(p, -depth(p[0]))).reverse()
  return [...front, ...back]
}

interface Stage {
  /** Depth of the bald band behind the designed hairline at the midline and at the temples, chart mm. */
  front: number
  temple: number
  /** Radius of the bald vertex around the crown whorl, mm (0: none). */
  vertex: number
  /** Fringe height above the brow plane at sides and back, mm (null: the top keeps its hair). */
  fringe: number | null
  /** Hair density left on the bridge between front and crown, FU/cm² (null: full hair). */
  bridge: number | null
  /** Temple recession of the designed (not the lost) hairline, mm: a mature hairline's, DOMAIN §3.2 (NW II ≤ 20–25). */
  recession: number
}

// [assumption] shapes per class from DOMAIN §3.5's descriptions, sized so the treated areas land in its table
const NORWOOD: Record<string, Stage> = {
  'norwood-1': { front: 6, temple: 8, vertex: 0, fringe: null, bridge: null, recession: 8 },
  'norwood-2': { front: 0, temple: 8, vertex: 0, fringe: null, bridge: null, recession: 10 },
  'norwood-2a': { front: 18, temple: 20, vertex: 0, fringe: null, bridge: null, recession: 9 },
  'norwood-3': { front: 4, temple: 20, vertex: 0, fringe: null, bridge: null, recession: 13 },
  'norwood-3a': { front: 45, temple: 36, vertex: 0, fringe: null, bridge: null, recession: 12 },
  'norwood-3-vertex': { front: 4, temple: 20, vertex: 28, fringe: null, bridge: null, recession: 12 },
  'norwood-4': { front: 30, temple: 34, vertex: 30, fringe: null, bridge: null, recession: 14 },
  'norwood-4a': { front: 85, temple: 55, vertex: 0, fringe: null, bridge: null, recession: 14 },
  'norwood-5': { front: 55, temple: 50, vertex: 48, fringe: null, bridge: 35, recession: 14 },
  'norwood-5a': { front: 120, temple: 65, vertex: 30, fringe: null, bridge: null, recession: 14 },
  'norwood-6': { front: 0, temple: 0, vertex: 0, fringe: 52, bridge: null, recession: 14 },
  'norwood-7': { front: 0, temple: 0, vertex: 0, fringe: 26, bridge: null, recession: 14 },
}

/** Female-pattern thinning: hair left in the thinning area, FU/cm² (DOMAIN §1.2: ~85 full; ≥ 50 % loss reads thin). */
const LUDWIG: Record<string, { hair: number; rx: number; ry: number }> = {
  'ludwig-1': { hair: 55, rx: 40, ry: 62 },
  'ludwig-2': { hair: 40, rx: 55, ry: 80 },
  'ludwig-3': { hair: 25, rx: 70, ry: 100 },
}

const FULL_HAIR = 85 // FU/cm², DOMAIN §0
/** Front of the scalp outline above glabella, mm (scalp/landmarks.ts). */
const JUVENILE_HAIRLINE_MM: Readonly<Record<Sex, number>> = { male: 66, female: 58 }

/** Age-appropriate hairline for a preset (DOMAIN §3.1); the intake's recommendation may move it. */
function defaultHairline(sex: Sex, height: number, recession: number): Hairline {
  return {
    heightMm: height,
    templeRecessionMm: recession,
    shape: sex === 'female' ? 'widows-peak' : 'rounded',
    softnessMm: 8,
    macroIrregularityMm: 3,
    macroWavelengthMm: 25,
    microIrregularityMm: 1,
  }
}

/** Builds the preset design for a hair-loss pattern. */
export function presetDesign(id: PresetId, options: PresetOptions = {}): Design {
  const sex: Sex = options.sex ?? (id.startsWith('ludwig') ? 'female' : 'male')
  const seed = (options.seed ?? 1) >>> 0
  const measurements = { ...DEFAULT_HEAD[sex], ...options.head }
  const headDoc = {
    sex,
    circumferenceMm: measurements.circumferenceMm,
    earToEarMm: measurements.earToEarMm,
    glabellaInionMm: measurements.glabellaInionMm,
  }
  const head = createHead(headDoc)
  const marks = landmarks(head, sex)
  const outline = scalpOutline(head, sex)
  const density = options.densityPerCm2 ?? 85
  const shade = options.shade ?? 35
  const height = options.hairlineHeightMm ?? DEFAULT_HAIRLINE_HEIGHT_MM[sex]
  const base = (polygon: ChartPoint[], kind: Zone['kind'], id: string = kind): Zone => ({
    id,
    kind,
    polygon,
    densityPerCm2: density,
    // healed dots of 0.10–0.15 mm (DOMAIN §2.2 [ISHRS-F], [PHC]; §13 "around 0.1mm", 90–150 µm)
    dotSizeMm: 0.14,
    shade,
    featherMm: 6,
  })
  const design: Design = {
    seed,
    region: 'scalp',
    head: headDoc,
    hairline: null,
    zones: [],
    existingHair: [],
    scars: [],
    sessions: defaultSessions(3),
    skin: options.skin ?? { fitzpatrick: 3, sunExposure: 'moderate', kind: 'normal' },
    pigment: { depthMm: 1.0 },
    crown: { center: marks.crownWhorl, clockwise: true },
    // a preset's fringe is clipped, as its fringe match is judged (DOMAIN §13.1 row 4); how the client wears their hair
    // comes from the intake (long for most density work under Ludwig and diffuse thinning)
    hair: options.hair ?? { color: 'brown', length: 'buzz' },
  }
  const zones: Zone[] = []
  const hair: ExistingHair[] = []
  const scars: Scar[] = []

  const stage = NORWOOD[id]
  if (stage) {
    const hl = defaultHairline(sex, height, stage.recession)
    design.hairline = hl
    const full = catmullRom(hairlineControlPoints(hl, head, sex), 8)
    const phiFta = azimuthForBrowArc(head, FTA_LATERAL_MM[sex])
    const line = centralPart(full, phiFta)
    const temples = [templePart(full, phiFta, 1), templePart(full, phiFta, -1).reverse()]
    // one base zone over the whole scalp: dots go wherever hair is missing (target − hair), so every bald edge blends
    // into the fringe through the hair's feather; the zones after it name and refine parts of it
    zones.push({ ...base(outline, 'mid-scalp', 'scalp'), featherMm: 4 })
    // the bald areas are holes in the fringe; at the front they reach well past the designed hairline, so no band of
    // hair is left in front of it (the hairline itself decides where dots start)
    const holes: ChartPoint[][] = []
    if (stage.fringe !== null) {
      const fringe = stage.fringe
      holes.push(
        heightLoop(head, (phi) => {
          const a = Math.abs(phi)
          return a < 1.0 ? 52 : fringe + (1 - smoothstep(1.0, 1.5, a)) * (52 - fringe)
        })
      )
    } else {
      const depth = (u: number) => {
        const t = smoothstep(25, 95, Math.abs(u))
        return stage.front * (1 - t) + stage.temple * t
      }
      // to 10 mm ahead of the juvenile hairline (the scalp outline's front, DOMAIN §3.1), whatever the design's height
      const ahead = Math.max(5, height - JUVENILE_HAIRLINE_MM[sex] + 10)
      holes.push(frontBand(line, depth, ahead))
      zones.push(base(frontBand(line, depth), 'frontal'))
      temples.forEach((part, i) => {
        const sign = i === 0 ? 1 : -1
        holes.push(templeBand(part, stage.temple, sign, Math.min(14, ahead)))
        zones.push(
          base(templeBand(part, stage.temple, sign), 'frontal', `frontal-temple-${i === 0 ? 'right' : 'left'}`)
        )
      })
      if (stage.vertex > 0) {
        const crown = circle(marks.crownWhorl, stage.vertex, stage.vertex * 1.15)
        holes.push(crown)
        zones.push(base(crown, 'crown'))
      }
      if (stage.bridge !== null) {
        const bridge = circle([0, -5], 45, 40)
        zones.push(base(bridge, 'mid-scalp', 'bridge'))
        hair.push({ id: 'bridge', polygon: bridge, holes: [], densityPerCm2: stage.bridge, featherMm: 12 })
      }
    }
    hair.unshift({ id: 'fringe', polygon: dilate(outline, 12), holes, densityPerCm2: FULL_HAIR, featherMm: 14 })
    zones.push(...hairlineZones(line, temples, base, density, shade))
  } else if (LUDWIG[id] || id === 'diffuse') {
    const spec = LUDWIG[id] ?? { hair: 45, rx: 62, ry: 90 }
    // centro-parietal thinning around the part, the frontal hairline preserved (DOMAIN §3.6)
    const thin = circle([0, 12], spec.rx, spec.ry)
    zones.push({ ...base(thin, 'density'), featherMm: 20 })
    hair.push({ id: 'hair', polygon: dilate(outline, 12), holes: [thin], densityPerCm2: FULL_HAIR, featherMm: 20 })
    hair.push({ id: 'thinning', polygon: thin, holes: [], densityPerCm2: spec.hair, featherMm: 20 })
  } else if (id === 'alopecia-areata') {
    // two to four round patches, placed by the seed within the scalp
    const rng = createRng(deriveSeed(seed, 'areata'))
    const patches: ChartPoint[][] = []
    const count = 2 + rng.int(3)
    for (let i = 0; i < count; i++) {
      // patches sit on hair-bearing scalp, clear of its edge
      let c: ChartPoint = marks.vertex
      const r = rng.range(14, 24)
      for (let attempt = 0; attempt < 50; attempt++) {
        const phi = rng.range(-PI, PI)
        const p = anglesToChart(head, polarForHeight(head, phi, rng.range(20, 110)), phi)
        c = [p.u, p.v]
        if (
          containsPoint(outline, c[0], c[1]) &&
          circle(c, r + 6, r + 6, 16).every((q) => containsPoint(outline, q[0], q[1]))
        )
          break
      }
      patches.push(circle(c, r, r * rng.range(0.8, 1.2)))
    }
    patches.forEach((p, i) => {
      zones.push({ ...base(p, 'density', `patch-${i + 1}`), featherMm: 8 })
    })
    hair.push({ id: 'hair', polygon: dilate(outline, 12), holes: patches, densityPerCm2: FULL_HAIR, featherMm: 8 })
  } else if (id === 'alopecia-totalis' || id === 'alopecia-universalis') {
    design.hairline = defaultHairline(sex, height, sex === 'male' ? 10 : 0)
    zones.push(base(outline, 'frontal', 'scalp'))
    const full = catmullRom(hairlineControlPoints(design.hairline, head, sex), 8)
    const phiFta = azimuthForBrowArc(head, FTA_LATERAL_MM[sex])
    const temples = [templePart(full, phiFta, 1), templePart(full, phiFta, -1).reverse()]
    zones.push(...hairlineZones(centralPart(full, phiFta), temples, base, density, shade))
  } else if (id === 'scar-fut') {
    // a strip across the occiput from behind one ear to the other, ~4 mm wide (DESIGN intake example)
    const strip = heightLoop(head, () => -8, TAU / 90).filter((p) => p[1] < -60)
    strip.sort((a, b) => a[0] - b[0])
    scars.push({ id: 'fut', kind: 'fut', polyline: strip, widthMm: 4 })
    zones.push({ ...base(bufferPolyline(strip, 4 + 12), 'scar'), featherMm: 8 })
    hair.push({ id: 'hair', polygon: dilate(outline, 12), holes: [], densityPerCm2: FULL_HAIR, featherMm: 8 })
  } else {
    // FUE: the donor band round the back between the ears, 1500 punches of 0.9 mm (DESIGN intake example)
    const donor = band(head, deg(122), deg(238), 10, -20)
    scars.push({ id: 'fue', kind: 'fue', polygon: donor, count: 1500, diameterMm: 0.9 })
    zones.push({ ...base(donor, 'scar'), featherMm: 10 })
    // extraction thins the donor area [assumption: ~25 % of follicles taken]
    hair.push({ id: 'hair', polygon: dilate(outline, 12), holes: [], densityPerCm2: FULL_HAIR, featherMm: 10 })
    hair.push({ id: 'donor', polygon: donor, holes: [], densityPerCm2: 64, featherMm: 10 })
  }
  design.zones = zones
  design.existingHair = hair
  design.scars = scars
  return design
}

const deg = (d: number) => (d * PI) / 180

/**
 * Finer, lighter dots in a 20 mm band behind the front of the hairline (DOMAIN §3.3: 1RL, smaller, lighter dots at
 * the front), and softer temples behind its temple stretches (DOMAIN §1.2: temporal density ~55 of 85 FU/cm²).
 */
function hairlineZones(
  line: readonly ChartPoint[],
  temples: readonly ChartPoint[][],
  base: (polygon: ChartPoint[], kind: Zone['kind'], id?: string) => Zone,
  density: number,
  shade: number
): Zone[] {
  const zones: Zone[] = [
    {
      ...base(
        frontBand(line, () => 20),
        'hairline'
      ),
      dotSizeMm: 0.12,
      shade: shade + 3,
    },
  ]
  temples.forEach((part, i) => {
    zones.push({
      ...base(templeBand(part, 16, i === 0 ? 1 : -1), 'temples', `temple-${i === 0 ? 'right' : 'left'}`),
      densityPerCm2: Math.round(density * 0.65),
      dotSizeMm: 0.11,
      shade: shade + 4,
      featherMm: 8,
    })
  })
  return zones
}

/** The outline pushed out by `by` chart mm along each vertex's ray from the vertex (the outline is star-shaped). */
function dilate(outline: readonly ChartPoint[], by: number): ChartPoint[] {
  return outline.map((p): ChartPoint => {
    const len = Math.sqrt(p[0] * p[0] + p[1] * p[1])
    return [p[0] * (1 + by / len), p[1] * (1 + by / len)]
  })
}

/** The band between heights hTop and hBottom (mm above the brow plane) over azimuths φ0…φ1. */
function band(head: HeadModel, phi0: number, phi1: number, hTop: number, hBottom: number): ChartPoint[] {
  const top: ChartPoint[] = []
  const bottom: ChartPoint[] = []
  const steps = 40
  for (let i = 0; i <= steps; i++) {
    const phi = phi0 + ((phi1 - phi0) * i) / steps
    const a = anglesToChart(head, polarForHeight(head, phi, hTop), phi)
    const b = anglesToChart(head, polarForHeight(head, phi, hBottom), phi)
    top.push([a.u, a.v])
    bottom.push([b.u, b.v])
  }
  return [...top, ...bottom.reverse()]
}
