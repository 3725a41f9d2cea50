// A course of SMP sessions: the whole plan booked at once with its spacing kept (DOMAIN §0: 7–14 days between
// sessions [DEL], [TOR]), the first session after the consultation and any deferral, the same practitioner when possible;
// and what moving one session does to the rest.

import { type AvailabilityQuery, findAvailability, type Slot } from './availability.ts'
import { dateOfDay, dayNumber, formatZoned, instantToZoned } from './zoned-time.ts'

/** Default days between sessions (DOMAIN §0: 7–14). */
export const DEFAULT_MIN_GAP_DAYS = 7
export const DEFAULT_MAX_GAP_DAYS = 14
/** How far past the earliest date the first session may be sought. */
const FIRST_SESSION_SEARCH_DAYS = 60
/** How many first-session days are tried before the course is refused. */
const FIRST_SESSION_ATTEMPTS = 20

export interface CourseRequest {
  sessions: number
  /** Length of each session from the plan, minutes. */
  durationsMin: readonly number[]
  minGapDays?: number
  maxGapDays?: number
  /** No session before this local date (the day after the consultation, or a screening deferral's end). */
  earliestDate: string
  preferredPractitionerId?: string
}

export type CourseResult = { ok: true; sessions: Slot[] } | { ok: false; reason: string }

/** Local date of a slot in the location's zone. */
const localDate = (slot: { start: number }, tz: string) => instantToZoned(slot.start, tz).date

/** Gaps between consecutive session dates that fall outside [min, max] days, with a sentence each. */
export function spacingProblems(
  dates: readonly string[],
  minGapDays = DEFAULT_MIN_GAP_DAYS,
  maxGapDays = DEFAULT_MAX_GAP_DAYS
): { index: number; message: string }[] {
  const problems: { index: number; message: string }[] = []
  for (let i = 1; i < dates.length; i++) {
    const gap = dayNumber(dates[i] ?? '') - dayNumber(dates[i - 1] ?? '')
    if (gap < minGapDays) {
      problems.push({
        index: i,
        message: `session ${i + 1} on ${dates[i]} is ${gap} day${gap === 1 ? '' : 's'} after session ${i} (${dates[i - 1]}); the skin needs at least ${minGapDays} days to heal between sessions`,
      })
    } else if (gap > maxGapDays) {
      problems.push({
        index: i,
        message: `session ${i + 1} on ${dates[i]} is ${gap} days after session ${i} (${dates[i - 1]}); keep sessions at most ${maxGapDays} days apart so the layers build evenly`,
      })
    }
  }
  return problems
}

type SearchBase = Omit<AvailabilityQuery, 'fromDate' | 'toDate' | 'durationMin'>

/** The block a booked slot takes, its kind's buffers included. */
function blockOf(s: Slot, base: SearchBase) {
  return {
    start: s.start - base.kind.bufferBeforeMin * 60_000,
    end: s.end + base.kind.bufferAfterMin * 60_000,
    practitionerId: s.practitionerId,
    chairId: s.chairId,
  }
}

/** Earliest slot between two local dates, the preferred practitioner first. */
function earliest(
  base: SearchBase,
  from: string,
  to: string,
  durationMin: number,
  preferred?: string
): Slot | undefined {
  const slots = findAvailability({ ...base, fromDate: from, toDate: to, durationMin })
  if (preferred !== undefined) {
    const same = slots.find((s) => s.practitionerId === preferred)
    if (same) return same
  }
  return slots[0]
}

/**
 * Books a whole course: each session the earliest free slot that keeps the spacing, with the first session's
 * practitioner (or the preferred one) kept when they have a slot in the window.
 */
