import { SessionInfoSchema, SignInSchema } from '@stipple/domain'
import { AppError } from '../../errors.ts'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import type { AccessService } from './service.ts'

export function accessRoutes(access: AccessService, trustedOrigins: readonly string[]): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      path: '/api/v1/auth/sign-in',
      operationId: 'signIn',
      summary: 'sign in with email and password',
      tag: 'access',
      access: { kind: 'public' },
      body: SignInSchema,
      success: {
        status: 200,
        description: 'Signed in: the session cookie is set (HttpOnly, Secure, SameSite=Lax)',
        schema: SessionInfoSchema,
      },
      handler: async ({ body, request, reply }) => {
        // a login form posted from another site would sign the victim into the attacker's account
        const origin = request.headers.origin
        if (origin !== undefined && !trustedOrigins.includes(origin)) {
          throw new AppError('csrf_failed', `Sign-in from ${origin} is not allowed`)
        }
        const { info, setCookies } = await access.signIn(body, {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          requestId: request.id,
        })
        reply.header('set-cookie', setCookies)
        return info
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/auth/sign-out',
      operationId: 'signOut',
      summary: 'sign out',
      tag: 'access',
      access: { kind: 'signed-in' },
      success: { status: 204, description: 'Signed out: the session is deleted and the cookie cleared' },
      handler: async ({ request, reply }) => {
        reply.header('set-cookie', await access.signOut(request.headers.cookie ?? ''))
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/me',
      operationId: 'me',
      summary: 'who is signed in, their clinics and roles, and the CSRF token',
      tag: 'access',
      access: { kind: 'signed-in' },
      success: { status: 200, description: 'The signed-in user', schema: SessionInfoSchema },
      handler: ({ session }) => access.info(session),
    }),
  ]
}
