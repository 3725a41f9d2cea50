import { type ChartPoint, presetDesign } from '@stipple/engine'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { addScar, addZone, controlPointsOf } from '../state/design-edits.ts'
import { SETTLE_MS } from './store.ts'
import { TestEditor } from './test/test-editor.ts'

const round = (p: ChartPoint): ChartPoint => [Math.round(p[0] * 100) / 100, Math.round(p[1] * 100) / 100]

describe('drawing', () => {
  it('draws a zone: four presses and the first point again make one zone with the defaults, selected, one step', () => {
    const t = new TestEditor()
    const before = t.design
    const v0 = t.editor.versions
    expect(t.editor.toggleDrawing('zone')).toBe(true)
    t.expectToBeIn('draw.zone')
    const corners: ChartPoint[] = [
      [-25, -10],
      [25, -10],
      [25, 30],
      [-25, 30],
    ]
    for (const c of corners) t.click(c)
    expect(t.editor.state.drawing?.points).toHaveLength(4)
    // drawing changes nothing in the design until it is finished
    expect(t.design).toBe(before)
    expect(t.editor.versions).toBe(v0)
    t.click(corners[0] as ChartPoint)
    t.expectToBeIn('select.idle')
    expect(t.editor.tool).toBe('select')
    const zone = t.design.zones[t.design.zones.length - 1]
    expect(t.design.zones).toHaveLength(before.zones.length + 1)
    expect(zone).toMatchObject({ kind: 'density', densityPerCm2: 85, dotSizeMm: 0.15, shade: 35 })
    // each press lands on the chart point it was placed at (to the rounding of the stored design)
    zone?.polygon.forEach((p, i) => {
      const c = corners[i] as ChartPoint
      expect(p[0]).toBeCloseTo(c[0], 1)
      expect(p[1]).toBeCloseTo(c[1], 1)
    })
    expect(t.editor.selection).toEqual({ kind: 'zone', id: zone?.id })
    expect(t.editor.versions.design).toBeGreaterThan(v0.design)
    t.editor.undo()
    expect(t.design).toBe(before)
    expect(t.editor.versions).toBe(v0)
  })

  it('draws an FUT scar along the back with Enter, 4 mm wide; a second FUE area is refused', () => {
    const t = new TestEditor(presetDesign('norwood-5a', { seed: 2 }), 'back')
    const scars = t.design.scars.length
    t.editor.toggleDrawing('fut')
    t.expectToBeIn('draw.fut')
    for (const p of [
      [-40, -120],
      [0, -124],
      [40, -120],
    ] as ChartPoint[])
      t.click(p)
    expect(t.keyDown('Enter')).toBe(true)
    const scar = t.design.scars[scars]
    expect(scar?.kind).toBe('fut')
    expect(scar?.kind === 'fut' && scar.widthMm).toBe(4)
    expect(scar?.kind === 'fut' && scar.polyline).toHaveLength(3)
    expect(t.editor.selection).toEqual({ kind: 'scar', id: scar?.id })

    t.editor.toggleDrawing('fue')
    for (const p of [
      [-30, -100],
      [30, -100],
      [30, -130],
      [-30, -130],
    ] as ChartPoint[])
      t.click(p)
    t.editor.finishDrawing()
    const fue = t.design.scars.find((s) => s.kind === 'fue')
    expect(fue).toMatchObject({ count: 1500, diameterMm: 0.9 })
    const version = t.editor.versions
    expect(t.editor.toggleDrawing('fue')).toBe(false)
    expect(t.editor.state.drawMessage).toBe(
      `This design already has an FUE donor area (scar ${fue?.id}): edit that one instead.`
    )
    t.expectToBeIn('select.idle')
    expect(t.editor.versions).toBe(version)
  })

  it('takes back a point with Backspace, refuses too few points with a reason, and Escape abandons the drawing', () => {
    const t = new TestEditor()
    const before = t.design
    t.editor.toggleDrawing('zone')
    t.click([-20, 0]).click([20, 0]).click([0, 20])
    expect(t.keyDown('Backspace')).toBe(true)
    expect(t.editor.state.drawing?.points).toHaveLength(2)
    t.keyDown('Enter')
    expect(t.editor.state.drawMessage).toBe('A zone needs at least 3 points; 2 are placed.')
    t.expectToBeIn('draw.zone')
    expect(t.keyDown('Escape')).toBe(true)
    t.expectToBeIn('select.idle')
    expect(t.editor.state.drawing).toBeNull()
    expect(t.design).toBe(before)
    expect(t.editor.canUndo).toBe(false)
  })

  it('keeps typing in a field away from the drawing', () => {
    const t = new TestEditor()
    t.editor.toggleDrawing('zone')
    t.click([-20, 0])
    expect(t.keyDown('Backspace', { targetTag: 'INPUT' })).toBe(false)
    expect(t.editor.state.drawing?.points).toHaveLength(1)
  })
})

