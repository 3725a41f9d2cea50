// Email and password sign-in through better-auth (sessions, password hashing), on the same Kysely as everything
// else; its tables are created by our own migration 0001-auth.sql. Only sign-in, sign-out and session lookup are
// used: better-auth's HTTP handler is not mounted, so its sign-up and other endpoints are unreachable.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { betterAuth } from 'better-auth'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.ts'

export interface AuthConfig {
  /** At least 32 random bytes; signs session cookies and derives CSRF tokens. */
  secret: string
  /** The origin the server is reached at, e.g. http://localhost:4000. */
  baseURL: string
  /** Secure cookies (default true: browsers accept them on http://localhost too). */
  secureCookies?: boolean
  /** Session lifetime in seconds (default 12 hours: a clinic day). */
  sessionSeconds?: number
}

const AUTH_BASE_PATH = '/internal/auth'

function createBetterAuth(db: Kysely<Database>, config: AuthConfig) {
  return betterAuth({
    database: { db, type: 'postgres' },
    secret: config.secret,
    baseURL: config.baseURL,
    basePath: AUTH_BASE_PATH,
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 256 },
    user: { modelName: 'auth_user' },
    session: {
      modelName: 'auth_session',
      expiresIn: config.sessionSeconds ?? 12 * 60 * 60,
      updateAge: 60 * 60,
    },
    account: { modelName: 'auth_account' },
    verification: { modelName: 'auth_verification' },
    // our own limiter (auth/rate-limit.ts) keys on the account as well as the address, and works in tests
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: { disabled: true },
    advanced: {
      cookiePrefix: 'stipple',
      useSecureCookies: config.secureCookies ?? true,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', path: '/' },
      ipAddress: { ipAddressHeaders: ['x-stipple-client-ip'] },
    },
  })
}

interface SignedInUser {
  id: string
  name: string
  email: string
}

export interface AuthSession {
  user: SignedInUser
  /** The session token (the secret part of the cookie). */
  token: string
}

type SignInOutcome =
  | { ok: true; user: SignedInUser; token: string; setCookies: string[] }
  | { ok: false; reason: 'invalid-credentials' }

/** The parts of auth the routes and the seed need. */
export interface Auth {
  signIn(input: { email: string; password: string; ip: string; userAgent: string }): Promise<SignInOutcome>
  signOut(cookieHeader: string): Promise<string[]>
  session(cookieHeader: string | undefined): Promise<AuthSession | null>
  createUser(input: { email: string; name: string; password: string }): Promise<SignedInUser>
  csrfTokenFor(sessionToken: string): string
  checkCsrf(sessionToken: string, given: string | undefined): boolean
}

export function createAuth(db: Kysely<Database>, config: AuthConfig): Auth {
  const auth = createBetterAuth(db, config)
  const internalRequest = (path: string, init: { headers: Record<string, string>; body?: unknown }) =>
    new Request(`${config.baseURL}${AUTH_BASE_PATH}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: new URL(config.baseURL).origin, ...init.headers },
      body: JSON.stringify(init.body ?? {}),
    })
  const csrfTokenFor = (sessionToken: string) =>
    createHmac('sha256', config.secret).update(`csrf:${sessionToken}`).digest('base64url')

  return {
    async signIn({ email, password, ip, userAgent }) {
      const response = await auth.handler(
        internalRequest('/sign-in/email', {
          headers: { 'x-stipple-client-ip': ip, 'user-agent': userAgent },
          body: { email, password, rememberMe: false },
        })
      )
      if (response.status === 401 || response.status === 400) return { ok: false, reason: 'invalid-credentials' }
      if (!response.ok) throw new Error(`sign-in failed inside the auth library: HTTP ${response.status}`)
      const body = (await response.json()) as { token: string; user: SignedInUser }
      return {
        ok: true,
        token: body.token,
        user: { id: body.user.id, name: body.user.name, email: body.user.email },
        setCookies: response.headers.getSetCookie(),
      }
    },
    async signOut(cookieHeader) {
      const response = await auth.handler(internalRequest('/sign-out', { headers: { cookie: cookieHeader } }))
      return response.headers.getSetCookie()
    },
    async session(cookieHeader) {
      if (cookieHeader === undefined || cookieHeader === '') return null
      const found = await auth.api.getSession({ headers: new Headers({ cookie: cookieHeader }) })
      if (found === null) return null
      return {
        token: found.session.token,
        user: { id: found.user.id, name: found.user.name, email: found.user.email },
      }
    },
    async createUser({ email, name, password }) {
      const context = await auth.$context
      const user = await context.internalAdapter.createUser(
        { email: email.toLowerCase(), name, emailVerified: true },
        { method: 'admin' }
      )
      await context.internalAdapter.linkAccount({
        userId: user.id,
        providerId: 'credential',
        accountId: user.id,
        password: await context.password.hash(password),
      })
      return { id: user.id, name: user.name, email: user.email }
    },
    csrfTokenFor,
    checkCsrf(sessionToken, given) {
      if (given === undefined) return false
      const expected = Buffer.from(csrfTokenFor(sessionToken))
      const actual = Buffer.from(given)
      return expected.length === actual.length && timingSafeEqual(expected, actual)
    },
  }
}
