import { z } from 'zod'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import {
  ConsultationCreatedSchema,
  ConsultationCreateSchema,
  ConsultationListSchema,
  ConsultationSchema,
} from './consultations.schema.ts'
import type { ConsultationService } from './service.ts'

const CLINICAL = ['owner', 'practitioner'] as const
const STAFF = ['owner', 'practitioner', 'front_desk'] as const
const ClientParams = z.strictObject({ clinicId: z.uuid(), clientId: z.uuid() })
const BASE = '/api/v1/clinics/:clinicId/clients/:clientId/consultations'

export function consultationRoutes(consultations: ConsultationService): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      path: BASE,
      operationId: 'createConsultation',
      summary: 'run a consultation on an intake',
      tag: 'consultations',
      access: { kind: 'clinic', roles: CLINICAL },
      params: ClientParams,
      body: ConsultationCreateSchema,
      success: {
        status: 201,
        description:
          'The consultation (screening and result), and the "Recommended design" (version 1), plan and quote it created',
        schema: ConsultationCreatedSchema,
      },
      handler: ({ actor, params, body }) => consultations.create(actor, params.clientId, body),
    }),
    defineRoute({
      method: 'GET',
      path: BASE,
      operationId: 'listConsultations',
      summary: "list a client's consultations",
      tag: 'consultations',
      access: { kind: 'clinic', roles: STAFF },
      params: ClientParams,
      success: {
        status: 200,
        description: 'Newest first; front desk sees the screening status only (screening and result null)',
        schema: ConsultationListSchema,
      },
      handler: async ({ actor, params }) => ({ items: await consultations.list(actor, params.clientId) }),
    }),
    defineRoute({
      method: 'GET',
      path: `${BASE}/:consultationId`,
      operationId: 'getConsultation',
      summary: 'open a consultation',
      tag: 'consultations',
      access: { kind: 'clinic', roles: STAFF },
      params: z.strictObject({ clinicId: z.uuid(), clientId: z.uuid(), consultationId: z.uuid() }),
      success: {
        status: 200,
        description: 'The consultation; front desk sees the screening status only',
        schema: ConsultationSchema,
      },
      handler: ({ actor, params }) => consultations.get(actor, params.clientId, params.consultationId),
    }),
  ]
}
