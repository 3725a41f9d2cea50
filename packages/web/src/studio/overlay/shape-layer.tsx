// A zone or scar on the overlay: its outline (focusable, draggable), and when selected its resize square, its
// corners (squares) and a "+" on each edge to insert one.
import type { ChartPoint } from '@stipple/engine'
import type { Selection } from '../editor/store.ts'
import { farthest } from '../editor/tools/select-tool.ts'
import { centroid, edgeMidpoints } from '../state/design-edits.ts'
import type { OverlayKit, OverlayShape } from './overlay-kit.ts'

const isShape = (selection: Selection, shape: OverlayShape) =>
  selection !== null && selection.kind !== 'point' && selection.kind === shape.ref.kind && selection.id === shape.ref.id

/** The selected shape's corners (squares) and a "+" on each edge, after its outline so Tab reaches them next. */
function Corners(props: { kit: OverlayKit; shape: OverlayShape; selection: Selection }) {
  const { kit, shape, selection } = props
  const { handle, touch, editor } = kit
  const { ref } = shape
  const n = shape.points.length
  const noun = shape.noun
  const selectedCorner =
    selection !== null && selection.kind !== 'point' && isShape(selection, shape) ? selection.corner : undefined
  const removable = n > shape.minCorners
  return (
    <>
      {edgeMidpoints(shape.points, shape.closed).map((m, i) => {
        const q = kit.project(m)
        if (q === null) return null
        const r = handle * 0.6
        const target = { kind: 'midpoint', ref, index: i } as const
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
              onKeyDown={(e) => kit.key(e, target)}
              onPointerDown={(e) => kit.press(e, target)}
            />
          </g>
        )
      })}
      {shape.points.map((p, i) => {
        const q = kit.project(p)
        if (q === null) return null
        const on = selectedCorner === i
        const side = handle * 1.3
        const hit = Math.max(handle * 2.4, touch * 2)
        const target = { kind: 'corner', ref, index: i } as const
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
              onFocus={() => editor.select({ ...ref, corner: i })}
              onKeyDown={(e) => kit.key(e, target)}
              onPointerDown={(e) => {
                kit.press(e, target)
                // focused (which selects it), so Delete and the arrow keys act on it next
                ;(e.currentTarget as SVGElement).focus({ preventScroll: true })
              }}
            />
          </g>
        )
      })}
    </>
  )
}

export function ShapeLayer(props: { kit: OverlayKit; shape: OverlayShape; selection: Selection; drawing: boolean }) {
  const { kit, shape, selection } = props
  const { handle, touch, editor } = kit
  const pts = shape.points.map((p) => kit.project(p)).filter((q) => q !== null)
  if (pts.length < 2) return null
  const selected = isShape(selection, shape)
  const d = `M${pts.map((q) => `${q.x},${q.y}`).join('L')}${shape.closed ? 'Z' : ''}`
  if (props.drawing)
    return <path d={d} fill="none" stroke="rgba(255,255,255,0.5)" strokeWidth={2} pointerEvents="none" />
  const c = centroid(shape.points)
  const far: ChartPoint = farthest(shape.points, c)
  const fh = kit.project(far)
  const fc = kit.project(c)
  // the resize square sits out beyond the farthest corner, clear of that corner's own square
  const out = fh === null || fc === null ? 0 : Math.hypot(fh.x - fc.x, fh.y - fc.y)
  const rx = fh === null ? 0 : fh.x + (out > 0 && fc !== null ? ((fh.x - fc.x) / out) * handle * 2.5 : handle * 2)
  const ry = fh === null ? 0 : fh.y + (out > 0 && fc !== null ? ((fh.y - fc.y) / out) * handle * 2.5 : handle * 2)
  const target = { kind: 'shape', ref: shape.ref } as const
  return (
    <g>
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
        onFocus={() => editor.select(shape.ref)}
        onKeyDown={(e) => kit.key(e, target)}
        onPointerDown={(e) => kit.press(e, target)}
        onDoubleClick={(e) => editor.doubleClick(kit.info(e, target))}
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
          onPointerDown={(e) => kit.press(e, { kind: 'resize', ref: shape.ref })}
        />
      )}
      {selected && <Corners kit={kit} shape={shape} selection={selection} />}
    </g>
  )
}
