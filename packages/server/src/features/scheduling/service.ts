// Booking: where and when practitioners work, availability, appointments that cannot overlap (the database's exclusion
// constraints decide; SQLSTATE 23P01 becomes a 409 naming what is taken), idempotent retries, courses kept within
// their spacing, touch-up proposals, the client portal and public consultation booking with signed links.
import { createHash, randomUUID } from 'node:crypto'
import {
  APPOINTMENT_KINDS,
  type BookedBlock,
  DEFAULT_MAX_GAP_DAYS,
  DEFAULT_MIN_GAP_DAYS,
  dateWords,
  findAvailability,
  instantTimeWords,
  instantToZoned,
  instantWords,
  type LocalTime,
  type LocationHours,
  localTime,
  moveSession,
  type PractitionerHours,
  planCourse,
  type Slot,
  spacingProblems,
  timeWords,
  type WeeklyHours,
  weekday,
  zonedToInstant,
} from '@stipple/domain'
import type { Kysely, Transaction } from 'kysely'
import type { Actor } from '../../actor.ts'
import { seesClinical } from '../../actor.ts'
import type { AppointmentKindId, Database } from '../../db/database.ts'
import { repositoriesOver } from '../../db/unit-of-work.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import type {
  AppointmentCreate,
  CourseCreate,
  MoveInput,
  PublicConsultation,
  TravelTimeInput,
  WeeklyHoursInput,
} from './booking.schema.ts'
import { DAY_KEYS } from './booking.schema.ts'
import type { BookingRateLimiter } from './booking-limiter.ts'
import { linkSecret, manageBookingUrl, signBookingToken, verifyBookingToken } from './links.ts'
import { localAt, publicLocation } from './public-view.ts'
import {
  type AppointmentDto,
  type Hours,
  isUniqueViolation,
  type LocationInfo,
  overlapOf,
  SchedulingRepository,
} from './repository.ts'

const MINUTE = 60_000
const DAY = 86_400_000
/** Course search window past the earliest date (planCourse looks 60 days for a first session). */
const COURSE_WINDOW_DAYS = 60

type Kind = AppointmentKindId

