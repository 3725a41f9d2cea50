import { IntakeCreateSchema, IntakeListSchema, IntakeRecordSchema } from '@stipple/domain'
import { z } from 'zod'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import type { IntakeService } from './service.ts'

const CLINICAL = ['owner', 'practitioner'] as const
const ClientParams = z.strictObject({ clinicId: z.uuid(), clientId: z.uuid() })

export function intakeRoutes(intakes: IntakeService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/clients/:clientId/intakes',
      operationId: 'listIntakes',
      summary: "list a client's intakes",
      tag: 'intakes',
      access: { kind: 'clinic', roles: CLINICAL },
      params: ClientParams,
      success: { status: 200, description: 'Every version, newest first', schema: IntakeListSchema },
      handler: async ({ actor, params }) => ({ items: await intakes.list(actor, params.clientId) }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/clients/:clientId/intakes',
      operationId: 'createIntake',
      summary: 'record an intake',
      tag: 'intakes',
      access: { kind: 'clinic', roles: CLINICAL },
      params: ClientParams,
      body: IntakeCreateSchema,
      success: { status: 201, description: "The intake, as the client's next version", schema: IntakeRecordSchema },
      handler: ({ actor, params, body }) => intakes.create(actor, params.clientId, body),
    }),
  ]
}
