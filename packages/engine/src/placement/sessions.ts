// Splits placed dots into sessions so that every session is itself well spread: session 1 a sparse, even blueprint,
// later sessions filling between (DOMAIN §2.5: start light and sparse, add density each session [FS3], [SAS]).
// Each session is a greedy maximal Poisson-disk subset of the dots not yet assigned ("sample elimination" in the
// spirit of C. Yuksel, "Sample Elimination for Generating Poisson Disk Sample Sets", Eurographics 2015), with the
// subset radius solved so that the session gets its share of the dots. Distances here are chart distances: the chart's
// distortion (≤ ~1.6× near the hairline) only loosens the spread a little, and the shares are exact either way.

import { createRng } from '../math/rng.ts'

/** Assigns a session (0-based) to each dot; `shares` sum to 1. Returns the per-session counts. */
export function assignSessions(
  x: Float32Array,
  y: Float32Array,
  r: Float32Array,
  count: number,
  shares: readonly number[],
  seed: number,
  out: Uint8Array
): number[] {
  const sessions = shares.length
  const counts = new Array<number>(sessions).fill(0)
  if (count === 0) return counts
  if (sessions === 1) {
    out.fill(0, 0, count)
    counts[0] = count
    return counts
  }
  const rng = createRng(seed)
  const order = new Int32Array(count)
  for (let i = 0; i < count; i++) order[i] = i
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    const t = order[i]
    order[i] = order[j]
    order[j] = t
  }
  out.fill(255, 0, count)
  let remaining = count
  let minX = Number.POSITIVE_INFINITY
  let minY = Number.POSITIVE_INFINITY
  let maxX = Number.NEGATIVE_INFINITY
  let maxY = Number.NEGATIVE_INFINITY
  let minR = Number.POSITIVE_INFINITY
  for (let i = 0; i < count; i++) {
    if (x[i] < minX) minX = x[i]
    if (y[i] < minY) minY = y[i]
    if (x[i] > maxX) maxX = x[i]
    if (y[i] > maxY) maxY = y[i]
    if (r[i] < minR) minR = r[i]
  }
  let cumulative = 0
  for (let s = 0; s < sessions - 1; s++) {
    cumulative += shares[s]
    const target = Math.round(count * cumulative) - (count - remaining)
    if (target <= 0) continue
    // the fraction of remaining dots this session takes; a greedy subset at radius f·r keeps ≈ 1/f² of a packing
    const fraction = target / remaining
    let factor = Math.sqrt(1 / fraction) * 0.98
    let chosen = 0
    for (let attempt = 0; attempt < 6; attempt++) {
      chosen = greedySubset(x, y, r, order, out, 255, factor, minX, minY, maxX, maxY, minR, 254)
      const ratio = chosen / target
      if (Math.abs(ratio - 1) < 0.015 || attempt === 5) break
      // undo and retry with a corrected radius: the subset's density scales as 1/radius²
      for (let i = 0; i < count; i++) if (out[i] === 254) out[i] = 255
      factor *= Math.sqrt(ratio)
    }
    // trim or top up to the exact target in the shuffled order, so shares are honoured to the dot
    let have = 0
    for (let k = 0; k < count; k++) {
      const i = order[k]
      if (out[i] !== 254) continue
      if (have < target) {
        out[i] = s
        have++
      } else out[i] = 255
    }
    for (let k = 0; k < count && have < target; k++) {
      const i = order[k]
      if (out[i] === 255) {
        out[i] = s
        have++
      }
    }
    counts[s] = have
    remaining -= have
  }
  for (let i = 0; i < count; i++) if (out[i] === 255) out[i] = sessions - 1
  counts[sessions - 1] = remaining
  return counts
}

/** Marks (with `mark`) a greedy subset of unassigned dots (value `free`) keeping distance factor·r between them. */
function greedySubset(
  x: Float32Array,
  y: Float32Array,
  r: Float32Array,
  order: Int32Array,
  out: Uint8Array,
  free: number,
  factor: number,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
  minR: number,
  mark: number
): number {
  const g = (minR * factor) / Math.SQRT2
  const gw = Math.ceil((maxX - minX) / g) + 1
  const gh = Math.ceil((maxY - minY) / g) + 1
  const grid = new Int32Array(gw * gh).fill(-1)
  let chosen = 0
  for (let k = 0; k < order.length; k++) {
    const i = order[k]
    if (out[i] !== free) continue
    const R = r[i] * factor
    const gx = Math.floor((x[i] - minX) / g)
    const gy = Math.floor((y[i] - minY) / g)
    const reach = Math.ceil(R / g)
    let ok = true
    for (let dy = -reach; dy <= reach && ok; dy++) {
      const cy = gy + dy
      if (cy < 0 || cy >= gh) continue
      for (let dx = -reach; dx <= reach; dx++) {
        const cx = gx + dx
        if (cx < 0 || cx >= gw) continue
        const q = grid[cy * gw + cx]
        if (q < 0) continue
        const ex = x[q] - x[i]
        const ey = y[q] - y[i]
        if (ex * ex + ey * ey < R * R) {
          ok = false
          break
        }
      }
    }
    if (!ok) continue
    const cell = gy * gw + gx
    if (grid[cell] >= 0) continue
    grid[cell] = i
    out[i] = mark
    chosen++
  }
  return chosen
}
