// Cameras for the studio: the engine's named views, and the orbit (a free camera turned about the head's vertical axis
// and raised or lowered).
import { createOrbitView, createView, type HeadModel, type View, type ViewName } from '@stipple/engine'

export type StudioView = Exclude<ViewName, 'chart'> | 'rotate'

export const STUDIO_VIEWS: readonly { id: StudioView; label: string }[] = [
  { id: 'top', label: 'Top' },
  { id: 'front', label: 'Front' },
  { id: 'three-quarter-left', label: '¾ left' },
  { id: 'three-quarter-right', label: '¾ right' },
  { id: 'left', label: 'Left' },
  { id: 'right', label: 'Right' },
  { id: 'back', label: 'Back' },
  { id: 'rotate', label: '3D head' },
]

/** The orbit's starting elevation, degrees: the named side views' [assumption, as view.ts]. */
export const ORBIT_ELEVATION = 12

/**
 * The camera for a studio view; for the orbit `angleDeg` turns the head (0 = front, 90 = the client's right side) and
 * `elevationDeg` raises the camera (90 looks straight down).
 */
export function cameraFor(
  head: HeadModel,
  view: StudioView,
  angleDeg: number,
  size: number,
  elevationDeg = ORBIT_ELEVATION
): View {
  if (view !== 'rotate') return createView(head, view, size, size)
  return createOrbitView(head, angleDeg, elevationDeg, size, size)
}
