// One preview on a canvas: the engine's layers for the design and options, drawn by the WebGL2 preview, with the
// untoned skin (a CPU pass) kept until the camera, the head or the skin changes.
import {
  allocateDots,
  type ChartBox,
  createView,
  type Placement,
  type PreviewLayers,
  previewLayers,
  projectChartPoint,
  type RenderIssue,
  type RenderOptions,
  renderSkinBase,
  type View,
} from '@stipple/engine'
import type { DesignVersions } from '../editor/design-versions.ts'
import { createGlPreview, type GlPreview, type PixelRect } from '../gl/gl-preview.ts'

interface PreviewInput {
  /** The placed design, as the placement worker gave it (its design, dots, hair and head). */
  placement: Placement
  /** The version numbers of the placement's design: what changed since the last render is read from these. */
  versions: DesignVersions
  options: RenderOptions
  /** A camera of its own (the rotating head); otherwise the named view of `options`. */
  view?: View
  /** Show the client before treatment left of this x, px. */
  split?: number
  /**
   * What differs in the placement's dots and hair from the last render's: only what lies within these chart boxes (a drag step;
   * none: nothing). Absent: anything may; the whole preview is drawn.
   */
  changed?: readonly ChartBox[]
}

export interface PreviewRenderer {
  readonly gl: GlPreview
  /** Draws a preview; returns the options' problems instead when there are any. */
  render(input: PreviewInput): RenderIssue[]
  /** The layers of the last render (for tests and the Canvas2D baseline). */
  lastLayers(): PreviewLayers | null
  /** The view of the last render. */
  lastView(): View | null
  /** The rectangles the last render drew again, or null when it drew the whole preview. */
  lastRegions(): PixelRect[] | null
}

const NO_DOTS = allocateDots(0)
/** Samples per side of a chart box when finding where it shows on screen. */
const BOX_SAMPLES = 9
/** Above this share of the canvas, a partial redraw saves too little to be worth its bookkeeping. */
const MAX_REGION_SHARE = 0.6

/** Side of the blocks the redrawn rectangles are snapped to, px. */
const BLOCK = 32

/**
 * The union of rectangles as few rectangles that do not overlap: the blocks they touch, as runs along each row of
 * blocks, a run joined with the one below when they span the same columns.
 */
function blockUnion(rects: readonly PixelRect[], size: number): PixelRect[] {
  const n = Math.ceil(size / BLOCK)
  const covered = new Uint8Array(n * n)
  for (const r of rects) {
    const c0 = Math.max(0, Math.floor(r.x0 / BLOCK))
    const c1 = Math.min(n - 1, Math.floor(r.x1 / BLOCK))
    const r0 = Math.max(0, Math.floor(r.y0 / BLOCK))
    const r1 = Math.min(n - 1, Math.floor(r.y1 / BLOCK))
    for (let y = r0; y <= r1; y++) covered.fill(1, y * n + c0, y * n + c1 + 1)
  }
  const out: PixelRect[] = []
  let above: PixelRect[] = []
  for (let y = 0; y < n; y++) {
    const row: PixelRect[] = []
    let x = 0
    while (x < n) {
      if (covered[y * n + x] === 0) {
        x++
        continue
      }
      const start = x
      while (x < n && covered[y * n + x] === 1) x++
      const run = {
        x0: start * BLOCK,
        y0: y * BLOCK,
        x1: Math.min(size, x * BLOCK),
        y1: Math.min(size, (y + 1) * BLOCK),
      }
      const joined = above.find((a) => a.x0 === run.x0 && a.x1 === run.x1 && a.y1 === run.y0)
      if (joined === undefined) {
        out.push(run)
        row.push(run)
      } else {
        joined.y1 = run.y1
        row.push(joined)
      }
    }
    above = row
  }
  return out
}

/** The farthest a dot, a hair or their tone shows from where it stands, px. */
function reachOf(layers: PreviewLayers): number {
  let reach = 0
  const e = layers.ellipses
  for (let i = 0; i < e.count; i++) {
    reach = Math.max(reach, ((e.rMinor[i] ?? 0) + Math.max(e.edge[i] ?? 1, 1) / 2) * (e.ratio[i] ?? 1))
  }
  // a hair's marks (a long strand is several) reach at most this far from its follicle
  reach = Math.max(reach, layers.hair.reach)
  return reach + layers.tone.reach + 2
}

/**
 * The pixels a change of dots within `box` can touch: the box as it shows on screen (its hidden part shows nothing),
 * widened by `reach`; null when none of it shows.
 */
