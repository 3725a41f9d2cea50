import { describe, expect, it } from 'vitest'
import { linearRgbToLab, luminance } from './color.ts'
import { dotOptics, parseDilution, pigmentConcentration } from './pigment.ts'
import { skinLinearRgb } from './skin-palette.ts'

/** Contrast (1 − dot/skin luminance), Δb* against a neutral grey of the same luminance, and σ of a healed dot. */
function look(fitzpatrick: number, depthMm: number, shade = 35, water = 25) {
  const s = [0, 0, 0]
  const o = [0, 0, 0, 0]
  skinLinearRgb(fitzpatrick, s)
  dotOptics(s[0], s[1], s[2], depthMm, pigmentConcentration(shade, water), o)
  const r = s[0] * (1 - o[0])
  const g = s[1] * (1 - o[1])
  const b = s[2] * (1 - o[2])
  const y = luminance(r, g, b) / luminance(s[0], s[1], s[2])
  const lab = [0, 0, 0]
  const grey = [0, 0, 0]
  linearRgbToLab(r, g, b, lab)
  linearRgbToLab(s[0] * y, s[1] * y, s[2] * y, grey)
  return { contrast: 1 - y, db: lab[2] - grey[2], sigma: o[3] }
}

describe('pigment optics', () => {
  it('parses dilutions and maps darker shades and less water to more pigment', () => {
    expect(parseDilution('1:25')).toBe(25)
    expect(parseDilution('2:30')).toBe(15)
    expect(parseDilution('one to 25')).toBeNull()
    expect(pigmentConcentration(20, 25)).toBeGreaterThan(pigmentConcentration(40, 25))
    expect(pigmentConcentration(40, 25)).toBeGreaterThan(pigmentConcentration(60, 25))
    expect(pigmentConcentration(40, 20)).toBeGreaterThan(pigmentConcentration(40, 30))
  })

  it('darkens more with more concentration', () => {
    expect(look(3, 1, 20).contrast).toBeGreaterThan(look(3, 1, 40).contrast)
    expect(look(3, 1, 40).contrast).toBeGreaterThan(look(3, 1, 60).contrast)
    expect(look(3, 1, 60).contrast).toBeGreaterThan(0)
  })

  it('keeps correctly placed carbon slightly cool: Δb* in −2…−6 (DOMAIN §2.7)', () => {
    for (const f of [1, 2, 3, 4, 5, 6]) {
      for (const d of [0.5, 1, 1.5]) {
        const { db } = look(f, d)
        expect(db).toBeLessThan(-2)
        expect(db).toBeGreaterThan(-6)
      }
    }
  })

  it('turns bluer and blurrier with depth, strongly once blown out past 1.5 mm', () => {
    const depths = [0.5, 0.8, 1, 1.2, 1.5, 1.8, 2.2]
    for (let i = 1; i < depths.length; i++) {
      const a = look(3, depths[i - 1])
      const b = look(3, depths[i])
      expect(b.db).toBeLessThan(a.db)
      expect(b.sigma).toBeGreaterThan(a.sigma)
    }
    expect(look(3, 2).db).toBeLessThan(-8)
    expect(look(3, 2).sigma).toBeGreaterThan(3 * look(3, 1).sigma)
  })

  it('has lower contrast on dark skin than on light skin (DOMAIN §4.3 [BT-MEL])', () => {
    expect(look(6, 1).contrast).toBeLessThan(look(1, 1).contrast - 0.05)
    for (let f = 2; f <= 6; f++) expect(look(f, 1).contrast).toBeLessThan(look(f - 1, 1).contrast)
  })
})
