import { describe, expect, it } from 'vitest'
import { createRng, deriveSeed } from './rng.ts'

describe('createRng', () => {
  it('is reproducible per seed and differs between seeds', () => {
    const a = createRng(42)
    const b = createRng(42)
    const c = createRng(43)
    const sa = Array.from({ length: 8 }, () => a.nextU32())
    expect(Array.from({ length: 8 }, () => b.nextU32())).toEqual(sa)
    expect(Array.from({ length: 8 }, () => c.nextU32())).not.toEqual(sa)
  })

  it('is uniform: mean, variance and bucket counts of 200k draws', () => {
    const r = createRng(7)
    const n = 200_000
    const buckets = new Array(20).fill(0)
    let sum = 0
    let sq = 0
    for (let i = 0; i < n; i++) {
      const x = r.next()
      expect(x >= 0 && x < 1).toBe(true)
      sum += x
      sq += x * x
      buckets[Math.floor(x * 20)]++
    }
    expect(sum / n).toBeCloseTo(0.5, 2)
    expect(sq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 2)
    // chi-square with 19 degrees of freedom: 43.8 is the 0.1% critical value
    const chi = buckets.reduce((acc, k) => acc + (k - n / 20) ** 2 / (n / 20), 0)
    expect(chi).toBeLessThan(43.8)
  })

  it('derives independent, stable sub-seeds per purpose', () => {
    expect(deriveSeed(1, 'placement')).toBe(deriveSeed(1, 'placement'))
    expect(deriveSeed(1, 'placement')).not.toBe(deriveSeed(1, 'sessions'))
    expect(deriveSeed(1, 'placement')).not.toBe(deriveSeed(2, 'placement'))
  })
})
