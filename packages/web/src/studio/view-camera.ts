// Cameras for the studio: the engine's named views, and the rotating head (the front camera turned about the head's
// vertical axis).
import { createView, type HeadModel, type View, type ViewName } from '@stipple/engine'

export type StudioView = Exclude<ViewName, 'chart'> | 'rotate'

export const STUDIO_VIEWS: readonly { id: StudioView; label: string }[] = [
  { id: 'top', label: 'Top' },
  { id: 'front', label: 'Front' },
  { id: 'left', label: 'Left' },
  { id: 'right', label: 'Right' },
  { id: 'back', label: 'Back' },
  { id: 'rotate', label: '3D head' },
]

type Vec3 = readonly [number, number, number]

function turn(v: Vec3, c: number, s: number): [number, number, number] {
  return [v[0] * c + v[2] * s, v[1], -v[0] * s + v[2] * c]
}

/** The camera for a studio view; `angleDeg` turns the 3D head (0 = front, 90 = the client's right side). */
export function cameraFor(head: HeadModel, view: StudioView, angleDeg: number, size: number): View {
  if (view !== 'rotate') return createView(head, view, size, size)
  const front = createView(head, 'front', size, size)
  const a = (angleDeg * Math.PI) / 180
  const c = Math.cos(a)
  const s = Math.sin(a)
  return {
    ...front,
    eye: turn(front.eye, c, s),
    right: turn(front.right, c, s),
    up: turn(front.up, c, s),
    forward: turn(front.forward, c, s),
  }
}
