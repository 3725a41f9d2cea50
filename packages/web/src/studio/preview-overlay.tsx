// The interactive layer over the preview: the hairline (the engine's curve, dashed) with its control points and the
// selected point's two tangent handles, and the selected zone or scar with its corners, a "+" on each edge to insert
// one, and its resize handle. Pointer events (mouse, pen, touch) drag them; the points, handles, corners and shapes
// are focusable and arrow keys move them (points, corners and shapes 1 mm, handles 0.5 mm; Shift for 5 mm), + and −
// resize the selected shape, Delete removes a focused corner. A handle turns its partner opposite so the line stays
// smooth, unless Alt is held (a corner). While a drawing tool is on, a press on the preview places the next point
// instead (a press on the first point, or a double-click, finishes). Screen px here are the preview's own (the
// SVG's viewBox).
import { type ChartPoint, type CurveHandle, projectChartPoint, unprojectPixel, type View } from '@stipple/engine'
import type { KeyboardEvent, PointerEvent } from 'react'
import { Fragment, useEffect, useRef, useState } from 'react'
import { type DrawTool, edgeMidpoints, type HandleSide, nearestEdge } from './state/design-edits.ts'

export type Selection =
  | { kind: 'zone'; id: string; corner?: number }
  | { kind: 'scar'; id: string; corner?: number }
  | { kind: 'point'; index: number }
  | null

export interface OverlayShape {
  kind: 'zone' | 'scar'
  id: string
  label: string
  points: readonly ChartPoint[]
  closed: boolean
  /** The fewest corners it keeps (Delete refuses below). */
  minCorners: number
}

/** A drawing in progress: the tool and the points placed so far (chart mm). */
export interface DrawingState {
  tool: DrawTool
  points: readonly ChartPoint[]
}

export interface OverlayProps {
  view: View
  size: number
  controlPoints: readonly ChartPoint[]
  /** Each control point's tangent handles (offsets from the point, mm) as the curve uses them. */
  handles: readonly CurveHandle[]
  /** The designed hairline as the engine draws it, shown dashed under the points. */
  curve: readonly ChartPoint[]
  shapes: readonly OverlayShape[]
  selection: Selection
  onSelect(selection: Selection): void
  /** A drag step (or a key press, with `done`): the point's new chart position. */
  onMovePoint(index: number, to: ChartPoint, done: boolean): void
  /** A handle's drag step (or key press, with `done`): its new offset from its point; `corner` moves it alone. */
  onMoveHandle(index: number, side: HandleSide, offset: readonly [number, number], corner: boolean, done: boolean): void
  /** Moves a shape by a chart offset from where the gesture started (the caller keeps the start). */
  onMoveShape(shape: OverlayShape, dx: number, dy: number, done: boolean): void
  onResizeShape(shape: OverlayShape, factor: number, done: boolean): void
  /** A corner's drag step (or key press, with `done`): its new chart position. */
  onMoveCorner(shape: OverlayShape, index: number, to: ChartPoint, done: boolean): void
  /** Inserts a corner at `at` after corner `after`; not `done` when a drag of the new corner follows. */
  onInsertCorner(shape: OverlayShape, after: number, at: ChartPoint, done: boolean): void
  onRemoveCorner(shape: OverlayShape, index: number): void
  onDragEnd(): void
  /** The drawing in progress, if a drawing tool is on. */
  drawing: DrawingState | null
  /** A press on the preview while drawing: the point, or null off the head. */
  onDrawPoint(p: ChartPoint | null): void
  /** The first point pressed again, or a double-click: the drawing is done. */
  onDrawFinish(): void
}

type Gesture = (
  | { kind: 'point'; index: number }
  | { kind: 'handle'; index: number; side: HandleSide; point: ChartPoint }
  | { kind: 'move'; shape: OverlayShape; from: ChartPoint }
  | { kind: 'resize'; shape: OverlayShape; center: ChartPoint; startDist: number }
  | { kind: 'corner'; shape: OverlayShape; index: number }
) & {
  /** Whether the pointer moved since it went down: a press and release in place selects without changing anything. */
  moved?: boolean
}

