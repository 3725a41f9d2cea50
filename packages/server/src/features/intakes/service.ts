import { type IntakeCreate, type IntakeRecord, localDate, parseIntake, screenIntake } from '@stipple/domain'
import type { Actor } from '../../actor.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import { noClient, requireClient } from '../clients/guard.ts'
import type { IntakeWork } from './work.ts'

/** The screening in force: the client's latest intake, screened on a day at a location. */
export interface ScreeningInForce {
  intakeId: string
  intakeVersion: number
  /** The day the intake was answered, at the location. */
  answeredOn: string
  /** The day screened, at the location. */
  asOf: string
  /** null when the intake is incomplete and cannot be screened. */
  status: 'suitable' | 'caution' | 'defer' | 'not-suitable' | null
  findings: { code: string; severity: 'info' | 'caution' | 'defer' | 'block'; message: string; until?: string }[]
  /** How many earlier intakes this one supersedes. */
  supersedes: number
}

export class IntakeService {
  readonly #work: IntakeWork
  readonly #now: () => Date
  constructor(work: IntakeWork, now: () => Date = () => new Date()) {
    this.#work = work
    this.#now = now
  }

  /** The screening of the client's latest intake, on a day (default today) at a location (default the client's). */
  screening(
    actor: Actor,
    clientId: string,
    query: { locationId?: string | undefined; on?: string | undefined }
  ): Promise<ScreeningInForce | null> {
    return this.#work.run(async (repos) => {
      const client = await repos.clients.get(actor.clinicId, clientId)
      if (client === null) throw noClient(clientId)
      const zones = await repos.locations.zones(actor.clinicId)
      const locationId = query.locationId ?? client.homeLocationId ?? [...zones.keys()][0]
      const zone = locationId === undefined ? undefined : zones.get(locationId)
      if (zone === undefined) {
        throw new AppError('invalid_input', 'The screening names a location this clinic does not have', {
          problems: [{ path: 'query.locationId', message: 'no such location in this clinic' }],
        })
      }
      const intakes = await repos.intakes.listForClient(actor.clinicId, clientId)
      const latest = intakes[0]
      await audit(repos, actor, {
        action: 'read',
        entity: 'screening',
        entityId: latest?.id ?? null,
        clientId,
        detail: { intakeVersion: latest?.version ?? null },
      })
      if (latest === undefined) return null
      const answeredOn = localDate(new Date(latest.createdAt), zone)
      const asOf = query.on ?? localDate(this.#now(), zone)
      const parsed = parseIntake(latest.document)
      const screening = parsed.success ? screenIntake(parsed.data, asOf, answeredOn) : null
      return {
        intakeId: latest.id,
        intakeVersion: latest.version,
        answeredOn,
        asOf,
        status: screening?.status ?? null,
        findings: (screening?.findings ?? []).map((f) => ({
          code: f.code,
          severity: f.severity,
          message: f.message,
          ...(f.until === undefined ? {} : { until: f.until }),
        })),
        supersedes: intakes.length - 1,
      }
    })
  }

  list(actor: Actor, clientId: string): Promise<IntakeRecord[]> {
    return this.#work.run(async (repos) => {
      await requireClient(repos.clients, actor.clinicId, clientId)
      const intakes = await repos.intakes.listForClient(actor.clinicId, clientId)
      await audit(repos, actor, { action: 'read', entity: 'intake-list', clientId, detail: { count: intakes.length } })
      return intakes
    })
  }

  create(actor: Actor, clientId: string, input: IntakeCreate): Promise<IntakeRecord> {
    return this.#work.run(async (repos) => {
      if (!(await repos.clients.lock(actor.clinicId, clientId))) throw noClient(clientId)
      const intake = await repos.intakes.create(actor.clinicId, clientId, input.document, actor.membershipId)
      await audit(repos, actor, {
        action: 'create',
        entity: 'intake',
        entityId: intake.id,
        clientId,
        detail: { version: intake.version },
      })
      return intake
    })
  }
}
