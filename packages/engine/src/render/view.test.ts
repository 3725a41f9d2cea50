import { describe, expect, it } from 'vitest'
import { createHead, DEFAULT_HEAD } from '../scalp/head.ts'
import { rasterizeHead } from './head-shading.ts'
import { syntheticDesign } from './synthetic.ts'
import { createOrbitView, createView, projectChartPoint, unprojectPixel, VIEW_NAMES } from './view.ts'

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

  it('maps a chart point to the same chart point from every view that shows it, with the head drawn around it', () => {
    const design = syntheticDesign()
    const views = VIEW_NAMES.map((name) => {
      const v = createView(head, name, 640, 640)
      rasterizeHead(v, design)
      return v
    })
    let checked = 0
    for (const [u, v] of grid) {
      let seen = 0
      for (const view of views) {
        const p = projectChartPoint(view, u, v)
        if (p === null) continue
        seen++
        const back = unprojectPixel(view, p.x, p.y)
        expect(back, `${view.name} ${u},${v}`).not.toBeNull()
        expect(Math.hypot((back?.u ?? 0) - u, (back?.v ?? 0) - v)).toBeLessThan(1e-6)
      }
      if (seen >= 3) checked++
    }
    expect(checked).toBeGreaterThan(100)
  })

  it('hides the scalp behind an ear: a point above the ear shows from the front-left but not through the ear', () => {
    const design = syntheticDesign()
    const side = createView(head, 'right', 800, 800)
    const raster = rasterizeHead(side, design)
    expect(raster).not.toBeNull()
    // the ear covers some pixels that would otherwise show scalp: they unproject to nothing
    let covered = 0
    let scalpBehind = 0
    for (let y = 0; y < 800; y += 4) {
      for (let x = 0; x < 800; x += 4) {
        if (side.occlusion?.[y * 800 + x] !== 1) continue
        covered++
        side.occlusion[y * 800 + x] = 0
        if (unprojectPixel(side, x + 0.5, y + 0.5) !== null) scalpBehind++
        side.occlusion[y * 800 + x] = 1
        expect(unprojectPixel(side, x + 0.5, y + 0.5)).toBeNull()
      }
    }
    expect(covered).toBeGreaterThan(1000)
    expect(scalpBehind).toBeGreaterThan(50)
    // the chart has no face: nothing to hide there
    expect(rasterizeHead(createView(head, 'chart', 64, 64), design)).toBeNull()
  })

  it('the orbit at 0° and the views’ elevation is the front view; at ±45° the three-quarter views', () => {
    const front = createView(head, 'front', 300, 300)
    const o = createOrbitView(head, 0, front.elevation, 300, 300)
    for (let i = 0; i < 3; i++) expect(o.eye[i]).toBeCloseTo(front.eye[i], 9)
    const tq = createView(head, 'three-quarter-right', 300, 300)
    const o45 = createOrbitView(head, 45, tq.elevation, 300, 300)
    for (let i = 0; i < 3; i++) expect(o45.forward[i]).toBeCloseTo(tq.forward[i], 9)
    // the client's right temple shows in the right three-quarter view, the left one does not
    expect(projectChartPoint(tq, 100, 60)).not.toBeNull()
    expect(projectChartPoint(tq, -120, 20)).toBeNull()
  })

  it('frames the whole head: crown to chin in the front and side views', () => {
    for (const name of ['front', 'left', 'back'] as const) {
      const view = createView(head, name, 500, 500)
      rasterizeHead(view, syntheticDesign())
      let top = 500
      let bottom = 0
      for (let y = 0; y < 500; y++)
        for (let x = 0; x < 500; x++) {
          const drawn = view.occlusion?.[y * 500 + x] === 1 || unprojectPixel(view, x + 0.5, y + 0.5) !== null
          if (!drawn) continue
          top = Math.min(top, y)
          bottom = Math.max(bottom, y)
        }
      expect(top, name).toBeGreaterThan(5) // the crown is inside the image
      expect(bottom, name).toBe(499) // the neck runs off its bottom
    }
  })
})
