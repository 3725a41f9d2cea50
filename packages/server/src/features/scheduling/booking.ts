// What every booking path shares: the search context of a location (hours, chairs, time off, booked blocks widened
// by travel), the checks a time must pass (opening and working hours, time off, travel between locations), the
// refusal naming what holds a time, and the times helpers. Booking locks are taken by AppointmentRepository.lockTimes;
// `checkTravel` runs after them inside each booking transaction.
import { createHash } from 'node:crypto'
import {
  APPOINTMENT_KINDS,
  type BookedBlock,
  dateWords,
  instantTimeWords,
  instantToZoned,
  instantWords,
  type LocalTime,
  type LocationHours,
  localTime,
  type PractitionerHours,
  type Slot,
  timeWords,
  type WeeklyHours,
  zonedToInstant,
} from '@stipple/domain'
import { type Actor, seesClinical } from '../../actor.ts'
import type { AppointmentKindId } from '../../db/database.ts'
import { AppError } from '../../errors.ts'
import type { Hours, LocationInfo } from '../locations/repository.ts'
import type { AppointmentDto } from './appointments.repository.ts'
import { DAY_KEYS } from './booking.schema.ts'
import type { SchedulingRepositories } from './work.ts'

export const MINUTE = 60_000
export const DAY = 86_400_000

export type Kind = AppointmentKindId

export const iso = (t: number) => new Date(t).toISOString()
export const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY)
export const dateOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10)
export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** { mon: [["09:00","17:00"]] } as the domain's weekly hours (day 0 = Sunday). */
export function weeklyHours(hours: Hours): WeeklyHours {
  const out: { day: number; open: string; close: string }[] = []
  DAY_KEYS.forEach((key, day) => {
    for (const [open, close] of hours[key] ?? []) out.push({ day, open, close })
  })
  return out
}

/** The local ranges of a date as instants. */
function rangesOn(hours: WeeklyHours, date: string, timeZone: string) {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay()
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))
  return hours
    .filter((h) => h.day === wd)
    .map((h) => ({
      start: zonedToInstant(date, minutes(h.open), timeZone),
      end: zonedToInstant(date, minutes(h.close), timeZone),
    }))
}

const within = (ranges: { start: number; end: number }[], start: number, end: number) =>
  ranges.some((r) => r.start <= start && end <= r.end)

/** "Mon 9 Mar 2026, 10:00" in the location's zone, for messages people read. */
const hoursText = (hours: WeeklyHours, date: string) => {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay()
  const ranges = hours.filter((h) => h.day === wd).map((h) => `${timeWords(h.open)}–${timeWords(h.close)}`)
  return ranges.length === 0 ? 'closed that day' : ranges.join(', ')
}

/** SHA-256 of a JSON value with its keys sorted: the same booking request gives the same fingerprint. */
export function fingerprint(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, canonical(x)])
          )
        : v
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex')
}

export type ChangedAppointment = AppointmentDto & {
  change: {
    change: 'rescheduled' | 'arrived' | 'cancelled' | 'no-show' | 'completed'
    fromStartsAt: string
    toStartsAt: string | null
    reason: string | null
  }
}

export interface Block {
  start: number
  end: number
}

export function blockOf(kind: Kind, start: number, end: number): Block {
  const k = APPOINTMENT_KINDS[kind]
  return { start: start - k.bufferBeforeMin * MINUTE, end: end + k.bufferAfterMin * MINUTE }
}

export const slotDto = (s: Slot, timeZone: string) => ({
  startsAt: iso(s.start),
  endsAt: iso(s.end),
  startsAtLocal: localTime(s.start, timeZone),
  endsAtLocal: localTime(s.end, timeZone),
  date: s.date,
  practitionerId: s.practitionerId,
  chairId: s.chairId,
})

/** A start given as an instant, or as a date and wall-clock time at the location (the server reads it in its zone). */
export type StartInput = { startsAt?: string | undefined; startsAtLocal?: { date: string; time: string } | undefined }

export function startOf(input: StartInput, timeZone: string): number {
  if (input.startsAtLocal !== undefined) {
    const { date, time } = input.startsAtLocal
    return zonedToInstant(date, Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)), timeZone)
  }
  return Date.parse(input.startsAt ?? '')
}

/** A free time offered after a refusal: one click books or moves there. */
export interface Alternative {
  startsAt: string
  endsAt: string
  startsAtLocal: LocalTime
  endsAtLocal: LocalTime
  locationId: string
  locationName: string
  practitionerId: string
  practitionerName: string
  chairId: string
  chairName: string
}

