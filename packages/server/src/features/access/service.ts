import type { SessionInfo } from '@stipple/domain'
import type { Auth, AuthSession } from '../../auth/auth.ts'
import type { LoginRateLimiter } from '../../auth/rate-limit.ts'
import type { RunInTransaction } from '../../db/unit-of-work.ts'
import { AppError } from '../../errors.ts'

export interface Origin {
  ip: string
  userAgent: string | null
  requestId: string
}

export class AccessService {
  readonly #auth: Auth
  readonly #run: RunInTransaction
  readonly #limiter: LoginRateLimiter

  constructor(auth: Auth, run: RunInTransaction, limiter: LoginRateLimiter) {
    this.#auth = auth
    this.#run = run
    this.#limiter = limiter
  }

  /** Signs in, or refuses with one message for a wrong email and a wrong password alike. */
  async signIn(
    input: { email: string; password: string },
    from: Origin
  ): Promise<{ info: SessionInfo; setCookies: string[] }> {
    const wait = this.#limiter.retryAfter(input.email, from.ip)
    if (wait > 0) {
      throw new AppError('rate_limited', `Too many failed sign-ins; try again in ${wait} seconds`, {
        retryAfterSeconds: wait,
      })
    }
    const outcome = await this.#auth.signIn({ ...input, ip: from.ip, userAgent: from.userAgent ?? '' })
    if (!outcome.ok) {
      this.#limiter.recordFailure(input.email, from.ip)
      await this.#auditSignIn(input.email, 'sign-in-failed', from)
      throw new AppError('unauthenticated', 'Wrong email or password')
    }
    this.#limiter.recordSuccess(input.email)
    await this.#auditSignIn(input.email, 'sign-in', from)
    return { info: await this.info({ user: outcome.user, token: outcome.token }), setCookies: outcome.setCookies }
  }

  signOut(cookieHeader: string): Promise<string[]> {
    return this.#auth.signOut(cookieHeader)
  }

  info(session: AuthSession): Promise<SessionInfo> {
    return this.#run(async (repos) => ({
      user: session.user,
      memberships: await repos.memberships.listForUser(session.user.id),
      csrfToken: this.#auth.csrfTokenFor(session.token),
    }))
  }

  /** One row per clinic the account belongs to; attempts on unknown emails belong to no clinic and are not kept. */
  #auditSignIn(email: string, action: 'sign-in' | 'sign-in-failed', from: Origin): Promise<void> {
    return this.#run(async (repos) => {
      for (const m of await repos.memberships.clinicIdsOfEmail(email)) {
        await repos.audit.record({
          clinicId: m.clinicId,
          actorUserId: m.userId,
          actorMembershipId: m.membershipId,
          actorRole: null,
          action,
          entity: 'session',
          entityId: null,
          clientId: null,
          ip: from.ip,
          userAgent: from.userAgent,
          requestId: from.requestId,
          detail: null,
        })
      }
    })
  }
}
