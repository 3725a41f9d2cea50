import { describe, expect, it } from 'vitest'
import { blurTone, createToneGrid, GRID, splatTone, toneBlurReach } from './tone-grid.ts'

/** Total and variance along x (about column cx) of a grid channel. */
function variance(a: Float32Array, gx: number, gy: number, cx: number): { mass: number; vx: number } {
  let m = 0
  let vx = 0
  for (let y = 0; y < gy; y++)
    for (let x = 0; x < gx; x++) {
      const v = a[y * gx + x]
      m += v
      vx += v * (x - cx) ** 2
    }
  return { mass: m, vx: vx / m }
}

describe('the tone grid', () => {
  it('blurs a point to the asked spread, keeping its optical density, with a support of toneBlurReach cells', () => {
    for (const sigma of [1, 2.5, 7]) {
      const t = createToneGrid(100 * GRID, 100 * GRID)
      splatTone(t, 50 * GRID + 0.5, 50 * GRID + 0.5, 1, 1, 1)
      blurTone(t, sigma)
      const { mass, vx } = variance(t.r, t.gx, t.gy, 50)
      expect(mass).toBeCloseTo(1, 4)
      expect(Math.sqrt(vx)).toBeGreaterThan(sigma * 0.97)
      expect(Math.sqrt(vx)).toBeLessThan(sigma * 1.03)
      const reach = toneBlurReach(sigma)
      for (let x = 0; x < t.gx; x++) {
        const v = t.r[50 * t.gx + x]
        if (Math.abs(x - 50) > reach) expect(v).toBe(0)
      }
      expect(t.r[50 * t.gx + 50 + Math.min(reach, 3)]).toBeGreaterThan(0)
    }
  })

  it('keeps a uniform tone uniform up to the edges, with points just outside the grid counted', () => {
    const W = 40 * GRID
    const t = createToneGrid(W, W)
    // one point per pixel over the image and a cell beyond it: every node then gets the same density
    for (let y = -GRID; y < W + GRID; y++)
      for (let x = -GRID; x < W + GRID; x++) splatTone(t, x + 0.5, y + 0.5, 1, 1, 1)
    const mid = t.r[20 * t.gx + 20]
    blurTone(t, 3)
    for (const k of [0, t.gx - 1, (t.gy - 1) * t.gx, 20 * t.gx, 20 * t.gx + 20]) expect(t.r[k] / mid).toBeCloseTo(1, 3)
  })
})
