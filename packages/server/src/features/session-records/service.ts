import {
  type Lot,
  type LotCreate,
  type LotRecall,
  localDate,
  type SessionRecord,
  type SessionRecordCreate,
  sessionSafetyRefusals,
  zonedToInstant,
} from '@stipple/domain'
import { type Actor, seesClinical } from '../../actor.ts'
import { AppError, type FieldProblem } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import { noClient, requireClient } from '../clients/guard.ts'
import type { SessionRecordRepository } from './repository.ts'
import type { SessionRecordWork } from './work.ts'

/** When a session was performed, as an ISO instant: given as one, or as a wall-clock time read in the location's zone. */
function performedInstant(input: SessionRecordCreate, timeZone: string): string {
  if (input.performedAtLocal !== undefined) {
    const { date, time } = input.performedAtLocal
    return new Date(
      zonedToInstant(date, Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)), timeZone)
    ).toISOString()
  }
  return input.performedAt ?? ''
}

type Registered = Awaited<ReturnType<SessionRecordRepository['registeredLots']>>[number]
const same = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase()

/**
 * Each lot of the record checked against the location's lots register: a lot the register does not hold, one
 * that differs from it, or one expired on the session's day is refused, with the register's words. Returns the
 * register's ids per row, and the problems.
 */
export function checkLots(
  input: SessionRecordCreate,
  sessionDate: string,
  locationName: string,
  pigments: readonly Registered[],
  needles: readonly Registered[]
): { problems: FieldProblem[]; pigmentLots: string[]; needleLots: string[] } {
  const problems: FieldProblem[] = []
  const find = (rows: readonly Registered[], code: string) => rows.find((r) => same(r.lot, code))
  const pigmentLots = input.pigments.map((p, i) => {
    const at = `body.pigments[${i}]`
    const lot = find(pigments, p.lot)
    if (lot === undefined) {
      problems.push({
        path: `${at}.lot`,
        message: `pigment lot ${p.lot} is not in the lots register of ${locationName}: add it (brand, shade, lot, expiry) before using it`,
      })
      return ''
    }
    if (!same(lot.brand, p.brand) || !same(lot.shade, p.shade)) {
      problems.push({
        path: `${at}.lot`,
        message: `lot ${lot.lot} is ${lot.brand} ${lot.shade ?? ''} in the register, not ${p.brand} ${p.shade}`.trim(),
      })
    }
    if (lot.expires_on < sessionDate) {
      problems.push({
        path: `${at}.lot`,
        message: `pigment lot ${lot.lot} expired on ${lot.expires_on}, before the session on ${sessionDate}; do not use it`,
      })
    } else if (p.expiresOn !== lot.expires_on) {
      problems.push({
        path: `${at}.expiresOn`,
        message: `the register has lot ${lot.lot} expiring on ${lot.expires_on}, not ${p.expiresOn}`,
      })
    }
    return lot.id
  })
  const needleLots = input.needles.map((n, i) => {
    const at = `body.needles[${i}]`
    const lot = find(needles, n.lot)
    if (lot === undefined) {
      problems.push({
        path: `${at}.lot`,
        message: `needle lot ${n.lot} is not in the lots register of ${locationName}: add it (maker, configuration, lot, expiry) before using it`,
      })
      return ''
    }
    if (!same(lot.configuration, n.configuration)) {
      problems.push({
        path: `${at}.configuration`,
        message: `lot ${lot.lot} holds ${lot.configuration ?? 'another configuration'} cartridges in the register, not ${n.configuration}`,
      })
    }
    if (lot.expires_on < sessionDate) {
      problems.push({
        path: `${at}.lot`,
        message: `needle lot ${lot.lot} expired on ${lot.expires_on}, before the session on ${sessionDate}; do not use it`,
      })
    } else if (n.expiresOn !== undefined && n.expiresOn !== lot.expires_on) {
      problems.push({
        path: `${at}.expiresOn`,
        message: `the register has lot ${lot.lot} expiring on ${lot.expires_on}, not ${n.expiresOn}`,
      })
    }
    return lot.id
  })
  return { problems, pigmentLots, needleLots }
}

