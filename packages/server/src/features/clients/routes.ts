import {
  ClientCreateSchema,
  ClientFileSchema,
  ClientListQuerySchema,
  ClientListSchema,
  ClientSchema,
  ClientUpdateSchema,
} from '@stipple/domain'
import { z } from 'zod'
import { defineRoute, JsonText, type RouteSpec } from '../../http/route.ts'
import type { ClientService } from './service.ts'

const STAFF = ['owner', 'practitioner', 'front_desk'] as const
const ClinicParams = z.strictObject({ clinicId: z.uuid() })
const ClientParams = z.strictObject({ clinicId: z.uuid(), clientId: z.uuid() })

export function clientRoutes(clients: ClientService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/clients',
      operationId: 'listClients',
      summary: 'list and search clients',
      tag: 'clients',
      access: { kind: 'clinic', roles: STAFF },
      params: ClinicParams,
      query: ClientListQuerySchema,
      success: { status: 200, description: 'A page of clients, by family name', schema: ClientListSchema },
      handler: ({ actor, query }) => clients.list(actor, query),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/clients',
      operationId: 'createClient',
      summary: 'create a client',
      tag: 'clients',
      access: { kind: 'clinic', roles: STAFF },
      params: ClinicParams,
      body: ClientCreateSchema,
      success: { status: 201, description: 'The new client', schema: ClientSchema },
      handler: ({ actor, body }) => clients.create(actor, body),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/clients/:clientId',
      operationId: 'getClientFile',
      summary: "read a client's file",
      tag: 'clients',
      access: { kind: 'clinic', roles: STAFF },
      params: ClientParams,
      success: { status: 200, description: 'The client, intakes and session records', schema: ClientFileSchema },
      handler: async ({ actor, params }) => new JsonText(await clients.fileJson(actor, params.clientId)),
    }),
    defineRoute({
      method: 'PATCH',
      path: '/api/v1/clinics/:clinicId/clients/:clientId',
      operationId: 'updateClient',
      summary: "update a client's details",
      tag: 'clients',
      access: { kind: 'clinic', roles: STAFF },
      params: ClientParams,
      body: ClientUpdateSchema,
      success: { status: 200, description: 'The updated client', schema: ClientSchema },
      handler: ({ actor, params, body }) => clients.update(actor, params.clientId, body),
    }),
  ]
}
