// How the client's take-home documents (the consultation PDF of `stipple consult`, the plan PDF of the server's portal)
// put money, dates, durations and the care rules into words, and keep text to what the standard PDF fonts can draw.
// Pure: the PDF itself is drawn by the cli and the server, each with its own pdfkit.

import type { CareItem } from './aftercare.ts'

const SYMBOL: Record<string, string> = { CAD: 'CA$', USD: 'US$', GBP: '£' }

/** Money in major units as the client reads it: `CA$3,842.00`. */
export function formatMoney(amount: number, currency: string): string {
  const digits = amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  return `${SYMBOL[currency] ?? `${currency} `}${digits}`
}

/** Money in minor units (cents, pence: as the quotes table and the API keep it), as `formatMoney` writes it. */
export function formatMinorMoney(minor: number, currency: string): string {
  return formatMoney(minor / 100, currency)
}

/** A calendar date (YYYY-MM-DD) as the client reads it: `Mon, 7 Dec 2026`. */
export function formatDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  })
}

/** A session's length: `2 h 05 min`. */
export function formatDuration(minutes: number): string {
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`
}

/** Standard PDF fonts (Helvetica) speak WinAnsi: spell out the few characters it lacks, mark the rest with `?`. */
export function winAnsi(text: string): string {
  return text
    .replace(/≤/g, 'at most ')
    .replace(/≥/g, 'at least ')
    .replace(/→/g, '->')
    .replace(/[^\x20-\x7e\xa0-\xff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac\u00d7\n]/g, '?')
}

/** One care rule as the client reads it: when (`label`) and what (`text`); days as in the rule it comes from. */
export interface CareLine {
  label: string
  text: string
  fromDay: number
  toDay: number
}

export interface CareInWords {
  /** Before each session, in days before it. */
  before: CareLine[]
  /** After each session, in days after it (day 0 is the session's day). */
  after: CareLine[]
  /** After the final session only, in days after it. */
  afterFinal: CareLine[]
}

const FIRST = 'session 1: '
const FINAL = 'After the final session: '

const capital = (t: string) => t.charAt(0).toUpperCase() + t.slice(1)
const ofFirstSession = (items: readonly CareItem[]) => items.filter((c) => c.instruction.toLowerCase().includes(FIRST))
const withoutPrefix = (t: string) => capital(t.slice(t.toLowerCase().indexOf(FIRST) + FIRST.length))

/**
 * The care of a course in words: every session repeats the rules of session 1 (counted from the first session, as
 * `careFor` and the plan's `dayOffset` count), so those stand for all of them; then the rules after the final session.
 */
export function careInWords(care: { precare: readonly CareItem[]; aftercare: readonly CareItem[] }): CareInWords {
  const before = ofFirstSession(care.precare).map((c) => ({
    label:
      c.toDay === 0
        ? c.fromDay === -1
          ? 'The day before'
          : `From ${-c.fromDay} days before`
        : `${-c.toDay}–${-c.fromDay} days before`,
    text: withoutPrefix(c.instruction),
    fromDay: c.fromDay,
    toDay: c.toDay,
  }))
  const after = ofFirstSession(care.aftercare).map((c) => ({
    label: c.fromDay === c.toDay ? `Day ${c.fromDay}` : `Days ${c.fromDay}–${c.toDay}`,
    text: withoutPrefix(c.instruction),
    fromDay: c.fromDay,
    toDay: c.toDay,
  }))
  const afterFinal = care.aftercare
    .filter((c) => c.instruction.startsWith(FINAL))
    .map((c) => ({
      label: `Days 0–${c.toDay - c.fromDay}`,
      text: capital(c.instruction.slice(FINAL.length)),
      fromDay: c.fromDay,
      toDay: c.toDay,
    }))
  return { before, after, afterFinal }
}
