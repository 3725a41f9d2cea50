import { describe, expect, it } from 'vitest'
import { LoginRateLimiter } from './rate-limit.ts'

describe('the login rate limiter', () => {
  const policy = { perAccount: { maxFailures: 3, windowMs: 60_000 }, perAddress: { maxFailures: 5, windowMs: 60_000 } }

  it('blocks an account after its failures, until the oldest one leaves the window', () => {
    let now = 0
    const limiter = new LoginRateLimiter(policy, () => now)
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter('A@x.test', '10.0.0.1')).toBe(0)
      limiter.recordFailure('a@x.test', `10.0.0.${i}`)
      now += 1000
    }
    expect(limiter.retryAfter('a@x.test', '10.0.0.9')).toBe(57)
    now = 60_001
    expect(limiter.retryAfter('a@x.test', '10.0.0.9')).toBe(0)
  })

  it('blocks one address trying many accounts, and a success clears only the account', () => {
    const limiter = new LoginRateLimiter(policy, () => 0)
    for (let i = 0; i < 5; i++) limiter.recordFailure(`user${i}@x.test`, '10.0.0.1')
    expect(limiter.retryAfter('someone@x.test', '10.0.0.1')).toBeGreaterThan(0)
    expect(limiter.retryAfter('someone@x.test', '10.0.0.2')).toBe(0)
    limiter.recordFailure('b@x.test', '10.0.0.3')
    limiter.recordFailure('b@x.test', '10.0.0.3')
    limiter.recordFailure('b@x.test', '10.0.0.3')
    expect(limiter.retryAfter('b@x.test', '10.0.0.4')).toBeGreaterThan(0)
    limiter.recordSuccess('b@x.test')
    expect(limiter.retryAfter('b@x.test', '10.0.0.4')).toBe(0)
  })
})
