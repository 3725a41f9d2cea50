// The cost estimator: the visitor picks the pattern that looks most like theirs; the price comes from the location's
// price list (domain PRICE_LISTS), the way clinics quote by Norwood and Ludwig stage (DOMAIN §7 [SMPAE], [DAPPER]).
import { PRICE_LISTS, type PriceListId } from '@stipple/domain'

type PackageId = 'hairline' | 'crown' | 'full-head' | 'scar'

export interface Pattern {
  id: string
  scale: 'norwood' | 'ludwig' | 'alopecia' | 'scar'
  name: string
  description: string
  package: PackageId
}

// the stage → package mapping is the domain's quote (consultation/quote.ts PACKAGE_BY_NORWOOD, Ludwig I/II/III)
export const PATTERNS: readonly Pattern[] = [
  {
    id: 'nw2',
    scale: 'norwood',
    name: 'Norwood II',
    description: 'The temples have receded a little.',
    package: 'hairline',
  },
  {
    id: 'nw3',
    scale: 'norwood',
    name: 'Norwood III',
    description: 'Deeper temples; the hairline forms an M.',
    package: 'hairline',
  },
  {
    id: 'nw3v',
    scale: 'norwood',
    name: 'Norwood III vertex',
    description: 'Receded temples and a thinning crown.',
    package: 'crown',
  },
  {
    id: 'nw4',
    scale: 'norwood',
    name: 'Norwood IV',
    description: 'A higher hairline and a bald crown, with hair between them.',
    package: 'crown',
  },
  {
    id: 'nw5',
    scale: 'norwood',
    name: 'Norwood V',
    description: 'The band of hair between front and crown is thinning.',
    package: 'full-head',
  },
  {
    id: 'nw6',
    scale: 'norwood',
    name: 'Norwood VI',
    description: 'Front and crown have joined into one area.',
    package: 'full-head',
  },
  {
    id: 'nw7',
    scale: 'norwood',
    name: 'Norwood VII',
    description: 'Hair remains only at the sides and back.',
    package: 'full-head',
  },
  {
    id: 'lw1',
    scale: 'ludwig',
    name: 'Ludwig I',
    description: 'The parting has widened a little.',
    package: 'hairline',
  },
  {
    id: 'lw2',
    scale: 'ludwig',
    name: 'Ludwig II',
    description: 'Noticeable thinning across the top.',
    package: 'crown',
  },
  {
    id: 'lw3',
    scale: 'ludwig',
    name: 'Ludwig III',
    description: 'The scalp shows through across the top.',
    package: 'full-head',
  },
  {
    id: 'alopecia',
    scale: 'alopecia',
    name: 'Alopecia totalis',
    description: 'No hair on the scalp (stable, not regrowing).',
    package: 'full-head',
  },
  {
    id: 'scar',
    scale: 'scar',
    name: 'A scar only',
    description: 'A transplant strip scar or punch scars to hide.',
    package: 'scar',
  },
]

export interface Estimate {
  currency: string
  /** Three sessions, taxes included (major units). */
  low: number
  /** With a fourth session, which about one client in five needs (DOMAIN §2.4 [SG-SESS]). */
  high: number
  packageLabel: string
  touchUp: number
  taxNote: string
}

function withTax(minor: number, basisPoints: number): number {
  return Math.round(minor + (minor * basisPoints) / 10_000) / 100
}

export function isPriceListId(value: string | null | undefined): value is PriceListId {
  return value !== null && value !== undefined && value in PRICE_LISTS
}

export function estimate(patternId: string, priceListId: PriceListId, scarToo: boolean): Estimate | null {
  const pattern = PATTERNS.find((p) => p.id === patternId)
  if (pattern === undefined) return null
  const list = PRICE_LISTS[priceListId]
  const tax = list.taxes.reduce((sum, t) => sum + t.basisPoints, 0)
  const pkg = list.packages[pattern.package]
  const base = pkg.amount + (scarToo && pattern.package !== 'scar' ? list.scarAddOn : 0)
  return {
    currency: list.currency,
    low: withTax(base, tax),
    high: withTax(base + list.extraSession, tax),
    packageLabel: pkg.label,
    touchUp: withTax(list.touchUp, tax),
    taxNote: list.taxNote,
  }
}
