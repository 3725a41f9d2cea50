// Golden images: a few fixed designs rendered at 256 px and compared with stored renders by SSIM.
// Regenerate on purpose (after a deliberate change to the look) with:
//   UPDATE_GOLDENS=1 npx vitest run --project engine packages/engine/src/render/golden.test.ts
// and review the new images (e.g. view them as PNG through the CLI) before committing them.

import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gunzipSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { Design } from '../model/design.ts'
import type { DotBuffer } from '../model/dots.ts'
import { type HairPoints, type RenderOptions, renderPreview } from './render-preview.ts'
import { latticeDots, latticeHair, syntheticDesign, syntheticPlacement } from './synthetic.ts'

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/', import.meta.url))
const UPDATE = process.env.UPDATE_GOLDENS === '1'
const SIZE = 256
/** SSIM at or above this passes: small numeric drift passes, a changed look does not. */
const MIN_SSIM = 0.98

/** Mean SSIM over 8×8 windows (stride 4) of the luma (Wang et al. 2004, constants K1 = 0.01, K2 = 0.03, L = 255). */
function ssim(a: Uint8ClampedArray, b: Uint8ClampedArray, width: number, height: number): number {
  const luma = (d: Uint8ClampedArray) => {
    const out = new Float64Array(width * height)
    for (let i = 0; i < out.length; i++) out[i] = 0.299 * d[i * 4] + 0.587 * d[i * 4 + 1] + 0.114 * d[i * 4 + 2]
    return out
  }
  const x = luma(a)
  const y = luma(b)
  const c1 = (0.01 * 255) ** 2
  const c2 = (0.03 * 255) ** 2
  let sum = 0
  let windows = 0
  for (let wy = 0; wy + 8 <= height; wy += 4) {
    for (let wx = 0; wx + 8 <= width; wx += 4) {
      let mx = 0
      let my = 0
      for (let j = 0; j < 8; j++)
        for (let i = 0; i < 8; i++) {
          mx += x[(wy + j) * width + wx + i]
          my += y[(wy + j) * width + wx + i]
        }
      mx /= 64
      my /= 64
      let vx = 0
      let vy = 0
      let cov = 0
      for (let j = 0; j < 8; j++)
        for (let i = 0; i < 8; i++) {
          const dx = x[(wy + j) * width + wx + i] - mx
          const dy = y[(wy + j) * width + wx + i] - my
          vx += dx * dx
          vy += dy * dy
          cov += dx * dy
        }
      vx /= 63
      vy /= 63
      cov /= 63
      sum += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
      windows++
    }
  }
  return sum / windows
}

interface Case {
  name: string
  design: Design
  dots: DotBuffer
  hair: HairPoints
  options: RenderOptions
}

const base = syntheticDesign()
const fullHead = latticeDots({
  seed: 11,
  center: [0, 10],
  rInner: 0,
  rOuter: 130,
  density: 85,
  diameterMm: 0.15,
  shade: 35,
  shares: [0.4, 0.35, 0.25],
})
const ring = latticeHair(11, 140, 200, 85)

const CASES: Case[] = [
  {
    name: 'top-healed-fitz3',
    design: base,
    dots: fullHead,
    hair: ring,
    options: { view: 'top', session: 3, stage: 'healed', width: SIZE, height: SIZE },
  },
  {
    name: 'front-fresh-session1-fitz5',
    design: { ...base, skin: { fitzpatrick: 5, sunExposure: 'high', kind: 'oily' } },
    dots: fullHead,
    hair: ring,
    options: { view: 'front', session: 1, stage: 'fresh', width: SIZE, height: SIZE },
  },
  {
    name: 'chart-closeup-year5-fitz2',
    design: { ...base, seed: 99, skin: { fitzpatrick: 2, sunExposure: 'moderate', kind: 'normal' } },
    dots: latticeDots({
      seed: 5,
      center: [0, 0],
      rInner: 0,
      rOuter: 20,
      density: 85,
      diameterMm: 0.18,
      shade: 30,
      shares: [0.4, 0.35, 0.25],
    }),
    hair: latticeHair(5, 9, 30, 60),
    options: { view: 'chart', years: 5, width: SIZE, height: SIZE, closeUp: { u: 4, v: 0, widthMm: 16 } },
  },
]

describe('golden images', () => {
  for (const c of CASES) {
    it(`${c.name} matches its golden (SSIM ≥ ${MIN_SSIM})`, () => {
      const target = { width: SIZE, height: SIZE, data: new Uint8ClampedArray(SIZE * SIZE * 4) }
      expect(renderPreview(syntheticPlacement(c.design, c.dots, c.hair), c.options, target)).toEqual({ ok: true })
      const file = `${FIXTURES}${c.name}.rgba.gz`
      const meta = `${FIXTURES}${c.name}.json`
      if (UPDATE || !existsSync(file)) {
        if (!UPDATE) throw new Error(`missing golden ${file}: run with UPDATE_GOLDENS=1 to create it`)
        writeFileSync(file, gzipSync(target.data, { level: 9 }))
        writeFileSync(meta, `${JSON.stringify({ width: SIZE, height: SIZE, options: c.options }, null, 2)}\n`)
        return
      }
      const { width, height } = JSON.parse(readFileSync(meta, 'utf8')) as { width: number; height: number }
      expect([width, height]).toEqual([SIZE, SIZE])
      const golden = new Uint8ClampedArray(gunzipSync(readFileSync(file)))
      expect(golden.length).toBe(target.data.length)
      expect(ssim(target.data, golden, SIZE, SIZE)).toBeGreaterThanOrEqual(MIN_SSIM)
    })
  }

  it('SSIM is 1 for identical images and drops for a changed look', () => {
    const a = new Uint8ClampedArray(64 * 64 * 4)
    for (let i = 0; i < a.length; i++) a[i] = (i * 37) % 251
    expect(ssim(a, a, 64, 64)).toBeCloseTo(1, 10)
    const b = a.map((v, i) => (i % 4 === 3 ? v : 255 - v))
    expect(ssim(a, b, 64, 64)).toBeLessThan(0.5)
  })
})
