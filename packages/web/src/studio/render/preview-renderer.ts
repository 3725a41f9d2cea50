// One preview on a canvas: the engine's layers for the design and options, drawn by the WebGL2 preview, with the
// untoned skin (a CPU pass) kept until the camera, the head or the skin changes.
import {
  allocateDots,
  createHead,
  createView,
  type Design,
  type DotBuffer,
  type HairPoints,
  type HeadModel,
  type PreviewLayers,
  previewLayers,
  type RenderIssue,
  type RenderOptions,
  renderSkinBase,
  type View,
} from '@stipple/engine'
import { createGlPreview, type GlPreview } from '../gl/gl-preview.ts'

interface PreviewInput {
  design: Design
  dots: DotBuffer
  hair: HairPoints
  options: RenderOptions
  /** A camera of its own (the rotating head); otherwise the named view of `options`. */
  view?: View
  /** Show the client before treatment left of this x, px. */
  split?: number
}

export interface PreviewRenderer {
  readonly gl: GlPreview
  /** Draws a preview; returns the options' problems instead when there are any. */
  render(input: PreviewInput): RenderIssue[]
  /** The layers of the last render (for tests and the Canvas2D baseline). */
  lastLayers(): PreviewLayers | null
  /** The view of the last render. */
  lastView(): View | null
}

const NO_DOTS = allocateDots(0)

function skinKey(design: Design, view: View): string {
  return JSON.stringify([design.seed, design.head, design.skin, view.name, view.eye, view.forward, view.width])
}

/** A renderer drawing into `canvas` at size × size px, or null without WebGL2. */
export function createPreviewRenderer(canvas: HTMLCanvasElement, size: number): PreviewRenderer | null {
  const gl = createGlPreview(canvas, size, size)
  if (gl === null) return null
  const skin = { width: size, height: size, data: new Uint8ClampedArray(size * size * 4) }
  let key = ''
  let last: PreviewLayers | null = null
  let lastView: View | null = null
  let headKey = ''
  let head: HeadModel | null = null
  return {
    gl,
    render(input) {
      const { design, options } = input
      const hk = JSON.stringify(design.head)
      if (head === null || hk !== headKey) {
        head = createHead(design.head)
        headKey = hk
      }
      const view = input.view ?? createView(head, options.view, size, size, options.closeUp ?? null)
      const result = previewLayers(design, input.dots, input.hair, { ...options, width: size, height: size }, view)
      if (!result.ok) return result.issues
      const k = skinKey(design, view)
      if (k !== key) {
        renderSkinBase(design, view, skin)
        gl.setSkin(view, skin)
        key = k
      }
      let before: { layers: PreviewLayers; split: number } | undefined
      if (input.split !== undefined && input.split > 0) {
        const b = previewLayers(design, NO_DOTS, input.hair, { ...options, width: size, height: size }, view)
        if (b.ok) before = { layers: b.layers, split: input.split }
      }
      gl.draw(result.layers, before)
      last = result.layers
      lastView = view
      return []
    },
    lastLayers: () => last,
    lastView: () => lastView,
  }
}
