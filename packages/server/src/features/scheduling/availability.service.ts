// Free times at a location for staff: the domain's findAvailability over the location's search context.
import { APPOINTMENT_KINDS, findAvailability } from '@stipple/domain'
import type { Actor } from '../../actor.ts'
import { bookingContext, type Kind, slotDto } from './booking.ts'
import type { SchedulingWork } from './work.ts'

export class AvailabilityService {
  readonly #work: SchedulingWork
  readonly #now: () => Date

  constructor(work: SchedulingWork, now: () => Date) {
    this.#work = work
    this.#now = now
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
    const ctx = await bookingContext(this.#work.read, actor.clinicId, q.locationId, q.from, q.to, q.practitionerId)
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
}
