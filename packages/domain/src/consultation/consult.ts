// One consultation, end to end: screening, the recommended design, its plan with dates, the quote, longevity, care,
// and a laser-removal estimate. Pure and deterministic: `today` is an argument, the design's seed comes from the intake.

import { type Design, longevity, type Placement, placeDots } from '@stipple/engine'
import type { DesignDocument } from '../design/design.schema.ts'
import { toDesign } from '../design/migrate.ts'
import type { Intake, PriceListId } from '../intake/intake.schema.ts'
import { type CareItem, careFor } from './aftercare.ts'
import { addDays } from './dates.ts'
import { DEFAULT_OPEN_WEEKDAYS, datesOnOpenDays, type Weekday } from './opening-days.ts'
import { type Plan, type PlanSession, planTreatment } from './plan.ts'
import { PRICE_LISTS } from './price-lists.ts'
import { buildQuoteMinor, majorQuote, packageForArea, packageForIntake, type Quote, type QuoteMinor } from './quote.ts'
import { type Recommendation, recommendDesign, recommendSessions } from './recommendation.ts'
import { type Finding, type ScreeningStatus, screen } from './screening.ts'
import type { TaxRule } from './tax-rules.ts'

export const CONSULTATION_SCHEMA_V1 = 'stipple.consultation/v1'

interface Removal {
  laserSessions: { min: number; max: number }
  method: string
  intervalWeeks: { min: number; max: number }
  kirbyDesai: { score: number; note: string }
  /** Price of the course at this location, major units. */
  cost: { currency: string; min: number; max: number }
  note: string
}

export interface ConsultationResult {
  schema: typeof CONSULTATION_SCHEMA_V1
  consultationDate: string
  screening: { status: ScreeningStatus; findings: Finding[] }
  recommendation: Recommendation
  design: DesignDocument
  plan: Omit<Plan, 'sessions'> & { sessions: (PlanSession & { date: string })[]; sessionReason: string }
  dates: {
    /** The earliest day the first session may take place (deferrals and pauses respected). */
    earliestStart: string
    firstSession: string
    finalSession: string
    /** True when a deferral without a date (pregnancy, an active condition) still has to clear first. */
    provisional: boolean
    note: string
  }
  quote: Quote
  longevity: { touchUpAfterYears: number; visibleYears: number; note: string }
  aftercare: CareItem[]
  precare: CareItem[]
  betweenSessions: string
  longTermCare: string[]
  removal: Removal
}

/** Picosecond 1064 nm Nd:YAG clears SMP in 1–3 sessions [WU20], [GHI]. */
const REMOVAL_SESSIONS = { min: 1, max: 3 } as const

/**
 * Kirby-Desai [KD09]: Fitzpatrick type (1–6) + location (head and neck 1) + colour (black only 1) + amount of ink
 * (SMP's sparse dots: minimal, 2) + scarring (none, 0) + layering (none, 0).
 */
function kirbyDesai(fitzpatrick: number): number {
  return fitzpatrick + 1 + 1 + 2
}

function removalEstimate(intake: Intake, priceList: PriceListId): Removal {
  const list = PRICE_LISTS[priceList]
  const score = kirbyDesai(intake.client.fitzpatrick)
  return {
    laserSessions: { ...REMOVAL_SESSIONS },
    method: 'picosecond 1064 nm Nd:YAG laser',
    // body-tattoo intervals [ABHI], [EPIL]; SMP studies give none
    intervalWeeks: { min: 4, max: 8 },
    kirbyDesai: {
      score,
      note: `Kirby-Desai score ${score}: the scale predicts sessions for body tattoos; SMP's sparse carbon dots usually need far fewer.`,
    },
    cost: {
      currency: list.currency,
      min: (list.removalSession * REMOVAL_SESSIONS.min) / 100,
      max: (list.removalSession * REMOVAL_SESSIONS.max) / 100,
    },
    // [WU20], [GHI] 1–3 sessions; [RS-LASER] iron oxide resists; [INKD] 90 days before re-treating
    note: 'SMP can be removed: carbon pigment usually clears in 1 to 3 picosecond laser sessions, 4 to 8 weeks apart. Pigments containing iron oxide resist lasers and may not clear fully; a few cases have needed surgery. After laser, wait at least 90 days before any new SMP.',
  }
}

function placeOrThrow(design: Design): Placement {
  const placed = placeDots(design)
  if (!placed.ok) {
    // the design came from a valid intake, so a placement failure is ours
    throw new Error(`recommended design cannot be placed: ${placed.issues.map((i) => i.message).join('; ')}`)
  }
  return placed
}

/**
 * The placement of a design that is expected to place (a stored, validated version): `placeDots`, throwing an Error
 * listing the problems as "path: message" when it does not.
 */
export function placeDesign(design: Design): Placement {
  const placed = placeDots(design)
  if (!placed.ok) throw new Error(placed.issues.map((i) => `${i.path}: ${i.message}`).join('; '))
  return placed
}

export interface Consultation {
  result: ConsultationResult
  /** The engine's design and its placement (of that design: `placement.design`), for previews and plans. */
  design: Design
  placement: Placement
  /** The quote as it is summed and stored (minor units); `result.quote` is its major-unit view for the JSON. */
  quoteMinor: QuoteMinor
}

/** Longest session planned, minutes (DOMAIN §0: 1.5–6 h), and the most sessions a course is split into. */
const MAX_SESSION_MINUTES = 360
const MAX_SESSIONS = 7

/**
 * Runs a consultation for a valid intake on `today` (YYYY-MM-DD). Sessions are dated on the days the location is open
 * (`openWeekdays`, 0 Sunday … 6 Saturday): its opening hours where known, else the price list's location default
 * (Monday to Friday); a session that would fall on a closed day moves to the next open day. `taxRules` are the
 * location's own taxes; without them the price list's defaults apply.
 */
