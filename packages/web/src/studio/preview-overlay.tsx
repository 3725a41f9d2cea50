// The interactive layer over the preview: the hairline's control points, and the selected zone or scar with its
// resize handle. Pointer events (mouse, pen, touch) drag them; the points and shapes are focusable and arrow keys move
// them (Shift for 5 mm), + and − resize the selected shape. Screen px here are the preview's own (the SVG's viewBox).
import { type ChartPoint, projectChartPoint, unprojectPixel, type View } from '@stipple/engine'
import type { KeyboardEvent, PointerEvent } from 'react'
import { useRef } from 'react'

export type Selection = { kind: 'zone'; id: string } | { kind: 'scar'; id: string } | null

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
  shapes: readonly OverlayShape[]
  selection: Selection
  onSelect(selection: Selection): void
  /** A drag step (or a key press, with `done`): the point's new chart position. */
  onMovePoint(index: number, to: ChartPoint, done: boolean): void
  /** Moves a shape by a chart offset from where the gesture started (the caller keeps the start). */
  onMoveShape(shape: OverlayShape, dx: number, dy: number, done: boolean): void
  onResizeShape(shape: OverlayShape, factor: number, done: boolean): void
  onDragEnd(): void
}

type Gesture =
  | { kind: 'point'; index: number }
  | { kind: 'move'; shape: OverlayShape; from: ChartPoint }
  | { kind: 'resize'; shape: OverlayShape; center: ChartPoint; startDist: number }

const KEY_STEP_MM = 1
const KEY_STEP_BIG_MM = 5

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
    const c = toChart(e)
    if (c !== null) {
      if (g.kind === 'point') props.onMovePoint(g.index, c, done)
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
  const hairline = project(props.controlPoints)
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
      {hairline.length > 1 && (
        <polyline
          points={hairline.map((q) => `${q.x},${q.y}`).join(' ')}
          fill="none"
          stroke="rgba(255,255,255,0.45)"
          strokeDasharray="6 6"
          strokeWidth={2}
          pointerEvents="none"
        />
      )}
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
        return (
          // biome-ignore lint/a11y/useSemanticElements: an SVG handle cannot be a <button>; it is focusable and keyboard operable
          <circle
            // biome-ignore lint/suspicious/noArrayIndexKey: a control point is its index along the hairline
            key={i}
            cx={q.x}
            cy={q.y}
            r={handle}
            className="studio-point"
            role="button"
            tabIndex={0}
            aria-label={`Hairline point ${i + 1} of ${props.controlPoints.length}: drag or use the arrow keys to move`}
            fill="#ffd166"
            stroke="#222"
            strokeWidth={2}
            style={{ cursor: 'grab' }}
            onKeyDown={(e) => pointKey(e, i, p)}
            onPointerDown={(e) => start(e, { kind: 'point', index: i })}
          />
        )
      })}
    </svg>
  )
}
