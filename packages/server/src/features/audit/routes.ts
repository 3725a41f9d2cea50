import { AuditFiltersSchema, AuditPageSchema, AuditQuerySchema } from '@stipple/domain'
import { z } from 'zod'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import type { AuditService } from './service.ts'

export function auditRoutes(auditLog: AuditService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/audit',
      operationId: 'readAuditLog',
      summary: 'read the audit log',
      tag: 'audit',
      access: { kind: 'clinic', roles: ['owner'] },
      params: z.strictObject({ clinicId: z.uuid() }),
      query: AuditQuerySchema,
      success: { status: 200, description: 'Newest first', schema: AuditPageSchema },
      handler: ({ actor, query }) => auditLog.page(actor, query),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/audit/filters',
      operationId: 'readAuditFilters',
      summary: 'list who and what the audit log can be filtered by',
      tag: 'audit',
      access: { kind: 'clinic', roles: ['owner'] },
      params: z.strictObject({ clinicId: z.uuid() }),
      success: { status: 200, description: 'People, actions and record kinds in the log', schema: AuditFiltersSchema },
      handler: ({ actor }) => auditLog.filters(actor),
    }),
  ]
}
