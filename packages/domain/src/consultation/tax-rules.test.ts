import { describe, expect, it } from 'vitest'
import { estimateAtLocation } from './estimate.ts'
import { PRICE_LISTS } from './price-lists.ts'
import { buildQuoteMinor, majorQuote } from './quote.ts'
import { defaultTaxRules, TaxRulesSchema, taxNoteOf, treatmentTaxMinor } from './tax-rules.ts'

const ONTARIO = defaultTaxRules({ country: 'CA', region: 'ON' })
const BC = defaultTaxRules({ country: 'ca', region: 'bc' })
const input = { package: 'crown' as const, scarAddOn: true, sessionCount: 4, removalSessions: { min: 1, max: 3 } }

describe('taxes per location', () => {
  it('starts Ontario with HST 13 % and British Columbia with GST 5 % on treatment and PST 7 % on goods', () => {
    expect(ONTARIO.map((r) => [r.code, r.basisPoints, r.appliesTo])).toEqual([['HST', 1300, ['treatment', 'goods']]])
    expect(BC.map((r) => [r.code, r.basisPoints, r.appliesTo])).toEqual([
      ['GST', 500, ['treatment', 'goods']],
      ['PST', 700, ['goods']],
    ])
    expect(defaultTaxRules({ country: 'GB' }).map((r) => r.code)).toEqual(['VAT'])
    expect(defaultTaxRules({ country: 'US', region: 'NY' })).toEqual([])
    // copies: changing one location's rules never changes another's
    const a = defaultTaxRules({ country: 'CA', region: 'ON' })
    a[0]?.appliesTo.pop()
    expect(defaultTaxRules({ country: 'CA', region: 'ON' })[0]?.appliesTo).toEqual(['treatment', 'goods'])
  })

  it('adds a line per tax on treatment to the quote, by hand: crown 2,600 + scar 800 + 4th session 550 = 3,950', () => {
    const on = majorQuote(buildQuoteMinor(PRICE_LISTS.toronto, input, ONTARIO))
    expect(on.subtotal).toBe(3950)
    expect(on.lines.at(-1)).toEqual({ label: 'HST (Ontario) 13%', amount: 513.5 })
    expect(on.total).toBe(4463.5)
    const bc = majorQuote(buildQuoteMinor(PRICE_LISTS.toronto, input, BC))
    expect(bc.lines.at(-1)).toEqual({ label: 'GST 5%', amount: 197.5 })
    expect(bc.total).toBe(4147.5)
    expect(bc.lines.filter((l) => l.label.startsWith('PST'))).toEqual([])
    expect(bc.notes[0]).toBe(taxNoteOf(BC))
    // the lines add up to the total, tax included
    for (const q of [on, bc]) expect(q.lines.reduce((a, l) => a + l.amount, 0)).toBeCloseTo(q.total, 2)
  })

  it('rounds each tax half-up to the cent and a location without taxes keeps its price list’s note', () => {
    expect(treatmentTaxMinor(1_005, [{ code: 'GST', label: 'GST', basisPoints: 500, appliesTo: ['treatment'] }])).toBe(
      50
    )
    expect(treatmentTaxMinor(1_010, [{ code: 'GST', label: 'GST', basisPoints: 500, appliesTo: ['treatment'] }])).toBe(
      51
    )
    const none = majorQuote(buildQuoteMinor(PRICE_LISTS.uk, input, []))
    expect(none.total).toBe(none.subtotal)
    expect(none.notes[0]).toBe(PRICE_LISTS.uk.taxNote)
  })

  it('prices the estimator with the same arithmetic as the quote', () => {
    const on = estimateAtLocation('toronto', ONTARIO)
    const bc = estimateAtLocation('toronto', BC)
    const nw4 = (e: typeof on) => e.patterns.find((p) => p.patternId === 'nw4')
    expect(nw4(on)?.withScar.highMinor).toBe(buildQuoteMinor(PRICE_LISTS.toronto, input, ONTARIO).totalMinor)
    expect(nw4(bc)?.withScar.highMinor).toBe(buildQuoteMinor(PRICE_LISTS.toronto, input, BC).totalMinor)
    expect(on.patterns).toHaveLength(12)
    for (const p of on.patterns) expect(p.range.highMinor).toBeGreaterThan(p.range.lowMinor)
    const scar = on.patterns.find((p) => p.patternId === 'scar')
    expect(scar?.withScar).toEqual(scar?.range)
  })

  it('refuses rules a quote could not use, naming the rule and the field', () => {
    const bad = TaxRulesSchema.safeParse([
      { code: 'HST', label: 'HST', basisPoints: 1300, appliesTo: ['treatment'] },
      { code: 'HST', label: 'again', basisPoints: 0, appliesTo: ['services'] },
    ])
    expect(bad.success).toBe(false)
    const paths = bad.error?.issues.map((i) => i.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['1.basisPoints', '1.appliesTo.0']))
    expect(TaxRulesSchema.safeParse(BC).success).toBe(true)
  })
})
