// An itemised quote from a location's price list, kept in integer minor units (cents, pence) as the server stores it
// and the API answers it; `majorQuote` gives the major-unit view DESIGN.md's consultation result prints (its one edge). The package
// rule (stage → package) and the course's lines with their taxes are the ones the public estimate prices with too.

import type { Intake, NorwoodStage } from '../intake/intake.schema.ts'
import type { PackageId, PriceList } from './price-lists.ts'
import { formatRate, type TaxRule, taxMinor, taxNoteOf, treatmentTaxes } from './tax-rules.ts'

interface QuoteLine {
  label: string
  /** Major units (dollars, pounds), at most two decimals. */
  amount: number
}

export interface Quote {
  currency: string
  priceList: string
  /** Before tax. */
  subtotal: number
  /** Everything in `lines`, tax included. */
  total: number
  lines: QuoteLine[]
  /** Prices for later, not in the total: touch-ups and laser removal. */
  later: QuoteLine[]
  notes: string[]
}

interface QuoteLineMinor {
  label: string
  amountMinor: number
}

/** The quote in minor units (cents, pence): what is summed, stored and sent; formatted only where people read it. */
export interface QuoteMinor {
  currency: string
  priceList: string
  /** Before tax. */
  subtotalMinor: number
  /** Everything in `lines`, tax included. */
  totalMinor: number
  lines: QuoteLineMinor[]
  /** Prices for later, not in the total: touch-ups and laser removal. */
  later: QuoteLineMinor[]
  notes: string[]
}

const PACKAGE_BY_NORWOOD: Record<NorwoodStage, PackageId> = {
  I: 'hairline',
  II: 'hairline',
  IIa: 'hairline',
  III: 'hairline',
  IIIa: 'hairline',
  'III-vertex': 'crown',
  IV: 'crown',
  IVa: 'crown',
  V: 'full-head',
  Va: 'full-head',
  VI: 'full-head',
  VII: 'full-head',
}

/** Area tiers for patterns without a stage, cm² [derived from DOMAIN §3.5's bald areas: NW III ≤ 50, IV ≤ 120, V ≥ 150]. */
export function packageForArea(areaCm2: number): PackageId {
  return areaCm2 < 80 ? 'hairline' : areaCm2 < 200 ? 'crown' : 'full-head'
}

/**
 * The package clinics quote for a hair-loss pattern by its stage (DOMAIN §7): Norwood or Ludwig stage, alopecia
 * totalis or universalis; no hair loss is a scar case when there are scars. Null for a pattern without a stage
 * (diffuse, alopecia areata), whose treated area decides (`packageForArea`). The quote and the estimate both ask this.
 */
export function packageForStage(loss: Intake['hairLoss'], hasScars: boolean): PackageId | null {
  switch (loss.scale) {
    case 'norwood':
      return PACKAGE_BY_NORWOOD[loss.stage]
    case 'ludwig':
      return loss.stage === 'I' ? 'hairline' : loss.stage === 'II' ? 'crown' : 'full-head'
    case 'alopecia-totalis':
    case 'alopecia-universalis':
      return 'full-head'
    case 'none':
      return hasScars ? 'scar' : 'hairline'
    default:
      return null
  }
}

/** The package clinics quote for this pattern: by Norwood or Ludwig stage, else by the treated area (DOMAIN §7). */
export function packageForIntake(intake: Intake, areaCm2: number): PackageId {
  return packageForStage(intake.hairLoss, (intake.scars?.length ?? 0) > 0) ?? packageForArea(areaCm2)
}

/** What a course is priced from: the package, scars on top of it and the number of sessions. */
export interface CourseInput {
  package: PackageId
  /** Scars treated on top of another package. */
  scarAddOn: boolean
  sessionCount: number
}

export interface QuoteInput extends CourseInput {
  removalSessions: { min: number; max: number }
}

/**
 * The taxes a quote adds: the location's own on treatment (`taxRules`, stored per location), else the price list's
 * defaults (the command line, which has no location).
 */
function quoteTaxes(list: PriceList, taxRules?: readonly TaxRule[]): readonly { label: string; basisPoints: number }[] {
  if (taxRules === undefined) return list.taxes
  return treatmentTaxes(taxRules).map((r) => ({
    label: `${r.label} ${formatRate(r.basisPoints)}`,
    basisPoints: r.basisPoints,
  }))
}

/**
 * A course's lines in minor units: the package's three sessions, the scar add-on, each session beyond three, then
 * each tax on the subtotal (rounded half-up to the cent), with the subtotal and the total, tax included.
 */
export function courseLines(
  list: PriceList,
  input: CourseInput,
  taxRules?: readonly TaxRule[]
): Pick<QuoteMinor, 'lines' | 'subtotalMinor' | 'totalMinor'> {
  const pkg = list.packages[input.package]
  const lines: QuoteLineMinor[] = [{ label: `${pkg.label}: 3 sessions`, amountMinor: pkg.amount }]
  if (input.scarAddOn && input.package !== 'scar') {
    lines.push({ label: 'Scar camouflage, added to the treatment', amountMinor: list.scarAddOn })
  }
  for (let s = 4; s <= input.sessionCount; s++) {
    lines.push({
      label: `Session ${s}${s === 4 ? ' (your case needs a fourth session)' : ''}`,
      amountMinor: list.extraSession,
    })
  }
  const subtotalMinor = lines.reduce((a, l) => a + l.amountMinor, 0)
  for (const tax of quoteTaxes(list, taxRules)) {
    lines.push({ label: tax.label, amountMinor: taxMinor(subtotalMinor, tax.basisPoints) })
  }
  return { lines, subtotalMinor, totalMinor: lines.reduce((a, l) => a + l.amountMinor, 0) }
}

/**
 * The quote at a price list, in minor units. `taxRules` are the location's own (stored per location); without them
 * the price list's default taxes apply (the command line, which has no location).
 */
export function buildQuoteMinor(list: PriceList, input: QuoteInput, taxRules?: readonly TaxRule[]): QuoteMinor {
  return {
    currency: list.currency,
    priceList: list.id,
    ...courseLines(list, input, taxRules),
    later: [
      { label: 'Touch-up session, when the dots have faded (each)', amountMinor: list.touchUp },
      {
        label: `Laser removal, should you ever want it: ${input.removalSessions.min}–${input.removalSessions.max} sessions (each)`,
        amountMinor: list.removalSession,
      },
    ],
    notes: [
      // a location with no taxes of its own keeps its price list's word on tax (e.g. "Prices include VAT where …")
      taxRules === undefined || taxRules.length === 0 ? list.taxNote : taxNoteOf(taxRules),
      'Prices are this location’s defaults; your clinic confirms the final price before the first session.',
    ],
  }
}

const major = (minor: number) => minor / 100

/** The quote in major units (at most two decimals), as DESIGN.md's consultation result prints it: its one edge. */
export function majorQuote(q: QuoteMinor): Quote {
  const line = (l: QuoteLineMinor) => ({ label: l.label, amount: major(l.amountMinor) })
  return {
    currency: q.currency,
    priceList: q.priceList,
    subtotal: major(q.subtotalMinor),
    total: major(q.totalMinor),
    lines: q.lines.map(line),
    later: q.later.map(line),
    notes: q.notes,
  }
}
