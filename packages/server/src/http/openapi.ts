// The OpenAPI 3.1 document, built from the route specs' zod schemas (zod 4's JSON Schema is draft 2020-12,
// which is OpenAPI 3.1's dialect).
import { z } from 'zod'
import type { RouteSpec } from './route.ts'

type JsonSchema = Record<string, unknown>

const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
  /** The request's id, on every log line of the request and in the `x-request-id` header. */
  requestId: z.string().optional(),
})

/** Bytes, as OpenAPI 3.1 describes a binary body. */
const BINARY = { type: 'string', contentMediaType: 'application/octet-stream' }

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema
  delete out.$schema
  return out
}

/** `:clinicId` → `{clinicId}`. */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}')

function parameters(spec: RouteSpec): unknown[] {
  const out: unknown[] = []
  for (const [location, schema] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (schema === undefined) continue
    const js = jsonSchema(schema, 'input')
    const properties = (js.properties ?? {}) as Record<string, JsonSchema>
    const required = new Set((js.required ?? []) as string[])
    for (const [name, s] of Object.entries(properties)) {
      out.push({ name, in: location, required: location === 'path' || required.has(name), schema: s })
    }
  }
  return out
}

function errorResponses(spec: RouteSpec): Record<string, unknown> {
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
  const statuses: Record<string, string> = {}
  if (spec.access.kind !== 'public') statuses['401'] = 'Not signed in'
  if (spec.access.kind === 'clinic') {
    statuses['403'] = 'The role may not do this'
    statuses['404'] = 'No such clinic or record (also for another clinic’s records)'
  }
  if (spec.body !== undefined || spec.query !== undefined || spec.rawBody !== undefined)
    statuses['400'] = 'Invalid input, with field paths'
  if (spec.rawBody !== undefined) {
    statuses['413'] = `Over ${spec.rawBody.maxBytes} bytes`
    statuses['415'] = 'Not one of the accepted types (judged by content)'
    statuses['422'] = 'Refused by a rule (such as a pixel limit)'
  }
  if (spec.method !== 'GET' && spec.access.kind !== 'public') statuses['403'] = 'Not allowed, or missing CSRF token'
  return Object.fromEntries(Object.entries(statuses).map(([s, description]) => [s, { description, content: problem }]))
}

export function buildOpenApi(routes: readonly RouteSpec[], info: { version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const spec of routes) {
    const path = openApiPath(spec.path)
    const operation: Record<string, unknown> = {
      operationId: spec.operationId,
      summary: spec.summary,
      tags: [spec.tag],
      'x-stipple-access':
        spec.access.kind === 'clinic' ? { kind: 'clinic', roles: spec.access.roles } : { kind: spec.access.kind },
      parameters: parameters(spec),
      responses: {
        [String(spec.success.status)]: {
          description: spec.success.description,
          ...(spec.success.schema === undefined
            ? {}
            : { content: { 'application/json': { schema: jsonSchema(spec.success.schema, 'output') } } }),
          ...(spec.success.mediaTypes === undefined
            ? {}
            : { content: Object.fromEntries(spec.success.mediaTypes.map((t) => [t, { schema: BINARY }])) }),
        },
        ...errorResponses(spec),
      },
    }
    if (spec.access.kind !== 'public') operation.security = [{ sessionCookie: [] }]
    if (spec.rawBody !== undefined) {
      operation.requestBody = {
        required: true,
        description: spec.rawBody.description,
        content: Object.fromEntries(spec.rawBody.mediaTypes.map((t) => [t, { schema: BINARY }])),
      }
    }
    if (spec.body !== undefined) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } },
      }
    }
    paths[path] = { ...paths[path], [spec.method.toLowerCase()]: operation }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Stipple clinic API',
      version: info.version,
      description:
        'JSON under /api/v1. Errors are application/problem+json with errors: [{ path, message }]. ' +
        'Changes made with the session cookie need the x-csrf-token header from GET /api/v1/me.',
    },
    paths,
    components: {
      schemas: { Problem: jsonSchema(ProblemSchema, 'output') },
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: '__Secure-stipple.session_token' },
      },
    },
  }
}
