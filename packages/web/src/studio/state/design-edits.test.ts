import { placeDots, presetDesign } from '@stipple/engine'
import { describe, expect, it } from 'vitest'
import {
  addScar,
  addZone,
  controlPointsOf,
  hairlineCurveOf,
  handlesOf,
  moveControlPoint,
  moveHandle,
  removeZone,
  resetHandles,
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

describe('tangent handles', () => {
  const k = 6
  const length = (v: readonly [number, number] | undefined) => Math.hypot(v?.[0] ?? 0, v?.[1] ?? 0)

  it('shows the automatic handles first: on one line through the point, the out one towards the next point', () => {
    const points = controlPointsOf(design)
    const handles = handlesOf(design)
    expect(handles).toHaveLength(points.length)
    expect(handles.every((h) => h.automatic)).toBe(true)
    const h = handles[k]
    if (h === undefined) throw new Error('no handles')
    expect(h.in[0] * h.out[1] - h.in[1] * h.out[0]).toBeCloseTo(0, 6)
    expect(h.out[0]).toBeLessThan(0) // the next point lies towards the client's left (u falling)
  })

  it('a smooth drag turns the other handle opposite and keeps its length; the design places other dots', () => {
    const before = handlesOf(design)[k]
    const moved = moveHandle(design, k, 'out', [-12, 9], false)
    const hl = moved.hairline
    expect(hl?.controlPoints).toEqual(controlPointsOf(design))
    expect(hl?.handles).toHaveLength(controlPointsOf(design).length)
    expect(hl?.handles?.filter((h) => h !== null)).toHaveLength(1)
    const h = hl?.handles?.[k]
    expect(h?.out).toEqual([-12, 9])
    expect(length(h?.in)).toBeCloseTo(length(before?.in), 1)
    expect((h?.in[0] ?? 0) / length(h?.in)).toBeCloseTo(12 / 15, 3)
    expect((h?.in[1] ?? 0) / length(h?.in)).toBeCloseTo(-9 / 15, 3)
    const a = placeDots(design)
    const b = placeDots(moved)
    expect(a.ok && b.ok).toBe(true)
    if (a.ok && b.ok) expect(b.dots.count).not.toBe(a.dots.count)
  })

  it('a corner (Alt) drag moves the dragged handle alone', () => {
    const before = handlesOf(design)[k]
    const h = moveHandle(design, k, 'in', [5, 20], true).hairline?.handles?.[k]
    expect(h?.in).toEqual([5, 20])
    expect(h?.out[0]).toBeCloseTo(before?.out[0] ?? Number.NaN, 2)
    expect(h?.out[1]).toBeCloseTo(before?.out[1] ?? Number.NaN, 2)
  })

  it('keeps a handle within the 80 mm the design allows', () => {
    const h = moveHandle(design, k, 'out', [-300, 400], false).hairline?.handles?.[k]
    expect(length(h?.out)).toBeLessThanOrEqual(80)
    expect(length(h?.out)).toBeGreaterThan(79.9)
    expect(placeDots(moveHandle(design, k, 'out', [-300, 400], false)).ok).toBe(true)
  })

  it('moving the point carries its handles along; height and shape drop them with the points', () => {
    const bent = moveHandle(design, k, 'out', [-12, 9], false)
    const p = controlPointsOf(bent)[k] ?? [0, 0]
    const moved = moveControlPoint(bent, k, [p[0] + 3, p[1] - 4])
    expect(moved.hairline?.handles).toBe(bent.hairline?.handles)
    const raised = setHairline(moved, { heightMm: 70 })
    expect(raised.hairline?.handles).toBeUndefined()
    expect(raised.hairline?.controlPoints).toBeUndefined()
  })

  it('reset gives the point its automatic handles back, and the last reset leaves no handles at all', () => {
    const plain = moveControlPoint(design, 0, controlPointsOf(design)[0] ?? [0, 0])
    const twice = moveHandle(moveHandle(plain, k, 'out', [-12, 9], false), 2, 'in', [4, 4], true)
    const once = resetHandles(twice, k)
    expect(once.hairline?.handles?.[k]).toBeNull()
    expect(once.hairline?.handles?.[2]).not.toBeNull()
    expect(handlesOf(once)[k]).toEqual(handlesOf(plain)[k])
    const none = resetHandles(once, 2)
    expect(none.hairline && 'handles' in none.hairline).toBe(false)
    expect(hairlineCurveOf(none)).toEqual(hairlineCurveOf(plain))
    expect(resetHandles(none, 2)).toBe(none)
  })

  it('a handle drag is one step of history: undo brings the line back', () => {
    let h = createHistory(design)
    h = preview(h, moveHandle(h.present, k, 'out', [-10, 5], false))
    h = preview(h, moveHandle(h.present, k, 'out', [-14, 12], false))
    h = endDrag(h)
    expect(h.past).toHaveLength(1)
    expect(hairlineCurveOf(h.present)).not.toEqual(hairlineCurveOf(design))
    h = undo(h)
    expect(h.present).toBe(design)
    h = commit(h, resetHandles(moveHandle(h.present, k, 'in', [3, 3], true), k))
    expect(h.present.hairline?.handles).toBeUndefined()
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
