// The preview renderer: skin, then every dot of sessions 1..k at its own age (anti-aliased ellipses blended in linear
// light, with the scattering blur in each dot's soft edge), then the remaining hair as stubble, then the "Simulated" mark.

import { diffusionMm, type PreparedDots, prepareDots } from '../appearance/dot-appearance.ts'
import { deriveSeed } from '../math/rng.ts'
import type { Design } from '../model/design.ts'
import { renderHair, toneHair } from './hair.ts'
import { renderViewSkin } from './head-shading.ts'
import { drawSimulatedMark } from './mark.ts'
import {
  checkRenderOptions,
  type PreviewPlacement,
  type RenderOptions,
  type RenderResult,
  type RgbaTarget,
} from './options.ts'
import { bandOrder, pixelWords, stampDisc, stampEllipse } from './raster.ts'
import { blurTone, createToneGrid, GRID } from './tone-grid.ts'
import { createView, type View } from './view.ts'

/**
 * Renders a preview of `design` with its placement (dots, remaining hair, head: `placeDots`' result as it is) into
 * `target` (RGBA, sRGB), always marked "Simulated". Invalid options leave the target untouched and come back as issues.
 * @example
 *   const placed = placeDots(design)
 *   const target = { width: 1024, height: 1024, data: new Uint8ClampedArray(1024 * 1024 * 4) }
 *   if (placed.ok) renderPreview(design, placed, { view: 'top', stage: 'healed', years: 5, width: 1024, height: 1024 }, target)
 */
export function renderPreview(
  design: Design,
  placement: PreviewPlacement,
  options: RenderOptions,
  target: RgbaTarget
): RenderResult {
  const issues = checkRenderOptions(design, options, target)
  if (issues.length > 0) return { ok: false, issues }
  const view = createView(placement.head, options.view, options.width, options.height, options.closeUp ?? null)
  const px32 = pixelWords(target.data)
  const tone = createToneGrid(view.width, view.height)
  const dots = prepareDots(view, design, placement.dots, options, tone)
  toneHair(view, placement.hair, tone)
  blurTone(tone, (diffusionMm(design.pigment.depthMm) * view.pxPerMm) / GRID)
  renderViewSkin(view, design.skin, deriveSeed(design.seed, 'skin'), px32, tone)
  stampDots(view, dots, px32)
  renderHair(view, design, placement.hair, px32)
  drawSimulatedMark(target)
  return { ok: true }
}

/** Stamps the prepared dots, band by band. */
function stampDots(view: View, d: PreparedDots, px32: Int32Array): void {
  const n = d.count
  const {
    sx: _sx,
    sy: _sy,
    rm: _rm,
    ratio: _ratio,
    ex: _ex,
    ey: _ey,
    edge: _edge,
    cell: _cell,
    absorb: _absorb,
    halo: _halo,
  } = d
  const order = bandOrder(n, _sx, _sy, view.width, view.height)
  const { width, height } = view
  for (let o = 0; o < n; o++) {
    const i = order[o]
    const cell = _cell[i]
    const j = cell >> 8
    const halo = _halo[j]
    if (halo > 0) {
      // a faint redness around fresh impressions (DOMAIN §2.2, [DEL] day 1 redness): less green and blue
      const r = 2 * _rm[i]
      stampEllipse(px32, width, height, _sx[i], _sy[i], r, _ratio[i], _ex[i], _ey[i], r, 1, 0, 0.16 * halo, 0.14 * halo)
    }
    const a = cell * 3
    if (_ratio[i] < 1.001) {
      stampDisc(px32, width, height, _sx[i], _sy[i], _rm[i], _edge[i], 1, _absorb[a], _absorb[a + 1], _absorb[a + 2])
      continue
    }
    stampEllipse(
      px32,
      width,
      height,
      _sx[i],
      _sy[i],
      _rm[i],
      _ratio[i],
      _ex[i],
      _ey[i],
      _edge[i],
      1,
      _absorb[a],
      _absorb[a + 1],
      _absorb[a + 2]
    )
  }
}
