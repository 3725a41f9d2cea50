import { TaxRuleSchema, TaxRulesSchema } from '@stipple/domain'
import { z } from 'zod'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import type { LocationService } from './service.ts'

const LocationParams = z.strictObject({ clinicId: z.uuid(), locationId: z.uuid() })
const PATH = '/api/v1/clinics/:clinicId/locations/:locationId/tax-rules'
const LocationTaxesSchema = z.object({
  locationId: z.uuid(),
  locationName: z.string(),
  rules: z.array(TaxRuleSchema),
  note: z.string(),
})

export function locationRoutes(locations: LocationService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: PATH,
      operationId: 'getLocationTaxRules',
      summary: "read the taxes a location's quotes charge",
      tag: 'locations',
      access: { kind: 'clinic', roles: ['owner', 'practitioner', 'front_desk'] },
      params: LocationParams,
      success: {
        status: 200,
        description: 'The rules, and the note a client reads under a quote',
        schema: LocationTaxesSchema,
      },
      handler: ({ actor, params }) => locations.taxes(actor, params.locationId),
    }),
    defineRoute({
      method: 'PUT',
      path: PATH,
      operationId: 'setLocationTaxRules',
      summary: "replace a location's taxes (later quotes use them; quotes already made keep theirs)",
      tag: 'locations',
      access: { kind: 'clinic', roles: ['owner'] },
      params: LocationParams,
      body: z.strictObject({ rules: TaxRulesSchema }),
      success: { status: 200, description: 'The rules as stored', schema: LocationTaxesSchema },
      handler: ({ actor, params, body }) => locations.setTaxes(actor, params.locationId, body.rules),
    }),
  ]
}
