// Messages between the studio and its placement worker.
import type { DesignPlan } from '@stipple/domain'
import type { ChartBox, Design, Placement } from '@stipple/engine'
import type { DesignVersions } from '../editor/design-versions.ts'

export interface PlaceRequest {
  id: number
  design: Design
  /** The design's version numbers: the worker reuses its dots while `placement` stays, its plan while `design` does. */
  versions: DesignVersions
  /** Also compute the plan and quote (of the same placement): asked when a change settles. */
  plan: boolean
}

export type PlaceResponse =
  | {
      id: number
      ok: true
      /** The request's version numbers, for the preview to tell what changed. */
      versions: DesignVersions
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
