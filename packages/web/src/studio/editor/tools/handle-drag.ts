// Dragging a control point's tangent handle: its partner turns opposite (a smooth point) unless Alt is held.
import type { ChartPoint } from '@stipple/engine'
import type { HandleSide } from '../../state/design-edits.ts'
import type { EditorStore } from '../store.ts'
import { gesture } from './gesture.ts'
import type { ToolState } from './tool.ts'

export const handleDrag = (editor: EditorStore, index: number, side: HandleSide, point: ChartPoint): ToolState =>
  gesture(editor, 'select.handle-drag', (to, done, e) =>
    editor.moveHandle(index, side, [to[0] - point[0], to[1] - point[1]], e.altKey, done)
  )
