// How the preview looks: the view (and the orbit), session, stage, years after healing and the before/after split.
import { STUDIO_VIEWS, type StudioView } from '../view-camera.ts'
import { Slider } from './fields.tsx'
import { OrbitPad } from './orbit-pad.tsx'

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