describe('dragging a hairline point', () => {
  it('moves the point to where the pointer lets go, previews while dragging, and lands as one undo step', () => {
    const t = new TestEditor()
    const before = t.design
    const i = 3
    const p = t.editor.controlPoints[i] as ChartPoint
    const [x, y] = t.screenOf(p)
    t.pointerDown({ screen: [x, y] })
    t.expectToBeIn('select.point-drag')
    expect(t.editor.selection).toEqual({ kind: 'point', index: i })
    for (let k = 1; k <= 5; k++) t.pointerMove({ screen: [x, y + 6 * k] })
    expect(t.editor.dragging).toBe(true)
    expect(t.editor.canUndo).toBe(false)
    t.pointerUp({ screen: [x, y + 30] })
    t.expectToBeIn('select.idle')
    expect(t.editor.dragging).toBe(false)
    const to = t.editor.toChart([x, y + 30]) as ChartPoint
    const after = controlPointsOf(t.design)
    expect(after[i]).toEqual(round(to))
    // the other points stay where they were
    const others = controlPointsOf(before).filter((_, k) => k !== i)
    expect(after.filter((_, k) => k !== i)).toEqual(others)
    expect(t.editor.state.history.past).toHaveLength(1)
    t.editor.undo()
    expect(t.design).toBe(before)
  })

  it('changes nothing when pressed and released in place, but selects the point', () => {
    const t = new TestEditor()
    const v0 = t.editor.versions
    const p = t.editor.controlPoints[2] as ChartPoint
    t.click(p)
    expect(t.editor.selection).toEqual({ kind: 'point', index: 2 })
    expect(t.editor.versions).toBe(v0)
    expect(t.editor.canUndo).toBe(false)
  })

  it('bends the line by a handle; the partner turns opposite unless Alt is held', () => {
    const t = new TestEditor()
    const i = 3
    t.click(t.editor.controlPoints[i] as ChartPoint)
    const p = t.editor.controlPoints[i] as ChartPoint
    const h = t.editor.handles[i]
    if (h === undefined) throw new Error('no handles')
    const tip: ChartPoint = [p[0] + h.out[0], p[1] + h.out[1]]
    expect(t.hitTest(t.screenOf(tip))).toEqual({ kind: 'handle', index: i, side: 'out' })
    t.drag(tip, [tip[0] + 4, tip[1] - 3])
    const moved = t.editor.handles[i]
    expect(moved?.automatic).toBe(false)
    const out = moved?.out as readonly [number, number]
    const inn = moved?.in as readonly [number, number]
    // smooth: the in handle points the opposite way
    expect(out[0] * inn[1] - out[1] * inn[0]).toBeCloseTo(0, 1)
    expect(out[0] * inn[0] + out[1] * inn[1]).toBeLessThan(0)
    const inBefore = moved?.in
    t.drag([p[0] + out[0], p[1] + out[1]], [p[0] + out[0] - 3, p[1] + out[1] + 4], 3, { altKey: true })
    expect(t.editor.handles[i]?.in).toEqual(inBefore)
  })
})

