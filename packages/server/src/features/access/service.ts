import type { SessionInfo } from '@stipple/domain'
import type { Auth, AuthSession } from '../../auth/auth.ts'
import type { LoginRateLimiter } from '../../auth/rate-limit.ts'
import { matchingStep, newBackupCodes, newTotpSecret, openSecret, otpauthUri, sealSecret } from '../../auth/totp.ts'
import { AppError } from '../../errors.ts'
import type { AccessWork } from './work.ts'

export interface Origin {
  ip: string
  userAgent: string | null
  requestId: string
}

type SignInResult =
  | { kind: 'signed-in'; info: SessionInfo; setCookies: string[] }
  | { kind: 'second-factor'; setCookies: string[] }

type AccountAction = 'sign-in' | 'sign-in-failed' | 'totp-enabled' | 'totp-disabled'

const ISSUER = 'Stipple'

export class AccessService {
  readonly #auth: Auth
  readonly #work: AccessWork
  readonly #limiter: LoginRateLimiter

  constructor(auth: Auth, work: AccessWork, limiter: LoginRateLimiter) {
    this.#auth = auth
    this.#work = work
    this.#limiter = limiter
  }

  /**
   * Signs in, or refuses with one message for a wrong email and a wrong password alike. An account with TOTP on gets
   * no session yet: a challenge cookie, completed by `signInWithCode`.
   */
  async signIn(input: { email: string; password: string }, from: Origin): Promise<SignInResult> {
    this.#checkRate(input.email, from)
    const totpUser = await this.#auth.totp.store.enabledUserOf(input.email)
    if (totpUser !== null) {
      if (!(await this.#auth.verifyPassword(totpUser.userId, input.password))) {
        return this.#refuseSignIn(input.email, from)
      }
      const challenge = await this.#auth.totp.store.createChallenge(totpUser.userId)
      return { kind: 'second-factor', setCookies: [this.#auth.challengeCookie(challenge)] }
    }
    const outcome = await this.#auth.signIn({ ...input, ip: from.ip, userAgent: from.userAgent ?? '' })
    if (!outcome.ok) return this.#refuseSignIn(input.email, from)
    this.#limiter.recordSuccess(input.email, from.ip)
    await this.#auditAccount(input.email, 'sign-in', from, null)
    const info = await this.info({ user: outcome.user, token: outcome.token })
    return { kind: 'signed-in', info, setCookies: outcome.setCookies }
  }

  /** Completes a password sign-in with the authenticator's code or a backup code. */
  async signInWithCode(
    code: string,
    cookieHeader: string | undefined,
    from: Origin
  ): Promise<{ info: SessionInfo; setCookies: string[] }> {
    const store = this.#auth.totp.store
    const challengeId = this.#auth.challengeIdOf(cookieHeader)
    const challenge = challengeId === null ? null : await store.challenge(challengeId)
    if (challengeId === null || challenge === null) {
      throw new AppError('unauthenticated', 'Sign in with your email and password first (or again: it expired)')
    }
    this.#checkRate(challenge.email, from)
    const factor = await this.#useCode(challenge.userId, code)
    if (factor === null) {
      await store.failChallenge(challengeId)
      this.#limiter.recordFailure(challenge.email, from.ip)
      await this.#auditAccount(challenge.email, 'sign-in-failed', from, { secondFactor: 'totp' })
      throw new AppError('unauthenticated', 'Wrong or already used code')
    }
    if (!(await store.consumeChallenge(challengeId))) {
      throw new AppError('unauthenticated', 'This sign-in was already completed or has expired; sign in again')
    }
    this.#limiter.recordSuccess(challenge.email, from.ip)
    const started = await this.#auth.startSession(challenge.userId, { ip: from.ip, userAgent: from.userAgent ?? '' })
    await this.#auditAccount(challenge.email, 'sign-in', from, { secondFactor: factor })
    const session = await this.#auth.session(started.setCookies.map((c) => c.split(';')[0]).join('; '))
    if (session === null) throw new Error(`the session just started for ${challenge.userId} does not resolve`)
    return {
      info: await this.info(session),
      setCookies: [...started.setCookies, this.#auth.challengeCookie(null)],
    }
  }

  /** Starts TOTP set-up: a new secret and backup codes, shown once; sign-in asks for codes only after `confirmTotp`. */
  async enableTotp(
    session: AuthSession,
    password: string,
    from: Origin
  ): Promise<{ otpauthUri: string; secret: string; backupCodes: string[] }> {
    await this.#checkPassword(session, password, from)
    const secret = newTotpSecret()
    const backupCodes = newBackupCodes()
    const sealed = sealSecret(secret, this.#auth.totp.sealingKey)
    if (!(await this.#auth.totp.store.begin(session.user.id, sealed, backupCodes))) {
      throw new AppError('conflict', 'TOTP is already on for this account; disable it first to set it up again')
    }
    const uri = otpauthUri({ issuer: ISSUER, account: session.user.email, secret })
    return { otpauthUri: uri, secret: new URL(uri).searchParams.get('secret') ?? '', backupCodes }
  }

  /** Turns TOTP on with a first code from the app, which proves the app holds the secret. */
  async confirmTotp(session: AuthSession, code: string, from: Origin): Promise<{ enabled: true }> {
    const state = await this.#auth.totp.store.state(session.user.id)
    if (state === null || state.enabled) {
      throw new AppError('conflict', state === null ? 'Start with POST /api/v1/auth/totp/enable' : 'TOTP is already on')
    }
    this.#checkRate(session.user.email, from)
    const step = matchingStep(openSecret(state.sealedSecret, this.#auth.totp.sealingKey), code, Date.now())
    if (step === null || !(await this.#auth.totp.store.useStep(session.user.id, step, true))) {
      this.#limiter.recordFailure(session.user.email, from.ip)
      throw wrongField('body.code', 'is not the current code of the authenticator app')
    }
    await this.#auditAccount(session.user.email, 'totp-enabled', from, null)
    return { enabled: true }
  }

  /** Turns TOTP off: the password and a code (or backup code), so a session left open is not enough. */
  async disableTotp(session: AuthSession, input: { password: string; code: string }, from: Origin): Promise<void> {
    const state = await this.#auth.totp.store.state(session.user.id)
    if (state === null || !state.enabled) throw new AppError('conflict', 'TOTP is not on for this account')
    await this.#checkPassword(session, input.password, from)
    if ((await this.#useCode(session.user.id, input.code)) === null) {
      this.#limiter.recordFailure(session.user.email, from.ip)
      throw wrongField('body.code', 'is not a current code or an unused backup code')
    }
    await this.#auth.totp.store.disable(session.user.id)
    await this.#auditAccount(session.user.email, 'totp-disabled', from, null)
  }

  signOut(cookieHeader: string): Promise<string[]> {
    return this.#auth.signOut(cookieHeader)
  }

  info(session: AuthSession): Promise<SessionInfo> {
    return this.#work.run(async (repos) => ({
      user: session.user,
      memberships: await repos.memberships.listForUser(session.user.id),
      csrfToken: this.#auth.csrfTokenFor(session.token),
    }))
  }

  /** The factor a code proves (`totp`, or `backup-code` used up now), or null; a TOTP step counts once. */
  async #useCode(userId: string, code: string): Promise<'totp' | 'backup-code' | null> {
    const store = this.#auth.totp.store
    if (/^[0-9]{6}$/.test(code)) {
      const state = await store.state(userId)
      if (state === null || !state.enabled) return null
      const step = matchingStep(openSecret(state.sealedSecret, this.#auth.totp.sealingKey), code, Date.now())
      return step !== null && (await store.useStep(userId, step)) ? 'totp' : null
    }
    return (await store.useBackupCode(userId, code)) ? 'backup-code' : null
  }

  #checkRate(email: string, from: Origin): void {
    const wait = this.#limiter.retryAfter(email, from.ip)
    if (wait > 0) {
      throw new AppError('rate_limited', `Too many failed attempts; try again in ${wait} seconds`, {
        retryAfterSeconds: wait,
      })
    }
  }

  async #checkPassword(session: AuthSession, password: string, from: Origin): Promise<void> {
    this.#checkRate(session.user.email, from)
    if (!(await this.#auth.verifyPassword(session.user.id, password))) {
      this.#limiter.recordFailure(session.user.email, from.ip)
      throw wrongField('body.password', 'is not the password of this account')
    }
  }

  async #refuseSignIn(email: string, from: Origin): Promise<never> {
    this.#limiter.recordFailure(email, from.ip)
    await this.#auditAccount(email, 'sign-in-failed', from, null)
    throw new AppError('unauthenticated', 'Wrong email or password')
  }

  /** One row per clinic the account belongs to; attempts on unknown emails belong to no clinic and are not kept. */
  #auditAccount(
    email: string,
    action: AccountAction,
    from: Origin,
    detail: Record<string, unknown> | null
  ): Promise<void> {
    return this.#work.run(async (repos) => {
      for (const m of await repos.memberships.clinicIdsOfEmail(email)) {
        await repos.audit.record({
          clinicId: m.clinicId,
          actorUserId: m.userId,
          actorMembershipId: m.membershipId,
          actorRole: null,
          action,
          entity: action.startsWith('totp') ? 'second-factor' : 'session',
          entityId: null,
          clientId: null,
          ip: from.ip,
          userAgent: from.userAgent,
          requestId: from.requestId,
          detail,
        })
      }
    })
  }
}

const wrongField = (path: string, message: string) =>
  new AppError('invalid_input', `The request body is not valid: ${path.slice(5)} ${message}`, {
    problems: [{ path, message }],
  })
