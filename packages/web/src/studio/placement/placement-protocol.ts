// Messages between the studio and its placement worker.
import type { DesignPlan } from '@stipple/domain'
import type { ChartBox, Design, Placement } from '@stipple/engine'

export interface PlaceRequest {
  id: number
  design: Design
  /** Also compute the plan and quote (of the same placement): asked when a change settles. */
  plan: boolean
}

export type PlaceResponse =
  | {
      id: number
      ok: true
      /** The placement of the request's design (dots, hair, head, field), for the preview to take as it is. */
      placement: Placement
      /** Placement time in the worker, ms. */
      ms: number
      /** Whether the dots are the last placement's, reused because nothing that places dots changed. */
      reused: boolean
      /** Whether these are a hairline drag's quick dots (only the changed cells re-sampled), not the full placement. */
      partial: boolean
      /**
       * What differs from the dots and hair of the worker's previous answer: everything, or only what lies within
       * these chart boxes (none: nothing), so a preview can redraw just there.
       */
      dirty: ChartBox[] | 'all'
      plan: DesignPlan | null
    }
  | { id: number; ok: false; issues: { path: string; message: string }[] }

/** The part of a design that decides where dots go: skin, pigment, dilution and shade offsets only change their look. */
export function placementKey(design: Design): string {
  return JSON.stringify([
    design.seed,
    design.head,
    design.hairline,
    design.zones,
    design.existingHair,
    design.scars,
    design.sessions.map((s) => s.share),
    design.crown,
  ])
}
