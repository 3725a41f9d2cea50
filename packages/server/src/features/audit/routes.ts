import { AuditPageSchema, AuditQuerySchema } from '@stipple/domain'
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
  ]
}
