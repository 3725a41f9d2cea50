import { describe, expect, it } from 'vitest'
import type { Intake } from '../intake/intake.schema.ts'
import { ESTIMATE_PATTERNS, type EstimatePatternId, estimateAtLocation, estimatePackage } from './estimate.ts'
import { PRICE_LISTS } from './price-lists.ts'
import { buildQuoteMinor, packageForIntake, packageForStage } from './quote.ts'
import { defaultTaxRules } from './tax-rules.ts'

const ONTARIO = defaultTaxRules({ country: 'CA', region: 'ON' })
const ids = Object.keys(ESTIMATE_PATTERNS) as EstimatePatternId[]
const removalSessions = { min: 1, max: 3 }

describe('the estimate beside the quote', () => {
  it('gives each pattern the package a consultation with that stage is quoted at', () => {
    const expected: Record<EstimatePatternId, string> = {
      nw2: 'hairline',
      nw3: 'hairline',
      nw3v: 'crown',
      nw4: 'crown',
      nw5: 'full-head',
      nw6: 'full-head',
      nw7: 'full-head',
      lw1: 'hairline',
      lw2: 'crown',
      lw3: 'full-head',
      alopecia: 'full-head',
      scar: 'scar',
    }
    for (const id of ids) {
      const p = ESTIMATE_PATTERNS[id]
      const intake = { hairLoss: p.hairLoss, scars: p.scars ? [{ kind: 'fue', count: 800 }] : [] } as unknown as Intake
      // an area that would pick another package if the stage were ignored
      expect(packageForIntake(intake, 1)).toBe(estimatePackage(id))
      expect(estimatePackage(id)).toBe(expected[id])
    }
  })

  it('has no stage for patterns the treated area decides', () => {
    expect(packageForStage({ scale: 'diffuse' }, false)).toBeNull()
    expect(packageForStage({ scale: 'alopecia-areata' }, true)).toBeNull()
    expect(packageForStage({ scale: 'none' }, false)).toBe('hairline')
  })

  it('prices every range as the quote totals three and four sessions, tax included', () => {
    for (const [priceList, rules] of [
      ['toronto', ONTARIO],
      ['uk', []],
    ] as const) {
      const estimate = estimateAtLocation(priceList, rules)
      for (const p of estimate.patterns) {
        const pkg = estimatePackage(p.patternId)
        const total = (scarAddOn: boolean, sessionCount: number) =>
          buildQuoteMinor(PRICE_LISTS[priceList], { package: pkg, scarAddOn, sessionCount, removalSessions }, rules)
            .totalMinor
        expect(p.range.lowMinor).toBe(total(false, 3))
        expect(p.range.highMinor).toBe(total(false, 4))
        expect(p.withScar.highMinor).toBe(total(true, 4))
      }
    }
  })

  it('adds the location’s tax to the touch-up, rounded to the cent: 550 + 13 % = 621.50', () => {
    expect(estimateAtLocation('toronto', ONTARIO).touchUpMinor).toBe(62_150)
    expect(estimateAtLocation('toronto', []).touchUpMinor).toBe(55_000)
  })
})