export function planCourse(request: CourseRequest, base: SearchBase): CourseResult {
  const min = request.minGapDays ?? DEFAULT_MIN_GAP_DAYS
  const max = request.maxGapDays ?? DEFAULT_MAX_GAP_DAYS
  const tz = base.location.timeZone
  if (request.durationsMin.length !== request.sessions) {
    return {
      ok: false,
      reason: `the plan gives ${request.durationsMin.length} durations for ${request.sessions} sessions`,
    }
  }
  let firstFrom = request.earliestDate
  const lastFirst = dateOfDay(dayNumber(request.earliestDate) + FIRST_SESSION_SEARCH_DAYS)
  let lastReason = `no free ${base.kind.id} slot between ${request.earliestDate} and ${lastFirst}`
  for (let attempt = 0; attempt < FIRST_SESSION_ATTEMPTS; attempt++) {
    const first = earliest(base, firstFrom, lastFirst, request.durationsMin[0] ?? 0, request.preferredPractitionerId)
    if (first === undefined) return { ok: false, reason: lastReason }
    const practitioner = request.preferredPractitionerId ?? first.practitionerId
    const course: Slot[] = [first]
    // later sessions must not collide with the ones already chosen in this course
    let booked = [...base.booked]
    for (let i = 1; i < request.sessions; i++) {
      const prev = course[i - 1] as Slot
      booked = [...booked, blockOf(prev, base)]
      const prevDay = dayNumber(localDate(prev, tz))
      const next = earliest(
        { ...base, booked },
        dateOfDay(prevDay + min),
        dateOfDay(prevDay + max),
        request.durationsMin[i] ?? 0,
        practitioner
      )
      if (next === undefined) {
        lastReason = `no free slot for session ${i + 1} between ${dateOfDay(prevDay + min)} and ${dateOfDay(prevDay + max)} (${min}–${max} days after session ${i} on ${formatZoned(prev.start, tz)})`
        break
      }
      course.push(next)
    }
    if (course.length === request.sessions) return { ok: true, sessions: course }
    firstFrom = dateOfDay(dayNumber(localDate(first, tz)) + 1)
  }
  return { ok: false, reason: lastReason }
}

export type MoveResult = { ok: true; sessions: Slot[]; moved: number[] } | { ok: false; reason: string }

/**
 * Moves session `index` to `slot` and re-checks the rest: later sessions that would break the spacing are re-flowed to
 * the earliest slots that keep it (the proposal lists which moved); a move that breaks the spacing with an earlier
 * session, or leaves no slot for a later one, is refused with the reason. `base.booked` holds every other appointment,
 * not this course's own sessions.
 */
export function moveSession(
  course: readonly Slot[],
  index: number,
  slot: Slot,
  base: SearchBase,
  minGapDays = DEFAULT_MIN_GAP_DAYS,
  maxGapDays = DEFAULT_MAX_GAP_DAYS
): MoveResult {
  const tz = base.location.timeZone
  if (index < 0 || index >= course.length)
    return { ok: false, reason: `there is no session ${index + 1} in this course` }
  const next = [...course]
  next[index] = slot
  const before = spacingProblems(
    next.slice(0, index + 1).map((s) => localDate(s, tz)),
    minGapDays,
    maxGapDays
  )
  const earlier = before.find((p) => p.index === index)
  if (earlier) return { ok: false, reason: earlier.message }
  const moved: number[] = [index]
  for (let i = index + 1; i < next.length; i++) {
    const prevDay = dayNumber(localDate(next[i - 1] as Slot, tz))
    const day = dayNumber(localDate(next[i] as Slot, tz))
    if (day - prevDay >= minGapDays && day - prevDay <= maxGapDays) continue
    const current = next[i] as Slot
    // the course's other sessions stay taken while this one looks for a new slot
    const taken = next.filter((_, j) => j !== i).map((s) => blockOf(s, base))
    const found = findAvailability({
      ...base,
      booked: [...base.booked, ...taken],
      fromDate: dateOfDay(prevDay + minGapDays),
      toDate: dateOfDay(prevDay + maxGapDays),
      durationMin: Math.round((current.end - current.start) / 60_000),
    })
    const same = found.find((s) => s.practitionerId === current.practitionerId) ?? found[0]
    if (same === undefined) {
      return {
        ok: false,
        reason: `moving session ${index + 1} to ${formatZoned(slot.start, tz)} leaves no slot for session ${i + 1} between ${dateOfDay(prevDay + minGapDays)} and ${dateOfDay(prevDay + maxGapDays)}`,
      }
    }
    next[i] = same
    moved.push(i)
  }
  return { ok: true, sessions: next, moved }
}
