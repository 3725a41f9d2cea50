// Renders the same designs with the studio's WebGL2 preview and with the engine's CPU renderer in one page and
// publishes how far they differ (studio-render.e2e.ts states the tolerance).
import {
  forEachMarkPixel,
  type PresetId,
  placeDots,
  presetDesign,
  type RenderOptions,
  renderPreview,
} from '@stipple/engine'
import { diffImages, type ImageDiff } from '../../src/studio/render/image-diff.ts'
import { createPreviewRenderer } from '../../src/studio/render/preview-renderer.ts'

export interface RenderCase {
  preset: PresetId
  options: Omit<RenderOptions, 'width' | 'height'>
}

/** The cases compared: full-head and partial designs, several views, fresh and healed, years of fading. */
export const RENDER_CASES: readonly RenderCase[] = [
  { preset: 'norwood-7', options: { view: 'top', stage: 'healed' } },
  { preset: 'norwood-5a', options: { view: 'front', stage: 'fresh', session: 1 } },
  { preset: 'norwood-5a', options: { view: 'left', stage: 'healed', years: 6 } },
  { preset: 'ludwig-2', options: { view: 'back', stage: 'healed', session: 2 } },
  { preset: 'scar-fut', options: { view: 'back', stage: 'fresh' } },
]

export interface StudioRenderResult {
  size: number
  cases: (RenderCase & { diff: ImageDiff; changed: number; markWhite: boolean })[]
  error?: string
}

declare global {
  interface Window {
    __studioRender?: StudioRenderResult
  }
}

const SIZE = 512
const WITHIN = 4

function run(): StudioRenderResult {
  const canvas = document.getElementById('gl') as HTMLCanvasElement
  const renderer = createPreviewRenderer(canvas, SIZE)
  if (renderer === null) return { size: SIZE, cases: [], error: 'no WebGL2' }
  const cases: StudioRenderResult['cases'] = []
  for (const c of RENDER_CASES) {
    const design = presetDesign(c.preset)
    const placed = placeDots(design)
    if (!placed.ok) throw new Error(`${c.preset} does not place`)
    const options: RenderOptions = { ...c.options, width: SIZE, height: SIZE }
    const cpu = { width: SIZE, height: SIZE, data: new Uint8ClampedArray(SIZE * SIZE * 4) }
    const ok = renderPreview(design, placed.dots, placed.hair, options, cpu)
    if (!ok.ok) throw new Error(`${c.preset}: ${ok.issues.map((i) => i.message).join('; ')}`)
    const issues = renderer.render({ design, dots: placed.dots, hair: placed.hair, options })
    if (issues.length > 0) throw new Error(issues.map((i) => i.message).join('; '))
    const gpu = renderer.gl.readPixels()
    // the canvas holds the mark's white text where mark.ts puts it
    let markWhite = true
    forEachMarkPixel(SIZE, SIZE, (x, y) => {
      const o = (y * SIZE + x) * 4
      if (gpu[o] !== 255 || gpu[o + 1] !== 255 || gpu[o + 2] !== 255) markWhite = false
    })
    // a bare-skin render: how many pixels the dots change, so agreement is not vacuous
    renderer.render({ design, dots: { ...placed.dots, count: 0 }, hair: placed.hair, options })
    const bare = renderer.gl.readPixels()
    cases.push({
      ...c,
      diff: diffImages(gpu, cpu.data, WITHIN),
      changed: 1 - diffImages(gpu, bare, 2).shareWithin,
      markWhite,
    })
  }
  return { size: SIZE, cases }
}

try {
  window.__studioRender = run()
} catch (e) {
  window.__studioRender = { size: SIZE, cases: [], error: e instanceof Error ? e.message : String(e) }
}
const status = document.getElementById('status')
if (status) status.textContent = 'done'
