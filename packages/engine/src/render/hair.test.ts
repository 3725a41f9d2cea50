// The remaining hair: drawn at the intake's length and colour, each shaft its own (deterministic from its position),
// at its follicle's angle along the scalp's flow, with the follicle under the skin; long hair lies from a parting and
// lets the dots show in it and between thin hair.
import { describe, expect, it } from 'vitest'
import type { Design, HairColor, HairLength } from '../model/design.ts'
import { allocateDots } from '../model/dots.ts'
import { type Placement, placeDots } from '../placement/place-dots.ts'
import { presetDesign } from '../presets/presets.ts'
import { createHead } from '../scalp/head.ts'
import { type HairPoints, hairSegments } from './hair.ts'
import type { HairSegments } from './hair-marks.ts'
import { renderPreview } from './render-preview.ts'
import { createView, projectChartPoint, type ViewName } from './view.ts'

function placed(design: Design): Placement {
  const r = placeDots(design)
  if (!r.ok) throw new Error('preset does not place')
  return r
}

const n5 = presetDesign('norwood-5', { seed: 3 })
const n5Placed = placed(n5)
const ludwig = presetDesign('ludwig-2', { seed: 3, hair: { color: 'brown', length: 'long' } })
const ludwigPlaced = placed(ludwig)

function withHair(design: Design, length: HairLength, color: HairColor = 'brown'): Design {
  return { ...design, hair: { color, length } }
}

function segmentsOf(design: Design, hair: HairPoints, view: ViewName = 'top', size = 800): HairSegments {
  return hairSegments(createView(createHead(design.head), view, size, size), design, hair)
}

/** Shafts only: follicles are the neutral grey marks drawn first (every hair colour has some hue). */
function isFollicle(s: HairSegments, i: number): boolean {
  return s.r[i] === s.g[i] && s.g[i] === s.b[i]
}
function shafts(s: HairSegments): number[] {
  const out: number[] = []
  for (let i = 0; i < s.count; i++) if (!isFollicle(s, i)) out.push(i)
  return out
}

/** Screen length of each strand (a strand's marks join end to start). */
function strandLengths(s: HairSegments): number[] {
  const out: number[] = []
  let last = -1
  for (const i of shafts(s)) {
    const l = Math.hypot(s.bx[i] - s.ax[i], s.by[i] - s.ay[i])
    if (last >= 0 && s.ax[i] === s.bx[last] && s.ay[i] === s.by[last]) out[out.length - 1] += l
    else out.push(l)
    last = i
  }
  return out
}

const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)

function keyOf(s: HairSegments, i: number): string {
  return [s.ax[i], s.ay[i], s.bx[i], s.by[i], s.hw[i], s.edge[i], s.r[i], s.g[i], s.b[i], s.a[i]].join(',')
}

function render(placement: Placement, view: ViewName, size: number) {
  const target = { width: size, height: size, data: new Uint8ClampedArray(size * size * 4) }
  expect(renderPreview(placement, { view, width: size, height: size }, target)).toEqual({ ok: true })
  return target.data
}

