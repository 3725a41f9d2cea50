import { z } from 'zod'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import { PlanCreateSchema, TreatmentPlanListSchema, TreatmentPlanSchema } from './plans.schema.ts'
import type { PlanService } from './service.ts'

const CLINICAL = ['owner', 'practitioner'] as const
/** Plans and quotes hold no clinical notes: front desk explains the price and takes payment. */
const STAFF = ['owner', 'practitioner', 'front_desk'] as const
const ClientParams = z.strictObject({ clinicId: z.uuid(), clientId: z.uuid() })

export function planRoutes(plans: PlanService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/clients/:clientId/plans',
      operationId: 'listPlans',
      summary: "list a client's treatment plans",
      tag: 'plans',
      access: { kind: 'clinic', roles: STAFF },
      params: ClientParams,
      success: {
        status: 200,
        description: 'Newest first, each with its latest quote',
        schema: TreatmentPlanListSchema,
      },
      handler: async ({ actor, params }) => ({ items: await plans.list(actor, params.clientId) }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/clients/:clientId/plans',
      operationId: 'createPlan',
      summary: 'plan and quote a design version',
      tag: 'plans',
      access: { kind: 'clinic', roles: CLINICAL },
      params: ClientParams,
      body: PlanCreateSchema,
      success: {
        status: 201,
        description:
          "The plan (area on the curved scalp, impressions, sessions) and its quote at the location's prices",
        schema: TreatmentPlanSchema,
      },
      handler: ({ actor, params, body }) => plans.create(actor, params.clientId, body),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/plans/:planId',
      operationId: 'getPlan',
      summary: 'open a treatment plan',
      tag: 'plans',
      access: { kind: 'clinic', roles: STAFF },
      params: z.strictObject({ clinicId: z.uuid(), planId: z.uuid() }),
      success: { status: 200, description: 'The plan with its latest quote', schema: TreatmentPlanSchema },
      handler: ({ actor, params }) => plans.get(actor, params.planId),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/portal/plans',
      operationId: 'listOwnPlans',
      summary: 'list my treatment plans (the client portal)',
      tag: 'portal',
      access: { kind: 'clinic', roles: ['client'] },
      params: z.strictObject({ clinicId: z.uuid() }),
      success: {
        status: 200,
        description: 'The signed-in client’s plans with their quotes',
        schema: TreatmentPlanListSchema,
      },
      handler: async ({ actor }) => ({ items: await plans.listOwn(actor) }),
    }),
  ]
}
