import { describe, expect, it } from 'vitest'
import { BookingRateLimiter } from './booking-limiter.ts'

const policy = {
  perAddress: { maxFailures: 2, windowMs: 60 * 60_000 },
  perEmail: { maxFailures: 3, windowMs: 24 * 60 * 60_000 },
}

describe('BookingRateLimiter', () => {
  it('refuses the attempt past the per-address limit with the seconds to wait, and counts nothing for it', () => {
    let now = 1_000_000
    const limiter = new BookingRateLimiter(policy, () => now)
    expect(limiter.attempt('10.0.0.1', 'a@example.com')).toBe(0)
    now += 1000
    expect(limiter.attempt('10.0.0.1', 'b@example.com')).toBe(0)
    now += 1000
    // until the first attempt leaves the hour's window: 3,600 s after it, 2 s of which have passed
    expect(limiter.attempt('10.0.0.1', 'c@example.com')).toBe(3598)
    // the refused email was not counted: from another address it books
    expect(limiter.attempt('10.0.0.2', 'c@example.com')).toBe(0)
  })

  it('does not grow while refusing a stream of new emails from one address, and forgets old keys', () => {
    let now = 5_000_000
    const limiter = new BookingRateLimiter(policy, () => now)
    limiter.attempt('10.0.0.9', 'first@example.com')
    limiter.attempt('10.0.0.9', 'second@example.com')
    const size = limiter.size
    for (let i = 0; i < 1000; i++) expect(limiter.attempt('10.0.0.9', `spam${i}@example.com`)).toBeGreaterThan(0)
    expect(limiter.size).toBe(size)
    now += 25 * 60 * 60_000
    limiter.attempt('10.0.0.3', 'later@example.com')
    expect(limiter.size).toBe(2)
  })
})
