// Routes are data: method, path, access rule, zod schemas for params, query and body, and a handler. The same
// specs register with Fastify and produce the OpenAPI document, so the contract cannot drift from the code.
import { formatPath, safeParseWith } from '@stipple/domain'
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
  /**
   * Called after the handler of every POST, PATCH, PUT and DELETE: the change may have revoked someone's access (an erased
   * client's portal account, a removed membership), so sessions and memberships cached in this process are checked
   * again before their next use.
   */
  changed(): void
}

/**
 * A response body that is already JSON text (built by the database for a hot read), sent as it is: no parse and
 * re-serialise of the same document in this process. Its shape is still the route's `success.schema`.
 */
export class JsonText {
  readonly text: string
  constructor(text: string) {
    this.text = text
  }
}

type Membership = { id: string; role: Role }

/**
 * Memberships found for a resolved session object. The session resolver hands out one object per session for as long
 * as it caches it (auth/session-cache.ts), so a membership is looked up again as often as the session is. Only found
 * memberships are kept: a new one works at once, a removed one works here until the session's entry expires.
 */
const membershipsOf = new WeakMap<AuthSession, Map<string, Membership>>()

async function membershipOf(runtime: RouteRuntime, session: AuthSession, clinicId: string): Promise<Membership | null> {
  let known = membershipsOf.get(session)
  const hit = known?.get(clinicId)
  if (hit !== undefined) return hit
  const found = await runtime.findMembership(session.user.id, clinicId)
  if (found !== null) {
    if (known === undefined) {
      known = new Map()
      membershipsOf.set(session, known)
    }
    known.set(clinicId, found)
  }
  return found
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const UNSAFE = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])

/** Deepest nesting a JSON body may have (also bounds the NUL walk below). */
const MAX_DEPTH = 32

/** A UTF-16 surrogate without its partner: JSON's `"\\ud800"` parses to one, and no UTF-8 text (nor PostgreSQL) can hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Why a string cannot be stored exactly as it was sent, or null when it can. */
function unstorableText(text: string): string | null {
  // PostgreSQL stores NUL in neither text nor jsonb
  if (text.includes('\u0000')) return 'must not contain the NUL character (\\u0000)'
  // UTF-8 encoding would turn it into U+FFFD (PostgreSQL) or refuse it (PGlite): either way not what was sent
  if (LONE_SURROGATE.test(text))
    return 'contains an invalid character (a lone surrogate, \\ud800–\\udfff without its pair)'
  return null
}

/**
 * Where the first string that cannot be stored exactly is (NUL, lone surrogates: `unstorableText`), or the first place
 * nested deeper than MAX_DEPTH; null when there is neither.
 */
function unstorable(value: unknown, path: PropertyKey[] = []): { path: PropertyKey[]; message: string } | null {
  if (typeof value === 'string') {
    const why = unstorableText(value)
    return why === null ? null : { path, message: why }
  }
  if (typeof value !== 'object' || value === null) return null
  if (path.length >= MAX_DEPTH) return { path, message: `is nested more than ${MAX_DEPTH} levels deep` }
  for (const [key, item] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    if (typeof key === 'string') {
      const why = unstorableText(key)
      if (why !== null) return { path, message: `has a field name that ${why}` }
    }
    const found = unstorable(item, [...path, key])
    if (found !== null) return found
  }
  return null
}

/**
 * A query string's values as sent: a percent-escape that is not UTF-8 (`%ED%A0%80`, a lone surrogate's bytes, or `%FF`)
 * reaches the handler as the escape's own text, so it is refused at its name rather than stored or searched changed.
 */
function malformedQuery(url: string): FieldProblem | null {
  const at = url.indexOf('?')
  if (at < 0) return null
  for (const pair of url.slice(at + 1).split('&')) {
    const eq = pair.indexOf('=')
    const [rawKey, rawValue] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)]
    let key = rawKey
    try {
      key = decodeURIComponent(rawKey.replaceAll('+', ' '))
      decodeURIComponent(rawValue.replaceAll('+', ' '))
    } catch {
      const message = 'is not valid UTF-8 percent-encoding (an invalid character)'
      return { path: `query.${/^[A-Za-z0-9_.-]{1,64}$/.test(key) ? key : 'name'}`, message }
    }
  }
  return null
}

function parsePart<S extends Schema>(schema: S | undefined, value: unknown, part: string): z.output<S> {
  if (schema === undefined) return undefined as z.output<S>
  const bad = unstorable(value)
  if (bad !== null) {
    const at = formatPath(bad.path)
    const problems = [{ path: at === '' ? part : `${part}${at.startsWith('[') ? '' : '.'}${at}`, message: bad.message }]
    throw new AppError('invalid_input', `The request ${part} is not valid`, { problems })
  }
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
          typeof clinicId === 'string' && UUID.test(clinicId) ? await membershipOf(runtime, session, clinicId) : null
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
      const badQuery = malformedQuery(request.url)
      if (badQuery !== null) {
        throw new AppError('invalid_input', 'The request query is not valid', { problems: [badQuery] })
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
      let result: unknown
      try {
        result = await spec.handler({ params, query, body, rawBody, actor, session, request, reply } as never)
      } finally {
        // a handler that failed may still have committed part of its work
        if (UNSAFE.has(spec.method)) runtime.changed()
      }
      reply.code(spec.success.status)
      if (spec.success.status === 204) return reply.send()
      if (result instanceof JsonText) return reply.type('application/json; charset=utf-8').send(result.text)
      return reply.send(result)
    },
  })
}
