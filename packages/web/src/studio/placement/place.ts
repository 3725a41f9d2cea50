// The worker's job, kept apart from `self` so it runs in tests too: place a design's dots (reusing the last placement
// when nothing that places dots changed) and, when asked, plan and quote it. While a hairline drag is under way
// (`plan: false`), the engine's quick drag placement re-samples only the cells the move changed, from the last
// placement; the request that settles the change (`plan: true`) places the design in full, so what the artist sees
// when they let go is the design's own placement, the same as Node's.
import { type DesignPlan, planDesign } from '@stipple/domain'
import { type ChartBox, type Design, type Placement, placeDots, placeDotsAfterHairlineMove } from '@stipple/engine'
import type { PlaceRequest, PlaceResponse } from './placement-protocol.ts'

export interface Placer {
  place(request: PlaceRequest): PlaceResponse
}

export function createPlacer(now: () => number = () => performance.now()): Placer {
  /** The placement version of the design whose full placement `last` is; -1 when `last` is a drag placement. */
  let fullKey = -1
  let last: Placement | null = null
  let planKey = -1
  let lastPlan: DesignPlan | null = null
  return {
    place({ id, design, versions, plan }) {
      const key = versions.placement
      const t0 = now()
      let reused = false
      let partial = false
      let dirty: ChartBox[] | 'all' = []
      if (key === fullKey && last !== null) {
        reused = true
        // the same dots are this design's placement too (only its look changed): a drag goes on from it
        last = { ...last, design }
      } else {
        const quick = !plan && last !== null ? placeDotsAfterHairlineMove(last, design) : null
        const placed = quick ?? placeDots(design)
        // after a refusal the page shows no dots; whatever comes next is all new
        if (!placed.ok) {
          last = null
          fullKey = -1
          return { id, ok: false, issues: placed.issues }
        }
        partial = quick !== null
        dirty = quick === null ? 'all' : (placed.changed ?? 'all')
        last = placed
        fullKey = partial ? -1 : key
      }
      // the placement of this design: a reused one differs from it only in what does not place dots
      const placement = shown(last, design)
      const ms = now() - t0
      let p: DesignPlan | null = null
      if (plan) {
        if (versions.design !== planKey) {
          lastPlan = planOf(placement)
          planKey = versions.design
        }
        p = lastPlan
      }
      return { id, ok: true, versions, placement, ms, reused, partial, dirty, plan: p }
    },
  }
}

/** The placement as the page gets it: for `design`, without the drag's memory (which stays with the worker). */
function shown(p: Placement, design: Design): Placement {
  return {
    ok: true,
    design,
    dots: p.dots,
    radius: p.radius,
    hair: p.hair,
    field: p.field,
    head: p.head,
    sessionCounts: p.sessionCounts,
    punches: p.punches,
    ...(p.changed === undefined ? {} : { changed: p.changed }),
  }
}

function planOf(placement: Placement): DesignPlan | null {
  try {
    return planDesign(placement)
  } catch {
    return null
  }
}
