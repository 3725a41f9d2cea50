// Dates and times in the words people read, the same on every screen, email and message the server writes:
// "Tue, Dec 8, 2026", "7:00 a.m.", "Tue, Dec 8, 2026, 7:00 a.m.". Local dates and times are the location's wall
// clock (from `localTime`); they are formatted as they are, never converted between zones.
import { localTime } from '../scheduling/zoned-time.ts'

const DATE = new Intl.DateTimeFormat('en-CA', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})
const TIME = new Intl.DateTimeFormat('en-CA', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' })

/** A calendar date ('YYYY-MM-DD') in words: "Tue, Dec 8, 2026". */
export function dateWords(date: string): string {
  return DATE.format(new Date(`${date}T12:00:00Z`))
}

/** A wall-clock time ('HH:MM', '24:00' for midnight at the end of a day) in words: "7:00 a.m.". */
export function timeWords(time: string): string {
  const [h = 0, m = 0] = time.split(':').map(Number)
  return TIME.format(new Date(Date.UTC(2000, 0, 1, h % 24, m)))
}

/** A date and time: "Tue, Dec 8, 2026, 7:00 a.m.". */
export function whenWords(local: { date: string; time: string }): string {
  return `${dateWords(local.date)}, ${timeWords(local.time)}`
}

/** An instant as the location's wall clock shows it, in words. */
export function instantWords(instant: number, timeZone: string): string {
  return whenWords(localTime(instant, timeZone))
}

/** The time of day of an instant at the location, in words: "7:00 a.m.". */
export function instantTimeWords(instant: number, timeZone: string): string {
  return timeWords(localTime(instant, timeZone).time)
}
