import {
  CONSENT_LIMITS,
  ConsentSignSchema,
  ConsentTemplateCreateSchema,
  ConsentTemplateListSchema,
  ConsentTemplateSchema,
  PortalConsentsSchema,
  SignedConsentListSchema,
  SignedConsentSchema,
} from '@stipple/domain'
import { z } from 'zod'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import type { ConsentService } from './service.ts'

/** Consent texts and signatures are no clinical notes: all staff read them, and front desk records signatures. */
const STAFF = ['owner', 'practitioner', 'front_desk'] as const
const ClinicParams = z.strictObject({ clinicId: z.uuid() })
const ClientParams = z.strictObject({ clinicId: z.uuid(), clientId: z.uuid() })
const ConsentParams = z.strictObject({ clinicId: z.uuid(), clientId: z.uuid(), consentId: z.uuid() })
const TEMPLATES = '/api/v1/clinics/:clinicId/consent-templates'
const SIGNED = '/api/v1/clinics/:clinicId/clients/:clientId/consents'
const SIGN_BODY =
  `The signature as base64 of a PNG (at most ${CONSENT_LIMITS.signatureBytes / 1024} KB and ` +
  `${CONSENT_LIMITS.signatureWidthPx}×${CONSENT_LIMITS.signatureHeightPx} px); only the latest version of a template can be signed`

export function consentRoutes(consents: ConsentService): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      path: TEMPLATES,
      operationId: 'createConsentTemplate',
      summary: 'write a new version of a consent text',
      tag: 'consents',
      access: { kind: 'clinic', roles: ['owner'] },
      params: ClinicParams,
      body: ConsentTemplateCreateSchema,
      success: {
        status: 201,
        description: 'The new version (1 for a new kind); earlier versions stay as they were signed',
        schema: ConsentTemplateSchema,
      },
      handler: ({ actor, body }) => consents.createTemplate(actor, body),
    }),
    defineRoute({
      method: 'GET',
      path: TEMPLATES,
      operationId: 'listConsentTemplates',
      summary: 'list the current consent texts',
      tag: 'consents',
      access: { kind: 'clinic', roles: STAFF },
      params: ClinicParams,
      success: { status: 200, description: 'The latest version of each kind', schema: ConsentTemplateListSchema },
      handler: async ({ actor }) => ({ items: await consents.listTemplates(actor) }),
    }),
    defineRoute({
      method: 'GET',
      path: `${TEMPLATES}/:templateVersionId`,
      operationId: 'getConsentTemplate',
      summary: 'read one version of a consent text',
      tag: 'consents',
      access: { kind: 'clinic', roles: STAFF },
      params: z.strictObject({ clinicId: z.uuid(), templateVersionId: z.uuid() }),
      success: { status: 200, description: 'The version', schema: ConsentTemplateSchema },
      handler: ({ actor, params }) => consents.getTemplate(actor, params.templateVersionId),
    }),
    defineRoute({
      method: 'POST',
      path: SIGNED,
      operationId: 'signConsent',
      summary: "record a client's signed consent",
      tag: 'consents',
      access: { kind: 'clinic', roles: STAFF },
      params: ClientParams,
      body: ConsentSignSchema,
      success: {
        status: 201,
        description: `${SIGN_BODY}. The consent keeps the exact text signed and can never be changed or deleted`,
        schema: SignedConsentSchema,
      },
      handler: ({ actor, params, body }) => consents.sign(actor, params.clientId, body),
    }),
    defineRoute({
      method: 'GET',
      path: SIGNED,
      operationId: 'listSignedConsents',
      summary: "list a client's signed consents",
      tag: 'consents',
      access: { kind: 'clinic', roles: STAFF },
      params: ClientParams,
      success: { status: 200, description: 'Oldest first', schema: SignedConsentListSchema },
      handler: async ({ actor, params }) => ({ items: await consents.list(actor, params.clientId) }),
    }),
    defineRoute({
      method: 'GET',
      path: `${SIGNED}/:consentId`,
      operationId: 'getSignedConsent',
      summary: 'read a signed consent',
      tag: 'consents',
      access: { kind: 'clinic', roles: STAFF },
      params: ConsentParams,
      success: { status: 200, description: 'With the exact text signed', schema: SignedConsentSchema },
      handler: ({ actor, params }) => consents.get(actor, params.clientId, params.consentId),
    }),
    defineRoute({
      method: 'GET',
      path: `${SIGNED}/:consentId/signature`,
      operationId: 'getConsentSignature',
      summary: "fetch a signed consent's signature image",
      tag: 'consents',
      access: { kind: 'clinic', roles: STAFF },
      params: ConsentParams,
      success: { status: 200, description: 'The signature as drawn (PNG)', mediaTypes: ['image/png'] },
      handler: async ({ actor, params, reply }) => {
        const image = await consents.signature(actor, params.clientId, params.consentId)
        reply.type('image/png').header('etag', `"${image.sha256}"`)
        return image.bytes
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/portal/consents',
      operationId: 'listOwnConsents',
      summary: 'list my consents, signed and to sign (the client portal)',
      tag: 'consents',
      access: { kind: 'clinic', roles: ['client'] },
      params: ClinicParams,
      success: {
        status: 200,
        description:
          'Signed ones, and the current treatment and privacy texts (and laser removal during a removal course) not signed yet',
        schema: PortalConsentsSchema,
      },
      handler: ({ actor }) => consents.portal(actor),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/portal/consents',
      operationId: 'signOwnConsent',
      summary: 'sign a consent (the client portal)',
      tag: 'consents',
      access: { kind: 'clinic', roles: ['client'] },
      params: ClinicParams,
      body: ConsentSignSchema,
      success: { status: 201, description: SIGN_BODY, schema: SignedConsentSchema },
      handler: ({ actor, body }) => consents.signOwn(actor, body),
    }),
  ]
}
