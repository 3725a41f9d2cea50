import { PRICE_LISTS, parseDesignDocument, placeDesign, planDesign, toDesign } from '@stipple/domain'
import { describe, expect, it } from 'vitest'
import { storedQuote } from './quote-record.ts'

const quote = (overrides: Partial<Parameters<typeof storedQuote>[0]> = {}) => ({
  currency: 'CAD',
  priceList: 'toronto',
  subtotal: 2600.1,
  total: 2938.11,
  lines: [
    { label: 'Crown', amount: 2600.1 },
    { label: 'HST (Ontario) 13%', amount: 338.01 },
  ],
  later: [{ label: 'Touch-up', amount: 550 }],
  notes: ['Ontario HST (13%) is shown as its own line and included in the total.'],
  ...overrides,
})

describe('storedQuote', () => {
  it('turns every amount into whole minor units, with the total the sum of the lines', () => {
    const stored = storedQuote(quote())
    expect(stored.currency).toBe('CAD')
    expect(stored.document.lines.map((l) => l.amountMinor)).toEqual([260_010, 33_801])
    expect(stored.totalMinor).toBe(293_811)
    expect(stored.document.subtotalMinor).toBe(260_010)
    expect(stored.document.later).toEqual([{ label: 'Touch-up', amountMinor: 55_000 }])
  })

  it('keeps binary fractions out: 0.1 + 0.2 style amounts still add up to the cent', () => {
    const stored = storedQuote(quote({ lines: [0.1, 0.2, 1.15, 4.35].map((amount) => ({ label: 'x', amount })) }))
    expect(stored.document.lines.map((l) => l.amountMinor)).toEqual([10, 20, 115, 435])
    expect(stored.totalMinor).toBe(580)
  })

  it("matches the domain's own total for every price list", () => {
    for (const id of Object.keys(PRICE_LISTS) as (keyof typeof PRICE_LISTS)[]) {
      const doc = parseDesignDocument(JSON.parse(JSON.stringify(FIXTURE)))
      if (!doc.success) throw new Error('fixture')
      const { quote: q } = planDesign(placeDesign(toDesign(doc.data)), id)
      expect(storedQuote(q).totalMinor).toBe(Math.round(q.total * 100))
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
