// Slowing down password and code guessing without locking the account's owner out (a lockout any stranger can
// trigger is a denial of service: five wrong passwords from anyone used to lock the real user out for 15 minutes,
// and twenty from one address every account behind it, when a clinic's whole staff share one address).
//
// Three counters, each answering a different attacker (figures in LOGIN_POLICY):
// 1. Per account AND address: the first 5 failures cost nothing (a mistyped password); after that each attempt
//    from that address on that account waits 30 s, 1, 2, 4, 8 and at most 15 minutes after the previous failure.
//    One address guessing one account gets about 100 guesses a day; the same account from another address is not
//    slowed by it. A success from the pair clears it. Forgotten 24 h after its last failure.
// 2. Per address, across accounts: 100 failures within 15 minutes (a credential-stuffing run, far above what a
//    clinic's staff mistype together) and the address is refused for every account it has not signed in to before.
//    Staff who have signed in from that address are not stopped by it.
// 3. Per account, across addresses: 20 failures within 15 minutes from addresses that have never signed in to it
//    (a guessing run spread over many addresses) and only addresses known for the account go on; the others wait
//    until the window has fewer than 20 again. An address is known for an account for 30 days after a complete
//    sign-in from it (password, and code when TOTP is on), so the owner signs in from the clinic or from home while
//    the account is under attack.
// Wrong TOTP and backup codes count like wrong passwords. In memory: one process owns the embedded database; a
// multi-server PostgreSQL deployment would move these counters into the database.

export interface RateLimitPolicy {
  /** Failures allowed per key within the window before sign-in is refused. */
  maxFailures: number
  windowMs: number
}

export interface LoginPolicy {
  perPair: { freeFailures: number; firstDelayMs: number; maxDelayMs: number; forgetAfterMs: number }
  perAddress: RateLimitPolicy
  perAccount: RateLimitPolicy
  /** How long a complete sign-in from an address makes it known for the account. */
  knownForMs: number
}

export const LOGIN_POLICY: LoginPolicy = {
  perPair: { freeFailures: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 24 * 3600_000 },
  perAddress: { maxFailures: 100, windowMs: 15 * 60_000 },
  perAccount: { maxFailures: 20, windowMs: 15 * 60_000 },
  knownForMs: 30 * 24 * 3600_000,
}

/** Above this many keys, a write sweeps out what has expired (an attacker cycling emails cannot grow memory forever). */
const SWEEP_ABOVE = 50_000

interface PairState {
  failures: number
  last: number
}

export class LoginRateLimiter {
  readonly #policy: LoginPolicy
  readonly #now: () => number
  readonly #pairs = new Map<string, PairState>()
  /** Failure times per address (every account) and per account (from addresses not known for it). */
  readonly #windows = new Map<string, number[]>()
  /** account → address → when it last completed a sign-in. */
  readonly #known = new Map<string, Map<string, number>>()

  constructor(policy: LoginPolicy = LOGIN_POLICY, now: () => number = Date.now) {
    this.#policy = policy
    this.#now = now
  }

  /** Seconds until another attempt on `email` from `ip` is allowed, or 0 when it is allowed now. */
  retryAfter(email: string, ip: string): number {
    const now = this.#now()
    const account = email.toLowerCase()
    let wait = this.#pairWait(account, ip, now)
    if (!this.#isKnown(account, ip, now)) {
      wait = Math.max(
        wait,
        this.#windowWait(`address:${ip}`, this.#policy.perAddress, now),
        this.#windowWait(`account:${account}`, this.#policy.perAccount, now)
      )
    }
    return Math.ceil(wait / 1000)
  }

  recordFailure(email: string, ip: string): void {
    const now = this.#now()
    const account = email.toLowerCase()
    if (this.#pairs.size + this.#windows.size > SWEEP_ABOVE) this.#sweep(now)
    const key = `${account}\n${ip}`
    const pair = this.#livePair(key, now)
    this.#pairs.set(key, { failures: (pair?.failures ?? 0) + 1, last: now })
    this.#push(`address:${ip}`, this.#policy.perAddress, now)
    if (!this.#isKnown(account, ip, now)) this.#push(`account:${account}`, this.#policy.perAccount, now)
  }

  /**
   * A complete sign-in (or, without `ip`, an administrative reset): clears the pair's failures and makes the address
   * known for the account. Other addresses' failures on the account stay counted.
   */
  recordSuccess(email: string, ip?: string): void {
    const account = email.toLowerCase()
    if (ip === undefined) {
      for (const key of [...this.#pairs.keys()]) if (key.startsWith(`${account}\n`)) this.#pairs.delete(key)
      this.#windows.delete(`account:${account}`)
      return
    }
    this.#pairs.delete(`${account}\n${ip}`)
    let known = this.#known.get(account)
    if (known === undefined) {
      known = new Map()
      this.#known.set(account, known)
    }
    known.set(ip, this.#now())
    // an account signed in from many places keeps its 20 most recent
    if (known.size > 20) {
      const oldest = [...known.entries()].sort((a, b) => a[1] - b[1])[0]
      if (oldest !== undefined) known.delete(oldest[0])
    }
  }

  #isKnown(account: string, ip: string, now: number): boolean {
    const at = this.#known.get(account)?.get(ip)
    return at !== undefined && now - at < this.#policy.knownForMs
  }

  #livePair(key: string, now: number): PairState | undefined {
    const pair = this.#pairs.get(key)
    if (pair !== undefined && now - pair.last >= this.#policy.perPair.forgetAfterMs) {
      this.#pairs.delete(key)
      return undefined
    }
    return pair
  }

  #pairWait(account: string, ip: string, now: number): number {
    const pair = this.#livePair(`${account}\n${ip}`, now)
    const { freeFailures, firstDelayMs, maxDelayMs } = this.#policy.perPair
    if (pair === undefined || pair.failures < freeFailures) return 0
    const delay = Math.min(maxDelayMs, firstDelayMs * 2 ** Math.min(30, pair.failures - freeFailures))
    return Math.max(0, pair.last + delay - now)
  }

  #recent(key: string, policy: RateLimitPolicy, now: number): number[] {
    const kept = (this.#windows.get(key) ?? []).filter((t) => now - t < policy.windowMs)
    if (kept.length === 0) this.#windows.delete(key)
    else this.#windows.set(key, kept)
    return kept
  }

  #windowWait(key: string, policy: RateLimitPolicy, now: number): number {
    const recent = this.#recent(key, policy, now)
    if (recent.length < policy.maxFailures) return 0
    const oldest = recent[recent.length - policy.maxFailures] ?? now
    return oldest + policy.windowMs - now
  }

  #push(key: string, policy: RateLimitPolicy, now: number): void {
    const recent = this.#recent(key, policy, now)
    recent.push(now)
    // only the last maxFailures times decide a wait
    if (recent.length > policy.maxFailures) recent.splice(0, recent.length - policy.maxFailures)
    this.#windows.set(key, recent)
  }

  #sweep(now: number): void {
    for (const key of [...this.#pairs.keys()]) this.#livePair(key, now)
    const longest = Math.max(this.#policy.perAddress.windowMs, this.#policy.perAccount.windowMs)
    for (const [key, times] of this.#windows) if (times.every((t) => now - t >= longest)) this.#windows.delete(key)
  }
}
