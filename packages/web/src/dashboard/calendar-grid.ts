// Calendar geometry, apart from React so it can be tested: where an appointment sits, where a drag puts it, and which
// time a click on an empty part of a column means. Every time here is the location's wall clock as the server
// computed it (`startsAtLocal`); nothing is converted between time zones in the browser.
import type { Appointment } from '../api/types.ts'

export const DAY_START_MIN = 8 * 60
export const DAY_END_MIN = 21 * 60
export const PX_PER_MIN = 1.1
const SNAP_MIN = 15

export interface Column {
  key: string
  label: string
  date: string
  practitionerId?: string
  chairId?: string
}

export interface Placed {
  appointment: Appointment
  column: number
  top: number
  height: number
}

/** Weekly hours as the server keeps them: `{ mon: [["10:00", "18:00"]], … }`; a day without a range is closed. */
export type WeeklyHours = Readonly<Record<string, readonly (readonly [string, string])[]>>
const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const

/** The weekday key of a calendar date: plain calendar arithmetic on 'YYYY-MM-DD', no time zone involved. */
export const weekdayKey = (date: string) => DAY_KEYS[new Date(`${date}T12:00:00Z`).getUTCDay()] ?? 'sun'

/**
 * The open ranges of a column's day in minutes after midnight: the location's opening hours, narrowed to the
 * practitioner's working hours there when the column is a practitioner's.
 */
export function openRanges(date: string, opening: WeeklyHours, working?: WeeklyHours): [number, number][] {
  const day = weekdayKey(date)
  const ranges = (h: WeeklyHours) => (h[day] ?? []).map(([a, b]) => [minutesOf(a), minutesOf(b)] as [number, number])
  const open = ranges(opening)
  if (working === undefined) return open
  const out: [number, number][] = []
  for (const [a, b] of open)
    for (const [c, d] of ranges(working))
      if (Math.max(a, c) < Math.min(b, d)) out.push([Math.max(a, c), Math.min(b, d)])
  return out.sort((x, y) => x[0] - y[0])
}

/** The closed parts of the drawn day (before opening, between ranges, after closing), in px from its top. */
export function closedBands(open: readonly [number, number][]): { top: number; height: number }[] {
  const out: { top: number; height: number }[] = []
  let from = DAY_START_MIN
  for (const [a, b] of open) {
    if (a > from)
      out.push({ top: (from - DAY_START_MIN) * PX_PER_MIN, height: (Math.min(a, DAY_END_MIN) - from) * PX_PER_MIN })
    from = Math.max(from, b)
  }
  if (from < DAY_END_MIN)
    out.push({ top: (from - DAY_START_MIN) * PX_PER_MIN, height: (DAY_END_MIN - from) * PX_PER_MIN })
  return out.filter((b) => b.height > 0)
}

/** Whether a time ('HH:MM') falls within one of the open ranges. */
export const isOpenAt = (open: readonly [number, number][], time: string) =>
  open.some(([a, b]) => minutesOf(time) >= a && minutesOf(time) < b)

/** 'HH:MM' → minutes after midnight. */
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
/** Minutes after midnight → 'HH:MM'. */
const timeOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

function columnOf(columns: readonly Column[], a: Appointment): number {
  return columns.findIndex(
    (c) =>
      c.date === a.startsAtLocal.date &&
      (c.practitionerId === undefined || c.practitionerId === a.practitionerId) &&
      (c.chairId === undefined || c.chairId === a.chairId)
  )
}

/**
 * Appointments that fall in a column, with their offsets in px from the top of the day; cancelled ones only when
 * asked for (drawn muted and struck through, so their history and reason can still be opened).
 */
export function place(
  columns: readonly Column[],
  appointments: readonly Appointment[],
  options: { showCancelled?: boolean } = {}
): Placed[] {
  const out: Placed[] = []
  for (const a of appointments) {
    if (a.status === 'cancelled' && options.showCancelled !== true) continue
    const column = columnOf(columns, a)
    if (column < 0) continue
    const start = minutesOf(a.startsAtLocal.time)
    // an appointment running past midnight is drawn to the end of the day
    const end = a.endsAtLocal.date === a.startsAtLocal.date ? minutesOf(a.endsAtLocal.time) : DAY_END_MIN
    out.push({
      appointment: a,
      column,
      top: (Math.max(start, DAY_START_MIN) - DAY_START_MIN) * PX_PER_MIN,
      height: Math.max(SNAP_MIN, end - start) * PX_PER_MIN,
    })
  }
  return out
}

/** Where a drag by (dx, dy) px drops an appointment: its new local start and column, or null when it stays put. */
export function dropTarget(
  columns: readonly Column[],
  placed: Placed,
  dx: number,
  dy: number,
  columnWidth: number
): { startsAtLocal: { date: string; time: string }; column: Column } | null {
  const deltaMin = Math.round(dy / PX_PER_MIN / SNAP_MIN) * SNAP_MIN
  const deltaCol = columnWidth > 0 ? Math.round(dx / columnWidth) : 0
  if (deltaMin === 0 && deltaCol === 0) return null
  const index = Math.min(columns.length - 1, Math.max(0, placed.column + deltaCol))
  const column = columns[index]
  if (column === undefined) return null
  const start = minutesOf(placed.appointment.startsAtLocal.time)
  const minutes = Math.min(DAY_END_MIN - SNAP_MIN, Math.max(DAY_START_MIN, start + deltaMin))
  return { startsAtLocal: { date: column.date, time: timeOf(minutes) }, column }
}

/** The local time a click at `y` px below the top of the day means, snapped down to 15 minutes. */
export function timeAt(y: number): string {
  const minutes = DAY_START_MIN + Math.floor(Math.max(0, y) / PX_PER_MIN / SNAP_MIN) * SNAP_MIN
  return timeOf(Math.min(DAY_END_MIN - SNAP_MIN, minutes))
}

export function hourLabels(): { label: string; top: number }[] {
  const out: { label: string; top: number }[] = []
  for (let m = DAY_START_MIN; m < DAY_END_MIN; m += 60)
    out.push({ label: `${String(m / 60).padStart(2, '0')}:00`, top: (m - DAY_START_MIN) * PX_PER_MIN })
  return out
}
