import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dacos, datan, datan2, dcos, dsin } from './det-math.ts'

describe('deterministic trigonometry', () => {
  it('agrees with Math to within 4e-16 relative on the ranges the engine uses', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), (x) => {
        expect(Math.abs(dsin(x) - Math.sin(x))).toBeLessThan(2e-15)
        expect(Math.abs(dcos(x) - Math.cos(x))).toBeLessThan(2e-15)
      })
    )
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        expect(Math.abs(datan(x) - Math.atan(x))).toBeLessThan(1e-15)
      })
    )
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), (y, x) => {
        expect(Math.abs(datan2(y, x) - Math.atan2(y, x))).toBeLessThan(1e-15)
      })
    )
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), (x) => {
        expect(Math.abs(dacos(x) - Math.acos(x))).toBeLessThan(1e-7 + 1e-15)
      })
    )
  })

  it('handles the special points', () => {
    expect(dsin(0)).toBe(0)
    expect(dcos(0)).toBe(1)
    expect(datan2(0, -1)).toBeCloseTo(Math.PI, 15)
    expect(datan2(1, 0)).toBeCloseTo(Math.PI / 2, 15)
    expect(dacos(-1)).toBeCloseTo(Math.PI, 15)
    expect(Number.isNaN(datan(Number.NaN))).toBe(true)
  })
})
