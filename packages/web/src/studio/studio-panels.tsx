// The studio's side panels: hairline, zones and scars, the look (session, stage, years, view, before/after), and the
// live plan and quote. Every control is a labelled native input, so keyboards and screen readers work as they should.
import type { DesignPlan } from '@stipple/domain'
import type { Design, HairlineShape, Scar, Zone } from '@stipple/engine'
import { useEffect, useId, useRef, useState } from 'react'
import { formatMoney } from '../ui/format.ts'
import type { DrawingState } from './preview-overlay.tsx'
import { DRAW_NAMES, type DrawTool, MIN_DRAW_POINTS, type ScarFieldsPatch } from './state/design-edits.ts'
import { STUDIO_VIEWS, type StudioView } from './view-camera.ts'

function Slider(props: {
  label: string
  value: number
  min: number
  max: number
  step: number
  unit?: string
  disabled?: boolean
  onChange(value: number, done: boolean): void
}) {
  const id = useId()
  return (
    <div className="studio-field">
      <label htmlFor={id}>
        {props.label}: <output htmlFor={id}>{`${formatNumber(props.value)}${props.unit ?? ''}`}</output>
      </label>
      <input
        id={id}
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(Number(e.currentTarget.value), false)}
        onPointerUp={(e) => props.onChange(Number(e.currentTarget.value), true)}
        onKeyUp={(e) => props.onChange(Number(e.currentTarget.value), true)}
      />
    </div>
  )
}

/**
 * A typed number within limits: each valid value applies at once (resting, like a slider) and leaving the field
 * settles it as one step; a value outside the limits is shown as such and not applied.
 */
function NumberField(props: {
  label: string
  value: number
  min: number
  max: number
  step: number
  integer?: boolean
  onChange(value: number, done: boolean): void
}) {
  const id = useId()
  const [text, setText] = useState<string | null>(null)
  const shown = text ?? String(props.value)
  const parsed = Number(shown)
  const valid =
    shown.trim() !== '' &&
    Number.isFinite(parsed) &&
    parsed >= props.min &&
    parsed <= props.max &&
    (!props.integer || Number.isInteger(parsed))
  return (
    <div className="studio-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        inputMode={props.integer ? 'numeric' : 'decimal'}
        min={props.min}
        max={props.max}
        step={props.step}
        value={shown}
        aria-invalid={!valid}
        aria-describedby={valid ? undefined : `${id}-error`}
        onChange={(e) => {
          const t = e.currentTarget.value
          setText(t)
          const v = Number(t)
          if (t.trim() !== '' && v >= props.min && v <= props.max && (!props.integer || Number.isInteger(v)))
            props.onChange(v, false)
        }}
        onBlur={() => {
          if (valid) props.onChange(parsed, true)
          setText(null)
        }}
      />
      {!valid && (
        <span id={`${id}-error`} className="studio-problems">
          {props.integer ? 'A whole number' : 'A number'} from {props.min} to {props.max}.
        </span>
      )}
    </div>
  )
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(x < 1 ? 2 : 1)
}

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

const DRAW_BUTTONS: readonly { tool: DrawTool; label: string }[] = [
  { tool: 'zone', label: 'Draw zone' },
  { tool: 'fut', label: 'Draw FUT scar' },
  { tool: 'fue', label: 'Draw FUE donor area' },
]

