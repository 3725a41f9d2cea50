// Where and when practitioners work: the clinic's locations with their chairs and practitioners' hours, chairs,
// weekly working hours per location, time off, and travel times between locations.
import { localTime } from '@stipple/domain'
import type { Actor } from '../../actor.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import type { Hours } from '../locations/repository.ts'
import type { TravelTimeInput, WeeklyHoursInput } from './booking.schema.ts'
import { DAY_KEYS } from './booking.schema.ts'
import type { SchedulingWork } from './work.ts'

export class ResourceService {
  readonly #work: SchedulingWork
  readonly #now: () => Date

  constructor(work: SchedulingWork, now: () => Date) {
    this.#work = work
    this.#now = now
  }

  async locations(actor: Actor) {
    const repo = this.#work.read
    const [locations, chairs, practitioners] = await Promise.all([
      repo.locations.list(actor.clinicId),
      repo.resources.chairs(actor.clinicId),
      repo.resources.practitionersAt(actor.clinicId),
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
    const repo = this.#work.read
    if ((await repo.locations.get(actor.clinicId, locationId)) === null) {
      throw new AppError('not_found', 'No such location in this clinic')
    }
    const chair = await repo.resources.addChair(actor.clinicId, locationId, name)
    if (chair === null) {
      throw new AppError('conflict', `This location already has a chair called “${name}”`, {
        problems: [{ path: 'body.name', message: 'a chair with this name exists here already; choose another name' }],
      })
    }
    return chair
  }

  async setWorkingHours(actor: Actor, membershipId: string, locationId: string, hours: WeeklyHoursInput) {
    const repo = this.#work.read
    if ((await repo.locations.get(actor.clinicId, locationId)) === null) {
      throw new AppError('not_found', 'No such location in this clinic')
    }
    if ((await repo.resources.practitioner(actor.clinicId, membershipId)) === null) {
      throw new AppError('not_found', 'No practitioner with this membership in this clinic')
    }
    const clean: Hours = {}
    for (const day of DAY_KEYS) {
      const ranges = hours[day]
      if (ranges !== undefined && ranges.length > 0) clean[day] = ranges.map(([a, b]) => [a, b])
    }
    await repo.resources.setWorkingHours(actor.clinicId, membershipId, locationId, clean)
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
    const repo = this.#work.read
    if ((await repo.resources.practitioner(actor.clinicId, membershipId)) === null) {
      throw new AppError('not_found', 'No practitioner with this membership in this clinic')
    }
    const from = new Date(input.from)
    const to = new Date(input.to)
    const id = await repo.resources.addTimeOff(actor.clinicId, membershipId, from, to, input.reason ?? null)
    return { id, membershipId, from: from.toISOString(), to: to.toISOString(), reason: input.reason ?? null }
  }

  async travelTimes(actor: Actor) {
    const repo = this.#work.read
    const [locations, times] = await Promise.all([
      repo.locations.list(actor.clinicId),
      repo.resources.travelTimes(actor.clinicId),
    ])
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
    const repo = this.#work.read
    const problems: { path: string; message: string }[] = []
    if ((await repo.locations.get(actor.clinicId, input.locationAId)) === null)
      problems.push({ path: 'body.locationAId', message: 'no such location in this clinic' })
    if ((await repo.locations.get(actor.clinicId, input.locationBId)) === null)
      problems.push({ path: 'body.locationBId', message: 'no such location in this clinic' })
    if (problems.length > 0)
      throw new AppError('invalid_input', 'The travel time names unknown locations', { problems })
    await this.#work.run(async (r) => {
      await r.resources.setTravelTime(
        actor.clinicId,
        input.locationAId,
        input.locationBId,
        input.minutes,
        actor.membershipId
      )
      await audit(r, actor, {
        action: 'update',
        entity: 'travel-time',
        entityId: null,
        clientId: null,
        detail: { locationAId: input.locationAId, locationBId: input.locationBId, minutes: input.minutes },
      })
    })
    return this.travelTimes(actor)
  }
}
