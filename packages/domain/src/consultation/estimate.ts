// The public site's cost estimate: the visitor picks the pattern most like theirs and a location; the range is that
// location's price list by Norwood and Ludwig stage (DOMAIN §7 [SMPAE], [DAPPER]) with the location's own taxes, from
// three sessions to four (about one client in five needs a fourth, DOMAIN §0 [SG-SESS]). The same package mapping
// and tax arithmetic as the quote, so the estimate and the consultation's quote agree.

import type { Intake, PriceListId } from '../intake/intake.schema.ts'
import { type PackageId, PRICE_LISTS } from './price-lists.ts'
import { courseLines, packageForStage } from './quote.ts'
import { type TaxRule, taxNoteOf, treatmentTaxMinor } from './tax-rules.ts'

interface EstimatePattern {
  /** The pattern as an intake records it: the quote's stage rule gives its package. */
  hairLoss: Intake['hairLoss']
  /** A scar to hide and no hair loss. */
  scars: boolean
}

const loss = (hairLoss: Intake['hairLoss'], scars = false): EstimatePattern => ({ hairLoss, scars })

/** The patterns the estimator offers, each as the hair loss an intake would record for it (Norwood, Ludwig I–III). */
export const ESTIMATE_PATTERNS = {
  nw2: loss({ scale: 'norwood', stage: 'II' }),
  nw3: loss({ scale: 'norwood', stage: 'III' }),
  nw3v: loss({ scale: 'norwood', stage: 'III-vertex' }),
  nw4: loss({ scale: 'norwood', stage: 'IV' }),
  nw5: loss({ scale: 'norwood', stage: 'V' }),
  nw6: loss({ scale: 'norwood', stage: 'VI' }),
  nw7: loss({ scale: 'norwood', stage: 'VII' }),
  lw1: loss({ scale: 'ludwig', stage: 'I' }),
  lw2: loss({ scale: 'ludwig', stage: 'II' }),
  lw3: loss({ scale: 'ludwig', stage: 'III' }),
  alopecia: loss({ scale: 'alopecia-totalis' }),
  scar: loss({ scale: 'none' }, true),
} as const satisfies Record<string, EstimatePattern>
export type EstimatePatternId = keyof typeof ESTIMATE_PATTERNS

/** The package a quote gives this pattern: the quote's own stage rule. */
export function estimatePackage(id: EstimatePatternId): PackageId {
  const pattern: EstimatePattern = ESTIMATE_PATTERNS[id]
  const pkg = packageForStage(pattern.hairLoss, pattern.scars)
  if (pkg === null) throw new Error(`estimate pattern ${id} has no stage to price by`)
  return pkg
}

export interface PriceRange {
  /** Three sessions, taxes included, minor units (cents, pence). */
  lowMinor: number
  /** Four sessions, taxes included, minor units. */
  highMinor: number
}

export interface LocationEstimate {
  currency: string
  patterns: {
    patternId: EstimatePatternId
    packageLabel: string
    range: PriceRange
    /** With scar camouflage added (the same as `range` for a scar-only case). */
    withScar: PriceRange
  }[]
  /** One touch-up session, taxes included, minor units. */
  touchUpMinor: number
  taxNote: string
}

export function estimateAtLocation(priceList: PriceListId, taxRules: readonly TaxRule[]): LocationEstimate {
  const list = PRICE_LISTS[priceList]
  // the quote's own lines and taxes for the course: three sessions, or four when the case needs one more
  const total = (pkg: PackageId, scarAddOn: boolean, sessionCount: number) =>
    courseLines(list, { package: pkg, scarAddOn, sessionCount }, taxRules).totalMinor
  const range = (pkg: PackageId, scarAddOn: boolean): PriceRange => ({
    lowMinor: total(pkg, scarAddOn, 3),
    highMinor: total(pkg, scarAddOn, 4),
  })
  return {
    currency: list.currency,
    patterns: (Object.keys(ESTIMATE_PATTERNS) as EstimatePatternId[]).map((patternId) => {
      const pkg = estimatePackage(patternId)
      return {
        patternId,
        packageLabel: list.packages[pkg].label,
        range: range(pkg, false),
        withScar: range(pkg, true),
      }
    }),
    touchUpMinor: list.touchUp + treatmentTaxMinor(list.touchUp, taxRules),
    taxNote: taxRules.length === 0 ? list.taxNote : taxNoteOf(taxRules),
  }
}
