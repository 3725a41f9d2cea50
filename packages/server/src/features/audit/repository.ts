import { type AuditEntry, type AuditFilters, auditEntityLabel } from '@stipple/domain'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import { clinicClock } from '../../local-times.ts'

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

export interface AuditPageQuery {
  clientId?: string | undefined
  actorUserId?: string | undefined
  action?: string | undefined
  entity?: string | undefined
  from?: string | undefined
  to?: string | undefined
  before?: number | undefined
  limit: number
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

  /**
   * A page of the log, newest first, with the acting person's name in the clinic and the client's name (or "Erased
   * client") joined in, filtered by who, what and when (`from`/`to`: days on the clinic's wall clock, inclusive).
   */
  async page(clinicId: string, query: AuditPageQuery): Promise<AuditEntry[]> {
    // the clinic's log is read on its main location's clock
    const clock = await clinicClock(this.#db, clinicId)
    const zone = clock.zoneOf()
    let q = this.#db
      .selectFrom('audit_log as a')
      .leftJoin('clients as c', 'c.id', 'a.client_id')
      .select([
        'a.id',
        'a.at',
        'a.actor_user_id',
        'a.actor_role',
        'a.action',
        'a.entity',
        'a.entity_id',
        'a.client_id',
        'a.ip',
        'a.user_agent',
        'a.detail',
        'c.given_name',
        'c.family_name',
        'c.erased_at',
        sql<string | null>`coalesce(
          (select m.display_name from memberships m where m.id = a.actor_membership_id),
          (select m.display_name from memberships m where m.user_id = a.actor_user_id and m.clinic_id = a.clinic_id
            order by m.created_at limit 1),
          (select u.name from auth_user u where u.id = a.actor_user_id))`.as('actor_name'),
        // an appointment's row names its client, or the website visitor's name for a booking without a file
        sql<string | null>`case when a.entity = 'appointment' and a.client_id is null then (
          select case
            when ap.client_id is null then nullif(trim(ap.contact->>'name'), '')
            when ac.id is null or ac.erased_at is not null then 'Erased client'
            else trim(ac.given_name || ' ' || ac.family_name) end
          from appointments ap left join clients ac on ac.id = ap.client_id
          where ap.id::text = a.entity_id and ap.clinic_id = a.clinic_id) end`.as('appointment_name'),
      ])
      .where('a.clinic_id', '=', clinicId)
    if (query.clientId !== undefined) q = q.where('a.client_id', '=', query.clientId)
    if (query.actorUserId !== undefined) q = q.where('a.actor_user_id', '=', query.actorUserId)
    if (query.action !== undefined) q = q.where('a.action', '=', query.action)
    if (query.entity !== undefined) q = q.where('a.entity', '=', query.entity)
    if (query.from !== undefined)
      q = q.where(sql<boolean>`a.at >= (${query.from}::date)::timestamp at time zone ${zone}`)
    if (query.to !== undefined)
      q = q.where(sql<boolean>`a.at < ((${query.to}::date + 1)::timestamp at time zone ${zone})`)
    if (query.before !== undefined) q = q.where('a.id', '<', String(query.before))
    const rows = await q.orderBy('a.id', 'desc').limit(query.limit).execute()
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at.toISOString(),
      atLocal: clock.local(r.at),
      actorUserId: r.actor_user_id,
      actorRole: r.actor_role,
      actorName: r.actor_name,
      action: r.action,
      entity: r.entity,
      entityLabel: auditEntityLabel(r.entity),
      entityId: r.entity_id,
      clientId: r.client_id,
      clientName:
        r.client_id === null
          ? r.appointment_name
          : r.erased_at !== null || r.given_name === null
            ? 'Erased client'
            : `${r.given_name} ${r.family_name ?? ''}`.trim(),
      ip: r.ip,
      userAgent: r.user_agent,
      detail: r.detail,
    }))
  }

  /** The people, actions and record kinds the clinic's log holds, for the audit page's filters. */
  async filters(clinicId: string): Promise<AuditFilters> {
    const people = await sql<{ user_id: string; name: string | null; role: string | null }>`
      select p.actor_user_id as user_id,
        coalesce(
          (select m.display_name from memberships m where m.user_id = p.actor_user_id and m.clinic_id = ${clinicId}
            order by m.created_at limit 1),
          (select u.name from auth_user u where u.id = p.actor_user_id)) as name,
        (select m.role from memberships m where m.user_id = p.actor_user_id and m.clinic_id = ${clinicId}
          order by m.created_at limit 1) as role
      from (select distinct actor_user_id from audit_log where clinic_id = ${clinicId} and actor_user_id is not null) p`.execute(
      this.#db
    )
    const kinds = await sql<{ action: string; entity: string }>`
      select distinct action, entity from audit_log where clinic_id = ${clinicId}`.execute(this.#db)
    return {
      people: people.rows
        .map((r) => ({ userId: r.user_id, name: r.name ?? 'Unknown account', role: r.role }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      actions: [...new Set(kinds.rows.map((r) => r.action))].sort(),
      entities: [...new Set(kinds.rows.map((r) => r.entity))]
        .sort()
        .map((entity) => ({ entity, label: auditEntityLabel(entity) })),
    }
  }
}
