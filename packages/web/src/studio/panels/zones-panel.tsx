// The zones and scars: the list, adding one, the drawing tools, the selected one's fields and its selected corner.
import type { Design } from '@stipple/engine'
import type { DrawKind, ShapeFieldsPatch } from '../editor/kinds/shape-util.ts'
import { DRAW_KINDS, resolveShape, SHAPE_UTILS, type ShapeRef, shapesOf } from '../editor/kinds/shape-utils.ts'
import { SHAPE_FIELDS } from './shape-fields.tsx'

export function ZonesPanel(props: {
  design: Design
  selected: (ShapeRef & { corner?: number }) | null
  onSelect(s: ShapeRef | null): void
  onAddZone(): void
  onAddScar(): void
  /** The drawing tool on, if any. */
  drawing: DrawKind | null
  onDraw(tool: DrawKind): void
  onFields(ref: ShapeRef, patch: ShapeFieldsPatch, done: boolean): void
  onRemove(ref: ShapeRef): void
  /** Removes the selected shape's selected corner. */
  onRemoveCorner(): void
}) {
  const { design, selected } = props
  const shape = selected === null ? null : resolveShape(design, selected)
  const points = shape === null ? undefined : shape.util.pointsOf(shape.item)
  const min = shape?.util.minPoints ?? 3
  const noun = shape?.util.noun ?? 'corner'
  const corner = selected?.corner
  const Fields = shape === null ? null : SHAPE_FIELDS[shape.util.kind]
  return (
    <fieldset className="studio-panel">
      <legend>Zones and scars</legend>
      <ul className="studio-list">
        {shapesOf(design).map((s) => (
          <li key={`${s.ref.kind}:${s.ref.id}`}>
            <button
              type="button"
              aria-pressed={shape?.ref.kind === s.ref.kind && shape.ref.id === s.ref.id}
              onClick={() => props.onSelect(s.ref)}
            >
              {s.util.title} {s.item.id} ({s.item.kind})
            </button>
          </li>
        ))}
      </ul>
      <div className="studio-row">
        <button type="button" onClick={props.onAddZone}>
          Add zone
        </button>
        <button type="button" onClick={props.onAddScar}>
          Add linear scar
        </button>
      </div>
      <div className="studio-row">
        {DRAW_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            aria-pressed={props.drawing === kind}
            disabled={props.drawing !== null && props.drawing !== kind}
            onClick={() => props.onDraw(kind)}
          >
            {SHAPE_UTILS[kind].drawLabel}
          </button>
        ))}
      </div>
      {shape !== null && Fields !== null && (
        <Fields
          key={`${shape.ref.kind}:${shape.ref.id}`}
          item={shape.item}
          onFields={(patch, done) => props.onFields(shape.ref, patch, done)}
          onRemove={() => props.onRemove(shape.ref)}
        />
      )}
      {points !== undefined && corner !== undefined && corner < points.length && (
        <div className="studio-row">
          <p className="studio-note">
            {noun === 'point' ? 'Point' : 'Corner'} {corner + 1} of {points.length} selected.
          </p>
          <button type="button" onClick={props.onRemoveCorner} disabled={points.length <= min}>
            Remove {noun} {corner + 1}
          </button>
        </div>
      )}
      {selected !== null && (
        <p className="studio-note">
          Drag the outline on the preview to move it and the square beyond it to resize; with the outline focused, arrow
          keys move and + / − resize. Drag a {noun}'s square to move it (or focus it: arrow keys move it, Delete removes
          it, down to {min}); double-click an edge or press its + to add a {noun}.
        </p>
      )}
    </fieldset>
  )
}
