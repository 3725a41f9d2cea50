import {
  LotCreateSchema,
  LotListQuerySchema,
  LotListSchema,
  LotRecallQuerySchema,
  LotRecallSchema,
  LotSchema,
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
      success: {
        status: 201,
        description:
          'The session record. Refused (422, with the reason) without a signed treatment consent of the current version, when the screening of the client’s latest intake defers or refuses treatment on the session’s day (the owner alone may override with a written reason, audited and shown on the record), or with a lot the location’s register does not hold or that expired. A linked appointment becomes completed.',
        schema: SessionRecordSchema,
      },
      handler: ({ actor, params, body }) => sessions.create(actor, params.clientId, body),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/lots',
      operationId: 'listLots',
      summary: 'the lots register: pigment and needle lots each location holds',
      tag: 'sessions',
      access: { kind: 'clinic', roles: CLINICAL },
      params: z.strictObject({ clinicId: z.uuid() }),
      query: LotListQuerySchema,
      success: {
        status: 200,
        description: 'Every lot (or one location’s, one kind’s), with whether it is expired today at its location',
        schema: LotListSchema,
      },
      handler: async ({ actor, query }) => ({ items: await sessions.lots(actor, query.locationId, query.kind) }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/lots',
      operationId: 'addLot',
      summary: 'add a pigment or needle lot to a location’s register',
      tag: 'sessions',
      access: { kind: 'clinic', roles: CLINICAL },
      params: z.strictObject({ clinicId: z.uuid() }),
      body: LotCreateSchema,
      success: { status: 201, description: 'The lot, as the register holds it', schema: LotSchema },
      handler: ({ actor, body }) => sessions.addLot(actor, body),
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
