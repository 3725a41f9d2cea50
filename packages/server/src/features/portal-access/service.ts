// Portal access: a client's own sign-in, set up with them in the clinic. The client types their password on the
// clinic's tablet; staff never see it. The account is a member of the clinic with the client role, linked to the
// client record, so the portal routes find their records through it.

import type { Actor } from '../../actor.ts'
import type { Auth } from '../../auth/auth.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import { noClient } from '../clients/guard.ts'
import type { PortalAccessWork } from './work.ts'

export interface PortalAccess {
  clientId: string
  email: string
  createdAt: string
}

export class PortalAccessService {
  readonly #work: PortalAccessWork
  readonly #auth: Auth
  readonly #now: () => Date
  constructor(work: PortalAccessWork, auth: Auth, now: () => Date) {
    this.#work = work
    this.#auth = auth
    this.#now = now
  }

  /** Whether the client can sign in to the portal, and as whom. */
  async status(actor: Actor, clientId: string): Promise<{ clientId: string; enabled: boolean; email: string | null }> {
    const row = await this.#work.read.portal.portalEmail(actor.clinicId, clientId)
    if (row === undefined) throw noClient(clientId)
    return { clientId, enabled: row.email !== null, email: row.email }
  }

  async grant(actor: Actor, clientId: string, password: string): Promise<PortalAccess> {
    const client = await this.#work.run(async (repos) => {
      const found = await repos.portal.client(actor.clinicId, clientId)
      if (found === undefined) throw noClient(clientId)
      if (found.erased_at !== null)
        throw new AppError('conflict', 'This client was erased on request: they cannot have a portal account')
      if (found.user_id !== null) throw new AppError('conflict', 'This client already has a portal account')
      if (found.email === null || found.email === '') {
        throw new AppError('unprocessable', "Add the client's email address first: it is how they sign in", {
          problems: [{ path: 'client.email', message: 'The client has no email address' }],
        })
      }
      if (await repos.portal.emailTaken(found.email)) {
        throw new AppError(
          'conflict',
          `${found.email} already signs in to Stipple; use another email address for the portal`
        )
      }
      return { ...found, email: found.email }
    })
    // the auth library writes the user through its own connection, outside our transaction: undo it if linking fails
    const displayName = `${client.given_name} ${client.family_name}`.trim()
    const user = await this.#auth.createUser({ email: client.email, name: displayName, password })
    try {
      return await this.#work.run(async (repos) => {
        await repos.portal.addClientMembership(actor.clinicId, user.id, displayName)
        if (!(await repos.portal.link(actor.clinicId, clientId, user.id, this.#now()))) {
          throw new AppError('conflict', 'This client already has a portal account')
        }
        await audit(repos, actor, {
          action: 'create',
          entity: 'portal-access',
          entityId: clientId,
          clientId,
        })
        return { clientId, email: client.email, createdAt: this.#now().toISOString() }
      })
    } catch (error) {
      await this.#auth.deleteUser(user.id)
      throw error
    }
  }
}
