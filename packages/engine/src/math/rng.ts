// Seeded pseudo-random numbers: sfc32 (Chris Doty-Humphrey, PractRand) seeded through splitmix32.
// Integer-only state updates, so the same seed gives the same stream in every JavaScript engine.

import { fmix32 } from './hash.ts'

export interface Rng {
  /** Next unsigned 32-bit integer. */
  nextU32(): number
  /** Uniform float in [0, 1) with 32 bits of resolution. */
  next(): number
  /** Uniform float in [lo, hi). */
  range(lo: number, hi: number): number
  /** Uniform integer in [0, n). */
  int(n: number): number
}

function splitmix32(state: number): () => number {
  let s = state >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    return fmix32(s)
  }
}

/** Creates an independent generator from a 32-bit seed. */
export function createRng(seed: number): Rng {
  const init = splitmix32(seed)
  let a = init()
  let b = init()
  let c = init()
  let d = init()
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t
  }
  for (let i = 0; i < 12; i++) nextU32() // discard the warm-up outputs
  const next = () => nextU32() / 4294967296
  return {
    nextU32,
    next,
    range: (lo, hi) => lo + (hi - lo) * next(),
    int: (n) => Math.floor(next() * n),
  }
}

/** Derives a sub-seed for an independent stream (one per purpose), so adding a purpose never shifts another's stream. */
export function deriveSeed(seed: number, purpose: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0
  for (let i = 0; i < purpose.length; i++) {
    h = Math.imul(h ^ purpose.charCodeAt(i), 0x01000193) >>> 0
  }
  return splitmix32(h)()
}
