// The studio's editor: the design with its version numbers and undo history, the selection and the active tool.
// Every edit goes through `change`; a drag (or a resting slider) previews without history and lands as one step.
// Pointer and key events go to the active tool (select, or a drawing tool), which calls the edits below.
import {
  type ChartPoint,
  type CurveHandle,
  type Design,
  projectChartPoint,
  unprojectPixel,
  type View,
} from '@stipple/engine'
import {
  controlPointsOf,
  drawRefusal,
  finishDrawing as finishShape,
  type HandleSide,
  handlesOf,
  insertCorner,
  MAX_POINTS,
  moveControlPoint,
  moveCorner,
  moveHandle,
  removeCorner,
  removeShape,
  scale,
  shapePointsOf,
  translate,
  withShapePoints,
} from '../state/design-edits.ts'
import { commit, createHistory, endDrag, type History, preview, redo, undo } from '../state/history.ts'
import { createVersioner, type DesignVersions, type Versioner } from './design-versions.ts'
import type { DrawKind, ShapeUtil } from './kinds/shape-util.ts'
import { resolveShape, type ShapeRef } from './kinds/shape-utils.ts'
import { DrawTool } from './tools/draw-tool.ts'
import { SelectTool } from './tools/select-tool.ts'
import type { HitTarget, KeyInfo, PointerInfo, Tool } from './tools/tool.ts'

export type Selection = (ShapeRef & { corner?: number }) | { kind: 'point'; index: number } | null

/** A drawing in progress: the tool and the points placed so far (chart mm). */
export interface DrawingState {
  tool: DrawKind
  points: readonly ChartPoint[]
}

/** One state of the design in history, with its version numbers. */
export interface DesignEntry {
  design: Design
  versions: DesignVersions
}

export interface EditorState {
  history: History<DesignEntry>
  selection: Selection
  /** The drawing in progress while a drawing tool is on. */
  drawing: DrawingState | null
  /** Why a drawing was refused or a point not placed. */
  drawMessage: string | null
}

/** A drag or slider resting this long counts as done (one undo step, and the plan updates). */
export const SETTLE_MS = 400

export class EditorStore {
  #state: EditorState
  readonly #versioner: Versioner = createVersioner()
  readonly #listeners = new Set<() => void>()
  #tool: Tool
  #settle: ReturnType<typeof setTimeout> | null = null
  /** A shape's points when its gesture started, so moves and resizes are relative to them. */
  #gestureStart: { key: string; points: readonly ChartPoint[] } | null = null
  #view: View | null = null
  #size = 1024
  #derived: { design: Design; controlPoints: ChartPoint[]; handles: CurveHandle[] } | null = null

  constructor(design: Design) {
    this.#state = { history: createHistory(this.#entry(design)), selection: null, drawing: null, drawMessage: null }
    this.#tool = new SelectTool(this)
  }

  // --- reading -------------------------------------------------------------------------------------------------

