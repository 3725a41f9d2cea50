// Login rate limiting: failed sign-ins counted per account and per address in a sliding window, so neither one
// address trying many accounts nor many addresses trying one account gets unlimited guesses. In memory: one
// process owns the embedded database; a multi-server PostgreSQL deployment would move this into the database.

export interface RateLimitPolicy {
  /** Failures allowed per key within the window before sign-in is refused. */
  maxFailures: number
  windowMs: number
}

const DEFAULT_LOGIN_POLICY = {
  perAccount: { maxFailures: 5, windowMs: 15 * 60_000 },
  perAddress: { maxFailures: 20, windowMs: 15 * 60_000 },
} as const

export class LoginRateLimiter {
  readonly #failures = new Map<string, number[]>()
  readonly #perAccount: RateLimitPolicy
  readonly #perAddress: RateLimitPolicy
  readonly #now: () => number

  constructor(
    policy: { perAccount: RateLimitPolicy; perAddress: RateLimitPolicy } = DEFAULT_LOGIN_POLICY,
    now: () => number = Date.now
  ) {
    this.#perAccount = policy.perAccount
    this.#perAddress = policy.perAddress
    this.#now = now
  }

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfter(email: string, ip: string): number {
    const now = this.#now()
    const wait = Math.max(
      this.#wait(`account:${email.toLowerCase()}`, this.#perAccount, now),
      this.#wait(`address:${ip}`, this.#perAddress, now)
    )
    return Math.ceil(wait / 1000)
  }

  recordFailure(email: string, ip: string): void {
    const now = this.#now()
    this.#push(`account:${email.toLowerCase()}`, this.#perAccount, now)
    this.#push(`address:${ip}`, this.#perAddress, now)
  }

  /** A successful sign-in clears the account's failures (not the address's). */
  recordSuccess(email: string): void {
    this.#failures.delete(`account:${email.toLowerCase()}`)
  }

  #recent(key: string, policy: RateLimitPolicy, now: number): number[] {
    const kept = (this.#failures.get(key) ?? []).filter((t) => now - t < policy.windowMs)
    if (kept.length === 0) this.#failures.delete(key)
    else this.#failures.set(key, kept)
    return kept
  }

  #wait(key: string, policy: RateLimitPolicy, now: number): number {
    const recent = this.#recent(key, policy, now)
    if (recent.length < policy.maxFailures) return 0
    const oldest = recent[recent.length - policy.maxFailures] ?? now
    return oldest + policy.windowMs - now
  }

  #push(key: string, policy: RateLimitPolicy, now: number): void {
    const recent = this.#recent(key, policy, now)
    recent.push(now)
    this.#failures.set(key, recent)
  }
}
