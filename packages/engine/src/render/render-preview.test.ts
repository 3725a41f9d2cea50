import { describe, expect, it } from 'vitest'
import { linearRgbToLab, SRGB_TO_LINEAR } from '../appearance/color.ts'
import type { Design, Skin } from '../model/design.ts'
import { allocateDots, type DotBuffer } from '../model/dots.ts'
import { forEachMarkPixel, markLayout } from './mark.ts'
import { checkRenderOptions, type RenderOptions, renderPreview } from './render-preview.ts'
import { latticeDots, latticeHair, syntheticDesign, syntheticPlacement } from './synthetic.ts'
import { VIEW_NAMES } from './view.ts'

const S = 128

function render(design: Design, dots: DotBuffer, options: Partial<RenderOptions>, size = S) {
  const target = { width: size, height: size, data: new Uint8ClampedArray(size * size * 4) }
  const result = renderPreview(
    syntheticPlacement(design, dots),
    { view: 'chart', width: size, height: size, ...options },
    target
  )
  expect(result).toEqual({ ok: true })
  return target
}

/** Mean linear luminance over the image above the mark's plate. */
function meanLuminance(img: { width: number; height: number; data: Uint8ClampedArray }): number {
  const top = markLayout(img.width, img.height).y
  let sum = 0
  for (let i = 0; i < img.width * top; i++) {
    const o = i * 4
    sum +=
      0.2126 * SRGB_TO_LINEAR[img.data[o]] +
      0.7152 * SRGB_TO_LINEAR[img.data[o + 1]] +
      0.0722 * SRGB_TO_LINEAR[img.data[o + 2]]
  }
  return sum / (img.width * top)
}

/** Mean absolute difference between horizontal neighbours, over the part above the mark: how crisp the image is. */
function crispness(img: { width: number; height: number; data: Uint8ClampedArray }): number {
  const top = markLayout(img.width, img.height).y
  let sum = 0
  for (let y = 0; y < top; y++)
    for (let x = 1; x < img.width; x++)
      sum += Math.abs(img.data[(y * img.width + x) * 4 + 1] - img.data[(y * img.width + x - 1) * 4 + 1])
  return sum / (top * (img.width - 1))
}

const patch = latticeDots({
  seed: 3,
  center: [0, 0],
  rInner: 0,
  rOuter: 40,
  density: 85,
  diameterMm: 0.15,
  shade: 35,
  shares: [0.4, 0.35, 0.25],
})
const closeUp = { u: 0, v: 0, widthMm: 12 }
const none = allocateDots(0)

function single(diameterMm = 0.3, shade = 35): DotBuffer {
  const d = allocateDots(1)
  d.diameter[0] = diameterMm
  d.shade[0] = shade
  d.session[0] = 0
  return d
}

function withSkin(skin: Partial<Skin>, depthMm = 1): Design {
  const base = syntheticDesign()
  return { ...base, skin: { ...base.skin, ...skin }, pigment: { depthMm } }
}

/** Darkness-weighted spread (px) and mean b* shift (against neutral darkening, per unit darkness) of the pixels a single centred dot darkens. */
function dotSpreadAndBlue(design: Design) {
  const bare = render(design, none, { closeUp: { u: 0, v: 0, widthMm: 8 } })
  const img = render(design, single(), { closeUp: { u: 0, v: 0, widthMm: 8 } })
  const lab = [0, 0, 0]
  const ref = [0, 0, 0]
  let w = 0
  let m2 = 0
  let db = 0
  for (let y = 0; y < 100; y++) {
    for (let x = 0; x < S; x++) {
      const o = (y * S + x) * 4
      const lum = (d: Uint8ClampedArray) =>
        0.2126 * SRGB_TO_LINEAR[d[o]] + 0.7152 * SRGB_TO_LINEAR[d[o + 1]] + 0.0722 * SRGB_TO_LINEAR[d[o + 2]]
      const dark = 1 - lum(img.data) / lum(bare.data)
      if (dark <= 0.003) continue
      const r2 = (x + 0.5 - S / 2) ** 2 + (y + 0.5 - S / 2) ** 2
      w += dark
      m2 += dark * r2
      linearRgbToLab(SRGB_TO_LINEAR[img.data[o]], SRGB_TO_LINEAR[img.data[o + 1]], SRGB_TO_LINEAR[img.data[o + 2]], lab)
      // against the bare skin darkened neutrally to the same luminance: only the hue shift counts
      const k = 1 - dark
      linearRgbToLab(
        k * SRGB_TO_LINEAR[bare.data[o]],
        k * SRGB_TO_LINEAR[bare.data[o + 1]],
        k * SRGB_TO_LINEAR[bare.data[o + 2]],
        ref
      )
      db += lab[2] - ref[2]
    }
  }
  // b* shift per unit of darkness: a chromatic property, not a measure of how dark the dot is
  return { spread: Math.sqrt(m2 / w), db: db / w }
}

