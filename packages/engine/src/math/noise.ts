// Seeded value noise from an integer hash: deterministic in every engine (integer mixing, then +, −, ×).

function hash2(ix: number, iy: number, seed: number): number {
  let h = Math.imul(ix | 0, 0x27d4eb2d) ^ Math.imul(iy | 0, 0x165667b1) ^ seed
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  h ^= h >>> 16
  return (h >>> 0) / 4294967296
}

/** 2-D value noise in [0, 1) with feature size `scale`, smooth (C¹) between lattice points. */
export function valueNoise2(x: number, y: number, scale: number, seed: number): number {
  const fx = x / scale
  const fy = y / scale
  const ix = Math.floor(fx)
  const iy = Math.floor(fy)
  const tx = fx - ix
  const ty = fy - iy
  const sx = tx * tx * (3 - 2 * tx)
  const sy = ty * ty * (3 - 2 * ty)
  const a = hash2(ix, iy, seed)
  const b = hash2(ix + 1, iy, seed)
  const c = hash2(ix, iy + 1, seed)
  const d = hash2(ix + 1, iy + 1, seed)
  return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy
}

/** 1-D value noise in [0, 1) with feature size `scale`. */
export function valueNoise1(x: number, scale: number, seed: number): number {
  const f = x / scale
  const i = Math.floor(f)
  const t = f - i
  const s = t * t * (3 - 2 * t)
  const a = hash2(i, 0x5bd1e995, seed)
  const b = hash2(i + 1, 0x5bd1e995, seed)
  return a + (b - a) * s
}
