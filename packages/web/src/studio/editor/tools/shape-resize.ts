// Dragging a zone's or scar's resize square: it scales about its centroid by the pointer's distance from it.
import type { ChartPoint } from '@stipple/engine'
import type { ShapeRef } from '../kinds/shape-utils.ts'
import type { EditorStore } from '../store.ts'
import { gesture } from './gesture.ts'
import type { ToolState } from './tool.ts'

export const shapeResize = (editor: EditorStore, ref: ShapeRef, center: ChartPoint, startDist: number): ToolState =>
  gesture(editor, 'select.shape-resize', (to, done) =>
    editor.resizeShape(ref, Math.max(0.1, Math.hypot(to[0] - center[0], to[1] - center[1]) / startDist), done)
  )
