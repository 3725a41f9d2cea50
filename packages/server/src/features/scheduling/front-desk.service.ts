// The front desk: the day's appointments, check-in, no-show, completion and cancellation, an appointment's history,
// and linking a website booking to a client file.
import { instantToZoned, localTime } from '@stipple/domain'
import type { Actor } from '../../actor.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import type { AppointmentDto } from './appointments.repository.ts'
import { appointmentFor, type ChangedAppointment, DAY, dayNumber, forRole } from './booking.ts'
import type { SchedulingWork } from './work.ts'

export class FrontDeskService {
  readonly #work: SchedulingWork
  readonly #now: () => Date

  constructor(work: SchedulingWork, now: () => Date) {
    this.#work = work
    this.#now = now
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
    const repo = this.#work.read
    const locations = await repo.locations.list(actor.clinicId)
    const zones = new Map(locations.map((l) => [l.id, l.timeZone]))
    // local days: a day either side of UTC, then each appointment's start read in its location's zone
    const rows = await repo.appointments.list(actor.clinicId, {
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
      .map((a) => forRole(actor, a))
    if (q.clientId !== undefined) {
      await this.#work.run((r) =>
        audit(r, actor, {
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
    const from = await this.#work.run(async (repo) => {
      const a = await repo.appointments.get(actor.clinicId, appointmentId, true)
      if (a === null) throw new AppError('not_found', 'No such appointment in this clinic')
      const zone = (await repo.locations.get(actor.clinicId, a.locationId))?.timeZone ?? 'UTC'
      const refuse = this.#statusRefusal(a, to, now.getTime(), zone)
      if (refuse !== null) throw new AppError('conflict', refuse)
      await repo.appointments.setStatus(actor.clinicId, appointmentId, to, now, reason)
      await repo.appointments.recordChange(
        actor.clinicId,
        appointmentId,
        to,
        new Date(a.startsAt),
        null,
        reason,
        actor.membershipId
      )
      await audit(repo, actor, {
        action: 'update',
        entity: 'appointment',
        entityId: appointmentId,
        clientId: a.clientId,
        detail: { status: to, ...(reason === null ? {} : { reason }) },
      })
      return a.startsAt
    })
    const appointment = await appointmentFor(this.#work.read, actor, appointmentId)
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
    const repo = this.#work.read
    const a = await repo.appointments.get(actor.clinicId, appointmentId)
    if (a === null) throw new AppError('not_found', 'No such appointment in this clinic')
    const location = await repo.locations.get(actor.clinicId, a.locationId)
    const tz = location?.timeZone ?? 'UTC'
    const local = (d: Date | null) => (d === null ? null : localTime(d.getTime(), tz))
    const history = (await repo.appointments.history(actor.clinicId, appointmentId)).map((h) => ({
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
        ? await repo.clients.matching(actor.clinicId, a.contact.email, a.contact.phone)
        : []
    await this.#work.run((r) =>
      audit(r, actor, {
        action: 'read',
        entity: 'appointment',
        entityId: appointmentId,
        clientId: a.clientId,
        detail: { history: history.length },
      })
    )
    return { appointment: forRole(actor, a), history, matchingClients: matches }
  }

  /** Links a website booking (no client file yet) to a client file, recorded in its history. */
  async linkClient(actor: Actor, appointmentId: string, clientId: string) {
    const repo = this.#work.read
    if (!(await repo.clients.exists(actor.clinicId, clientId))) {
      throw new AppError('invalid_input', 'No such client in this clinic', {
        problems: [{ path: 'body.clientId', message: 'no such client in this clinic' }],
      })
    }
    await this.#work.run(async (r) => {
      const a = await r.appointments.get(actor.clinicId, appointmentId, true)
      if (a === null) throw new AppError('not_found', 'No such appointment in this clinic')
      if (a.clientId !== null) {
        throw new AppError(
          'conflict',
          a.clientId === clientId
            ? 'This booking is already linked to this client file'
            : `This booking is already linked to ${a.clientName ?? 'another client'}'s file`
        )
      }
      await r.appointments.linkClient(actor.clinicId, appointmentId, clientId, this.#now())
      await r.appointments.recordChange(
        actor.clinicId,
        appointmentId,
        'linked',
        null,
        null,
        `linked to the client file of ${a.contact?.name ?? 'the visitor'}`,
        actor.membershipId,
        { clientId }
      )
      await audit(r, actor, {
        action: 'update',
        entity: 'appointment',
        entityId: appointmentId,
        clientId,
        detail: { linkedClient: clientId },
      })
    })
    return appointmentFor(this.#work.read, actor, appointmentId)
  }
}
