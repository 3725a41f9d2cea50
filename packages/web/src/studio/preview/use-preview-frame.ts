// The frame loop: the preview is drawn on the next animation frame after anything it shows changes, by WebGL2 (only
// where the answers since the last drawn one changed, when that is all that changed) or, without it, by the engine's
// CPU renderer into a 2D canvas.
import { renderPreview, type View } from '@stipple/engine'
import { type RefObject, useEffect, useRef, useState } from 'react'
import type { LookOptions } from '../panels/look-panel.tsx'
import { createPreviewRenderer, type PreviewRenderer } from '../render/preview-renderer.ts'
import type { Answers, Placed, Problem } from './use-placement.ts'

export function usePreviewFrame(input: {
  canvas: RefObject<HTMLCanvasElement | null>
  size: number
  placed: Placed | null
  answers: Answers
  look: LookOptions
  session: number
  camera: View
  onProblems(problems: Problem[]): void
}): { noWebgl: boolean } {
  const { canvas, size, placed, answers, look, session, camera, onProblems } = input
  const renderer = useRef<PreviewRenderer | null>(null)
  const painted = useRef(-1)
  const [noWebgl, setNoWebgl] = useState(false)
  useEffect(() => {
    if (canvas.current === null || renderer.current !== null) return
    renderer.current = createPreviewRenderer(canvas.current, size)
    if (renderer.current === null) setNoWebgl(true)
  }, [canvas, size])
  // biome-ignore lint/correctness/useExhaustiveDependencies: drawn again when what it shows changes, not when a callback or ref does
  useEffect(() => {
    if (placed === null) return
    const frame = requestAnimationFrame(() => {
      // the placement is drawn as it is, with its own design (the design of the answer, a step behind while dragging)
      const { placement, versions } = placed
      const options = {
        view: look.view === 'rotate' ? ('front' as const) : look.view,
        session: Math.min(session, placement.design.sessions.length),
        stage: look.stage,
        years: look.stage === 'healed' ? look.years : 0,
        width: size,
        height: size,
      }
      const split = (look.split / 100) * size
      const r = renderer.current
      if (r !== null) {
        // the answers between the one last drawn and the one drawn now
        const between = answers.current.filter((a) => a.seq > painted.current && a.seq <= placed.seq)
        const whole = painted.current < 0 || between.some((a) => a.dirty === 'all')
        const since = whole ? {} : { changed: between.flatMap((a) => (a.dirty === 'all' ? [] : a.dirty)) }
        const issues = r.render({ placement, versions, options, view: camera, split, ...since })
        if (issues.length > 0) {
          // nothing was drawn: the next frame draws everything
          painted.current = -1
          onProblems(issues)
          return
        }
        painted.current = placed.seq
        answers.current = answers.current.filter((a) => a.seq > placed.seq)
        return
      }
      // without WebGL2: the engine's CPU renderer into a 2D canvas (named views only)
      const ctx = canvas.current?.getContext('2d')
      if (ctx === null || ctx === undefined) return
      const image = ctx.createImageData(size, size)
      renderPreview(placement, options, image)
      ctx.putImageData(image, 0, 0)
      // drawn whole: the answers up to this one are done with
      answers.current = answers.current.filter((a) => a.seq > placed.seq)
    })
    return () => cancelAnimationFrame(frame)
  }, [placed, look, session, camera])
  return { noWebgl }
}
