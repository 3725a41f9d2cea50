// previewLayers hands a GPU rasteriser exactly what renderPreview rasterises: re-stamping its layers on the CPU
// over renderSkinBase + tone gives renderPreview's bytes.
import { describe, expect, it } from 'vitest'
import { deriveSeed } from '../math/rng.ts'
import { placeDots } from '../placement/place-dots.ts'
import { presetDesign } from '../presets/presets.ts'
import { createHead } from '../scalp/head.ts'
import { stampHair } from './hair-marks.ts'
import { rasterizeHead, shadeHead } from './head-shading.ts'
import { drawSimulatedMark } from './mark.ts'
import { bandOrder, pixelWords, stampDisc, stampEllipse } from './raster.ts'
import { previewLayers, type RenderOptions, renderPreview } from './render-preview.ts'
import { renderSkin } from './skin.ts'
import { createView } from './view.ts'

const design = presetDesign('norwood-5a', { seed: 5 })
const result = placeDots(design)
if (!result.ok) throw new Error('preset does not place')
const placed = result
const S = 256

function cpu(options: RenderOptions) {
  const target = { width: S, height: S, data: new Uint8ClampedArray(S * S * 4) }
  expect(renderPreview(placed, options, target)).toEqual({ ok: true })
  return target.data
}

describe('previewLayers', () => {
  it.each(['top', 'front', 'left'] as const)(
    're-stamped on the CPU gives renderPreview byte for byte (%s, healed)',
    (name) => {
      const options: RenderOptions = { view: name, width: S, height: S, stage: 'healed', years: 2 }
      const result = previewLayers(placed, options)
      if (!result.ok) throw new Error('layers refused')
      const { ellipses: e, tone, hair } = result.layers
      expect(e.count).toBeGreaterThan(1000)
      expect(hair.count).toBeGreaterThan(100)
      const data = new Uint8ClampedArray(S * S * 4)
      const px = pixelWords(data)
      const view = createView(createHead(design.head), name, S, S)
      const head = rasterizeHead(view, design)
      renderSkin(view, design.skin, deriveSeed(design.seed, 'skin'), px, { ...tone })
      shadeHead(head, design, px)
      const order = bandOrder(e.count, e.cx, e.cy, S, S)
      for (let k = 0; k < e.count; k++) {
        const i = order[k]
        if (e.ratio[i] < 1.001)
          stampDisc(px, S, S, e.cx[i], e.cy[i], e.rMinor[i], e.edge[i], 1, e.absorbR[i], e.absorbG[i], e.absorbB[i])
        else
          stampEllipse(
            px,
            S,
            S,
            e.cx[i],
            e.cy[i],
            e.rMinor[i],
            e.ratio[i],
            e.ex[i],
            e.ey[i],
            e.edge[i],
            1,
            e.absorbR[i],
            e.absorbG[i],
            e.absorbB[i]
          )
      }
      stampHair(view, hair, px)
      drawSimulatedMark({ width: S, height: S, data })
      expect(Buffer.from(data).equals(Buffer.from(cpu(options)))).toBe(true)
    }
  )

  it('adds one redness halo, twice the dot, and a neutral speck about it, before every fresh dot', () => {
    const result = previewLayers(placed, {
      view: 'top',
      width: S,
      height: S,
      stage: 'fresh',
      session: 1,
    })
    if (!result.ok) throw new Error('layers refused')
    const e = result.layers.ellipses
    expect(e.count % 3).toBe(0)
    let specks = 0
    for (let i = 0; i < e.count; i += 3) {
      // halo, speck, dot: all about the same centre
      expect(e.rMinor[i]).toBeCloseTo(2 * e.rMinor[i + 2], 5)
      expect(e.absorbR[i]).toBe(0)
      expect(e.cx[i]).toBe(e.cx[i + 2])
      expect(e.cx[i + 1]).toBe(e.cx[i + 2])
      // the speck is wider and softer than the dot (a cone: its ramp is twice its radius)
      expect(e.rMinor[i + 1]).toBeGreaterThan(e.rMinor[i + 2] / 2)
      expect(e.edge[i + 1]).toBeCloseTo(2 * e.rMinor[i + 1], 5)
      if (e.absorbR[i + 1] > 0) specks++
    }
    // in a top view at S px the dots are below the resolution: each carries its speck
    expect(specks).toBe(e.count / 3)
  })

  it('refuses the options renderPreview refuses', () => {
    const result = previewLayers(placed, { view: 'top', width: S, height: S, session: 99 })
    expect(result.ok).toBe(false)
  })
})