const iso = (t: number) => new Date(t).toISOString()
const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY)
const dateOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10)
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

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
function fingerprint(value: unknown): string {
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

type ChangedAppointment = AppointmentDto & {
  change: {
    change: 'rescheduled' | 'arrived' | 'cancelled' | 'no-show' | 'completed'
    fromStartsAt: string
    toStartsAt: string | null
    reason: string | null
  }
}

interface Block {
  start: number
  end: number
}

function blockOf(kind: Kind, start: number, end: number): Block {
  const k = APPOINTMENT_KINDS[kind]
  return { start: start - k.bufferBeforeMin * MINUTE, end: end + k.bufferAfterMin * MINUTE }
}

const slotDto = (s: Slot, timeZone: string) => ({
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

function startOf(input: StartInput, timeZone: string): number {
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
interface Context {
  location: LocationInfo
  hours: LocationHours
  practitioners: (PractitionerHours & { displayName: string })[]
  booked: (BookedBlock & { appointmentId: string })[]
}

export class SchedulingService {
  readonly #db: Kysely<Database>
  readonly #now: () => Date
  readonly #publicUrl: string
  readonly #limiter: BookingRateLimiter
  /** Whether this server sends email (SMTP_URL): a booking page says "we have emailed you" only then. */
  readonly #mailConfigured: boolean
  #secret: Promise<Buffer> | null = null

  constructor(
    db: Kysely<Database>,
    now: () => Date,
    publicUrl: string,
    limiter: BookingRateLimiter,
    mailConfigured = false
  ) {
    this.#db = db
    this.#now = now
    this.#publicUrl = publicUrl.replace(/\/+$/, '')
    this.#limiter = limiter
    this.#mailConfigured = mailConfigured
  }

  #repo(db: Kysely<Database> = this.#db) {
    return new SchedulingRepository(db)
  }

  /**
   * Runs `work` in a transaction, again (up to 3 times in all) when PostgreSQL ends it as a deadlock victim: booking
   * locks (SchedulingRepository.lockTimes) keep overlapping writes from deadlocking, but a row lock taken before them
   * (a reschedule locks its appointment first) can still meet a course move in the opposite order.
   */
  async #transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#db.transaction().execute(work)
      } catch (error) {
        if (attempt >= 3 || (error as { code?: unknown })?.code !== '40P01') throw error
      }
    }
  }

  #linkSecret(): Promise<Buffer> {
    if (this.#secret === null) {
      this.#secret = linkSecret(this.#db)
      this.#secret.catch(() => {
        this.#secret = null
      })
    }
    return this.#secret
  }

  // Locations, chairs, hours, time off

  async locations(actor: Actor) {
    const repo = this.#repo()
    const [locations, chairs, practitioners] = await Promise.all([
      repo.locations(actor.clinicId),
      repo.chairs(actor.clinicId),
      repo.practitionersAt(actor.clinicId),
    ])
    const now = this.#now().getTime()
    return {
      items: locations.map((l) => ({
        ...l,
        /** The date and time at the location now: the calendar's "today" without the browser's zone data. */
        now: localTime(now, l.timeZone),
        chairs: chairs.filter((c) => c.locationId === l.id),
        practitioners: practitioners
          .filter((p) => p.locationId === l.id)
          .map((p) => ({ membershipId: p.membershipId, displayName: p.displayName, workingHours: p.workingHours })),
      })),
    }
  }

  async addChair(actor: Actor, locationId: string, name: string) {
    const repo = this.#repo()
    if ((await repo.location(actor.clinicId, locationId)) === null) {
      throw new AppError('not_found', 'No such location in this clinic')
    }
    const chair = await repo.addChair(actor.clinicId, locationId, name)
    if (chair === null) {
      throw new AppError('conflict', `This location already has a chair called “${name}”`, {
        problems: [{ path: 'body.name', message: 'a chair with this name exists here already; choose another name' }],
      })
    }
    return chair
  }

  async setWorkingHours(actor: Actor, membershipId: string, locationId: string, hours: WeeklyHoursInput) {
    const repo = this.#repo()
    if ((await repo.location(actor.clinicId, locationId)) === null) {
      throw new AppError('not_found', 'No such location in this clinic')
    }
    if ((await repo.practitioner(actor.clinicId, membershipId)) === null) {
      throw new AppError('not_found', 'No practitioner with this membership in this clinic')
    }
    const clean: Hours = {}
    for (const day of DAY_KEYS) {
      const ranges = hours[day]
      if (ranges !== undefined && ranges.length > 0) clean[day] = ranges.map(([a, b]) => [a, b])
    }
    await repo.setWorkingHours(actor.clinicId, membershipId, locationId, clean)
    return { membershipId, locationId, workingHours: clean }
  }

  async addTimeOff(
    actor: Actor,
    membershipId: string,
    input: { from: string; to: string; reason?: string | undefined }
  ) {
    if (actor.role === 'practitioner' && actor.membershipId !== membershipId) {
      throw new AppError('forbidden', 'A practitioner may enter only their own time off; ask the owner for others')
    }
    const repo = this.#repo()
    if ((await repo.practitioner(actor.clinicId, membershipId)) === null) {
      throw new AppError('not_found', 'No practitioner with this membership in this clinic')
    }
    const from = new Date(input.from)
    const to = new Date(input.to)
    const id = await repo.addTimeOff(actor.clinicId, membershipId, from, to, input.reason ?? null)
    return { id, membershipId, from: from.toISOString(), to: to.toISOString(), reason: input.reason ?? null }
  }

  // Availability

  /** Everything a search at one location needs, for local dates [fromDate, toDate]. */
  async #context(
    repo: SchedulingRepository,
    clinicId: string,
    locationId: string,
    fromDate: string,
    toDate: string,
    only?: string
  ): Promise<Context> {
    const [location, allChairs, allWorking] = await Promise.all([
      repo.location(clinicId, locationId),
      repo.chairs(clinicId, locationId),
      repo.practitionersAt(clinicId, locationId),
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
      repo.timeOff(clinicId, ids, from, to),
      repo.blocks(clinicId, locationId, ids, from, to),
      repo.travelTimes(clinicId),
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

  async availability(
    actor: Actor,
    q: {
      locationId: string
      kind: Kind
      from: string
      to: string
      practitionerId?: string | undefined
      durationMin?: number | undefined
    }
  ) {
    const ctx = await this.#context(this.#repo(), actor.clinicId, q.locationId, q.from, q.to, q.practitionerId)
    const kind = APPOINTMENT_KINDS[q.kind]
    const slots = findAvailability({
      location: ctx.hours,
      practitioners: ctx.practitioners,
      kind,
      fromDate: q.from,
      toDate: q.to,
      booked: ctx.booked,
      ...(q.durationMin === undefined ? {} : { durationMin: q.durationMin }),
      notBefore: this.#now().getTime(),
    })
    return {
      timeZone: ctx.location.timeZone,
      durationMin: q.durationMin ?? kind.durationMin,
      slots: slots.slice(0, 5000).map((s) => slotDto(s, ctx.location.timeZone)),
    }
  }

  // Appointments

  /**
   * Why an appointment of this practitioner may not take [block] at this location: outside the opening hours, the
   * practitioner's hours there, or during their time off. Null when it fits.
   */
  #outsideHours(ctx: Context, practitionerId: string, block: Block): string | null {
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
  async #taken(clinicId: string, who: 'practitioner' | 'chair', id: string, block: Block, ctx: Context) {
    const holder = await this.#repo().holder(clinicId, who, id, new Date(block.start), new Date(block.end))
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
  #chairCandidates(ctx: Context, block: Block, chairId: string | undefined, keep?: string): string[] {
    if (chairId !== undefined) return [chairId]
    const busy = new Set(ctx.booked.filter((b) => b.start < block.end && block.start < b.end).map((b) => b.chairId))
    const free = ctx.hours.chairs.filter((c) => !busy.has(c))
    if (keep !== undefined && free.includes(keep)) return [keep, ...free.filter((c) => c !== keep)]
    return free
  }

  async createAppointment(
    actor: Actor,
    input: AppointmentCreate,
    idempotencyKey: string | null
  ): Promise<{ appointment: AppointmentDto; replayed: boolean }> {
    const print = idempotencyKey === null ? null : fingerprint(input)
    if (idempotencyKey !== null) {
      const replay = await this.#replay(actor, idempotencyKey, print)
      if (replay !== null) return { appointment: replay, replayed: true }
    }
    const location = await this.#repo().location(actor.clinicId, input.locationId)
    const start = startOf(input, location?.timeZone ?? 'UTC')
    const duration = input.durationMin ?? APPOINTMENT_KINDS[input.kind].durationMin
    try {
      return await this.#book(actor, input, start, duration, idempotencyKey, print)
    } catch (error) {
      throw await this.#withAlternatives(error, actor.clinicId, {
        locationId: input.locationId,
        practitionerId: input.practitionerId,
        kind: input.kind,
        durationMin: duration,
        after: start,
        exclude: null,
      })
    }
  }

  async #book(
    actor: Actor,
    input: AppointmentCreate,
    start: number,
    duration: number,
    idempotencyKey: string | null,
    print: string | null
  ): Promise<{ appointment: AppointmentDto; replayed: boolean }> {
    const repo = this.#repo()
    const end = start + duration * MINUTE
    const block = blockOf(input.kind, start, end)
    const problems: { path: string; message: string }[] = []
    const [location, practitioner, client] = await Promise.all([
      repo.location(actor.clinicId, input.locationId),
      repo.practitioner(actor.clinicId, input.practitionerId),
      repo.clientExists(actor.clinicId, input.clientId),
    ])
    if (location === null) problems.push({ path: 'body.locationId', message: 'no such location in this clinic' })
    if (practitioner === null) {
      problems.push({ path: 'body.practitionerId', message: 'no such practitioner in this clinic' })
    }
    if (!client) problems.push({ path: 'body.clientId', message: 'no such client in this clinic' })
    if (problems.length > 0)
      throw new AppError('invalid_input', 'The booking names records this clinic does not have', { problems })
    const date = new Date(start).toISOString().slice(0, 10)
    const ctx = await this.#context(repo, actor.clinicId, input.locationId, date, date)
    if (input.chairId !== undefined && !ctx.hours.chairs.includes(input.chairId)) {
      throw new AppError('invalid_input', 'No such chair at this location', {
        problems: [{ path: 'body.chairId', message: 'no such chair in use at this location' }],
      })
    }
    const outside = this.#outsideHours(ctx, input.practitionerId, block)
    if (outside !== null) {
      throw new AppError('unprocessable', capitalise(outside), {
        problems: [{ path: 'body.startsAt', message: outside }],
      })
    }
    if (start < this.#now().getTime()) {
      throw new AppError('unprocessable', 'That time has already passed; choose a time from now on', {
        problems: [{ path: 'body.startsAt', message: 'in the past' }],
      })
    }
    const chairs = this.#chairCandidates(ctx, block, input.chairId)
    if (chairs.length === 0) {
      const message = `Every chair at ${ctx.location.name} is taken at that time; choose another time`
      throw new AppError('conflict', message, { problems: [{ path: 'body.chairId', message }] })
    }
    for (const chairId of chairs) {
      try {
        const id = await this.#transaction(async (trx) => {
          const r = this.#repo(trx)
          await r.lockTimes([input.practitionerId], [chairId])
          await this.#checkTravel(r, actor.clinicId, input.practitionerId, ctx, block, null)
          const id = await r.insertAppointment({
            clinicId: actor.clinicId,
            locationId: input.locationId,
            clientId: input.clientId,
            practitionerId: input.practitionerId,
            chairId,
            kind: input.kind,
            startsAt: new Date(start),
            endsAt: new Date(end),
            blocksFrom: new Date(block.start),
            blocksTo: new Date(block.end),
            bookedBy: actor.membershipId,
            source: 'clinic',
            idempotencyKey,
            idempotencyFingerprint: print,
            notes: input.notes ?? null,
          })
          await audit(repositoriesOver(trx), actor, {
            action: 'create',
            entity: 'appointment',
            entityId: id,
            clientId: input.clientId,
            detail: { kind: input.kind, startsAt: iso(start) },
          })
          return id
        })
        return { appointment: await this.#get(actor, id), replayed: false }
      } catch (error) {
        const overlap = overlapOf(error)
        if (overlap === 'chair' && input.chairId === undefined) continue // another chair may still be free
        if (overlap !== null) {
          throw await this.#taken(
            actor.clinicId,
            overlap,
            overlap === 'chair' ? chairId : input.practitionerId,
            block,
            ctx
          )
        }
        if (idempotencyKey !== null && isUniqueViolation(error, 'idempotency_key')) {
          // the same key raced in: the first request's booking is the answer
          const replay = await this.#replay(actor, idempotencyKey, print)
          if (replay !== null) return { appointment: replay, replayed: true }
        }
        throw error
      }
    }
    const message = `Every chair at ${ctx.location.name} was taken at that time a moment ago; choose another time`
    throw new AppError('conflict', message, { problems: [{ path: 'body.chairId', message }] })
  }

  async #replay(actor: Actor, key: string, print: string | null): Promise<AppointmentDto | null> {
    const existing = await this.#repo().byIdempotencyKey(actor.clinicId, key)
    if (existing === null) return null
    if (existing.fingerprint !== print) {
      throw new AppError(
        'unprocessable',
        'This Idempotency-Key was already used for a different booking; send a new key for a new booking, or resend the first request unchanged',
        { problems: [{ path: 'headers.idempotency-key', message: 'already used with a different request body' }] }
      )
    }
    return this.#get(actor, existing.id)
  }

  async #get(actor: Actor, appointmentId: string): Promise<AppointmentDto> {
    const a = await this.#repo().appointment(actor.clinicId, appointmentId)
    if (a === null) throw new AppError('not_found', 'No such appointment in this clinic')
    return this.#forRole(actor, a)
  }

  #forRole(actor: Actor, a: AppointmentDto): AppointmentDto {
    return seesClinical(actor) ? a : { ...a, notes: null }
  }

  async listAppointments(
    actor: Actor,
    q: {
      from: string
      to: string
      locationId?: string | undefined
      practitionerId?: string | undefined
      clientId?: string | undefined
    }
  ) {
    const repo = this.#repo()
    const locations = await repo.locations(actor.clinicId)
    const zones = new Map(locations.map((l) => [l.id, l.timeZone]))
    // local days: a day either side of UTC, then each appointment's start read in its location's zone
    const rows = await repo.list(actor.clinicId, {
      from: new Date((dayNumber(q.from) - 1) * DAY),
      to: new Date((dayNumber(q.to) + 2) * DAY),
      locationId: q.locationId,
      practitionerId: q.practitionerId,
      clientId: q.clientId,
    })
    const items = rows
      .filter((a) => {
        const d = instantToZoned(Date.parse(a.startsAt), zones.get(a.locationId) ?? 'UTC').date
        return d >= q.from && d <= q.to
      })
      .map((a) => this.#forRole(actor, a))
    if (q.clientId !== undefined) {
      await this.#transaction((trx) =>
        audit(repositoriesOver(trx), actor, {
          action: 'read',
          entity: 'appointments',
          clientId: q.clientId ?? null,
          detail: { from: q.from, to: q.to, count: items.length },
        })
      )
    }
    return { items }
  }

  async #changeStatus(
    actor: Actor,
    appointmentId: string,
    to: 'arrived' | 'cancelled' | 'no-show' | 'completed',
    reason: string | null
  ): Promise<ChangedAppointment> {
    const now = this.#now()
    const from = await this.#transaction(async (trx) => {
      const repo = this.#repo(trx)
      const a = await repo.appointment(actor.clinicId, appointmentId, true)
      if (a === null) throw new AppError('not_found', 'No such appointment in this clinic')
      const zone = (await repo.location(actor.clinicId, a.locationId))?.timeZone ?? 'UTC'
      const refuse = this.#statusRefusal(a, to, now.getTime(), zone)
      if (refuse !== null) throw new AppError('conflict', refuse)
      await repo.setStatus(actor.clinicId, appointmentId, to, now, reason)
      await repo.recordChange(actor.clinicId, appointmentId, to, new Date(a.startsAt), null, reason, actor.membershipId)
      await audit(repositoriesOver(trx), actor, {
        action: 'update',
        entity: 'appointment',
        entityId: appointmentId,
        clientId: a.clientId,
        detail: { status: to, ...(reason === null ? {} : { reason }) },
      })
      return a.startsAt
    })
    const appointment = await this.#get(actor, appointmentId)
    return { ...appointment, change: { change: to, fromStartsAt: from, toStartsAt: null, reason } }
  }

  /**
   * Why an appointment may not take this status now, or null. Arrived (checked in) and no-show from the start of the
   * appointment's local day; completed once the client has arrived or the appointment has started; cancelled while
   * booked or arrived.
   */
  #statusRefusal(
    a: AppointmentDto,
    to: 'arrived' | 'cancelled' | 'no-show' | 'completed',
    now: number,
    timeZone: string
  ): string | null {
    const state: Record<string, string> = {
      booked: 'booked',
      arrived: 'checked in',
      completed: 'completed',
      'no-show': 'marked as a no-show',
      cancelled: 'cancelled',
    }
    const allowed: Record<typeof to, readonly string[]> = {
      arrived: ['booked'],
      'no-show': ['booked'],
      completed: ['booked', 'arrived'],
      cancelled: ['booked', 'arrived'],
    }
    if (!allowed[to].includes(a.status)) {
      if (a.status === to) return `This appointment is already ${state[to]}`
      return `This appointment is ${state[a.status] ?? a.status}; it cannot be ${to === 'arrived' ? 'checked in' : to === 'no-show' ? 'marked as a no-show' : to} now`
    }
    const localToday = localTime(now, timeZone).date
    if ((to === 'arrived' || to === 'no-show') && localToday < a.startsAtLocal.date) {
      return `This appointment is on ${a.startsAtLocal.date}; a client can be ${to === 'arrived' ? 'checked in' : 'marked as a no-show'} on the day`
    }
    if (to === 'completed' && a.status === 'booked' && Date.parse(a.startsAt) > now) {
      return 'This appointment has not started yet; check the client in when they arrive, or mark it completed from its start time'
    }
    return null
  }

  arrive(actor: Actor, appointmentId: string) {
    return this.#changeStatus(actor, appointmentId, 'arrived', null)
  }

  cancel(actor: Actor, appointmentId: string, reason: string) {
    return this.#changeStatus(actor, appointmentId, 'cancelled', reason)
  }

  noShow(actor: Actor, appointmentId: string) {
    return this.#changeStatus(actor, appointmentId, 'no-show', null)
  }

  complete(actor: Actor, appointmentId: string) {
    return this.#changeStatus(actor, appointmentId, 'completed', null)
  }

  /** An appointment with its history (local times) and, for a website booking, the clients its details match. */
  async appointmentDetail(actor: Actor, appointmentId: string) {
    const repo = this.#repo()
    const a = await repo.appointment(actor.clinicId, appointmentId)
    if (a === null) throw new AppError('not_found', 'No such appointment in this clinic')
    const location = await repo.location(actor.clinicId, a.locationId)
    const tz = location?.timeZone ?? 'UTC'
    const local = (d: Date | null) => (d === null ? null : localTime(d.getTime(), tz))
    const history = (await repo.history(actor.clinicId, appointmentId)).map((h) => ({
      change: h.change,
      at: h.at.toISOString(),
      atLocal: localTime(h.at.getTime(), tz),
      by: h.by ?? (h.change === 'booked' && a.source === 'public' ? 'Website booking' : 'Client (booking link)'),
      reason: h.reason,
      fromStartsAtLocal: local(h.fromStartsAt),
      toStartsAtLocal: local(h.toStartsAt),
      detail: h.detail ?? {},
    }))
    const matches =
      a.clientId === null && a.contact !== null
        ? await repo.clientsMatching(actor.clinicId, a.contact.email, a.contact.phone)
        : []
    await this.#transaction((trx) =>
      audit(repositoriesOver(trx), actor, {
        action: 'read',
        entity: 'appointment',
        entityId: appointmentId,
        clientId: a.clientId,
        detail: { history: history.length },
      })
    )
    return { appointment: this.#forRole(actor, a), history, matchingClients: matches }
  }

  /** Links a website booking (no client file yet) to a client file, recorded in its history. */
  async linkClient(actor: Actor, appointmentId: string, clientId: string) {
    const repo = this.#repo()
    if (!(await repo.clientExists(actor.clinicId, clientId))) {
      throw new AppError('invalid_input', 'No such client in this clinic', {
        problems: [{ path: 'body.clientId', message: 'no such client in this clinic' }],
      })
    }
    await this.#transaction(async (trx) => {
      const r = this.#repo(trx)
      const a = await r.appointment(actor.clinicId, appointmentId, true)
      if (a === null) throw new AppError('not_found', 'No such appointment in this clinic')
      if (a.clientId !== null) {
        throw new AppError(
          'conflict',
          a.clientId === clientId
            ? 'This booking is already linked to this client file'
            : `This booking is already linked to ${a.clientName ?? 'another client'}'s file`
        )
      }
      await r.linkClient(actor.clinicId, appointmentId, clientId, this.#now())
      await r.recordChange(
        actor.clinicId,
        appointmentId,
        'linked',
        null,
        null,
        `linked to the client file of ${a.contact?.name ?? 'the visitor'}`,
        actor.membershipId,
        { clientId }
      )
      await audit(repositoriesOver(trx), actor, {
        action: 'update',
        entity: 'appointment',
        entityId: appointmentId,
        clientId,
        detail: { linkedClient: clientId },
      })
    })
    return this.#get(actor, appointmentId)
  }

  // Travel between locations

  async travelTimes(actor: Actor) {
    const repo = this.#repo()
    const [locations, times] = await Promise.all([repo.locations(actor.clinicId), repo.travelTimes(actor.clinicId)])
    const name = new Map(locations.map((l) => [l.id, l.name]))
    return {
      items: times.map((t) => ({
        locationAId: t.locationA,
        locationAName: name.get(t.locationA) ?? '',
        locationBId: t.locationB,
        locationBName: name.get(t.locationB) ?? '',
        minutes: t.minutes,
      })),
    }
  }

  async setTravelTime(actor: Actor, input: TravelTimeInput) {
    const repo = this.#repo()
    const problems: { path: string; message: string }[] = []
    if ((await repo.location(actor.clinicId, input.locationAId)) === null)
      problems.push({ path: 'body.locationAId', message: 'no such location in this clinic' })
    if ((await repo.location(actor.clinicId, input.locationBId)) === null)
      problems.push({ path: 'body.locationBId', message: 'no such location in this clinic' })
    if (problems.length > 0)
      throw new AppError('invalid_input', 'The travel time names unknown locations', { problems })
    await this.#transaction(async (trx) => {
      await this.#repo(trx).setTravelTime(
        actor.clinicId,
        input.locationAId,
        input.locationBId,
        input.minutes,
        actor.membershipId
      )
      await audit(repositoriesOver(trx), actor, {
        action: 'update',
        entity: 'travel-time',
        entityId: null,
        clientId: null,
        detail: { locationAId: input.locationAId, locationBId: input.locationBId, minutes: input.minutes },
      })
    })
    return this.travelTimes(actor)
  }

  /**
   * Refuses a block for a practitioner at ctx's location that leaves too little time to travel from or to their
   * appointments at other locations (none on the same local day when no travel time is set). Run inside the booking
   * transaction after the practitioner's booking lock is taken, so two bookings at two locations cannot both pass.
   */
  async #checkTravel(
    r: SchedulingRepository,
    clinicId: string,
    practitionerId: string,
    ctx: Context,
    block: Block,
    exclude: string | null
  ): Promise<void> {
    const tz = ctx.location.timeZone
    const elsewhere = await r.elsewhere(
      clinicId,
      practitionerId,
      ctx.location.id,
      new Date(block.start - 2 * DAY),
      new Date(block.end + 2 * DAY),
      exclude
    )
    if (elsewhere.length === 0) return
    const travel = await r.travelTimes(clinicId)
    const name =
      ctx.practitioners.find((p) => p.id === practitionerId)?.displayName ??
      (await r.practitioner(clinicId, practitionerId))?.displayName ??
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

  /**
   * A refusal of a booking or move with the free times that would work nearest the time asked (up to three, earlier
   * the same day or later, over two weeks at the location): the same practitioner first, anyone there when they have none.
   */
  async #withAlternatives(
    error: unknown,
    clinicId: string,
    q: {
      locationId: string
      practitionerId: string
      kind: Kind
      durationMin: number
      after: number
      exclude: string | null
    }
  ): Promise<unknown> {
    if (!(error instanceof AppError) || (error.code !== 'conflict' && error.code !== 'unprocessable')) return error
    if (error.extensions.alternatives !== undefined) return error
    try {
      const alternatives = await this.#nextFree(clinicId, q)
      return new AppError(error.code, error.message, {
        problems: error.problems,
        extensions: { alternatives },
      })
    } catch {
      return error
    }
  }

  async #nextFree(
    clinicId: string,
    q: {
      locationId: string
      practitionerId: string
      kind: Kind
      durationMin: number
      after: number
      exclude: string | null
    }
  ): Promise<Alternative[]> {
    const repo = this.#repo()
    const location = await repo.location(clinicId, q.locationId)
    if (location === null) return []
    const tz = location.timeZone
    // the whole of the asked day (free times before the one asked count too), never the past
    const now = this.#now().getTime()
    const asked = Math.max(Number.isFinite(q.after) ? q.after : 0, now)
    const from = instantToZoned(asked, tz).date
    const to = dateOfDay(dayNumber(from) + 13)
    const ctx = await this.#context(repo, clinicId, q.locationId, from, to)
    if (q.exclude !== null) ctx.booked = ctx.booked.filter((b) => b.appointmentId !== q.exclude)
    const chairs = await repo.chairs(clinicId, q.locationId)
    const search = (practitioners: Context['practitioners']) =>
      findAvailability({
        location: ctx.hours,
        practitioners,
        kind: APPOINTMENT_KINDS[q.kind],
        fromDate: from,
        toDate: to,
        booked: ctx.booked,
        durationMin: q.durationMin,
        notBefore: now,
      })
    // where the appointment being moved already is, it is not a time to offer
    const current = q.exclude === null ? null : await repo.appointment(clinicId, q.exclude)
    const elsewhere = (s: Slot) =>
      current === null ||
      !(
        s.start === Date.parse(current.startsAt) &&
        s.practitionerId === current.practitionerId &&
        current.locationId === q.locationId
      )
    const mine = search(ctx.practitioners.filter((p) => p.id === q.practitionerId)).filter(elsewhere)
    const slots = mine.length > 0 ? mine : search(ctx.practitioners).filter(elsewhere)
    const seen = new Set<number>()
    // nearest to the time asked first, before or after it; later days follow, in order
    return slots
      .filter((s) => !seen.has(s.start) && seen.add(s.start))
      .sort((x, y) => Math.abs(x.start - asked) - Math.abs(y.start - asked))
      .slice(0, 3)
      .map((s) => ({
        startsAt: iso(s.start),
        endsAt: iso(s.end),
        startsAtLocal: localTime(s.start, tz),
        endsAtLocal: localTime(s.end, tz),
        locationId: location.id,
        locationName: location.name,
        practitionerId: s.practitionerId,
        practitionerName: ctx.practitioners.find((p) => p.id === s.practitionerId)?.displayName ?? '',
        chairId: s.chairId,
        chairName: chairs.find((c) => c.id === s.chairId)?.name ?? '',
      }))
  }

  /**
   * Moves an appointment to another time, day, practitioner, chair or location (any of them at once). A refusal
   * says why and offers the next free times that would work.
   */
  async reschedule(actor: Actor, appointmentId: string, input: MoveInput): Promise<ChangedAppointment> {
    const repo = this.#repo()
    const a = await repo.appointment(actor.clinicId, appointmentId)
    if (a === null) throw new AppError('not_found', 'No such appointment in this clinic')
    const locationId = input.locationId ?? a.locationId
    const practitionerId = input.practitionerId ?? a.practitionerId
    const location = await repo.location(actor.clinicId, locationId)
    if (location === null) {
      throw new AppError('invalid_input', 'No such location in this clinic', {
        problems: [{ path: 'body.locationId', message: 'no such location in this clinic' }],
      })
    }
    const start =
      input.startsAt === undefined && input.startsAtLocal === undefined
        ? Date.parse(a.startsAt)
        : startOf(input, location.timeZone)
    const durationMin = Math.round((Date.parse(a.endsAt) - Date.parse(a.startsAt)) / MINUTE)
    try {
      return await this.#move(actor, a, { ...input, locationId, practitionerId }, start)
    } catch (error) {
      throw await this.#withAlternatives(error, actor.clinicId, {
        locationId,
        practitionerId,
        kind: a.kind,
        durationMin,
        after: start,
        exclude: a.id,
      })
    }
  }

  async #move(
    actor: Actor,
    a: AppointmentDto,
    input: MoveInput & { locationId: string; practitionerId: string },
    start: number
  ): Promise<ChangedAppointment> {
    const repo = this.#repo()
    const appointmentId = a.id
    if (a.status !== 'booked' && a.status !== 'arrived')
      throw new AppError('conflict', `This appointment is ${a.status}; only a booked one can move`)
    if (
      input.practitionerId !== a.practitionerId &&
      (await repo.practitioner(actor.clinicId, input.practitionerId)) === null
    ) {
      throw new AppError('invalid_input', 'No such practitioner in this clinic', {
        problems: [{ path: 'body.practitionerId', message: 'no such practitioner in this clinic' }],
      })
    }
    const end = start + (Date.parse(a.endsAt) - Date.parse(a.startsAt))
    const block = blockOf(a.kind, start, end)
    if (start < this.#now().getTime() && start !== Date.parse(a.startsAt)) {
      throw new AppError('unprocessable', 'That time has already passed; choose a time from now on', {
        problems: [{ path: 'body.startsAt', message: 'in the past' }],
      })
    }
    const date = new Date(start).toISOString().slice(0, 10)
    const ctx = await this.#context(repo, actor.clinicId, input.locationId, date, date)
    ctx.booked = ctx.booked.filter((b) => b.appointmentId !== a.id)
    if (input.chairId !== undefined && !ctx.hours.chairs.includes(input.chairId)) {
      throw new AppError('invalid_input', 'No such chair at this location', {
        problems: [{ path: 'body.chairId', message: 'no such chair in use at this location' }],
      })
    }
    const outside = this.#outsideHours(ctx, input.practitionerId, block)
    if (outside !== null) {
      throw new AppError('unprocessable', capitalise(outside), {
        problems: [
          {
            path: outside.includes('has no working hours') ? 'body.practitionerId' : 'body.startsAt',
            message: outside,
          },
        ],
      })
    }
    if (a.courseId !== null && a.courseIndex !== null) {
      const course = await repo.course(actor.clinicId, a.courseId)
      const sessions = await repo.courseSessions(actor.clinicId, a.courseId)
      const tz = ctx.location.timeZone
      const dates = sessions.map((s) => (s.id === a.id ? instantToZoned(start, tz).date : s.startsAtLocal.date))
      const problem = spacingProblems(dates, course?.minGapDays, course?.maxGapDays)[0]
      if (problem !== undefined) {
        const message = `${capitalise(problem.message)}. Move it from the client's course page, which moves the later sessions to keep the spacing`
        throw new AppError('conflict', message, { problems: [{ path: 'body.startsAt', message: problem.message }] })
      }
    }
    const sameChairPlace = input.locationId === a.locationId ? a.chairId : undefined
    const chairs = this.#chairCandidates(ctx, block, input.chairId, sameChairPlace)
    if (chairs.length === 0) {
      const message = `Every chair at ${ctx.location.name} is taken at that time; choose another time`
      throw new AppError('conflict', message, { problems: [{ path: 'body.chairId', message }] })
    }
    const reason = input.reason
    for (const chairId of chairs) {
      const detail: Record<string, string> = {}
      if (input.practitionerId !== a.practitionerId) {
        detail.fromPractitionerId = a.practitionerId
        detail.toPractitionerId = input.practitionerId
      }
      if (chairId !== a.chairId) {
        detail.fromChairId = a.chairId
        detail.toChairId = chairId
      }
      if (input.locationId !== a.locationId) {
        detail.fromLocationId = a.locationId
        detail.toLocationId = input.locationId
      }
      if (start === Date.parse(a.startsAt) && Object.keys(detail).length === 0) {
        // already where and when it was asked to be: nothing to change, nothing recorded (a retry is harmless)
        return {
          ...this.#forRole(actor, a),
          change: { change: 'rescheduled', fromStartsAt: a.startsAt, toStartsAt: a.startsAt, reason },
        }
      }
      try {
        await this.#transaction(async (trx) => {
          const r = this.#repo(trx)
          const locked = await r.appointment(actor.clinicId, appointmentId, true)
          if (
            locked === null ||
            locked.status !== a.status ||
            locked.startsAt !== a.startsAt ||
            locked.practitionerId !== a.practitionerId ||
            locked.locationId !== a.locationId
          ) {
            throw new AppError(
              'conflict',
              'This appointment was changed by someone else a moment ago; reload it and try again'
            )
          }
          await r.lockTimes([input.practitionerId], [chairId])
          await this.#checkTravel(r, actor.clinicId, input.practitionerId, ctx, block, appointmentId)
          await r.moveTo(
            actor.clinicId,
            appointmentId,
            {
              startsAt: new Date(start),
              endsAt: new Date(end),
              blocksFrom: new Date(block.start),
              blocksTo: new Date(block.end),
              chairId,
              practitionerId: input.practitionerId,
              locationId: input.locationId,
            },
            this.#now()
          )
          await r.recordChange(
            actor.clinicId,
            appointmentId,
            'rescheduled',
            new Date(a.startsAt),
            new Date(start),
            reason,
            actor.membershipId,
            Object.keys(detail).length === 0 ? null : detail
          )
          await audit(repositoriesOver(trx), actor, {
            action: 'update',
            entity: 'appointment',
            entityId: appointmentId,
            clientId: a.clientId,
            detail: { rescheduledFrom: a.startsAt, to: iso(start), reason, ...detail },
          })
        })
        const appointment = await this.#get(actor, appointmentId)
        return {
          ...appointment,
          change: { change: 'rescheduled', fromStartsAt: a.startsAt, toStartsAt: iso(start), reason },
        }
      } catch (error) {
        const overlap = overlapOf(error)
        if (overlap === 'chair' && input.chairId === undefined) continue
        if (overlap !== null) {
          throw await this.#taken(
            actor.clinicId,
            overlap,
            overlap === 'chair' ? chairId : input.practitionerId,
            block,
            ctx
          )
        }
        throw error
      }
    }
    const message = `Every chair at ${ctx.location.name} was taken at that time a moment ago; choose another time`
    throw new AppError('conflict', message, { problems: [{ path: 'body.chairId', message }] })
  }

  // Courses

  /** The first day a course may start: after the consultation, any dated deferral, and not before today. */
  async #earliestCourseDate(actor: Actor, clientId: string, tz: string, asked: string | undefined): Promise<string> {
    const consultations = await this.#repo().consultations(actor.clinicId, clientId)
    const latest = consultations[0]
    if (latest === undefined) {
      throw new AppError(
        'unprocessable',
        'This client has no consultation yet; a course is booked after the consultation',
        {
          problems: [{ path: 'body.treatmentPlanId', message: 'no consultation for this client' }],
        }
      )
    }
    const screening = latest.screening as { findings?: { severity?: string; message?: string; until?: string }[] }
    if (latest.screening_status === 'not-suitable') {
      const why = (screening.findings ?? []).find((f) => f.severity === 'block')?.message
      throw new AppError(
        'unprocessable',
        `The consultation found SMP not suitable for this client${why === undefined ? '' : ` (${why})`}; no course can be booked`
      )
    }
    const openEnded = (screening.findings ?? []).find((f) => f.severity === 'defer' && f.until === undefined)
    if (openEnded !== undefined) {
      throw new AppError(
        'unprocessable',
        `Treatment is deferred until a condition clears (${openEnded.message ?? 'see the consultation'}); book the course once it has`
      )
    }
    const candidates = [
      dateOfDay(dayNumber(instantToZoned(latest.created_at.getTime(), tz).date) + 1),
      instantToZoned(this.#now().getTime(), tz).date,
      ...(screening.findings ?? []).flatMap((f) => (typeof f.until === 'string' ? [f.until] : [])),
    ]
    const result = latest.result as { dates?: { earliestStart?: unknown } } | null
    if (typeof result?.dates?.earliestStart === 'string') candidates.push(result.dates.earliestStart)
    if (asked !== undefined) candidates.push(asked)
    return (
      candidates
        .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
        .sort()
        .at(-1) ??
      candidates[1] ??
      ''
    )
  }

  async createCourse(actor: Actor, clientId: string, input: CourseCreate) {
    const repo = this.#repo()
    if (!(await repo.clientExists(actor.clinicId, clientId)))
      throw new AppError('not_found', 'No such client in this clinic')
    const plan = await repo.treatmentPlan(actor.clinicId, clientId, input.treatmentPlanId)
    if (plan === null) {
      throw new AppError('invalid_input', 'No such treatment plan for this client', {
        problems: [{ path: 'body.treatmentPlanId', message: 'no treatment plan with this id for this client' }],
      })
    }
    const sessions = (plan.plan as { sessions?: { durationMinutes?: unknown }[] }).sessions ?? []
    const durations = sessions.map((s) => (typeof s.durationMinutes === 'number' ? Math.round(s.durationMinutes) : 180))
    if (durations.length === 0 || durations.length > 50) {
      throw new AppError('unprocessable', 'The treatment plan has no sessions to book')
    }
    if (
      input.practitionerId !== undefined &&
      (await repo.practitioner(actor.clinicId, input.practitionerId)) === null
    ) {
      throw new AppError('invalid_input', 'No such practitioner in this clinic', {
        problems: [{ path: 'body.practitionerId', message: 'no such practitioner in this clinic' }],
      })
    }
    const location = await repo.location(actor.clinicId, input.locationId)
    if (location === null) {
      throw new AppError('invalid_input', 'No such location in this clinic', {
        problems: [{ path: 'body.locationId', message: 'no such location in this clinic' }],
      })
    }
    // the plan's spacing (sessions `spacingDays` apart) within DOMAIN's 7–14 days, unless the request says otherwise
    const spacing = (plan.plan as { spacingDays?: unknown }).spacingDays
    const planSpacing =
      typeof spacing === 'number' && Number.isFinite(spacing)
        ? Math.min(DEFAULT_MAX_GAP_DAYS, Math.max(DEFAULT_MIN_GAP_DAYS, Math.round(spacing)))
        : DEFAULT_MIN_GAP_DAYS
    const max = input.maxGapDays ?? Math.max(DEFAULT_MAX_GAP_DAYS, input.minGapDays ?? planSpacing)
    const min = Math.min(input.minGapDays ?? planSpacing, max)
    const earliestDate = await this.#earliestCourseDate(actor, clientId, location.timeZone, input.earliestDate)
    const lastDate = dateOfDay(dayNumber(earliestDate) + COURSE_WINDOW_DAYS + durations.length * max + 1)
    const ctx = await this.#context(
      repo,
      actor.clinicId,
      input.locationId,
      earliestDate,
      lastDate,
      input.practitionerId
    )
    if (input.practitionerId !== undefined && ctx.practitioners.length === 0) {
      throw new AppError('unprocessable', 'This practitioner has no working hours at this location', {
        problems: [{ path: 'body.practitionerId', message: 'no working hours at this location' }],
      })
    }
    const planned = planCourse(
      {
        sessions: durations.length,
        durationsMin: durations,
        minGapDays: min,
        maxGapDays: max,
        earliestDate,
        ...(input.practitionerId === undefined ? {} : { preferredPractitionerId: input.practitionerId }),
      },
      {
        location: ctx.hours,
        practitioners: ctx.practitioners,
        kind: APPOINTMENT_KINDS['smp-session'],
        booked: ctx.booked,
        notBefore: this.#now().getTime(),
      }
    )
    if (!planned.ok) {
      throw new AppError('conflict', `The course cannot be booked: ${planned.reason}`, {
        problems: [{ path: 'body', message: planned.reason }],
      })
    }
    try {
      const courseId = await this.#transaction(async (trx) => {
        const r = this.#repo(trx)
        // every session's booking locks first, in the one global order
        await r.lockTimes(
          planned.sessions.map((x) => x.practitionerId),
          planned.sessions.map((x) => x.chairId)
        )
        const courseId = await r.insertCourse({
          clinicId: actor.clinicId,
          clientId,
          treatmentPlanId: input.treatmentPlanId,
          locationId: input.locationId,
          minGapDays: min,
          maxGapDays: max,
          earliestDate,
          createdBy: actor.membershipId,
        })
        for (const [i, s] of planned.sessions.entries()) {
          const block = blockOf('smp-session', s.start, s.end)
          await this.#checkTravel(r, actor.clinicId, s.practitionerId, ctx, block, null)
          await r.insertAppointment({
            clinicId: actor.clinicId,
            locationId: input.locationId,
            clientId,
            practitionerId: s.practitionerId,
            chairId: s.chairId,
            kind: 'smp-session',
            startsAt: new Date(s.start),
            endsAt: new Date(s.end),
            blocksFrom: new Date(block.start),
            blocksTo: new Date(block.end),
            courseId,
            courseIndex: i + 1,
            bookedBy: actor.membershipId,
            source: 'clinic',
          })
        }
        await audit(repositoriesOver(trx), actor, {
          action: 'create',
          entity: 'course',
          entityId: courseId,
          clientId,
          detail: { sessions: planned.sessions.length, earliestDate },
        })
        return courseId
      })
      return this.getCourse(actor, courseId)
    } catch (error) {
      if (overlapOf(error) !== null) {
        throw new AppError(
          'conflict',
          'One of these times was booked by someone else a moment ago; please book the course again'
        )
      }
      throw error
    }
  }

  async getCourse(actor: Actor, courseId: string) {
    const repo = this.#repo()
    const course = await repo.course(actor.clinicId, courseId)
    if (course === null) throw new AppError('not_found', 'No such course in this clinic')
    const sessions = (await repo.courseSessions(actor.clinicId, courseId)).map((s) => this.#forRole(actor, s))
    return { ...course, sessions }
  }

  async moveCourseSession(
    actor: Actor,
    courseId: string,
    index: number,
    input: StartInput & { apply?: boolean | undefined }
  ) {
    const repo = this.#repo()
    const course = await repo.course(actor.clinicId, courseId)
    if (course === null) throw new AppError('not_found', 'No such course in this clinic')
    const courseZone = (await repo.location(actor.clinicId, course.locationId))?.timeZone ?? 'UTC'
    const sessions = await repo.courseSessions(actor.clinicId, courseId)
    const position = sessions.findIndex((s) => s.courseIndex === index)
    const current = sessions[position]
    if (current === undefined) throw new AppError('not_found', `This course has no booked session ${index}`)
    if (current.status !== 'booked')
      throw new AppError('conflict', `Session ${index} is ${current.status}; it cannot move`)
    const start = startOf(input, courseZone)
    if (start < this.#now().getTime()) {
      throw new AppError('unprocessable', 'That time has already passed; choose a time from now on', {
        problems: [{ path: 'body.startsAt', message: 'in the past' }],
      })
    }
    const end = start + (Date.parse(current.endsAt) - Date.parse(current.startsAt))
    const block = blockOf('smp-session', start, end)
    const ids = new Set(sessions.map((s) => s.id))
    const first = Math.min(start, Date.parse(sessions[0]?.startsAt ?? iso(start)))
    const last = Math.max(start, Date.parse(sessions.at(-1)?.startsAt ?? iso(start)))
    const ctx = await this.#context(
      repo,
      actor.clinicId,
      course.locationId,
      new Date(first).toISOString().slice(0, 10),
      dateOfDay(Math.floor(last / DAY) + sessions.length * course.maxGapDays + 1)
    )
    ctx.booked = ctx.booked.filter((b) => !ids.has(b.appointmentId))
    const tz = ctx.location.timeZone
    const outside = this.#outsideHours(ctx, current.practitionerId, block)
    if (outside !== null) {
      throw new AppError('conflict', capitalise(outside), { problems: [{ path: 'body.startsAt', message: outside }] })
    }
    if (
      ctx.booked.some((b) => b.practitionerId === current.practitionerId && b.start < block.end && block.start < b.end)
    ) {
      throw await this.#taken(actor.clinicId, 'practitioner', current.practitionerId, block, ctx)
    }
    const chair = this.#chairCandidates(ctx, block, undefined, current.chairId)[0]
    if (chair === undefined) {
      throw new AppError('conflict', `Every chair at ${ctx.location.name} is taken at that time; choose another time`, {
        problems: [{ path: 'body.startsAt', message: 'no chair free' }],
      })
    }
    const slots: Slot[] = sessions.map((s) => ({
      start: Date.parse(s.startsAt),
      end: Date.parse(s.endsAt),
      practitionerId: s.practitionerId,
      chairId: s.chairId,
      date: instantToZoned(Date.parse(s.startsAt), tz).date,
    }))
    const moved = moveSession(
      slots,
      position,
      { start, end, practitionerId: current.practitionerId, chairId: chair, date: instantToZoned(start, tz).date },
      {
        location: ctx.hours,
        practitioners: ctx.practitioners,
        kind: APPOINTMENT_KINDS['smp-session'],
        booked: ctx.booked,
        notBefore: this.#now().getTime(),
      },
      course.minGapDays,
      course.maxGapDays
    )
    if (!moved.ok) {
      throw new AppError('conflict', capitalise(moved.reason), {
        problems: [{ path: 'body.startsAt', message: moved.reason }],
      })
    }
    const proposal = moved.sessions.map((s, i) => ({
      index: sessions[i]?.courseIndex ?? i + 1,
      startsAt: iso(s.start),
      endsAt: iso(s.end),
      startsAtLocal: localTime(s.start, tz),
      endsAtLocal: localTime(s.end, tz),
      practitionerId: s.practitionerId,
      chairId: s.chairId,
      moved: moved.moved.includes(i),
    }))
    if (input.apply !== true) return { ok: true as const, proposal, applied: false }
    try {
      await this.#transaction(async (trx) => {
        const r = this.#repo(trx)
        if (!(await r.lockCourse(actor.clinicId, courseId)))
          throw new AppError('not_found', 'No such course in this clinic')
        const fresh = await r.courseSessions(actor.clinicId, courseId)
        if (fresh.map((s) => s.startsAt).join() !== sessions.map((s) => s.startsAt).join()) {
          throw new AppError('conflict', 'This course was changed by someone else a moment ago; ask for a new proposal')
        }
        // every moved session's booking locks first, in the one global order
        const targets = moved.moved.map((i) => moved.sessions[i] as Slot)
        await r.lockTimes(
          targets.map((x) => x.practitionerId),
          targets.map((x) => x.chairId)
        )
        // later sessions first: a re-flow only pushes sessions later, so each lands where nothing of the course is
        for (const i of [...moved.moved].sort((a, b) => b - a)) {
          const s = moved.sessions[i] as Slot
          const old = sessions[i] as AppointmentDto
          const b = blockOf('smp-session', s.start, s.end)
          await r.moveTo(
            actor.clinicId,
            old.id,
            {
              startsAt: new Date(s.start),
              endsAt: new Date(s.end),
              blocksFrom: new Date(b.start),
              blocksTo: new Date(b.end),
              chairId: s.chairId,
              practitionerId: s.practitionerId,
            },
            this.#now()
          )
          const reason =
            i === position
              ? `session ${index} moved`
              : `re-flowed after session ${index} moved, to keep ${course.minGapDays}–${course.maxGapDays} days between sessions`
          await r.recordChange(
            actor.clinicId,
            old.id,
            'rescheduled',
            new Date(old.startsAt),
            new Date(s.start),
            reason,
            actor.membershipId
          )
        }
        await audit(repositoriesOver(trx), actor, {
          action: 'update',
          entity: 'course',
          entityId: courseId,
          clientId: course.clientId,
          detail: { moved: moved.moved.map((i) => i + 1) },
        })
      })
    } catch (error) {
      if (overlapOf(error) !== null) {
        throw new AppError(
          'conflict',
          'One of the proposed times was booked by someone else a moment ago; ask for a new proposal'
        )
      }
      throw error
    }
    return { ok: true as const, proposal, applied: true }
  }

  async touchUpProposal(actor: Actor, clientId: string) {
    const repo = this.#repo()
    const client = await repo.client(actor.clinicId, clientId)
    if (client === null) throw new AppError('not_found', 'No such client in this clinic')
    const consultation = (await repo.consultations(actor.clinicId, clientId)).find(
      (c) =>
        typeof (c.result as { longevity?: { touchUpAfterYears?: unknown } } | null)?.longevity?.touchUpAfterYears ===
        'number'
    )
    if (consultation === undefined) {
      throw new AppError(
        'unprocessable',
        'This client has no consultation with a longevity estimate yet, so no touch-up date can be proposed'
      )
    }
    const years = (consultation.result as { longevity: { touchUpAfterYears: number } }).longevity.touchUpAfterYears
    const last = await repo.lastSession(actor.clinicId, clientId)
    if (last === null) {
      throw new AppError(
        'unprocessable',
        'No session has been performed yet; a touch-up is proposed from the last session'
      )
    }
    const locationId = last.locationId
    const location = await repo.location(actor.clinicId, locationId)
    const tz = location?.timeZone ?? 'UTC'
    const lastDate = instantToZoned(last.at.getTime(), tz).date
    const [y, m, d] = lastDate.split('-').map(Number)
    const due = new Date(
      Date.UTC((y ?? 1970) + Math.floor(years), (m ?? 1) - 1, d ?? 1) + Math.round((years % 1) * 365) * DAY
    )
    // 29 February on a year without one becomes 1 March through Date.UTC; that is fine for a proposal
    const proposedDate = due.toISOString().slice(0, 10)
    const today = instantToZoned(this.#now().getTime(), tz).date
    // the later of the two dates (ISO dates compare as text)
    const from = [proposedDate, today].sort()[1] ?? today
    const to = dateOfDay(dayNumber(from) + 13)
    const ctx = await this.#context(repo, actor.clinicId, locationId, from, to)
    const slots = findAvailability({
      location: ctx.hours,
      practitioners: ctx.practitioners,
      kind: APPOINTMENT_KINDS['touch-up'],
      fromDate: from,
      toDate: to,
      booked: ctx.booked,
      notBefore: this.#now().getTime(),
    })
    const seen = new Set<number>()
    const distinct = slots.filter((s) => !seen.has(s.start) && seen.add(s.start)).slice(0, 10)
    await this.#transaction((trx) =>
      audit(repositoriesOver(trx), actor, {
        action: 'read',
        entity: 'touch-up-proposal',
        clientId,
        detail: { proposedDate },
      })
    )
    return {
      proposedDate,
      touchUpAfterYears: years,
      lastSessionDate: lastDate,
      reason: `The consultation on ${instantToZoned(consultation.created_at.getTime(), tz).date} estimated a touch-up about ${years} years after the last session (${lastDate})`,
      locationId,
      slots: distinct.map((s) => slotDto(s, tz)),
    }
  }

  // Portal

  async portalAppointments(actor: Actor) {
    const repo = this.#repo()
    const clientId = await repo.clientOfUser(actor.clinicId, actor.userId)
    if (clientId === null) throw new AppError('not_found', 'No client record of yours in this clinic')
    const locations = new Map((await repo.locations(actor.clinicId)).map((l) => [l.id, l]))
    const all = await repo.list(actor.clinicId, { from: new Date(0), to: new Date('9999-01-01T00:00:00Z'), clientId })
    const now = this.#now().getTime()
    const view = (a: AppointmentDto) => {
      const location = locations.get(a.locationId)
      const tz = location?.timeZone ?? 'UTC'
      return {
        id: a.id,
        kind: a.kind,
        status: a.status,
        startsAt: a.startsAt,
        endsAt: a.endsAt,
        startsAtLocal: localAt(a.startsAt, tz),
        endsAtLocal: localAt(a.endsAt, tz),
        durationMin: Math.round((Date.parse(a.endsAt) - Date.parse(a.startsAt)) / MINUTE),
        locationName: location?.name ?? '',
        practitionerName: a.practitionerName,
      }
    }
    await this.#transaction((trx) =>
      audit(repositoriesOver(trx), actor, {
        action: 'read',
        entity: 'appointments',
        clientId,
        detail: { portal: true },
      })
    )
    return {
      upcoming: all.filter((a) => a.status === 'booked' && Date.parse(a.endsAt) > now).map(view),
      past: all
        .filter((a) => !(a.status === 'booked' && Date.parse(a.endsAt) > now))
        .reverse()
        .map(view),
    }
  }

  // Public booking

  async #clinic(slug: string) {
    const clinic = await this.#repo().clinicBySlug(slug)
    if (clinic === null) throw new AppError('not_found', 'No clinic at this address')
    return clinic
  }

  async publicClinic(slug: string) {
    const clinic = await this.#clinic(slug)
    const locations = await this.#repo().locations(clinic.id)
    const now = this.#now()
    return {
      name: clinic.name,
      slug: clinic.slug,
      /** A booking's confirmation goes by email only when this server sends mail. */
      emailsConfirmations: this.#mailConfigured,
      consultationMinutes: APPOINTMENT_KINDS.consultation.durationMin,
      locations: locations.map((l) => publicLocation(l, now)),
    }
  }

  async #publicSlots(
    clinicId: string,
    locationId: string,
    from: string,
    to: string,
    kind: Kind,
    durationMin?: number,
    moving?: string
  ) {
    const repo = this.#repo()
    if ((await repo.location(clinicId, locationId)) === null) {
      throw new AppError('invalid_input', 'No such location at this clinic', {
        problems: [{ path: 'query.locationId', message: 'no such location at this clinic' }],
      })
    }
    const ctx = await this.#context(repo, clinicId, locationId, from, to)
    // an appointment being moved does not stand in its own way
    if (moving !== undefined) ctx.booked = ctx.booked.filter((b) => b.appointmentId !== moving)
    const slots = findAvailability({
      location: ctx.hours,
      practitioners: ctx.practitioners,
      kind: APPOINTMENT_KINDS[kind],
      fromDate: from,
      toDate: to,
      booked: ctx.booked,
      ...(durationMin === undefined ? {} : { durationMin }),
      notBefore: this.#now().getTime(),
    })
    return { ctx, slots }
  }

  /**
   * Free consultation times at a location for local dates [from, to] (default: the 7 days from today there), each
   * with its local date and time, and every day of the range with how many times it has, so a page can show one day
   * at a time and which days have times.
   */
  async publicAvailability(
    slug: string,
    q: { locationId: string; from?: string | undefined; to?: string | undefined }
  ) {
    const clinic = await this.#clinic(slug)
    const location = await this.#repo().location(clinic.id, q.locationId)
    if (location === null) {
      throw new AppError('invalid_input', 'No such location at this clinic', {
        problems: [{ path: 'query.locationId', message: 'no such location at this clinic' }],
      })
    }
    const tz = location.timeZone
    const today = localTime(this.#now().getTime(), tz).date
    const from = q.from ?? today
    const to = q.to ?? dateOfDay(dayNumber(from) + 6)
    const { slots } = await this.#publicSlots(clinic.id, q.locationId, from, to, 'consultation')
    const seen = new Set<number>()
    const times = slots
      .filter((s) => !seen.has(s.start) && seen.add(s.start))
      .map((s) => ({
        startsAt: iso(s.start),
        endsAt: iso(s.end),
        startsAtLocal: localTime(s.start, tz),
        endsAtLocal: localTime(s.end, tz),
      }))
    const count = new Map<string, number>()
    for (const t of times) count.set(t.startsAtLocal.date, (count.get(t.startsAtLocal.date) ?? 0) + 1)
    const days: { date: string; weekday: number; times: number }[] = []
    for (let d = dayNumber(from); d <= dayNumber(to); d++) {
      const date = dateOfDay(d)
      days.push({ date, weekday: weekday(date), times: count.get(date) ?? 0 })
    }
    return {
      timeZone: tz,
      durationMin: APPOINTMENT_KINDS.consultation.durationMin,
      today,
      from,
      to,
      days,
      times,
    }
  }

  async #publicView(clinicId: string, a: AppointmentDto) {
    const repo = this.#repo()
    const location = await repo.location(clinicId, a.locationId)
    const token = signBookingToken(await this.#linkSecret(), a.id, new Date(a.startsAt))
    const tz = location?.timeZone ?? 'UTC'
    return {
      status: a.status,
      kind: a.kind,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      startsAtLocal: localAt(a.startsAt, tz),
      endsAtLocal: localAt(a.endsAt, tz),
      durationMin: Math.round((Date.parse(a.endsAt) - Date.parse(a.startsAt)) / MINUTE),
      clinicName: await repo.clinicName(clinicId),
      location: {
        id: a.locationId,
        name: location?.name ?? '',
        address: location?.address ?? {},
        timeZone: tz,
        phone: location?.phone ?? null,
        today: localTime(this.#now().getTime(), tz).date,
      },
      manageUrl: manageBookingUrl(this.#publicUrl, token),
      confirmationEmailed: this.#mailConfigured,
    }
  }

  async bookPublicConsultation(slug: string, input: PublicConsultation, ip: string) {
    const clinic = await this.#clinic(slug)
    const wait = this.#limiter.attempt(ip, input.email)
    if (wait > 0) {
      throw new AppError(
        'rate_limited',
        `We have received several booking requests from you in a short time. Please try again in ${Math.ceil(wait / 60)} minutes, or call the clinic`,
        { retryAfterSeconds: wait }
      )
    }
    const start = Date.parse(input.startsAt)
    const repo = this.#repo()
    const location = await repo.location(clinic.id, input.locationId)
    if (location === null) {
      throw new AppError('invalid_input', 'No such location at this clinic', {
        problems: [{ path: 'body.locationId', message: 'no such location at this clinic' }],
      })
    }
    const date = instantToZoned(start, location.timeZone).date
    if (input.website !== undefined && input.website.trim() !== '') {
      // a bot filled in the hidden field: answer as if booked, book nothing
      const duration = APPOINTMENT_KINDS.consultation.durationMin * MINUTE
      const token = signBookingToken(await this.#linkSecret(), randomUUID(), new Date(start))
      return {
        status: 'booked' as const,
        kind: 'consultation' as const,
        startsAt: iso(start),
        endsAt: iso(start + duration),
        startsAtLocal: localTime(start, location.timeZone),
        endsAtLocal: localTime(start + duration, location.timeZone),
        durationMin: APPOINTMENT_KINDS.consultation.durationMin,
        clinicName: clinic.name,
        location: {
          id: location.id,
          name: location.name,
          address: location.address,
          timeZone: location.timeZone,
          phone: location.phone,
          today: localTime(this.#now().getTime(), location.timeZone).date,
        },
        manageUrl: manageBookingUrl(this.#publicUrl, token),
        confirmationEmailed: this.#mailConfigured,
      }
    }
    const { ctx: ctxOf, slots } = await this.#publicSlots(clinic.id, input.locationId, date, date, 'consultation')
    const candidates = slots.filter((s) => s.start === start)
    for (const s of candidates) {
      const block = blockOf('consultation', s.start, s.end)
      try {
        const id = await this.#transaction(async (trx) => {
          const r = this.#repo(trx)
          await r.lockTimes([s.practitionerId], [s.chairId])
          await this.#checkTravel(r, clinic.id, s.practitionerId, ctxOf, block, null)
          const id = await r.insertAppointment({
            clinicId: clinic.id,
            locationId: input.locationId,
            clientId: null,
            practitionerId: s.practitionerId,
            chairId: s.chairId,
            kind: 'consultation',
            startsAt: new Date(s.start),
            endsAt: new Date(s.end),
            blocksFrom: new Date(block.start),
            blocksTo: new Date(block.end),
            bookedBy: null,
            source: 'public',
            contact: { name: input.name, email: input.email.trim(), phone: input.phone },
          })
          await repositoriesOver(trx).audit.record({
            clinicId: clinic.id,
            actorUserId: null,
            actorMembershipId: null,
            actorRole: null,
            action: 'create',
            entity: 'appointment',
            entityId: id,
            clientId: null,
            ip,
            userAgent: null,
            requestId: null,
            detail: { source: 'public', kind: 'consultation' },
          })
          return id
        })
        const a = await repo.appointment(clinic.id, id)
        if (a === null) throw new Error(`appointment ${id} vanished after it was booked`)
        return this.#publicView(clinic.id, a)
      } catch (error) {
        // taken, or the practitioner would have no time to travel: try the next practitioner free then
        if (overlapOf(error) !== null || (error instanceof AppError && error.code === 'conflict')) continue
        throw error
      }
    }
    const message = 'That time is no longer free; please choose another time'
    throw new AppError('conflict', message, { problems: [{ path: 'body.startsAt', message }] })
  }

  async #byToken(token: string): Promise<{ clinicId: string; appointment: AppointmentDto }> {
    const verified = verifyBookingToken(await this.#linkSecret(), token, this.#now())
    const gone = new AppError(
      'not_found',
      'This booking link is not valid or has expired. Please contact the clinic to change your booking'
    )
    if (verified === null) throw gone
    const row = await this.#db
      .selectFrom('appointments')
      .select('clinic_id')
      .where('id', '=', verified.appointmentId)
      .executeTakeFirst()
    if (row === undefined) throw gone
    const appointment = await this.#repo().appointment(row.clinic_id, verified.appointmentId)
    if (appointment === null) throw gone
    return { clinicId: row.clinic_id, appointment }
  }

  /** A link made before a move stays valid until the first time: a visit that has begun can no longer be changed by it. */
  #notStarted(appointment: AppointmentDto): void {
    if (Date.parse(appointment.startsAt) <= this.#now().getTime())
      throw new AppError('conflict', 'This appointment has already begun; please contact the clinic about it')
  }

  async publicBooking(token: string) {
    const { clinicId, appointment } = await this.#byToken(token)
    return this.#publicView(clinicId, appointment)
  }

  async publicCancel(token: string, reason: string | undefined) {
    const { clinicId, appointment } = await this.#byToken(token)
    this.#notStarted(appointment)
    await this.#transaction(async (trx) => {
      const r = this.#repo(trx)
      const locked = await r.appointment(clinicId, appointment.id, true)
      if (locked?.status !== 'booked')
        throw new AppError('conflict', `This booking is already ${locked?.status ?? 'gone'}`)
      const why = reason === undefined || reason === '' ? 'cancelled by the client through the booking link' : reason
      await r.setStatus(clinicId, appointment.id, 'cancelled', this.#now(), why)
      await r.recordChange(clinicId, appointment.id, 'cancelled', new Date(appointment.startsAt), null, why, null)
    })
    const fresh = await this.#repo().appointment(clinicId, appointment.id)
    return this.#publicView(clinicId, fresh ?? appointment)
  }

  async publicReschedule(token: string, startsAt: string) {
    const { clinicId, appointment: a } = await this.#byToken(token)
    if (a.status !== 'booked') throw new AppError('conflict', `This booking is ${a.status}; it cannot be moved`)
    this.#notStarted(a)
    const start = Date.parse(startsAt)
    const repo = this.#repo()
    const location = await repo.location(clinicId, a.locationId)
    const tz = location?.timeZone ?? 'UTC'
    const date = instantToZoned(start, tz).date
    const durationMin = Math.round((Date.parse(a.endsAt) - Date.parse(a.startsAt)) / MINUTE)
    const { slots } = await this.#publicSlots(clinicId, a.locationId, date, date, a.kind, durationMin, a.id)
    // the same practitioner first
    const candidates = slots
      .filter((s) => s.start === start)
      .sort((x, y) => Number(y.practitionerId === a.practitionerId) - Number(x.practitionerId === a.practitionerId))
    for (const s of candidates) {
      const block = blockOf(a.kind, s.start, s.end)
      try {
        await this.#transaction(async (trx) => {
          const r = this.#repo(trx)
          const locked = await r.appointment(clinicId, a.id, true)
          if (locked?.status !== 'booked')
            throw new AppError('conflict', 'This booking was changed a moment ago; reload it')
          await r.moveTo(
            clinicId,
            a.id,
            {
              startsAt: new Date(s.start),
              endsAt: new Date(s.end),
              blocksFrom: new Date(block.start),
              blocksTo: new Date(block.end),
              chairId: s.chairId,
              practitionerId: s.practitionerId,
            },
            this.#now()
          )
          await r.recordChange(
            clinicId,
            a.id,
            'rescheduled',
            new Date(a.startsAt),
            new Date(s.start),
            'moved by the client through the booking link',
            null
          )
        })
        const fresh = await repo.appointment(clinicId, a.id)
        return this.#publicView(clinicId, fresh ?? a)
      } catch (error) {
        if (overlapOf(error) !== null) continue
        throw error
      }
    }
    const message = 'That time is not free; please choose another time'
    throw new AppError('conflict', message, { problems: [{ path: 'body.startsAt', message }] })
  }
}
