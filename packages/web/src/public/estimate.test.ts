import { PRICE_LISTS } from '@stipple/domain'
import { describe, expect, it } from 'vitest'
import { estimate, PATTERNS } from './estimate.ts'

describe('estimate', () => {
  it('prices a pattern from the location price list: three sessions to four, tax included', () => {
    const e = estimate('nw5', 'toronto', false)
    const list = PRICE_LISTS.toronto
    expect(e?.currency).toBe('CAD')
    expect(e?.low).toBeCloseTo((list.packages['full-head'].amount * 1.13) / 100, 2)
    expect(e?.high).toBeCloseTo(((list.packages['full-head'].amount + list.extraSession) * 1.13) / 100, 2)
  })

  it('adds scar camouflage to a treatment but not to a scar-only package', () => {
    const plain = estimate('nw3', 'us', false)
    const scar = estimate('nw3', 'us', true)
    expect((scar?.low ?? 0) - (plain?.low ?? 0)).toBeCloseTo(PRICE_LISTS.us.scarAddOn / 100, 2)
    expect(estimate('scar', 'us', true)?.low).toBe(estimate('scar', 'us', false)?.low)
  })

  it('gives every pattern a range whose high end is above its low end, in every price list', () => {
    for (const list of ['toronto', 'us', 'uk'] as const) {
      for (const p of PATTERNS) {
        const e = estimate(p.id, list, false)
        expect(e, `${p.id} ${list}`).not.toBeNull()
        expect(e?.high ?? 0).toBeGreaterThan(e?.low ?? 0)
      }
    }
  })

  it('answers null for a pattern it does not know', () => {
    expect(estimate('nw99', 'uk', false)).toBeNull()
  })
})
