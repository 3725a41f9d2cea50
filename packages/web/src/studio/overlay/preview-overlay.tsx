// The interactive layer over the preview: the hairline (the engine's curve, dashed) with its control points and the
// selected point's two tangent handles, the zones and scars (the selected one with its corners, a "+" on each edge
// and its resize handle), and the drawing in progress. It draws what the editor holds and hands every press, move,
// release and key to the editor, whose tools do the rest. Screen px here are the preview's own (the SVG's viewBox).
import type { ChartPoint, View } from '@stipple/engine'
import { Fragment, useEffect, useMemo, useRef, useState } from 'react'
import { shapesOf } from '../editor/kinds/shape-utils.ts'
import type { EditorState, EditorStore } from '../editor/store.ts'
import type { HandleSide } from '../state/design-edits.ts'
import { DrawLayer } from './draw-layer.tsx'
import { createKit, type OverlayShape } from './overlay-kit.ts'
import { ShapeLayer } from './shape-layer.tsx'

/** Which way each handle of a point reaches, for its name: the points run from the client's right to left. */
const HANDLE_TOWARDS: Readonly<Record<HandleSide, string>> = { in: 'right', out: 'left' }

/** The smallest touch target, CSS px (WCAG 2.5.5; the README's promise for the clinic's tablets). */
const TOUCH_CSS_PX = 44

export interface OverlayProps {
  editor: EditorStore
  /** The editor's state this render shows. */
  state: EditorState
  view: View
  size: number
  /** The designed hairline as the engine draws it, shown dashed under the points. */
  curve: readonly ChartPoint[]
}

/** Touch targets: on a touch screen every control answers over at least 44×44 CSS px, whatever the drawn size. */
function useTouchReach(svg: React.RefObject<SVGSVGElement | null>, size: number): number {
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
  }, [svg, size])
  useEffect(() => {
    if (typeof matchMedia === 'undefined') return
    const query = matchMedia('(any-pointer: coarse)')
    setCoarse(query.matches)
    const changed = () => setCoarse(query.matches)
    query.addEventListener('change', changed)
    return () => query.removeEventListener('change', changed)
  }, [])
  // half the target in the overlay's own px; with only a mouse or pen the marks themselves are the targets
  return coarse ? TOUCH_CSS_PX / 2 / cssPerPx : 0
}

export function PreviewOverlay(props: OverlayProps) {
  const { editor, state, view, size } = props
  const svg = useRef<SVGSVGElement>(null)
  const handle = Math.max(8, size / 80)
  const touch = useTouchReach(svg, size)
  const kit = createKit(editor, view, size, handle, touch, () => svg.current)
  const design = state.history.present.design
  const { selection, drawing } = state
  const controlPoints = editor.controlPoints
  const handles = editor.handles
  const shapes: OverlayShape[] = useMemo(
    () =>
      shapesOf(design).map(({ util, item, ref }) => ({
        ref,
        label: `${util.title} ${item.id}`,
        points: util.pointsOf(item),
        closed: util.closed,
        minCorners: util.minPoints,
        noun: util.noun,
      })),
    [design]
  )
  const curve = props.curve.map((p) => kit.project(p)).filter((q) => q !== null)
  const selectedPoint = selection?.kind === 'point' && selection.index < controlPoints.length ? selection.index : null
  /** The selected point's handles that shape a span (the first point has no span before it, the last none after). */
  const tips = (i: number) => {
    const p = controlPoints[i]
    const h = handles[i]
    if (p === undefined || h === undefined) return []
    const sides: HandleSide[] = []
    if (i > 0) sides.push('in')
    if (i < controlPoints.length - 1) sides.push('out')
    return sides.flatMap((side) => {
      const offset = h[side]
      const at = kit.project([p[0] + offset[0], p[1] + offset[1]])
      const from = kit.project(p)
      return at === null || from === null ? [] : [{ side, at, from, automatic: h.automatic }]
    })
  }
  const selectedTips = selectedPoint === null ? [] : tips(selectedPoint)
  const canvas = { kind: 'canvas' } as const
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG layer of handles; a fieldset cannot hold SVG
    <svg
      ref={svg}
      className="studio-overlay"
      viewBox={`0 0 ${size} ${size}`}
      role="group"
      aria-label="Design handles"
      onPointerMove={(e) => editor.pointerMove(kit.info(e, canvas))}
      onPointerUp={(e) => editor.pointerUp(kit.info(e, canvas))}
      onPointerCancel={(e) => editor.pointerCancel(kit.info(e, canvas))}
      onPointerDown={() => editor.select(null)}
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
      {shapes.map((shape) => (
        <ShapeLayer
          key={`${shape.ref.kind}-${shape.ref.id}`}
          kit={kit}
          shape={shape}
          selection={selection}
          drawing={drawing !== null}
        />
      ))}
      {controlPoints.map((p, i) => {
        const q = kit.project(p)
        if (q === null || drawing !== null) return null
        const selected = i === selectedPoint
        const point = { kind: 'point', index: i } as const
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
              aria-label={`Hairline point ${i + 1} of ${controlPoints.length}: drag or use the arrow keys to move; selecting it shows its handles`}
              aria-pressed={selected}
              fill="transparent"
              style={{ cursor: 'grab' }}
              onFocus={() => editor.select(point)}
              onKeyDown={(e) => kit.key(e, point)}
              onPointerDown={(e) => kit.press(e, point)}
            />
            {/* the selected point's handles right after it, so Tab reaches them from the point */}
            {(selected ? selectedTips : []).map((t) => {
              const target = { kind: 'handle', index: i, side: t.side } as const
              return (
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
                    onKeyDown={(e) => kit.key(e, target)}
                    onPointerDown={(e) => kit.press(e, target)}
                  />
                </Fragment>
              )
            })}
          </Fragment>
        )
      })}
      {drawing !== null && <DrawLayer kit={kit} drawing={drawing} />}
    </svg>
  )
}
