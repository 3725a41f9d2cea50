import { describe, expect, it } from 'vitest'
import { catmullRom } from '../geometry/spline.ts'
import type { ChartPoint, Design, Hairline, HairlineHandle } from '../model/design.ts'
import { presetDesign } from '../presets/presets.ts'
import { createHead } from '../scalp/head.ts'
import { hairlineControlPoints, hairlineCurve, hairlineHandles, hairlinePath } from './hairline.ts'
import { placeDots } from './place-dots.ts'
import { validateDesign } from './validate.ts'

/** FNV-1a over the IEEE bits of every coordinate: equal digests mean the same points to the last bit. */
function digest(points: readonly ChartPoint[]): string {
  const f = new Float64Array(points.length * 2)
  points.forEach((p, i) => {
    f[2 * i] = p[0]
    f[2 * i + 1] = p[1]
  })
  const u = new Uint32Array(f.buffer)
  let h = 0x811c9dc5
  for (let i = 0; i < u.length; i++) h = Math.imul(h ^ (u[i] ?? 0), 0x01000193)
  return `${points.length}:${(h >>> 0).toString(16)}`
}

function withHairline(design: Design, patch: Partial<Hairline>): Design {
  if (design.hairline === null) throw new Error('a preset without a hairline')
  return { ...design, hairline: { ...design.hairline, ...patch } }
}

const design = presetDesign('norwood-5a', { seed: 7 })
const head = createHead(design.head)
const sex = design.head.sex
const hl = design.hairline as Hairline
const points = hairlineControlPoints(hl, head, sex)
const handPlaced = withHairline(design, { controlPoints: points })

describe('a hairline without handles is the one it was before handles existed', () => {
  // recorded with the engine as it was before tangent handles (commit c560b0f): the splines and the undulating line
  // that the density field is built from, bit for bit, so every existing design places exactly the same dots
  it.each([
    ['norwood-3', '289:9ad099ee', '145:479f053b', '711:88d937e8'],
    ['norwood-5a', '289:c29d16e9', '145:66e6f799', '717:b9952159'],
  ] as const)('%s', (id, spline24, spline12, line) => {
    const d = presetDesign(id, { seed: 7 })
    if (d.hairline === null) throw new Error('a preset without a hairline')
    const h = createHead(d.head)
    const controls = hairlineControlPoints(d.hairline, h, d.head.sex)
    expect(digest(catmullRom(controls, 24))).toBe(spline24)
    expect(digest(catmullRom(controls, 12))).toBe(spline12)
    expect(digest(hairlinePath(d.hairline, h, d.head.sex, d.seed).line)).toBe(line)
    // hand-placed points where the parameters put them, with every handle automatic: still the same line
    const nulls = { ...d.hairline, controlPoints: controls, handles: controls.map(() => null) }
    expect(digest(hairlinePath(nulls, h, d.head.sex, d.seed).line)).toBe(line)
  })
})

describe('handles on the hairline', () => {
  const k = 6
  const bend = (h: HairlineHandle): Design => {
    const handles: (HairlineHandle | null)[] = points.map(() => null)
    handles[k] = h
    return withHairline(handPlaced, { handles })
  }

  it('shows every point its automatic handles until it has its own', () => {
    const auto = hairlineHandles(hl, head, sex)
    expect(auto).toHaveLength(points.length)
    expect(auto.every((h) => h.automatic)).toBe(true)
    const bent = bend({ in: [12, 0], out: [-12, 6] })
    const shown = hairlineHandles(bent.hairline as Hairline, head, sex)
    expect(shown[k]).toEqual({ in: [12, 0], out: [-12, 6], automatic: false })
    shown.forEach((h, i) => {
      if (i !== k) expect(h).toEqual(auto[i])
    })
  })

  it('bends the line beside the point only, and the line still runs through every point', () => {
    const bent = bend({ in: [20, -10], out: [-20, 10] }).hairline as Hairline
    const before = hairlineCurve(handPlaced.hairline as Hairline, head, sex, 12)
    const after = hairlineCurve(bent, head, sex, 12)
    for (let i = 0; i < points.length - 1; i++) {
      const same = digest(after.slice(i * 12, (i + 1) * 12)) === digest(before.slice(i * 12, (i + 1) * 12))
      expect([i, same]).toEqual([i, i !== k - 1 && i !== k])
    }
    points.forEach((p, i) => {
      expect(after[i * 12]?.[0]).toBeCloseTo(p[0], 9)
      expect(after[i * 12]?.[1]).toBeCloseTo(p[1], 9)
    })
  })

  it('are ignored without hand-placed points (the validation refuses that design)', () => {
    const stray = withHairline(design, { handles: points.map(() => ({ in: [30, 0], out: [-30, 0] })) })
    const h = stray.hairline as Hairline
    expect(digest(hairlineCurve(h, head, sex, 24))).toBe(digest(catmullRom(points, 24)))
    expect(validateDesign(stray, head)).toEqual([
      { path: 'hairline.handles', message: 'needs hairline.controlPoints: handles belong to hand-placed points' },
    ])
  })

  it('places the dots the bent line asks for', () => {
    const dots = (d: Design): string => {
      const r = placeDots(d)
      if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'))
      return digest(Array.from({ length: r.dots.count }, (_, i): ChartPoint => [r.dots.x[i], r.dots.y[i]]))
    }
    const plain = dots(handPlaced)
    expect(dots(withHairline(handPlaced, { handles: points.map(() => null) }))).toBe(plain)
    expect(dots(bend({ in: [25, 20], out: [-25, -20] }))).not.toBe(plain)
  })
})

describe('validating handles', () => {
  const handles = (h: HairlineHandle | null, at = 3, n = points.length) => {
    const list: (HairlineHandle | null)[] = Array.from({ length: n }, () => null)
    list[at] = h
    return withHairline(handPlaced, { handles: list })
  }

  it('accepts handles up to 80 mm', () => {
    expect(validateDesign(handles({ in: [0, 80], out: [-48, -64] }), head)).toEqual([])
  })

  it.each([
    [
      'a handle too long',
      handles({ in: [0, 10], out: [60, 60] }),
      'hairline.handles[3].out',
      'is 84.9 mm long; a handle is at most 80 mm',
    ],
    [
      'a handle not a number',
      handles({ in: [Number.NaN, 0], out: [1, 1] }, 5),
      'hairline.handles[5].in',
      'must be finite numbers',
    ],
    [
      'one entry short',
      handles(null, 0, points.length - 1),
      'hairline.handles',
      `has ${points.length - 1} entries for ${points.length} control points (one each, null for automatic)`,
    ],
  ])('refuses %s, naming the field', (_name, bad, path, message) => {
    expect(validateDesign(bad, head)).toEqual([{ path, message }])
  })

  it('refuses handles that make the line cross itself, pointing at the handle', () => {
    // the tangent turned back on itself: the line leaves the point the way it came
    const bad = handles({ in: [-40, 10], out: [40, 10] }, 6)
    expect(validateDesign(bad, head)).toEqual([
      { path: 'hairline.handles[6]', message: expect.stringContaining('crosses itself') },
    ])
  })
})
