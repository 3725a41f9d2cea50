import { ClientEraseSchema, ClientErasureSchema } from '@stipple/domain'
import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import type { ClientArchive, PrivacyService } from './service.ts'

function sendArchive(reply: FastifyReply, archive: ClientArchive): Buffer {
  reply.header('content-type', 'application/gzip')
  reply.header('content-disposition', `attachment; filename="${archive.fileName}"`)
  return archive.bytes
}

const ClientParams = z.strictObject({ clinicId: z.uuid(), clientId: z.uuid() })

export function privacyRoutes(privacy: PrivacyService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/clients/:clientId/export',
      operationId: 'exportClient',
      summary: "export all of a client's data",
      tag: 'privacy',
      access: { kind: 'clinic', roles: ['owner'] },
      params: ClientParams,
      success: {
        status: 200,
        description: 'application/gzip: a tar archive with client.json and photos/<photoId>.<ext>',
      },
      handler: async ({ actor, params, reply }) => sendArchive(reply, await privacy.export(actor, params.clientId)),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/portal/export',
      operationId: 'exportOwnData',
      summary: 'export all of my data (the client portal)',
      tag: 'privacy',
      access: { kind: 'clinic', roles: ['client'] },
      params: z.strictObject({ clinicId: z.uuid() }),
      success: {
        status: 200,
        description: 'application/gzip: the signed-in client’s own archive, as exportClient gives it',
      },
      handler: async ({ actor, reply }) => sendArchive(reply, await privacy.exportOwn(actor)),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/clients/:clientId/erase',
      operationId: 'eraseClient',
      summary: 'erase a client on request',
      tag: 'privacy',
      access: { kind: 'clinic', roles: ['owner'] },
      params: ClientParams,
      body: ClientEraseSchema,
      success: {
        status: 200,
        description: 'Personal data erased; what record retention keeps stays, anonymised',
        schema: ClientErasureSchema,
      },
      handler: ({ actor, params, body }) => privacy.erase(actor, params.clientId, body),
    }),
  ]
}
