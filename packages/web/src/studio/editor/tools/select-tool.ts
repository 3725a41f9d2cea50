// The select tool: idle until a press lands on a handle of the design, then one of the drag gestures until the
// release. Its keys move what is focused: points, corners and shapes 1 mm, handles 0.5 mm (Shift: 5 mm, along the
// screen), + and − resize a shape, Delete removes a corner, Enter on an edge's "+" inserts one.
import type { ChartPoint } from '@stipple/engine'
import { centroid, edgeMidpoints, nearestEdge } from '../../state/design-edits.ts'
import type { EditorStore } from '../store.ts'
import { cornerDrag } from './corner-drag.ts'
import { handleDrag } from './handle-drag.ts'
import { pointDrag } from './point-drag.ts'
import { shapeMove } from './shape-move.ts'
import { shapeResize } from './shape-resize.ts'
import type { HitTarget, KeyInfo, PointerInfo, Tool, ToolState } from './tool.ts'

const KEY_STEP_MM = 1
const KEY_STEP_BIG_MM = 5
/** Handles move in finer steps: a millimetre of handle bends the line less than a millimetre of point moves it. */
const HANDLE_KEY_STEP_MM = 0.5

/** The arrow key's screen direction, or null for other keys. */
function arrow(key: string): [number, number] | null {
  if (key === 'ArrowLeft') return [-1, 0]
  if (key === 'ArrowRight') return [1, 0]
  if (key === 'ArrowUp') return [0, -1]
  if (key === 'ArrowDown') return [0, 1]
  return null
}

/** The farthest corner from the centroid (the resize square sits beyond it). */
export function farthest(points: readonly ChartPoint[], c: ChartPoint): ChartPoint {
  return points.reduce<ChartPoint>(
    (best, p) => (Math.hypot(p[0] - c[0], p[1] - c[1]) > Math.hypot(best[0] - c[0], best[1] - c[1]) ? p : best),
    c
  )
}

export class SelectTool implements Tool {
  readonly #editor: EditorStore
  #child: ToolState | null = null
  constructor(editor: EditorStore) {
    this.#editor = editor
  }
  get id(): string {
    return this.#child?.id ?? 'select.idle'
  }

  onPointerDown(e: PointerInfo): boolean {
    const editor = this.#editor
    const t = e.target
    if (t.kind === 'point') {
      editor.select({ kind: 'point', index: t.index })
      this.#child = pointDrag(editor, t.index)
      return true
    }
    if (t.kind === 'handle') {
      const point = editor.controlPoints[t.index]
      if (point === undefined) return false
      this.#child = handleDrag(editor, t.index, t.side, point)
      return true
    }
    if (t.kind === 'corner') {
      this.#child = cornerDrag(editor, t.ref, t.index)
      editor.select({ ...t.ref, corner: t.index })
      return true
    }
    if (t.kind === 'midpoint') {
      const shape = editor.shapeOf(t.ref)
      const m = shape === null ? undefined : edgeMidpoints(shape.points, shape.util.closed)[t.index]
      if (m === undefined) return false
      // the new corner follows the pointer until it lifts: inserting and dragging are one step
      editor.insertCorner(t.ref, t.index, m, false)
      editor.select({ ...t.ref, corner: t.index + 1 })
      this.#child = cornerDrag(editor, t.ref, t.index + 1)
      return true
    }
    if (t.kind === 'shape') {
      editor.select(t.ref)
      const from = editor.toChart(e.screen)
      if (from !== null) {
        this.#child = shapeMove(editor, t.ref, from)
        return true
      }
    } else if (t.kind === 'resize') {
      const shape = editor.shapeOf(t.ref)
      if (shape !== null) {
        const c = centroid(shape.points)
        const far = farthest(shape.points, c)
        const startDist = Math.hypot(far[0] - c[0], far[1] - c[1])
        if (startDist > 0) {
          this.#child = shapeResize(editor, t.ref, c, startDist)
          return true
        }
      }
    }
    // a press on the preview itself (or one a handle let through) clears the selection
    editor.select(null)
    return false
  }
  onPointerMove(e: PointerInfo): void {
    this.#child?.onPointerMove?.(e)
  }
  onPointerUp(e: PointerInfo): void {
    const child = this.#child
    this.#child = null
    child?.onPointerUp?.(e)
  }
  onCancel(): void {
    const child = this.#child
    this.#child = null
    child?.onCancel?.()
  }
  onDoubleClick(e: PointerInfo): void {
    // a double-click on an edge puts a corner there
    if (e.target.kind !== 'shape') return
    const editor = this.#editor
    const shape = editor.shapeOf(e.target.ref)
    const p = editor.toChart(e.screen)
    const edge = p === null || shape === null ? null : nearestEdge(shape.points, shape.util.closed, p)
    if (edge === null) return
    editor.insertCorner(e.target.ref, edge.index, edge.at, true)
    editor.select({ ...e.target.ref, corner: edge.index + 1 })
  }

  /** A key on a focused handle of the design; true when the key was its. */
  onTargetKey(t: HitTarget, e: KeyInfo): boolean {
    const editor = this.#editor
    if (t.kind === 'midpoint') {
      if (e.key !== 'Enter' && e.key !== ' ') return false
      const shape = editor.shapeOf(t.ref)
      const m = shape === null ? undefined : edgeMidpoints(shape.points, shape.util.closed)[t.index]
      if (m !== undefined) {
        editor.insertCorner(t.ref, t.index, m, true)
        editor.select({ ...t.ref, corner: t.index + 1 })
      }
      return true
    }
    if (t.kind === 'shape' && (e.key === '+' || e.key === '=' || e.key === '-')) {
      editor.resizeShape(t.ref, e.key === '-' ? 1 / 1.1 : 1.1, true)
      return true
    }
    if (t.kind === 'corner' && (e.key === 'Delete' || e.key === 'Backspace')) {
      editor.removeCorner(t.ref, t.index)
      return true
    }
    const a = arrow(e.key)
    if (a === null) return false
    const step = e.shiftKey ? KEY_STEP_BIG_MM : t.kind === 'handle' ? HANDLE_KEY_STEP_MM : KEY_STEP_MM
    const by = (p: ChartPoint) => editor.stepFrom(p, a[0] * step, a[1] * step)
    if (t.kind === 'point') {
      const p = editor.controlPoints[t.index]
      const to = p === undefined ? null : by(p)
      if (to !== null) editor.movePoint(t.index, to, true)
    } else if (t.kind === 'handle') {
      const p = editor.controlPoints[t.index]
      const offset = editor.handles[t.index]?.[t.side]
      const to = p === undefined || offset === undefined ? null : by([p[0] + offset[0], p[1] + offset[1]])
      if (p !== undefined && to !== null)
        editor.moveHandle(t.index, t.side, [to[0] - p[0], to[1] - p[1]], e.altKey, true)
    } else if (t.kind === 'corner') {
      const p = editor.shapeOf(t.ref)?.points[t.index]
      const to = p === undefined ? null : by(p)
      if (to !== null) editor.moveCorner(t.ref, t.index, to, true)
    } else if (t.kind === 'shape') {
      const shape = editor.shapeOf(t.ref)
      if (shape === null) return true
      const c = centroid(shape.points)
      const to = by(c)
      if (to !== null) editor.moveShape(t.ref, to[0] - c[0], to[1] - c[1], true)
    } else return false
    return true
  }
}
