import { describe, expect, it } from 'vitest'
import { placeDots } from '../placement/place-dots.ts'
import { PRESET_IDS, presetDesign } from './presets.ts'

/** Bald area of a preset: scalp where dots are due and less than half the hair is left, cm². */
function baldArea(id: (typeof PRESET_IDS)[number]): number {
  const r = placeDots(presetDesign(id, { seed: 5 }))
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'))
  const f = r.field
  let area = 0
  for (let i = 0; i < f.density.length; i++)
    if (f.density[i] > 0 && f.hair[i] < 85 / 2) area += f.area[i] * f.cell * f.cell
  return area / 100
}

describe('Norwood presets', () => {
  // DOMAIN §3.5 "bald area by class" [assumption there, calibrated here]
  const table: [(typeof PRESET_IDS)[number], number, number][] = [
    ['norwood-2', 10, 20],
    ['norwood-3', 30, 50],
    ['norwood-4', 80, 120],
    ['norwood-5', 150, 200],
    ['norwood-6', 220, 280],
    ['norwood-7', 300, 375],
  ]
  for (const [id, lo, hi] of table) {
    it(`${id} leaves a bald area of ${lo}–${hi} cm²`, () => {
      const a = baldArea(id)
      expect(a).toBeGreaterThanOrEqual(lo)
      expect(a).toBeLessThanOrEqual(hi)
    })
  }

  it('grows with the class, the A variants and the vertex variant included', () => {
    const order = [
      'norwood-2',
      'norwood-3',
      'norwood-3a',
      'norwood-4a',
      'norwood-5a',
      'norwood-6',
      'norwood-7',
    ] as const
    const areas = order.map(baldArea)
    for (let i = 1; i < areas.length; i++) expect(areas[i]).toBeGreaterThan(areas[i - 1] ?? 0)
    expect(baldArea('norwood-3-vertex')).toBeGreaterThan(baldArea('norwood-3'))
  })

  it('keeps the temple points open: no dots ahead of the designed hairline beyond the sentinels', () => {
    const r = placeDots(presetDesign('norwood-5a', { seed: 2 }))
    if (!r.ok) throw new Error('placement failed')
    for (let k = 0; k < r.dots.count; k++) {
      const li =
        Math.floor((r.dots.y[k] - r.field.y0) / r.field.cell) * r.field.cols +
        Math.floor((r.dots.x[k] - r.field.x0) / r.field.cell)
      expect(r.field.front[li]).toBeGreaterThan(-8)
    }
  })
})

describe('every preset', () => {
  it('builds a design for both sexes with a seed of its own', () => {
    for (const id of PRESET_IDS) {
      for (const sex of ['male', 'female'] as const) {
        const d = presetDesign(id, { sex, seed: 11 })
        expect(d.seed).toBe(11)
        expect(d.head.sex).toBe(sex)
        expect(d.zones.length).toBeGreaterThan(0)
        expect(d.sessions.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 9)
      }
    }
  })
})
