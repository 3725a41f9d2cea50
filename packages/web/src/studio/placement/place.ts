// The worker's job, kept apart from `self` so it runs in tests too: place a design's dots (reusing the last placement
// when nothing that places dots changed) and, when asked, plan and quote it.
import { type DesignPlan, planDesign } from '@stipple/domain'
import { type Design, type DotBuffer, type HairPoints, placeDots } from '@stipple/engine'
import { type PlaceRequest, type PlaceResponse, placementKey } from './placement-protocol.ts'

export interface Placer {
  place(request: PlaceRequest): PlaceResponse
}

export function createPlacer(now: () => number = () => performance.now()): Placer {
  let lastKey = ''
  let last: { dots: DotBuffer; hair: HairPoints } | null = null
  let planKey = ''
  let lastPlan: DesignPlan | null = null
  return {
    place({ id, design, plan }) {
      const key = placementKey(design)
      const t0 = now()
      let reused = false
      if (key === lastKey && last !== null) reused = true
      else {
        const placed = placeDots(design)
        if (!placed.ok) return { id, ok: false, issues: placed.issues }
        last = { dots: placed.dots, hair: placed.hair }
        lastKey = key
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
      return { id, ok: true, dots: last.dots, hair: last.hair, ms, reused, plan: p }
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
