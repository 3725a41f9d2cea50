// Dragging a hairline control point.
import type { EditorStore } from '../store.ts'
import { gesture } from './gesture.ts'
import type { ToolState } from './tool.ts'

export const pointDrag = (editor: EditorStore, index: number): ToolState =>
  gesture(editor, 'select.point-drag', (to, done) => editor.movePoint(index, to, done))
