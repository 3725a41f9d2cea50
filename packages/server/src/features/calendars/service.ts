// iCalendar feeds per practitioner and per client behind unguessable tokens (32 random bytes; only the SHA-256 is
// stored). A practitioner's feed names clients by initials only; a client's feed shows their own appointments.
import { createHash, randomBytes } from 'node:crypto'
import ical, { ICalEventStatus } from 'ical-generator'
import type { Actor } from '../../actor.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import { ownClientId, requireClient } from '../clients/guard.ts'
import type { CalendarFeed, CalendarFeedCreate, CreatedCalendarFeed } from './calendars.schema.ts'
import type { FeedAppointment, FeedRow } from './repository.ts'
import type { CalendarRepositories, CalendarWork } from './work.ts'

const DAY = 86_400_000
/** A feed shows three months back and a year ahead, at most this many events. */
const PAST = 90 * DAY
const AHEAD = 366 * DAY
const MAX_EVENTS = 2000
/** Active feeds per practitioner or client: one per device is plenty, and each is a standing way in. */
const MAX_FEEDS = 10

const KIND_LABELS: Record<FeedAppointment['kind'], string> = {
  consultation: 'Consultation',
  'smp-session': 'SMP session',
  'touch-up': 'Touch-up',
  'laser-removal': 'Laser removal',
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex')

/** `S. R.` from a name; erased clients have none. */
function initials(...parts: (string | null)[]): string {
  const letters = parts
    .flatMap((p) => (p ?? '').trim().split(/\s+/))
    .filter((w) => w !== '')
    .map((w) => `${w[0]?.toUpperCase() ?? ''}.`)
  return letters.length === 0 ? 'client' : letters.join(' ')
}

const place = (a: FeedAppointment) =>
  [a.locationName, ...['line1', 'line2', 'city'].map((k) => a.address[k])]
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .join(', ')

const toDto = (f: FeedRow): CalendarFeed => ({
  id: f.id,
  kind: f.practitionerId === null ? 'client' : 'practitioner',
  practitionerId: f.practitionerId,
  clientId: f.clientId,
  createdAt: f.createdAt.toISOString(),
})

export class CalendarService {
  readonly #work: CalendarWork
  readonly #now: () => Date
  readonly #publicUrl: string
  constructor(work: CalendarWork, now: () => Date, publicUrl: string) {
    this.#work = work
    this.#now = now
    this.#publicUrl = publicUrl
  }

  async create(actor: Actor, input: CalendarFeedCreate): Promise<CreatedCalendarFeed> {
    return this.#work.run(async (repos) => {
      const feeds = repos.feeds
      if (input.practitionerId !== undefined) {
        if (!(await feeds.isPractitioner(actor.clinicId, input.practitionerId))) {
          throw new AppError('not_found', `No practitioner ${input.practitionerId} in this clinic`)
        }
        if (actor.role === 'practitioner' && input.practitionerId !== actor.membershipId) {
          throw new AppError(
            'forbidden',
            "A practitioner may make a feed of their own appointments only, not a colleague's"
          )
        }
      } else if (input.clientId !== undefined) {
        await requireClient(repos.clients, actor.clinicId, input.clientId)
      }
      return this.#issue(repos, actor, input.practitionerId ?? null, input.clientId ?? null)
    })
  }

  /** The signed-in client's own feed (the client portal). */
  async createOwn(actor: Actor): Promise<CreatedCalendarFeed> {
    return this.#work.run(async (repos) => {
      const clientId = await ownClientId(repos.clients, actor)
      return this.#issue(repos, actor, null, clientId)
    })
  }

  async #issue(
    repos: CalendarRepositories,
    actor: Actor,
    practitionerId: string | null,
    clientId: string | null
  ): Promise<CreatedCalendarFeed> {
    const feeds = repos.feeds
    if ((await feeds.countActive(actor.clinicId, practitionerId, clientId)) >= MAX_FEEDS) {
      throw new AppError(
        'conflict',
        `This ${practitionerId === null ? 'client' : 'practitioner'} already has ${MAX_FEEDS} calendar feeds; revoke one that is no longer used first`
      )
    }
    const token = randomBytes(32).toString('base64url')
    const feed = await feeds.create({
      clinicId: actor.clinicId,
      practitionerId,
      clientId,
      tokenSha256: sha256(token),
      createdBy: actor.membershipId,
    })
    await audit(repos, actor, {
      action: 'create',
      entity: 'calendar-feed',
      entityId: feed.id,
      clientId,
      detail: { practitionerId },
    })
    return { ...toDto(feed), url: `${this.#publicUrl}/api/v1/calendars/${token}.ics` }
  }

  async list(actor: Actor): Promise<CalendarFeed[]> {
    return (await this.#work.read.feeds.list(actor.clinicId)).map(toDto)
  }

  /** Revokes a feed: its address answers 404 from now on. Revoking twice is fine. */
  async revoke(actor: Actor, feedId: string): Promise<void> {
    await this.#work.run(async (repos) => {
      const feeds = repos.feeds
      const feed = await feeds.find(actor.clinicId, feedId)
      if (feed === null) throw new AppError('not_found', `No calendar feed ${feedId} in this clinic`)
      if (feed.revokedAt !== null) return
      await feeds.revoke(actor.clinicId, feedId, this.#now())
      await audit(repos, actor, {
        action: 'update',
        entity: 'calendar-feed',
        entityId: feedId,
        clientId: feed.clientId,
        detail: { revoked: true },
      })
    })
  }

  /** The feed as iCalendar text (times in UTC, so every calendar app places them right). */
  async ics(token: string): Promise<string> {
    const feeds = this.#work.read.feeds
    const feed = await feeds.byToken(sha256(token))
    if (feed === null) throw new AppError('not_found', 'No such calendar (the address may have been revoked)')
    const now = this.#now()
    const clinicName = await this.#work.read.locations.clinicName(feed.clinicId)
    const appointments = await feeds.appointments(
      feed,
      new Date(now.getTime() - PAST),
      new Date(now.getTime() + AHEAD),
      MAX_EVENTS
    )
    const forPractitioner = feed.practitionerId !== null
    const calendar = ical({
      name: forPractitioner ? `${clinicName}: appointments` : `${clinicName}: my appointments`,
      prodId: { company: 'Stipple', product: 'clinic calendar', language: 'EN' },
      ttl: 15 * 60,
      x: appointments[0] === undefined ? {} : { 'X-WR-TIMEZONE': appointments[0].timeZone },
    })
    for (const a of appointments) {
      calendar.createEvent({
        id: `${a.id}@stipple`,
        start: a.startsAt,
        end: a.endsAt,
        stamp: now,
        lastModified: a.updatedAt,
        summary: forPractitioner
          ? `${KIND_LABELS[a.kind]}: ${initials(a.clientGivenName ?? a.contactName, a.clientGivenName === null ? null : a.clientFamilyName)}`
          : `${KIND_LABELS[a.kind]} at ${clinicName}`,
        location: place(a),
        description: forPractitioner ? null : `With ${a.practitionerName}.`,
        status: ICalEventStatus.CONFIRMED,
      })
    }
    return calendar.toString()
  }
}
