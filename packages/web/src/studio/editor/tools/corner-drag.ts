// Dragging one corner of a zone's or scar's outline (or a point of an FUT line), a new one included.
import type { ShapeRef } from '../kinds/shape-utils.ts'
import type { EditorStore } from '../store.ts'
import { gesture } from './gesture.ts'
import type { ToolState } from './tool.ts'

export const cornerDrag = (editor: EditorStore, ref: ShapeRef, index: number): ToolState =>
  gesture(editor, 'select.corner-drag', (to, done) => editor.moveCorner(ref, index, to, done))
