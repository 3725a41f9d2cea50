import { describe, expect, it } from 'vitest'
import { LOGIN_POLICY, LoginRateLimiter } from './rate-limit.ts'

const MINUTE = 60_000

describe('the login rate limiter', () => {
  it('lets the first five failures of an address on an account through, then waits 30 s, 1, 2, 4… at most 15 min', () => {
    let now = 0
    const limiter = new LoginRateLimiter(LOGIN_POLICY, () => now)
    for (let i = 0; i < 5; i++) {
      expect(limiter.retryAfter('Owner@x.test', '203.0.113.9')).toBe(0)
      limiter.recordFailure('owner@x.test', '203.0.113.9')
    }
    const waits: number[] = []
    for (let i = 0; i < 8; i++) {
      const wait = limiter.retryAfter('owner@x.test', '203.0.113.9')
      waits.push(wait)
      now += wait * 1000
      expect(limiter.retryAfter('owner@x.test', '203.0.113.9')).toBe(0)
      limiter.recordFailure('owner@x.test', '203.0.113.9')
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900])
    // a day of guessing from one address: about a hundred guesses, not thousands
    let guesses = 0
    const end = now + 24 * 60 * MINUTE
    while (now < end) {
      now += limiter.retryAfter('owner@x.test', '203.0.113.9') * 1000
      limiter.recordFailure('owner@x.test', '203.0.113.9')
      guesses++
    }
    expect(guesses).toBeLessThanOrEqual(100)
  })

  it('does not slow the same account from another address, nor another account from the same address', () => {
    let now = 0
    const limiter = new LoginRateLimiter(LOGIN_POLICY, () => now)
    // an attacker hammering as fast as the limiter lets it, for an hour
    while (now < 60 * MINUTE) {
      now += limiter.retryAfter('owner@x.test', '198.51.100.66') * 1000
      limiter.recordFailure('owner@x.test', '198.51.100.66')
    }
    expect(limiter.retryAfter('owner@x.test', '198.51.100.66')).toBeGreaterThan(0)
    expect(limiter.retryAfter('owner@x.test', '192.0.2.10')).toBe(0)
    expect(limiter.retryAfter('colleague@x.test', '198.51.100.66')).toBe(0)
  })

  it('forgets a pair after a day without failures, and clears it on a success', () => {
    let now = 0
    const limiter = new LoginRateLimiter(LOGIN_POLICY, () => now)
    for (let i = 0; i < 9; i++) limiter.recordFailure('a@x.test', '192.0.2.1')
    expect(limiter.retryAfter('a@x.test', '192.0.2.1')).toBe(480)
    now += 24 * 60 * MINUTE
    expect(limiter.retryAfter('a@x.test', '192.0.2.1')).toBe(0)
    for (let i = 0; i < 6; i++) limiter.recordFailure('a@x.test', '192.0.2.1')
    expect(limiter.retryAfter('a@x.test', '192.0.2.1')).toBeGreaterThan(0)
    limiter.recordSuccess('a@x.test', '192.0.2.1')
    expect(limiter.retryAfter('a@x.test', '192.0.2.1')).toBe(0)
  })

  it('stops one address trying many accounts, except on accounts that signed in from it before', () => {
    let now = 0
    const limiter = new LoginRateLimiter(LOGIN_POLICY, () => now)
    limiter.recordSuccess('staff@x.test', '192.0.2.50')
    for (let i = 0; i < 100; i++) limiter.recordFailure(`user${i}@x.test`, '192.0.2.50')
    expect(limiter.retryAfter('someone@x.test', '192.0.2.50')).toBe(15 * 60)
    // the clinic's own staff behind the same address still sign in
    expect(limiter.retryAfter('staff@x.test', '192.0.2.50')).toBe(0)
    expect(limiter.retryAfter('someone@x.test', '192.0.2.51')).toBe(0)
    now += 15 * 60 * 1000
    expect(limiter.retryAfter('someone@x.test', '192.0.2.50')).toBe(0)
  })

  it('holds a guessing run spread over many addresses to 20 per 15 minutes, while known addresses go on', () => {
    let now = 0
    const limiter = new LoginRateLimiter(LOGIN_POLICY, () => now)
    limiter.recordSuccess('owner@x.test', '192.0.2.7')
    for (let i = 0; i < 20; i++) {
      expect(limiter.retryAfter('owner@x.test', `198.51.100.${i}`)).toBe(0)
      limiter.recordFailure('owner@x.test', `198.51.100.${i}`)
      now += 1000
    }
    expect(limiter.retryAfter('owner@x.test', '198.51.100.200')).toBe(15 * 60 - 20)
    expect(limiter.retryAfter('owner@x.test', '192.0.2.7')).toBe(0)
    // the owner's own typo from the known address does not feed the account's counter
    limiter.recordFailure('owner@x.test', '192.0.2.7')
    expect(limiter.retryAfter('owner@x.test', '192.0.2.7')).toBe(0)
    // a known address stays known for 30 days
    now += 31 * 24 * 60 * MINUTE
    for (let i = 0; i < 20; i++) limiter.recordFailure('owner@x.test', `198.51.100.${i}`)
    expect(limiter.retryAfter('owner@x.test', '192.0.2.7')).toBeGreaterThan(0)
  })

  it('an administrative reset without an address clears every pair of the account', () => {
    const limiter = new LoginRateLimiter(LOGIN_POLICY, () => 0)
    for (let i = 0; i < 6; i++) limiter.recordFailure('b@x.test', '192.0.2.3')
    expect(limiter.retryAfter('b@x.test', '192.0.2.3')).toBeGreaterThan(0)
    limiter.recordSuccess('b@x.test')
    expect(limiter.retryAfter('b@x.test', '192.0.2.3')).toBe(0)
  })
})
