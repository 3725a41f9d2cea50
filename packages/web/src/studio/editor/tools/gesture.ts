// A drag gesture: the pointer went down on a handle of the design; each move is a step of the edit (previewed), the
// release lands it as one step of history. A press and release in place changes nothing.
import type { EditorStore } from '../store.ts'
import type { GestureStep, PointerInfo, ToolState } from './tool.ts'

export function gesture(editor: EditorStore, id: string, step: GestureStep): ToolState {
  let moved = false
  const to = (e: PointerInfo, done: boolean) => {
    if (!done) moved = true
    const c = moved ? editor.toChart(e.screen) : null
    if (c !== null) step(c, done, e)
    if (done) editor.endGesture()
  }
  return {
    id,
    onPointerMove: (e) => to(e, false),
    onPointerUp: (e) => to(e, true),
    onCancel: () => editor.endGesture(),
  }
}