export function consult(
  intake: Intake,
  options: { today: string; openWeekdays?: readonly Weekday[]; taxRules?: readonly TaxRule[] }
): Consultation {
  const { today } = options
  const screening = screen(intake, today)
  let sessions = recommendSessions(intake, 0)
  let recommended = recommendDesign(intake, sessions)
  let design = toDesign(recommended.design)
  let placed = placeOrThrow(design)
  let plan = planTreatment(placed)
  // a large area is only known once placed: then plan the fourth session and place again
  const byArea = recommendSessions(intake, plan.treatedAreaCm2)
  if (byArea.count !== sessions.count) {
    sessions = byArea
    recommended = recommendDesign(intake, sessions)
    design = toDesign(recommended.design)
    placed = placeOrThrow(design)
    plan = planTreatment(placed)
  } else sessions = byArea
  // a very large area (alopecia totalis): add sessions until none runs past six hours (DOMAIN §0: 1.5–6 h; 5–7
  // sessions are rare but happen [SG-SESS])
  while (
    Math.max(...plan.sessions.map((s) => s.durationMinutes)) > MAX_SESSION_MINUTES &&
    sessions.count < MAX_SESSIONS
  ) {
    const count = sessions.count + 1
    sessions = {
      count,
      reason: `${sessions.reason.replace(/\.$/, '')}; ${count} sessions keep each one under ${MAX_SESSION_MINUTES / 60} hours for an area this large.`,
    }
    recommended = recommendDesign(intake, sessions)
    design = toDesign(recommended.design)
    placed = placeOrThrow(design)
    plan = planTreatment(placed)
  }

  const priceList = intake.location?.priceList ?? 'toronto'
  const open = options.openWeekdays ?? DEFAULT_OPEN_WEEKDAYS[priceList]
  const dates = datesOnOpenDays(
    screening.earliestStart,
    plan.sessions.map((s) => s.dayOffset),
    open
  )
  const first = dates[0] ?? screening.earliestStart
  const datedSessions = plan.sessions.map((s, i) => {
    const date = dates[i] ?? addDays(first, s.dayOffset)
    return { ...s, date, dayOffset: Math.round((Date.parse(date) - Date.parse(first)) / 86_400_000) }
  })
  const dayOffsets = datedSessions.map((s) => s.dayOffset)
  const finalSession = datedSessions.at(-1)?.date ?? first
  const quoteMinor = buildQuoteMinor(
    PRICE_LISTS[priceList],
    {
      package: packageForIntake(intake, plan.treatedAreaCm2),
      scarAddOn: (intake.scars?.length ?? 0) > 0,
      sessionCount: plan.sessions.length,
      removalSessions: REMOVAL_SESSIONS,
    },
    options.taxRules
  )
  const life = longevity(design.skin, design.pigment)
  const care = careFor(intake, dayOffsets, screening.findings, recommended.recommendation.goal !== 'density')
  const provisional = screening.openEnded || screening.status === 'not-suitable'
  return {
    design,
    placement: placed,
    quoteMinor,
    result: {
      schema: CONSULTATION_SCHEMA_V1,
      consultationDate: today,
      screening: { status: screening.status, findings: screening.findings },
      recommendation: recommended.recommendation,
      design: recommended.design,
      plan: { ...plan, sessions: datedSessions, sessionReason: sessions.reason },
      dates: {
        earliestStart: screening.earliestStart,
        firstSession: first,
        finalSession,
        provisional,
        note: provisional
          ? screening.status === 'not-suitable'
            ? 'Not bookable: the screening found a reason not to treat. The plan shows what treatment would involve.'
            : 'Provisional: these dates hold only once the deferral without a date has cleared.'
          : first === today
            ? 'The first session can be booked from today.'
            : `The first session can be booked from ${first}.`,
      },
      quote: majorQuote(quoteMinor),
      longevity: {
        ...life,
        note: `With your skin and sun exposure, expect a touch-up after about ${life.touchUpAfterYears} years; without one, the result keeps reading as hair for about ${life.visibleYears} years. Sunscreen makes it last longer.`,
      },
      aftercare: care.aftercare,
      precare: care.precare,
      betweenSessions: care.betweenSessions,
      longTermCare: care.longTerm,
      removal: removalEstimate(intake, priceList),
    },
  }
}

export interface DesignPlan {
  plan: Plan
  /** Minor units: the studio and the server keep it so; `stipple plan --json` prints it in major units (majorQuote). */
  quote: QuoteMinor
  longevity: { touchUpAfterYears: number; visibleYears: number }
}

/**
 * The plan and quote for a placed design alone (no intake): the package follows the treated area (DOMAIN §7 by area).
 * Takes the placement as it is (`placeDots(design)`), so a design shown and planned is placed once.
 */
export function planDesign(
  placed: Placement,
  priceList: PriceListId = 'toronto',
  taxRules?: readonly TaxRule[]
): DesignPlan {
  const { design } = placed
  const plan = planTreatment(placed)
  const scarOnly = design.zones.length > 0 && design.zones.every((z) => z.kind === 'scar')
  const quote = buildQuoteMinor(
    PRICE_LISTS[priceList],
    {
      package: scarOnly ? 'scar' : packageForArea(plan.treatedAreaCm2),
      scarAddOn: design.scars.length > 0,
      sessionCount: design.sessions.length,
      removalSessions: REMOVAL_SESSIONS,
    },
    taxRules
  )
  return { plan, quote, longevity: longevity(design.skin, design.pigment) }
}
