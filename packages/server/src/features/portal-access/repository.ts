// The rows portal access reads and writes: the client's link to a sign-in, the sign-in's email, the client membership.
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.ts'

export class PortalAccessRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** The email the client signs in to the portal with (null: no portal account); undefined when there is no such client. */
  async portalEmail(clinicId: string, clientId: string): Promise<{ email: string | null } | undefined> {
    return this.#db
      .selectFrom('clients')
      .leftJoin('auth_user', 'auth_user.id', 'clients.user_id')
      .select(['auth_user.email'])
      .where('clients.clinic_id', '=', clinicId)
      .where('clients.id', '=', clientId)
      .where('clients.erased_at', 'is', null)
      .executeTakeFirst()
  }

  /** The client as a grant needs it, erased or not (an erased client is refused with its own reason). */
  async client(clinicId: string, clientId: string) {
    return this.#db
      .selectFrom('clients')
      .select(['id', 'given_name', 'family_name', 'email', 'user_id', 'erased_at'])
      .where('clinic_id', '=', clinicId)
      .where('id', '=', clientId)
      .executeTakeFirst()
  }

  /** Whether some sign-in already uses this email (compared without case). */
  async emailTaken(email: string): Promise<boolean> {
    const taken = await this.#db
      .selectFrom('auth_user')
      .select('id')
      .where(sql<string>`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst()
    return taken !== undefined
  }

  async addClientMembership(clinicId: string, userId: string, displayName: string): Promise<void> {
    await this.#db
      .insertInto('memberships')
      .values({ clinic_id: clinicId, user_id: userId, role: 'client', display_name: displayName })
      .execute()
  }

  /** Links the sign-in to the client unless the client already has one; false then. */
  async link(clinicId: string, clientId: string, userId: string, now: Date): Promise<boolean> {
    const linked = await this.#db
      .updateTable('clients')
      .set({ user_id: userId, updated_at: now })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', clientId)
      .where('user_id', 'is', null)
      .returning('id')
      .executeTakeFirst()
    return linked !== undefined
  }
}
