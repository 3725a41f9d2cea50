// The drawing in progress on the overlay: the surface that takes the presses, the points placed, the edge to the
// pointer and (for an outline) the closing edge, and the first point to press to close it.
import { useState } from 'react'
import { SHAPE_UTILS } from '../editor/kinds/shape-utils.ts'
import type { DrawingState } from '../editor/store.ts'
import type { OverlayKit } from './overlay-kit.ts'

export function DrawLayer(props: { kit: OverlayKit; drawing: DrawingState }) {
  const { kit, drawing } = props
  const { handle, touch, size, editor } = kit
  // where the pointer hovers (preview px), for the edge that would come next
  const [cursor, setCursor] = useState<[number, number] | null>(null)
  const placed = drawing.points.map((p) => kit.project(p))
  const shown = placed.filter((q) => q !== null)
  const last = shown[shown.length - 1]
  const first = placed[0] ?? null
  const outline = SHAPE_UTILS[drawing.tool].closed
  const closable = outline && drawing.points.length >= 3
  const tip = cursor ?? (last === undefined ? null : [last.x, last.y])
  const poly = shown.map((q) => `${q.x.toFixed(2)},${q.y.toFixed(2)}`).join(' ')
  const canvas = { kind: 'canvas' } as const
  const firstPoint = { kind: 'first-point' } as const
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
        onPointerDown={(e) => {
          setCursor(kit.toPreview(e))
          kit.press(e, canvas)
        }}
        onPointerMove={(e) => setCursor(kit.toPreview(e))}
        onPointerLeave={() => setCursor(null)}
        onDoubleClick={(e) => editor.doubleClick(kit.info(e, canvas))}
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
            onPointerDown={(e) => kit.press(e, firstPoint)}
            onKeyDown={(e) => kit.key(e, firstPoint)}
          />
        </>
      )}
    </g>
  )
}
