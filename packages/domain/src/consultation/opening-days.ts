// The days a location is open, for dating a course so that no session falls on a closed day. A location's own
// opening hours decide; without them (the command line has no location, only a price list), the price list's
// location is taken as open Monday to Friday, the hours the demo and most SMP studios keep.

import type { PriceListId } from '../intake/intake.schema.ts'
import { addDays } from './dates.ts'

/** 0 Sunday … 6 Saturday, as Date.getUTCDay counts them. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const

/** Monday to Friday: the default hours of each price list's location when no opening hours are known. */
export const DEFAULT_OPEN_WEEKDAYS: Record<PriceListId, readonly Weekday[]> = {
  toronto: [1, 2, 3, 4, 5],
  us: [1, 2, 3, 4, 5],
  uk: [1, 2, 3, 4, 5],
}

/** The open weekdays of opening hours kept as `{ mon: [["09:00","17:00"]], … }`; a day with no interval is closed. */
export function openWeekdaysOf(hours: Readonly<Record<string, readonly unknown[] | undefined>>): Weekday[] {
  const open: Weekday[] = []
  WEEKDAY_KEYS.forEach((key, day) => {
    if ((hours[key]?.length ?? 0) > 0) open.push(day as Weekday)
  })
  return open
}

const weekdayOf = (iso: string): Weekday => new Date(`${iso}T00:00:00Z`).getUTCDay() as Weekday

/** The first day on or after `iso` the location is open; `iso` itself when no day is open (nothing to choose). */
export function openOnOrAfter(iso: string, open: readonly Weekday[]): string {
  if (open.length === 0) return iso
  let day = iso
  for (let i = 0; i < 7 && !open.includes(weekdayOf(day)); i++) day = addDays(day, 1)
  return day
}

/**
 * Dates a course on open days: the first on or after `first`, each next at least `gaps[i]` days after the one before,
 * moved forward to the next open day. Returns one date per session.
 */
export function datesOnOpenDays(first: string, dayOffsets: readonly number[], open: readonly Weekday[]): string[] {
  const dates: string[] = []
  let previousPlanned = 0
  for (const [i, offset] of dayOffsets.entries()) {
    const prior = dates[i - 1]
    const wanted = prior === undefined ? first : addDays(prior, offset - previousPlanned)
    dates.push(openOnOrAfter(wanted, open))
    previousPlanned = offset
  }
  return dates
}
