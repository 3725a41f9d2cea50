import type { Credential, CredentialCreate, CredentialUpdate } from '@stipple/domain'
import type { Kysely } from 'kysely'
import type { Database, Role } from '../../db/database.ts'

const COLUMNS = [
  'c.id',
  'c.membership_id',
  'm.display_name',
  'c.kind',
  'c.title',
  'c.number',
  'c.issuer',
  'c.issued_on',
  'c.expires_on',
  'c.public',
  'c.created_at',
  'c.updated_at',
] as const

export class CredentialRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async membershipRole(clinicId: string, membershipId: string): Promise<Role | null> {
    const row = await this.#db
      .selectFrom('memberships')
      .select('role')
      .where('clinic_id', '=', clinicId)
      .where('id', '=', membershipId)
      .executeTakeFirst()
    return row?.role ?? null
  }

  /** The clinic's credentials (of one practitioner when given), soonest expiry first; `expiringBy` keeps those with an expiry on or before that date. */
  async list(
    clinicId: string,
    filter: { membershipId?: string | undefined; id?: string; expiringBy?: string } = {}
  ): Promise<Credential[]> {
    let q = this.#db
      .selectFrom('practitioner_credentials as c')
      .innerJoin('memberships as m', (j) =>
        j.onRef('m.id', '=', 'c.membership_id').onRef('m.clinic_id', '=', 'c.clinic_id')
      )
      .select(COLUMNS)
      .where('c.clinic_id', '=', clinicId)
    if (filter.membershipId !== undefined) q = q.where('c.membership_id', '=', filter.membershipId)
    if (filter.id !== undefined) q = q.where('c.id', '=', filter.id)
    if (filter.expiringBy !== undefined) q = q.where('c.expires_on', '<=', filter.expiringBy)
    const rows = await q
      .orderBy((eb) => eb.fn.coalesce('c.expires_on', eb.val('9999-12-31')))
      .orderBy('m.display_name')
      .orderBy('c.id')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      membershipId: r.membership_id,
      practitionerName: r.display_name,
      kind: r.kind,
      title: r.title,
      number: r.number,
      issuer: r.issuer,
      issuedOn: r.issued_on,
      expiresOn: r.expires_on,
      public: r.public,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at?.toISOString() ?? null,
    }))
  }

  async create(clinicId: string, input: CredentialCreate): Promise<string> {
    const row = await this.#db
      .insertInto('practitioner_credentials')
      .values({
        clinic_id: clinicId,
        membership_id: input.membershipId,
        kind: input.kind,
        title: input.title,
        number: input.number ?? null,
        issuer: input.issuer,
        issued_on: input.issuedOn ?? null,
        expires_on: input.expiresOn ?? null,
        public: input.public,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  async update(clinicId: string, id: string, patch: CredentialUpdate, now: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable('practitioner_credentials')
      .set({
        ...(patch.kind === undefined ? {} : { kind: patch.kind }),
        ...(patch.title === undefined ? {} : { title: patch.title }),
        ...(patch.number === undefined ? {} : { number: patch.number }),
        ...(patch.issuer === undefined ? {} : { issuer: patch.issuer }),
        ...(patch.issuedOn === undefined ? {} : { issued_on: patch.issuedOn }),
        ...(patch.expiresOn === undefined ? {} : { expires_on: patch.expiresOn }),
        ...(patch.public === undefined ? {} : { public: patch.public }),
        updated_at: now,
      })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  async delete(clinicId: string, id: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom('practitioner_credentials')
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }
}
