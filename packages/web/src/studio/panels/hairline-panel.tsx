// The hairline's panel: the selected point's handles, and the parametric line's height, shape, softness and irregularity.
import type { Design, HairlineShape } from '@stipple/engine'
import { useId } from 'react'
import { Slider } from './fields.tsx'

const SHAPES: readonly { id: HairlineShape; label: string }[] = [
  { id: 'straight', label: 'Straight' },
  { id: 'rounded', label: 'Rounded' },
  { id: 'widows-peak', label: "Widow's peak" },
  { id: 'mature', label: 'Mature' },
]

export function HairlinePanel(props: {
  design: Design
  onChange(patch: Partial<Omit<NonNullable<Design['hairline']>, 'controlPoints' | 'handles'>>, done: boolean): void
  /** The control point selected on the preview, if any: its place and whether its handles are automatic. */
  point: { index: number; count: number; automatic: boolean } | null
  onResetHandles(): void
}) {
  const h = props.design.hairline
  const shapeId = useId()
  if (h === null) return <p>This design has no hairline.</p>
  const custom = h.controlPoints !== undefined
  const { point } = props
  return (
    <fieldset className="studio-panel">
      <legend>Hairline</legend>
      {custom && (
        <p className="studio-note">
          The points were moved by hand; height and shape start a new line (without the points' handles).
        </p>
      )}
      {point !== null ? (
        <div className="studio-row">
          <p className="studio-note">
            Point {point.index + 1} of {point.count} selected, its handles{' '}
            {point.automatic ? 'automatic' : 'set by hand'}. Drag a handle's square (or focus it and use the arrow keys)
            to bend the line; hold Alt to move one handle alone for a corner.
          </p>
          <button type="button" onClick={props.onResetHandles} disabled={point.automatic}>
            Reset handles
          </button>
        </div>
      ) : (
        <p className="studio-note">Select a point on the preview to show its handles.</p>
      )}
      <Slider
        label="Height"
        unit=" mm"
        value={h.heightMm}
        min={40}
        max={120}
        step={1}
        onChange={(v, d) => props.onChange({ heightMm: v }, d)}
      />
      <div className="studio-field">
        <label htmlFor={shapeId}>Shape</label>
        <select
          id={shapeId}
          value={h.shape}
          onChange={(e) => props.onChange({ shape: e.currentTarget.value as HairlineShape }, true)}
        >
          {SHAPES.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <Slider
        label="Softness"
        unit=" mm"
        value={h.softnessMm}
        min={2}
        max={20}
        step={0.5}
        onChange={(v, d) => props.onChange({ softnessMm: v }, d)}
      />
      <Slider
        label="Irregularity"
        unit=" mm"
        value={h.macroIrregularityMm}
        min={0}
        max={10}
        step={0.5}
        onChange={(v, d) => props.onChange({ macroIrregularityMm: v }, d)}
      />
      <Slider
        label="Fine irregularity"
        unit=" mm"
        value={h.microIrregularityMm}
        min={0}
        max={4}
        step={0.1}
        onChange={(v, d) => props.onChange({ microIrregularityMm: v }, d)}
      />
    </fieldset>
  )
}
