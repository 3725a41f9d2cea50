import { describe, expect, it } from 'vitest'
import { placeDots } from '../placement/place-dots.ts'
import { presetDesign } from '../presets/presets.ts'
import { createHead, DEFAULT_HEAD } from '../scalp/head.ts'
import { createView, projectChartPoint, rayHit, unprojectPixel, VIEW_NAMES } from './view.ts'

const head = createHead(DEFAULT_HEAD.male)
const grid: [number, number][] = []
for (let u = -180; u <= 180; u += 15) for (let v = -180; v <= 180; v += 15) grid.push([u, v])

describe('views', () => {
  it('round-trips chart → pixel → chart in every view for every visible point', () => {
    for (const name of VIEW_NAMES) {
      const view = createView(head, name, 800, 600)
      let visible = 0
      for (const [u, v] of grid) {
        const p = projectChartPoint(view, u, v)
        if (p === null) continue
        visible++
        expect(p.x).toBeGreaterThanOrEqual(0)
        expect(p.x).toBeLessThanOrEqual(800)
        expect(p.y).toBeGreaterThanOrEqual(0)
        expect(p.y).toBeLessThanOrEqual(600)
        const back = unprojectPixel(view, p.x, p.y)
        expect(back).not.toBeNull()
        expect(Math.hypot((back?.u ?? 0) - u, (back?.v ?? 0) - v)).toBeLessThan(1e-6)
      }
      expect(visible).toBeGreaterThan(30)
    }
  })

  it('maps a point seen in both the top and the front view back to the same chart point', () => {
    const top = createView(head, 'top', 1024, 1024)
    const front = createView(head, 'front', 1024, 1024)
    let both = 0
    for (const [u, v] of grid) {
      const a = projectChartPoint(top, u, v)
      const b = projectChartPoint(front, u, v)
      if (a === null || b === null) continue
      both++
      const fromTop = unprojectPixel(top, a.x, a.y)
      const fromFront = unprojectPixel(front, b.x, b.y)
      expect(fromTop).not.toBeNull()
      expect(fromFront).not.toBeNull()
      expect(Math.hypot((fromTop?.u ?? 0) - (fromFront?.u ?? 0), (fromTop?.v ?? 0) - (fromFront?.v ?? 0))).toBeLessThan(
        1e-6
      )
    }
    expect(both).toBeGreaterThan(50)
  })

  it('hides what faces away: the back of the head in the front view, the face side in the back view', () => {
    const front = createView(head, 'front', 512, 512)
    const back = createView(head, 'back', 512, 512)
    expect(projectChartPoint(front, 0, -160)).toBeNull()
    expect(projectChartPoint(front, 0, 120)).not.toBeNull()
    expect(projectChartPoint(back, 0, 120)).toBeNull()
    expect(projectChartPoint(back, 0, -160)).not.toBeNull()
    // the client's right ear side shows in the right view only
    expect(projectChartPoint(createView(head, 'right', 512, 512), 160, 0)).not.toBeNull()
    expect(projectChartPoint(createView(head, 'left', 512, 512), 160, 0)).toBeNull()
  })

  it('orients the images: face up in the top view, client’s right on the viewer’s left in the front view', () => {
    const top = createView(head, 'top', 512, 512)
    const front = createView(head, 'front', 512, 512)
    const faceTop = projectChartPoint(top, 0, 100)
    const backTop = projectChartPoint(top, 0, -100)
    expect(faceTop?.y ?? 0).toBeLessThan(backTop?.y ?? 0)
    const rightTop = projectChartPoint(top, 60, 0)
    expect(rightTop?.x ?? 0).toBeGreaterThan(256)
    const rightFront = projectChartPoint(front, 60, 60)
    expect(rightFront?.x ?? 512).toBeLessThan(256)
  })

  it('returns null for pixels off the head', () => {
    for (const name of VIEW_NAMES) expect(unprojectPixel(createView(head, name, 512, 512), 1, 1)).toBeNull()
  })
})

describe('views agree on the dots of a real design', () => {
  it('a dot maps back to the same chart point from every view that sees it, male and female heads', () => {
    for (const preset of ['norwood-5', 'ludwig-2'] as const) {
      const design = presetDesign(preset, { seed: 4 })
      const placed = placeDots(design)
      if (!placed.ok) throw new Error('the preset does not place')
      const views = VIEW_NAMES.map((name) => createView(placed.head, name, 900, 900))
      const seenBy = new Map<string, number>()
      let worst = 0
      let multi = 0
      for (let i = 0; i < placed.dots.count; i += 5) {
        const u = placed.dots.x[i]
        const v = placed.dots.y[i]
        let seen = 0
        for (const view of views) {
          const p = projectChartPoint(view, u, v)
          if (p === null) continue
          const back = unprojectPixel(view, p.x, p.y)
          expect(back, `${view.name} sees (${u}, ${v}) but its pixel shows no scalp`).not.toBeNull()
          worst = Math.max(worst, Math.hypot((back?.u ?? 0) - u, (back?.v ?? 0) - v))
          seenBy.set(view.name, (seenBy.get(view.name) ?? 0) + 1)
          seen++
        }
        if (seen >= 3) multi++
      }
      expect(worst).toBeLessThan(1e-6)
      // every view sees part of the treatment, and most dots are seen from three views or more
      for (const view of views) expect(seenBy.get(view.name) ?? 0, view.name).toBeGreaterThan(50)
      expect(multi).toBeGreaterThan(placed.dots.count / 5 / 2)
    }
  }, 60_000)

  it('an ear hides the scalp behind it: its pixel shows no chart point though the cranium lies behind it', () => {
    const male = createHead({ ...DEFAULT_HEAD.male, sex: 'male' })
    // a point on the ear's upper back, seen from the side
    for (const [name, across] of [['right', 0.3]] as const) {
      const view = createView(male, name, 900, 900)
      const ear = view.face.ears[0]
      const p = [0, 1, 2].map(
        (k) => ear.center[k] + ear.long[k] * ear.length * 0.25 + ear.breadth[k] * ear.width * across + ear.out[k]
      )
      const rel = p.map((c, k) => c - view.eye[k])
      const depth = rel[0] * view.forward[0] + rel[1] * view.forward[1] + rel[2] * view.forward[2]
      const px =
        view.cx + (view.focal * (rel[0] * view.right[0] + rel[1] * view.right[1] + rel[2] * view.right[2])) / depth
      const py = view.cy - (view.focal * (rel[0] * view.up[0] + rel[1] * view.up[1] + rel[2] * view.up[2])) / depth
      const out = [0, 0, 0]
      expect(rayHit(view, px, py, out), `${name}: the cranium lies behind the ear`).toBeGreaterThan(0)
      expect(unprojectPixel(view, px, py), `${name}: the ear's pixel`).toBeNull()
    }
  })
})
