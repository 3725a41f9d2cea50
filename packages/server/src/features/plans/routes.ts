import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import { PlanCreateSchema, TreatmentPlanListSchema, TreatmentPlanSchema } from './plans.schema.ts'
import type { PlanPdf, PlanService } from './service.ts'

const CLINICAL = ['owner', 'practitioner'] as const
/** Plans and quotes hold no clinical notes: front desk explains the price and takes payment. */
const STAFF = ['owner', 'practitioner', 'front_desk'] as const
const ClientParams = z.strictObject({ clinicId: z.uuid(), clientId: z.uuid() })
const PlanParams = z.strictObject({ clinicId: z.uuid(), planId: z.uuid() })
const PDF_DESCRIPTION =
  'application/pdf, as an attachment named stipple-plan-<date of the plan>.pdf: the clinic, location, client and ' +
  'date; the design’s previews marked "Simulated" (left out, with a note saying so, when they cannot be drawn); the ' +
  'areas and sessions with their lengths, spacing and booked dates; the quote’s lines and total as stored; what to ' +
  'expect, aftercare and touch-ups'

function sendPdf(reply: FastifyReply, pdf: PlanPdf): Buffer {
  reply.type('application/pdf')
  reply.header('content-disposition', `attachment; filename="${pdf.fileName}"`)
  return pdf.bytes
}

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
      params: PlanParams,
      success: { status: 200, description: 'The plan with its latest quote', schema: TreatmentPlanSchema },
      handler: ({ actor, params }) => plans.get(actor, params.planId),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/plans/:planId/pdf',
      operationId: 'getPlanPdf',
      summary: 'download a treatment plan and its quote as the client’s PDF',
      tag: 'plans',
      access: { kind: 'clinic', roles: STAFF },
      params: PlanParams,
      success: { status: 200, description: PDF_DESCRIPTION, mediaTypes: ['application/pdf'] },
      handler: async ({ actor, params, reply }) => sendPdf(reply, await plans.pdf(actor, params.planId, false)),
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
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/portal/plans/:planId/pdf',
      operationId: 'getOwnPlanPdf',
      summary: 'download my treatment plan and quote as a PDF (the client portal)',
      tag: 'portal',
      access: { kind: 'clinic', roles: ['client'] },
      params: PlanParams,
      success: {
        status: 200,
        description: `${PDF_DESCRIPTION}. Only the signed-in client’s own plans (another’s is 404)`,
        mediaTypes: ['application/pdf'],
      },
      handler: async ({ actor, params, reply }) => sendPdf(reply, await plans.pdf(actor, params.planId, true)),
    }),
  ]
}
