// Availability: when a practitioner and a chair are both free for an appointment of a given kind, inside the location's
// opening hours and the practitioner's working hours, clear of time off and of existing bookings (with buffers), on
// local wall-clock days of the location's time zone (so daylight-saving changes land on the right minute).

import { dateOfDay, dayNumber, minutesOf, weekday, zonedToInstant } from './zoned-time.ts'

const MINUTE = 60_000

/** Weekly hours as local wall-clock ranges; `day` 0 = Sunday. */
export type WeeklyHours = readonly { day: number; open: string; close: string }[]

export interface AppointmentKind {
  id: 'consultation' | 'smp-session' | 'touch-up' | 'laser-removal'
  durationMin: number
  /** Time kept free before and after (setup, cleaning, sterilisation), minutes. */
  bufferBeforeMin: number
  bufferAfterMin: number
}

/** Defaults per kind [assumption; DOMAIN §0: sessions ~3 h (1.5–6), consultations are short]. */
export const APPOINTMENT_KINDS: Readonly<Record<AppointmentKind['id'], AppointmentKind>> = {
  consultation: { id: 'consultation', durationMin: 45, bufferBeforeMin: 0, bufferAfterMin: 15 },
  'smp-session': { id: 'smp-session', durationMin: 180, bufferBeforeMin: 15, bufferAfterMin: 15 },
  'touch-up': { id: 'touch-up', durationMin: 120, bufferBeforeMin: 15, bufferAfterMin: 15 },
  'laser-removal': { id: 'laser-removal', durationMin: 45, bufferBeforeMin: 10, bufferAfterMin: 10 },
}

export interface Interval {
  start: number
  end: number
}

/** A booked block: the time a practitioner and a chair are taken, buffers included. */
export interface BookedBlock extends Interval {
  practitionerId: string
  chairId: string
}

export interface LocationHours {
  id: string
  timeZone: string
  openingHours: WeeklyHours
  chairs: readonly string[]
}

export interface PractitionerHours {
  id: string
  /** Working hours per location the practitioner works at. */
  workingHours: readonly { locationId: string; hours: WeeklyHours }[]
  timeOff: readonly Interval[]
}

export interface AvailabilityQuery {
  location: LocationHours
  practitioners: readonly PractitionerHours[]
  kind: AppointmentKind
  /** First and last local date searched, inclusive ('YYYY-MM-DD'). */
  fromDate: string
  toDate: string
  /** Every booked block at this location and of these practitioners elsewhere. */
  booked: readonly BookedBlock[]
  /** Slots start on multiples of this many minutes of local time. */
  stepMin?: number
  /** Overrides the kind's duration (an SMP session's length comes from the plan). */
  durationMin?: number
  /** No slot starts before this instant (now, for a public booking page). */
  notBefore?: number
}

export interface Slot extends Interval {
  practitionerId: string
  chairId: string
  /** The local date of the slot's start. */
  date: string
}

/** Local ranges of a weekday as instants on a date. */
function dayRanges(hours: WeeklyHours, date: string, timeZone: string): Interval[] {
  const wd = weekday(date)
  return hours
    .filter((h) => h.day === wd)
    .map((h) => ({
      start: zonedToInstant(date, minutesOf(h.open), timeZone),
      end: zonedToInstant(date, minutesOf(h.close), timeZone),
    }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start)
}

function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = []
  for (const x of a) {
    for (const y of b) {
      const start = Math.max(x.start, y.start)
      const end = Math.min(x.end, y.end)
      if (end > start) out.push({ start, end })
    }
  }
  return out.sort((p, q) => p.start - q.start)
}

/** `free` minus every busy interval (both sorted by start). */
function subtract(free: readonly Interval[], busy: readonly Interval[]): Interval[] {
  const out: Interval[] = []
  for (const f of free) {
    let cursor = f.start
    for (const b of busy) {
      if (b.end <= cursor || b.start >= f.end) continue
      if (b.start > cursor) out.push({ start: cursor, end: b.start })
      cursor = Math.max(cursor, b.end)
      if (cursor >= f.end) break
    }
    if (cursor < f.end) out.push({ start: cursor, end: f.end })
  }
  return out
}

function contains(free: readonly Interval[], start: number, end: number): boolean {
  for (const f of free) if (f.start <= start && end <= f.end) return true
  return false
}

/** Blocks of one owner that touch [from, to), sorted by start. */
function blocksIn(blocks: readonly Interval[], from: number, to: number): Interval[] {
  return blocks.filter((b) => b.end > from && b.start < to).sort((a, b) => a.start - b.start)
}

/**
 * Every free slot for the query, in time order (ties by practitioner, then chair).
 * @example
 * findAvailability({ location, practitioners, kind: APPOINTMENT_KINDS.consultation, fromDate: '2026-03-06', toDate: '2026-03-13', booked: [] })
 */
export function findAvailability(q: AvailabilityQuery): Slot[] {
  const step = q.stepMin ?? 15
  const duration = (q.durationMin ?? q.kind.durationMin) * MINUTE
  const before = q.kind.bufferBeforeMin * MINUTE
  const after = q.kind.bufferAfterMin * MINUTE
  const tz = q.location.timeZone
  const byPractitioner = new Map<string, Interval[]>()
  const byChair = new Map<string, Interval[]>()
  for (const b of q.booked) {
    const p = byPractitioner.get(b.practitionerId) ?? []
    p.push(b)
    byPractitioner.set(b.practitionerId, p)
    const c = byChair.get(b.chairId) ?? []
    c.push(b)
    byChair.set(b.chairId, c)
  }
  const slots: Slot[] = []
  const last = dayNumber(q.toDate)
  for (let day = dayNumber(q.fromDate); day <= last; day++) {
    const date = dateOfDay(day)
    const opening = dayRanges(q.location.openingHours, date, tz)
    if (opening.length === 0) continue
    const dayStart = opening[0]?.start ?? 0
    const dayEnd = opening[opening.length - 1]?.end ?? 0
    const chairFree = q.location.chairs.map((chair) => ({
      chair,
      free: subtract(opening, blocksIn(byChair.get(chair) ?? [], dayStart, dayEnd)),
    }))
    for (const p of q.practitioners) {
      const hours = p.workingHours.find((w) => w.locationId === q.location.id)
      if (hours === undefined) continue
      const working = intersect(opening, dayRanges(hours.hours, date, tz))
      const busy = [...p.timeOff, ...(byPractitioner.get(p.id) ?? [])]
      const free = subtract(working, blocksIn(busy, dayStart - before, dayEnd + after))
      for (const window of free) {
        // first start on the local step grid at or after the window opens, leaving room for the buffer before
        const localMidnight = zonedToInstant(date, 0, tz)
        const earliest = Math.max(window.start + before, q.notBefore ?? Number.NEGATIVE_INFINITY)
        let start = localMidnight + Math.ceil((earliest - localMidnight) / (step * MINUTE)) * step * MINUTE
        for (; start + duration + after <= window.end; start += step * MINUTE) {
          const chair = chairFree.find((c) => contains(c.free, start - before, start + duration + after))
          if (chair === undefined) continue
          slots.push({ start, end: start + duration, practitionerId: p.id, chairId: chair.chair, date })
        }
      }
    }
  }
  return slots.sort(
    (a, b) =>
      a.start - b.start || a.practitionerId.localeCompare(b.practitionerId) || a.chairId.localeCompare(b.chairId)
  )
}
