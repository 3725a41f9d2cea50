import type { IntakeCreate, IntakeRecord } from '@stipple/domain'
import type { Actor } from '../../actor.ts'
import type { RunInTransaction } from '../../db/unit-of-work.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'

export class IntakeService {
  readonly #run: RunInTransaction
  constructor(run: RunInTransaction) {
    this.#run = run
  }

  list(actor: Actor, clientId: string): Promise<IntakeRecord[]> {
    return this.#run(async (repos) => {
      if ((await repos.clients.get(actor.clinicId, clientId)) === null) {
        throw new AppError('not_found', `No client ${clientId} in this clinic`)
      }
      const intakes = await repos.intakes.listForClient(actor.clinicId, clientId)
      await audit(repos, actor, { action: 'read', entity: 'intake-list', clientId, detail: { count: intakes.length } })
      return intakes
    })
  }

  create(actor: Actor, clientId: string, input: IntakeCreate): Promise<IntakeRecord> {
    return this.#run(async (repos) => {
      if (!(await repos.clients.lock(actor.clinicId, clientId))) {
        throw new AppError('not_found', `No client ${clientId} in this clinic`)
      }
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
