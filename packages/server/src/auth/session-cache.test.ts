import { describe, expect, it } from 'vitest'
import { SessionCache } from './session-cache.ts'

interface Value {
  name: string
  expiresAtMs: number
}

function setup(options: { ttlMs?: number; maxEntries?: number } = {}) {
  let now = 1_000_000
  const cache = new SessionCache<Value>({
    ttlMs: options.ttlMs ?? 5_000,
    maxEntries: options.maxEntries,
    now: () => now,
  })
  let loads = 0
  const loader = (value: Value | null) => async () => {
    loads++
    return value
  }
  return {
    cache,
    loader,
    loads: () => loads,
    advance(ms: number) {
      now += ms
    },
    at: () => now,
  }
}

describe('SessionCache', () => {
  it('answers from memory within the time to live, then asks again', async () => {
    const t = setup()
    const value = { name: 'ana', expiresAtMs: t.at() + 3_600_000 }
    expect(await t.cache.get('k', t.loader(value))).toBe(value)
    t.advance(4_999)
    expect(await t.cache.get('k', t.loader({ name: 'other', expiresAtMs: Infinity }))).toBe(value)
    expect(t.loads()).toBe(1)
    t.advance(1)
    const fresh = { name: 'ana again', expiresAtMs: t.at() + 3_600_000 }
    expect(await t.cache.get('k', t.loader(fresh))).toBe(fresh)
    expect(t.loads()).toBe(2)
  })

  it('never keeps a session past its own expiry', async () => {
    const t = setup()
    await t.cache.get('k', t.loader({ name: 'ana', expiresAtMs: t.at() + 1_000 }))
    t.advance(1_000)
    expect(await t.cache.get('k', t.loader(null))).toBeNull()
    expect(t.loads()).toBe(2)
  })

  it('does not keep "no session", so a new sign-in is seen at once', async () => {
    const t = setup()
    expect(await t.cache.get('k', t.loader(null))).toBeNull()
    const value = { name: 'ana', expiresAtMs: Infinity }
    expect(await t.cache.get('k', t.loader(value))).toBe(value)
  })

  it('shares one lookup among concurrent misses of a key', async () => {
    const t = setup()
    const value = { name: 'ana', expiresAtMs: Infinity }
    const results = await Promise.all(Array.from({ length: 10 }, () => t.cache.get('k', t.loader(value))))
    expect(t.loads()).toBe(1)
    for (const r of results) expect(r).toBe(value)
  })

  it('forgets a key at once (sign-out), even while a lookup of it is under way', async () => {
    const t = setup()
    await t.cache.get('a', t.loader({ name: 'ana', expiresAtMs: Infinity }))
    t.cache.forget('a')
    expect(await t.cache.get('a', t.loader(null))).toBeNull()

    let finish: (v: Value) => void = () => undefined
    const slow = t.cache.get('b', () => new Promise<Value>((resolve) => (finish = resolve)))
    t.cache.forget('b')
    finish({ name: 'bo', expiresAtMs: Infinity })
    expect((await slow)?.name).toBe('bo') // the request that asked before the sign-out gets its answer
    expect(await t.cache.get('b', t.loader(null))).toBeNull() // but it is not kept
  })

  it('after markStale checks each entry again before use: kept when the check passes, dropped when it fails', async () => {
    const t = setup()
    const ana = { name: 'ana', expiresAtMs: Infinity }
    const bo = { name: 'bo', expiresAtMs: Infinity }
    await t.cache.get('a', t.loader(ana))
    await t.cache.get('b', t.loader(bo))
    t.cache.markStale()
    let checks = 0
    const stillThere = async (v: Value) => {
      checks++
      return { ...v }
    }
    const gone = async () => {
      checks++
      return null
    }
    const a = await t.cache.get('a', t.loader(null), stillThere)
    expect(a).toEqual(ana)
    expect(a).not.toBe(ana) // a new object: what was remembered with the old one is not carried over
    expect(await t.cache.get('a', t.loader(null), gone)).toBe(a) // checked once per markStale
    expect(await t.cache.get('b', t.loader(bo), gone)).toBeNull()
    expect(checks).toBe(2)
    expect(t.loads()).toBe(2)
    expect(await t.cache.get('b', t.loader(bo), gone)).toBe(bo) // dropped: loaded afresh
    expect(t.loads()).toBe(3)
  })

  it('keeps a checked entry no longer than first loaded, and without a check loads afresh', async () => {
    const t = setup()
    await t.cache.get('a', t.loader({ name: 'ana', expiresAtMs: Infinity }))
    t.advance(4_000)
    t.cache.markStale()
    await t.cache.get('a', t.loader(null), async (v) => ({ ...v }))
    t.advance(1_000)
    expect(await t.cache.get('a', t.loader(null), async (v) => ({ ...v }))).toBeNull()
    t.cache.markStale()
    const fresh = { name: 'new', expiresAtMs: Infinity }
    expect(await t.cache.get('a', t.loader(fresh))).toBe(fresh)
  })

  it('keeps nothing a lookup under way at markStale finds', async () => {
    const t = setup()
    let finish: (v: Value) => void = () => undefined
    const slow = t.cache.get('b', () => new Promise<Value>((resolve) => (finish = resolve)))
    t.cache.markStale()
    finish({ name: 'bo', expiresAtMs: Infinity })
    await slow
    expect(t.cache.size).toBe(0)
  })

  it('passes a failed lookup on and does not keep it', async () => {
    const t = setup()
    await expect(t.cache.get('k', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down')
    const value = { name: 'ana', expiresAtMs: Infinity }
    expect(await t.cache.get('k', t.loader(value))).toBe(value)
  })

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const t = setup({ maxEntries: 2 })
    for (const k of ['a', 'b', 'c']) await t.cache.get(k, t.loader({ name: k, expiresAtMs: Infinity }))
    expect(t.cache.size).toBe(2)
    expect(t.loads()).toBe(3)
    await t.cache.get('c', t.loader(null))
    await t.cache.get('b', t.loader(null))
    expect(t.loads()).toBe(3)
    expect(await t.cache.get('a', t.loader(null))).toBeNull()
    expect(t.loads()).toBe(4)
  })

  it('with a time to live of 0 asks every time', async () => {
    const t = setup({ ttlMs: 0 })
    const value = { name: 'ana', expiresAtMs: Infinity }
    await t.cache.get('k', t.loader(value))
    await t.cache.get('k', t.loader(value))
    expect(t.loads()).toBe(2)
  })

  it('keys by a hash of the cookie value, not the value itself', () => {
    const key = SessionCache.keyOf('token.signature')
    expect(key).not.toContain('token')
    expect(key).toBe(SessionCache.keyOf('token.signature'))
    expect(key).not.toBe(SessionCache.keyOf('token.signaturf'))
  })
})
