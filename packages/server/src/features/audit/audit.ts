// The audit row for an actor's action: who, in which clinic, from where.

import type { Actor } from '../../actor.ts'
import type { Repositories } from '../../db/unit-of-work.ts'

export interface AuditWhat {
  action: 'read' | 'create' | 'update' | 'export' | 'erase'
  entity: string
  entityId?: string | null
  clientId?: string | null
  detail?: Record<string, unknown> | null
}

export function audit(repos: Repositories, actor: Actor, what: AuditWhat): Promise<void> {
  return repos.audit.record({
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    actorMembershipId: actor.membershipId,
    actorRole: actor.role,
    action: what.action,
    entity: what.entity,
    entityId: what.entityId ?? null,
    clientId: what.clientId ?? null,
    ip: actor.ip,
    userAgent: actor.userAgent,
    requestId: actor.requestId,
    detail: what.detail ?? null,
  })
}
