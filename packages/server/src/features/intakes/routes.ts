import { IntakeCreateSchema, IntakeListSchema, IntakeRecordSchema, isIsoDate } from '@stipple/domain'
import { z } from 'zod'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import type { IntakeService } from './service.ts'

const CLINICAL = ['owner', 'practitioner'] as const
const ClientParams = z.strictObject({ clinicId: z.uuid(), clientId: z.uuid() })

const Severity = z.enum(['info', 'caution', 'defer', 'block'])
const ScreeningInForceSchema = z
  .object({
    intakeId: z.uuid(),
    intakeVersion: z.int(),
    answeredOn: z.string(),
    asOf: z.string(),
    status: z.enum(['suitable', 'caution', 'defer', 'not-suitable']).nullable(),
    findings: z.array(
      z.object({ code: z.string(), severity: Severity, message: z.string(), until: z.string().optional() })
    ),
    supersedes: z.int(),
  })
  .nullable()
  .meta({ description: 'null when the client has no intake' })
/** The screening route's answer, for clients to `import type`. */
export type ScreeningInForceAnswer = z.infer<typeof ScreeningInForceSchema>

export function intakeRoutes(intakes: IntakeService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/clients/:clientId/screening',
      operationId: 'getScreeningInForce',
      summary: "the screening in force: the client's latest intake screened on a day",
      tag: 'intakes',
      access: { kind: 'clinic', roles: CLINICAL },
      params: ClientParams,
      query: z.strictObject({
        locationId: z.uuid().optional(),
        on: z.string().refine(isIsoDate, 'expected a date like 2026-11-23').optional(),
      }),
      success: {
        status: 200,
        description:
          'The latest intake (it supersedes every earlier one) screened on `on` (default today) at the location (default the client’s home); null without an intake',
        schema: ScreeningInForceSchema,
      },
      handler: ({ actor, params, query }) => intakes.screening(actor, params.clientId, query),
    }),
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
