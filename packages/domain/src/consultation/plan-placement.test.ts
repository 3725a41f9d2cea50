// planDesign takes a placement as it is: the plan follows the dots it is given, and the design they were placed for.
import { allocateDots, placeDots, presetDesign } from '@stipple/engine'
import { describe, expect, it } from 'vitest'
import { placeDesign, planDesign } from './consult.ts'

describe('planDesign of a placement', () => {
  const design = presetDesign('norwood-4', { seed: 4 })
  const placed = placeDesign(design)

  it('plans the dots it is given (two impressions each), without placing the design again', () => {
    const whole = planDesign(placed)
    expect(whole.plan.totalImpressions).toBe(2 * placed.dots.count)
    // keep every other dot: a plan made from its own placement would not follow
    const half = allocateDots(Math.ceil(placed.dots.count / 2))
    for (const key of ['x', 'y', 'diameter', 'shade', 'session', 'zone'] as const)
      half[key].set(placed.dots[key].filter((_, i) => i % 2 === 0))
    const thinned = planDesign({ ...placed, dots: half })
    expect(thinned.plan.totalImpressions).toBe(2 * half.count)
    expect(thinned.plan.totalImpressions).toBeLessThan(whole.plan.totalImpressions)
  })

  it('reads the sessions from the placement’s design', () => {
    expect(planDesign(placed).plan.sessions).toHaveLength(design.sessions.length)
  })

  it('placeDesign throws the problems of a design that cannot be placed, with paths', () => {
    const first = design.zones[0]
    if (first === undefined) throw new Error('the preset has zones')
    const bad = { ...design, zones: [{ ...first, polygon: [[0, 0] as const] }] }
    expect(placeDots(bad).ok).toBe(false)
    expect(() => placeDesign(bad)).toThrow(/^zones/)
  })
})
