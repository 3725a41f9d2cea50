// A harness for the editor without a browser (tldraw's TestEditor): a store over a real camera, synthetic pointer
// and key events placed in chart mm (or preview px), and a hit test that finds what a press lands on as the overlay's
// elements would (topmost first).
import { type ChartPoint, createHead, type Design, presetDesign, type View } from '@stipple/engine'
import { expect } from 'vitest'
import { centroid, edgeMidpoints } from '../../state/design-edits.ts'
import { cameraFor, ORBIT_ELEVATION } from '../../view-camera.ts'
import { SHAPE_UTILS, shapesOf } from '../kinds/shape-utils.ts'
import { EditorStore } from '../store.ts'
import { farthest } from '../tools/select-tool.ts'
import type { HitTarget, KeyInfo } from '../tools/tool.ts'

type At = ChartPoint | { screen: readonly [number, number] }
type Mods = Partial<Pick<KeyInfo, 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey' | 'targetTag' | 'targetType'>>

export class TestEditor {
  readonly editor: EditorStore
  readonly view: View
  readonly size: number

  constructor(
    design: Design = presetDesign('norwood-5a', { seed: 2 }),
    view: 'top' | 'back' | 'front' = 'top',
    size = 1024
  ) {
    this.editor = new EditorStore(design)
    this.size = size
    this.view = cameraFor(createHead(design.head), view, 0, size, ORBIT_ELEVATION)
    this.editor.setViewport(this.view, size)
  }

  get design(): Design {
    return this.editor.design
  }

  /** Where a chart point is on the preview, px. */
  screenOf(p: ChartPoint): [number, number] {
    const s = this.editor.toScreen(p)
    if (s === null) throw new Error(`(${p[0]}, ${p[1]}) is not on the preview`)
    return s
  }
  #screen(at: At): readonly [number, number] {
    return 'screen' in at ? at.screen : this.screenOf(at)
  }

  /** What a press at this place lands on, topmost first, as the overlay draws its elements. */
  hitTest(screen: readonly [number, number]): HitTarget {
    const editor = this.editor
    const { selection, drawing } = editor.state
    const handle = editor.handlePx
    const [x, y] = screen
    const within = (p: ChartPoint, r: number, square = false) => {
      const q = editor.toScreen(p)
      if (q === null) return false
      return square ? Math.abs(q[0] - x) <= r && Math.abs(q[1] - y) <= r : Math.hypot(q[0] - x, q[1] - y) <= r
    }
    if (drawing !== null) {
      const first = drawing.points[0]
      const closable = SHAPE_UTILS[drawing.tool].closed && drawing.points.length >= 3
      return closable && first !== undefined && within(first, handle) ? { kind: 'first-point' } : { kind: 'canvas' }
    }
    const points = editor.controlPoints
    if (selection?.kind === 'point') {
      const p = points[selection.index]
      const h = editor.handles[selection.index]
      for (const side of ['out', 'in'] as const) {
        const o = h?.[side]
        if (p !== undefined && o !== undefined && within([p[0] + o[0], p[1] + o[1]], handle * 0.8, true))
          return { kind: 'handle', index: selection.index, side }
      }
    }
    for (let i = points.length - 1; i >= 0; i--) {
      const p = points[i] as ChartPoint
      if (within(p, handle)) return { kind: 'point', index: i }
    }
    const at = editor.toChart(screen)
    for (const shape of shapesOf(editor.design).reverse()) {
      const { util, item, ref } = shape
      const pts = util.pointsOf(item)
      const selected = selection !== null && selection.kind === ref.kind && 'id' in selection && selection.id === ref.id
      if (selected) {
        for (let i = pts.length - 1; i >= 0; i--)
          if (within(pts[i] as ChartPoint, handle * 1.2, true)) return { kind: 'corner', ref, index: i }
        const mids = edgeMidpoints(pts, util.closed)
        for (let i = mids.length - 1; i >= 0; i--)
          if (within(mids[i] as ChartPoint, handle * 1.2)) return { kind: 'midpoint', ref, index: i }
      }
      if (at !== null && util.hitTest(item, at, handle / this.view.pxPerMm)) return { kind: 'shape', ref }
    }
    return { kind: 'canvas' }
  }

  /** A press: on what the hit test finds there, or on `target` (an element the test names, e.g. the resize square). */
  pointerDown(at: At, options: { target?: HitTarget; altKey?: boolean } = {}): this {
    const screen = this.#screen(at)
    const target = options.target ?? this.hitTest(screen)
    // the overlay's layer under every element clears the selection when no element took the press
    if (!this.editor.pointerDown({ screen, target, altKey: options.altKey ?? false })) this.editor.select(null)
    return this
  }
  pointerMove(at: At, options: { altKey?: boolean } = {}): this {
    this.editor.pointerMove({ screen: this.#screen(at), target: { kind: 'canvas' }, altKey: options.altKey ?? false })
    return this
  }
  pointerUp(at: At, options: { altKey?: boolean } = {}): this {
    this.editor.pointerUp({ screen: this.#screen(at), target: { kind: 'canvas' }, altKey: options.altKey ?? false })
    return this
  }
  click(at: At): this {
    return this.pointerDown(at).pointerUp(at)
  }
  doubleClick(at: At): this {
    const screen = this.#screen(at)
    this.editor.doubleClick({ screen, target: this.hitTest(screen), altKey: false })
    return this
  }
  /** Presses at `from`, moves to `to` in `steps` screen steps and lets go there. */
  drag(from: At, to: At, steps = 5, options: { target?: HitTarget; altKey?: boolean } = {}): this {
    const a = this.#screen(from)
    const b = this.#screen(to)
    this.pointerDown(from, options)
    for (let k = 1; k <= steps; k++) {
      const t = k / steps
      this.pointerMove({ screen: [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t] }, options)
    }
    return this.pointerUp(to, options)
  }
  /** A key on the page (nothing focused, or the element named by `mods.targetTag`). */
  keyDown(key: string, mods: Mods = {}): boolean {
    return this.editor.keyDown({ key, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, ...mods })
  }
  /** A key on a focused element of the overlay. */
  keyOn(target: HitTarget, key: string, mods: Mods = {}): boolean {
    return this.editor.targetKey(target, {
      key,
      shiftKey: false,
      altKey: false,
      ctrlKey: false,
      metaKey: false,
      ...mods,
    })
  }

  /** A shape's centroid and the place of its resize square's corner (for pressing on them). */
  centroidOf(points: readonly ChartPoint[]): ChartPoint {
    return centroid(points)
  }
  farthestOf(points: readonly ChartPoint[]): ChartPoint {
    return farthest(points, centroid(points))
  }

  expectToBeIn(path: string): this {
    expect(this.editor.toolState).toBe(path)
    return this
  }
}
