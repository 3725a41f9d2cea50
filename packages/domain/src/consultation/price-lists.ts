// Default price lists per location, as data: packages by Norwood/Ludwig stage the way clinics quote them (DOMAIN §7
// default price book, [SMPAE], [DAPPER], [GP]), plus touch-ups and laser removal. Money is in integer minor units
// (cents, pence). Each clinic replaces these with its own list.

import type { PriceListId } from '../intake/intake.schema.ts'

export type PackageId = 'hairline' | 'crown' | 'full-head' | 'scar'

export interface PriceList {
  id: PriceListId
  name: string
  currency: 'CAD' | 'USD' | 'GBP'
  /** Treatment packages, each covering three sessions. */
  packages: Record<PackageId, { label: string; amount: number }>
  /** Camouflage of scars added to another package. */
  scarAddOn: number
  /** A fourth session when the case needs one: priced as one touch-up session ([GP]). */
  extraSession: number
  touchUp: number
  /** One laser removal session. */
  removalSession: number
  /** Taxes shown as lines of their own, in basis points of the subtotal. */
  taxes: readonly { label: string; basisPoints: number }[]
  /** What the client should know about tax when no tax line is shown. */
  taxNote: string
}

const LABELS = {
  hairline: 'Hairline and temples (Norwood II–III, Ludwig I density)',
  crown: 'Crown or mid-scalp (Norwood III vertex–IV, Ludwig II)',
  'full-head': 'Full head (Norwood V–VII, Ludwig III, alopecia totalis)',
  scar: 'Scar camouflage',
} as const

const packages = (hairline: number, crown: number, full: number, scar: number): PriceList['packages'] => ({
  hairline: { label: LABELS.hairline, amount: hairline },
  crown: { label: LABELS.crown, amount: crown },
  'full-head': { label: LABELS['full-head'], amount: full },
  scar: { label: LABELS.scar, amount: scar },
})

export const PRICE_LISTS: Record<PriceListId, PriceList> = {
  toronto: {
    id: 'toronto',
    name: 'Toronto',
    currency: 'CAD',
    // DOMAIN §7: CAD book 1,200–2,500 / 2,000–3,500 / 3,500–5,000; Toronto 1,800–4,500 [GP]; scar from 1,600 [THTC]
    packages: packages(180_000, 260_000, 340_000, 160_000),
    scarAddOn: 80_000, // [assumption] half the stand-alone scar package
    extraSession: 55_000, // touch-up 400–700 [assumption in DOMAIN §7]
    touchUp: 55_000,
    removalSession: 35_000, // [assumption]: DOMAIN has no removal price
    taxes: [{ label: 'HST (Ontario) 13%', basisPoints: 1300 }],
    taxNote: 'HST (Ontario) 13% is shown as a line of its own and included in the total.',
  },
  us: {
    id: 'us',
    name: 'United States',
    currency: 'USD',
    // DOMAIN §7: USD book 1,000–2,000 / 1,800–3,000 / 2,800–4,500; scar 1,000–2,500; totals 1,500–3,500 [NMT]
    packages: packages(150_000, 240_000, 360_000, 175_000),
    scarAddOn: 90_000,
    extraSession: 45_000,
    touchUp: 45_000,
    removalSession: 30_000,
    taxes: [],
    taxNote: 'Sales tax on services depends on the state; none is included here.',
  },
  uk: {
    id: 'uk',
    name: 'United Kingdom',
    currency: 'GBP',
    // DOMAIN §7 [SMPAE]: £400–850 NW2–3 / £850–1,500 NW4–5 / £1,500–2,500 NW6–7; scar £400–1,000
    packages: packages(65_000, 120_000, 200_000, 70_000),
    scarAddOn: 35_000,
    extraSession: 30_000,
    touchUp: 30_000,
    removalSession: 20_000,
    taxes: [],
    taxNote: 'Prices include VAT where the clinic is VAT-registered.',
  },
}
