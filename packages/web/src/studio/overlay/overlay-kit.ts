// What the overlay's layers share: the editor they send events to, the camera, the handles' drawn size and touch
// reach, and the bridge from DOM events to the editor's (preview px, what was pressed, modifier keys).
import { type ChartPoint, projectChartPoint, type View } from '@stipple/engine'
import type { KeyboardEvent, PointerEvent } from 'react'
import type { ShapeRef } from '../editor/kinds/shape-utils.ts'
import type { EditorStore } from '../editor/store.ts'
import type { HitTarget, PointerInfo } from '../editor/tools/tool.ts'

/** A zone or scar as the overlay draws it. */
export interface OverlayShape {
  ref: ShapeRef
  label: string
  points: readonly ChartPoint[]
  closed: boolean
  /** The fewest corners it keeps (Delete refuses below). */
  minCorners: number
  noun: 'corner' | 'point'
}

export interface OverlayKit {
  editor: EditorStore
  view: View
  size: number
  /** A handle's drawn size, preview px. */
  handle: number
  /** Half the smallest touch target on a touch screen, preview px (0 with a mouse or pen only). */
  touch: number
  /** A pointer's or mouse's place in preview px. */
  toPreview(e: { clientX: number; clientY: number }): [number, number]
  /** A press on one of the overlay's targets, handed to the editor. */
  press(e: PointerEvent, target: HitTarget): void
  /** A key on one of the overlay's focusable targets, handed to the editor. */
  key(e: KeyboardEvent, target: HitTarget): void
  info(e: PointerEvent | { clientX: number; clientY: number; altKey: boolean }, target: HitTarget): PointerInfo
  project(p: ChartPoint): { x: number; y: number } | null
}

export function createKit(
  editor: EditorStore,
  view: View,
  size: number,
  handle: number,
  touch: number,
  element: () => SVGSVGElement | null
): OverlayKit {
  const toPreview = (e: { clientX: number; clientY: number }): [number, number] => {
    const rect = element()?.getBoundingClientRect()
    if (rect === undefined || rect.width === 0) return [0, 0]
    return [((e.clientX - rect.left) * size) / rect.width, ((e.clientY - rect.top) * size) / rect.height]
  }
  const info = (e: { clientX: number; clientY: number; altKey: boolean }, target: HitTarget): PointerInfo => ({
    screen: toPreview(e),
    target,
    altKey: e.altKey,
  })
  return {
    editor,
    view,
    size,
    handle,
    touch,
    toPreview,
    info,
    project: (p) => projectChartPoint(view, p[0], p[1]),
    press(e, target) {
      if (!editor.pointerDown(info(e, target))) return
      e.preventDefault()
      e.stopPropagation()
      // a drag follows the pointer even off its handle; a drawing's presses are single
      if (!editor.toolState.startsWith('select.') || editor.toolState === 'select.idle') return
      try {
        ;(e.currentTarget as Element).setPointerCapture?.(e.pointerId)
      } catch {
        // a pointer already lifted cannot be captured (NotFoundError); its moves still bubble to the layer
      }
    },
    key(e, target) {
      const handled = editor.targetKey(target, {
        key: e.key,
        shiftKey: e.shiftKey,
        altKey: e.altKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
      })
      if (!handled) return
      e.preventDefault()
      // the first point's Enter closes the outline here; the page's Enter must not finish it again
      if (target.kind === 'first-point') e.stopPropagation()
    },
  }
}
