// Email and password sign-in through better-auth (sessions, password hashing), on the same Kysely as everything
// else; its tables are created by our own migration 0001-auth.sql. Only sign-in, sign-out and session lookup are
// used: better-auth's HTTP handler is not mounted, so its sign-up and other endpoints are unreachable. Resolved
// sessions are cached in process for a few seconds (session-cache.ts says what that means for revocation).
import { createHmac, timingSafeEqual } from 'node:crypto'
import { betterAuth } from 'better-auth'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/database.ts'
import { SessionCache } from './session-cache.ts'
import { totpSealingKey } from './totp.ts'
import { TotpStore } from './totp-store.ts'

export interface AuthConfig {
  /** At least 32 random bytes; signs session cookies and derives CSRF tokens. */
  secret: string
  /** The origin the server is reached at, e.g. http://localhost:4000. */
  baseURL: string
  /** Secure cookies (default true: browsers accept them on http://localhost too). */
  secureCookies?: boolean
  /** Session lifetime in seconds (default 12 hours: a clinic day). */
  sessionSeconds?: number
  /** How long a resolved session is reused in this process without asking the database (default 5000; 0: never). */
  sessionCacheMs?: number
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
  /** The same object for one session for as long as it is cached (the route runtime keys memberships on it). */
  session(cookieHeader: string | undefined): Promise<AuthSession | null>
  /**
   * After a change that may have revoked access (an erased portal account, a membership): every cached session is
   * checked against the database again before its next use, with its memberships looked up afresh.
   */
  forgetCachedSessions(): void
  createUser(input: { email: string; name: string; password: string }): Promise<SignedInUser>
  /** Removes a user the library created, with their accounts and sessions (undoing a sign-up that could not finish). */
  deleteUser(userId: string): Promise<void>
  /** Whether `password` is the user's sign-in password (the library's own hash check). */
  verifyPassword(userId: string, password: string): Promise<boolean>
  /** A new session for a user whose sign-in is complete (the second factor): its token and the cookies to set. */
  startSession(
    userId: string,
    from: { ip: string; userAgent: string }
  ): Promise<{ token: string; setCookies: string[] }>
  csrfTokenFor(sessionToken: string): string
  checkCsrf(sessionToken: string, given: string | undefined): boolean
  /** The TOTP second factor's rows, and the key its secrets are sealed with (derived from the server secret). */
  totp: { store: TotpStore; sealingKey: Buffer }
  /** The Set-Cookie header that hands the browser a second-factor challenge id (null: clears it). */
  challengeCookie(id: string | null): string
  challengeIdOf(cookieHeader: string | undefined): string | null
}

/** Holds the id of a sign-in waiting for its TOTP code; only the auth routes need it. */
const CHALLENGE_COOKIE = 'stipple.second_factor'

/** A signed cookie value as the auth library writes it: `value.base64(HMAC-SHA256(secret, value))`, URI-encoded. */
function signedCookieValue(value: string, secret: string): string {
  return encodeURIComponent(`${value}.${createHmac('sha256', secret).update(value).digest('base64')}`)
}

interface CookieAttributes {
  maxAge?: number | undefined
  domain?: string | undefined
  path?: string | undefined
  httpOnly?: boolean | undefined
  secure?: boolean | undefined
  sameSite?: string | undefined
}

function serializeCookie(name: string, value: string, a: CookieAttributes): string {
  let cookie = `${name}=${value}`
  if (typeof a.maxAge === 'number') cookie += `; Max-Age=${Math.floor(a.maxAge)}`
  if (a.domain) cookie += `; Domain=${a.domain}`
  if (a.path) cookie += `; Path=${a.path}`
  if (a.httpOnly) cookie += '; HttpOnly'
  if (a.secure) cookie += '; Secure'
  if (a.sameSite) cookie += `; SameSite=${a.sameSite.charAt(0).toUpperCase()}${a.sameSite.slice(1)}`
  return cookie
}

/** The value of cookie `name` in a Cookie header, or null. */
function cookieValue(header: string, name: string): string | null {
  const prefix = `${name}=`
  for (const part of header.split(';')) {
    const trimmed = part.trim()
    if (trimmed.startsWith(prefix)) return trimmed.slice(prefix.length)
  }
  return null
}

