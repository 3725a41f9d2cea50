// The interactive layer over the preview: the hairline (the engine's curve, dashed) with its control points and the
// selected point's two tangent handles, and the selected zone or scar with its resize handle. Pointer events (mouse,
// pen, touch) drag them; the points, handles and shapes are focusable and arrow keys move them (points and shapes
// 1 mm, handles 0.5 mm; Shift for 5 mm), + and − resize the selected shape. A handle turns its partner opposite so
// the line stays smooth, unless Alt is held (a corner). Screen px here are the preview's own (the SVG's viewBox).
import { type ChartPoint, type CurveHandle, projectChartPoint, unprojectPixel, type View } from '@stipple/engine'
import type { KeyboardEvent, PointerEvent } from 'react'
import { Fragment, useRef } from 'react'
import type { HandleSide } from './state/design-edits.ts'

export type Selection =
  | { kind: 'zone'; id: string }
  | { kind: 'scar'; id: string }
  | { kind: 'point'; index: number }
  | null

export interface OverlayShape {
  kind: 'zone' | 'scar'
  id: string
  label: string
  points: readonly ChartPoint[]
  closed: boolean
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
  onDragEnd(): void
}

type Gesture = (
  | { kind: 'point'; index: number }
  | { kind: 'handle'; index: number; side: HandleSide; point: ChartPoint }
  | { kind: 'move'; shape: OverlayShape; from: ChartPoint }
  | { kind: 'resize'; shape: OverlayShape; center: ChartPoint; startDist: number }
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

export function PreviewOverlay(props: OverlayProps) {
  const { view, size } = props
  const svg = useRef<SVGSVGElement>(null)
  const gesture = useRef<Gesture | null>(null)

  const toPreview = (e: PointerEvent): [number, number] => {
    const rect = svg.current?.getBoundingClientRect()
    if (rect === undefined || rect.width === 0) return [0, 0]
    return [((e.clientX - rect.left) * size) / rect.width, ((e.clientY - rect.top) * size) / rect.height]
  }
  const toChart = (e: PointerEvent): ChartPoint | null => {
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

  const project = (points: readonly ChartPoint[]) =>
    points.map((p) => projectChartPoint(view, p[0], p[1])).filter((q) => q !== null)

  const handle = Math.max(8, size / 80)
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
        return (
          <g key={`${shape.kind}-${shape.id}`}>
            {/* biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>; it is focusable and keyboard operable */}
            <path
              d={d}
              role="button"
              tabIndex={0}
              aria-label={`${shape.label}: drag or use the arrow keys to move, + and − to resize`}
              aria-pressed={selected}
              fill={shape.closed ? (selected ? 'rgba(120,190,255,0.18)' : 'rgba(255,255,255,0.04)') : 'none'}
              stroke={selected ? '#7cc0ff' : 'rgba(255,255,255,0.5)'}
              strokeWidth={shape.closed ? 2 : Math.max(6, handle * 0.8)}
              strokeOpacity={shape.closed ? 1 : 0.5}
              style={{ cursor: 'move' }}
              onFocus={() => props.onSelect({ kind: shape.kind, id: shape.id })}
              onKeyDown={(e) => shapeKey(e, shape)}
              onPointerDown={(e) => {
                props.onSelect({ kind: shape.kind, id: shape.id })
                const from = toChart(e)
                if (from !== null) start(e, { kind: 'move', shape, from })
              }}
            />
            {selected && fh !== null && (
              <rect
                x={fh.x - handle / 2}
                y={fh.y - handle / 2}
                width={handle}
                height={handle}
                fill="#7cc0ff"
                style={{ cursor: 'nwse-resize' }}
                onPointerDown={(e) => {
                  const startDist = Math.hypot(far[0] - c[0], far[1] - c[1])
                  if (startDist > 0) start(e, { kind: 'resize', shape, center: c, startDist })
                }}
              />
            )}
          </g>
        )
      })}
      {props.controlPoints.map((p, i) => {
        const q = projectChartPoint(view, p[0], p[1])
        if (q === null) return null
        const selected = i === selectedPoint
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a control point is its index along the hairline
          <Fragment key={i}>
            {/* biome-ignore lint/a11y/useSemanticElements: an SVG handle cannot be a <button>; it is focusable and keyboard operable */}
            <circle
              cx={q.x}
              cy={q.y}
              r={handle}
              className="studio-point"
              role="button"
              tabIndex={0}
              aria-label={`Hairline point ${i + 1} of ${props.controlPoints.length}: drag or use the arrow keys to move; selecting it shows its handles`}
              aria-pressed={selected}
              fill="#ffd166"
              stroke={selected ? '#ffffff' : '#222'}
              strokeWidth={selected ? 4 : 2}
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
              // biome-ignore lint/a11y/useSemanticElements: an SVG handle cannot be a <button>; it is focusable and keyboard operable
              <rect
                key={`handle-${t.side}`}
                x={t.at.x - handle * 0.8}
                y={t.at.y - handle * 0.8}
                width={handle * 1.6}
                height={handle * 1.6}
                className="studio-handle"
                role="button"
                tabIndex={0}
                aria-label={`Hairline point ${i + 1}, handle towards the ${HANDLE_TOWARDS[t.side]} temple${t.automatic ? ' (automatic)' : ''}: drag or use the arrow keys to bend the line; hold Alt to move this handle alone`}
                fill={t.automatic ? '#ffffff' : '#7cc0ff'}
                stroke="#222"
                strokeWidth={2}
                style={{ cursor: 'move' }}
                onKeyDown={(e) => handleKey(e, i, t.side, t.p, t.offset)}
                onPointerDown={(e) => start(e, { kind: 'handle', index: i, side: t.side, point: t.p })}
              />
            ))}
          </Fragment>
        )
      })}
    </svg>
  )
}
