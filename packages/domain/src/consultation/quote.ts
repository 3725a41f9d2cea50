// An itemised quote from a location's price list. Amounts are summed in integer minor units and turned into major
// units (at most two decimals) only in the result.

import type { Intake, NorwoodStage } from '../intake/intake.schema.ts'
import type { PackageId, PriceList } from './price-lists.ts'
import { formatRate, type TaxRule, taxNoteOf, treatmentTaxes } from './tax-rules.ts'

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

/** The package clinics quote for this pattern: by Norwood or Ludwig stage, else by the treated area (DOMAIN §7). */
export function packageForIntake(intake: Intake, areaCm2: number): PackageId {
  const loss = intake.hairLoss
  switch (loss.scale) {
    case 'norwood':
      return PACKAGE_BY_NORWOOD[loss.stage]
    case 'ludwig':
      return loss.stage === 'I' ? 'hairline' : loss.stage === 'II' ? 'crown' : 'full-head'
    case 'alopecia-totalis':
    case 'alopecia-universalis':
      return 'full-head'
    case 'none':
      return (intake.scars?.length ?? 0) > 0 ? 'scar' : 'hairline'
    default:
      return packageForArea(areaCm2)
  }
}

export interface QuoteInput {
  package: PackageId
  /** Scars treated on top of another package. */
  scarAddOn: boolean
  sessionCount: number
  removalSessions: { min: number; max: number }
}

const major = (minor: number) => Math.round(minor) / 100

/**
 * The quote at a price list. `taxRules` are the location's own (stored per location); without them the price list's
 * default taxes apply (the command line, which has no location).
 */
export function buildQuote(list: PriceList, input: QuoteInput, taxRules?: readonly TaxRule[]): Quote {
  const pkg = list.packages[input.package]
  const lines: { label: string; minor: number }[] = [{ label: `${pkg.label}: 3 sessions`, minor: pkg.amount }]
  if (input.scarAddOn && input.package !== 'scar') {
    lines.push({ label: 'Scar camouflage, added to the treatment', minor: list.scarAddOn })
  }
  for (let s = 4; s <= input.sessionCount; s++) {
    lines.push({
      label: `Session ${s}${s === 4 ? ' (your case needs a fourth session)' : ''}`,
      minor: list.extraSession,
    })
  }
  const subtotal = lines.reduce((a, l) => a + l.minor, 0)
  // each tax rounded half-up to the cent, on the subtotal
  const taxes =
    taxRules === undefined
      ? list.taxes
      : treatmentTaxes(taxRules).map((r) => ({
          label: `${r.label} ${formatRate(r.basisPoints)}`,
          basisPoints: r.basisPoints,
        }))
  for (const tax of taxes) lines.push({ label: tax.label, minor: Math.round((subtotal * tax.basisPoints) / 10_000) })
  const total = lines.reduce((a, l) => a + l.minor, 0)
  const later = [
    { label: 'Touch-up session, when the dots have faded (each)', minor: list.touchUp },
    {
      label: `Laser removal, should you ever want it: ${input.removalSessions.min}–${input.removalSessions.max} sessions (each)`,
      minor: list.removalSession,
    },
  ]
  return {
    currency: list.currency,
    priceList: list.id,
    subtotal: major(subtotal),
    total: major(total),
    lines: lines.map((l) => ({ label: l.label, amount: major(l.minor) })),
    later: later.map((l) => ({ label: l.label, amount: major(l.minor) })),
    notes: [
      // a location with no taxes of its own keeps its price list's word on tax (e.g. "Prices include VAT where …")
      taxRules === undefined || taxRules.length === 0 ? list.taxNote : taxNoteOf(taxRules),
      'Prices are this location’s defaults; your clinic confirms the final price before the first session.',
    ],
  }
}
