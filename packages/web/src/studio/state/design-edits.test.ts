import { placeDots, presetDesign } from '@stipple/engine'
import { describe, expect, it } from 'vitest'
import {
  addScar,
  addZone,
  controlPointsOf,
  moveControlPoint,
  removeZone,
  scale,
  setHairline,
  translate,
  updateZone,
} from './design-edits.ts'
import { commit, createHistory, endDrag, preview, redo, undo } from './history.ts'

const design = presetDesign('norwood-5a', { seed: 2 })

describe('hairline edits', () => {
  it('moving a control point keeps the others where the parameters put them, and the design still places', () => {
    const before = controlPointsOf(design)
    expect(before.length).toBeGreaterThan(4)
    const i = Math.floor(before.length / 2)
    const p = before[i]
    if (p === undefined) throw new Error('no middle point')
    const moved = moveControlPoint(design, i, [p[0], p[1] - 10])
    const after = controlPointsOf(moved)
    expect(after[i]?.[1]).toBeCloseTo(p[1] - 10, 1)
    after.forEach((q, k) => {
      if (k !== i) expect(q[0]).toBeCloseTo(before[k]?.[0] ?? Number.NaN, 1)
    })
    const a = placeDots(design)
    const b = placeDots(moved)
    expect(a.ok && b.ok).toBe(true)
    if (a.ok && b.ok) expect(b.dots.count).not.toBe(a.dots.count)
  })

  it('height and shape go back to the parametric line; softness keeps the hand-placed points', () => {
    const moved = moveControlPoint(design, 0, [100, 20])
    expect(setHairline(moved, { softnessMm: 12 }).hairline?.controlPoints).toBeDefined()
    const raised = setHairline(moved, { heightMm: 70 })
    expect(raised.hairline?.controlPoints).toBeUndefined()
    expect(raised.hairline?.heightMm).toBe(70)
  })
})

describe('zones and scars', () => {
  it('adds, moves, resizes, edits and removes a zone with a fresh id', () => {
    const added = addZone(addZone(design, [0, 0]), [10, 10])
    const ids = added.zones.map((z) => z.id)
    expect(new Set(ids).size).toBe(ids.length)
    const z = added.zones[added.zones.length - 1]
    if (z === undefined) throw new Error('no zone')
    const moved = updateZone(added, z.id, { polygon: translate(z.polygon, 5, -5), densityPerCm2: 60 })
    const m = moved.zones.find((q) => q.id === z.id)
    expect(m?.polygon[0]?.[0]).toBeCloseTo((z.polygon[0]?.[0] ?? 0) + 5)
    expect(m?.densityPerCm2).toBe(60)
    const big = scale(z.polygon, 2)
    const r0 = Math.hypot((z.polygon[0]?.[0] ?? 0) - 10, (z.polygon[0]?.[1] ?? 0) - 10)
    expect(Math.hypot((big[0]?.[0] ?? 0) - 10, (big[0]?.[1] ?? 0) - 10)).toBeCloseTo(2 * r0, 1)
    expect(removeZone(moved, z.id).zones.length).toBe(added.zones.length - 1)
  })

  it('adds a linear scar the engine accepts', () => {
    const scarred = addScar(design, [0, -120])
    expect(scarred.scars.length).toBe(design.scars.length + 1)
    expect(placeDots(scarred).ok).toBe(true)
  })
})

describe('history', () => {
  it('undoes and redoes single changes and a whole drag as one step', () => {
    let h = createHistory(1)
    h = commit(h, 2)
    h = preview(h, 3)
    h = preview(h, 4)
    h = endDrag(h)
    expect(h.present).toBe(4)
    h = undo(h)
    expect(h.present).toBe(2)
    h = undo(h)
    expect(h.present).toBe(1)
    h = undo(h)
    expect(h.present).toBe(1)
    h = redo(redo(h))
    expect(h.present).toBe(4)
    h = commit(undo(h), 9)
    expect(h.future).toEqual([])
    expect(commit(h, h.present)).toBe(h)
  })
})
