// The options of a preview render, their limits and their checking (each problem names its option).

import { parseDilution } from '../appearance/pigment.ts'
import type { Design } from '../model/design.ts'
import { LITTLE_ENDIAN } from './raster.ts'
import { type ChartWindow, VIEW_NAMES, type ViewName } from './view.ts'

export type Stage = 'fresh' | 'healed'

export interface RenderOptions {
  view: ViewName
  /** Show the result after this session (1-based); default the last. */
  session?: number
  /** 'fresh': the day after that session; 'healed' (default): healed, plus `years`. */
  stage?: Stage
  /** Years after healing (healed stage only); default 0. */
  years?: number
  width: number
  height: number
  /** Days from the first session to each session; default every 14 days (DOMAIN §0). */
  sessionDays?: readonly number[]
  /** Chart view only: show this window of the chart close up instead of the whole chart. */
  closeUp?: ChartWindow
}

/** A caller-owned RGBA image, the shape of ImageData. */
export interface RgbaTarget {
  width: number
  height: number
  data: Uint8ClampedArray
}

export interface RenderIssue {
  path: string
  message: string
}

export type RenderResult = { ok: true } | { ok: false; issues: RenderIssue[] }

/** Largest image side, px: 4000×3000 and more pass; 100000 does not. */
export const MAX_RENDER_SIDE = 8192
export const MIN_RENDER_SIDE = 16
/** Longest fading horizon, years. */
export const MAX_YEARS = 30

/** Problems with render options for a design (empty when they are valid), with the option's name as path. */
export function checkRenderOptions(design: Design, options: RenderOptions, target?: RgbaTarget): RenderIssue[] {
  const issues: RenderIssue[] = []
  const n = design.sessions.length
  if (!VIEW_NAMES.includes(options.view))
    issues.push({ path: 'view', message: `must be one of ${VIEW_NAMES.join(', ')}` })
  if (
    options.session !== undefined &&
    !(Number.isInteger(options.session) && options.session >= 1 && options.session <= n)
  )
    issues.push({ path: 'session', message: `must be a whole number from 1 to ${n} (the design has ${n} sessions)` })
  if (options.stage !== undefined && options.stage !== 'fresh' && options.stage !== 'healed')
    issues.push({ path: 'stage', message: "must be 'fresh' or 'healed'" })
  const years = options.years ?? 0
  if (!(Number.isFinite(years) && years >= 0 && years <= MAX_YEARS))
    issues.push({ path: 'years', message: `must be a number from 0 to ${MAX_YEARS}` })
  else if (years > 0 && options.stage === 'fresh')
    issues.push({ path: 'years', message: "applies to the healed stage only; use stage 'healed'" })
  for (const key of ['width', 'height'] as const) {
    const v = options[key]
    if (!(Number.isInteger(v) && v >= MIN_RENDER_SIDE && v <= MAX_RENDER_SIDE))
      issues.push({
        path: key,
        message: `must be a whole number of pixels from ${MIN_RENDER_SIDE} to ${MAX_RENDER_SIDE}`,
      })
  }
  if (options.sessionDays !== undefined) {
    const d = options.sessionDays
    for (let i = 0; i < d.length; i++) {
      if (!Number.isFinite(d[i]) || d[i] < 0 || (i > 0 && d[i] < d[i - 1]))
        issues.push({
          path: `sessionDays.${i}`,
          message: 'must be a non-decreasing number of days from the first session',
        })
    }
  }
  design.sessions.forEach((s, i) => {
    if (parseDilution(s.dilution) === null)
      issues.push({ path: `design.sessions.${i}.dilution`, message: `'${s.dilution}' is not a dilution like 1:25` })
  })
  if (options.closeUp !== undefined) {
    const w = options.closeUp
    if (options.view !== 'chart') issues.push({ path: 'closeUp', message: "applies to the 'chart' view only" })
    if (!(Number.isFinite(w.u) && Number.isFinite(w.v) && w.widthMm > 0 && w.widthMm <= 1000))
      issues.push({ path: 'closeUp', message: 'needs a finite centre and a width from 0 to 1000 mm' })
  }
  if (target !== undefined && (target.width !== options.width || target.height !== options.height))
    issues.push({
      path: 'target',
      message: `is ${target.width}×${target.height}, options ask ${options.width}×${options.height}`,
    })
  if (target !== undefined && target.data.length !== target.width * target.height * 4)
    issues.push({ path: 'target.data', message: 'must hold width × height × 4 bytes' })
  if (!LITTLE_ENDIAN) issues.push({ path: 'target', message: 'this renderer needs a little-endian platform' })
  return issues
}
