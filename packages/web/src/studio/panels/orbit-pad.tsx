// The orbit pad of the free "3D head" view.
import { useRef } from 'react'
import type { LookOptions } from './look-panel.tsx'

/** Turns the orbit: drag across the pad, or focus it and use the arrow keys (5° a press, 15° with Shift). */
export function OrbitPad(props: { look: LookOptions; onLook(patch: Partial<LookOptions>): void }) {
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
