import {
  CredentialCreateSchema,
  CredentialListQuerySchema,
  CredentialListSchema,
  CredentialSchema,
  CredentialUpdateSchema,
  ExpiringCredentialListSchema,
  ExpiringCredentialsQuerySchema,
} from '@stipple/domain'
import { z } from 'zod'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import type { CredentialService } from './service.ts'

/** Owners keep every practitioner's credentials; a practitioner reads their own. */
const READERS = ['owner', 'practitioner'] as const
const ClinicParams = z.strictObject({ clinicId: z.uuid() })
const CredentialParams = z.strictObject({ clinicId: z.uuid(), credentialId: z.uuid() })
const BASE = '/api/v1/clinics/:clinicId/credentials'

export function credentialRoutes(credentials: CredentialService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: BASE,
      operationId: 'listCredentials',
      summary: 'list practitioner credentials',
      tag: 'credentials',
      access: { kind: 'clinic', roles: READERS },
      params: ClinicParams,
      query: CredentialListQuerySchema,
      success: {
        status: 200,
        description: "Soonest expiry first; a practitioner gets their own only (403 for a colleague's)",
        schema: CredentialListSchema,
      },
      handler: async ({ actor, query }) => ({ items: await credentials.list(actor, query.membershipId) }),
    }),
    defineRoute({
      method: 'GET',
      path: `${BASE}/expiring`,
      operationId: 'listExpiringCredentials',
      summary: 'list credentials expired or expiring soon',
      tag: 'credentials',
      access: { kind: 'clinic', roles: READERS },
      params: ClinicParams,
      query: ExpiringCredentialsQuerySchema,
      success: {
        status: 200,
        description: 'Expired ones and those expiring within withinDays (default 60, at most 365), with the days left',
        schema: ExpiringCredentialListSchema,
      },
      handler: ({ actor, query }) => credentials.expiring(actor, query.withinDays),
    }),
    defineRoute({
      method: 'POST',
      path: BASE,
      operationId: 'createCredential',
      summary: "add a practitioner's certification or licence",
      tag: 'credentials',
      access: { kind: 'clinic', roles: ['owner'] },
      params: ClinicParams,
      body: CredentialCreateSchema,
      success: { status: 201, description: 'The credential', schema: CredentialSchema },
      handler: ({ actor, body }) => credentials.create(actor, body),
    }),
    defineRoute({
      method: 'PATCH',
      path: `${BASE}/:credentialId`,
      operationId: 'updateCredential',
      summary: 'change a practitioner credential',
      tag: 'credentials',
      access: { kind: 'clinic', roles: ['owner'] },
      params: CredentialParams,
      body: CredentialUpdateSchema,
      success: { status: 200, description: 'The credential', schema: CredentialSchema },
      handler: ({ actor, params, body }) => credentials.update(actor, params.credentialId, body),
    }),
    defineRoute({
      method: 'DELETE',
      path: `${BASE}/:credentialId`,
      operationId: 'deleteCredential',
      summary: 'remove a practitioner credential',
      tag: 'credentials',
      access: { kind: 'clinic', roles: ['owner'] },
      params: CredentialParams,
      success: { status: 204, description: 'Removed' },
      handler: ({ actor, params }) => credentials.delete(actor, params.credentialId),
    }),
  ]
}
