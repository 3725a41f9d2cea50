// One preview render, as data in and data out: place the version's dots (cached per version) and render the view
// into RGBA. It runs in a preview worker thread (preview-worker.ts), or in process where workers cannot start.
import { type DesignDocument, toDesign } from '@stipple/domain'
import {
  type ChartWindow,
  CLOSE_UP_POINTS,
  type CloseUpPoint,
  closeUpPoint,
  closeUpWindow,
  type Placement,
  placeDots,
  renderPreview,
} from '@stipple/engine'
import type { FieldProblem } from '../../errors.ts'
import type { PreviewQuery } from './designs.schema.ts'

type Placed = Placement

/** The close-up window a `closeup` option names on a placed design: "U,V" chart mm or a named point; null if none. */
function closeUpOf(closeup: string, placed: Placed): ChartWindow | null {
  if ((CLOSE_UP_POINTS as readonly string[]).includes(closeup)) {
    const p = closeUpPoint(placed, closeup as CloseUpPoint)
    return p === null ? null : closeUpWindow(p[0], p[1])
  }
  const [u, v] = closeup.split(',').map(Number)
  return closeUpWindow(u ?? 0, v ?? 0)
}

/** A least-recently-used map bounded by entry count and by a total weight. */
export class Lru<V> {
  readonly #entries = new Map<string, { value: V; weight: number }>()
  readonly #maxEntries: number
  readonly #maxWeight: number
  #weight = 0
  constructor(maxEntries: number, maxWeight = Number.POSITIVE_INFINITY) {
    this.#maxEntries = maxEntries
    this.#maxWeight = maxWeight
  }

  get size(): number {
    return this.#entries.size
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key)
    if (entry === undefined) return undefined
    // re-insert: a Map iterates in insertion order, so the first key is the least recently used
    this.#entries.delete(key)
    this.#entries.set(key, entry)
    return entry.value
  }

  set(key: string, value: V, weight = 1): void {
    const old = this.#entries.get(key)
    if (old !== undefined) {
      this.#weight -= old.weight
      this.#entries.delete(key)
    }
    if (weight > this.#maxWeight) return
    this.#entries.set(key, { value, weight })
    this.#weight += weight
    for (const [k, e] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && this.#weight <= this.#maxWeight) break
      this.#entries.delete(k)
      this.#weight -= e.weight
    }
  }
}

/** Placed designs kept per renderer (a full head is ~26,000 dots, well under 1 MB). */
export const CACHED_PLACEMENTS = 8

export interface RenderJob {
  id: number
  /** Names the immutable document: the placement cache key. */
  versionId: string
  document: DesignDocument
  options: PreviewQuery
}

export type RenderReply =
  | { id: number; ok: true; rgba: Uint8ClampedArray<ArrayBuffer> }
  | { id: number; ok: false; code: 'invalid_input' | 'unprocessable'; message: string; problems: FieldProblem[] }

export function renderJob(job: RenderJob, placements: Lru<Placed>): RenderReply {
  const { id, options } = job
  const design = toDesign(job.document)
  let placed = placements.get(job.versionId)
  if (placed === undefined) {
    const result = placeDots(design)
    if (!result.ok) {
      return {
        id,
        ok: false,
        code: 'unprocessable',
        message: 'This design cannot be previewed: its dots cannot be placed',
        problems: result.issues.map((i) => ({ path: `document.${i.path}`, message: i.message })),
      }
    }
    placed = result
    placements.set(job.versionId, placed)
  }
  const { width, height } = options
  let closeUp: ChartWindow | null = null
  if (options.closeup !== undefined) {
    closeUp = closeUpOf(options.closeup, placed)
    if (closeUp === null)
      return {
        id,
        ok: false,
        code: 'invalid_input',
        message: 'The preview options do not fit this design',
        problems: [{ path: 'query.closeup', message: `this design has no ${options.closeup}` }],
      }
  }
  const target = { width, height, data: new Uint8ClampedArray(width * height * 4) }
  const rendered = renderPreview(
    placed,
    {
      view: options.view,
      stage: options.stage,
      years: options.years,
      width,
      height,
      ...(options.session === undefined ? {} : { session: options.session }),
      ...(closeUp === null ? {} : { closeUp }),
    },
    target
  )
  if (!rendered.ok) {
    // the engine's option names are the query's (closeUp is spelled closeup in a URL)
    const name = (path: string) => (path === 'closeUp' ? 'closeup' : path)
    return {
      id,
      ok: false,
      code: 'invalid_input',
      message: 'The preview options do not fit this design',
      problems: rendered.issues.map((i) => ({ path: `query.${name(i.path)}`, message: i.message })),
    }
  }
  return { id, ok: true, rgba: target.data }
}