const KEY_STEP_MM = 1
const KEY_STEP_BIG_MM = 5
/** Handles move in finer steps: a millimetre of handle bends the line less than a millimetre of point moves it. */
const HANDLE_KEY_STEP_MM = 0.5

/** Which way each handle of a point reaches, for its name: the points run from the client's right to left. */
const HANDLE_TOWARDS: Readonly<Record<HandleSide, string>> = { in: 'right', out: 'left' }

function centroid(points: readonly ChartPoint[]): ChartPoint {
  let x = 0
  let y = 0
  for (const p of points) {
    x += p[0]
    y += p[1]
  }
  return points.length === 0 ? [0, 0] : [x / points.length, y / points.length]
}

/** The arrow key's screen direction, or null for other keys. */
function arrow(key: string): [number, number] | null {
  if (key === 'ArrowLeft') return [-1, 0]
  if (key === 'ArrowRight') return [1, 0]
  if (key === 'ArrowUp') return [0, -1]
  if (key === 'ArrowDown') return [0, 1]
  return null
}

/** The smallest touch target, CSS px (WCAG 2.5.5; the README's promise for the clinic's tablets). */
const TOUCH_CSS_PX = 44

export function PreviewOverlay(props: OverlayProps) {
  const { view, size } = props
  const svg = useRef<SVGSVGElement>(null)
  const gesture = useRef<Gesture | null>(null)
  const handle = Math.max(8, size / 80)
  // Touch targets: on a touch screen (a tablet in the chair) every control answers over at least 44×44 CSS px,
  // whatever the preview's drawn size; `touch` is half of that in the overlay's own px, and the visible marks stay
  // small. With only a mouse or pen the marks themselves are the targets, so close handles stay apart.
  const [cssPerPx, setCssPerPx] = useState(1)
  const [coarse, setCoarse] = useState(false)
  useEffect(() => {
    const element = svg.current
    if (element === null || typeof ResizeObserver === 'undefined') return
    const measure = () => {
      const width = element.getBoundingClientRect().width
      if (width > 0) setCssPerPx(width / size)
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [size])
  useEffect(() => {
    if (typeof matchMedia === 'undefined') return
    const query = matchMedia('(any-pointer: coarse)')
    setCoarse(query.matches)
    const changed = () => setCoarse(query.matches)
    query.addEventListener('change', changed)
    return () => query.removeEventListener('change', changed)
  }, [])
  const touch = coarse ? TOUCH_CSS_PX / 2 / cssPerPx : 0

  /** A pointer's or mouse's place in preview px. */
  const toPreview = (e: { clientX: number; clientY: number }): [number, number] => {
    const rect = svg.current?.getBoundingClientRect()
    if (rect === undefined || rect.width === 0) return [0, 0]
    return [((e.clientX - rect.left) * size) / rect.width, ((e.clientY - rect.top) * size) / rect.height]
  }
  const toChart = (e: { clientX: number; clientY: number }): ChartPoint | null => {
    const [x, y] = toPreview(e)
    const c = unprojectPixel(view, x, y)
    return c === null ? null : [c.u, c.v]
  }
  /** The chart point a screen step of (dx, dy) mm away from p lands on. */
  const stepFrom = (p: ChartPoint, dx: number, dy: number): ChartPoint | null => {
    const s = projectChartPoint(view, p[0], p[1])
    if (s === null) return null
    const c = unprojectPixel(view, s.x + dx * view.pxPerMm, s.y + dy * view.pxPerMm)
    return c === null ? null : [c.u, c.v]
  }

  const start = (e: PointerEvent, g: Gesture) => {
    e.preventDefault()
    e.stopPropagation()
    gesture.current = g
    try {
      ;(e.currentTarget as Element).setPointerCapture?.(e.pointerId)
    } catch {
      // a pointer already lifted cannot be captured (NotFoundError); its moves still bubble to the layer
    }
  }
  const move = (e: PointerEvent, done: boolean) => {
    const g = gesture.current
    if (g === null) return
    if (!done) g.moved = true
    const c = g.moved ? toChart(e) : null
    if (c !== null) {
      if (g.kind === 'point') props.onMovePoint(g.index, c, done)
      else if (g.kind === 'handle')
        props.onMoveHandle(g.index, g.side, [c[0] - g.point[0], c[1] - g.point[1]], e.altKey, done)
      else if (g.kind === 'move') props.onMoveShape(g.shape, c[0] - g.from[0], c[1] - g.from[1], done)
      else if (g.kind === 'corner') props.onMoveCorner(g.shape, g.index, c, done)
      else {
        const d = Math.hypot(c[0] - g.center[0], c[1] - g.center[1])
        props.onResizeShape(g.shape, Math.max(0.1, d / g.startDist), done)
      }
    }
    if (done) {
      gesture.current = null
      props.onDragEnd()
    }
  }

  const pointKey = (e: KeyboardEvent, index: number, p: ChartPoint) => {
    const a = arrow(e.key)
    if (a === null) return
    e.preventDefault()
    const step = e.shiftKey ? KEY_STEP_BIG_MM : KEY_STEP_MM
    const to = stepFrom(p, a[0] * step, a[1] * step)
    if (to !== null) props.onMovePoint(index, to, true)
  }
  const handleKey = (
    e: KeyboardEvent,
    index: number,
    side: HandleSide,
    p: ChartPoint,
    offset: readonly [number, number]
  ) => {
    const a = arrow(e.key)
    if (a === null) return
    e.preventDefault()
    const step = e.shiftKey ? KEY_STEP_BIG_MM : HANDLE_KEY_STEP_MM
    const to = stepFrom([p[0] + offset[0], p[1] + offset[1]], a[0] * step, a[1] * step)
    if (to !== null) props.onMoveHandle(index, side, [to[0] - p[0], to[1] - p[1]], e.altKey, true)
  }
  const shapeKey = (e: KeyboardEvent, shape: OverlayShape) => {
    if (e.key === '+' || e.key === '=' || e.key === '-') {
      e.preventDefault()
      props.onResizeShape(shape, e.key === '-' ? 1 / 1.1 : 1.1, true)
      return
    }
    const a = arrow(e.key)
    if (a === null) return
    e.preventDefault()
    const step = e.shiftKey ? KEY_STEP_BIG_MM : KEY_STEP_MM
    const c = centroid(shape.points)
    const to = stepFrom(c, a[0] * step, a[1] * step)
    if (to !== null) props.onMoveShape(shape, to[0] - c[0], to[1] - c[1], true)
  }

  const cornerKey = (e: KeyboardEvent, shape: OverlayShape, index: number, p: ChartPoint) => {
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault()
      if (shape.points.length > shape.minCorners) props.onRemoveCorner(shape, index)
      return
    }
    const a = arrow(e.key)
    if (a === null) return
    e.preventDefault()
    const step = e.shiftKey ? KEY_STEP_BIG_MM : KEY_STEP_MM
    const to = stepFrom(p, a[0] * step, a[1] * step)
    if (to !== null) props.onMoveCorner(shape, index, to, true)
  }

  // drawing: where the pointer hovers (preview px), for the edge that would come next
  const [cursor, setCursor] = useState<[number, number] | null>(null)
  const drawing = props.drawing
  const drawDown = (e: PointerEvent) => {
    e.preventDefault()
    e.stopPropagation()
    if (drawing === null) return
    const [x, y] = toPreview(e)
    setCursor([x, y])
    const near = (p: ChartPoint | undefined, r: number) => {
      const q = p === undefined ? null : projectChartPoint(view, p[0], p[1])
      return q !== null && Math.hypot(q.x - x, q.y - y) <= r
    }
    // the second press of a double-click lands on the point the first one placed
    if (near(drawing.points[drawing.points.length - 1], handle * 0.75)) return
    if (drawing.tool !== 'fut' && drawing.points.length >= 3 && near(drawing.points[0], handle * 1.5)) {
      props.onDrawFinish()
      return
    }
    const c = unprojectPixel(view, x, y)
    props.onDrawPoint(c === null ? null : [c.u, c.v])
  }

  const project = (points: readonly ChartPoint[]) =>
    points.map((p) => projectChartPoint(view, p[0], p[1])).filter((q) => q !== null)

  const curve = project(props.curve)
  const selectedPoint =
    props.selection?.kind === 'point' && props.selection.index < props.controlPoints.length
      ? props.selection.index
      : null
  /** The selected point's handles that shape a span (the first point has no span before it, the last none after). */
  const tips = (i: number) => {
    const p = props.controlPoints[i]
    const h = props.handles[i]
    if (p === undefined || h === undefined) return []
    const sides: HandleSide[] = []
    if (i > 0) sides.push('in')
    if (i < props.controlPoints.length - 1) sides.push('out')
    return sides.flatMap((side) => {
      const offset = h[side]
      const at = projectChartPoint(view, p[0] + offset[0], p[1] + offset[1])
      const from = projectChartPoint(view, p[0], p[1])
      return at === null || from === null ? [] : [{ side, offset, at, from, p, automatic: h.automatic }]
    })
  }
  const selectedTips = selectedPoint === null ? [] : tips(selectedPoint)

  /** The selected shape's corners (squares) and a "+" on each edge, after its outline so Tab reaches them next. */
  const corners = (shape: OverlayShape) => {
    const n = shape.points.length
    const noun = shape.closed ? 'corner' : 'point'
    const selectedCorner =
      props.selection?.kind === shape.kind && props.selection.id === shape.id ? props.selection.corner : undefined
    const removable = n > shape.minCorners
    return (
      <>
        {edgeMidpoints(shape.points, shape.closed).map((m, i) => {
          const q = projectChartPoint(view, m[0], m[1])
          if (q === null) return null
          const r = handle * 0.6
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: an edge is its index along the outline
            <g key={`mid-${i}`}>
              <circle cx={q.x} cy={q.y} r={r} fill="rgba(255,255,255,0.85)" stroke="#1d5fa8" strokeWidth={1.5} />
              <path
                d={`M${q.x - r * 0.6},${q.y}H${q.x + r * 0.6}M${q.x},${q.y - r * 0.6}V${q.y + r * 0.6}`}
                stroke="#1d5fa8"
                strokeWidth={2}
                pointerEvents="none"
              />
              {/* biome-ignore lint/a11y/useSemanticElements: an SVG handle cannot be a <button>; it is focusable and keyboard operable */}
              <circle
                cx={q.x}
                cy={q.y}
                r={Math.max(handle * 1.2, touch)}
                fill="transparent"
                className="studio-midpoint"
                role="button"
                tabIndex={0}
                aria-label={`Add a ${noun} to ${shape.label} between ${noun}s ${i + 1} and ${((i + 1) % n) + 1}`}
                style={{ cursor: 'copy' }}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter' && e.key !== ' ') return
                  e.preventDefault()
                  props.onInsertCorner(shape, i, m, true)
                  props.onSelect({ kind: shape.kind, id: shape.id, corner: i + 1 })
                }}
                onPointerDown={(e) => {
                  // the new corner follows the pointer until it lifts: inserting and dragging are one step
                  props.onInsertCorner(shape, i, m, false)
                  props.onSelect({ kind: shape.kind, id: shape.id, corner: i + 1 })
                  start(e, { kind: 'corner', shape, index: i + 1 })
                }}
              />
            </g>
          )
        })}
        {shape.points.map((p, i) => {
          const q = projectChartPoint(view, p[0], p[1])
          if (q === null) return null
          const on = selectedCorner === i
          const side = handle * 1.3
          const hit = Math.max(handle * 2.4, touch * 2)
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a corner is its index along the outline
            <g key={`corner-${i}`}>
              <rect
                x={q.x - side / 2}
                y={q.y - side / 2}
                width={side}
                height={side}
                fill={on ? '#ffffff' : '#7cc0ff'}
                stroke="#222"
                strokeWidth={on ? 3 : 2}
                pointerEvents="none"
              />
              {/* biome-ignore lint/a11y/useSemanticElements: an SVG handle cannot be a <button>; it is focusable and keyboard operable */}
              <rect
                x={q.x - hit / 2}
                y={q.y - hit / 2}
                width={hit}
                height={hit}
                fill="transparent"
                className="studio-corner"
                role="button"
                tabIndex={0}
                aria-label={`${shape.label}, ${noun} ${i + 1} of ${n}: drag or use the arrow keys to move${removable ? '; Delete removes it' : ''}`}
                aria-pressed={on}
                style={{ cursor: 'grab' }}
                onFocus={() => props.onSelect({ kind: shape.kind, id: shape.id, corner: i })}
                onKeyDown={(e) => cornerKey(e, shape, i, p)}
                onPointerDown={(e) => {
                  start(e, { kind: 'corner', shape, index: i })
                  // focused (which selects it), so Delete and the arrow keys act on it next
                  ;(e.currentTarget as SVGElement).focus({ preventScroll: true })
                  props.onSelect({ kind: shape.kind, id: shape.id, corner: i })
                }}
              />
            </g>
          )
        })}
      </>
    )
  }

  /** The drawing in progress: its points, the edge to the pointer and (for an outline) the closing edge. */
  const drawLayer = () => {
    if (drawing === null) return null
    const placed = drawing.points.map((p) => projectChartPoint(view, p[0], p[1]))
    const shown = placed.filter((q) => q !== null)
    const last = shown[shown.length - 1]
    const first = placed[0] ?? null
    const outline = drawing.tool !== 'fut'
    const closable = outline && drawing.points.length >= 3
    const tip = cursor ?? (last === undefined ? null : [last.x, last.y])
    const poly = shown.map((q) => `${q.x.toFixed(2)},${q.y.toFixed(2)}`).join(' ')
    return (
      <g data-testid="drawing">
        {/* biome-ignore lint/a11y/noStaticElementInteractions: where a pointer places points; the keyboard finishes, takes back or cancels a drawing (Enter, Backspace, Escape, the drawing bar's buttons) */}
        <rect
          data-testid="draw-surface"
          x={0}
          y={0}
          width={size}
          height={size}
          fill="transparent"
          style={{ cursor: 'crosshair' }}
          onPointerDown={drawDown}
          onPointerMove={(e) => setCursor(toPreview(e))}
          onPointerLeave={() => setCursor(null)}
          onDoubleClick={() => props.onDrawFinish()}
        />
        {shown.length > 1 && (
          <polyline
            points={poly}
            fill={outline ? 'rgba(120,190,255,0.12)' : 'none'}
            stroke="#7cc0ff"
            strokeWidth={3}
            pointerEvents="none"
          />
        )}
        {last !== undefined && tip !== null && (
          <line
            x1={last.x}
            y1={last.y}
            x2={tip[0]}
            y2={tip[1]}
            stroke="#7cc0ff"
            strokeWidth={2}
            strokeDasharray="6 4"
            pointerEvents="none"
          />
        )}
        {outline && first !== null && tip !== null && shown.length > 1 && (
          <line
            data-testid="closing-edge"
            x1={tip[0]}
            y1={tip[1]}
            x2={first.x}
            y2={first.y}
            stroke="#ffd166"
            strokeWidth={2}
            strokeDasharray="3 5"
            pointerEvents="none"
          />
        )}
        {placed.map((q, i) =>
          q === null || (i === 0 && closable) ? null : (
            <circle
              // biome-ignore lint/suspicious/noArrayIndexKey: a drawn point is its index in the drawing
              key={i}
              cx={q.x}
              cy={q.y}
              r={handle * 0.6}
              fill="#7cc0ff"
              stroke="#222"
              strokeWidth={2}
              pointerEvents="none"
            />
          )
        )}
        {closable && first !== null && (
          <>
            <circle
              cx={first.x}
              cy={first.y}
              r={handle}
              fill="#ffd166"
              stroke="#222"
              strokeWidth={2}
              pointerEvents="none"
            />
            {/* biome-ignore lint/a11y/useSemanticElements: an SVG handle cannot be a <button>; it is focusable and keyboard operable */}
            <circle
              cx={first.x}
              cy={first.y}
              r={Math.max(handle, touch)}
              fill="transparent"
              role="button"
              tabIndex={0}
              aria-label="First point: press to close the outline"
              style={{ cursor: 'pointer' }}
              onPointerDown={(e) => {
                e.preventDefault()
                e.stopPropagation()
                props.onDrawFinish()
              }}
              onKeyDown={(e) => {
                if (e.key !== 'Enter' && e.key !== ' ') return
                e.preventDefault()
                e.stopPropagation()
                props.onDrawFinish()
              }}
            />
          </>
        )}
      </g>
    )
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG layer of handles; a fieldset cannot hold SVG
    <svg
      ref={svg}
      className="studio-overlay"
      viewBox={`0 0 ${size} ${size}`}
      role="group"
      aria-label="Design handles"
      onPointerMove={(e) => move(e, false)}
      onPointerUp={(e) => move(e, true)}
      onPointerCancel={(e) => move(e, true)}
      onPointerDown={() => props.onSelect(null)}
      style={{ touchAction: 'none' }}
    >
      {curve.length > 1 && (
        <polyline
          data-testid="hairline-curve"
          points={curve.map((q) => `${q.x.toFixed(2)},${q.y.toFixed(2)}`).join(' ')}
          fill="none"
          stroke="rgba(255,255,255,0.45)"
          strokeDasharray="6 6"
          strokeWidth={2}
          pointerEvents="none"
        />
      )}
      {selectedTips.map((t) => (
        <line
          key={`arm-${t.side}`}
          x1={t.from.x}
          y1={t.from.y}
          x2={t.at.x}
          y2={t.at.y}
          stroke="#ffffff"
          strokeOpacity={0.8}
          strokeWidth={2}
          strokeDasharray={t.automatic ? '4 3' : undefined}
          pointerEvents="none"
        />
      ))}
      {props.shapes.map((shape) => {
        const pts = project(shape.points)
        if (pts.length < 2) return null
        const selected = props.selection?.kind === shape.kind && props.selection.id === shape.id
        const d = `M${pts.map((q) => `${q.x},${q.y}`).join('L')}${shape.closed ? 'Z' : ''}`
        const c = centroid(shape.points)
        const far = shape.points.reduce<ChartPoint>(
          (best, p) => (Math.hypot(p[0] - c[0], p[1] - c[1]) > Math.hypot(best[0] - c[0], best[1] - c[1]) ? p : best),
          c
        )
        const fh = projectChartPoint(view, far[0], far[1])
        const fc = projectChartPoint(view, c[0], c[1])
        // the resize square sits out beyond the farthest corner, clear of that corner's own square
        const out = fh === null || fc === null ? 0 : Math.hypot(fh.x - fc.x, fh.y - fc.y)
        const rx = fh === null ? 0 : fh.x + (out > 0 && fc !== null ? ((fh.x - fc.x) / out) * handle * 2.5 : handle * 2)
        const ry = fh === null ? 0 : fh.y + (out > 0 && fc !== null ? ((fh.y - fc.y) / out) * handle * 2.5 : handle * 2)
        if (drawing !== null)
          return (
            <path
              key={`${shape.kind}-${shape.id}`}
              d={d}
              fill="none"
              stroke="rgba(255,255,255,0.5)"
              strokeWidth={2}
              pointerEvents="none"
            />
          )
        return (
          <g key={`${shape.kind}-${shape.id}`}>
            {shape.closed || touch === 0 ? null : (
              <path
                d={d}
                fill="none"
                stroke={selected ? '#7cc0ff' : 'rgba(255,255,255,0.5)'}
                strokeWidth={Math.max(6, handle * 0.8)}
                strokeOpacity={0.5}
                pointerEvents="none"
              />
            )}
            {/* biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>; it is focusable and keyboard operable */}
            <path
              d={d}
              role="button"
              tabIndex={0}
              aria-label={`${shape.label}: drag or use the arrow keys to move, + and − to resize`}
              aria-pressed={selected}
              fill={shape.closed ? (selected ? 'rgba(120,190,255,0.18)' : 'rgba(255,255,255,0.04)') : 'none'}
              stroke={shape.closed || touch === 0 ? (selected ? '#7cc0ff' : 'rgba(255,255,255,0.5)') : 'transparent'}
              strokeWidth={shape.closed ? 2 : Math.max(6, handle * 0.8, touch * 2)}
              strokeOpacity={shape.closed ? 1 : 0.5}
              style={{ cursor: 'move' }}
              onFocus={() => props.onSelect({ kind: shape.kind, id: shape.id })}
              onKeyDown={(e) => shapeKey(e, shape)}
              onPointerDown={(e) => {
                props.onSelect({ kind: shape.kind, id: shape.id })
                const from = toChart(e)
                if (from !== null) start(e, { kind: 'move', shape, from })
              }}
              onDoubleClick={(e) => {
                // a double-click on an edge puts a corner there
                const p = toChart(e)
                const edge = p === null ? null : nearestEdge(shape.points, shape.closed, p)
                if (edge === null) return
                props.onInsertCorner(shape, edge.index, edge.at, true)
                props.onSelect({ kind: shape.kind, id: shape.id, corner: edge.index + 1 })
              }}
            />
            {selected && fh !== null && (
              <rect
                x={rx - handle / 2}
                y={ry - handle / 2}
                width={handle}
                height={handle}
                fill="#7cc0ff"
                stroke="#222"
                pointerEvents="none"
              />
            )}
            {selected && fh !== null && (
              <rect
                x={rx - Math.max(handle / 2, touch)}
                y={ry - Math.max(handle / 2, touch)}
                width={Math.max(handle, touch * 2)}
                height={Math.max(handle, touch * 2)}
                fill="transparent"
                data-testid="resize-handle"
                style={{ cursor: 'nwse-resize' }}
                onPointerDown={(e) => {
                  const startDist = Math.hypot(far[0] - c[0], far[1] - c[1])
                  if (startDist > 0) start(e, { kind: 'resize', shape, center: c, startDist })
                }}
              />
            )}
            {selected && corners(shape)}
          </g>
        )
      })}
      {props.controlPoints.map((p, i) => {
        const q = projectChartPoint(view, p[0], p[1])
        if (q === null || drawing !== null) return null
        const selected = i === selectedPoint
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a control point is its index along the hairline
          <Fragment key={i}>
            <circle
              cx={q.x}
              cy={q.y}
              r={handle}
              fill="#ffd166"
              stroke={selected ? '#ffffff' : '#222'}
              strokeWidth={selected ? 4 : 2}
              pointerEvents="none"
            />
            {/* biome-ignore lint/a11y/useSemanticElements: an SVG handle cannot be a <button>; it is focusable and keyboard operable */}
            <circle
              cx={q.x}
              cy={q.y}
              r={Math.max(handle, touch)}
              className="studio-point"
              role="button"
              tabIndex={0}
              aria-label={`Hairline point ${i + 1} of ${props.controlPoints.length}: drag or use the arrow keys to move; selecting it shows its handles`}
              aria-pressed={selected}
              fill="transparent"
              style={{ cursor: 'grab' }}
              onFocus={() => props.onSelect({ kind: 'point', index: i })}
              onKeyDown={(e) => pointKey(e, i, p)}
              onPointerDown={(e) => {
                props.onSelect({ kind: 'point', index: i })
                start(e, { kind: 'point', index: i })
              }}
            />
            {/* the selected point's handles right after it, so Tab reaches them from the point */}
            {(selected ? selectedTips : []).map((t) => (
              <Fragment key={`handle-${t.side}`}>
                <rect
                  x={t.at.x - handle * 0.8}
                  y={t.at.y - handle * 0.8}
                  width={handle * 1.6}
                  height={handle * 1.6}
                  fill={t.automatic ? '#ffffff' : '#7cc0ff'}
                  stroke="#222"
                  strokeWidth={2}
                  pointerEvents="none"
                />
                {/* biome-ignore lint/a11y/useSemanticElements: an SVG handle cannot be a <button>; it is focusable and keyboard operable */}
                <rect
                  x={t.at.x - Math.max(handle * 0.8, touch)}
                  y={t.at.y - Math.max(handle * 0.8, touch)}
                  width={Math.max(handle * 1.6, touch * 2)}
                  height={Math.max(handle * 1.6, touch * 2)}
                  className="studio-handle"
                  role="button"
                  tabIndex={0}
                  aria-label={`Hairline point ${i + 1}, handle towards the ${HANDLE_TOWARDS[t.side]} temple${t.automatic ? ' (automatic)' : ''}: drag or use the arrow keys to bend the line; hold Alt to move this handle alone`}
                  fill="transparent"
                  style={{ cursor: 'move' }}
                  onKeyDown={(e) => handleKey(e, i, t.side, t.p, t.offset)}
                  onPointerDown={(e) => start(e, { kind: 'handle', index: i, side: t.side, point: t.p })}
                />
              </Fragment>
            ))}
          </Fragment>
        )
      })}
      {drawLayer()}
    </svg>
  )
}
