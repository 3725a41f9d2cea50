import type { AuditEntry } from '@stipple/domain'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database } from '../../db/database.ts'

export interface AuditRecord {
  clinicId: string
  actorUserId: string | null
  actorMembershipId: string | null
  actorRole: string | null
  action: string
  entity: string
  entityId: string | null
  clientId: string | null
  ip: string | null
  userAgent: string | null
  requestId: string | null
  detail: Record<string, unknown> | null
}

/**
 * `insert into audit_log … returning id` of one row per row of `source` (a CTE of the same statement): a read and its
 * audit row in one statement, so the row commits with the read or the read fails.
 */
export function auditInsertPerRow(source: string, entry: AuditRecord): RawBuilder<unknown> {
  return sql`insert into audit_log
      (clinic_id, actor_user_id, actor_membership_id, actor_role, action, entity, entity_id, client_id, ip, user_agent,
       request_id, detail)
    select ${entry.clinicId}::uuid, ${entry.actorUserId}, ${entry.actorMembershipId}::uuid, ${entry.actorRole},
      ${entry.action}, ${entry.entity}, ${entry.entityId}, ${entry.clientId}::uuid, ${entry.ip}, ${entry.userAgent},
      ${entry.requestId}, ${entry.detail === null ? null : JSON.stringify(entry.detail)}::jsonb
    from ${sql.table(source)}
    returning id`
}

export class AuditRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async record(entry: AuditRecord): Promise<void> {
    await this.#db
      .insertInto('audit_log')
      .values({
        clinic_id: entry.clinicId,
        actor_user_id: entry.actorUserId,
        actor_membership_id: entry.actorMembershipId,
        actor_role: entry.actorRole,
        action: entry.action,
        entity: entry.entity,
        entity_id: entry.entityId,
        client_id: entry.clientId,
        ip: entry.ip,
        user_agent: entry.userAgent,
        request_id: entry.requestId,
        detail: entry.detail === null ? null : JSON.stringify(entry.detail),
      })
      .execute()
  }

  async page(
    clinicId: string,
    query: { clientId?: string | undefined; before?: number | undefined; limit: number }
  ): Promise<AuditEntry[]> {
    let q = this.#db
      .selectFrom('audit_log')
      .select([
        'id',
        'at',
        'actor_user_id',
        'actor_role',
        'action',
        'entity',
        'entity_id',
        'client_id',
        'ip',
        'user_agent',
        'detail',
      ])
      .where('clinic_id', '=', clinicId)
    if (query.clientId !== undefined) q = q.where('client_id', '=', query.clientId)
    if (query.before !== undefined) q = q.where('id', '<', String(query.before))
    const rows = await q.orderBy('id', 'desc').limit(query.limit).execute()
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at.toISOString(),
      actorUserId: r.actor_user_id,
      actorRole: r.actor_role,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      clientId: r.client_id,
      ip: r.ip,
      userAgent: r.user_agent,
      detail: r.detail,
    }))
  }
}
