// The public site's cost estimate: the visitor picks the pattern most like theirs and a location; the range is that
// location's price list by Norwood and Ludwig stage (DOMAIN §7 [SMPAE], [DAPPER]) with the location's own taxes, from
// three sessions to four (about one client in five needs a fourth, DOMAIN §0 [SG-SESS]). The same package mapping
// and tax arithmetic as the quote, so the estimate and the consultation's quote agree.

import type { PriceListId } from '../intake/intake.schema.ts'
import { type PackageId, PRICE_LISTS } from './price-lists.ts'
import { type TaxRule, taxNoteOf, treatmentTaxMinor } from './tax-rules.ts'

/** The patterns the estimator offers, with the package a quote gives each (quote.ts PACKAGE_BY_NORWOOD, Ludwig I–III). */
export const ESTIMATE_PATTERNS = {
  nw2: 'hairline',
  nw3: 'hairline',
  nw3v: 'crown',
  nw4: 'crown',
  nw5: 'full-head',
  nw6: 'full-head',
  nw7: 'full-head',
  lw1: 'hairline',
  lw2: 'crown',
  lw3: 'full-head',
  alopecia: 'full-head',
  scar: 'scar',
} as const satisfies Record<string, PackageId>
export type EstimatePatternId = keyof typeof ESTIMATE_PATTERNS

export interface PriceRange {
  /** Three sessions, taxes included (major units). */
  low: number
  /** Four sessions, taxes included. */
  high: number
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
  /** One touch-up session, taxes included. */
  touchUp: number
  taxNote: string
}

const withTax = (minor: number, rules: readonly TaxRule[]) => (minor + treatmentTaxMinor(minor, rules)) / 100

export function estimateAtLocation(priceList: PriceListId, taxRules: readonly TaxRule[]): LocationEstimate {
  const list = PRICE_LISTS[priceList]
  const range = (base: number): PriceRange => ({
    low: withTax(base, taxRules),
    high: withTax(base + list.extraSession, taxRules),
  })
  return {
    currency: list.currency,
    patterns: Object.entries(ESTIMATE_PATTERNS).map(([patternId, pkg]) => {
      const base = list.packages[pkg].amount
      return {
        patternId: patternId as EstimatePatternId,
        packageLabel: list.packages[pkg].label,
        range: range(base),
        withScar: range(base + (pkg === 'scar' ? 0 : list.scarAddOn)),
      }
    }),
    touchUp: withTax(list.touchUp, taxRules),
    taxNote: taxRules.length === 0 ? list.taxNote : taxNoteOf(taxRules),
  }
}
