// Courses booked from a treatment plan with its spacing (the domain's planCourse and moveSession), and touch-up
// proposals from the consultation's longevity estimate.
import {
  APPOINTMENT_KINDS,
  DEFAULT_MAX_GAP_DAYS,
  DEFAULT_MIN_GAP_DAYS,
  findAvailability,
  instantToZoned,
  localTime,
  moveSession,
  planCourse,
  type Slot,
} from '@stipple/domain'
import type { Actor } from '../../actor.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import { requireClient } from '../clients/guard.ts'
import { type AppointmentDto, overlapOf } from './appointments.repository.ts'
import type { CourseCreate } from './booking.schema.ts'
import {
  blockOf,
  bookingContext,
  capitalise,
  chairCandidates,
  checkTravel,
  DAY,
  dateOfDay,
  dayNumber,
  forRole,
  iso,
  outsideHours,
  type StartInput,
  slotDto,
  startOf,
  taken,
} from './booking.ts'
import type { SchedulingWork } from './work.ts'

/** Course search window past the earliest date (planCourse looks 60 days for a first session). */
const COURSE_WINDOW_DAYS = 60

export class CourseService {
  readonly #work: SchedulingWork
  readonly #now: () => Date

  constructor(work: SchedulingWork, now: () => Date) {
    this.#work = work
    this.#now = now
  }

  /** The first day a course may start: after the consultation, any dated deferral, and not before today. */
  async #earliestCourseDate(actor: Actor, clientId: string, tz: string, asked: string | undefined): Promise<string> {
    const consultations = await this.#work.read.courses.consultations(actor.clinicId, clientId)
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
    const repo = this.#work.read
    await requireClient(repo.clients, actor.clinicId, clientId)
    const [plan] = await repo.plans.list(actor.clinicId, { clientId, ids: [input.treatmentPlanId] })
    if (plan === undefined) {
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
      (await repo.resources.practitioner(actor.clinicId, input.practitionerId)) === null
    ) {
      throw new AppError('invalid_input', 'No such practitioner in this clinic', {
        problems: [{ path: 'body.practitionerId', message: 'no such practitioner in this clinic' }],
      })
    }
    const location = await repo.locations.get(actor.clinicId, input.locationId)
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
    const ctx = await bookingContext(
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
      const courseId = await this.#work.run(async (r) => {
        // every session's booking locks first, in the one global order
        await r.appointments.lockTimes(
          planned.sessions.map((x) => x.practitionerId),
          planned.sessions.map((x) => x.chairId)
        )
        const courseId = await r.courses.insert({
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
          await checkTravel(r, actor.clinicId, s.practitionerId, ctx, block, null)
          await r.appointments.insert({
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
        await audit(r, actor, {
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
    const repo = this.#work.read
    const course = await repo.courses.get(actor.clinicId, courseId)
    if (course === null) throw new AppError('not_found', 'No such course in this clinic')
    const sessions = (await repo.appointments.courseSessions(actor.clinicId, courseId)).map((s) => forRole(actor, s))
    return { ...course, sessions }
  }

  async moveCourseSession(
    actor: Actor,
    courseId: string,
    index: number,
    input: StartInput & { apply?: boolean | undefined }
  ) {
    const repo = this.#work.read
    const course = await repo.courses.get(actor.clinicId, courseId)
    if (course === null) throw new AppError('not_found', 'No such course in this clinic')
    const courseZone = (await repo.locations.get(actor.clinicId, course.locationId))?.timeZone ?? 'UTC'
    const sessions = await repo.appointments.courseSessions(actor.clinicId, courseId)
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
    const ctx = await bookingContext(
      repo,
      actor.clinicId,
      course.locationId,
      new Date(first).toISOString().slice(0, 10),
      dateOfDay(Math.floor(last / DAY) + sessions.length * course.maxGapDays + 1)
    )
    ctx.booked = ctx.booked.filter((b) => !ids.has(b.appointmentId))
    const tz = ctx.location.timeZone
    const outside = outsideHours(ctx, current.practitionerId, block)
    if (outside !== null) {
      throw new AppError('conflict', capitalise(outside), { problems: [{ path: 'body.startsAt', message: outside }] })
    }
    if (
      ctx.booked.some((b) => b.practitionerId === current.practitionerId && b.start < block.end && block.start < b.end)
    ) {
      throw await taken(this.#work.read, actor.clinicId, 'practitioner', current.practitionerId, block, ctx)
    }
    const chair = chairCandidates(ctx, block, undefined, current.chairId)[0]
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
      await this.#work.run(async (r) => {
        if (!(await r.courses.lock(actor.clinicId, courseId)))
          throw new AppError('not_found', 'No such course in this clinic')
        const fresh = await r.appointments.courseSessions(actor.clinicId, courseId)
        if (fresh.map((s) => s.startsAt).join() !== sessions.map((s) => s.startsAt).join()) {
          throw new AppError('conflict', 'This course was changed by someone else a moment ago; ask for a new proposal')
        }
        // every moved session's booking locks first, in the one global order
        const targets = moved.moved.map((i) => moved.sessions[i] as Slot)
        await r.appointments.lockTimes(
          targets.map((x) => x.practitionerId),
          targets.map((x) => x.chairId)
        )
        // later sessions first: a re-flow only pushes sessions later, so each lands where nothing of the course is
        for (const i of [...moved.moved].sort((a, b) => b - a)) {
          const s = moved.sessions[i] as Slot
          const old = sessions[i] as AppointmentDto
          const b = blockOf('smp-session', s.start, s.end)
          await r.appointments.moveTo(
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
          await r.appointments.recordChange(
            actor.clinicId,
            old.id,
            'rescheduled',
            new Date(old.startsAt),
            new Date(s.start),
            reason,
            actor.membershipId
          )
        }
        await audit(r, actor, {
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
    const repo = this.#work.read
    await requireClient(repo.clients, actor.clinicId, clientId)
    const consultation = (await repo.courses.consultations(actor.clinicId, clientId)).find(
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
    const last = await repo.courses.lastSession(actor.clinicId, clientId)
    if (last === null) {
      throw new AppError(
        'unprocessable',
        'No session has been performed yet; a touch-up is proposed from the last session'
      )
    }
    const locationId = last.locationId
    const location = await repo.locations.get(actor.clinicId, locationId)
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
    const ctx = await bookingContext(repo, actor.clinicId, locationId, from, to)
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
    await this.#work.run((r) =>
      audit(r, actor, {
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
}
