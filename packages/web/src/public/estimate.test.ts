import { ESTIMATE_PATTERNS } from '@stipple/domain'
import { describe, expect, it } from 'vitest'
import { PATTERNS } from './estimate.ts'

describe('estimator patterns', () => {
  it('offers exactly the patterns the server prices, once each', () => {
    expect(PATTERNS.map((p) => p.id).sort()).toEqual(Object.keys(ESTIMATE_PATTERNS).sort())
    expect(new Set(PATTERNS.map((p) => p.name)).size).toBe(PATTERNS.length)
  })
})
