// The audit row for an actor's action: who, in which clinic, from where.

import type { Actor } from '../../actor.ts'
import type { AuditRecord, AuditRepository } from './repository.ts'

export interface AuditWhat {
  action: 'read' | 'create' | 'update' | 'export' | 'erase'
  entity: string
  entityId?: string | null
  clientId?: string | null
  detail?: Record<string, unknown> | null
}

/** Writes the audit row through the unit of work's audit repository (any repositories that include one). */
export function audit(repos: { audit: AuditRepository }, actor: Actor, what: AuditWhat): Promise<void> {
  return repos.audit.record(auditRecord(actor, what))
}

/** The row `audit` writes, for a repository that writes it in the same statement as the read it records. */
export function auditRecord(actor: Actor, what: AuditWhat): AuditRecord {
  return {
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
  }
}
