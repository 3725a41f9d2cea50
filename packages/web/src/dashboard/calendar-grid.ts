// Calendar geometry, apart from React so it can be tested: where an appointment sits, and where a drag puts it.
import { instantToZoned, zonedToInstant } from '@stipple/domain'
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

function columnOf(columns: readonly Column[], a: Appointment, timeZone: string): number {
  const { date } = instantToZoned(Date.parse(a.startsAt), timeZone)
  return columns.findIndex(
    (c) =>
      c.date === date &&
      (c.practitionerId === undefined || c.practitionerId === a.practitionerId) &&
      (c.chairId === undefined || c.chairId === a.chairId)
  )
}

/** Appointments that fall in a column, with their offsets in px from the top of the day. */
export function place(columns: readonly Column[], appointments: readonly Appointment[], timeZone: string): Placed[] {
  const out: Placed[] = []
  for (const a of appointments) {
    if (a.status === 'cancelled') continue
    const column = columnOf(columns, a, timeZone)
    if (column < 0) continue
    const start = instantToZoned(Date.parse(a.startsAt), timeZone).minutes
    const minutes = (Date.parse(a.endsAt) - Date.parse(a.startsAt)) / 60_000
    out.push({
      appointment: a,
      column,
      top: (Math.max(start, DAY_START_MIN) - DAY_START_MIN) * PX_PER_MIN,
      height: Math.max(SNAP_MIN, minutes) * PX_PER_MIN,
    })
  }
  return out
}

/** Where a drag by (dx, dy) px drops an appointment: its new start and column, or null when it stays put. */
export function dropTarget(
  columns: readonly Column[],
  placed: Placed,
  dx: number,
  dy: number,
  columnWidth: number,
  timeZone: string
): { startsAt: string; column: Column } | null {
  const deltaMin = Math.round(dy / PX_PER_MIN / SNAP_MIN) * SNAP_MIN
  const deltaCol = columnWidth > 0 ? Math.round(dx / columnWidth) : 0
  if (deltaMin === 0 && deltaCol === 0) return null
  const index = Math.min(columns.length - 1, Math.max(0, placed.column + deltaCol))
  const column = columns[index]
  if (column === undefined) return null
  const start = instantToZoned(Date.parse(placed.appointment.startsAt), timeZone).minutes
  const minutes = Math.min(DAY_END_MIN - SNAP_MIN, Math.max(DAY_START_MIN, start + deltaMin))
  return { startsAt: new Date(zonedToInstant(column.date, minutes, timeZone)).toISOString(), column }
}

export function hourLabels(): { label: string; top: number }[] {
  const out: { label: string; top: number }[] = []
  for (let m = DAY_START_MIN; m < DAY_END_MIN; m += 60)
    out.push({ label: `${String(m / 60).padStart(2, '0')}:00`, top: (m - DAY_START_MIN) * PX_PER_MIN })
  return out
}