export function ZonesPanel(props: {
  design: Design
  selected: { kind: 'zone' | 'scar'; id: string; corner?: number } | null
  onSelect(s: { kind: 'zone' | 'scar'; id: string } | null): void
  onAddZone(): void
  onAddScar(): void
  /** The drawing tool on, if any. */
  drawing: DrawTool | null
  onDraw(tool: DrawTool): void
  onZone(id: string, patch: Partial<Omit<Zone, 'id'>>, done: boolean): void
  onScar(id: string, patch: ScarFieldsPatch, done: boolean): void
  onRemove(kind: 'zone' | 'scar', id: string): void
  /** Removes the selected shape's selected corner. */
  onRemoveCorner(): void
}) {
  const { design, selected } = props
  const zone = selected?.kind === 'zone' ? design.zones.find((z) => z.id === selected.id) : undefined
  const scar = selected?.kind === 'scar' ? design.scars.find((s) => s.id === selected.id) : undefined
  const points = zone?.polygon ?? (scar === undefined ? undefined : scar.kind === 'fut' ? scar.polyline : scar.polygon)
  const min = scar?.kind === 'fut' ? 2 : 3
  const corner = selected?.corner
  const noun = scar?.kind === 'fut' ? 'point' : 'corner'
  return (
    <fieldset className="studio-panel">
      <legend>Zones and scars</legend>
      <ul className="studio-list">
        {design.zones.map((z) => (
          <li key={z.id}>
            <button
              type="button"
              aria-pressed={zone?.id === z.id}
              onClick={() => props.onSelect({ kind: 'zone', id: z.id })}
            >
              Zone {z.id} ({z.kind})
            </button>
          </li>
        ))}
        {design.scars.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              aria-pressed={scar?.id === s.id}
              onClick={() => props.onSelect({ kind: 'scar', id: s.id })}
            >
              Scar {s.id} ({s.kind})
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
        {DRAW_BUTTONS.map((b) => (
          <button
            key={b.tool}
            type="button"
            aria-pressed={props.drawing === b.tool}
            disabled={props.drawing !== null && props.drawing !== b.tool}
            onClick={() => props.onDraw(b.tool)}
          >
            {b.label}
          </button>
        ))}
      </div>
      {zone !== undefined && (
        <ZoneFields zone={zone} onZone={props.onZone} onRemove={() => props.onRemove('zone', zone.id)} />
      )}
      {scar !== undefined && (
        <ScarFields key={scar.id} scar={scar} onScar={props.onScar} onRemove={() => props.onRemove('scar', scar.id)} />
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

function ZoneFields(props: {
  zone: Zone
  onZone(id: string, patch: Partial<Omit<Zone, 'id'>>, done: boolean): void
  onRemove(): void
}) {
  const z = props.zone
  return (
    <div>
      <Slider
        label={`Density of ${z.id}`}
        unit="/cm²"
        value={z.densityPerCm2}
        min={1}
        max={250}
        step={1}
        onChange={(v, d) => props.onZone(z.id, { densityPerCm2: v }, d)}
      />
      <Slider
        label={`Dot size of ${z.id}`}
        unit=" mm"
        value={z.dotSizeMm}
        min={0.05}
        max={1}
        step={0.01}
        onChange={(v, d) => props.onZone(z.id, { dotSizeMm: v }, d)}
      />
      <Slider
        label={`Shade of ${z.id}`}
        value={z.shade}
        min={10}
        max={70}
        step={1}
        onChange={(v, d) => props.onZone(z.id, { shade: v }, d)}
      />
      <button type="button" onClick={props.onRemove}>
        Remove zone {z.id}
      </button>
    </div>
  )
}

function ScarFields(props: {
  scar: Scar
  onScar(id: string, patch: ScarFieldsPatch, done: boolean): void
  onRemove(): void
}) {
  const s = props.scar
  return (
    <div>
      {s.kind === 'fut' && (
        <Slider
          label={`Width of ${s.id}`}
          unit=" mm"
          value={s.widthMm}
          min={0.5}
          max={30}
          step={0.5}
          onChange={(v, d) => props.onScar(s.id, { widthMm: v }, d)}
        />
      )}
      {s.kind === 'fue' && (
        <>
          {/* the design schema's limits: 1–10 000 punches, 0.3–2 mm each */}
          <NumberField
            label={`Punches in ${s.id}`}
            value={s.count}
            min={1}
            max={10_000}
            step={1}
            integer
            onChange={(v, d) => props.onScar(s.id, { count: v }, d)}
          />
          <NumberField
            label={`Punch diameter of ${s.id} (mm)`}
            value={s.diameterMm}
            min={0.3}
            max={2}
            step={0.1}
            onChange={(v, d) => props.onScar(s.id, { diameterMm: v }, d)}
          />
        </>
      )}
      <button type="button" onClick={props.onRemove}>
        Remove scar {s.id}
      </button>
    </div>
  )
}

export interface LookOptions {
  session: number
  stage: 'fresh' | 'healed'
  years: number
  view: StudioView
  /** The orbit's azimuth and elevation, degrees. */
  angle: number
  elevation: number
  rotating: boolean
  /** Share of the width showing the client before treatment, 0–100 %. */
  split: number
}

/** Turns the orbit: drag across the pad, or focus it and use the arrow keys (5° a press, 15° with Shift). */
function OrbitPad(props: { look: LookOptions; onLook(patch: Partial<LookOptions>): void }) {
  const { look, onLook } = props
  const drag = useRef<{ x: number; y: number; angle: number; elevation: number } | null>(null)
  const turn = (angle: number, elevation: number) =>
    onLook({
      angle: ((Math.round(angle) % 360) + 360) % 360,
      elevation: Math.max(-30, Math.min(90, Math.round(elevation))),
      rotating: false,
    })
  return (
    <div
      className="studio-orbit-pad"
      role="slider"
      tabIndex={0}
      aria-label="Orbit the head: drag, or use the arrow keys"
      aria-valuemin={0}
      aria-valuemax={359}
      aria-valuenow={look.angle}
      aria-valuetext={`turned ${look.angle}°, raised ${look.elevation}°`}
      style={{ touchAction: 'none', cursor: 'grab', padding: '0.4rem', border: '1px dashed currentColor' }}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId)
        drag.current = { x: e.clientX, y: e.clientY, angle: look.angle, elevation: look.elevation }
      }}
      onPointerMove={(e) => {
        const d = drag.current
        if (d === null) return
        // half a degree per pixel: a drag across the pad turns the head most of the way round
        turn(d.angle - 0.5 * (e.clientX - d.x), d.elevation + 0.5 * (e.clientY - d.y))
      }}
      onPointerUp={() => {
        drag.current = null
      }}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 15 : 5
        if (e.key === 'ArrowLeft') turn(look.angle + step, look.elevation)
        else if (e.key === 'ArrowRight') turn(look.angle - step, look.elevation)
        else if (e.key === 'ArrowUp') turn(look.angle, look.elevation + step)
        else if (e.key === 'ArrowDown') turn(look.angle, look.elevation - step)
        else return
        e.preventDefault()
      }}
    >
      Drag here or use the arrow keys to turn the head
    </div>
  )
}

