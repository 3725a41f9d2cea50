// The studio's frame while dragging the hairline of a full-head design, in one page: a frame is the placement of the
// moved design (the studio's placement worker, which re-samples only what the move changed) plus the preview at
// 1024×1024 — once with the studio's WebGL2 path (which draws again only the blocks the step changed), once with a
// Canvas2D baseline drawing all the same dots (arc + fill per dot over the same skin). packages/web/bench/
// studio.bench.ts drives it.
import { type Design, type PresetId, presetDesign } from '@stipple/engine'
import { createVersioner } from '../../src/studio/editor/design-versions.ts'
import { createPlacementClient, type PortLike } from '../../src/studio/placement/placement-client.ts'
import type { PlaceResponse } from '../../src/studio/placement/placement-protocol.ts'
import { createPreviewRenderer } from '../../src/studio/render/preview-renderer.ts'
import { controlPointsOf, moveControlPoint } from '../../src/studio/state/design-edits.ts'
import { drawDotsCanvas2d } from './studio-canvas2d.ts'

export interface FrameTimes {
  /** Per frame, ms: the whole frame, and its placement (round trip to the worker) and render parts. */
  frame: number[]
  placement: number[]
  render: number[]
}

export interface StudioBenchResult {
  preset: PresetId
  dots: number
  size: number
  webgl2: FrameTimes
  canvas2d: FrameTimes
}

declare global {
  interface Window {
    __studioBench?: { run(frames: number, preset: PresetId): Promise<StudioBenchResult> }
  }
}

const SIZE = 1024
// the designs' version numbers, as the studio's editor keeps them
const versionsOf = createVersioner().versionsOf

function worker(): (design: Design) => Promise<PlaceResponse & { ok: true }> {
  const w = new Worker(new URL('../../src/studio/placement/placement-worker.ts', import.meta.url), { type: 'module' })
  let resolve: ((r: PlaceResponse) => void) | null = null
  const client = createPlacementClient(w as unknown as PortLike, (r) => resolve?.(r))
  return (design) =>
    new Promise((ok, fail) => {
      resolve = (r) => (r.ok ? ok(r) : fail(new Error(r.issues.map((i) => i.message).join('; '))))
      client.request(design, versionsOf(design), false)
    })
}

/** The design as the drag leaves it at step k: the midline hairline point swinging ±8 mm front to back. */
function dragged(design: Design, index: number, k: number): Design {
  const p = controlPointsOf(design)[index]
  if (p === undefined) throw new Error('no such control point')
  return moveControlPoint(design, index, [p[0], p[1] + 8 * Math.sin(k * 0.7)])
}

async function run(frames: number, preset: PresetId): Promise<StudioBenchResult> {
  const design = presetDesign(preset)
  const mid = Math.floor(controlPointsOf(design).length / 2)
  const glCanvas = document.getElementById('gl') as HTMLCanvasElement
  const renderer = createPreviewRenderer(glCanvas, SIZE)
  if (renderer === null) throw new Error('no WebGL2')
  const c2d = document.getElementById('c2d') as HTMLCanvasElement
  c2d.width = SIZE
  c2d.height = SIZE
  const ctx = c2d.getContext('2d')
  if (ctx === null) throw new Error('no Canvas2D')
  // each path has its own worker, so neither reuses the other's placement
  const placeGl = worker()
  const place2d = worker()
  const options = { view: 'top' as const, stage: 'healed' as const, width: SIZE, height: SIZE }
  const webgl2: FrameTimes = { frame: [], placement: [], render: [] }
  const canvas2d: FrameTimes = { frame: [], placement: [], render: [] }
  const sync = new Uint8Array(4)
  const gl = glCanvas.getContext('webgl2') as WebGL2RenderingContext
  let dots = 0
  // frame −1 warms both paths up (shaders, skin, worker start); the frames alternate paths under the same load
  for (let k = -1; k < frames; k++) {
    const d = dragged(design, mid, k + 1)
    {
      const t0 = performance.now()
      const placed = await placeGl(d)
      const t1 = performance.now()
      // the studio's own path: only the blocks the step changed are drawn again
      const changed = placed.dirty === 'all' ? {} : { changed: placed.dirty }
      renderer.render({ placement: placed.placement, versions: placed.versions, options, ...changed })
      // readPixels waits for the GPU: the frame is on the canvas
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, sync)
      const t2 = performance.now()
      dots = placed.placement.dots.count
      if (k >= 0) {
        webgl2.frame.push(t2 - t0)
        webgl2.placement.push(t1 - t0)
        webgl2.render.push(t2 - t1)
      }
    }
    {
      const t0 = performance.now()
      const placed = await place2d(d)
      const t1 = performance.now()
      drawDotsCanvas2d(ctx, placed.placement, options)
      ctx.getImageData(0, 0, 1, 1)
      const t2 = performance.now()
      if (k >= 0) {
        canvas2d.frame.push(t2 - t0)
        canvas2d.placement.push(t1 - t0)
        canvas2d.render.push(t2 - t1)
      }
    }
  }
  return { preset, dots, size: SIZE, webgl2, canvas2d }
}

window.__studioBench = { run }
const status = document.getElementById('status')
if (status) status.textContent = 'ready'
