// Spam protection for public bookings: attempts counted per address and per email in a sliding window (the login
// limiter's pattern, src/auth/rate-limit.ts). In memory: one process owns the embedded database.
import type { RateLimitPolicy } from '../../auth/rate-limit.ts'

interface BookingPolicy {
  perAddress: RateLimitPolicy
  perEmail: RateLimitPolicy
}

/** A clinic's own visitors book one or two consultations; ten an hour from one address is already generous. */
const DEFAULT_BOOKING_POLICY: BookingPolicy = {
  perAddress: { maxFailures: 10, windowMs: 60 * 60_000 },
  perEmail: { maxFailures: 3, windowMs: 24 * 60 * 60_000 },
}

export class BookingRateLimiter {
  readonly #attempts = new Map<string, number[]>()
  readonly #policy: BookingPolicy
  readonly #now: () => number
  #lastSweep = 0

  constructor(policy: BookingPolicy = DEFAULT_BOOKING_POLICY, now: () => number = Date.now) {
    this.#policy = policy
    this.#now = now
  }

  /** Counts an attempt and returns 0, or returns the seconds to wait (and counts nothing) when over a limit. */
  attempt(ip: string, email: string): number {
    const now = this.#now()
    const keys: [string, RateLimitPolicy][] = [
      [`address:${ip}`, this.#policy.perAddress],
      [`email:${email.trim().toLowerCase()}`, this.#policy.perEmail],
    ]
    this.#sweep(now)
    let wait = 0
    const counted: [string, number[]][] = []
    for (const [key, policy] of keys) {
      const recent = (this.#attempts.get(key) ?? []).filter((t) => now - t < policy.windowMs)
      counted.push([key, recent])
      if (recent.length >= policy.maxFailures) {
        wait = Math.max(wait, (recent[recent.length - policy.maxFailures] ?? now) + policy.windowMs - now)
      }
    }
    // a refused attempt stores nothing: a stream of refused requests with new emails cannot grow the map
    if (wait > 0) return Math.ceil(wait / 1000)
    for (const [key, recent] of counted) this.#attempts.set(key, [...recent, now])
    return 0
  }

  /** How many addresses and emails are remembered (for tests). */
  get size(): number {
    return this.#attempts.size
  }

  /** At most once a minute: forgets keys with no attempt inside the longest window. */
  #sweep(now: number): void {
    if (now - this.#lastSweep < 60_000) return
    this.#lastSweep = now
    const longest = Math.max(this.#policy.perAddress.windowMs, this.#policy.perEmail.windowMs)
    for (const [key, times] of this.#attempts) {
      if (times.every((t) => now - t >= longest)) this.#attempts.delete(key)
    }
  }
}