export function LookPanel(props: { sessions: number; look: LookOptions; onLook(patch: Partial<LookOptions>): void }) {
  const { look } = props
  return (
    <fieldset className="studio-panel">
      <legend>Preview</legend>
      <fieldset className="studio-row">
        <legend>View</legend>
        {STUDIO_VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            aria-pressed={look.view === v.id}
            onClick={() => props.onLook({ view: v.id })}
          >
            {v.label}
          </button>
        ))}
      </fieldset>
      {look.view === 'rotate' && (
        <div className="studio-row">
          <button type="button" aria-pressed={look.rotating} onClick={() => props.onLook({ rotating: !look.rotating })}>
            {look.rotating ? 'Stop turning' : 'Turn the head'}
          </button>
          <Slider
            label="Turn"
            unit="°"
            value={look.angle}
            min={0}
            max={359}
            step={1}
            onChange={(v) => props.onLook({ angle: v, rotating: false })}
          />
          <Slider
            label="Raise"
            unit="°"
            value={look.elevation}
            min={-30}
            max={90}
            step={1}
            onChange={(v) => props.onLook({ elevation: v, rotating: false })}
          />
          <OrbitPad look={look} onLook={props.onLook} />
        </div>
      )}
      <Slider
        label="Session"
        value={look.session}
        min={1}
        max={props.sessions}
        step={1}
        onChange={(v) => props.onLook({ session: v })}
      />
      <fieldset className="studio-row">
        <legend>Stage</legend>
        {(['fresh', 'healed'] as const).map((s) => (
          <label key={s}>
            <input
              type="radio"
              name="studio-stage"
              value={s}
              checked={look.stage === s}
              onChange={() => props.onLook({ stage: s, years: s === 'fresh' ? 0 : look.years })}
            />
            {s === 'fresh' ? 'Fresh' : 'Healed'}
          </label>
        ))}
      </fieldset>
      <Slider
        label="Years after healing"
        value={look.years}
        min={0}
        max={10}
        step={0.5}
        disabled={look.stage === 'fresh'}
        onChange={(v) => props.onLook({ years: v })}
      />
      <Slider
        label="Before / after split"
        unit=" %"
        value={look.split}
        min={0}
        max={100}
        step={1}
        onChange={(v) => props.onLook({ split: v })}
      />
    </fieldset>
  )
}