  get state(): EditorState {
    return this.#state
  }
  get design(): Design {
    return this.#state.history.present.design
  }
  get versions(): DesignVersions {
    return this.#state.history.present.versions
  }
  get selection(): Selection {
    return this.#state.selection
  }
  /** The active tool: 'select' or the drawing tool's kind. */
  get tool(): 'select' | DrawKind {
    return this.#tool instanceof DrawTool ? this.#tool.kind : 'select'
  }
  /** The active tool's state path, e.g. 'select.idle', 'select.point-drag', 'draw.zone'. */
  get toolState(): string {
    return this.#tool.id
  }
  get dragging(): boolean {
    return this.#state.history.dragFrom !== null
  }
  get canUndo(): boolean {
    return this.#state.history.past.length > 0
  }
  get canRedo(): boolean {
    return this.#state.history.future.length > 0
  }
  get controlPoints(): readonly ChartPoint[] {
    return this.#hairline().controlPoints
  }
  get handles(): readonly CurveHandle[] {
    return this.#hairline().handles
  }
  #hairline() {
    const design = this.design
    if (this.#derived?.design !== design)
      this.#derived = { design, controlPoints: controlPointsOf(design), handles: handlesOf(design) }
    return this.#derived
  }
  /** A zone or scar with its util and outline; null when there is none with that id. */
  shapeOf(ref: ShapeRef): { util: ShapeUtil; points: readonly ChartPoint[] } | null {
    const shape = resolveShape(this.design, ref)
    return shape === null ? null : { util: shape.util, points: shape.util.pointsOf(shape.item) }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
  getState = (): EditorState => this.#state

  #set(patch: Partial<EditorState>): void {
    this.#state = { ...this.#state, ...patch }
    for (const l of this.#listeners) l()
  }
  #entry(design: Design): DesignEntry {
    return { design, versions: this.#versioner.versionsOf(design) }
  }
  #setHistory(history: History<DesignEntry>): void {
    if (history === this.#state.history) return
    // a design restored from history brings its own numbers back
    this.#versioner.restore(history.present.design, history.present.versions)
    this.#set({ history })
  }

  // --- the preview's geometry ----------------------------------------------------------------------------------

  /** The camera the overlay draws with and its size in px: pointer events come in those px. */
  setViewport(view: View, size: number): void {
    this.#view = view
    this.#size = size
  }
  /** A handle's drawn size in preview px (the overlay draws them so). */
  get handlePx(): number {
    return Math.max(8, this.#size / 80)
  }
  toChart(screen: readonly [number, number]): ChartPoint | null {
    const c = this.#view === null ? null : unprojectPixel(this.#view, screen[0], screen[1])
    return c === null ? null : [c.u, c.v]
  }
  toScreen(p: ChartPoint): [number, number] | null {
    const q = this.#view === null ? null : projectChartPoint(this.#view, p[0], p[1])
    return q === null ? null : [q.x, q.y]
  }
  /** The chart point a screen step of (dx, dy) mm away from p lands on. */
  stepFrom(p: ChartPoint, dx: number, dy: number): ChartPoint | null {
    const view = this.#view
    const s = this.toScreen(p)
    if (view === null || s === null) return null
    return this.toChart([s[0] + dx * view.pxPerMm, s[1] + dy * view.pxPerMm])
  }

  // --- history ---------------------------------------------------------------------------------------------------

  /**
   * Applies an edit: `done` lands it (with any drag before it) as one step; otherwise it previews, and `rests` (a
   * slider, which may end with no event at all) lands it once it has rested for SETTLE_MS.
   */
  change(f: (d: Design) => Design, done: boolean, rests = false): void {
    if (this.#settle !== null) clearTimeout(this.#settle)
    this.#settle = done || !rests ? null : setTimeout(() => this.endDrag(), SETTLE_MS)
    const h = this.#state.history
    const next = f(h.present.design)
    const entry = next === h.present.design ? h.present : this.#entry(next)
    this.#setHistory(done ? endDrag(h.dragFrom === null ? commit(h, entry) : preview(h, entry)) : preview(h, entry))
  }
  /** Lands a drag in progress as one step. */
  endDrag(): void {
    this.#setHistory(endDrag(this.#state.history))
  }
  /** The end of a pointer gesture: the drag lands and the next gesture starts from the shapes as they are. */
  endGesture(): void {
    this.#gestureStart = null
    this.endDrag()
  }
  undo = (): void => this.#setHistory(undo(this.#state.history))
  redo = (): void => this.#setHistory(redo(this.#state.history))
  /** A design loaded again (the newest version): one undoable step. */
  replace(design: Design): void {
    this.change(() => design, true)
  }

  // --- selection and tools ------------------------------------------------------------------------------------

  select = (selection: Selection): void => {
    if (!sameSelection(selection, this.#state.selection)) this.#set({ selection })
  }
  /**
   * Turns a drawing tool on (its button), or off when it is on already. Returns whether a drawing started; a
   * refused tool leaves the reason in `drawMessage`.
   */
  toggleDrawing(kind: DrawKind): boolean {
    if (this.#state.drawing?.tool === kind) {
      this.cancelDrawing()
      return false
    }
    const refusal = drawRefusal(this.design, kind)
    if (refusal !== null) {
      this.#set({ drawMessage: refusal })
      return false
    }
    this.#tool.onCancel?.()
    this.#tool = new DrawTool(this, kind)
    this.#set({ drawMessage: null, selection: null, drawing: { tool: kind, points: [] } })
    return true
  }
  cancelDrawing = (): void => {
    this.#tool = new SelectTool(this)
    this.#set({ drawing: null, drawMessage: null })
  }
  removeLastPoint = (): void => {
    const d = this.#state.drawing
    this.#set({ drawMessage: null, drawing: d === null ? d : { ...d, points: d.points.slice(0, -1) } })
  }
  /** A press on the preview while drawing: the point, or null off the head. */
  addDrawPoint(p: ChartPoint | null): void {
    if (p === null) {
      this.#set({ drawMessage: 'That point is off the head: place the points on the scalp.' })
      return
    }
    const d = this.#state.drawing
    this.#set({
      drawMessage: null,
      drawing: d === null || d.points.length >= MAX_POINTS ? d : { ...d, points: [...d.points, p] },
    })
  }
  /** Ends the drawing as one step of history and selects the new shape, or says why it cannot be used. */
  finishDrawing = (): void => {
    const d = this.#state.drawing
    if (d === null) return
    const r = finishShape(this.design, d.tool, d.points)
    if (!r.ok) {
      this.#set({ drawMessage: r.message })
      return
    }
    this.change(() => r.design, true)
    this.#tool = new SelectTool(this)
    this.#set({ drawing: null, drawMessage: null, selection: r.selection })
  }

  // --- events --------------------------------------------------------------------------------------------------

  /** A press on the overlay; true when the tool took it (the page then stops its default and its propagation). */
  pointerDown(e: PointerInfo): boolean {
    return this.#tool.onPointerDown(e)
  }
  pointerMove(e: PointerInfo): void {
    this.#tool.onPointerMove?.(e)
  }
  pointerUp(e: PointerInfo): void {
    this.#tool.onPointerUp?.(e)
  }
  pointerCancel(e: PointerInfo): void {
    // a cancelled pointer ends its gesture where it was, as a release does
    this.#tool.onPointerUp?.(e)
  }
  doubleClick(e: PointerInfo): void {
    this.#tool.onDoubleClick?.(e)
  }
  /** A key on a focused handle of the overlay; true when it was the handle's. */
  targetKey(target: HitTarget, e: KeyInfo): boolean {
    return this.#tool.onTargetKey(target, e)
  }
  /** A key anywhere on the page: undo and redo (Ctrl or ⌘ + Z, Shift + Z or Y), then the tool's own keys. */
  keyDown(e: KeyInfo): boolean {
    let handled = false
    if ((e.ctrlKey || e.metaKey) && !(e.targetTag === 'INPUT' && e.targetType === 'text')) {
      const key = e.key.toLowerCase()
      if (key === 'z' && !e.shiftKey) {
        this.undo()
        handled = true
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        this.redo()
        handled = true
      }
    }
    return (this.#tool instanceof DrawTool && this.#tool.onKey(e)) || handled
  }

  // --- edits ---------------------------------------------------------------------------------------------------

  movePoint(index: number, to: ChartPoint, done: boolean): void {
    this.change((d) => moveControlPoint(d, index, to), done)
  }
  moveHandle(index: number, side: HandleSide, offset: readonly [number, number], corner: boolean, done: boolean): void {
    this.change((d) => moveHandle(d, index, side, offset, corner), done)
  }
  /** Moves a shape by a chart offset from where its gesture started. */
  moveShape(ref: ShapeRef, dx: number, dy: number, done: boolean): void {
    this.#reshape(ref, (p) => translate(p, dx, dy), done)
  }
  /** Scales a shape about its centroid by a factor of its size when its gesture started. */
  resizeShape(ref: ShapeRef, factor: number, done: boolean): void {
    this.#reshape(ref, (p) => scale(p, factor), done)
  }
  #reshape(ref: ShapeRef, f: (points: readonly ChartPoint[]) => ChartPoint[], done: boolean): void {
    const key = `${ref.kind}:${ref.id}`
    if (this.#gestureStart?.key !== key) {
      const points = shapePointsOf(this.design, ref)
      if (points === null) return
      this.#gestureStart = { key, points }
    }
    const next = f(this.#gestureStart.points)
    if (done) this.#gestureStart = null
    this.change((d) => withShapePoints(d, ref, next), done)
  }
  moveCorner(ref: ShapeRef, index: number, to: ChartPoint, done: boolean): void {
    this.change((d) => moveCorner(d, ref, index, to), done)
  }
  /** Inserts a corner at `at` after corner `after`; not `done` when a drag of the new corner follows. */
  insertCorner(ref: ShapeRef, after: number, at: ChartPoint, done: boolean): void {
    this.change((d) => insertCorner(d, ref, after, at), done)
  }
  /** Removes a corner (never below the shape's fewest) and selects the one before it. */
  removeCorner(ref: ShapeRef, index: number): void {
    const shape = this.shapeOf(ref)
    if (shape === null || shape.points.length <= shape.util.minPoints) return
    this.change((d) => removeCorner(d, ref, index), true)
    this.select({ ...ref, corner: Math.min(index, shape.points.length - 2) })
  }
  /** Removes the selected shape's selected corner (the panel's button). */
  removeSelectedCorner = (): void => {
    const s = this.#state.selection
    if (s === null || s.kind === 'point' || s.corner === undefined) return
    const before = this.design
    const after = removeCorner(before, s, s.corner)
    if (after === before) return
    this.change(() => after, true)
    this.select({ ...s, corner: Math.max(0, s.corner - 1) })
  }
  removeShape(ref: ShapeRef): void {
    this.select(null)
    this.change((d) => removeShape(d, ref), true)
  }
}

function sameSelection(a: Selection, b: Selection): boolean {
  if (a === null || b === null) return a === b
  if (a.kind === 'point' || b.kind === 'point')
    return a.kind === b.kind && 'index' in a && 'index' in b && a.index === b.index
  return a.kind === b.kind && a.id === b.id && a.corner === b.corner
}
