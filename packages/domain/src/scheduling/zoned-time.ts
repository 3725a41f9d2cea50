// Wall-clock time in a clinic's time zone ↔ instants, with the daylight-saving rules of the IANA database through
// Intl (no library, runs in the browser and in Node). Instants are epoch milliseconds; local dates are 'YYYY-MM-DD'
// and local times 'HH:MM'.

const MINUTE = 60_000
const DAY = 86_400_000

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** Whether the runtime knows this IANA time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone)
    return true
  } catch {
    return false
  }
}

/** The zone's offset from UTC at an instant, minutes (Toronto in winter: −300). */
export function offsetMinutes(instant: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(instant))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / MINUTE)
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

export function localTime(instant: number, timeZone: string): LocalTime {
  const { date, minutes } = instantToZoned(instant, timeZone)
  return {
    date,
    time: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
    offsetMinutes: offsetMinutes(instant, timeZone),
  }
}
