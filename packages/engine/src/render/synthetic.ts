// Synthetic designs, dots and hair for the renderer's tests, goldens and benchmarks, independent of dot placement:
// a jittered lattice over a chart disc or ring, dots dealt to sessions by their shares.

import { createRng, deriveSeed } from '../math/rng.ts'
import type { Design, SessionSpec } from '../model/design.ts'
import { allocateDots, type DotBuffer } from '../model/dots.ts'
import { buildDensityField } from '../placement/density-field.ts'
import type { Placement } from '../placement/place-dots.ts'
import { createHead, DEFAULT_HEAD } from '../scalp/head.ts'
import type { HairPoints } from './hair.ts'

const SESSIONS: readonly SessionSpec[] = [
  { share: 0.4, needle: '1RL 0.20', dilution: '1:25', shadeOffset: 1 },
  { share: 0.35, needle: '3RL 0.25', dilution: '1:25', shadeOffset: 0 },
  { share: 0.25, needle: '3RL 0.25', dilution: '1:25', shadeOffset: 0 },
]

/** @internal A plain three-session design with DOMAIN's defaults (Fitzpatrick III, moderate sun, depth 1 mm). */
export function syntheticDesign(overrides: Partial<Design> = {}): Design {
  return {
    seed: 7,
    region: 'scalp',
    head: { sex: 'male', ...DEFAULT_HEAD.male },
    hairline: null,
    zones: [
      {
        id: 'top',
        kind: 'mid-scalp',
        polygon: [
          [-150, -150],
          [150, -150],
          [150, 150],
          [-150, 150],
        ],
        densityPerCm2: 85,
        dotSizeMm: 0.15,
        shade: 35,
        featherMm: 5,
      },
    ],
    existingHair: [],
    scars: [],
    sessions: SESSIONS,
    skin: { fitzpatrick: 3, sunExposure: 'moderate', kind: 'normal' },
    pigment: { depthMm: 1 },
    crown: { center: [-8, -45], clockwise: true },
    ...overrides,
  }
}

export interface LatticeOptions {
  seed: number
  /** Chart centre of the disc or ring, mm. */
  center: readonly [number, number]
  /** Dots inside rInner ≤ distance < rOuter from the centre, mm. */
  rInner: number
  rOuter: number
  /** Dots per cm² of chart. */
  density: number
  diameterMm: number
  shade: number
  /** Shares of the dots per session (summing to 1). */
  shares: readonly number[]
}

/** @internal A jittered lattice of dots over a chart disc or ring, dealt to sessions by share. */
export function latticeDots(o: LatticeOptions): DotBuffer {
  const rng = createRng(deriveSeed(o.seed, 'lattice'))
  const step = 10 / Math.sqrt(o.density)
  const n = Math.ceil(o.rOuter / step)
  const cap = (2 * n + 1) * (2 * n + 1)
  const tmp = allocateDots(cap)
  let count = 0
  for (let j = -n; j <= n; j++) {
    for (let i = -n; i <= n; i++) {
      const x = i * step + (rng.next() - 0.5) * 0.7 * step
      const y = j * step + (rng.next() - 0.5) * 0.7 * step
      const r = Math.hypot(x, y)
      const pick = rng.next()
      const size = 0.85 + 0.3 * rng.next()
      if (r < o.rInner || r >= o.rOuter) continue
      tmp.x[count] = o.center[0] + x
      tmp.y[count] = o.center[1] + y
      tmp.diameter[count] = o.diameterMm * size
      tmp.shade[count] = o.shade
      let s = 0
      let acc = o.shares[0]
      while (pick >= acc && s < o.shares.length - 1) acc += o.shares[++s]
      tmp.session[count] = s
      tmp.zone[count] = 0
      count++
    }
  }
  const out = allocateDots(count)
  out.x.set(tmp.x.subarray(0, count))
  out.y.set(tmp.y.subarray(0, count))
  out.diameter.set(tmp.diameter.subarray(0, count))
  out.shade.set(tmp.shade.subarray(0, count))
  out.session.set(tmp.session.subarray(0, count))
  out.zone.set(tmp.zone.subarray(0, count))
  return out
}

/** @internal Hair follicles on a jittered lattice over a chart ring. */
export function latticeHair(seed: number, rInner: number, rOuter: number, density: number): HairPoints {
  const d = latticeDots({
    seed: seed ^ 0x51ed27,
    center: [0, 0],
    rInner,
    rOuter,
    density,
    diameterMm: 0.1,
    shade: 0,
    shares: [1],
  })
  return { count: d.count, x: d.x, y: d.y }
}

/** @internal No hair. */
export const NO_HAIR: HairPoints = { count: 0, x: new Float32Array(0), y: new Float32Array(0) }

/**
 * @internal A placement of `design` holding the given synthetic dots and hair instead of placed ones (the renderer's
 * tests, goldens and benchmarks, independent of dot placement); its density field is a single empty cell.
 */
export function syntheticPlacement(design: Design, dots: DotBuffer, hair: HairPoints = NO_HAIR): Placement {
  const head = createHead(design.head)
  const sessionCounts = design.sessions.map(() => 0)
  for (let i = 0; i < dots.count; i++) sessionCounts[dots.session[i]] = (sessionCounts[dots.session[i]] ?? 0) + 1
  return {
    ok: true,
    design,
    dots,
    radius: new Float32Array(dots.count),
    hair,
    field: buildDensityField(design, head, { x0: 0, y0: 0, cell: 1, cols: 1, rows: 1 }),
    head,
    sessionCounts,
    punches: 0,
  }
}
