// The engine's one hash finaliser (murmur3's fmix32) and the integer hashes built on it. Integer operations only, so
// every JavaScript engine gives the same bits.

/** murmur3's 32-bit finaliser: every input bit reaches every output bit. Unsigned result. */
export function fmix32(h: number): number {
  let z = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

/** Hash of an integer lattice point (x, y, z) and a seed, uniform in [0, 1) (the value noise's lattice values). */
export function hashUnit3(x: number, y: number, z: number, seed: number): number {
  const h = Math.imul(x | 0, 0x27d4eb2d) ^ Math.imul(y | 0, 0x165667b1) ^ Math.imul(z | 0, 0x9e3779b1) ^ seed
  // the lattice hash has always folded bit 15 (h ^ h >>> 15) where fmix32 folds bit 16; g = x ^ x >>> 16 undoes
  // fmix32's first fold (its own inverse), so fmix32(g) gives those same bits and stored designs keep their hairlines
  const x15 = h ^ (h >>> 15)
  return fmix32(x15 ^ (x15 >>> 16)) / 4294967296
}

const _bits = new Float32Array(2)
const _words = new Uint32Array(_bits.buffer)

/** 32 random bits for a point (u, v), from its float32 bits and the seed: the same point always hashes the same. */
export function hashPoint(seed: number, u: number, v: number): number {
  _bits[0] = u
  _bits[1] = v
  return fmix32(fmix32(seed ^ (_words[0] ?? 0)) ^ Math.imul(_words[1] ?? 0, 0x9e3779b1))
}
