// Portal access: a client's own sign-in, set up with them in the clinic. The client types their password on the
// clinic's tablet; staff never see it. The account is a member of the clinic with the client role, linked to the
// client record, so the portal routes find their records through it.

import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Actor } from '../../actor.ts'
import type { Auth } from '../../auth/auth.ts'
import type { Database } from '../../db/database.ts'
import { repositoriesOver } from '../../db/unit-of-work.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'

export interface PortalAccess {
  clientId: string
  email: string
  createdAt: string
}

export class PortalAccessService {
  readonly #db: Kysely<Database>
  readonly #auth: Auth
  readonly #now: () => Date
  constructor(db: Kysely<Database>, auth: Auth, now: () => Date) {
    this.#db = db
    this.#auth = auth
    this.#now = now
  }

  /** Whether the client can sign in to the portal, and as whom. */
  async status(actor: Actor, clientId: string): Promise<{ clientId: string; enabled: boolean; email: string | null }> {
    const row = await this.#db
      .selectFrom('clients')
      .leftJoin('auth_user', 'auth_user.id', 'clients.user_id')
      .select(['clients.id', 'auth_user.email'])
      .where('clients.clinic_id', '=', actor.clinicId)
      .where('clients.id', '=', clientId)
      .where('clients.erased_at', 'is', null)
      .executeTakeFirst()
    if (row === undefined) throw new AppError('not_found', `No client ${clientId} in this clinic`)
    return { clientId, enabled: row.email !== null, email: row.email }
  }

  async grant(actor: Actor, clientId: string, password: string): Promise<PortalAccess> {
    const client = await this.#db.transaction().execute(async (trx) => {
      const found = await trx
        .selectFrom('clients')
        .select(['id', 'given_name', 'family_name', 'email', 'user_id', 'erased_at'])
        .where('clinic_id', '=', actor.clinicId)
        .where('id', '=', clientId)
        .executeTakeFirst()
      if (found === undefined) throw new AppError('not_found', `No client ${clientId} in this clinic`)
      if (found.erased_at !== null)
        throw new AppError('conflict', 'This client was erased on request: they cannot have a portal account')
      if (found.user_id !== null) throw new AppError('conflict', 'This client already has a portal account')
      if (found.email === null || found.email === '') {
        throw new AppError('unprocessable', "Add the client's email address first: it is how they sign in", {
          problems: [{ path: 'client.email', message: 'The client has no email address' }],
        })
      }
      const taken = await trx
        .selectFrom('auth_user')
        .select('id')
        .where(sql<string>`lower(email)`, '=', found.email.toLowerCase())
        .executeTakeFirst()
      if (taken !== undefined) {
        throw new AppError(
          'conflict',
          `${found.email} already signs in to Stipple; use another email address for the portal`
        )
      }
      return { ...found, email: found.email }
    })
    // the auth library writes the user through its own connection, outside our transaction: undo it if linking fails
    const user = await this.#auth.createUser({
      email: client.email,
      name: `${client.given_name} ${client.family_name}`.trim(),
      password,
    })
    try {
      return await this.#db.transaction().execute(async (trx) => {
        await trx
          .insertInto('memberships')
          .values({
            clinic_id: actor.clinicId,
            user_id: user.id,
            role: 'client',
            display_name: `${client.given_name} ${client.family_name}`.trim(),
          })
          .execute()
        const linked = await trx
          .updateTable('clients')
          .set({ user_id: user.id, updated_at: this.#now() })
          .where('clinic_id', '=', actor.clinicId)
          .where('id', '=', clientId)
          .where('user_id', 'is', null)
          .returning('id')
          .executeTakeFirst()
        if (linked === undefined) throw new AppError('conflict', 'This client already has a portal account')
        await audit(repositoriesOver(trx), actor, {
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
