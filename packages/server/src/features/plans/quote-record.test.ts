import {
  defaultTaxRules,
  majorQuote,
  PRICE_LISTS,
  parseDesignDocument,
  placeDesign,
  planDesign,
  toDesign,
} from '@stipple/domain'
import { describe, expect, it } from 'vitest'
import { storedQuote } from './quote-record.ts'

const quote = (overrides: Partial<Parameters<typeof storedQuote>[0]> = {}) => ({
  currency: 'CAD',
  priceList: 'toronto',
  subtotalMinor: 260_010,
  totalMinor: 293_811,
  lines: [
    { label: 'Crown', amountMinor: 260_010 },
    { label: 'HST (Ontario) 13%', amountMinor: 33_801 },
  ],
  later: [{ label: 'Touch-up', amountMinor: 55_000 }],
  notes: ['Ontario HST (13%) is shown as its own line and included in the total.'],
  ...overrides,
})

describe('storedQuote', () => {
  it('keeps every amount in the minor units the domain summed them in, lines, total and later prices', () => {
    const stored = storedQuote(quote())
    expect(stored.currency).toBe('CAD')
    expect(stored.document.lines.map((l) => l.amountMinor)).toEqual([260_010, 33_801])
    expect(stored.totalMinor).toBe(293_811)
    expect(stored.document.subtotalMinor).toBe(260_010)
    expect(stored.document.later).toEqual([{ label: 'Touch-up', amountMinor: 55_000 }])
    expect(stored.document.notes).toEqual(['Ontario HST (13%) is shown as its own line and included in the total.'])
  })

  it("matches the domain's own total for every price list and every location's taxes, in whole minor units", () => {
    const doc = parseDesignDocument(JSON.parse(JSON.stringify(FIXTURE)))
    if (!doc.success) throw new Error('fixture')
    const placed = placeDesign(toDesign(doc.data))
    for (const id of Object.keys(PRICE_LISTS) as (keyof typeof PRICE_LISTS)[]) {
      for (const region of ['ON', 'BC'] as const) {
        const { quote: q } = planDesign(placed, id, defaultTaxRules({ country: 'CA', region }))
        const stored = storedQuote(q)
        expect(stored.totalMinor).toBe(q.totalMinor)
        expect(stored.totalMinor).toBe(stored.document.lines.reduce((sum, l) => sum + l.amountMinor, 0))
        for (const l of [...stored.document.lines, ...stored.document.later])
          expect(Number.isInteger(l.amountMinor)).toBe(true)
        // the major-unit view DESIGN.md's JSON prints is this, divided by 100 once
        expect(majorQuote(q).total).toBe(stored.totalMinor / 100)
      }
    }
  })
})

const FIXTURE = {
  schema: 'stipple.design/v1',
  seed: 3,
  region: 'scalp',
  head: { sex: 'male', circumferenceMm: 570, earToEarMm: 340, glabellaInionMm: 330 },
  hairline: null,
  zones: [
    {
      id: 'crown',
      kind: 'crown',
      polygon: [
        [-30, -60],
        [30, -60],
        [30, -10],
        [-30, -10],
      ],
      densityPerCm2: 60,
      dotSizeMm: 0.18,
      shade: 35,
      featherMm: 4,
    },
  ],
  existingHair: [],
  scars: [
    {
      id: 'strip',
      kind: 'fut',
      polyline: [
        [-40, -90],
        [40, -90],
      ],
      widthMm: 3,
    },
  ],
  sessions: [
    { share: 0.5, needle: '1RL 0.20', dilution: '1:25', shadeOffset: 2 },
    { share: 0.5, needle: '1RL 0.20', dilution: '1:20', shadeOffset: 0 },
  ],
  skin: { fitzpatrick: 3, sunExposure: 'moderate', kind: 'normal' },
  pigment: { depthMm: 1 },
  crown: { center: [0, -40], clockwise: true },
}
