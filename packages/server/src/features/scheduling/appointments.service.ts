// Booking and moving appointments that cannot overlap (the database's exclusion constraints decide; SQLSTATE 23P01
// becomes a 409 naming what is taken), idempotent retries, and refusals that offer the next free times.
import {
  APPOINTMENT_KINDS,
  findAvailability,
  instantToZoned,
  localTime,
  type Slot,
  spacingProblems,
} from '@stipple/domain'
import type { Actor } from '../../actor.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import { type AppointmentDto, isUniqueViolation, overlapOf } from './appointments.repository.ts'
import type { AppointmentCreate, MoveInput } from './booking.schema.ts'
import {
  type Alternative,
  appointmentFor,
  blockOf,
  bookingContext,
  type ChangedAppointment,
  type Context,
  capitalise,
  chairCandidates,
  checkTravel,
  dateOfDay,
  dayNumber,
  fingerprint,
  forRole,
  iso,
  type Kind,
  MINUTE,
  outsideHours,
  startOf,
  taken,
} from './booking.ts'
import type { SchedulingWork } from './work.ts'

export class AppointmentService {
  readonly #work: SchedulingWork
  readonly #now: () => Date

  constructor(work: SchedulingWork, now: () => Date) {
    this.#work = work
    this.#now = now
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
    const location = await this.#work.read.locations.get(actor.clinicId, input.locationId)
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
    const repo = this.#work.read
    const end = start + duration * MINUTE
    const block = blockOf(input.kind, start, end)
    const problems: { path: string; message: string }[] = []
    const [location, practitioner, client] = await Promise.all([
      repo.locations.get(actor.clinicId, input.locationId),
      repo.resources.practitioner(actor.clinicId, input.practitionerId),
      repo.clients.exists(actor.clinicId, input.clientId),
    ])
    if (location === null) problems.push({ path: 'body.locationId', message: 'no such location in this clinic' })
    if (practitioner === null) {
      problems.push({ path: 'body.practitionerId', message: 'no such practitioner in this clinic' })
    }
    if (!client) problems.push({ path: 'body.clientId', message: 'no such client in this clinic' })
    if (problems.length > 0)
      throw new AppError('invalid_input', 'The booking names records this clinic does not have', { problems })
    const date = new Date(start).toISOString().slice(0, 10)
    const ctx = await bookingContext(repo, actor.clinicId, input.locationId, date, date)
    if (input.chairId !== undefined && !ctx.hours.chairs.includes(input.chairId)) {
      throw new AppError('invalid_input', 'No such chair at this location', {
        problems: [{ path: 'body.chairId', message: 'no such chair in use at this location' }],
      })
    }
    const outside = outsideHours(ctx, input.practitionerId, block)
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
    const chairs = chairCandidates(ctx, block, input.chairId)
    if (chairs.length === 0) {
      const message = `Every chair at ${ctx.location.name} is taken at that time; choose another time`
      throw new AppError('conflict', message, { problems: [{ path: 'body.chairId', message }] })
    }
    for (const chairId of chairs) {
      try {
        const id = await this.#work.run(async (r) => {
          await r.appointments.lockTimes([input.practitionerId], [chairId])
          await checkTravel(r, actor.clinicId, input.practitionerId, ctx, block, null)
          const id = await r.appointments.insert({
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
          await audit(r, actor, {
            action: 'create',
            entity: 'appointment',
            entityId: id,
            clientId: input.clientId,
            detail: { kind: input.kind, startsAt: iso(start) },
          })
          return id
        })
        return { appointment: await appointmentFor(this.#work.read, actor, id), replayed: false }
      } catch (error) {
        const overlap = overlapOf(error)
        if (overlap === 'chair' && input.chairId === undefined) continue // another chair may still be free
        if (overlap !== null) {
          throw await taken(
            this.#work.read,
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
    const existing = await this.#work.read.appointments.byIdempotencyKey(actor.clinicId, key)
    if (existing === null) return null
    if (existing.fingerprint !== print) {
      throw new AppError(
        'unprocessable',
        'This Idempotency-Key was already used for a different booking; send a new key for a new booking, or resend the first request unchanged',
        { problems: [{ path: 'headers.idempotency-key', message: 'already used with a different request body' }] }
      )
    }
    return appointmentFor(this.#work.read, actor, existing.id)
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
    const repo = this.#work.read
    const location = await repo.locations.get(clinicId, q.locationId)
    if (location === null) return []
    const tz = location.timeZone
    // the whole of the asked day (free times before the one asked count too), never the past
    const now = this.#now().getTime()
    const asked = Math.max(Number.isFinite(q.after) ? q.after : 0, now)
    const from = instantToZoned(asked, tz).date
    const to = dateOfDay(dayNumber(from) + 13)
    const ctx = await bookingContext(repo, clinicId, q.locationId, from, to)
    if (q.exclude !== null) ctx.booked = ctx.booked.filter((b) => b.appointmentId !== q.exclude)
    const chairs = await repo.resources.chairs(clinicId, q.locationId)
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
    const current = q.exclude === null ? null : await repo.appointments.get(clinicId, q.exclude)
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
    const repo = this.#work.read
    const a = await repo.appointments.get(actor.clinicId, appointmentId)
    if (a === null) throw new AppError('not_found', 'No such appointment in this clinic')
    const locationId = input.locationId ?? a.locationId
    const practitionerId = input.practitionerId ?? a.practitionerId
    const location = await repo.locations.get(actor.clinicId, locationId)
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
    const repo = this.#work.read
    const appointmentId = a.id
    if (a.status !== 'booked' && a.status !== 'arrived')
      throw new AppError('conflict', `This appointment is ${a.status}; only a booked one can move`)
    if (
      input.practitionerId !== a.practitionerId &&
      (await repo.resources.practitioner(actor.clinicId, input.practitionerId)) === null
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
    const ctx = await bookingContext(repo, actor.clinicId, input.locationId, date, date)
    ctx.booked = ctx.booked.filter((b) => b.appointmentId !== a.id)
    if (input.chairId !== undefined && !ctx.hours.chairs.includes(input.chairId)) {
      throw new AppError('invalid_input', 'No such chair at this location', {
        problems: [{ path: 'body.chairId', message: 'no such chair in use at this location' }],
      })
    }
    const outside = outsideHours(ctx, input.practitionerId, block)
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
      const course = await repo.courses.get(actor.clinicId, a.courseId)
      const sessions = await repo.appointments.courseSessions(actor.clinicId, a.courseId)
      const tz = ctx.location.timeZone
      const dates = sessions.map((s) => (s.id === a.id ? instantToZoned(start, tz).date : s.startsAtLocal.date))
      const problem = spacingProblems(dates, course?.minGapDays, course?.maxGapDays)[0]
      if (problem !== undefined) {
        const message = `${capitalise(problem.message)}. Move it from the client's course page, which moves the later sessions to keep the spacing`
        throw new AppError('conflict', message, { problems: [{ path: 'body.startsAt', message: problem.message }] })
      }
    }
    const sameChairPlace = input.locationId === a.locationId ? a.chairId : undefined
    const chairs = chairCandidates(ctx, block, input.chairId, sameChairPlace)
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
          ...forRole(actor, a),
          change: { change: 'rescheduled', fromStartsAt: a.startsAt, toStartsAt: a.startsAt, reason },
        }
      }
      try {
        await this.#work.run(async (r) => {
          const locked = await r.appointments.get(actor.clinicId, appointmentId, true)
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
          await r.appointments.lockTimes([input.practitionerId], [chairId])
          await checkTravel(r, actor.clinicId, input.practitionerId, ctx, block, appointmentId)
          await r.appointments.moveTo(
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
          await r.appointments.recordChange(
            actor.clinicId,
            appointmentId,
            'rescheduled',
            new Date(a.startsAt),
            new Date(start),
            reason,
            actor.membershipId,
            Object.keys(detail).length === 0 ? null : detail
          )
          await audit(r, actor, {
            action: 'update',
            entity: 'appointment',
            entityId: appointmentId,
            clientId: a.clientId,
            detail: { rescheduledFrom: a.startsAt, to: iso(start), reason, ...detail },
          })
        })
        const appointment = await appointmentFor(this.#work.read, actor, appointmentId)
        return {
          ...appointment,
          change: { change: 'rescheduled', fromStartsAt: a.startsAt, toStartsAt: iso(start), reason },
        }
      } catch (error) {
        const overlap = overlapOf(error)
        if (overlap === 'chair' && input.chairId === undefined) continue
        if (overlap !== null) {
          throw await taken(
            this.#work.read,
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
}