interface CachedSession {
  session: AuthSession
  expiresAtMs: number
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
  const cache = new SessionCache<CachedSession>({ ttlMs: config.sessionCacheMs ?? 5_000 })
  let cookieNames: Promise<{ session: string; dontRemember: string }> | null = null
  const names = () => {
    cookieNames ??= auth.$context.then((c) => ({
      session: c.authCookies.sessionToken.name,
      dontRemember: c.authCookies.dontRememberToken.name,
    }))
    return cookieNames
  }

  // the cookie's signature was checked when the entry was loaded: that the session row is still there and unexpired is
  // what a change since could have altered (deleting a user deletes their sessions)
  const recheck = async (cached: CachedSession): Promise<CachedSession | null> => {
    const { rows } = await sql<{ userId: string; expiresAt: Date }>`
      select "userId", "expiresAt" from auth_session where token = ${cached.session.token}`.execute(db)
    const row = rows[0]
    if (row === undefined || row.userId !== cached.session.user.id || row.expiresAt.getTime() <= Date.now()) return null
    // a new object, so memberships remembered with the old one are looked up again (http/route.ts)
    return { session: { ...cached.session }, expiresAtMs: row.expiresAt.getTime() }
  }

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
      const { session } = await names()
      const signed = cookieValue(cookieHeader, session)
      if (signed !== null) cache.forget(SessionCache.keyOf(signed))
      const response = await auth.handler(internalRequest('/sign-out', { headers: { cookie: cookieHeader } }))
      return response.headers.getSetCookie()
    },
    async session(cookieHeader) {
      if (cookieHeader === undefined || cookieHeader === '') return null
      const { session, dontRemember } = await names()
      const signed = cookieValue(cookieHeader, session)
      if (signed === null) return null
      const found = await cache.get(
        SessionCache.keyOf(signed),
        async () => {
          // only the cookies that decide the session go to the library, so the cache key is all it looked at
          const remember = cookieValue(cookieHeader, dontRemember)
          const cookie = `${session}=${signed}${remember === null ? '' : `; ${dontRemember}=${remember}`}`
          const result = await auth.api.getSession({ headers: new Headers({ cookie }) })
          if (result === null) return null
          return {
            session: {
              token: result.session.token,
              user: { id: result.user.id, name: result.user.name, email: result.user.email },
            },
            expiresAtMs: new Date(result.session.expiresAt).getTime(),
          }
        },
        recheck
      )
      return found?.session ?? null
    },
    forgetCachedSessions() {
      cache.markStale()
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
    async deleteUser(userId) {
      const context = await auth.$context
      await context.internalAdapter.deleteUser(userId)
    },
    async verifyPassword(userId, password) {
      const context = await auth.$context
      const accounts = await context.internalAdapter.findAccounts(userId)
      const hash = accounts.find((a) => a.providerId === 'credential')?.password
      if (typeof hash !== 'string') return false
      return context.password.verify({ hash, password })
    },
    async startSession(userId, from) {
      const context = await auth.$context
      // as the password sign-in does (rememberMe: false): a browser-session cookie and the library's marker of it
      const created = await context.internalAdapter.createSession(userId, true, {
        ipAddress: from.ip,
        userAgent: from.userAgent,
      })
      const cookies = context.authCookies
      const { maxAge: _sessionMaxAge, ...sessionAttributes } = cookies.sessionToken.attributes
      return {
        token: created.token,
        setCookies: [
          serializeCookie(
            cookies.sessionToken.name,
            signedCookieValue(created.token, config.secret),
            sessionAttributes
          ),
          serializeCookie(
            cookies.dontRememberToken.name,
            signedCookieValue('true', config.secret),
            cookies.dontRememberToken.attributes
          ),
        ],
      }
    },
    csrfTokenFor,
    totp: { store: new TotpStore(db), sealingKey: totpSealingKey(config.secret) },
    challengeCookie(id) {
      return serializeCookie(CHALLENGE_COOKIE, id ?? '', {
        maxAge: id === null ? 0 : 5 * 60,
        path: '/api/v1/auth',
        httpOnly: true,
        secure: config.secureCookies ?? true,
        sameSite: 'strict',
      })
    },
    challengeIdOf(cookieHeader) {
      const value = cookieHeader === undefined ? null : cookieValue(cookieHeader, CHALLENGE_COOKIE)
      return value === null || value === '' ? null : value
    },
    checkCsrf(sessionToken, given) {
      if (given === undefined) return false
      const expected = Buffer.from(csrfTokenFor(sessionToken))
      const actual = Buffer.from(given)
      return expected.length === actual.length && timingSafeEqual(expected, actual)
    },
  }
}
