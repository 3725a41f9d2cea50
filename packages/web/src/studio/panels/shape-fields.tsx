// Each kind of zone or scar's own fields in the zones panel, keyed by kind: a zone's density, dot size and shade, an
// FUT scar's width, an FUE area's punches and their diameter.
import type { Scar, Zone } from '@stipple/engine'
import type { ComponentType } from 'react'
import type { ShapeFieldsPatch, ShapeItem, ShapeKind } from '../editor/kinds/shape-util.ts'
import { NumberField, Slider } from './fields.tsx'

export interface ShapeFieldsProps {
  item: ShapeItem
  onFields(patch: ShapeFieldsPatch, done: boolean): void
  onRemove(): void
}

function ZoneFields(props: ShapeFieldsProps) {
  const z = props.item as Zone
  return (
    <div>
      <Slider
        label={`Density of ${z.id}`}
        unit="/cm²"
        value={z.densityPerCm2}
        min={1}
        max={250}
        step={1}
        onChange={(v, d) => props.onFields({ densityPerCm2: v }, d)}
      />
      <Slider
        label={`Dot size of ${z.id}`}
        unit=" mm"
        value={z.dotSizeMm}
        min={0.05}
        max={1}
        step={0.01}
        onChange={(v, d) => props.onFields({ dotSizeMm: v }, d)}
      />
      <Slider
        label={`Shade of ${z.id}`}
        value={z.shade}
        min={10}
        max={70}
        step={1}
        onChange={(v, d) => props.onFields({ shade: v }, d)}
      />
      <button type="button" onClick={props.onRemove}>
        Remove zone {z.id}
      </button>
    </div>
  )
}

function RemoveScar(props: { id: string; onRemove(): void }) {
  return (
    <button type="button" onClick={props.onRemove}>
      Remove scar {props.id}
    </button>
  )
}

function FutFields(props: ShapeFieldsProps) {
  const s = props.item as Extract<Scar, { kind: 'fut' }>
  return (
    <div>
      <Slider
        label={`Width of ${s.id}`}
        unit=" mm"
        value={s.widthMm}
        min={0.5}
        max={30}
        step={0.5}
        onChange={(v, d) => props.onFields({ widthMm: v }, d)}
      />
      <RemoveScar id={s.id} onRemove={props.onRemove} />
    </div>
  )
}

function FueFields(props: ShapeFieldsProps) {
  const s = props.item as Extract<Scar, { kind: 'fue' }>
  return (
    <div>
      {/* the design schema's limits: 1–10 000 punches, 0.3–2 mm each */}
      <NumberField
        label={`Punches in ${s.id}`}
        value={s.count}
        min={1}
        max={10_000}
        step={1}
        integer
        onChange={(v, d) => props.onFields({ count: v }, d)}
      />
      <NumberField
        label={`Punch diameter of ${s.id} (mm)`}
        value={s.diameterMm}
        min={0.3}
        max={2}
        step={0.1}
        onChange={(v, d) => props.onFields({ diameterMm: v }, d)}
      />
      <RemoveScar id={s.id} onRemove={props.onRemove} />
    </div>
  )
}

function PolygonScarFields(props: ShapeFieldsProps) {
  return (
    <div>
      <RemoveScar id={props.item.id} onRemove={props.onRemove} />
    </div>
  )
}

export const SHAPE_FIELDS: Readonly<Record<ShapeKind, ComponentType<ShapeFieldsProps>>> = {
  zone: ZoneFields,
  fut: FutFields,
  fue: FueFields,
  polygon: PolygonScarFields,
}
