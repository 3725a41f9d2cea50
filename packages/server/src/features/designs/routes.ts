import { z } from 'zod'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import {
  DesignApprovalCreateSchema,
  DesignApprovalSchema,
  DesignCreatedSchema,
  DesignCreateSchema,
  DesignDetailSchema,
  DesignListSchema,
  DesignVersionCreateSchema,
  DesignVersionSchema,
  PortalApprovalCreateSchema,
  PreviewQuerySchema,
} from './designs.schema.ts'
import type { DesignService } from './service.ts'

const CLINICAL = ['owner', 'practitioner'] as const
/** Designs hold no clinical notes: front desk shows them to the client and records approvals. */
const STAFF = ['owner', 'practitioner', 'front_desk'] as const
const PORTAL = ['client'] as const
const ClientParams = z.strictObject({ clinicId: z.uuid(), clientId: z.uuid() })
const DesignParams = z.strictObject({ clinicId: z.uuid(), designId: z.uuid() })
const VersionParams = z.strictObject({ clinicId: z.uuid(), designId: z.uuid(), versionId: z.uuid() })
const PREVIEW_DESCRIPTION =
  'PNG of the version on the synthetic scalp, marked "Simulated": view top|front|three-quarter-left|three-quarter-right|left|right|back, session 1…N ' +
  '(default the last), state fresh|healed, years 0–10 after healing, size 256–1024 px (square)'

export function designRoutes(designs: DesignService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/clients/:clientId/designs',
      operationId: 'listDesigns',
      summary: "list a client's designs",
      tag: 'designs',
      access: { kind: 'clinic', roles: STAFF },
      params: ClientParams,
      success: {
        status: 200,
        description: 'Newest first, each with its latest version and approval',
        schema: DesignListSchema,
      },
      handler: async ({ actor, params }) => ({ items: await designs.list(actor, params.clientId) }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/clients/:clientId/designs',
      operationId: 'createDesign',
      summary: 'create a design',
      tag: 'designs',
      access: { kind: 'clinic', roles: CLINICAL },
      params: ClientParams,
      body: DesignCreateSchema,
      success: { status: 201, description: 'The design with its version 1', schema: DesignCreatedSchema },
      handler: ({ actor, params, body }) => designs.create(actor, params.clientId, body),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/designs/:designId',
      operationId: 'getDesign',
      summary: 'open a design',
      tag: 'designs',
      access: { kind: 'clinic', roles: STAFF },
      params: DesignParams,
      success: {
        status: 200,
        description: 'The design, its versions, the latest with its document, and the approval',
        schema: DesignDetailSchema,
      },
      handler: ({ actor, params }) => designs.detail(actor, params.designId),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/designs/:designId/versions',
      operationId: 'createDesignVersion',
      summary: 'save a new version of a design',
      tag: 'designs',
      access: { kind: 'clinic', roles: CLINICAL },
      params: DesignParams,
      body: DesignVersionCreateSchema,
      success: {
        status: 201,
        description:
          'The new version (or the latest, when it holds the same document). 409 when basedOnVersion is not the ' +
          'latest (someone saved meanwhile) or the design was approved',
        schema: DesignVersionSchema,
      },
      handler: ({ actor, params, body }) => designs.saveVersion(actor, params.designId, body),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/designs/:designId/versions/:versionId',
      operationId: 'getDesignVersion',
      summary: 'open a version of a design',
      tag: 'designs',
      access: { kind: 'clinic', roles: STAFF },
      params: VersionParams,
      success: { status: 200, description: 'The version with its document', schema: DesignVersionSchema },
      handler: ({ actor, params }) => designs.version(actor, params.designId, params.versionId),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/designs/:designId/versions/:versionId/preview.png',
      operationId: 'previewDesignVersion',
      summary: 'preview a version of a design',
      tag: 'designs',
      access: { kind: 'clinic', roles: STAFF },
      params: VersionParams,
      query: PreviewQuerySchema,
      success: { status: 200, description: PREVIEW_DESCRIPTION, mediaTypes: ['image/png'] },
      handler: async ({ actor, params, query, reply }) => {
        const png = await designs.preview(actor, params.designId, params.versionId, query)
        reply.type('image/png')
        return png
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/designs/:designId/approval',
      operationId: 'approveDesign',
      summary: "record the client's approval of a design",
      tag: 'designs',
      access: { kind: 'clinic', roles: STAFF },
      params: DesignParams,
      body: DesignApprovalCreateSchema,
      success: {
        status: 200,
        description:
          'The approval of the latest version (the same again when it was already approved); 409 for an earlier version',
        schema: DesignApprovalSchema,
      },
      handler: ({ actor, params, body }) => designs.approve(actor, params.designId, body.versionId, body.method),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/portal/designs',
      operationId: 'listOwnDesigns',
      summary: 'list my designs (the client portal)',
      tag: 'portal',
      access: { kind: 'clinic', roles: PORTAL },
      params: z.strictObject({ clinicId: z.uuid() }),
      success: {
        status: 200,
        description: 'The signed-in client’s designs, each with its latest version and approval',
        schema: DesignListSchema,
      },
      handler: async ({ actor }) => ({ items: await designs.listOwn(actor) }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/portal/designs/:designId/versions/:versionId/preview.png',
      operationId: 'previewOwnDesignVersion',
      summary: 'preview a version of my design (the client portal)',
      tag: 'portal',
      access: { kind: 'clinic', roles: PORTAL },
      params: VersionParams,
      query: PreviewQuerySchema,
      success: { status: 200, description: PREVIEW_DESCRIPTION, mediaTypes: ['image/png'] },
      handler: async ({ actor, params, query, reply }) => {
        const png = await designs.previewOwn(actor, params.designId, params.versionId, query)
        reply.type('image/png')
        return png
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/portal/designs/:designId/approve',
      operationId: 'approveOwnDesign',
      summary: 'approve a version of my design (the client portal)',
      tag: 'portal',
      access: { kind: 'clinic', roles: PORTAL },
      params: DesignParams,
      body: PortalApprovalCreateSchema,
      success: {
        status: 200,
        description:
          'The approval of the latest version (the same again when it was already approved); 409 for an earlier version',
        schema: DesignApprovalSchema,
      },
      handler: ({ actor, params, body }) => designs.approveOwn(actor, params.designId, body.versionId),
    }),
  ]
}
