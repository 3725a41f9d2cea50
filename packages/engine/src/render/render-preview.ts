// The preview renderer: skin, then every dot of sessions 1..k at its own age (anti-aliased ellipses blended in linear
// light, with the scattering blur in each dot's soft edge), then the remaining hair as stubble, then the "Simulated" mark.
// Options: options.ts; a dot's look at its age: appearance/dot-appearance.ts; the dot pass: dots.ts; hair: hair.ts;
// the diffuse tone: tone-grid.ts; the inputs for the studio's WebGL2 preview: layers.ts.

import { deriveSeed } from '../math/rng.ts'
import type { Placement } from '../placement/place-dots.ts'
import { prepareDots, stampDots, toneSigmaCells } from './dots.ts'
import { renderHair, toneHair } from './hair.ts'
import { rasterizeHead, shadeHead } from './head-shading.ts'
import { drawSimulatedMark } from './mark.ts'
import { checkRenderOptions, type RenderOptions, type RenderResult, type RgbaTarget } from './options.ts'
import { pixelWords } from './raster.ts'
import { renderSkin } from './skin.ts'
import { blurTone, createToneGrid } from './tone-grid.ts'
import { createView } from './view.ts'

// what the render's callers and tests import beside renderPreview (the engine's public names are in src/index.ts)
export type { HairPoints } from './hair.ts'
export { previewLayers } from './layers.ts'
export {
  checkRenderOptions,
  type RenderIssue,
  type RenderOptions,
  type RenderResult,
  type RgbaTarget,
  type Stage,
} from './options.ts'

/**
 * Renders a preview of a placed design (its dots and remaining hair) into `target` (RGBA, sRGB), always marked
 * "Simulated". Invalid options leave the target untouched and come back as issues.
 * @example
 *   const placed = placeDots(design)
 *   const target = { width: 1024, height: 1024, data: new Uint8ClampedArray(1024 * 1024 * 4) }
 *   if (placed.ok) renderPreview(placed, { view: 'top', stage: 'healed', years: 5, width: 1024, height: 1024 }, target)
 */
export function renderPreview(placement: Placement, options: RenderOptions, target: RgbaTarget): RenderResult {
  const { design, dots, hair } = placement
  const issues = checkRenderOptions(design, options, target)
  if (issues.length > 0) return { ok: false, issues }
  const view = createView(placement.head, options.view, options.width, options.height, options.closeUp ?? null)
  const px32 = pixelWords(target.data)
  const headRaster = rasterizeHead(view, design)
  const tone = createToneGrid(view.width, view.height)
  const projected = prepareDots(view, design, dots, options, tone)
  toneHair(view, design, hair, tone)
  blurTone(tone, toneSigmaCells(design, view))
  renderSkin(view, design.skin, deriveSeed(design.seed, 'skin'), px32, tone)
  shadeHead(headRaster, design, px32)
  stampDots(view, projected, px32)
  renderHair(view, design, hair, px32)
  drawSimulatedMark(target)
  return { ok: true }
}
