// The outbox for staff (list, retry a failed message, a client's messages), today's aftercare in the client portal,
// and the public unsubscribe link. Reads of a client's messages and aftercare are audited.
import { careOnDay, courseCare } from '@stipple/domain'
import type { Actor } from '../../actor.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import { ownClientId, requireClient } from '../clients/guard.ts'
import type { ClinicClock } from '../locations/local-times.ts'
import type { OutboxRow } from './outbox.repository.ts'
import { courseTimeline } from './planner.ts'
import type { OutboxMessage, PortalAftercare } from './reminders.schema.ts'
import { verifyUnsubscribeToken } from './unsubscribe.ts'
import type { ReminderRepositories, ReminderWork } from './work.ts'

const DAY = 86_400_000

/**
 * Messages as staff read them, each time on the clock of its appointment's location (a message about no appointment:
 * the clinic's main location's).
 */
async function toDtos(repos: ReminderRepositories, clinicId: string, rows: OutboxRow[]): Promise<OutboxMessage[]> {
  const clock = await repos.locations.clock(clinicId)
  const ids = [...new Set(rows.flatMap((r) => (r.appointmentId === null ? [] : [r.appointmentId])))]
  const locationOf = await repos.outbox.appointmentLocations(clinicId, ids)
  return rows.map((r) => toDto(r, clock, r.appointmentId === null ? null : (locationOf.get(r.appointmentId) ?? null)))
}

const toDto = (r: OutboxRow, clock: ClinicClock, locationId: string | null): OutboxMessage => ({
  id: r.id,
  clientId: r.clientId,
  appointmentId: r.appointmentId,
  kind: r.kind,
  care: r.care,
  recipient: r.toEmail,
  subject: r.subject,
  dueAt: r.dueAt.toISOString(),
  dueAtLocal: clock.local(r.dueAt, locationId),
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.status === 'queued' || r.status === 'sending' ? r.nextAttemptAt.toISOString() : null,
  lastError: r.lastError,
  sentAt: r.sentAt?.toISOString() ?? null,
  sentAtLocal: clock.localOrNull(r.sentAt, locationId),
  cancelReason: r.cancelReason,
})

export class ReminderService {
  readonly #work: ReminderWork
  readonly #now: () => Date
  constructor(work: ReminderWork, now: () => Date) {
    this.#work = work
    this.#now = now
  }

