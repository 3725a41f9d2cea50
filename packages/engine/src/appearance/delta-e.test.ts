import { describe, expect, it } from 'vitest'
import { deltaE2000 } from './delta-e.ts'

describe('deltaE2000', () => {
  // Sharma, Wu and Dalal (2005), Table 1: pairs 1, 7, 17, 25 and 34
  it.each([
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[50, 2.5, 0], [73, 25, -18], 27.1492],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    [[2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514], 0.9082],
  ] as const)('%j vs %j is %f', (a, b, expected) => {
    expect(deltaE2000(a, b)).toBeCloseTo(expected, 4)
    expect(deltaE2000(b, a)).toBeCloseTo(expected, 4)
  })

  it('is zero for the same colour', () => {
    expect(deltaE2000([55, 9, 16], [55, 9, 16])).toBe(0)
  })
})
