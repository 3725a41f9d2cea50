import { z } from 'zod'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import type { PortalAccessService } from './service.ts'

const ClientParams = z.strictObject({ clinicId: z.uuid(), clientId: z.uuid() })
/** The client chooses it on the clinic's tablet; the same limits as any Stipple password. */
const PortalAccessBody = z.strictObject({
  password: z
    .string()
    .min(10, 'Choose a password of at least 10 characters')
    .max(128, 'A password can be at most 128 characters'),
})
const PortalAccessSchema = z.strictObject({ clientId: z.uuid(), email: z.string(), createdAt: z.string() })

const PortalStatusSchema = z.strictObject({ clientId: z.uuid(), enabled: z.boolean(), email: z.string().nullable() })
const STAFF = ['owner', 'practitioner', 'front_desk'] as const

export function portalAccessRoutes(service: PortalAccessService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/clients/:clientId/portal-access',
      operationId: 'getPortalAccess',
      summary: 'see whether a client can sign in to the portal',
      tag: 'clients',
      access: { kind: 'clinic', roles: STAFF },
      params: ClientParams,
      success: { status: 200, description: 'Whether the client has a portal sign-in', schema: PortalStatusSchema },
      handler: ({ actor, params }) => service.status(actor, params.clientId),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/clients/:clientId/portal-access',
      operationId: 'grantPortalAccess',
      summary: "set up a client's portal sign-in (their email and a password they choose)",
      tag: 'clients',
      // not front desk: a portal account opens the client's whole record (its export), which front desk may not read
      access: { kind: 'clinic', roles: ['owner', 'practitioner'] },
      params: ClientParams,
      body: PortalAccessBody,
      success: { status: 201, description: 'The client can now sign in to the portal', schema: PortalAccessSchema },
      handler: ({ actor, params, body }) => service.grant(actor, params.clientId, body.password),
    }),
  ]
}
