import { type DesignDocument, parseDesignDocument } from '@stipple/domain'
import { describe, expect, it } from 'vitest'
import { validDesignDocument } from '../../test/harness.ts'
import { PREVIEW_LIMITS, PreviewRenderer, Slots } from './preview.ts'
import { Lru } from './render-job.ts'

function document(): DesignDocument {
  const parsed = parseDesignDocument(validDesignDocument())
  if (!parsed.success) throw new Error('the test design is not valid')
  return parsed.data
}

const options = (session: number) => ({
  view: 'top' as const,
  session,
  stage: 'healed' as const,
  years: 0,
  width: 256,
  height: 256,
})

describe('Lru', () => {
  it('evicts the least recently used entry beyond its count', () => {
    const lru = new Lru<number>(2)
    lru.set('a', 1)
    lru.set('b', 2)
    expect(lru.get('a')).toBe(1) // a is now the most recent
    lru.set('c', 3)
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual([1, undefined, 3])
  })

  it('evicts by total weight, and never keeps an entry heavier than the whole budget', () => {
    const lru = new Lru<string>(10, 100)
    lru.set('a', 'x', 60)
    lru.set('b', 'y', 30)
    lru.set('c', 'z', 30)
    expect(lru.get('a')).toBeUndefined()
    expect(lru.size).toBe(2)
    lru.set('huge', 'w', 101)
    expect(lru.get('huge')).toBeUndefined()
    expect(lru.size).toBe(2)
  })
})

describe('Slots', () => {
  it('runs at most its limit at once and every task to completion, in arrival order', async () => {
    const slots = new Slots(2)
    const started: number[] = []
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        slots.run(async () => {
          started.push(i)
          await new Promise((r) => setTimeout(r, 5))
          return i * i
        })
      )
    )
    expect(results).toEqual([0, 1, 4, 9, 16, 25])
    expect(started).toEqual([0, 1, 2, 3, 4, 5])
    expect(slots.peak).toBe(2)
  })

  it('frees the slot when a task fails', async () => {
    const slots = new Slots(1)
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await slots.run(async () => 'next')).toBe('next')
  })
})

describe('PreviewRenderer', () => {
  it('renders in a worker thread, byte for byte what the calling thread renders', async () => {
    const inWorkers = new PreviewRenderer()
    const inProcess = new PreviewRenderer({ workers: false })
    const doc = document()
    const [a, b] = await Promise.all([inWorkers.png('v', doc, options(2)), inProcess.png('v', doc, options(2))])
    expect(inWorkers.threads).toBe(1)
    expect(inProcess.threads).toBe(0)
    expect(a.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(a.equals(b)).toBe(true)
    await inWorkers.close()
  })

  it(`refuses new renders with a retry hint once ${PREVIEW_LIMITS.maxWaiting} are waiting, and serves the rest`, async () => {
    const renderer = new PreviewRenderer()
    const doc = document()
    const count = PREVIEW_LIMITS.concurrentRenders + PREVIEW_LIMITS.maxWaiting + 3
    const settled = await Promise.allSettled(
      Array.from({ length: count }, (_, i) => renderer.png(`version-${i}`, doc, options(1)))
    )
    const refused = settled.filter((r) => r.status === 'rejected')
    expect(refused).toHaveLength(3)
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 2 })
    expect(renderer.rendered).toBe(count - 3)
  }, 120_000)

  it(`renders at most ${PREVIEW_LIMITS.concurrentRenders} at once, shares identical requests and caches results`, async () => {
    const renderer = new PreviewRenderer()
    const doc = document()
    const requests = [1, 2, 3, 1, 2, 3].map((s) => renderer.png('version-a', doc, options(s)))
    const pngs = await Promise.all(requests)
    expect(renderer.slots.peak).toBeLessThanOrEqual(PREVIEW_LIMITS.concurrentRenders)
    expect(renderer.rendered).toBe(3)
    expect(pngs[0]?.equals(pngs[3] ?? Buffer.alloc(0))).toBe(true)
    expect(pngs[0]?.equals(pngs[2] ?? Buffer.alloc(0))).toBe(false)
    const again = await renderer.png('version-a', doc, options(2))
    expect(again).toBe(pngs[1])
    expect(renderer.rendered).toBe(3)
    // another version is another image, even with the same document
    await renderer.png('version-b', doc, options(2))
    expect(renderer.rendered).toBe(4)
  })
})