describe('zones on the preview', () => {
  it('moves a zone by dragging inside it, resizes it by its square, and inserts a corner by dragging an edge\'s "+"', () => {
    const t = new TestEditor()
    // a new zone, a disc on the crown: the last zone is drawn over the others
    t.editor.change((d) => addZone(d, [0, 20]), true)
    const z = t.design.zones.length - 1
    const zone = t.design.zones[z]
    if (zone === undefined) throw new Error('the preset has zones')
    const ref = { kind: 'zone' as const, id: zone.id }
    const c = t.centroidOf(zone.polygon)
    expect(t.hitTest(t.screenOf(c))).toEqual({ kind: 'shape', ref })
    t.pointerDown(c)
    t.expectToBeIn('select.shape-move')
    const [sx, sy] = t.screenOf(c)
    t.pointerMove({ screen: [sx + 10, sy] }).pointerMove({ screen: [sx + 20, sy + 10] })
    t.pointerUp({ screen: [sx + 20, sy + 10] })
    const to = t.editor.toChart([sx + 20, sy + 10]) as ChartPoint
    const moved = t.design.zones[z]?.polygon ?? []
    moved.forEach((p, k) => {
      const q = zone.polygon[k] as ChartPoint
      expect(p[0]).toBeCloseTo(q[0] + to[0] - c[0], 1)
      expect(p[1]).toBeCloseTo(q[1] + to[1] - c[1], 1)
    })
    expect(t.editor.state.history.past).toHaveLength(2)

    // the resize square: 1.3 times as far from the centroid makes the outline 1.3 times as large
    const c2 = t.centroidOf(moved)
    const far = t.farthestOf(moved)
    t.drag(far, [c2[0] + 1.3 * (far[0] - c2[0]), c2[1] + 1.3 * (far[1] - c2[1])], 4, {
      target: { kind: 'resize', ref },
    })
    const grown = t.design.zones[z]?.polygon ?? []
    const spread = (pts: readonly ChartPoint[]) => Math.max(...pts.map((p) => p[0])) - Math.min(...pts.map((p) => p[0]))
    expect(spread(grown) / spread(moved)).toBeCloseTo(1.3, 1)
    expect(t.editor.state.history.past).toHaveLength(3)

    const n = grown.length
    const a = grown[0] as ChartPoint
    const b = grown[1] as ChartPoint
    const mid: ChartPoint = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]
    t.pointerDown(mid, { target: { kind: 'midpoint', ref, index: 0 } })
    t.expectToBeIn('select.corner-drag')
    expect(t.editor.selection).toEqual({ ...ref, corner: 1 })
    t.pointerMove([mid[0], mid[1] + 3]).pointerUp([mid[0], mid[1] + 3])
    const inserted = t.design.zones[z]?.polygon ?? []
    expect(inserted).toHaveLength(n + 1)
    expect(inserted[1]?.[1]).toBeCloseTo(mid[1] + 3, 1)
    // inserting and dragging are one step
    expect(t.editor.state.history.past).toHaveLength(4)
  })
})

describe('undo and redo', () => {
  it('restore the exact designs and their version numbers; a change after undo takes a new number', () => {
    const t = new TestEditor()
    const d0 = t.design
    const v0 = t.editor.versions
    const zone = d0.zones[0]
    if (zone === undefined) throw new Error('the preset has zones')
    const ref = { kind: 'zone' as const, id: zone.id }
    t.keyOn({ kind: 'shape', ref }, '+')
    const d1 = t.design
    const v1 = t.editor.versions
    t.keyOn({ kind: 'point', index: 2 }, 'ArrowUp')
    const d2 = t.design
    const v2 = t.editor.versions
    expect(new Set([v0.design, v1.design, v2.design]).size).toBe(3)
    t.editor.undo()
    expect(t.design).toBe(d1)
    expect(t.editor.versions).toEqual(v1)
    t.editor.undo()
    expect(t.design).toBe(d0)
    expect(t.editor.versions).toEqual(v0)
    expect(t.editor.canUndo).toBe(false)
    t.editor.redo()
    t.editor.redo()
    expect(t.design).toBe(d2)
    expect(t.editor.versions).toEqual(v2)
    expect(t.editor.canRedo).toBe(false)
    t.editor.undo()
    t.keyOn({ kind: 'shape', ref }, '-')
    const v3 = t.editor.versions
    expect(v3.design).toBeGreaterThan(v2.design)
    expect(t.editor.canRedo).toBe(false)
  })

  it('lands a resting slider as one step after it rests', () => {
    vi.useFakeTimers()
    const t = new TestEditor()
    const zone = t.design.zones[0]
    if (zone === undefined) throw new Error('the preset has zones')
    for (const density of [90, 95, 100])
      t.editor.change(
        (d) => ({ ...d, zones: d.zones.map((z, k) => (k === 0 ? { ...z, densityPerCm2: density } : z)) }),
        false,
        true
      )
    expect(t.editor.dragging).toBe(true)
    vi.advanceTimersByTime(SETTLE_MS)
    expect(t.editor.dragging).toBe(false)
    expect(t.editor.state.history.past).toHaveLength(1)
    t.editor.undo()
    expect(t.design.zones[0]?.densityPerCm2).toBe(zone.densityPerCm2)
  })
  afterEach(() => {
    vi.useRealTimers()
  })
})