  async list(
    actor: Actor,
    query: { status?: OutboxMessage['status'] | undefined; clientId?: string | undefined; limit: number }
  ): Promise<OutboxMessage[]> {
    return this.#work.run(async (repos) => {
      const rows = await repos.outbox.list(actor.clinicId, query)
      await audit(repos, actor, {
        action: 'read',
        entity: 'outbox',
        clientId: query.clientId ?? null,
        detail: { status: query.status ?? null, count: rows.length },
      })
      return toDtos(repos, actor.clinicId, rows)
    })
  }

  async clientMessages(actor: Actor, clientId: string): Promise<OutboxMessage[]> {
    return this.#work.run(async (repos) => {
      await requireClient(repos.clients, actor.clinicId, clientId)
      const rows = await repos.outbox.list(actor.clinicId, { clientId, limit: 200 })
      await audit(repos, actor, {
        action: 'read',
        entity: 'client-messages',
        clientId,
        detail: { count: rows.length },
      })
      return toDtos(repos, actor.clinicId, rows)
    })
  }

  /** A failed message goes back in the queue with fresh attempts; one already queued or sending is left as it is. */
  async retry(actor: Actor, messageId: string): Promise<OutboxMessage> {
    return this.#work.run(async (repos) => {
      const outbox = repos.outbox
      const found = await outbox.find(actor.clinicId, messageId, true)
      if (found === null) throw new AppError('not_found', `No message ${messageId} in this clinic`)
      if (found.status === 'sent') {
        throw new AppError('conflict', `Message ${messageId} was already sent on ${found.sentAt?.toISOString()}`)
      }
      if (found.status === 'cancelled') {
        throw new AppError('conflict', `Message ${messageId} was cancelled: ${found.cancelReason ?? 'no reason given'}`)
      }
      if (found.status === 'failed') {
        await outbox.requeue(actor.clinicId, messageId, this.#now())
        await audit(repos, actor, {
          action: 'update',
          entity: 'outbox-message',
          entityId: messageId,
          clientId: found.clientId,
          detail: { retry: true, attempts: found.attempts },
        })
      }
      const after = await outbox.find(actor.clinicId, messageId, false)
      if (after === null) throw new AppError('not_found', `No message ${messageId} in this clinic`)
      const [dto] = await toDtos(repos, actor.clinicId, [after])
      if (dto === undefined) throw new AppError('not_found', `No message ${messageId} in this clinic`)
      return dto
    })
  }

  /** Which day after their latest session it is for the signed-in client, and the aftercare that applies today. */
  async portalAftercare(actor: Actor): Promise<PortalAftercare> {
    const now = this.#now()
    return this.#work.run(async (repos) => {
      const clientId = await ownClientId(repos.clients, actor)
      const course = await repos.planning.course(actor.clinicId, clientId)
      await audit(repos, actor, { action: 'read', entity: 'aftercare', clientId })
      const last = course.sessions.filter((s) => s.performedAt.getTime() <= now.getTime()).at(-1)
      if (last === undefined) {
        return { session: null, dayAfterSession: null, today: [], betweenSessions: null, longTerm: [] }
      }
      const timeline = courseTimeline(last, course)
      const care = courseCare(
        { fitzpatrick: course.fitzpatrick ?? 3, minoxidil: course.minoxidil, shaved: course.goal !== 'density' },
        timeline.offsets
      )
      const day = Math.floor((now.getTime() - last.performedAt.getTime()) / DAY)
      const place = await repos.planning.sessionLocation(actor.clinicId, last.id)
      const clock = await repos.locations.clock(actor.clinicId)
      const today = careOnDay(care.aftercare, timeline.sessionDay + day)
      return {
        session: {
          sessionIndex: last.sessionIndex,
          performedAt: last.performedAt.toISOString(),
          performedAtLocal: clock.local(last.performedAt, place),
        },
        dayAfterSession: day,
        today: today.map((i) => ({ instruction: i.instruction, lastDay: i.toDay - timeline.sessionDay })),
        betweenSessions: timeline.nextDay === null ? null : care.betweenSessions,
        longTerm: timeline.nextDay === null ? care.longTerm : [],
      }
    })
  }

  /** The clinic and client an unsubscribe link names (404 when it was altered). */
  async unsubscribeTarget(token: string): Promise<{ clinicId: string; clientId: string; clinicName: string }> {
    const secret = await this.#work.read.links.linkSecret()
    const target = verifyUnsubscribeToken(secret, token)
    const client = target === null ? null : await this.#work.read.outbox.client(target.clinicId, target.clientId)
    if (target === null || client === null) {
      throw new AppError(
        'not_found',
        'This unsubscribe link is not valid. Please use the link from the email as it is.'
      )
    }
    return { ...target, clinicName: client.clinicName }
  }

  /** Stops the emails that are not about care for the client the link names; care messages still go. */
  async unsubscribe(token: string): Promise<{ clinicName: string }> {
    const target = await this.unsubscribeTarget(token)
    const now = this.#now()
    await this.#work.run(async (repos) => {
      const outbox = repos.outbox
      const client = await outbox.client(target.clinicId, target.clientId, true)
      if (client === null || client.erased || !client.marketingEmail) return
      await outbox.withdrawMarketingEmail(target.clinicId, target.clientId, now)
      const cancelled = await outbox.cancelNonCare(target.clinicId, target.clientId, now)
      await repos.audit.record({
        clinicId: target.clinicId,
        actorUserId: null,
        actorMembershipId: null,
        actorRole: null,
        action: 'update',
        entity: 'communication-consents',
        entityId: target.clientId,
        clientId: target.clientId,
        ip: null,
        userAgent: null,
        requestId: null,
        detail: { marketingEmail: false, via: 'unsubscribe link', cancelledMessages: cancelled },
      })
    })
    return { clinicName: target.clinicName }
  }
}