/** Minutes of travel between two locations, from the stored pairs; null when none is set. */
function travelBetween(
  times: readonly { locationA: string; locationB: string; minutes: number }[],
  a: string,
  b: string
): number | null {
  const [first, second] = a < b ? [a, b] : [b, a]
  return times.find((t) => t.locationA === first && t.locationB === second)?.minutes ?? null
}

/** The search context of a location: its hours and chairs, its practitioners' hours and time off, booked blocks. */
export interface Context {
  location: LocationInfo
  hours: LocationHours
  practitioners: (PractitionerHours & { displayName: string })[]
  booked: (BookedBlock & { appointmentId: string })[]
}

/** Everything a search at one location needs, for local dates [fromDate, toDate]. */
export async function bookingContext(
  repo: SchedulingRepositories,
  clinicId: string,
  locationId: string,
  fromDate: string,
  toDate: string,
  only?: string
): Promise<Context> {
  const [location, allChairs, allWorking] = await Promise.all([
    repo.locations.get(clinicId, locationId),
    repo.resources.chairs(clinicId, locationId),
    repo.resources.practitionersAt(clinicId, locationId),
  ])
  if (location === null) {
    throw new AppError('invalid_input', 'No such location in this clinic', {
      problems: [{ path: 'query.locationId', message: 'no such location in this clinic' }],
    })
  }
  const chairs = allChairs.filter((c) => c.active)
  const working = allWorking.filter((p) => only === undefined || p.membershipId === only)
  // a day either side covers every zone's offset and the buffers
  const from = new Date((dayNumber(fromDate) - 1) * DAY)
  const to = new Date((dayNumber(toDate) + 2) * DAY)
  const ids = working.map((p) => p.membershipId)
  const [timeOff, booked, travel] = await Promise.all([
    repo.resources.timeOff(clinicId, ids, from, to),
    repo.appointments.blocks(clinicId, locationId, ids, from, to),
    repo.resources.travelTimes(clinicId),
  ])
  const tz = location.timeZone
  // a practitioner's appointment at another location holds them here too: for the travel time either side, or for
  // the whole local day when no travel time between the two locations is set
  for (const b of booked) {
    if (b.locationId === locationId) continue
    const minutes = travelBetween(travel, b.locationId, locationId)
    if (minutes === null) {
      b.start = zonedToInstant(instantToZoned(b.start, tz).date, 0, tz)
      b.end = zonedToInstant(dateOfDay(dayNumber(instantToZoned(b.end - 1, tz).date) + 1), 0, tz)
    } else {
      b.start -= minutes * MINUTE
      b.end += minutes * MINUTE
    }
  }
  return {
    location,
    hours: {
      id: location.id,
      timeZone: location.timeZone,
      openingHours: weeklyHours(location.openingHours),
      chairs: chairs.map((c) => c.id),
    },
    practitioners: working.map((p) => ({
      id: p.membershipId,
      displayName: p.displayName,
      workingHours: [{ locationId, hours: weeklyHours(p.workingHours) }],
      timeOff: timeOff.filter((t) => t.membershipId === p.membershipId),
    })),
    booked: booked.map((b) => ({ ...b })),
  }
}

/**
 * Why an appointment of this practitioner may not take [block] at this location: outside the opening hours, the
 * practitioner's hours there, or during their time off. Null when it fits.
 */
export function outsideHours(ctx: Context, practitionerId: string, block: Block): string | null {
  const tz = ctx.location.timeZone
  const date = instantToZoned(block.start + 1, tz).date
  const opening = rangesOn(ctx.hours.openingHours, date, tz)
  if (!within(opening, block.start, block.end)) {
    return `${ctx.location.name} is open ${hoursText(ctx.hours.openingHours, date)} on ${dateWords(date)}; the appointment with its preparation and cleaning time (${instantTimeWords(block.start, tz)}–${instantTimeWords(block.end, tz)}) does not fit`
  }
  const p = ctx.practitioners.find((x) => x.id === practitionerId)
  if (p === undefined) return `this practitioner has no working hours at ${ctx.location.name}`
  const hours = p.workingHours[0]?.hours ?? []
  if (!within(rangesOn(hours, date, tz), block.start, block.end)) {
    return `${p.displayName} works at ${ctx.location.name} ${hoursText(hours, date)} on ${dateWords(date)}; the appointment with its preparation and cleaning time (${instantTimeWords(block.start, tz)}–${instantTimeWords(block.end, tz)}) does not fit`
  }
  const off = p.timeOff.find((t) => t.start < block.end && block.start < t.end)
  if (off !== undefined)
    return `${p.displayName} is away from ${instantWords(off.start, tz)} to ${instantWords(off.end, tz)}`
  return null
}

