// Previews of stored design versions as PNG: the engine places the dots and renders on its synthetic scalp (always
// with the "Simulated" mark) in worker threads, so the server's event loop keeps answering meanwhile; sharp encodes.
// A version never changes, so images are cached by (version, options) and placements by version, each in a small
// LRU; at most two renders run at once (a 1024 px render holds a few MB of buffers), at most 16 wait (then 429), and
// identical requests share one render.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { DesignDocument } from '@stipple/domain'
import type { Placement } from '@stipple/engine'
import sharp from 'sharp'
import { AppError } from '../../errors.ts'
import type { PreviewQuery } from './designs.schema.ts'
import { CACHED_PLACEMENTS, Lru, type RenderJob, type RenderReply, renderJob } from './render-job.ts'

export const PREVIEW_LIMITS = {
  /** Renders (placement, raster, PNG encode) at once, one worker thread each; the rest wait in order. */
  concurrentRenders: 2,
  /** Renders waiting beyond this are refused with 429 and a retry hint instead of queueing without end. */
  maxWaiting: 16,
  /** Encoded previews kept, and their total bytes (a 1024 px preview is ~0.5–1.5 MB). */
  cachedImages: 64,
  cachedBytes: 48 * 1024 * 1024,
} as const

/** PNG compression: level 6 is sharp's balance of size and time (the cli uses the same). */
const PNG_LEVEL = 6
/** A worker that has not loaded in this time is given up on (loading takes ~1–2 s). */
const WORKER_START_MS = 30_000

/** Runs at most `limit` tasks at once; the others wait in arrival order. */
export class Slots {
  readonly #limit: number
  readonly #waiting: (() => void)[] = []
  #running = 0
  #peak = 0
  constructor(limit: number) {
    this.#limit = limit
  }

  /** The most tasks that ever ran at once. */
  get peak(): number {
    return this.#peak
  }

  /** Tasks waiting for a slot now. */
  get waiting(): number {
    return this.#waiting.length
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#limit) await new Promise<void>((resolve) => this.#waiting.push(resolve))
    this.#running++
    this.#peak = Math.max(this.#peak, this.#running)
    try {
      return await task()
    } finally {
      this.#running--
      this.#waiting.shift()?.()
    }
  }
}

/**
 * The worker's entry as an ES module source: Node 20 cannot load TypeScript, so the thread registers tsx's loader (as
 * bin/stipple-server.js does for the main thread) before importing preview-worker.ts.
 */
function workerSource(): string {
  const require = createRequire(import.meta.url)
  const manifest = require.resolve('tsx/package.json')
  const exportsMap = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, unknown> }).exports
  const api = (exportsMap['./esm/api'] as { import: { default: string } }).import.default
  const tsx = pathToFileURL(join(dirname(manifest), api)).href
  const entry = new URL('./preview-worker.ts', import.meta.url).href
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}) })`
}

/** Worker threads that each render one job at a time; null from `take` when threads cannot be started here. */
class WorkerPool {
  readonly #idle: Worker[] = []
  #started = 0
  #unavailable = false
  readonly #max: number
  constructor(max: number) {
    this.#max = max
  }

  get threads(): number {
    return this.#started
  }

  async run(job: RenderJob): Promise<RenderReply | null> {
    const worker = await this.#take()
    if (worker === null) return null
    try {
      const reply = await new Promise<RenderReply>((resolve, reject) => {
        const fail = (error: unknown) => {
          worker.off('message', resolve)
          reject(error)
        }
        worker.once('message', (m: RenderReply) => {
          worker.off('error', fail)
          worker.off('exit', fail)
          resolve(m)
        })
        worker.once('error', fail)
        worker.once('exit', fail)
        worker.postMessage(job)
      })
      this.#idle.push(worker)
      return reply
    } catch (error) {
      this.#started--
      void worker.terminate()
      throw new AppError('internal', 'The preview could not be drawn', { cause: error })
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.#idle.splice(0).map((w) => w.terminate()))
  }

  async #take(): Promise<Worker | null> {
    const idle = this.#idle.pop()
    if (idle !== undefined) return idle
    if (this.#unavailable || this.#started >= this.#max) return null
    this.#started++
    try {
      const worker = new Worker(workerSource(), { eval: true })
      worker.unref()
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the preview worker did not start')), WORKER_START_MS)
        worker.once('message', () => {
          clearTimeout(timer)
          worker.off('error', reject)
          resolve()
        })
        worker.once('error', (error) => {
          clearTimeout(timer)
          reject(error)
        })
      })
      return worker
    } catch {
      // no worker threads here (no tsx loader, a sandbox): render on the main thread instead
      this.#started--
      this.#unavailable = true
      return null
    }
  }
}

export class PreviewRenderer {
  readonly #images = new Lru<Buffer>(PREVIEW_LIMITS.cachedImages, PREVIEW_LIMITS.cachedBytes)
  /** Placements for renders on the main thread (when worker threads cannot start). */
  readonly #placements = new Lru<Placement>(CACHED_PLACEMENTS)
  readonly #inFlight = new Map<string, Promise<Buffer>>()
  readonly #workers: WorkerPool | null
  readonly slots = new Slots(PREVIEW_LIMITS.concurrentRenders)
  /** Renders actually performed (not served from the cache or shared with an identical request). */
  rendered = 0
  #nextJob = 1

  /** `workers: false` renders on the calling thread. */
  constructor(options: { workers?: boolean } = {}) {
    this.#workers = options.workers === false ? null : new WorkerPool(PREVIEW_LIMITS.concurrentRenders)
  }

  /** Worker threads started so far. */
  get threads(): number {
    return this.#workers?.threads ?? 0
  }

  /** The PNG of one version (`versionId` names the immutable document) with the given options. */
  png(versionId: string, document: DesignDocument, options: PreviewQuery): Promise<Buffer> {
    const key = `${versionId}|${options.view}|${options.session ?? 'last'}|${options.stage}|${options.years}|${options.width}×${options.height}|${options.closeup ?? ''}`
    const cached = this.#images.get(key)
    if (cached !== undefined) return Promise.resolve(cached)
    const pending = this.#inFlight.get(key)
    if (pending !== undefined) return pending
    if (this.slots.waiting >= PREVIEW_LIMITS.maxWaiting) {
      return Promise.reject(
        new AppError('rate_limited', 'Many previews are being drawn right now; please try again in a few seconds', {
          retryAfterSeconds: 2,
        })
      )
    }
    const work = this.slots
      .run(() => this.#render({ id: this.#nextJob++, versionId, document, options }))
      .then((png) => {
        this.#images.set(key, png, png.length)
        return png
      })
      .finally(() => this.#inFlight.delete(key))
    this.#inFlight.set(key, work)
    return work
  }

  /** Stops the worker threads (they do not keep the process alive either way). */
  close(): Promise<void> {
    return this.#workers?.close() ?? Promise.resolve()
  }

  async #render(job: RenderJob): Promise<Buffer> {
    const reply = (await this.#workers?.run(job)) ?? renderJob(job, this.#placements)
    if (!reply.ok) throw new AppError(reply.code, reply.message, { problems: reply.problems })
    this.rendered++
    const { width, height } = job.options
    return sharp(Buffer.from(reply.rgba.buffer, reply.rgba.byteOffset, reply.rgba.byteLength), {
      raw: { width, height, channels: 4 },
    })
      .png({ compressionLevel: PNG_LEVEL })
      .toBuffer()
  }
}
