// previewLayers hands a GPU rasteriser exactly what renderPreview rasterises: re-stamping its layers on the CPU
// over renderSkinBase + tone gives renderPreview's bytes.
import { describe, expect, it } from 'vitest'
import { deriveSeed } from '../math/rng.ts'
import { placeDots } from '../placement/place-dots.ts'
import { presetDesign } from '../presets/presets.ts'
import { createHead } from '../scalp/head.ts'
import { renderViewSkin } from './head-shading.ts'
import { previewLayers } from './layers.ts'
import { drawSimulatedMark } from './mark.ts'
import type { RenderOptions } from './options.ts'
import { bandOrder, pixelWords, stampDisc, stampEllipse, stampSegment } from './raster.ts'
import { renderPreview } from './render-preview.ts'
import { createView } from './view.ts'

const design = presetDesign('norwood-5a', { seed: 5 })
const result = placeDots(design)
if (!result.ok) throw new Error('preset does not place')
const placed = result
const S = 256

function cpu(options: RenderOptions) {
  const target = { width: S, height: S, data: new Uint8ClampedArray(S * S * 4) }
  expect(renderPreview(design, placed, options, target)).toEqual({ ok: true })
  return target.data
}

describe('previewLayers', () => {
  it.each(['top', 'front', 'left'] as const)(
    're-stamped on the CPU gives renderPreview byte for byte (%s, healed)',
    (name) => {
      const options: RenderOptions = { view: name, width: S, height: S, stage: 'healed', years: 2 }
      const result = previewLayers(design, placed, options)
      if (!result.ok) throw new Error('layers refused')
      const { ellipses: e, tone, hair } = result.layers
      expect(e.count).toBeGreaterThan(1000)
      expect(hair.count).toBeGreaterThan(100)
      const data = new Uint8ClampedArray(S * S * 4)
      const px = pixelWords(data)
      const view = createView(createHead(design.head), name, S, S)
      renderViewSkin(view, design.skin, deriveSeed(design.seed, 'skin'), px, { ...tone })
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
      const [lr, lg, lb] = hair.color
      for (let i = 0; i < hair.count; i++)
        stampSegment(px, S, S, hair.ax[i], hair.ay[i], hair.bx[i], hair.by[i], hair.hw[i], hair.alpha, lr, lg, lb)
      drawSimulatedMark({ width: S, height: S, data })
      expect(Buffer.from(data).equals(Buffer.from(cpu(options)))).toBe(true)
    }
  )

  it('gives every fresh dot a redness halo (twice the dot) and a soft skirt before its core', () => {
    const result = previewLayers(design, placed, {
      view: 'top',
      width: S,
      height: S,
      stage: 'fresh',
      session: 1,
    })
    if (!result.ok) throw new Error('layers refused')
    const e = result.layers.ellipses
    // halo, skirt, core per dot; then the hair's shafts under the skin, one per hair in view
    const dots = Math.floor(e.count / 3)
    expect(dots).toBeGreaterThan(1000)
    for (let k = 0; k < dots; k++) {
      const i = 3 * k
      if (e.absorbR[i] !== 0) break
      expect(e.rMinor[i]).toBeCloseTo(2 * e.rMinor[i + 2], 5)
      expect(e.cx[i]).toBe(e.cx[i + 2])
      // the skirt: wider than the core, fainter, centred on it
      expect(e.rMinor[i + 1]).toBeGreaterThan(e.rMinor[i + 2])
      expect(e.absorbG[i + 1]).toBeLessThan(e.absorbG[i + 2])
      expect(e.cy[i + 1]).toBe(e.cy[i + 2])
    }
  })

  it('refuses the options renderPreview refuses', () => {
    const result = previewLayers(design, placed, { view: 'top', width: S, height: S, session: 99 })
    expect(result.ok).toBe(false)
  })
})
