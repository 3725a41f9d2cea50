// How a dot looks at its age, measured on renders (DOMAIN §2.2, §13.1 #1, #3, #5, #9, #12).
import { describe, expect, it } from 'vitest'
import { linearRgbToLab, SRGB_TO_LINEAR } from '../appearance/color.ts'
import type { Design } from '../model/design.ts'
import { allocateDots, type DotBuffer } from '../model/dots.ts'
import { type RenderOptions, renderPreview } from './render-preview.ts'
import { latticeDots, syntheticDesign, syntheticPlacement } from './synthetic.ts'

const design: Design = syntheticDesign()

function render(dots: DotBuffer, options: Partial<RenderOptions>, size: number) {
  const target = { width: size, height: size, data: new Uint8ClampedArray(size * size * 4) }
  const r = renderPreview(
    syntheticPlacement(design, dots),
    { view: 'chart', width: size, height: size, ...options },
    target
  )
  expect(r).toEqual({ ok: true })
  return target.data
}

const lum = (d: Uint8ClampedArray, o: number) =>
  0.2126 * SRGB_TO_LINEAR[d[o]] + 0.7152 * SRGB_TO_LINEAR[d[o + 1]] + 0.0722 * SRGB_TO_LINEAR[d[o + 2]]

function one(diameterMm: number, session = 2): DotBuffer {
  const d = allocateDots(1)
  d.diameter[0] = diameterMm
  d.shade[0] = 35
  d.session[0] = session
  return d
}

/** A single dot at 40 px/mm: its half-darkness diameter (mm), peak darkness, and the a* shift of the ring around it. */
function dotAt(options: Partial<RenderOptions>, diameterMm = 0.13, session = 2) {
  const S = 160 // 4 mm at 40 px/mm
  const closeUp = { u: 0, v: 0, widthMm: 4 }
  const bare = render(allocateDots(0), { ...options, closeUp }, S)
  const img = render(one(diameterMm, session), { ...options, closeUp }, S)
  const dark = new Float64Array(S * S)
  let peak = 0
  for (let i = 0; i < S * S; i++) {
    dark[i] = 1 - lum(img, i * 4) / lum(bare, i * 4)
    if (dark[i] > peak) peak = dark[i]
  }
  let half = 0
  for (let i = 0; i < S * S; i++) if (dark[i] >= peak / 2) half++
  const lab = [0, 0, 0]
  const ref = [0, 0, 0]
  let da = 0
  let n = 0
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++) {
      const r = Math.hypot(x + 0.5 - S / 2, y + 0.5 - S / 2) / 40
      if (r < 0.3 || r > 0.8) continue
      const o = (y * S + x) * 4
      linearRgbToLab(SRGB_TO_LINEAR[img[o]], SRGB_TO_LINEAR[img[o + 1]], SRGB_TO_LINEAR[img[o + 2]], lab)
      linearRgbToLab(SRGB_TO_LINEAR[bare[o]], SRGB_TO_LINEAR[bare[o + 1]], SRGB_TO_LINEAR[bare[o + 2]], ref)
      da += lab[1] - ref[1]
      n++
    }
  return { diameterMm: (2 * Math.sqrt(half / Math.PI)) / 40, peak, ringDa: da / n }
}

describe('a dot at its age', () => {
  it('healed: 0.10–0.15 mm across at half darkness, clearly darker than the skin, no redness around it', () => {
    const healed = dotAt({ stage: 'healed' })
    expect(healed.diameterMm).toBeGreaterThan(0.1)
    expect(healed.diameterMm).toBeLessThan(0.15)
    expect(healed.peak).toBeGreaterThan(0.4)
    // no redness: the ring's a* does not rise (a neutral shadow lowers it a little, with the skin's chroma)
    expect(healed.ringDa).toBeLessThan(0.1)
  })

  it('fresh: about 2.5× the healed size, darker, with a red flush around it', () => {
    const healed = dotAt({ stage: 'healed' }, 0.13, 0)
    const fresh = dotAt({ stage: 'fresh', session: 1 }, 0.13, 0)
    expect(fresh.diameterMm).toBeGreaterThan(2 * healed.diameterMm)
    expect(fresh.peak).toBeGreaterThan(healed.peak)
    expect(fresh.ringDa).toBeGreaterThan(1)
  })

  it('years later: lighter and softer (spread, lower peak), per the fading model', () => {
    const healed = dotAt({ stage: 'healed' })
    const aged = dotAt({ stage: 'healed', years: 5 })
    expect(aged.peak).toBeLessThan(0.85 * healed.peak)
    expect(aged.diameterMm).toBeGreaterThan(healed.diameterMm)
  })
})

/** Mean linear colour over the part of the image above the mark, and the L* spread of 5 mm cells. */
function field(dots: DotBuffer, pxPerMm: number, widthMm = 60) {
  const S = Math.round(widthMm * pxPerMm)
  const img = render(dots, { closeUp: { u: 0, v: 0, widthMm } }, S)
  const rows = S - Math.ceil(40 * (S / 512)) - 30
  const sum = [0, 0, 0]
  const cell = Math.round(5 * pxPerMm)
  const cells: number[] = []
  for (let cy = 0; cy + cell <= rows; cy += cell)
    for (let cx = 0; cx + cell <= S; cx += cell) {
      let y = 0
      for (let j = cy; j < cy + cell; j++)
        for (let i = cx; i < cx + cell; i++) {
          const o = (j * S + i) * 4
          y += lum(img, o)
          for (let c = 0; c < 3; c++) sum[c] += SRGB_TO_LINEAR[img[o + c]]
        }
      cells.push(116 * Math.cbrt(y / (cell * cell)) - 16)
    }
  const n = cells.length * cell * cell
  const m = cells.reduce((a, b) => a + b, 0) / cells.length
  const sd = Math.sqrt(cells.reduce((a, b) => a + (b - m) ** 2, 0) / cells.length)
  return { rgb: sum.map((v) => v / n), lSd: sd }
}

describe('a healed field of dots', () => {
  const dots = latticeDots({
    seed: 5,
    center: [0, 0],
    rInner: 0,
    rOuter: 60,
    density: 85,
    diameterMm: 0.13,
    shade: 35,
    shares: [0.4, 0.35, 0.25],
  })

  it('keeps its area-weighted darkness at any scale: at 2 px/mm (sub-pixel dots) as at 10 px/mm', () => {
    const low = field(dots, 2)
    const high = field(dots, 10)
    for (let c = 0; c < 3; c++) expect(Math.abs(low.rgb[c] / high.rgb[c] - 1)).toBeLessThan(0.02)
  })

  it('is even at the 5 mm scale: no mottle beyond the skin’s own', () => {
    const treated = field(dots, 5)
    const bare = field(allocateDots(0), 5)
    expect(treated.lSd).toBeLessThan(bare.lSd + 0.4)
  })

  it('reads neutral grey from afar: the darkening keeps the skin’s hue (|Δb*| ≤ 1.5 against a neutral darkening)', () => {
    const treated = field(dots, 2).rgb
    const bare = field(allocateDots(0), 2).rgb
    const y = (c: number[]) => 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    const k = y(treated) / y(bare)
    const lab = [0, 0, 0]
    const ref = [0, 0, 0]
    linearRgbToLab(treated[0], treated[1], treated[2], lab)
    linearRgbToLab(bare[0] * k, bare[1] * k, bare[2] * k, ref)
    expect(k).toBeLessThan(0.8)
    expect(Math.abs(lab[2] - ref[2])).toBeLessThan(1.5)
    expect(Math.abs(lab[1] - ref[1])).toBeLessThan(1.5)
  })
})
