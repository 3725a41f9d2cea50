import { type ChartPoint, presetDesign } from '@stipple/engine'
import { describe, expect, it } from 'vitest'
import { addScar, finishDrawing } from '../../state/design-edits.ts'
import { fueUtil } from './fue-util.ts'
import { futUtil } from './fut-util.ts'
import { DRAW_KINDS, resolveShape, SHAPE_UTILS, shapesOf } from './shape-utils.ts'
import { zoneUtil } from './zone-util.ts'

const square: ChartPoint[] = [
  [-10, -10],
  [10, -10],
  [10, 10],
  [-10, 10],
]

describe('shape utils', () => {
  it('find each zone and scar with the util of its kind, zones first', () => {
    const design = addScar(presetDesign('norwood-5a', { seed: 2 }), [0, -110])
    const shapes = shapesOf(design)
    expect(shapes.map((s) => s.util.kind)).toEqual([...design.zones.map(() => 'zone'), 'fut'])
    const scar = design.scars[0]
    if (scar === undefined) throw new Error('a scar was added')
    const found = resolveShape(design, { kind: 'scar', id: scar.id })
    expect(found?.util).toBe(futUtil)
    expect(found?.util.pointsOf(found.item)).toBe(scar.kind === 'fut' ? scar.polyline : null)
    expect(resolveShape(design, { kind: 'zone', id: 'no-such-zone' })).toBeNull()
  })

  it('hit-test an outline inside and a strip within half its width', () => {
    const zone = zoneUtil.create(presetDesign('norwood-3'), square)
    expect(zoneUtil.hitTest(zone, [0, 0], 0)).toBe(true)
    expect(zoneUtil.hitTest(zone, [11, 0], 0)).toBe(false)
    const line = futUtil.create(presetDesign('norwood-3'), [
      [-20, 0],
      [20, 0],
    ])
    // 4 mm wide: 2 mm either side of the line, and the tolerance beyond
    expect(futUtil.hitTest(line, [0, 1.9], 0)).toBe(true)
    expect(futUtil.hitTest(line, [0, 2.5], 0)).toBe(false)
    expect(futUtil.hitTest(line, [0, 2.5], 1)).toBe(true)
    expect(futUtil.hitTest(line, [25, 0], 0)).toBe(false)
  })

  it("give a new shape its kind's defaults and set only the fields its kind has", () => {
    const design = presetDesign('norwood-3')
    const fue = fueUtil.create(design, square)
    expect(fue).toMatchObject({ kind: 'fue', count: 1500, diameterMm: 0.9, polygon: square })
    expect(fueUtil.setFields(fue, { count: 12.6, widthMm: 9 })).toEqual({ ...fue, count: 13 })
    const fut = futUtil.create(design, square.slice(0, 2))
    expect(futUtil.setFields(fut, { count: 3 })).toBe(fut)
    // every drawing tool's minimum is what finishing a drawing asks for
    for (const kind of DRAW_KINDS) {
      const util = SHAPE_UTILS[kind]
      const r = finishDrawing(design, kind, square.slice(0, util.minPoints - 1))
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.message).toContain(`A ${util.name} needs at least ${util.minPoints} points`)
    }
  })
})
