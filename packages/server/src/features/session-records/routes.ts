import {
  LotRecallQuerySchema,
  LotRecallSchema,
  SessionRecordCreateSchema,
  SessionRecordListSchema,
  SessionRecordSchema,
} from '@stipple/domain'
import { z } from 'zod'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import type { SessionRecordService } from './service.ts'

const CLINICAL = ['owner', 'practitioner'] as const
const STAFF = ['owner', 'practitioner', 'front_desk'] as const
const ClientParams = z.strictObject({ clinicId: z.uuid(), clientId: z.uuid() })

export function sessionRecordRoutes(sessions: SessionRecordService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/clients/:clientId/sessions',
      operationId: 'listSessionRecords',
      summary: "list a client's session records",
      tag: 'sessions',
      access: { kind: 'clinic', roles: STAFF },
      params: ClientParams,
      success: {
        status: 200,
        description: 'Oldest first; clinical parts are null for front desk',
        schema: SessionRecordListSchema,
      },
      handler: async ({ actor, params }) => ({ items: await sessions.list(actor, params.clientId) }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/clients/:clientId/sessions',
      operationId: 'createSessionRecord',
      summary: 'record a session',
      tag: 'sessions',
      access: { kind: 'clinic', roles: CLINICAL },
      params: ClientParams,
      body: SessionRecordCreateSchema,
      success: { status: 201, description: 'The session record', schema: SessionRecordSchema },
      handler: ({ actor, params, body }) => sessions.create(actor, params.clientId, body),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/lot-recall',
      operationId: 'lotRecall',
      summary: 'find every client who received a pigment or needle lot',
      tag: 'sessions',
      access: { kind: 'clinic', roles: CLINICAL },
      params: z.strictObject({ clinicId: z.uuid() }),
      query: LotRecallQuerySchema,
      success: { status: 200, description: 'Sessions that used the lot, newest first', schema: LotRecallSchema },
      handler: ({ actor, query }) => sessions.lotRecall(actor, query.lot, query.kind),
    }),
  ]
}
