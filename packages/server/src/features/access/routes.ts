import { SessionInfoSchema, SignInSchema } from '@stipple/domain'
import type { FastifyRequest } from 'fastify'
import { AppError } from '../../errors.ts'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import type { AccessService, Origin } from './service.ts'
import {
  SignInResultSchema,
  TotpDisableSchema,
  TotpEnabledSchema,
  TotpEnableSchema,
  TotpSetupSchema,
  TotpSignInSchema,
  TotpVerifySchema,
} from './totp.schema.ts'

const originOf = (request: FastifyRequest): Origin => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
  requestId: request.id,
})

export function accessRoutes(access: AccessService, trustedOrigins: readonly string[]): RouteSpec[] {
  // a login form posted from another site would sign the victim into the attacker's account
  const checkOrigin = (request: FastifyRequest) => {
    const origin = request.headers.origin
    if (origin !== undefined && !trustedOrigins.includes(origin)) {
      throw new AppError('csrf_failed', `Sign-in from ${origin} is not allowed`)
    }
  }
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
        description:
          'Signed in: the session cookie is set (HttpOnly, Secure, SameSite=Lax). With TOTP on, `{ secondFactor: ' +
          "'totp' }` and no session yet: send the code to POST /api/v1/auth/sign-in/totp",
        schema: SignInResultSchema,
      },
      handler: async ({ body, request, reply }) => {
        checkOrigin(request)
        const result = await access.signIn(body, originOf(request))
        reply.header('set-cookie', result.setCookies)
        return result.kind === 'signed-in' ? result.info : { secondFactor: 'totp' }
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/auth/sign-in/totp',
      operationId: 'signInWithTotp',
      summary: 'complete a sign-in with the authenticator code or a backup code',
      tag: 'access',
      access: { kind: 'public' },
      body: TotpSignInSchema,
      success: { status: 200, description: 'Signed in: the session cookie is set', schema: SessionInfoSchema },
      handler: async ({ body, request, reply }) => {
        checkOrigin(request)
        const { info, setCookies } = await access.signInWithCode(body.code, request.headers.cookie, originOf(request))
        reply.header('set-cookie', setCookies)
        return info
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/auth/totp/enable',
      operationId: 'enableTotp',
      summary: 'start setting up a TOTP second factor',
      tag: 'access',
      access: { kind: 'signed-in' },
      body: TotpEnableSchema,
      success: {
        status: 200,
        description:
          'The secret for the authenticator app and the backup codes, shown this once; sign-in asks for a code once ' +
          'POST /api/v1/auth/totp/verify confirmed a first one',
        schema: TotpSetupSchema,
      },
      handler: ({ body, session, request }) => access.enableTotp(session, body.password, originOf(request)),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/auth/totp/verify',
      operationId: 'verifyTotp',
      summary: 'turn the TOTP second factor on with a first code',
      tag: 'access',
      access: { kind: 'signed-in' },
      body: TotpVerifySchema,
      success: { status: 200, description: 'TOTP is on: sign-in asks for a code', schema: TotpEnabledSchema },
      handler: ({ body, session, request }) => access.confirmTotp(session, body.code, originOf(request)),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/auth/totp/disable',
      operationId: 'disableTotp',
      summary: 'turn the TOTP second factor off',
      tag: 'access',
      access: { kind: 'signed-in' },
      body: TotpDisableSchema,
      success: { status: 204, description: 'TOTP is off; its secret and backup codes are deleted' },
      handler: ({ body, session, request }) => access.disableTotp(session, body, originOf(request)),
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
