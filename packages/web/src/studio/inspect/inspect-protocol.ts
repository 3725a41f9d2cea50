// Messages between the studio and its inspection worker: the fringe match of a placement, measured off the main
// thread so that dragging stays fast (an inspection renders the whole chart at 2 px/mm: a few hundred ms).
import type { FringeMatch, InspectOptions, Placement } from '@stipple/engine'

export interface InspectRequest {
  id: number
  /** The placement the preview shows, as the placement worker gave it (it is not placed again). */
  placement: Placement
  options: InspectOptions
}

export type InspectResponse =
  | { id: number; ok: true; fringeMatch: FringeMatch; ms: number }
  | { id: number; ok: false; message: string }
