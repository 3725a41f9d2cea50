// Renders the same designs with the studio's WebGL2 preview and with the engine's CPU renderer in one page and
// publishes how far they differ (studio-render.e2e.ts states the tolerance).
import {
  type ChartBox,
  forEachMarkPixel,
  type HairLook,
  type PresetId,
  placeDots,
  presetDesign,
  type RenderOptions,
  renderPreview,
} from '@stipple/engine'
import { createVersioner } from '../../src/studio/editor/design-versions.ts'
import { createPlacer } from '../../src/studio/placement/place.ts'
import { diffImages, type ImageDiff } from '../../src/studio/render/image-diff.ts'
import { createPreviewRenderer, type PreviewRenderer } from '../../src/studio/render/preview-renderer.ts'
import { controlPointsOf, moveControlPoint } from '../../src/studio/state/design-edits.ts'

export interface RenderCase {
  preset: PresetId
  /** The client's hair, when not the preset's buzz cut. */
  hair?: HairLook
  options: Omit<RenderOptions, 'width' | 'height'>
}

/** The cases compared: full-head and partial designs, several views, fresh and healed, years of fading, long hair. */
export const RENDER_CASES: readonly RenderCase[] = [
  { preset: 'norwood-7', options: { view: 'top', stage: 'healed' } },
  { preset: 'norwood-5a', options: { view: 'front', stage: 'fresh', session: 1 } },
  { preset: 'norwood-5a', options: { view: 'left', stage: 'healed', years: 6 } },
  {
    preset: 'ludwig-2',
    hair: { color: 'brown', length: 'long' },
    options: { view: 'three-quarter-left', stage: 'healed', session: 2 },
  },
  { preset: 'norwood-5', options: { view: 'three-quarter-right', stage: 'healed' } },
  { preset: 'scar-fut', options: { view: 'back', stage: 'fresh' } },
]

/** One step of a hairline drag drawn only where it changed, against the same frame drawn whole. */
export interface DragStep {
  case: string
  /** Share of the canvas the partial redraw drew (0: it drew everything). */
  regionShare: number
  /** Pixels where the partial frame differs from the whole frame (must be none). */
  differing: number
  /** Share of pixels this step changed from the one before (so the comparison is not of two still frames). */
  moved: number
}

export interface StudioRenderResult {
  size: number
  cases: (RenderCase & { diff: ImageDiff; changed: number; markWhite: boolean })[]
  drag: DragStep[]
  error?: string
}

declare global {
  interface Window {
    __studioRender?: StudioRenderResult
  }
}

const SIZE = 512
// the designs' version numbers, as the studio's editor keeps them
const versionsOf = createVersioner().versionsOf
const WITHIN = 4

function run(): StudioRenderResult {
  const canvas = document.getElementById('gl') as HTMLCanvasElement
  const renderer = createPreviewRenderer(canvas, SIZE)
  if (renderer === null) return { size: SIZE, cases: [], drag: [], error: 'no WebGL2' }
  const cases: StudioRenderResult['cases'] = []
  for (const c of RENDER_CASES) {
    const design = presetDesign(c.preset, c.hair === undefined ? {} : { hair: c.hair })
    const placed = placeDots(design)
    if (!placed.ok) throw new Error(`${c.preset} does not place`)
    const options: RenderOptions = { ...c.options, width: SIZE, height: SIZE }
    const cpu = { width: SIZE, height: SIZE, data: new Uint8ClampedArray(SIZE * SIZE * 4) }
    const ok = renderPreview(placed, options, cpu)
    if (!ok.ok) throw new Error(`${c.preset}: ${ok.issues.map((i) => i.message).join('; ')}`)
    const issues = renderer.render({ placement: placed, versions: versionsOf(design), options })
    if (issues.length > 0) throw new Error(issues.map((i) => i.message).join('; '))
    const gpu = renderer.gl.readPixels()
    // the canvas holds the mark's white text where mark.ts puts it
    let markWhite = true
    forEachMarkPixel(SIZE, SIZE, (x, y) => {
      const o = (y * SIZE + x) * 4
      if (gpu[o] !== 255 || gpu[o + 1] !== 255 || gpu[o + 2] !== 255) markWhite = false
    })
    // a bare-skin render: how many pixels the dots change, so agreement is not vacuous
    renderer.render({
      placement: { ...placed, dots: { ...placed.dots, count: 0 } },
      versions: versionsOf(design),
      options,
    })
    const bare = renderer.gl.readPixels()
    cases.push({
      ...c,
      diff: diffImages(gpu, cpu.data, WITHIN),
      changed: 1 - diffImages(gpu, bare, 2).shareWithin,
      markWhite,
    })
  }
  return {
    size: SIZE,
    cases,
    drag: [...dragSteps(renderer, 'norwood-7', 'top'), ...dragSteps(renderer, 'norwood-5a', 'front')],
  }
}

/** Drags a design's middle hairline point through a few steps, each drawn where it changed and then whole. */
function dragSteps(renderer: PreviewRenderer, preset: PresetId, view: 'top' | 'front'): DragStep[] {
  let design = presetDesign(preset)
  const options: RenderOptions = { view, stage: 'healed', width: SIZE, height: SIZE }
  const placer = createPlacer()
  const first = placer.place({ id: 0, design, versions: versionsOf(design), plan: false })
  if (!first.ok) throw new Error(`${preset} does not place`)
  const draw = (placement: typeof first.placement, changed?: readonly ChartBox[]) => {
    const versions = versionsOf(placement.design)
    const issues = renderer.render({ placement, versions, options, ...(changed === undefined ? {} : { changed }) })
    if (issues.length > 0) throw new Error(issues.map((i) => i.message).join('; '))
    return renderer.gl.readPixels()
  }
  let previous = draw(first.placement)
  const mid = Math.floor(controlPointsOf(design).length / 2)
  const steps: DragStep[] = []
  for (let k = 1; k <= 3; k++) {
    const p = controlPointsOf(design)[mid]
    if (p === undefined) throw new Error('no hairline point')
    design = moveControlPoint(design, mid, [p[0] + k, p[1] + 2 * k])
    const r = placer.place({ id: k, design, versions: versionsOf(design), plan: false })
    if (!r.ok || r.dirty === 'all') throw new Error('a drag step gives quick dots')
    const partial = draw(r.placement, r.dirty)
    const regions = renderer.lastRegions()
    const whole = draw(r.placement)
    const d = diffImages(partial, whole, 0)
    steps.push({
      case: `${preset} ${view} step ${k}`,
      regionShare:
        regions === null ? 0 : regions.reduce((sum, r) => sum + (r.x1 - r.x0) * (r.y1 - r.y0), 0) / (SIZE * SIZE),
      differing: Math.round((1 - d.shareWithin) * SIZE * SIZE),
      moved: 1 - diffImages(whole, previous, 0).shareWithin,
    })
    previous = whole
  }
  return steps
}

try {
  window.__studioRender = run()
} catch (e) {
  window.__studioRender = { size: SIZE, cases: [], drag: [], error: e instanceof Error ? e.message : String(e) }
}
const status = document.getElementById('status')
if (status) status.textContent = 'done'
