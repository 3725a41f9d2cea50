import type { Client, ClientCreate, ClientSummary, ClientUpdate } from '@stipple/domain'
import { type Actor, seesClinical } from '../../actor.ts'
import { AppError } from '../../errors.ts'
import { audit, auditRecord } from '../audit/audit.ts'
import { noClient } from './guard.ts'
import type { ClientRepositories, ClientWork } from './work.ts'

export class ClientService {
  readonly #work: ClientWork
  readonly #now: () => Date
  constructor(work: ClientWork, now: () => Date) {
    this.#work = work
    this.#now = now
  }

  list(
    actor: Actor,
    query: { q?: string | undefined; stage?: ClientSummary['stage'] | undefined; limit: number; offset: number }
  ) {
    return this.#work.run(async (repos) => {
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
    return this.#work.run(async (repos) => {
      await this.#checkLocation(repos, actor, input.homeLocationId)
      const client = await repos.clients.create(actor.clinicId, input, this.#now())
      await audit(repos, actor, { action: 'create', entity: 'client', entityId: client.id, clientId: client.id })
      return client
    })
  }

  /**
   * The client's file as JSON text (a ClientFile), read and audited in one statement: the hot read of the API. Front
   * desk sees no intakes and no clinical part of session records.
   */
  async fileJson(actor: Actor, clientId: string): Promise<string> {
    const clinical = seesClinical(actor)
    const file = await this.#work.read.clients.fileJsonAudited(
      actor.clinicId,
      clientId,
      clinical,
      auditRecord(actor, { action: 'read', entity: 'client-file', entityId: clientId, clientId, detail: { clinical } })
    )
    if (file === null) throw noClient(clientId)
    return file
  }

  update(actor: Actor, clientId: string, patch: ClientUpdate): Promise<Client> {
    return this.#work.run(async (repos) => {
      await this.#checkLocation(repos, actor, patch.homeLocationId)
      const client = await repos.clients.update(actor.clinicId, clientId, patch, this.#now())
      if (client === null) throw noClient(clientId)
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

  async #checkLocation(repos: ClientRepositories, actor: Actor, locationId: string | null | undefined): Promise<void> {
    if (locationId === undefined || locationId === null) return
    if (!(await repos.locations.exists(actor.clinicId, locationId))) {
      throw new AppError('invalid_input', `No location ${locationId} in this clinic`, {
        problems: [{ path: 'body.homeLocationId', message: 'no such location in this clinic' }],
      })
    }
  }
}
