// Wall-clock time in a clinic's time zone ↔ instants. The offsets come from one pinned copy of the IANA time-zone
// database compiled into the domain (`tzdb.generated.ts`, version `TZDB_VERSION`), never from the runtime's Intl: Node
// and browsers ship different ICU data and disagree on zones whose rules changed recently (America/Vancouver from
// 2026 on). Instants are epoch milliseconds; local dates are 'YYYY-MM-DD' and local times 'HH:MM'. The table covers
// 1970–2049; the offset in force at 2050 stands for later instants.

import { TZDB_LINKS, TZDB_VERSION, TZDB_ZONES } from './tzdb.generated.ts'

const MINUTE = 60_000
const DAY = 86_400_000

/** The IANA time-zone database release every local time is computed with, e.g. '2026f'. */
export const TIME_ZONE_DATABASE_VERSION: string = TZDB_VERSION

interface Zone {
  /** Offset east of UTC per period, seconds. */
  offsets: Int32Array
  /** The zone's abbreviation per period (EST, PDT, GMT; "+0545" where the zone has none). */
  abbreviations: string[]
  /** The instant (seconds since 1970) each period but the last ends. */
  untils: Float64Array
}

const decoded = new Map<string, Zone>()

function zone(timeZone: string): Zone {
  const cached = decoded.get(timeZone)
  if (cached !== undefined) return cached
  const name = Object.hasOwn(TZDB_LINKS, timeZone) ? (TZDB_LINKS[timeZone] ?? timeZone) : timeZone
  const packed = Object.hasOwn(TZDB_ZONES, name) ? TZDB_ZONES[name] : undefined
  if (packed === undefined) throw new RangeError(`unknown time zone "${timeZone}"`)
  const [offsetsText = '', abbrsText = '', indicesText = '', untilsText = ''] = packed.split('|')
  const table = offsetsText.split(' ').map((o) => Number.parseInt(o, 36))
  const names = abbrsText.split(' ')
  const offsets = Int32Array.from(indicesText, (k) => table[Number.parseInt(k, 36)] ?? 0)
  const abbreviations = Array.from(indicesText, (k) => names[Number.parseInt(k, 36)] ?? '')
  const untils = new Float64Array(Math.max(0, offsets.length - 1))
  let t = 0
  const deltas = untilsText === '' ? [] : untilsText.split(' ')
  for (let i = 0; i < untils.length; i++) {
    t += Number.parseInt(deltas[i] ?? '0', 36)
    untils[i] = t
  }
  const z = { offsets, abbreviations, untils }
  decoded.set(timeZone, z)
  return z
}

/** Whether the pinned time-zone database has this IANA zone (or one of its other names). */
export function isTimeZone(timeZone: string): boolean {
  return Object.hasOwn(TZDB_ZONES, timeZone) || Object.hasOwn(TZDB_LINKS, timeZone)
}

/** The index of the period an instant falls in. */
function periodAt(z: Zone, instant: number): number {
  const { untils } = z
  const s = Math.floor(instant / 1000)
  // the first period whose end is after the instant
  let lo = 0
  let hi = untils.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((untils[mid] ?? 0) <= s) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The zone's offset from UTC at an instant, minutes (Toronto in winter: −300). Throws RangeError for an unknown zone. */
export function offsetMinutes(instant: number, timeZone: string): number {
  const z = zone(timeZone)
  return Math.round((z.offsets[periodAt(z, instant)] ?? 0) / 60)
}

/**
 * What the zone's clocks are called at an instant: "EST", "PDT", "GMT"; "UTC−07:00"-style where the database gives a
 * bare number. For messages people read next to a local time.
 */
export function zoneAbbreviation(instant: number, timeZone: string): string {
  const z = zone(timeZone)
  const i = periodAt(z, instant)
  const abbr = z.abbreviations[i] ?? ''
  if (/^[A-Za-z]{2,6}$/.test(abbr)) return abbr
  const minutes = Math.round((z.offsets[i] ?? 0) / 60)
  const sign = minutes < 0 ? '−' : '+'
  const a = Math.abs(minutes)
  return `UTC${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`
}

/** Days since 1970-01-01 of a local date. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY)
}

/** The local date of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10)
}

/** Day of the week of a local date, 0 = Sunday. */
export function weekday(date: string): number {
  return new Date(dayNumber(date) * DAY).getUTCDay()
}

/** Minutes after midnight of 'HH:MM'. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

/**
 * The instant a local wall-clock time names. In the spring-forward gap (a time that does not exist) the clock is read
 * as if it had not yet jumped, which lands after the gap; in the autumn overlap the earlier of the two instants wins.
 */
export function zonedToInstant(date: string, minutes: number, timeZone: string): number {
  const wall = dayNumber(date) * DAY + minutes * MINUTE
  // the zone's offsets a day either side bracket any transition near this wall time
  const before = offsetMinutes(wall - DAY, timeZone)
  const after = offsetMinutes(wall + DAY, timeZone)
  const valid = [wall - before * MINUTE, wall - after * MINUTE]
    .filter((t) => wall - offsetMinutes(t, timeZone) * MINUTE === t)
    .sort((a, b) => a - b)
  return valid[0] ?? wall - before * MINUTE
}

/** Local date and minutes after midnight of an instant in a zone. */
export function instantToZoned(instant: number, timeZone: string): { date: string; minutes: number } {
  const local = instant + offsetMinutes(instant, timeZone) * MINUTE
  const day = Math.floor(local / DAY)
  return { date: dateOfDay(day), minutes: Math.round((local - day * DAY) / MINUTE) }
}

/** 'YYYY-MM-DDTHH:MM' of an instant in a zone, for messages people read. */
export function formatZoned(instant: number, timeZone: string): string {
  const { date, minutes } = instantToZoned(instant, timeZone)
  return `${date} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/**
 * What a screen shows of an instant at a location: its local date ('YYYY-MM-DD'), wall-clock time ('HH:MM', 24 h),
 * and the zone's offset then. The server computes it and the browser shows it as it is, never converting with its own
 * time-zone data (runtimes disagree on some zones' future rules).
 */
export interface LocalTime {
  date: string
  time: string
  offsetMinutes: number
}

/** The calendar date of an instant at a location ('YYYY-MM-DD'). */
export function localDate(instant: Date, timeZone: string): string {
  return instantToZoned(instant.getTime(), timeZone).date
}

export function localTime(instant: number, timeZone: string): LocalTime {
  const { date, minutes } = instantToZoned(instant, timeZone)
  return {
    date,
    time: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
    offsetMinutes: offsetMinutes(instant, timeZone),
  }
}
