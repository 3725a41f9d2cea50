// The worker's job, kept apart from `self` so it runs in tests too: place a design's dots (reusing the last placement
// when nothing that places dots changed) and, when asked, plan and quote it. While a hairline drag is under way
// (`plan: false`), the engine's quick drag placement re-samples only the cells the move changed, from the last
// placement; the request that settles the change (`plan: true`) places the design in full, so what the artist sees
// when they let go is the design's own placement, the same as Node's.
import { type DesignPlan, planDesign } from '@stipple/domain'
import {
  type ChartBox,
  type Design,
  type PlacementResult,
  placeDots,
  placeDotsAfterHairlineMove,
} from '@stipple/engine'
import { type PlaceRequest, type PlaceResponse, placementKey } from './placement-protocol.ts'

export interface Placer {
  place(request: PlaceRequest): PlaceResponse
}

type Placed = Extract<PlacementResult, { ok: true }>

export function createPlacer(now: () => number = () => performance.now()): Placer {
  /** Key of the design whose full placement `last` is; '' when `last` is a drag placement. */
  let fullKey = ''
  let last: { design: Design; placed: Placed } | null = null
  let planKey = ''
  let lastPlan: DesignPlan | null = null
  return {
    place({ id, design, plan }) {
      const key = placementKey(design)
      const t0 = now()
      let reused = false
      let partial = false
      let dirty: ChartBox[] | 'all' = []
      if (key === fullKey && last !== null) reused = true
      else {
        const quick = !plan && last !== null ? placeDotsAfterHairlineMove(last.placed, last.design, design) : null
        const placed = quick ?? placeDots(design)
        // after a refusal the page shows no dots; whatever comes next is all new
        if (!placed.ok) {
          last = null
          fullKey = ''
          return { id, ok: false, issues: placed.issues }
        }
        partial = quick !== null
        dirty = quick === null ? 'all' : (placed.changed ?? 'all')
        last = { design, placed }
        fullKey = partial ? '' : key
      }
      const ms = now() - t0
      let p: DesignPlan | null = null
      if (plan) {
        const pk = JSON.stringify(design)
        if (pk !== planKey) {
          lastPlan = planOf(design)
          planKey = pk
        }
        p = lastPlan
      }
      return { id, ok: true, dots: last.placed.dots, hair: last.placed.hair, ms, reused, partial, dirty, plan: p }
    },
  }
}

function planOf(design: Design): DesignPlan | null {
  try {
    return planDesign(design)
  } catch {
    return null
  }
}
