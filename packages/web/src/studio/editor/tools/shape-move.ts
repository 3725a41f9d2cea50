// Dragging a zone or scar by its outline: it moves by the pointer's offset from where the press was.
import type { ChartPoint } from '@stipple/engine'
import type { ShapeRef } from '../kinds/shape-utils.ts'
import type { EditorStore } from '../store.ts'
import { gesture } from './gesture.ts'
import type { ToolState } from './tool.ts'

export const shapeMove = (editor: EditorStore, ref: ShapeRef, from: ChartPoint): ToolState =>
  gesture(editor, 'select.shape-move', (to, done) => editor.moveShape(ref, to[0] - from[0], to[1] - from[1], done))
