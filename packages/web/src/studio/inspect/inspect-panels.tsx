// Beside the preview: the fringe match (does the treated area's tone match the client's own shaved hair at the
// border?) and the close-up (a 20 mm square at 40 px/mm about a point the artist picks), both simulated.
import {
  CLOSE_UP_MM,
  CLOSE_UP_PX,
  CLOSE_UP_PX_PER_MM,
  closeUpWindow,
  FRINGE_MATCH_LIMIT,
  type FringeMatch,
  type Placement,
  renderPreview,
  type Stage,
} from '@stipple/engine'
import { useEffect, useRef } from 'react'

/** Length of the close-up's scale bar, mm. */
const SCALE_BAR_MM = 5

export function FringeMatchPanel(props: { match: FringeMatch | null; pending: boolean; when: string }) {
  const { match } = props
  return (
    <section className="studio-panel" aria-label="Fringe match">
      <h2>Fringe match</h2>
      {match === null ? (
        <p>Measuring…</p>
      ) : match.kind === 'measured' ? (
        <p>
          <output aria-label="ΔE2000">ΔE2000 {match.deltaE2000.toFixed(1)}</output>: {match.reading}
          {props.pending ? ' (updating…)' : ''}
        </p>
      ) : (
        <p>{match.reading[0]?.toUpperCase() + match.reading.slice(1)}.</p>
      )}
      <p className="studio-note">
        Simulated: the treated area within 10 mm of the border against the remaining hair just past it, {props.when};{' '}
        {FRINGE_MATCH_LIMIT} or less reads as the same tone side by side.
      </p>
    </section>
  )
}

export interface CloseUpOptions {
  session: number
  stage: Stage
  years: number
}

/**
 * The close-up of a placed design about chart point `at`, drawn by the engine's CPU renderer, with a scale bar. While
 * `frozen` (a drag under way) it keeps its last image, so the drag's frames never wait for it.
 */
export function CloseUpView(props: {
  placement: Placement
  at: { u: number; v: number }
  options: CloseUpOptions
  frozen: boolean
  onClose(): void
}) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const { placement, at, options, frozen } = props
  useEffect(() => {
    if (frozen) return
    const ctx = canvas.current?.getContext('2d')
    if (ctx === null || ctx === undefined) return
    const image = ctx.createImageData(CLOSE_UP_PX, CLOSE_UP_PX)
    const r = renderPreview(
      placement,
      {
        view: 'chart',
        width: CLOSE_UP_PX,
        height: CLOSE_UP_PX,
        closeUp: closeUpWindow(at.u, at.v),
        session: Math.min(options.session, placement.design.sessions.length),
        stage: options.stage,
        years: options.stage === 'healed' ? options.years : 0,
      },
      image
    )
    if (r.ok) ctx.putImageData(image, 0, 0)
  }, [placement, at, options.session, options.stage, options.years, frozen])
  return (
    <figure className="studio-closeup" aria-label="Close-up">
      <div style={{ position: 'relative', width: '100%', maxWidth: 400, aspectRatio: '1' }}>
        <canvas
          ref={canvas}
          width={CLOSE_UP_PX}
          height={CLOSE_UP_PX}
          role="img"
          aria-label="Simulated close-up"
          style={{ width: '100%', height: '100%', display: 'block' }}
        />
        <div
          className="studio-scalebar"
          data-testid="closeup-scale"
          style={{ width: `${(100 * SCALE_BAR_MM) / CLOSE_UP_MM}%` }}
        >
          {SCALE_BAR_MM} mm
        </div>
      </div>
      <figcaption>
        Simulated close-up: a {CLOSE_UP_MM} mm square at {CLOSE_UP_PX_PER_MM} px/mm about chart ({at.u.toFixed(0)},{' '}
        {at.v.toFixed(0)}) mm.{' '}
        <button type="button" onClick={props.onClose}>
          Close the close-up
        </button>
      </figcaption>
    </figure>
  )
}
