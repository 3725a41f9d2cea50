import { type ChartPoint, placeDots, presetDesign } from '@stipple/engine'
import { describe, expect, it } from 'vitest'
import {
  addScar,
  addZone,
  controlPointsOf,
  drawRefusal,
  edgeMidpoints,
  finishDrawing,
  hairlineCurveOf,
  handlesOf,
  insertCorner,
  issuePlace,
  minCornersOf,
  moveControlPoint,
  moveCorner,
  moveHandle,
  nearestEdge,
  removeCorner,
  removeZone,
  resetHandles,
  scale,
  setHairline,
  setScarFields,
  shapePointsOf,
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

describe('drawing zones and scars', () => {
  // a pentagon on the crown and a bow tie (its second and fourth edges cross), chart mm
  const pentagon: ChartPoint[] = [
    [0, 20],
    [25, 5],
    [18, -22],
    [-18, -22],
    [-25, 5],
  ]
  const bowTie: ChartPoint[] = [
    [0, 0],
    [30, 30],
    [30, 0],
    [0, 30],
  ]

  it('a drawn outline becomes a zone with the defaults addZone gives, selected, and the design places', () => {
    const r = finishDrawing(design, 'zone', pentagon)
    if (!r.ok) throw new Error(r.message)
    const zone = r.design.zones[r.design.zones.length - 1]
    const stock = addZone(design, [0, 0]).zones[design.zones.length]
    expect(r.design.zones).toHaveLength(design.zones.length + 1)
    expect(zone?.polygon).toEqual(pentagon)
    expect(r.selection).toEqual({ kind: 'zone', id: zone?.id })
    expect({ ...zone, polygon: [] }).toEqual({ ...stock, polygon: [] })
    expect(r.design.scars).toBe(design.scars)
    expect(placeDots(r.design).ok).toBe(true)
  })

  it('refuses too few points, an outline that crosses itself and one off the head, with the reason', () => {
    const few = finishDrawing(design, 'zone', pentagon.slice(0, 2))
    expect(few.ok).toBe(false)
    if (!few.ok) expect(few.message).toMatch(/at least 3 points; 2 are placed/)
    const crossed = finishDrawing(design, 'zone', bowTie)
    expect(crossed.ok).toBe(false)
    if (!crossed.ok) {
      expect(crossed.message).toMatch(/crosses itself/)
      expect(crossed.issues[0]?.path).toBe(`zones[${design.zones.length}].polygon`)
    }
    const off = finishDrawing(design, 'fue', [...pentagon.slice(0, 4), [0, 390]])
    expect(off.ok).toBe(false)
    if (!off.ok) expect(off.message).toMatch(/^This FUE donor area cannot be used: point 5: point \(0\.0, 390\.0\) mm/)
    // a line may bend back over itself: a strip scar has no inside
    expect(finishDrawing(design, 'fut', bowTie).ok).toBe(true)
  })

  it('draws an FUT scar (a line of 2 points or more, 4 mm wide) and an FUE area (1500 punches of 0.9 mm)', () => {
    const fut = finishDrawing(design, 'fut', [
      [-40, -110],
      [40, -112],
    ])
    if (!fut.ok) throw new Error(fut.message)
    expect(fut.design.scars.at(-1)).toMatchObject({
      kind: 'fut',
      widthMm: 4,
      polyline: [
        [-40, -110],
        [40, -112],
      ],
    })
    expect(fut.selection.kind).toBe('scar')
    const fue = finishDrawing(design, 'fue', translate(pentagon, 0, -100))
    if (!fue.ok) throw new Error(fue.message)
    const scar = fue.design.scars.at(-1)
    expect(scar).toMatchObject({ kind: 'fue', count: 1500, diameterMm: 0.9 })
    const placed = placeDots(fue.design)
    expect(placed.ok && placed.punches).toBe(1500)
    // placement spreads the first FUE area's punches only: a second one is refused before drawing
    expect(drawRefusal(design, 'fue')).toBeNull()
    expect(drawRefusal(fue.design, 'fue')).toMatch(/already has an FUE donor area/)
    const twice = finishDrawing(fue.design, 'fue', pentagon)
    expect(twice.ok).toBe(false)
  })

  it('sets the punches and their diameter on an FUE area, the width on an FUT scar, and nothing else', () => {
    const fue = finishDrawing(design, 'fue', translate(pentagon, 0, -100))
    if (!fue.ok) throw new Error(fue.message)
    const id = fue.selection.id
    const set = setScarFields(fue.design, id, { count: 800.4, diameterMm: 1.1, widthMm: 9 })
    expect(set.scars.find((s) => s.id === id)).toMatchObject({ count: 800, diameterMm: 1.1 })
    expect(set.scars.find((s) => s.id === id)).not.toHaveProperty('widthMm')
    const fut = addScar(design, [0, -110])
    const futId = fut.scars.at(-1)?.id ?? ''
    expect(setScarFields(fut, futId, { widthMm: 7, count: 3 }).scars.at(-1)).toMatchObject({ kind: 'fut', widthMm: 7 })
  })
})

describe('editing outlines', () => {
  const drawn = finishDrawing(design, 'zone', [
    [0, 20],
    [25, 5],
    [18, -22],
    [-18, -22],
    [-25, 5],
  ])
  if (!drawn.ok) throw new Error(drawn.message)
  const zoned = drawn.design
  const ref = drawn.selection

  it('moves, inserts and removes corners, never below three', () => {
    const moved = moveCorner(zoned, ref, 1, [30.123, 8])
    expect(shapePointsOf(moved, ref)?.[1]).toEqual([30.12, 8])
    expect(shapePointsOf(moved, ref)?.[0]).toEqual([0, 20])
    const inserted = insertCorner(zoned, ref, 4, [-12, 14])
    expect(shapePointsOf(inserted, ref)).toHaveLength(6)
    expect(shapePointsOf(inserted, ref)?.[5]).toEqual([-12, 14])
    let fewer = removeCorner(zoned, ref, 0)
    expect(shapePointsOf(fewer, ref)?.[0]).toEqual([25, 5])
    fewer = removeCorner(fewer, ref, 0)
    expect(shapePointsOf(fewer, ref)).toHaveLength(3)
    expect(removeCorner(fewer, ref, 0)).toBe(fewer)
    expect(placeDots(fewer).ok).toBe(true)
    // the other zones and the scars stay the very same objects
    expect(moved.zones.slice(0, -1)).toEqual(zoned.zones.slice(0, -1))
    expect(moved.scars).toBe(zoned.scars)
  })

  it("edits a scar's points the same way; an FUT line keeps at least two", () => {
    const scarred = addScar(design, [0, -110])
    const s = { kind: 'scar' as const, id: scarred.scars.at(-1)?.id ?? '' }
    expect(minCornersOf(scarred, s)).toBe(2)
    expect(minCornersOf(zoned, ref)).toBe(3)
    const two = removeCorner(scarred, s, 1)
    expect(shapePointsOf(two, s)).toHaveLength(2)
    expect(removeCorner(two, s, 0)).toBe(two)
    expect(shapePointsOf(insertCorner(two, s, 0, [0, -100]), s)?.[1]).toEqual([0, -100])
    expect(moveCorner(two, { kind: 'scar', id: 'none' }, 0, [0, 0])).toBe(two)
  })

  it('names the zone or scar and the corner an engine issue points at', () => {
    const scarred = addScar(zoned, [0, -110])
    const z = zoned.zones.length - 1
    expect(issuePlace(scarred, `zones[${z}].polygon[3]`)).toBe(`Zone ${ref.id}, corner 4`)
    expect(issuePlace(scarred, `zones[${z}].polygon`)).toBe(`Zone ${ref.id}`)
    expect(issuePlace(scarred, `scars[${scarred.scars.length - 1}].polyline[0]`)).toMatch(/^Scar scar-\d+, point 1$/)
    expect(issuePlace(scarred, 'zones[99].polygon')).toBe('zones[99].polygon')
    expect(issuePlace(scarred, 'hairline.controlPoints')).toBe('hairline.controlPoints')
  })

  it("finds each edge's middle and the edge nearest a point (closing edge included)", () => {
    const square: ChartPoint[] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
    ]
    expect(edgeMidpoints(square, true)).toEqual([
      [5, 0],
      [10, 5],
      [5, 10],
      [0, 5],
    ])
    expect(edgeMidpoints(square, false)).toHaveLength(3)
    expect(nearestEdge(square, true, [-1, 4])).toEqual({ index: 3, at: [0, 4] })
    expect(nearestEdge(square, false, [-1, 4])?.index).toBe(0)
    expect(nearestEdge(square, true, [11, 3])).toEqual({ index: 1, at: [10, 3] })
  })

  it('a corner drag is one step of history; an inserted corner dragged on is one step with it', () => {
    let h = createHistory(zoned)
    h = preview(h, moveCorner(h.present, ref, 2, [20, -25]))
    h = preview(h, moveCorner(h.present, ref, 2, [22, -28]))
    h = endDrag(h)
    expect(h.past).toHaveLength(1)
    h = preview(h, insertCorner(h.present, ref, 0, [12, 12]))
    h = preview(h, moveCorner(h.present, ref, 1, [14, 18]))
    h = endDrag(h)
    expect(h.past).toHaveLength(2)
    expect(shapePointsOf(h.present, ref)).toHaveLength(6)
    h = undo(h)
    expect(shapePointsOf(h.present, ref)).toHaveLength(5)
    h = undo(h)
    expect(h.present).toBe(zoned)
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
