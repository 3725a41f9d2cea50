// Seeded value noise from the engine's integer hash (math/hash.ts): deterministic in every engine (integer mixing, then
// +, −, ×). Used by placement (density and hairline irregularity) and by the synthetic skin.

import { hashUnit3 } from './hash.ts'

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
  const a = hashUnit3(ix, iy, 0, seed)
  const b = hashUnit3(ix + 1, iy, 0, seed)
  const c = hashUnit3(ix, iy + 1, 0, seed)
  const d = hashUnit3(ix + 1, iy + 1, 0, seed)
  return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy
}

/** 1-D value noise in [0, 1) with feature size `scale`. */
export function valueNoise1(x: number, scale: number, seed: number): number {
  const f = x / scale
  const i = Math.floor(f)
  const t = f - i
  const s = t * t * (3 - 2 * t)
  const a = hashUnit3(i, 0x5bd1e995, 0, seed)
  const b = hashUnit3(i + 1, 0x5bd1e995, 0, seed)
  return a + (b - a) * s
}

/** Trilinear value noise in [0, 1) with smoothstep fade, lattice spacing 1. */
export function valueNoise3(x: number, y: number, z: number, seed: number): number {
  const ix = Math.floor(x)
  const iy = Math.floor(y)
  const iz = Math.floor(z)
  const fx = x - ix
  const fy = y - iy
  const fz = z - iz
  const ux = fx * fx * (3 - 2 * fx)
  const uy = fy * fy * (3 - 2 * fy)
  const uz = fz * fz * (3 - 2 * fz)
  const c000 = hashUnit3(ix, iy, iz, seed)
  const c100 = hashUnit3(ix + 1, iy, iz, seed)
  const c010 = hashUnit3(ix, iy + 1, iz, seed)
  const c110 = hashUnit3(ix + 1, iy + 1, iz, seed)
  const c001 = hashUnit3(ix, iy, iz + 1, seed)
  const c101 = hashUnit3(ix + 1, iy, iz + 1, seed)
  const c011 = hashUnit3(ix, iy + 1, iz + 1, seed)
  const c111 = hashUnit3(ix + 1, iy + 1, iz + 1, seed)
  const x00 = c000 + (c100 - c000) * ux
  const x10 = c010 + (c110 - c010) * ux
  const x01 = c001 + (c101 - c001) * ux
  const x11 = c011 + (c111 - c011) * ux
  const y0 = x00 + (x10 - x00) * uy
  const y1 = x01 + (x11 - x01) * uy
  return y0 + (y1 - y0) * uz
}

/** 2-D value noise in [0, 1) that repeats every `period` lattice cells (for seamless tiles). */
export function periodicNoise2(x: number, y: number, period: number, seed: number): number {
  const ix = Math.floor(x)
  const iy = Math.floor(y)
  const fx = x - ix
  const fy = y - iy
  const ux = fx * fx * (3 - 2 * fx)
  const uy = fy * fy * (3 - 2 * fy)
  const x0 = ix % period
  const y0 = iy % period
  const x1 = (ix + 1) % period
  const y1 = (iy + 1) % period
  const a = hashUnit3(x0, y0, 0, seed)
  const b = hashUnit3(x1, y0, 0, seed)
  const c = hashUnit3(x0, y1, 0, seed)
  const d = hashUnit3(x1, y1, 0, seed)
  const top = a + (b - a) * ux
  const bottom = c + (d - c) * ux
  return top + (bottom - top) * uy
}
