import type { Client, ClientCreate, ClientFile, ClientSummary, ClientUpdate } from '@stipple/domain'
import { type Actor, seesClinical } from '../../actor.ts'
import type { Repositories, RunInTransaction } from '../../db/unit-of-work.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'

export class ClientService {
  readonly #run: RunInTransaction
  readonly #now: () => Date
  constructor(run: RunInTransaction, now: () => Date) {
    this.#run = run
    this.#now = now
  }

  list(
    actor: Actor,
    query: { q?: string | undefined; stage?: ClientSummary['stage'] | undefined; limit: number; offset: number }
  ) {
    return this.#run(async (repos) => {
      const page = await repos.clients.list(actor.clinicId, query)
      await audit(repos, actor, {
        action: 'read',
        entity: 'client-list',
        detail: { q: query.q ?? null, stage: query.stage ?? null, returned: page.items.length },
      })
      return page
    })
  }

  create(actor: Actor, input: ClientCreate): Promise<Client> {
    return this.#run(async (repos) => {
      await this.#checkLocation(repos, actor, input.homeLocationId)
      const client = await repos.clients.create(actor.clinicId, input, this.#now())
      await audit(repos, actor, { action: 'create', entity: 'client', entityId: client.id, clientId: client.id })
      return client
    })
  }

  /** The client's file; front desk sees no intakes and no clinical part of session records. */
  file(actor: Actor, clientId: string): Promise<ClientFile> {
    return this.#run(async (repos) => {
      const client = await repos.clients.get(actor.clinicId, clientId)
      if (client === null) throw new AppError('not_found', `No client ${clientId} in this clinic`)
      const clinical = seesClinical(actor)
      const intakes = clinical ? await repos.intakes.listForClient(actor.clinicId, clientId) : null
      const sessions = await repos.sessions.list(actor.clinicId, { clientId })
      await audit(repos, actor, {
        action: 'read',
        entity: 'client-file',
        entityId: clientId,
        clientId,
        detail: { clinical },
      })
      return {
        client,
        intakes,
        sessions: clinical ? sessions : sessions.map((s) => ({ ...s, clinical: null })),
      }
    })
  }

  update(actor: Actor, clientId: string, patch: ClientUpdate): Promise<Client> {
    return this.#run(async (repos) => {
      await this.#checkLocation(repos, actor, patch.homeLocationId)
      const client = await repos.clients.update(actor.clinicId, clientId, patch, this.#now())
      if (client === null) throw new AppError('not_found', `No client ${clientId} in this clinic`)
      await audit(repos, actor, {
        action: 'update',
        entity: 'client',
        entityId: clientId,
        clientId,
        detail: { fields: Object.keys(patch) },
      })
      return client
    })
  }

  async #checkLocation(repos: Repositories, actor: Actor, locationId: string | null | undefined): Promise<void> {
    if (locationId === undefined || locationId === null) return
    if (!(await repos.clients.locationExists(actor.clinicId, locationId))) {
      throw new AppError('invalid_input', `No location ${locationId} in this clinic`, {
        problems: [{ path: 'body.homeLocationId', message: 'no such location in this clinic' }],
      })
    }
  }
}
