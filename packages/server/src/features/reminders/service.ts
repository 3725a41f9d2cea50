// The outbox for staff (list, retry a failed message, a client's messages), today's aftercare in the client portal,
// and the public unsubscribe link. Reads of a client's messages and aftercare are audited.
import { careOnDay, courseCare } from '@stipple/domain'
import type { Kysely } from 'kysely'
import type { Actor } from '../../actor.ts'
import type { Database } from '../../db/database.ts'
import { repositoriesOver } from '../../db/unit-of-work.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import { type ClinicClock, clinicClock } from '../locations/local-times.ts'
import { linkSecret } from '../scheduling/public-booking.repository.ts'
import { courseTimeline } from './planner.ts'
import type { OutboxMessage, PortalAftercare } from './reminders.schema.ts'
import { OutboxRepository, type OutboxRow, PlanningRepository } from './repository.ts'
import { verifyUnsubscribeToken } from './unsubscribe.ts'

const DAY = 86_400_000

/**
 * Messages as staff read them, each time on the clock of its appointment's location (a message about no appointment:
 * the clinic's main location's).
 */
async function toDtos(db: Kysely<Database>, clinicId: string, rows: OutboxRow[]): Promise<OutboxMessage[]> {
  const clock = await clinicClock(db, clinicId)
  const ids = [...new Set(rows.flatMap((r) => (r.appointmentId === null ? [] : [r.appointmentId])))]
  const places =
    ids.length === 0
      ? []
      : await db
          .selectFrom('appointments')
          .select(['id', 'location_id'])
          .where('clinic_id', '=', clinicId)
          .where('id', 'in', ids)
          .execute()
  const locationOf = new Map(places.map((p) => [p.id, p.location_id]))
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
  readonly #db: Kysely<Database>
  readonly #now: () => Date
  constructor(db: Kysely<Database>, now: () => Date) {
    this.#db = db
    this.#now = now
  }

  async list(
    actor: Actor,
    query: { status?: OutboxMessage['status'] | undefined; clientId?: string | undefined; limit: number }
  ): Promise<OutboxMessage[]> {
    return this.#db.transaction().execute(async (trx) => {
      const rows = await new OutboxRepository(trx).list(actor.clinicId, query)
      await audit(repositoriesOver(trx), actor, {
        action: 'read',
        entity: 'outbox',
        clientId: query.clientId ?? null,
        detail: { status: query.status ?? null, count: rows.length },
      })
      return toDtos(trx, actor.clinicId, rows)
    })
  }

  async clientMessages(actor: Actor, clientId: string): Promise<OutboxMessage[]> {
    return this.#db.transaction().execute(async (trx) => {
      const outbox = new OutboxRepository(trx)
      const client = await outbox.client(actor.clinicId, clientId)
      if (client === null || client.erased) throw new AppError('not_found', `No client ${clientId} in this clinic`)
      const rows = await outbox.list(actor.clinicId, { clientId, limit: 200 })
      await audit(repositoriesOver(trx), actor, {
        action: 'read',
        entity: 'client-messages',
        clientId,
        detail: { count: rows.length },
      })
      return toDtos(trx, actor.clinicId, rows)
    })
  }

  /** A failed message goes back in the queue with fresh attempts; one already queued or sending is left as it is. */
  async retry(actor: Actor, messageId: string): Promise<OutboxMessage> {
    return this.#db.transaction().execute(async (trx) => {
      const outbox = new OutboxRepository(trx)
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
        await audit(repositoriesOver(trx), actor, {
          action: 'update',
          entity: 'outbox-message',
          entityId: messageId,
          clientId: found.clientId,
          detail: { retry: true, attempts: found.attempts },
        })
      }
      const after = await outbox.find(actor.clinicId, messageId, false)
      if (after === null) throw new AppError('not_found', `No message ${messageId} in this clinic`)
      const [dto] = await toDtos(trx, actor.clinicId, [after])
      if (dto === undefined) throw new AppError('not_found', `No message ${messageId} in this clinic`)
      return dto
    })
  }

  /** Which day after their latest session it is for the signed-in client, and the aftercare that applies today. */
  async portalAftercare(actor: Actor): Promise<PortalAftercare> {
    const now = this.#now()
    return this.#db.transaction().execute(async (trx) => {
      const outbox = new OutboxRepository(trx)
      const clientId = await outbox.clientOfUser(actor.clinicId, actor.userId)
      if (clientId === null) throw new AppError('not_found', 'No client record of yours in this clinic')
      const course = await new PlanningRepository(trx).course(actor.clinicId, clientId)
      await audit(repositoriesOver(trx), actor, { action: 'read', entity: 'aftercare', clientId })
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
      const place = await trx
        .selectFrom('session_records')
        .select('location_id')
        .where('clinic_id', '=', actor.clinicId)
        .where('id', '=', last.id)
        .executeTakeFirst()
      const clock = await clinicClock(trx, actor.clinicId)
      const today = careOnDay(care.aftercare, timeline.sessionDay + day)
      return {
        session: {
          sessionIndex: last.sessionIndex,
          performedAt: last.performedAt.toISOString(),
          performedAtLocal: clock.local(last.performedAt, place?.location_id),
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
    const secret = await linkSecret(this.#db)
    const target = verifyUnsubscribeToken(secret, token)
    const client =
      target === null ? null : await new OutboxRepository(this.#db).client(target.clinicId, target.clientId)
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
    await this.#db.transaction().execute(async (trx) => {
      const outbox = new OutboxRepository(trx)
      const client = await outbox.client(target.clinicId, target.clientId, true)
      if (client === null || client.erased || !client.marketingEmail) return
      await outbox.withdrawMarketingEmail(target.clinicId, target.clientId, now)
      const cancelled = await outbox.cancelNonCare(target.clinicId, target.clientId, now)
      await repositoriesOver(trx).audit.record({
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