describe('hair', () => {
  it('defaults to brown hair clipped to a buzz cut; a preset takes the hair it is given', () => {
    expect(presetDesign('norwood-5').hair).toEqual({ color: 'brown', length: 'buzz' })
    expect(presetDesign('ludwig-2').hair).toEqual({ color: 'brown', length: 'buzz' })
    expect(ludwig.hair).toEqual({ color: 'brown', length: 'long' })
    const { hair: _, ...bare } = n5
    const a = segmentsOf(bare, n5Placed.hair)
    const b = segmentsOf(withHair(n5, 'buzz'), n5Placed.hair)
    expect(a.count).toBeGreaterThan(1000)
    expect(Array.from(a.ax)).toEqual(Array.from(b.ax))
  })

  it('gives every shaft its own length, width and shade, the same each time and whatever other hairs exist', () => {
    const s = segmentsOf(n5, n5Placed.hair)
    const idx = shafts(s)
    // 1–4 hairs per follicular unit (DOMAIN §1.3): more shafts than units on screen
    expect(idx.length).toBeGreaterThan(1.6 * (s.count - idx.length))
    const lengths = idx.map((i) => Math.hypot(s.bx[i] - s.ax[i], s.by[i] - s.ay[i]))
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length
    const sd = Math.sqrt(lengths.reduce((a, b) => a + (b - mean) ** 2, 0) / lengths.length)
    expect(sd / mean).toBeGreaterThan(0.2)
    expect(new Set(idx.map((i) => s.hw[i])).size).toBeGreaterThan(idx.length / 2)
    expect(new Set(idx.map((i) => s.r[i])).size).toBeGreaterThan(idx.length / 2)
    // widths 67–120 µm (DOMAIN §13), at about the view's scale (perspective makes the top a little larger)
    const pxPerMm = createView(createHead(n5.head), 'top', 800, 800).pxPerMm
    const widths = idx.map((i) => (2 * s.hw[i]) / pxPerMm)
    expect(Math.max(...widths)).toBeLessThan(0.12 * 1.3)
    expect(Math.min(...widths)).toBeGreaterThan(0.067 * 0.7)
    expect(Math.max(...widths) / Math.min(...widths)).toBeGreaterThan(1.5)
    // deterministic, and a hair's marks belong to its position: half the hairs give a subset of the marks
    const again = segmentsOf(n5, n5Placed.hair)
    expect(Array.from(again.bx)).toEqual(Array.from(s.bx))
    const half: HairPoints = {
      count: n5Placed.hair.count >> 1,
      x: n5Placed.hair.x.slice(0, n5Placed.hair.count >> 1),
      y: n5Placed.hair.y.slice(0, n5Placed.hair.count >> 1),
    }
    const all = new Set(Array.from({ length: s.count }, (_, i) => keyOf(s, i)))
    const part = segmentsOf(n5, half)
    expect(part.count).toBeGreaterThan(100)
    for (let i = 0; i < part.count; i++) expect(all.has(keyOf(part, i))).toBe(true)
  })

  it('grows forward over the top, down and back over the sides, and round the crown whorl', () => {
    // chart view: screen x is +u, screen y is −v
    const size = 1000
    const view = createView(createHead(n5.head), 'chart', size, size)
    const scale = view.chartScale
    const s = hairSegments(view, withHair(n5, 'short'), n5Placed.hair)
    const [cu, cv] = n5.crown.center
    let forward = 0
    let top = 0
    let sideDownBack = 0
    let side = 0
    let whorlTangential = 0
    let whorl = 0
    for (let i = 0; i < s.count; i++) {
      if (s.edge[i] !== 1) continue
      const u = (s.ax[i] - view.cx) / scale
      const v = (view.cy - s.ay[i]) / scale
      const du = s.bx[i] - s.ax[i]
      const dv = -(s.by[i] - s.ay[i])
      const l = Math.hypot(du, dv)
      if (l < 1e-6) continue
      if (Math.abs(u) < 15 && v > 20 && v < 60) {
        top++
        if (dv / l > 0.7) forward++
      }
      if (u > 75 && Math.abs(v) < 30) {
        side++
        if (du > 0 && dv < 0) sideDownBack++
      }
      const ru = u - cu
      const rv = v - cv
      const r = Math.hypot(ru, rv)
      if (r > 2 && r < 10) {
        whorl++
        if (Math.abs((ru * du + rv * dv) / (r * l)) < 0.7) whorlTangential++
      }
    }
    expect(top).toBeGreaterThan(50)
    expect(forward / top).toBeGreaterThan(0.8)
    expect(side).toBeGreaterThan(50)
    expect(sideDownBack / side).toBeGreaterThan(0.7)
    expect(whorl).toBeGreaterThan(10)
    expect(whorlTangential / whorl).toBeGreaterThan(0.5)
  })

  it('draws longer hair longer, from shaved stubble to long locks', () => {
    const mean = (length: HairLength) => meanOf(strandLengths(segmentsOf(withHair(n5, length), n5Placed.hair)))
    const shaved = mean('shaved')
    const buzz = mean('buzz')
    const short = mean('short')
    const long = mean('long')
    expect(buzz).toBeGreaterThan(2 * shaved)
    expect(short).toBeGreaterThan(3 * buzz)
    expect(long).toBeGreaterThan(2 * short)
  })

  it('shows the dark follicle under the skin behind each exit, neutral grey, fainter for fair hair', () => {
    const s = segmentsOf(n5, n5Placed.hair)
    const follicles = s.count - shafts(s).length
    expect(follicles).toBeGreaterThan(1000)
    // drawn first, under every shaft, dark and neutral
    for (let i = 0; i < follicles; i++) expect(isFollicle(s, i)).toBe(true)
    expect(s.r[0]).toBeLessThan(0.05)
    // soft where the view resolves it (a close-up): blurred through the epidermis
    const close = hairSegments(
      createView(createHead(n5.head), 'chart', 800, 800, { u: 75, v: -20, widthMm: 20 }),
      n5,
      n5Placed.hair
    )
    expect(isFollicle(close, 0) && close.edge[0]).toBeGreaterThan(2)
    const black = segmentsOf(withHair(n5, 'buzz', 'black'), n5Placed.hair)
    const blonde = segmentsOf(withHair(n5, 'buzz', 'blonde'), n5Placed.hair)
    const blondeFollicle = isFollicle(blonde, 0) ? blonde.a[0] : 0
    expect(black.a[0]).toBeGreaterThan(1.5 * blondeFollicle)
    // and in pixels: a close-up of the fringe, bare of dots, darkens behind the exits
    const closeUp = { u: 75, v: -20, widthMm: 20 }
    const S = 400
    const none = allocateDots(0)
    const noHair: HairPoints = { count: 0, x: new Float32Array(0), y: new Float32Array(0) }
    const opts = { view: 'chart' as const, width: S, height: S, closeUp }
    const bare = { width: S, height: S, data: new Uint8ClampedArray(S * S * 4) }
    const shaved = { width: S, height: S, data: new Uint8ClampedArray(S * S * 4) }
    renderPreview({ ...n5Placed, dots: none, hair: noHair }, opts, bare)
    renderPreview({ ...n5Placed, design: withHair(n5, 'shaved', 'black'), dots: none }, opts, shaved)
    let darker = 0
    for (let i = 0; i < S * S * 4; i += 4) darker += bare.data[i + 1] - shaved.data[i + 1]
    expect(darker / (S * S)).toBeGreaterThan(3)
  })

  it('draws the hair in its colour: blonde lighter than black', () => {
    const mean = (color: HairColor) => {
      const s = segmentsOf(withHair(n5, 'short', color), n5Placed.hair)
      let y = 0
      const idx = shafts(s)
      for (const i of idx) y += 0.2126 * s.r[i] + 0.7152 * s.g[i] + 0.0722 * s.b[i]
      return y / idx.length
    }
    expect(mean('blonde')).toBeGreaterThan(5 * mean('black'))
    expect(mean('white')).toBeGreaterThan(mean('grey'))
    expect(mean('grey')).toBeGreaterThan(mean('dark-brown'))
  })

  it('lets the dots show in the parting and between thin long hair, and hides them under full hair', () => {
    const S = 600
    const none = allocateDots(0)
    const withDots = render(ludwigPlaced, 'top', S)
    const without = render({ ...ludwigPlaced, dots: none }, 'top', S)
    const view = createView(createHead(ludwig.head), 'top', S, S)
    /** Mean absolute green difference the dots make in a 3 × 3 px patch about chart points along (u, v0..v1). */
    const dotsShow = (u: number, v0: number, v1: number) => {
      let sum = 0
      let n = 0
      for (let v = v0; v <= v1; v += 1) {
        const p = projectChartPoint(view, u, v)
        if (p === null) continue
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const i = (Math.floor(p.y + dy) * S + Math.floor(p.x + dx)) * 4 + 1
            sum += Math.abs(withDots[i] - without[i])
            n++
          }
      }
      return sum / n
    }
    const parting = dotsShow(0, 0, 50)
    const fullHair = Math.max(dotsShow(70, -20, 20), dotsShow(-70, -20, 20))
    expect(parting).toBeGreaterThan(1)
    expect(parting).toBeGreaterThan(3 * fullHair)
    // between thin hair beside the parting, still visible
    expect(Math.max(dotsShow(12, 0, 40), dotsShow(-12, 0, 40))).toBeGreaterThan(fullHair)
  })

  it('lays long hair over the scalp, not as a helmet: its parting shows skin, its strands are semi-transparent', () => {
    const s = segmentsOf(ludwig, ludwigPlaced.hair)
    const idx = shafts(s)
    expect(idx.length).toBeGreaterThan(5000)
    for (const i of idx.slice(0, 2000)) {
      expect(s.a[i]).toBeLessThan(0.85)
      expect(s.a[i]).toBeGreaterThan(0.3)
    }
    // reach: strands run far from their follicles, and the studio learns how far
    expect(s.reach).toBeGreaterThan(40)
  })
})
