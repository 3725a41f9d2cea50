// Routes are data: method, path, access rule, zod schemas for params, query and body, and a handler. The same
// specs register with Fastify and produce the OpenAPI document, so the contract cannot drift from the code.
import { safeParseWith } from '@stipple/domain'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import type { Actor } from '../actor.ts'
import type { AuthSession } from '../auth/auth.ts'
import type { Role } from '../db/database.ts'
import { AppError, type FieldProblem } from '../errors.ts'

export type Access =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  /** Scoped to the `:clinicId` in the path: a non-member gets 404, a member without one of the roles 403. */
  | { kind: 'clinic'; roles: readonly Role[] }

type Schema = z.ZodType

interface HandlerInput<P extends Schema, Q extends Schema, B extends Schema, A extends Access> {
  params: z.output<P>
  query: z.output<Q>
  body: z.output<B>
  /** The request body as bytes, for a route with `rawBody` (null otherwise). */
  rawBody: Buffer | null
  actor: A extends { kind: 'clinic' } ? Actor : null
  session: A extends { kind: 'public' } ? AuthSession | null : AuthSession
  request: FastifyRequest
  reply: FastifyReply
}

export interface RouteSpec<
  P extends Schema = Schema,
  Q extends Schema = Schema,
  B extends Schema = Schema,
  A extends Access = Access,
> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  /** Fastify syntax: `/api/v1/clinics/:clinicId/clients/:clientId`. */
  path: string
  operationId: string
  summary: string
  tag: string
  access: A
  params?: P
  query?: Q
  body?: B
  /** A binary body (an image) instead of JSON: the media types let in, the size limit; the content is the handler's to check. */
  rawBody?: { mediaTypes: readonly string[]; maxBytes: number; description: string }
  /** `mediaTypes` for a binary response (the handler sets the content type and returns a Buffer). */
  success: { status: 200 | 201 | 204; description: string; schema?: Schema; mediaTypes?: readonly string[] }
  handler(input: HandlerInput<P, Q, B, A>): Promise<unknown>
}

/** Keeps the handler's input typed from the schemas given. */
export function defineRoute<P extends Schema, Q extends Schema, B extends Schema, A extends Access>(
  spec: RouteSpec<P, Q, B, A>
): RouteSpec {
  return spec as unknown as RouteSpec
}

export interface RouteRuntime {
  resolveSession(request: FastifyRequest): Promise<AuthSession | null>
  checkCsrf(session: AuthSession, request: FastifyRequest): boolean
  findMembership(userId: string, clinicId: string): Promise<{ id: string; role: Role } | null>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const UNSAFE = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])

function parsePart<S extends Schema>(schema: S | undefined, value: unknown, part: string): z.output<S> {
  if (schema === undefined) return undefined as z.output<S>
  const result = safeParseWith(schema, value ?? (part === 'body' ? undefined : {}))
  if (result.success) return result.data
  const problems: FieldProblem[] = result.issues.map((i) => ({
    path: i.path === '' ? part : `${part}${i.path.startsWith('[') ? '' : '.'}${i.path}`,
    message: i.message,
  }))
  if (part === 'params') throw new AppError('not_found', 'No such record in this clinic')
  throw new AppError('invalid_input', `The request ${part} is not valid`, { problems })
}

function header(request: FastifyRequest, name: string): string | null {
  const value = request.headers[name]
  return typeof value === 'string' ? value : null
}

/** Lets the raw-body routes' media types in as Buffers (within each route's own body limit). */
export function acceptRawBodies(app: FastifyInstance, routes: readonly RouteSpec[]): void {
  const mediaTypes = [...new Set(routes.flatMap((r) => r.rawBody?.mediaTypes ?? []))]
  if (mediaTypes.length === 0) return
  app.addContentTypeParser(mediaTypes, { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
}

export function registerRoute(app: FastifyInstance, spec: RouteSpec, runtime: RouteRuntime): void {
  app.route({
    method: spec.method,
    url: spec.path,
    ...(spec.rawBody === undefined ? {} : { bodyLimit: spec.rawBody.maxBytes }),
    handler: async (request, reply) => {
      let session: AuthSession | null = null
      let actor: Actor | null = null
      if (spec.access.kind !== 'public' || header(request, 'cookie') !== null) {
        session = await runtime.resolveSession(request)
      }
      if (spec.access.kind !== 'public') {
        if (session === null) throw new AppError('unauthenticated', 'Sign in first')
        if (UNSAFE.has(spec.method) && !runtime.checkCsrf(session, request)) {
          throw new AppError('csrf_failed', 'Send the x-csrf-token header from GET /api/v1/me with every change')
        }
      }
      if (spec.access.kind === 'clinic' && session !== null) {
        const clinicId = (request.params as Record<string, unknown>).clinicId
        // someone else's clinic and a clinic that does not exist look the same
        const membership =
          typeof clinicId === 'string' && UUID.test(clinicId)
            ? await runtime.findMembership(session.user.id, clinicId)
            : null
        if (membership === null || typeof clinicId !== 'string') throw new AppError('not_found', 'No such clinic')
        if (!spec.access.roles.includes(membership.role)) {
          throw new AppError('forbidden', `The ${membership.role.replace('_', ' ')} role may not ${spec.summary}`)
        }
        actor = {
          userId: session.user.id,
          membershipId: membership.id,
          clinicId,
          role: membership.role,
          ip: request.ip,
          userAgent: header(request, 'user-agent'),
          requestId: request.id,
        }
      }
      const params = parsePart(spec.params, request.params, 'params')
      const query = parsePart(spec.query, request.query, 'query')
      const body = parsePart(spec.body, request.body, 'body')
      let rawBody: Buffer | null = null
      if (spec.rawBody !== undefined) {
        if (!Buffer.isBuffer(request.body)) {
          const message = `send the bytes as the body, with content type ${spec.rawBody.mediaTypes.join(', ')}`
          throw new AppError('unsupported_media_type', message, { problems: [{ path: 'body', message }] })
        }
        rawBody = request.body
      }
      // the access checks above establish what HandlerInput's conditional types promise
      const result = await spec.handler({ params, query, body, rawBody, actor, session, request, reply } as never)
      reply.code(spec.success.status)
      if (spec.success.status === 204) return reply.send()
      return reply.send(result)
    },
  })
}