describe('versions', () => {
  it('bump only on real changes, and each part only when its fields change', () => {
    const t = new TestEditor()
    t.editor.change((d) => addScar(d, [0, -110]), true)
    const v0 = t.editor.versions
    // no change: selecting, switching tools, undo with nothing to undo, a refused corner removal, a click in place
    t.editor.select({ kind: 'point', index: 1 })
    t.editor.toggleDrawing('zone')
    t.editor.toggleDrawing('zone')
    t.editor.undo()
    t.editor.redo()
    const fut = t.design.scars.find((s) => s.kind === 'fut')
    if (fut === undefined || fut.kind !== 'fut') throw new Error('the preset has an FUT scar')
    const line = { kind: 'scar' as const, id: fut.id }
    while ((t.editor.shapeOf(line)?.points.length ?? 0) > 2) t.keyOn({ kind: 'corner', ref: line, index: 0 }, 'Delete')
    const v1 = t.editor.versions
    expect(v1.design).toBeGreaterThanOrEqual(v0.design)
    t.keyOn({ kind: 'corner', ref: line, index: 0 }, 'Delete')
    expect(t.editor.shapeOf(line)?.points).toHaveLength(2)
    expect(t.editor.versions).toBe(v1)
    t.click(t.editor.controlPoints[2] as ChartPoint)
    expect(t.editor.selection).toEqual({ kind: 'point', index: 2 })
    expect(t.editor.versions).toBe(v1)

    // a hairline move changes where dots go, not the skin nor the rest of the frame
    t.keyOn({ kind: 'point', index: 1 }, 'ArrowDown')
    const v2 = t.editor.versions
    expect(v2.design).toBeGreaterThan(v1.design)
    expect(v2.placement).not.toBe(v1.placement)
    expect(v2.skin).toBe(v1.skin)
    expect(v2.frame).toBe(v1.frame)
    // a scar's width: placement and frame, not the skin
    t.editor.change((d) => ({ ...d, scars: d.scars.map((s) => (s.id === fut.id ? { ...s, widthMm: 6 } : s)) }), true)
    const v3 = t.editor.versions
    expect(v3.placement).not.toBe(v2.placement)
    expect(v3.frame).not.toBe(v2.frame)
    expect(v3.skin).toBe(v2.skin)
    // the skin: its look only, the dots stay
    t.editor.change((d) => ({ ...d, skin: { ...d.skin, fitzpatrick: 5 } }), true)
    const v4 = t.editor.versions
    expect(v4.skin).not.toBe(v3.skin)
    expect(v4.placement).toBe(v3.placement)
  })
})

describe('versions across editors', () => {
  it("never number two editors' designs alike: a new preset is never taken for the last one", () => {
    const a = new TestEditor(presetDesign('norwood-3', { seed: 1 }))
    const b = new TestEditor(presetDesign('norwood-7', { seed: 1 }))
    const numbers = (t: TestEditor) => Object.values(t.editor.versions)
    for (const n of numbers(b)) expect(numbers(a)).not.toContain(n)
  })
})

