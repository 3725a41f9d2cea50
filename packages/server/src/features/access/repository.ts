import type { Kysely } from 'kysely'
import type { Database, Role } from '../../db/database.ts'

export interface MembershipRow {
  membershipId: string
  clinicId: string
  clinicName: string
  role: Role
  displayName: string
}

export class MembershipRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async find(userId: string, clinicId: string): Promise<{ id: string; role: Role } | null> {
    const row = await this.#db
      .selectFrom('memberships')
      .select(['id', 'role'])
      .where('user_id', '=', userId)
      .where('clinic_id', '=', clinicId)
      .executeTakeFirst()
    return row ?? null
  }

  async listForUser(userId: string): Promise<MembershipRow[]> {
    const rows = await this.#db
      .selectFrom('memberships')
      .innerJoin('clinics', 'clinics.id', 'memberships.clinic_id')
      .select([
        'memberships.id',
        'memberships.clinic_id',
        'clinics.name',
        'memberships.role',
        'memberships.display_name',
      ])
      .where('memberships.user_id', '=', userId)
      .orderBy('clinics.name')
      .execute()
    return rows.map((r) => ({
      membershipId: r.id,
      clinicId: r.clinic_id,
      clinicName: r.name,
      role: r.role,
      displayName: r.display_name,
    }))
  }

  /** The clinics a user belongs to, for audit rows about the user's own sign-in. */
  async clinicIdsOfEmail(email: string): Promise<{ clinicId: string; userId: string; membershipId: string }[]> {
    return this.#db
      .selectFrom('memberships')
      .innerJoin('auth_user', 'auth_user.id', 'memberships.user_id')
      .select(['memberships.clinic_id as clinicId', 'auth_user.id as userId', 'memberships.id as membershipId'])
      .where('auth_user.email', '=', email.toLowerCase())
      .execute()
  }
}
