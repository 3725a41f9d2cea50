// Resolved sessions kept in this process for a few seconds, so a signed-in request does not pay the auth library's
// cookie signature check and session query every time. Keyed by a SHA-256 of the signed cookie value (no token is
// kept as a key); an entry never outlives its session, and concurrent misses on one key share one lookup.
// What it costs: a session revoked elsewhere (another server process, or a row deleted in the database by hand) stays
// usable here for up to `ttlMs`; sign-out in this process forgets its entry at once, and after any other change made
// through this process's API every entry is checked again before its next use (the route runtime's `changed`), since
// the change may have revoked access.
import { createHash } from 'node:crypto'

export interface Cacheable {
  /** When the session itself expires (ms since the epoch). */
  expiresAtMs: number
}

interface Entry<V> {
  value: V
  until: number
  /** The cache's generation when the value was last checked: older entries are checked again before use. */
  generation: number
}

export class SessionCache<V extends Cacheable> {
  readonly #entries = new Map<string, Entry<V>>()
  readonly #loading = new Map<string, Promise<V | null>>()
  readonly #ttlMs: number
  readonly #maxEntries: number
  readonly #now: () => number
  #generation = 0

  constructor(options: { ttlMs: number; maxEntries?: number | undefined; now?: () => number }) {
    this.#ttlMs = options.ttlMs
    this.#maxEntries = options.maxEntries ?? 10_000
    this.#now = options.now ?? Date.now
  }

  static keyOf(cookieValue: string): string {
    return createHash('sha256').update(cookieValue).digest('base64url')
  }

  /**
   * The cached value for `key`, or what `load` finds (a null result is not kept). An entry older than the last
   * `markStale()` goes through `recheck` first (a cheaper check than `load`, keeping the entry's time to live; null:
   * gone), or through `load` when there is no `recheck`.
   */
  get(key: string, load: () => Promise<V | null>, recheck?: (value: V) => Promise<V | null>): Promise<V | null> {
    const now = this.#now()
    const hit = this.#entries.get(key)
    let until: number | null = null
    let find = load
    if (hit !== undefined) {
      if (hit.until <= now) this.#entries.delete(key)
      else if (hit.generation === this.#generation) return Promise.resolve(hit.value)
      else if (recheck !== undefined) {
        until = hit.until
        find = () => recheck(hit.value)
      } else this.#entries.delete(key)
    }
    const pending = this.#loading.get(key)
    if (pending !== undefined) return pending
    const loading = find().then(
      (value) => {
        // a forget() or markStale() while loading wins: the value is handed to the waiting callers but not kept
        if (this.#loading.get(key) === loading) {
          this.#loading.delete(key)
          if (value === null) this.#entries.delete(key)
          else this.#keep(key, value, until)
        }
        return value
      },
      (error: unknown) => {
        if (this.#loading.get(key) === loading) this.#loading.delete(key)
        throw error
      }
    )
    this.#loading.set(key, loading)
    return loading
  }

  forget(key: string): void {
    this.#entries.delete(key)
    this.#loading.delete(key)
  }

  /** Every entry is checked again before its next use, and nothing that lookups under way now find is kept. */
  markStale(): void {
    this.#generation++
    this.#loading.clear()
  }

  get size(): number {
    return this.#entries.size
  }

  #keep(key: string, value: V, until: number | null): void {
    if (this.#ttlMs <= 0) return
    const keepUntil = Math.min(until ?? this.#now() + this.#ttlMs, value.expiresAtMs)
    this.#entries.delete(key)
    this.#entries.set(key, { value, until: keepUntil, generation: this.#generation })
    // Maps iterate in insertion order: the first key is the oldest entry
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next()
      if (oldest.done === true) break
      this.#entries.delete(oldest.value)
    }
  }
}
