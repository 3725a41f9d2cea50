import { describe, expect, it } from 'vitest'
import { TOUCH_UP_TIMING, TOUCH_UP_YEARS } from './touch-ups.ts'

describe('touch-up timing for clients', () => {
  it("states DOMAIN's usual interval and its range, and no other number", () => {
    expect(TOUCH_UP_YEARS).toEqual({ usual: 4, min: 2, max: 8 })
    expect(TOUCH_UP_TIMING.match(/[0-9]+/g)).toEqual(['4', '2', '8'])
    expect(TOUCH_UP_TIMING).toContain('about every 4 years')
  })
})