export function PlanPanel(props: { plan: DesignPlan | null; pending: boolean }) {
  const areaLabel = useId()
  const p = props.plan
  return (
    <section className="studio-panel" aria-labelledby={`${areaLabel}-h`} aria-busy={props.pending}>
      <h2 id={`${areaLabel}-h`}>Plan and quote</h2>
      <p>
        <span id={areaLabel}>Treated area</span>:{' '}
        <output aria-labelledby={areaLabel} data-testid="treated-area">
          {p === null ? '…' : `${p.plan.treatedAreaCm2.toFixed(1)} cm²`}
        </output>
      </p>
      {p !== null && (
        <>
          <p>
            {p.plan.sessions.length} sessions,{' '}
            <span data-testid="total-impressions">{p.plan.totalImpressions.toLocaleString('en')}</span> impressions in
            all
          </p>
          <table>
            <caption>Sessions</caption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Day</th>
                <th scope="col">Impressions</th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
              {p.plan.sessions.map((s) => (
                <tr key={s.index}>
                  <td>{s.index}</td>
                  <td>{s.dayOffset}</td>
                  <td>{s.impressions.toLocaleString('en')}</td>
                  <td>{Math.round(s.durationMinutes)} min</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>Quote, tax included</caption>
            <tbody>
              {p.quote.lines.map((l) => (
                <tr key={l.label}>
                  <td>{l.label}</td>
                  <td className="num">{formatMoney(l.amount, p.quote.currency, 2)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Total</th>
                <td className="num" data-testid="quote-total">
                  {formatMoney(p.quote.total, p.quote.currency, 2)}
                </td>
              </tr>
            </tbody>
          </table>
        </>
      )}
      {props.pending && <p className="studio-note">Updating…</p>}
    </section>
  )
}

const DRAW_HINTS: Readonly<Record<DrawTool, string>> = {
  zone: "Click or tap the preview to place the zone's corners. Close it on the first point, with Enter or a double-click.",
  fut: 'Click or tap points along the strip scar. Finish with Enter or a double-click.',
  fue: "Click or tap the preview to place the donor area's corners. Close it on the first point, with Enter or a double-click.",
}

/** The drawing in progress (what to do, how many points, finish or cancel), and why a drawing was refused. */
export function DrawBar(props: {
  drawing: DrawingState | null
  message: string | null
  onFinish(): void
  onRemoveLast(): void
  onCancel(): void
}) {
  const { drawing, message } = props
  const bar = useRef<HTMLElement>(null)
  const active = drawing !== null
  // the instructions take the focus when a drawing starts, so Enter and Escape reach the drawing, not a button;
  // the page does not scroll to them, so the head stays where the finger is about to tap
  useEffect(() => {
    if (active) bar.current?.focus({ preventScroll: true })
  }, [active])
  if (drawing === null && message === null) return null
  const n = drawing?.points.length ?? 0
  return (
    <section className="studio-drawbar" aria-label="Drawing" ref={bar} tabIndex={-1}>
      {drawing !== null && (
        <>
          <h2>Drawing a {DRAW_NAMES[drawing.tool]}</h2>
          <p className="studio-note">{DRAW_HINTS[drawing.tool]} Backspace removes the last point, Escape cancels.</p>
          <p aria-live="polite">
            {n} {n === 1 ? 'point' : 'points'} placed
            {n < MIN_DRAW_POINTS[drawing.tool] ? ` (at least ${MIN_DRAW_POINTS[drawing.tool]} needed)` : ''}.
          </p>
          <div className="studio-row">
            <button type="button" onClick={props.onFinish} disabled={n < MIN_DRAW_POINTS[drawing.tool]}>
              Finish {DRAW_NAMES[drawing.tool]}
            </button>
            <button type="button" onClick={props.onRemoveLast} disabled={n === 0}>
              Remove last point
            </button>
            <button type="button" onClick={props.onCancel}>
              Cancel drawing
            </button>
          </div>
        </>
      )}
      {message !== null && (
        <p role="alert" className="studio-problems" data-testid="draw-message">
          {message}
        </p>
      )}
    </section>
  )
}
