// Public consultation booking from the clinic's page, and a booking managed by its signed link (see links.ts).
import { randomUUID } from 'node:crypto'
import { APPOINTMENT_KINDS, findAvailability, instantToZoned, localTime, weekday } from '@stipple/domain'
import { AppError } from '../../errors.ts'
import { manageBookingUrl, signBookingToken, verifyBookingToken } from '../../links/booking-links.ts'
import { type AppointmentDto, overlapOf } from './appointments.repository.ts'
import type { PublicConsultation } from './booking.schema.ts'
import { blockOf, bookingContext, checkTravel, dateOfDay, dayNumber, iso, type Kind, MINUTE } from './booking.ts'
import type { BookingRateLimiter } from './booking-limiter.ts'
import { localAt, publicLocation } from './public-view.ts'
import type { SchedulingWork } from './work.ts'

export class PublicBookingService {
  readonly #work: SchedulingWork
  readonly #now: () => Date
  readonly #publicUrl: string
  readonly #limiter: BookingRateLimiter
  /** Whether this server sends email (SMTP_URL): a booking page says "we have emailed you" only then. */
  readonly #mailConfigured: boolean
  #secret: Promise<Buffer> | null = null

  constructor(
    work: SchedulingWork,
    now: () => Date,
    publicUrl: string,
    limiter: BookingRateLimiter,
    mailConfigured = false
  ) {
    this.#work = work
    this.#now = now
    this.#publicUrl = publicUrl.replace(/\/+$/, '')
    this.#limiter = limiter
    this.#mailConfigured = mailConfigured
  }

  #linkSecret(): Promise<Buffer> {
    if (this.#secret === null) {
      this.#secret = this.#work.read.links.linkSecret()
      this.#secret.catch(() => {
        this.#secret = null
      })
    }
    return this.#secret
  }

  async #clinic(slug: string) {
    const clinic = await this.#work.read.locations.clinicBySlug(slug)
    if (clinic === null) throw new AppError('not_found', 'No clinic at this address')
    return clinic
  }

  async publicClinic(slug: string) {
    const clinic = await this.#clinic(slug)
    const locations = await this.#work.read.locations.list(clinic.id)
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
    const repo = this.#work.read
    if ((await repo.locations.get(clinicId, locationId)) === null) {
      throw new AppError('invalid_input', 'No such location at this clinic', {
        problems: [{ path: 'query.locationId', message: 'no such location at this clinic' }],
      })
    }
    const ctx = await bookingContext(repo, clinicId, locationId, from, to)
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
    const location = await this.#work.read.locations.get(clinic.id, q.locationId)
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
    const repo = this.#work.read
    const location = await repo.locations.get(clinicId, a.locationId)
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
      clinicName: await repo.locations.clinicName(clinicId),
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
    const repo = this.#work.read
    const location = await repo.locations.get(clinic.id, input.locationId)
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
        const id = await this.#work.run(async (r) => {
          await r.appointments.lockTimes([s.practitionerId], [s.chairId])
          await checkTravel(r, clinic.id, s.practitionerId, ctxOf, block, null)
          const id = await r.appointments.insert({
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
          await r.audit.record({
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
        const a = await repo.appointments.get(clinic.id, id)
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
    const clinicId = await this.#work.read.appointments.clinicOf(verified.appointmentId)
    if (clinicId === null) throw gone
    const appointment = await this.#work.read.appointments.get(clinicId, verified.appointmentId)
    if (appointment === null) throw gone
    return { clinicId, appointment }
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
    await this.#work.run(async (r) => {
      const locked = await r.appointments.get(clinicId, appointment.id, true)
      if (locked?.status !== 'booked')
        throw new AppError('conflict', `This booking is already ${locked?.status ?? 'gone'}`)
      const why = reason === undefined || reason === '' ? 'cancelled by the client through the booking link' : reason
      await r.appointments.setStatus(clinicId, appointment.id, 'cancelled', this.#now(), why)
      await r.appointments.recordChange(
        clinicId,
        appointment.id,
        'cancelled',
        new Date(appointment.startsAt),
        null,
        why,
        null
      )
    })
    const fresh = await this.#work.read.appointments.get(clinicId, appointment.id)
    return this.#publicView(clinicId, fresh ?? appointment)
  }

  async publicReschedule(token: string, startsAt: string) {
    const { clinicId, appointment: a } = await this.#byToken(token)
    if (a.status !== 'booked') throw new AppError('conflict', `This booking is ${a.status}; it cannot be moved`)
    this.#notStarted(a)
    const start = Date.parse(startsAt)
    const repo = this.#work.read
    const location = await repo.locations.get(clinicId, a.locationId)
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
        await this.#work.run(async (r) => {
          const locked = await r.appointments.get(clinicId, a.id, true)
          if (locked?.status !== 'booked')
            throw new AppError('conflict', 'This booking was changed a moment ago; reload it')
          await r.appointments.moveTo(
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
          await r.appointments.recordChange(
            clinicId,
            a.id,
            'rescheduled',
            new Date(a.startsAt),
            new Date(s.start),
            'moved by the client through the booking link',
            null
          )
        })
        const fresh = await repo.appointments.get(clinicId, a.id)
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
