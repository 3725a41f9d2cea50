// The editor's tools are small state machines: the store hands each pointer and key event to the active tool, which
// may hand it on to a child state (a gesture under way). Targets are what the pointer pressed on the overlay.
import type { ChartPoint } from '@stipple/engine'
import type { HandleSide } from '../../state/design-edits.ts'
import type { ShapeRef } from '../kinds/shape-utils.ts'

/** What a press landed on: the overlay knows it from the element, the test harness from a hit test. */
export type HitTarget =
  | { kind: 'canvas' }
  | { kind: 'point'; index: number }
  | { kind: 'handle'; index: number; side: HandleSide }
  | { kind: 'shape'; ref: ShapeRef }
  | { kind: 'corner'; ref: ShapeRef; index: number }
  | { kind: 'midpoint'; ref: ShapeRef; index: number }
  | { kind: 'resize'; ref: ShapeRef }
  | { kind: 'first-point' }

export interface PointerInfo {
  /** Where the pointer is, in the preview's own px. */
  screen: readonly [number, number]
  target: HitTarget
  altKey: boolean
}

export interface KeyInfo {
  key: string
  shiftKey: boolean
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  /** The focused element's tag name and input type, so typing in a field is left alone. */
  targetTag?: string
  targetType?: string
}

/** What an event did: whether the page should stop its default action (and, for a press, its propagation). */
type Handled = boolean

export interface ToolState {
  /** The state's path, e.g. 'select.point-drag'. */
  readonly id: string
  onPointerDown?(e: PointerInfo): Handled
  onPointerMove?(e: PointerInfo): void
  onPointerUp?(e: PointerInfo): void
  onCancel?(): void
  onDoubleClick?(e: PointerInfo): void
  onKey?(e: KeyInfo): Handled
}

/** A gesture's step: the chart point under the pointer and whether the gesture ends with it. */
export type GestureStep = (to: ChartPoint, done: boolean, e: PointerInfo) => void

/** An active tool: it answers every press, and the keys of the overlay's focused handles. */
export interface Tool extends ToolState {
  onPointerDown(e: PointerInfo): Handled
  onTargetKey(target: HitTarget, e: KeyInfo): Handled
}
