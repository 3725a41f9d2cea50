// The client portal's view of the signed-in client's own appointments.
import type { Actor } from '../../actor.ts'
import { audit } from '../audit/audit.ts'
import { ownClientId } from '../clients/guard.ts'
import type { AppointmentDto } from './appointments.repository.ts'
import { MINUTE } from './booking.ts'
import { localAt } from './public-view.ts'
import type { SchedulingWork } from './work.ts'

export class PortalAppointmentService {
  readonly #work: SchedulingWork
  readonly #now: () => Date

  constructor(work: SchedulingWork, now: () => Date) {
    this.#work = work
    this.#now = now
  }

  async portalAppointments(actor: Actor) {
    const repo = this.#work.read
    const clientId = await ownClientId(repo.clients, actor)
    const locations = new Map((await repo.locations.list(actor.clinicId)).map((l) => [l.id, l]))
    const all = await repo.appointments.list(actor.clinicId, {
      from: new Date(0),
      to: new Date('9999-01-01T00:00:00Z'),
      clientId,
    })
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
    await this.#work.run((r) =>
      audit(r, actor, {
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
}
