// The treatment plan from a placed design: the treated area measured on the curved scalp, impressions per zone and
// session from the placed dots, session durations from throughput, and the session days.

import type { Placement } from '@stipple/engine'

/** DOMAIN §0 "Impressions per hour" 4,500 [derived from JG-H: ~14,000 in 2–4 h]. */
const IMPRESSIONS_PER_HOUR = 4500
/**
 * Needle impressions per healed dot [derived, calibrated]: DOMAIN §0 puts ~14,000 impressions in a 2–4 h session [JG-H]
 * but a full shaved look at ~85 healed dots/cm², i.e. ~17,000 dots for a Norwood V–VI area (~200 cm²) over the whole
 * course: artists go over dots again to darken and even them, and not every impression holds. Two impressions a dot
 * puts a Norwood V course at 2–3.5 h sessions, the seed clinics' figures (DOMAIN §2.4: 2–4 h [JG-H], [DAPPER], [SHUB]).
 */
const IMPRESSIONS_PER_DOT = 2
/** Hairline and temple work with a single fine needle goes at half that pace [assumption: DOMAIN §3.3 1RL fine work]. */
const FINE_WORK_RATE = 0.5
/** Set-up per session, minutes [assumption]: photos, shaving, cleaning, mixing; the first also draws and agrees the hairline. */
const SETUP_MINUTES = { first: 60, later: 45 } as const
/** A 10-minute break per 75 minutes of needle work (DOMAIN §2.4: breaks every 60–90 min [JJ]). */
const BREAK_EVERY_MINUTES = 75
const BREAK_MINUTES = 10
/** DOMAIN §0 "Days between sessions" 14; 7–14 [DEL], [TOR]. */
const SESSION_SPACING_DAYS = 14
/** Cells below this many dots due per cm² are not treated (the engine places none there either). */
const TREATED_MIN_DENSITY = 0.5
/** Zone index of scar-fill dots placed outside every zone (engine DotBuffer). */
const NO_ZONE = 255
const FINE_KINDS = new Set(['hairline', 'temples'])

export interface PlanSession {
  index: number
  /** Days from the first session. */
  dayOffset: number
  durationMinutes: number
  /** Needle impressions: the healed dots of this session times the impressions a dot takes. */
  impressions: number
  /** Dots this session lays down (the engine's placement). */
  dots: number
  needle: string
  shadeDilution: string
  /** Impressions per zone id (`scar-fill` for camouflage dots outside every zone). */
  impressionsByZone: Record<string, number>
}

export interface Plan {
  /** Scalp area that receives dots, cm², measured on the curved surface. */
  treatedAreaCm2: number
  totalImpressions: number
  /** Healed dots of the whole course. */
  totalDots: number
  spacingDays: number
  sessions: PlanSession[]
  /** How the durations were estimated, for the clinic. */
  basis: string
}

/** Scalp area (cm², on the surface) of the lattice cells where dots are due or were placed. */
function treatedAreaCm2(placed: Placement): number {
  const f = placed.field
  const cols = Math.round(f.cols)
  const hit = new Uint8Array(f.density.length)
  for (let i = 0; i < f.density.length; i++) if ((f.density[i] ?? 0) > TREATED_MIN_DENSITY) hit[i] = 1
  // scar punches get a dot each even where the field asks for none
  for (let i = 0; i < placed.dots.count; i++) {
    const c = Math.floor(((placed.dots.x[i] ?? 0) - f.x0) / f.cell)
    const r = Math.floor(((placed.dots.y[i] ?? 0) - f.y0) / f.cell)
    if (c >= 0 && c < cols && r >= 0 && r < f.rows) hit[r * cols + c] = 1
  }
  let mm2 = 0
  for (let i = 0; i < hit.length; i++) if (hit[i]) mm2 += (f.area[i] ?? 0) * f.cell * f.cell
  return mm2 / 100
}

/** Minutes for one session: set-up, needle time (fine work slower), breaks; rounded up to 5 minutes. */
export function sessionMinutes(index: number, impressions: number, fineImpressions: number): number {
  const needle = ((impressions - fineImpressions + fineImpressions / FINE_WORK_RATE) / IMPRESSIONS_PER_HOUR) * 60
  const breaks = Math.floor(needle / BREAK_EVERY_MINUTES) * BREAK_MINUTES
  const total = (index === 1 ? SETUP_MINUTES.first : SETUP_MINUTES.later) + needle + breaks
  return Math.ceil(total / 5) * 5
}

/** The plan for a placed design, sessions `spacingDays` apart. */
export function planTreatment(placed: Placement, spacingDays = SESSION_SPACING_DAYS): Plan {
  const { design } = placed
  const zoneIds = design.zones.map((z) => z.id)
  const n = design.sessions.length
  const byZone = Array.from({ length: n }, () => new Map<string, number>())
  const fine = new Array<number>(n).fill(0)
  const { dots } = placed
  for (let i = 0; i < dots.count; i++) {
    const s = dots.session[i] ?? 0
    const z = dots.zone[i] ?? NO_ZONE
    const id = z === NO_ZONE ? 'scar-fill' : (zoneIds[z] ?? 'scar-fill')
    const m = byZone[s]
    if (m) m.set(id, (m.get(id) ?? 0) + 1)
    if (FINE_KINDS.has(design.zones[z]?.kind ?? '')) fine[s] = (fine[s] ?? 0) + 1
  }
  const sessions = design.sessions.map((spec, s): PlanSession => {
    // impressions per zone first, so that zones add up to the session and sessions to the course exactly
    const impressionsByZone = Object.fromEntries(
      [...(byZone[s] ?? new Map<string, number>())].map(([id, n]) => [id, Math.round(n * IMPRESSIONS_PER_DOT)])
    )
    const impressions = Object.values(impressionsByZone).reduce((a, n) => a + n, 0)
    return {
      index: s + 1,
      dayOffset: s * spacingDays,
      durationMinutes: sessionMinutes(s + 1, impressions, Math.round((fine[s] ?? 0) * IMPRESSIONS_PER_DOT)),
      impressions,
      dots: placed.sessionCounts[s] ?? 0,
      needle: spec.needle,
      shadeDilution: spec.dilution,
      impressionsByZone,
    }
  })
  return {
    treatedAreaCm2: Math.round(treatedAreaCm2(placed) * 10) / 10,
    totalImpressions: sessions.reduce((a, s) => a + s.impressions, 0),
    totalDots: dots.count,
    spacingDays,
    sessions,
    basis: `${IMPRESSIONS_PER_DOT} needle impressions per healed dot, ${IMPRESSIONS_PER_HOUR.toLocaleString('en-US')} impressions an hour (hairline and temples at half that), ${SETUP_MINUTES.first} min set-up for the first session and ${SETUP_MINUTES.later} for later ones, a ${BREAK_MINUTES}-minute break per ${BREAK_EVERY_MINUTES} min of needle work`,
  }
}
