// Named landmarks and the outline of the hair-bearing scalp, on the chart of a given head.

import { catmullRomClosed } from '../geometry/spline.ts'
import { HALF_PI, PI } from '../math/det-math.ts'
import type { ChartPoint } from '../model/design.ts'
import { anglesToChart, azimuthForBrowArc, frontalToChart, type HeadModel, polarForHeight, type Sex } from './head.ts'

export interface Landmarks {
  glabella: ChartPoint
  /** Mid-frontal point of a mature hairline at the default height (DOMAIN: male 80 mm [GARG17], female 60 mm [QOVES]). */
  midFrontal: ChartPoint
  /** Frontotemporal points, client's right then left: 80 mm lateral along the brow, level with the MFP [GARG17]. */
  frontotemporal: [ChartPoint, ChartPoint]
  /** Temporal peaks, ~5 cm below the frontotemporal points towards the lateral canthus [GARG17]. */
  temporalPeaks: [ChartPoint, ChartPoint]
  vertex: ChartPoint
  /** Crown whorl: behind the vertex, slightly left of the midline in most people (56 % left [WHORL-T]). */
  crownWhorl: ChartPoint
  /** Ear canals (tragion), client's right then left. */
  ears: [ChartPoint, ChartPoint]
  /** External occipital protuberance (inion). */
  occipital: ChartPoint
}

const toPoint = (p: { u: number; v: number }): ChartPoint => [p.u, p.v]

/** Default mid-frontal height above glabella by sex, mm (DOMAIN §0). */
export const DEFAULT_HAIRLINE_HEIGHT_MM: Readonly<Record<Sex, number>> = { male: 80, female: 60 }

export function landmarks(head: HeadModel, sex: Sex): Landmarks {
  const h = DEFAULT_HAIRLINE_HEIGHT_MM[sex]
  const lateral = sex === 'male' ? 80 : 72
  return {
    glabella: toPoint(frontalToChart(head, 0, 0)),
    midFrontal: toPoint(frontalToChart(head, 0, h)),
    frontotemporal: [toPoint(frontalToChart(head, lateral, h)), toPoint(frontalToChart(head, -lateral, h))],
    temporalPeaks: [
      toPoint(frontalToChart(head, lateral + 8, h - 50)),
      toPoint(frontalToChart(head, -lateral - 8, h - 50)),
    ],
    vertex: [0, 0],
    crownWhorl: [-8, -0.42 * head.k],
    ears: [
      toPoint(anglesToChart(head, polarForHeight(head, HALF_PI, -20), HALF_PI)),
      toPoint(anglesToChart(head, polarForHeight(head, -HALF_PI, -20), -HALF_PI)),
    ],
    occipital: toPoint(anglesToChart(head, HALF_PI, PI)),
  }
}

/**
 * Knots of the hair-bearing scalp's outline for one side, as [azimuth source, height]: a number below 10 is an
 * azimuth in radians, otherwise... — kept explicit instead: each knot is either a brow arc `s` or an azimuth `phi`.
 * Heights are mm above the brow plane along the meridian. [assumption] Tuned so that a default adult head has a
 * hair-bearing scalp of ≈ 500 cm² (DOMAIN §1.1 [BR97]).
 */
type Knot = { s: number; h: number } | { phi: number; h: number }
const deg = (d: number) => (d * PI) / 180

function outlineKnots(sex: Sex): Knot[] {
  const front = sex === 'male' ? 66 : 58
  return [
    { s: 0, h: front },
    { s: 30, h: front - 1 },
    { s: 55, h: front - 3 },
    { s: 75, h: front - 6 },
    { s: 88, h: front - 26 },
    { s: 98, h: 10 },
    { phi: deg(68), h: 2 },
    { phi: deg(78), h: 10 },
    { phi: deg(90), h: 18 },
    { phi: deg(102), h: 12 },
    { phi: deg(114), h: -10 },
    { phi: deg(132), h: -22 },
    { phi: deg(156), h: -30 },
  ]
}

/** Closed outline of the hair-bearing scalp on the chart (counter-clockwise, about 4° per vertex). */
export function scalpOutline(head: HeadModel, sex: Sex): ChartPoint[] {
  const right: ChartPoint[] = outlineKnots(sex).map((knot) => {
    const phi = 'phi' in knot ? knot.phi : azimuthForBrowArc(head, knot.s)
    return toPoint(anglesToChart(head, polarForHeight(head, phi, knot.h), phi))
  })
  const back = toPoint(anglesToChart(head, polarForHeight(head, PI, sex === 'male' ? -34 : -32), PI))
  // right side from the front round to the back, then the left side mirrored back to the front
  const left = right
    .slice(1)
    .reverse()
    .map((p): ChartPoint => [-p[0], p[1]])
  const loop = [...right, back, ...left]
  return catmullRomClosed(loop, 6)
}
