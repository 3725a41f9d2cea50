// The preview renderer: skin, then every dot of sessions 1..k at its own age (anti-aliased ellipses blended in linear
// light, with the scattering blur in each dot's soft edge), then the remaining hair as stubble, then the "Simulated" mark.
// Options: options.ts; a dot's look at its age: appearance/dot-appearance.ts; the dot pass: dots.ts; hair: hair.ts;
// the diffuse tone: tone-grid.ts; the inputs for the studio's WebGL2 preview: layers.ts.

import { diffusionMm } from '../appearance/dot-appearance.ts'
import { deriveSeed } from '../math/rng.ts'
import type { Design } from '../model/design.ts'
import type { DotBuffer } from '../model/dots.ts'
import { createHead } from '../scalp/head.ts'
import { prepareDots, stampDots } from './dots.ts'
import { type HairPoints, renderHair, toneHair } from './hair.ts'
import { drawSimulatedMark } from './mark.ts'
import { checkRenderOptions, type RenderOptions, type RenderResult, type RgbaTarget } from './options.ts'
import { pixelWords } from './raster.ts'
import { renderSkin } from './skin.ts'
import { blurTone, createToneGrid, GRID } from './tone-grid.ts'
import { createView } from './view.ts'

export type { HairPoints } from './hair.ts'
export { type PreviewLayers, type PreviewLayersResult, previewLayers, renderSkinBase } from './layers.ts'
export {
  checkRenderOptions,
  MAX_RENDER_SIDE,
  MAX_YEARS,
  MIN_RENDER_SIDE,
  type RenderIssue,
  type RenderOptions,
  type RenderResult,
  type RgbaTarget,
  type Stage,
} from './options.ts'

/**
 * Renders a preview of `design` with its `dots` and remaining `hair` into `target` (RGBA, sRGB), always marked
 * "Simulated". Invalid options leave the target untouched and come back as issues.
 * @example
 *   const target = { width: 1024, height: 1024, data: new Uint8ClampedArray(1024 * 1024 * 4) }
 *   renderPreview(design, dots, hair, { view: 'top', stage: 'healed', years: 5, width: 1024, height: 1024 }, target)
 */
export function renderPreview(
  design: Design,
  dots: DotBuffer,
  hair: HairPoints,
  options: RenderOptions,
  target: RgbaTarget
): RenderResult {
  const issues = checkRenderOptions(design, options, target)
  if (issues.length > 0) return { ok: false, issues }
  const head = createHead(design.head)
  const view = createView(head, options.view, options.width, options.height, options.closeUp ?? null)
  const px32 = pixelWords(target.data)
  const tone = createToneGrid(view.width, view.height)
  const projected = prepareDots(view, design, dots, options, tone)
  toneHair(view, design, hair, tone)
  blurTone(tone, (diffusionMm(design.pigment.depthMm) * view.pxPerMm) / GRID)
  renderSkin(view, design.skin, deriveSeed(design.seed, 'skin'), px32, tone)
  stampDots(view, projected, px32)
  renderHair(view, design, hair, px32)
  drawSimulatedMark(target)
  return { ok: true }
}
