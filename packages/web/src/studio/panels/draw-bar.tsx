// The drawing in progress: what to do, how many points, finish, take back or cancel; and why a drawing was refused.
import { useEffect, useRef } from 'react'
import { SHAPE_UTILS } from '../editor/kinds/shape-utils.ts'
import type { DrawingState } from '../editor/store.ts'

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
          <h2>Drawing a {SHAPE_UTILS[drawing.tool].name}</h2>
          <p className="studio-note">
            {SHAPE_UTILS[drawing.tool].drawHint} Backspace removes the last point, Escape cancels.
          </p>
          <p aria-live="polite">
            {n} {n === 1 ? 'point' : 'points'} placed
            {n < SHAPE_UTILS[drawing.tool].minPoints ? ` (at least ${SHAPE_UTILS[drawing.tool].minPoints} needed)` : ''}
            .
          </p>
          <div className="studio-row">
            <button type="button" onClick={props.onFinish} disabled={n < SHAPE_UTILS[drawing.tool].minPoints}>
              Finish {SHAPE_UTILS[drawing.tool].name}
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
