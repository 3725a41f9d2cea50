// A drawing tool (zone, FUT scar, FUE donor area): each press on the preview places the next point; a press on the
// first point of an outline, a double-click, Enter or "Finish" ends it; Backspace takes back the last point; Escape
// abandons it.
import type { DrawKind } from '../kinds/shape-util.ts'
import { SHAPE_UTILS } from '../kinds/shape-utils.ts'
import type { EditorStore } from '../store.ts'
import type { HitTarget, KeyInfo, PointerInfo, Tool } from './tool.ts'

const FIELDS = ['INPUT', 'SELECT', 'TEXTAREA']

export class DrawTool implements Tool {
  readonly #editor: EditorStore
  readonly kind: DrawKind
  constructor(editor: EditorStore, kind: DrawKind) {
    this.#editor = editor
    this.kind = kind
  }
  get id(): string {
    return `draw.${this.kind}`
  }

  onPointerDown(e: PointerInfo): boolean {
    const editor = this.#editor
    if (e.target.kind === 'first-point') {
      editor.finishDrawing()
      return true
    }
    const points = editor.state.drawing?.points ?? []
    const [x, y] = e.screen
    const near = (i: number, r: number) => {
      const p = points[i]
      const q = p === undefined ? null : editor.toScreen(p)
      return q !== null && Math.hypot(q[0] - x, q[1] - y) <= r
    }
    const handle = editor.handlePx
    // the second press of a double-click lands on the point the first one placed
    if (near(points.length - 1, handle * 0.75)) return true
    if (SHAPE_UTILS[this.kind].closed && points.length >= 3 && near(0, handle * 1.5)) {
      editor.finishDrawing()
      return true
    }
    editor.addDrawPoint(editor.toChart(e.screen))
    return true
  }
  onDoubleClick(): void {
    this.#editor.finishDrawing()
  }
  onKey(e: KeyInfo): boolean {
    if (e.targetTag !== undefined && FIELDS.includes(e.targetTag)) return false
    // Enter on a focused button presses that button (Cancel drawing, Remove last point)
    if (e.key === 'Enter' && e.targetTag !== 'BUTTON') this.#editor.finishDrawing()
    else if (e.key === 'Escape') this.#editor.cancelDrawing()
    else if (e.key === 'Backspace') this.#editor.removeLastPoint()
    else return false
    return true
  }
  onTargetKey(t: HitTarget, e: KeyInfo): boolean {
    if (t.kind !== 'first-point' || (e.key !== 'Enter' && e.key !== ' ')) return false
    this.#editor.finishDrawing()
    return true
  }
}