describe('physical sanity of the preview', () => {
  const design = syntheticDesign()

  it('pigmented skin is darker than bare skin of the same type', () => {
    for (const f of [1, 3, 6]) {
      const d = withSkin({ fitzpatrick: f })
      expect(meanLuminance(render(d, patch, { closeUp }))).toBeLessThan(
        0.97 * meanLuminance(render(d, none, { closeUp }))
      )
    }
  })

  it('more concentration is darker', () => {
    const dark = latticeDots({
      seed: 3,
      center: [0, 0],
      rInner: 0,
      rOuter: 40,
      density: 85,
      diameterMm: 0.15,
      shade: 20,
      shares: [1],
    })
    const light = latticeDots({
      seed: 3,
      center: [0, 0],
      rInner: 0,
      rOuter: 40,
      density: 85,
      diameterMm: 0.15,
      shade: 55,
      shares: [1],
    })
    expect(meanLuminance(render(design, dark, { closeUp }))).toBeLessThan(
      meanLuminance(render(design, light, { closeUp }))
    )
    const thin = { ...design, sessions: design.sessions.map((s) => ({ ...s, dilution: '1:40' })) }
    expect(meanLuminance(render(design, patch, { closeUp }))).toBeLessThan(
      meanLuminance(render(thin, patch, { closeUp }))
    )
  })

  it('healed is lighter than fresh', () => {
    for (const session of [1, 2, 3]) {
      const fresh = meanLuminance(render(design, patch, { closeUp, session, stage: 'fresh' }))
      const healed = meanLuminance(render(design, patch, { closeUp, session, stage: 'healed' }))
      expect(healed).toBeGreaterThan(fresh)
    }
  })

  it('later sessions add dots: session 3 is darker than session 1', () => {
    expect(meanLuminance(render(design, patch, { closeUp, session: 3 }))).toBeLessThan(
      meanLuminance(render(design, patch, { closeUp, session: 1 }))
    )
  })

  it('each added year is lighter and softer', () => {
    let prevL = meanLuminance(render(design, patch, { closeUp, years: 0 }))
    let prevC = crispness(render(design, patch, { closeUp, years: 0 }))
    for (const years of [1, 2, 4, 6, 10]) {
      const img = render(design, patch, { closeUp, years })
      const l = meanLuminance(img)
      const c = crispness(img)
      expect(l).toBeGreaterThan(prevL)
      expect(c).toBeLessThan(prevC)
      prevL = l
      prevC = c
    }
  })

  it('high sun fades faster than low sun', () => {
    const high = meanLuminance(render(withSkin({ sunExposure: 'high' }), patch, { closeUp, years: 5 }))
    const low = meanLuminance(render(withSkin({ sunExposure: 'low' }), patch, { closeUp, years: 5 }))
    expect(high).toBeGreaterThan(low)
  })

  it('deeper pigment is bluer and blurrier, and blown out past 1.5 mm', () => {
    const shallow = dotSpreadAndBlue(withSkin({}, 0.8))
    const normal = dotSpreadAndBlue(withSkin({}, 1.2))
    const blown = dotSpreadAndBlue(withSkin({}, 2))
    expect(normal.spread).toBeGreaterThan(shallow.spread)
    expect(blown.spread).toBeGreaterThan(1.3 * normal.spread)
    expect(normal.db).toBeLessThan(shallow.db)
    expect(blown.db).toBeLessThan(normal.db - 3)
  })

  it('the same design has lower contrast on Fitzpatrick VI than on I (DOMAIN §4.3)', () => {
    const contrast = (f: number) => {
      const d = withSkin({ fitzpatrick: f })
      return 1 - meanLuminance(render(d, patch, { closeUp })) / meanLuminance(render(d, none, { closeUp }))
    }
    expect(contrast(6)).toBeLessThan(contrast(1))
  })
})

describe('the Simulated mark', () => {
  const design = syntheticDesign()
  const dots = latticeDots({
    seed: 1,
    center: [0, 20],
    rInner: 0,
    rOuter: 120,
    density: 30,
    diameterMm: 0.3,
    shade: 30,
    shares: [0.4, 0.35, 0.25],
  })
  const hair = latticeHair(1, 135, 200, 20)

  it('is present, white on its plate, in every view and size', () => {
    for (const view of VIEW_NAMES) {
      for (const [w, h] of [
        [64, 48],
        [300, 200],
        [600, 600],
      ]) {
        const target = { width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }
        expect(renderPreview(syntheticPlacement(design, dots, hair), { view, width: w, height: h }, target)).toEqual({
          ok: true,
        })
        let ink = 0
        forEachMarkPixel(w, h, (x, y) => {
          const o = (y * w + x) * 4
          expect([target.data[o], target.data[o + 1], target.data[o + 2]]).toEqual([255, 255, 255])
          ink++
        })
        expect(ink).toBeGreaterThan(100)
        const plate = markLayout(w, h)
        expect(plate.x + plate.w).toBeLessThanOrEqual(w)
        expect(plate.y + plate.h).toBeLessThanOrEqual(h)
      }
    }
  })
})

describe('render options', () => {
  const design = syntheticDesign()
  const base: RenderOptions = { view: 'top', width: 256, height: 256 }

  it('accepts the defaults and rejects bad sessions, years and sizes with the option as path', () => {
    expect(checkRenderOptions(design, base)).toEqual([])
    const paths = (o: Partial<RenderOptions>) => checkRenderOptions(design, { ...base, ...o }).map((i) => i.path)
    expect(paths({ session: 9 })).toEqual(['session'])
    expect(paths({ session: 0 })).toEqual(['session'])
    expect(paths({ years: -1 })).toEqual(['years'])
    expect(paths({ years: 3, stage: 'fresh' })).toEqual(['years'])
    expect(paths({ width: 100000 })).toEqual(['width'])
    expect(paths({ height: 2.5 })).toEqual(['height'])
    expect(checkRenderOptions(design, { ...base, session: 9 })[0].message).toMatch(/1 to 3/)
  })

  it('leaves the target untouched when the options are invalid', () => {
    const target = { width: 256, height: 256, data: new Uint8ClampedArray(256 * 256 * 4) }
    const r = renderPreview(syntheticPlacement(design, none), { ...base, years: -1 }, target)
    expect(r.ok).toBe(false)
    expect(target.data.every((b) => b === 0)).toBe(true)
  })

  it('is deterministic: the same inputs give the same bytes', () => {
    const a = render(design, patch, { view: 'front' }, 96)
    const b = render(design, patch, { view: 'front' }, 96)
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true)
  })
})
