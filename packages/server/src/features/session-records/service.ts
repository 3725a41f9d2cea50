import { type LotRecall, localTime, type SessionRecord, type SessionRecordCreate } from '@stipple/domain'
import { type Actor, seesClinical } from '../../actor.ts'
import type { RunInTransaction } from '../../db/unit-of-work.ts'
import { AppError, type FieldProblem } from '../../errors.ts'
import { audit } from '../audit/audit.ts'

/** The calendar date of an instant at a location ('YYYY-MM-DD'). */
export function localDate(instant: Date, timeZone: string): string {
  return localTime(instant.getTime(), timeZone).date
}

/** Lots past their expiry on the day of the session (in the location's time zone): DOMAIN §6.4, never use them. */
export function expiredLotProblems(input: SessionRecordCreate, sessionDate: string): FieldProblem[] {
  const problems: FieldProblem[] = []
  input.pigments.forEach((p, i) => {
    if (p.expiresOn < sessionDate) {
      problems.push({
        path: `body.pigments[${i}].expiresOn`,
        message: `pigment lot ${p.lot} expired on ${p.expiresOn}, before the session on ${sessionDate}; do not use it`,
      })
    }
  })
  input.needles.forEach((n, i) => {
    if (n.expiresOn !== undefined && n.expiresOn < sessionDate) {
      problems.push({
        path: `body.needles[${i}].expiresOn`,
        message: `needle lot ${n.lot} expired on ${n.expiresOn}, before the session on ${sessionDate}; do not use it`,
      })
    }
  })
  return problems
}

export class SessionRecordService {
  readonly #run: RunInTransaction
  constructor(run: RunInTransaction) {
    this.#run = run
  }

  create(actor: Actor, clientId: string, input: SessionRecordCreate): Promise<SessionRecord> {
    return this.#run(async (repos) => {
      if (!(await repos.clients.lock(actor.clinicId, clientId))) {
        throw new AppError('not_found', `No client ${clientId} in this clinic`)
      }
      const timeZone = await repos.sessions.locationTimeZone(actor.clinicId, input.locationId)
      const problems: FieldProblem[] = []
      if (timeZone === null) problems.push({ path: 'body.locationId', message: 'no such location in this clinic' })
      if (!(await repos.sessions.isPractitioner(actor.clinicId, input.practitionerId))) {
        problems.push({ path: 'body.practitionerId', message: 'no such practitioner in this clinic' })
      }
      if (problems.length > 0 || timeZone === null) {
        throw new AppError('invalid_input', 'The session record names records this clinic does not have', { problems })
      }
      const expired = expiredLotProblems(input, localDate(new Date(input.performedAt), timeZone))
      if (expired.length > 0) {
        throw new AppError('unprocessable', 'An expired lot cannot be recorded as used', { problems: expired })
      }
      const id = await repos.sessions.create(actor.clinicId, clientId, input, actor.membershipId)
      await audit(repos, actor, {
        action: 'create',
        entity: 'session-record',
        entityId: id,
        clientId,
        detail: { sessionIndex: input.sessionIndex, adverseEvents: input.adverseEvents?.length ?? 0 },
      })
      const [record] = await repos.sessions.list(actor.clinicId, { ids: [id] })
      if (record === undefined) throw new Error(`session record ${id} vanished inside its own transaction`)
      return record
    })
  }

  list(actor: Actor, clientId: string): Promise<SessionRecord[]> {
    return this.#run(async (repos) => {
      if ((await repos.clients.get(actor.clinicId, clientId)) === null) {
        throw new AppError('not_found', `No client ${clientId} in this clinic`)
      }
      const records = await repos.sessions.list(actor.clinicId, { clientId })
      const clinical = seesClinical(actor)
      await audit(repos, actor, {
        action: 'read',
        entity: 'session-record-list',
        clientId,
        detail: { count: records.length, clinical },
      })
      return clinical ? records : records.map((r) => ({ ...r, clinical: null }))
    })
  }

  lotRecall(actor: Actor, lot: string, kind: 'pigment' | 'needle' | undefined): Promise<LotRecall> {
    return this.#run(async (repos) => {
      const matches = await repos.sessions.lotRecall(actor.clinicId, lot, kind)
      await audit(repos, actor, {
        action: 'read',
        entity: 'lot-recall',
        detail: { lot, kind: kind ?? null, clients: [...new Set(matches.map((m) => m.client.id))] },
      })
      return { lot, matches }
    })
  }
}
