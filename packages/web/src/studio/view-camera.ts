// Cameras for the studio: the engine's named views, and the free orbit (any yaw round the head, any pitch from level
// to nearly straight down), which the artist turns by dragging the preview or with the Turn and Tilt sliders.
import { createView, type HeadModel, ORBIT_PITCH_RANGE, orbitView, type View, type ViewName } from '@stipple/engine'

export type StudioView = Exclude<ViewName, 'chart'> | 'orbit'

export const STUDIO_VIEWS: readonly { id: StudioView; label: string }[] = [
  { id: 'top', label: 'Top' },
  { id: 'front', label: 'Front' },
  { id: 'three-quarter-left', label: '¾ left' },
  { id: 'three-quarter-right', label: '¾ right' },
  { id: 'left', label: 'Left' },
  { id: 'right', label: 'Right' },
  { id: 'back', label: 'Back' },
  { id: 'orbit', label: 'Free orbit' },
]

/** The orbit's pitch range, degrees. */
export const PITCH_RANGE = ORBIT_PITCH_RANGE

/** Degrees of turn per preview pixel dragged [assumption: a drag across the preview turns the head about half round]. */
const DEG_PER_PX = 0.25

/** The orbit after a drag of (dx, dy) preview px: right turns the head to show its left side, down tilts to the top. */
export function orbitAfterDrag(yaw: number, pitch: number, dx: number, dy: number): { yaw: number; pitch: number } {
  const y = (((yaw - dx * DEG_PER_PX + 180) % 360) + 360) % 360
  return {
    yaw: Math.round((y - 180) * 10) / 10,
    pitch: Math.round(Math.min(PITCH_RANGE[1], Math.max(PITCH_RANGE[0], pitch + dy * DEG_PER_PX)) * 10) / 10,
  }
}

/**
 * The camera for a studio view; the orbit's `yawDeg` (0 faces the client, 90 their right side, ±180 the back) and
 * `pitchDeg` (0 level, 85 nearly from above) apply to the free orbit only.
 */
export function cameraFor(head: HeadModel, view: StudioView, yawDeg: number, pitchDeg: number, size: number): View {
  if (view !== 'orbit') return createView(head, view, size, size)
  return orbitView(head, yawDeg, pitchDeg, size, size)
}