export class SessionRecordService {
  readonly #work: SessionRecordWork
  readonly #now: () => Date
  constructor(work: SessionRecordWork, now: () => Date = () => new Date()) {
    this.#work = work
    this.#now = now
  }

  create(actor: Actor, clientId: string, input: SessionRecordCreate): Promise<SessionRecord> {
    return this.#work.run(async (repos) => {
      if (!(await repos.clients.lock(actor.clinicId, clientId))) throw noClient(clientId)
      const location = await repos.locations.get(actor.clinicId, input.locationId)
      const timeZone = location?.timeZone ?? null
      const problems: FieldProblem[] = []
      if (timeZone === null) problems.push({ path: 'body.locationId', message: 'no such location in this clinic' })
      if (!(await repos.sessions.isPractitioner(actor.clinicId, input.practitionerId))) {
        problems.push({ path: 'body.practitionerId', message: 'no such practitioner in this clinic' })
      }
      if (problems.length > 0 || timeZone === null) {
        throw new AppError('invalid_input', 'The session record names records this clinic does not have', { problems })
      }
      // only the owner sets a refusal aside, and only with a written reason (the schema holds its length)
      if (input.override !== undefined && actor.role !== 'owner') {
        throw new AppError('forbidden', 'Only the clinic’s owner can override a missing consent or a screening', {
          problems: [{ path: 'body.override', message: 'only the owner can override; ask the owner to record it' }],
        })
      }
      const performedAt = performedInstant(input, timeZone)
      const sessionDate = localDate(new Date(performedAt), timeZone)
      const appointment =
        input.appointmentId === undefined ? null : await repos.sessions.appointment(actor.clinicId, input.appointmentId)
      if (input.appointmentId !== undefined) {
        const path = 'body.appointmentId'
        const wrong = (message: string) => {
          throw new AppError('unprocessable', 'The session cannot be linked to this appointment', {
            problems: [{ path, message }],
          })
        }
        if (appointment === null || appointment.client_id !== clientId) {
          throw new AppError('invalid_input', 'The session record names records this clinic does not have', {
            problems: [{ path, message: 'no such appointment of this client' }],
          })
        }
        if (appointment.kind !== 'smp-session' && appointment.kind !== 'touch-up') {
          wrong(`this is a ${appointment.kind} appointment; a session record follows an SMP session or a touch-up`)
        }
        if (appointment.status === 'cancelled' || appointment.status === 'no-show') {
          wrong(`this appointment was marked ${appointment.status === 'cancelled' ? 'cancelled' : 'a no-show'}`)
        }
        if (appointment.location_id !== input.locationId) {
          wrong('this appointment is at another location than the session record')
        }
        const recorded = await repos.sessions.recordOfAppointment(actor.clinicId, appointment.id)
        if (recorded !== null) wrong('a session record already follows this appointment')
      }
      const locationName = location?.name ?? 'this location'
      const [pigmentRows, needleRows] = await Promise.all([
        repos.sessions.registeredLots(
          actor.clinicId,
          input.locationId,
          'pigment',
          input.pigments.map((p) => p.lot)
        ),
        repos.sessions.registeredLots(
          actor.clinicId,
          input.locationId,
          'needle',
          input.needles.map((n) => n.lot)
        ),
      ])
      const lots = checkLots(input, sessionDate, locationName, pigmentRows, needleRows)
      if (lots.problems.length > 0) {
        throw new AppError('unprocessable', 'Only a lot in the register, before its expiry, can be recorded as used', {
          problems: lots.problems,
        })
      }
      const facts = await repos.sessions.safetyFacts(actor.clinicId, clientId)
      const refusals = sessionSafetyRefusals({
        sessionDate,
        intake:
          facts.intake === null
            ? null
            : {
                version: facts.intake.version,
                answeredOn: localDate(facts.intake.at, timeZone),
                document: facts.intake.document,
              },
        currentConsentVersion: facts.currentConsentVersion,
        signedConsents: facts.signed.map((c) => ({ version: c.version, signedOn: localDate(c.at, timeZone) })),
      })
      if (refusals.length > 0 && input.override === undefined) {
        throw new AppError(
          'unprocessable',
          `This session cannot be recorded: ${refusals.map((r) => r.message).join(' ')}`,
          { problems: refusals.map((r) => ({ path: r.path, message: r.message })) }
        )
      }
      if (refusals.length === 0 && input.override !== undefined) {
        throw new AppError('unprocessable', 'There is nothing to override', {
          problems: [
            {
              path: 'body.override',
              message: 'the consent and the screening allow this session; remove the override',
            },
          ],
        })
      }
      const override =
        input.override === undefined
          ? null
          : { reason: input.override.reason, by: actor.membershipId, overridden: refusals.map((r) => r.message) }
      const id = await repos.sessions.create(actor.clinicId, clientId, { ...input, performedAt }, actor.membershipId, {
        appointmentId: appointment?.id ?? null,
        treatmentPlanId: appointment?.treatment_plan_id ?? null,
        override,
        pigmentLots: lots.pigmentLots,
        needleLots: lots.needleLots,
      })
      if (appointment !== null && appointment.status !== 'completed') {
        await repos.sessions.completeAppointment(actor.clinicId, appointment.id, actor.membershipId, id)
      }
      await audit(repos, actor, {
        action: 'create',
        entity: 'session-record',
        entityId: id,
        clientId,
        detail: {
          sessionIndex: input.sessionIndex,
          adverseEvents: input.adverseEvents?.length ?? 0,
          appointmentId: appointment?.id ?? null,
          overridden: override !== null,
        },
      })
      if (override !== null) {
        await audit(repos, actor, {
          action: 'create',
          entity: 'safety-override',
          entityId: id,
          clientId,
          detail: { reason: override.reason, overridden: override.overridden, sessionDate },
        })
      }
      const [record] = await repos.sessions.list(actor.clinicId, { ids: [id] })
      if (record === undefined) throw new Error(`session record ${id} vanished inside its own transaction`)
      return record
    })
  }

  list(actor: Actor, clientId: string): Promise<SessionRecord[]> {
    return this.#work.run(async (repos) => {
      await requireClient(repos.clients, actor.clinicId, clientId)
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

  /** The lots register (all locations, or one), with what is expired today at each location. */
  lots(actor: Actor, locationId: string | undefined, kind: 'pigment' | 'needle' | undefined): Promise<Lot[]> {
    return this.#work.run(async (repos) => {
      const zones = await repos.locations.zones(actor.clinicId)
      if (locationId !== undefined && !zones.has(locationId)) {
        throw new AppError('not_found', `No location ${locationId} in this clinic`)
      }
      const now = this.#now()
      return repos.sessions.lots(actor.clinicId, { locationId, kind }, (l) => localDate(now, zones.get(l) ?? 'UTC'))
    })
  }

  /** Adds a lot to a location's register (owner or practitioner); a lot code a location already holds is 409. */
  addLot(actor: Actor, input: LotCreate): Promise<Lot> {
    return this.#work.run(async (repos) => {
      const zones = await repos.locations.zones(actor.clinicId)
      const zone = zones.get(input.locationId)
      if (zone === undefined) {
        throw new AppError('invalid_input', 'The lot names a location this clinic does not have', {
          problems: [{ path: 'body.locationId', message: 'no such location in this clinic' }],
        })
      }
      const id = await repos.sessions.addLot(actor.clinicId, input, actor.membershipId)
      if (id === null) {
        throw new AppError('conflict', `This location already has ${input.kind} lot ${input.lot} in its register`, {
          problems: [{ path: 'body.lot', message: `${input.kind} lot ${input.lot} is already in the register` }],
        })
      }
      await audit(repos, actor, {
        action: 'create',
        entity: 'lot',
        entityId: id,
        detail: { kind: input.kind, lot: input.lot, locationId: input.locationId, expiresOn: input.expiresOn },
      })
      const now = this.#now()
      const [lot] = await repos.sessions.lots(actor.clinicId, { ids: [id] }, () => localDate(now, zone))
      if (lot === undefined) throw new Error(`lot ${id} vanished inside its own transaction`)
      return lot
    })
  }

  lotRecall(actor: Actor, lot: string, kind: 'pigment' | 'needle' | undefined): Promise<LotRecall> {
    return this.#work.run(async (repos) => {
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
