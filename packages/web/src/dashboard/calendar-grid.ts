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

/** Appointments that fall in a column, with their offsets in px from the top of the day. */
export function place(columns: readonly Column[], appointments: readonly Appointment[]): Placed[] {
  const out: Placed[] = []
  for (const a of appointments) {
    if (a.status === 'cancelled') continue
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
