import { describe, expect, it } from 'vitest'
import { diffImages } from './image-diff.ts'

describe('diffImages', () => {
  it('is zero for equal images and ignores alpha', () => {
    const a = new Uint8Array([10, 20, 30, 255, 40, 50, 60, 255])
    const b = new Uint8Array([10, 20, 30, 0, 40, 50, 60, 7])
    expect(diffImages(a, b, 0)).toEqual({ meanAbs: 0, maxAbs: 0, shareWithin: 1, within: 0 })
  })

  it('averages over channels and counts a pixel close only when every channel is', () => {
    const a = new Uint8Array([0, 0, 0, 255, 0, 0, 0, 255])
    const b = new Uint8Array([3, 0, 0, 255, 1, 1, 1, 255])
    const d = diffImages(a, b, 2)
    expect(d.meanAbs).toBeCloseTo(6 / 6)
    expect(d.maxAbs).toBe(3)
    expect(d.shareWithin).toBe(0.5)
  })

  it('refuses images of different sizes', () => {
    expect(() => diffImages(new Uint8Array(4), new Uint8Array(8), 1)).toThrow(/different sizes/)
  })
})