describe('selection and tools', () => {
  it('selects what is pressed, clears it on the bare preview, and a drawing tool clears it and comes back to select', () => {
    const t = new TestEditor()
    const zone = t.design.zones[t.design.zones.length - 1]
    if (zone === undefined) throw new Error('the preset has zones')
    t.click(t.centroidOf(zone.polygon))
    expect(t.editor.selection).toEqual({ kind: 'zone', id: zone.id })
    t.click({ screen: [4, 4] })
    expect(t.editor.selection).toBeNull()
    t.click(t.editor.controlPoints[1] as ChartPoint)
    expect(t.editor.selection).toEqual({ kind: 'point', index: 1 })
    t.editor.toggleDrawing('fut')
    expect(t.editor.tool).toBe('fut')
    expect(t.editor.selection).toBeNull()
    // the same button again puts the tool away
    t.editor.toggleDrawing('fut')
    expect(t.editor.tool).toBe('select')
    t.expectToBeIn('select.idle')
  })
})

describe('keyboard', () => {
  it('undoes with Ctrl+Z and redoes with Ctrl+Shift+Z or Ctrl+Y, but not while typing in a text field', () => {
    const t = new TestEditor()
    const d0 = t.design
    t.keyOn({ kind: 'point', index: 2 }, 'ArrowLeft', { shiftKey: true })
    const d1 = t.design
    expect(t.keyDown('z', { ctrlKey: true, targetTag: 'INPUT', targetType: 'text' })).toBe(false)
    expect(t.design).toBe(d1)
    expect(t.keyDown('z', { ctrlKey: true })).toBe(true)
    expect(t.design).toBe(d0)
    expect(t.keyDown('Z', { metaKey: true, shiftKey: true })).toBe(true)
    expect(t.design).toBe(d1)
    t.keyDown('z', { ctrlKey: true })
    expect(t.keyDown('y', { ctrlKey: true })).toBe(true)
    expect(t.design).toBe(d1)
    expect(t.keyDown('z')).toBe(false)
  })

  it('moves a focused point 1 mm along the screen (5 mm with Shift), and a corner; Delete stops at the fewest corners', () => {
    const t = new TestEditor()
    const p = t.editor.controlPoints[2] as ChartPoint
    const [x, y] = t.screenOf(p)
    t.keyOn({ kind: 'point', index: 2 }, 'ArrowDown')
    const one = t.screenOf(t.editor.controlPoints[2] as ChartPoint)
    expect(one[1] - y).toBeCloseTo(t.view.pxPerMm, 0)
    expect(one[0]).toBeCloseTo(x, 0)
    t.keyOn({ kind: 'point', index: 2 }, 'ArrowDown', { shiftKey: true })
    const six = t.screenOf(t.editor.controlPoints[2] as ChartPoint)
    expect(six[1] - y).toBeCloseTo(6 * t.view.pxPerMm, 0)

    const zone = t.design.zones[0]
    if (zone === undefined) throw new Error('the preset has zones')
    const ref = { kind: 'zone' as const, id: zone.id }
    expect(t.keyOn({ kind: 'corner', ref, index: 0 }, 'ArrowRight')).toBe(true)
    expect(t.design.zones[0]?.polygon[1]).toEqual(zone.polygon[1])
    expect(t.design.zones[0]?.polygon[0]).not.toEqual(zone.polygon[0])
    let n = zone.polygon.length
    while (n > 3) {
      t.keyOn({ kind: 'corner', ref, index: 1 }, 'Delete')
      n--
      expect(t.design.zones[0]?.polygon).toHaveLength(n)
    }
    expect(t.editor.selection).toEqual({ ...ref, corner: 1 })
    expect(t.keyOn({ kind: 'corner', ref, index: 1 }, 'Delete')).toBe(true)
    expect(t.design.zones[0]?.polygon).toHaveLength(3)
    // an edge's "+" inserts a corner with Enter; other keys are not the overlay's
    t.keyOn({ kind: 'midpoint', ref, index: 0 }, 'Enter')
    expect(t.design.zones[0]?.polygon).toHaveLength(4)
    expect(t.keyOn({ kind: 'midpoint', ref, index: 0 }, 'a')).toBe(false)
  })
})
