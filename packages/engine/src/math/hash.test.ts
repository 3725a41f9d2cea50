import { describe, expect, it } from 'vitest'
import { fmix32, hashUnit3 } from './hash.ts'
import { createRng } from './rng.ts'

/** The value noise's lattice hash as it was written before the engine had one finaliser (its own mixing steps). */
function legacyLatticeHash(x: number, y: number, z: number, seed: number): number {
  let h = Math.imul(x, 0x27d4eb2d) ^ Math.imul(y, 0x165667b1) ^ Math.imul(z, 0x9e3779b1) ^ seed
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296
}

describe('the hash finaliser', () => {
  it('is murmur3 fmix32 (known values)', () => {
    expect(fmix32(0)).toBe(0)
    expect(fmix32(1)).toBe(0x514e28b7)
    expect(fmix32(0xffffffff)).toBe(0x81f16f39)
  })

  it('gives the lattice hash the same bits as before, so stored designs keep their noise', () => {
    const rng = createRng(99)
    for (let i = 0; i < 20000; i++) {
      const x = (rng.nextU32() | 0) >> (rng.int(32) as number)
      const y = (rng.nextU32() | 0) >> 12
      const z = rng.int(2) === 0 ? 0 : rng.nextU32() | 0
      const seed = rng.nextU32() | 0
      expect(hashUnit3(x, y, z, seed)).toBe(legacyLatticeHash(x, y, z, seed))
    }
  })
})
