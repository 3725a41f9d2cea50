import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { containsPoint } from '../geometry/polygon.ts'
import {
  areaElementAt,
  chartToSurface,
  createHead,
  DEFAULT_HEAD,
  ellipsePerimeter,
  metricAt,
  surfaceToChart,
} from './head.ts'
import { landmarks, scalpOutline } from './landmarks.ts'

const male = createHead(DEFAULT_HEAD.male)

function scalpArea(sex: 'male' | 'female'): number {
  const head = createHead(DEFAULT_HEAD[sex])
  const outline = scalpOutline(head, sex)
  let area = 0
  for (let u = -260; u < 260; u += 1)
    for (let v = -260; v < 200; v += 1)
      if (containsPoint(outline, u + 0.5, v + 0.5)) area += areaElementAt(head, u + 0.5, v + 0.5)
  return area / 100
}

describe('head model', () => {
  it('reproduces its tape measurements', () => {
    expect(ellipsePerimeter(male.a, male.b)).toBeCloseTo(DEFAULT_HEAD.male.circumferenceMm, 6)
  })

  it('measures a full adult scalp at about 500 cm² on the curved surface (DOMAIN §1.1)', () => {
    expect(scalpArea('male')).toBeGreaterThan(470)
    expect(scalpArea('male')).toBeLessThan(530)
    expect(scalpArea('female')).toBeLessThan(scalpArea('male'))
  })

  it('maps chart ↔ surface exactly both ways', () => {
    const p = new Float64Array(3)
    fc.assert(
      fc.property(
        fc.double({ min: -200, max: 200, noNaN: true }),
        fc.double({ min: -200, max: 200, noNaN: true }),
        (u, v) => {
          chartToSurface(male, u, v, p)
          const back = surfaceToChart(male, p[0], p[1], p[2])
          // within 5e-6 mm (5 nm): at the pole a chart point 5e-7 mm from the centre comes back as 0, exactly at the
          // edge of 6 decimals, so a random run could fail on a difference far below any dot's size
          expect(back.u).toBeCloseTo(u, 5)
          expect(back.v).toBeCloseTo(v, 5)
        }
      )
    )
  })

  it('gives a metric that measures surface lengths of small chart steps', () => {
    const a = new Float64Array(3)
    const b = new Float64Array(3)
    const g = new Float64Array(3)
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -180, max: 150, noNaN: true }),
        fc.double({ min: 0, max: 6.28, noNaN: true }),
        (u, v, t) => {
          const du = 0.01 * Math.cos(t)
          const dv = 0.01 * Math.sin(t)
          chartToSurface(male, u, v, a)
          chartToSurface(male, u + du, v + dv, b)
          const chord = Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2])
          metricAt(male, u, v, g)
          const predicted = Math.sqrt(g[0] * du * du + 2 * g[1] * du * dv + g[2] * dv * dv)
          expect(Math.abs(chord - predicted) / predicted).toBeLessThan(1e-3)
        }
      )
    )
  })

  it('places the landmarks where DOMAIN §3 puts them', () => {
    const m = landmarks(male, 'male')
    expect(m.midFrontal[0]).toBeCloseTo(0, 6)
    expect(m.glabella[1]).toBeGreaterThan(m.midFrontal[1]) // glabella lies in front of (below) the hairline
    expect(m.frontotemporal[0][0]).toBeGreaterThan(0) // client's right is +u
    expect(m.frontotemporal[1][0]).toBeCloseTo(-m.frontotemporal[0][0], 6)
    expect(m.crownWhorl[1]).toBeLessThan(0) // behind the vertex
    expect(m.crownWhorl[0]).toBeLessThan(0) // slightly left in most people [WHORL-T]
    expect(m.occipital[1]).toBeLessThan(m.crownWhorl[1])
  })
})