function regionOf(view: View, box: ChartBox, reach: number): PixelRect | null {
  let x0 = Number.POSITIVE_INFINITY
  let y0 = Number.POSITIVE_INFINITY
  let x1 = Number.NEGATIVE_INFINITY
  let y1 = Number.NEGATIVE_INFINITY
  for (let i = 0; i < BOX_SAMPLES; i++) {
    for (let j = 0; j < BOX_SAMPLES; j++) {
      const u = box.minX + ((box.maxX - box.minX) * i) / (BOX_SAMPLES - 1)
      const v = box.minY + ((box.maxY - box.minY) * j) / (BOX_SAMPLES - 1)
      const p = projectChartPoint(view, u, v)
      if (p === null) continue
      x0 = Math.min(x0, p.x)
      y0 = Math.min(y0, p.y)
      x1 = Math.max(x1, p.x)
      y1 = Math.max(y1, p.y)
    }
  }
  if (x1 < x0) return null
  // between samples (and between the last visible sample and the horizon) the box reaches at most a sample's span
  // farther: that much more each side
  const pad = Math.max(x1 - x0, y1 - y0) / (BOX_SAMPLES - 1) + reach
  return { x0: x0 - pad, y0: y0 - pad, x1: x1 + pad, y1: y1 + pad }
}

/** The untoned skin's inputs: the design's seed, head and skin (by version) and the camera. */
function skinKey(versions: DesignVersions, view: View): string {
  return [versions.skin, view.name, ...view.eye, ...view.forward, view.width].join(' ')
}

/** The render options as a key (their values, in a fixed order). */
function optionsKey(o: RenderOptions): string {
  const c = o.closeUp
  return [
    o.view,
    o.session,
    o.stage,
    o.years,
    o.width,
    o.height,
    o.sessionDays?.join(','),
    c?.u,
    c?.v,
    c?.widthMm,
  ].join(' ')
}

/** A renderer drawing into `canvas` at size × size px, or null without WebGL2. */
export function createPreviewRenderer(canvas: HTMLCanvasElement, size: number): PreviewRenderer | null {
  const gl = createGlPreview(canvas, size, size)
  if (gl === null) return null
  const skin = { width: size, height: size, data: new Uint8ClampedArray(size * size * 4) }
  let key = ''
  let last: PreviewLayers | null = null
  let lastView: View | null = null
  /** Everything about the last frame but its dots and hair (and the hairline, which only moves dots). */
  let frameKey = ''
  let lastRegions: PixelRect[] | null = null
  /** How far the last frame's dots and hairs reached, when a partial redraw measured it (else measured when needed). */
  let lastReach: number | null = null
  // a lost context comes back blank: the next frame is drawn whole
  canvas.addEventListener('webglcontextlost', () => {
    frameKey = ''
  })
  return {
    gl,
    render(input) {
      const { placement, options } = input
      const { design } = placement
      const view = input.view ?? createView(placement.head, options.view, size, size, options.closeUp ?? null)
      const result = previewLayers(placement, { ...options, width: size, height: size }, view)
      if (!result.ok) return result.issues
      const k = skinKey(input.versions, view)
      if (k !== key) {
        renderSkinBase(design, view, skin)
        gl.setSkin(view, skin)
        key = k
      }
      let before: { layers: PreviewLayers; split: number } | undefined
      if (input.split !== undefined && input.split > 0) {
        const b = previewLayers({ ...placement, dots: NO_DOTS }, { ...options, width: size, height: size }, view)
        if (b.ok) before = { layers: b.layers, split: input.split }
      }
      const fk = [input.versions.frame, optionsKey(options), k, view.focal, view.cx, view.cy, input.split].join(' ')
      let regions: PixelRect[] | undefined
      let reachNow: number | null = null
      if (fk === frameKey && input.changed !== undefined && before === undefined) {
        reachNow = reachOf(result.layers)
        // a dot or hair that left may have reached farther than any that stays
        const reach = Math.max(reachNow, lastReach ?? (last === null ? 0 : reachOf(last)))
        const blocks = blockUnion(
          input.changed.flatMap((b) => regionOf(view, b, reach) ?? []),
          size
        )
        const area = blocks.reduce((sum, r) => sum + (r.x1 - r.x0) * (r.y1 - r.y0), 0)
        if (area <= MAX_REGION_SHARE * size * size) regions = blocks
      }
      lastReach = reachNow
      frameKey = fk
      lastRegions = regions ?? null
      gl.draw(result.layers, before, regions)
      last = result.layers
      lastView = view
      return []
    },
    lastLayers: () => last,
    lastView: () => lastView,
    lastRegions: () => lastRegions,
  }
}
