import { describe, expect, it } from 'vitest'
import { createHead, DEFAULT_HEAD } from '../scalp/head.ts'
import { createView, projectChartPoint, unprojectPixel, VIEW_NAMES } from './view.ts'

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
    expect(projectChartPoint(front, 0, 130)).not.toBeNull()
    expect(projectChartPoint(back, 0, 130)).toBeNull()
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
