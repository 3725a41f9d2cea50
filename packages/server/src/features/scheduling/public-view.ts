// What the public site and the portal show of a location and of a time: computed here, in the location's own time
// zone with the domain's pinned time-zone data, so the browser shows it as it is and never converts.
import {
  estimateAtLocation,
  type LocalTime,
  type LocationEstimate,
  localTime,
  PRICE_LIST_IDS,
  type PriceListId,
  TaxRulesSchema,
} from '@stipple/domain'
import type { LocationInfo } from '../locations/repository.ts'

const WEEK = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
] as const

export interface PublicLocation {
  id: string
  name: string
  address: Record<string, string>
  timeZone: string
  phone: string | null
  openingHours: LocationInfo['openingHours']
  /** Monday to Sunday, each day's opening ranges ('HH:MM', local); an empty list is a closed day. */
  week: { day: (typeof WEEK)[number][0]; name: string; ranges: [string, string][] }[]
  /** Today's date at the location, 'YYYY-MM-DD'. */
  today: string
  /** The cost estimator's ranges at this location: its price list and its own taxes. Null without a price list. */
  estimate: LocationEstimate | null
}

/** An instant as the location's wall clock reads it. */
export function localAt(iso: string, timeZone: string): LocalTime {
  return localTime(Date.parse(iso), timeZone)
}

export function publicLocation(l: LocationInfo, now: Date): PublicLocation {
  const priceList = PRICE_LIST_IDS.find((p): p is PriceListId => p === l.priceListId)
  const taxes = TaxRulesSchema.safeParse(l.taxRules)
  return {
    id: l.id,
    name: l.name,
    address: l.address,
    timeZone: l.timeZone,
    phone: l.phone,
    openingHours: l.openingHours,
    week: WEEK.map(([day, name]) => ({
      day,
      name,
      ranges: [...(l.openingHours[day] ?? [])].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    })),
    today: localTime(now.getTime(), l.timeZone).date,
    estimate: priceList === undefined || !taxes.success ? null : estimateAtLocation(priceList, taxes.data),
  }
}