/** The 409 for a practitioner or chair already taken, naming the appointment that holds it. */
export async function taken(
  repo: SchedulingRepositories,
  clinicId: string,
  who: 'practitioner' | 'chair',
  id: string,
  block: Block,
  ctx: Context
) {
  const holder = await repo.appointments.holder(clinicId, who, id, new Date(block.start), new Date(block.end))
  const tz = ctx.location.timeZone
  const what =
    who === 'practitioner'
      ? `${ctx.practitioners.find((p) => p.id === id)?.displayName ?? 'The practitioner'} is already booked`
      : 'That chair is already taken'
  const detail =
    holder === null
      ? 'at that time'
      : `from ${instantWords(holder.startsAt.getTime(), tz)} to ${instantTimeWords(holder.endsAt.getTime(), tz)}`
  const message = `${what} ${detail}, which overlaps this appointment with its preparation and cleaning time; choose another time${who === 'chair' ? ' or chair' : ' or practitioner'}`
  return new AppError('conflict', message, {
    problems: [{ path: who === 'chair' ? 'body.chairId' : 'body.practitionerId', message }],
  })
}

/** Chairs to try for a block: the one asked for, or every active chair not already holding an overlapping block. */
export function chairCandidates(ctx: Context, block: Block, chairId: string | undefined, keep?: string): string[] {
  if (chairId !== undefined) return [chairId]
  const busy = new Set(ctx.booked.filter((b) => b.start < block.end && block.start < b.end).map((b) => b.chairId))
  const free = ctx.hours.chairs.filter((c) => !busy.has(c))
  if (keep !== undefined && free.includes(keep)) return [keep, ...free.filter((c) => c !== keep)]
  return free
}

/**
 * Refuses a block for a practitioner at ctx's location that leaves too little time to travel from or to their
 * appointments at other locations (none on the same local day when no travel time is set). Run inside the booking
 * transaction after the practitioner's booking lock is taken, so two bookings at two locations cannot both pass.
 */
export async function checkTravel(
  r: SchedulingRepositories,
  clinicId: string,
  practitionerId: string,
  ctx: Context,
  block: Block,
  exclude: string | null
): Promise<void> {
  const tz = ctx.location.timeZone
  const elsewhere = await r.appointments.elsewhere(
    clinicId,
    practitionerId,
    ctx.location.id,
    new Date(block.start - 2 * DAY),
    new Date(block.end + 2 * DAY),
    exclude
  )
  if (elsewhere.length === 0) return
  const travel = await r.resources.travelTimes(clinicId)
  const name =
    ctx.practitioners.find((p) => p.id === practitionerId)?.displayName ??
    (await r.resources.practitioner(clinicId, practitionerId))?.displayName ??
    'The practitioner'
  const day = instantToZoned(block.start, tz).date
  const hhmm = (t: number) => instantTimeWords(t, tz)
  for (const e of elsewhere) {
    const minutes = travelBetween(travel, e.locationId, ctx.location.id)
    const sameDay = instantToZoned(e.start, tz).date === day || instantToZoned(e.end - 1, tz).date === day
    if (minutes === null) {
      if (!sameDay) continue
      const message = `${name} works at ${e.locationName} that day (${hhmm(e.start)}–${hhmm(e.end)}), and no travel time between ${e.locationName} and ${ctx.location.name} is set, so they cannot work at both on one day; the owner can set the travel time under Locations`
      throw new AppError('conflict', message, { problems: [{ path: 'body.practitionerId', message }] })
    }
    if (e.end + minutes * MINUTE > block.start && block.end + minutes * MINUTE > e.start) {
      const message =
        e.start < block.start
          ? `${name} is at ${e.locationName} until ${hhmm(e.end)} and needs ${minutes} minutes to travel to ${ctx.location.name}, so they can be booked here from ${hhmm(e.end + minutes * MINUTE)} (with preparation time)`
          : `${name} is due at ${e.locationName} at ${hhmm(e.start)} and needs ${minutes} minutes to travel there from ${ctx.location.name}, so this appointment must end (with cleaning time) by ${hhmm(e.start - minutes * MINUTE)}`
      throw new AppError('conflict', message, { problems: [{ path: 'body.startsAt', message }] })
    }
  }
}

export async function appointmentFor(
  repo: SchedulingRepositories,
  actor: Actor,
  appointmentId: string
): Promise<AppointmentDto> {
  const a = await repo.appointments.get(actor.clinicId, appointmentId)
  if (a === null) throw new AppError('not_found', 'No such appointment in this clinic')
  return forRole(actor, a)
}

export function forRole(actor: Actor, a: AppointmentDto): AppointmentDto {
  return seesClinical(actor) ? a : { ...a, notes: null }
}
