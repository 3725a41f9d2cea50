import { describe, expect, it } from 'vitest'
import type { Skin } from '../model/design.ts'
import { dotStateAt, fadeTimeConstant, HEALED_DARKNESS, longevity, spreadAfter, TAU_DEFAULT_YEARS } from './time.ts'

const typical: Skin = { fitzpatrick: 3, sunExposure: 'moderate', kind: 'normal' }
const depth = { depthMm: 1 }

describe('fading and longevity', () => {
  it('gives the reference client τ = 10 y and a touch-up near 3.6 y (DOMAIN §0)', () => {
    expect(fadeTimeConstant(typical, depth)).toBe(TAU_DEFAULT_YEARS)
    expect(longevity(typical, depth).touchUpAfterYears).toBeCloseTo(3.6, 1)
  })

  it('lands the typical client (III, moderate sun, normal skin) in the clinics’ figures', () => {
    const l = longevity(typical, depth)
    expect(l.touchUpAfterYears).toBeGreaterThanOrEqual(2)
    expect(l.touchUpAfterYears).toBeLessThanOrEqual(4)
    expect(l.visibleYears).toBeGreaterThanOrEqual(4)
    expect(l.visibleYears).toBeLessThanOrEqual(8)
  })

  it('moves the right way with sun, skin type, oily skin and depth', () => {
    const at = (s: Partial<Skin>, d = 1) => longevity({ ...typical, ...s }, { depthMm: d }).touchUpAfterYears
    expect(at({ sunExposure: 'high' })).toBeLessThan(at({ sunExposure: 'moderate' }))
    expect(at({ sunExposure: 'moderate' })).toBeLessThan(at({ sunExposure: 'low' }))
    expect(at({ kind: 'oily' })).toBeLessThan(at({ kind: 'normal' }))
    expect(at({ fitzpatrick: 2 })).toBeLessThan(at({ fitzpatrick: 5 }))
    expect(at({}, 0.4)).toBeLessThan(at({}, 1))
  })

  it('keeps τ inside DOMAIN’s 6–20 y for every skin', () => {
    for (let f = 1; f <= 6; f++)
      for (const sunExposure of ['low', 'moderate', 'high'] as const)
        for (const kind of ['normal', 'oily', 'dry'] as const)
          for (const d of [0.3, 1, 2]) {
            const tau = fadeTimeConstant({ fitzpatrick: f, sunExposure, kind }, { depthMm: d })
            expect(tau).toBeGreaterThanOrEqual(6)
            expect(tau).toBeLessThanOrEqual(20)
          }
  })
})

describe('a dot over time', () => {
  const state = (days: number) => {
    const out = [0, 0, 0, 0]
    dotStateAt(days, 10, typical, 1, out)
    return out
  }

  it('is larger, darker and red-haloed when fresh, and keeps 0.65 of the darkness healed', () => {
    const fresh = state(1)
    const healed = state(28)
    expect(fresh[0]).toBeCloseTo(2.5)
    expect(healed[0]).toBe(1)
    expect(healed[1] / fresh[1]).toBeCloseTo(HEALED_DARKNESS)
    expect(fresh[3]).toBeGreaterThan(0)
    expect(healed[3]).toBe(0)
  })

  it('gets lighter and softer every year, and spreads by a bounded amount', () => {
    let prev = state(28)
    for (let y = 1; y <= 15; y++) {
      const s = state(28 + y * 365.25)
      expect(s[1] * s[0] * s[0]).toBeLessThan(prev[1] * prev[0] * prev[0])
      expect(s[1]).toBeLessThan(prev[1])
      expect(s[2]).toBeGreaterThan(prev[2])
      expect(s[0]).toBeGreaterThanOrEqual(prev[0])
      expect(s[0]).toBeLessThanOrEqual(1.2)
      prev = s
    }
    expect(spreadAfter(1, typical)).toBeGreaterThan(1.09)
    expect(spreadAfter(50, { ...typical, kind: 'oily' })).toBeLessThanOrEqual(1.2)
  })
})
