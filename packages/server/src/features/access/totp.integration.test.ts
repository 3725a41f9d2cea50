// The optional TOTP second factor, through the API: set-up, confirmation, sign-in with a code or a backup code,
// replays, wrong codes, rate limiting, bad input, turning it off. Codes are computed here from the secret the API
// hands out (RFC 6238, auth/totp.ts, whose generator is checked against the RFC's vectors in totp.test.ts).
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { base32Decode, hotp, TOTP_PERIOD_SECONDS, totpStep } from '../../auth/totp.ts'
import {
  createTestClinic,
  openTestServer,
  PASSWORD,
  type TestClinic,
  type TestServer,
  type TestUser,
} from '../../test/harness.ts'

type Reply = Awaited<ReturnType<TestServer['app']['inject']>>

const cookiesOf = (res: Reply) => [res.headers['set-cookie'] ?? []].flat()
const cookieHeader = (setCookies: string[]) => setCookies.map((c) => c.split(';')[0]).join('; ')

/** Waits out the last seconds of a step, so the codes a test computes stay within the server's ±1 step window. */
async function awayFromStepEnd(): Promise<void> {
  const intoStep = Date.now() % (TOTP_PERIOD_SECONDS * 1000)
  if (intoStep > 20_000) await new Promise((resolve) => setTimeout(resolve, TOTP_PERIOD_SECONDS * 1000 - intoStep + 50))
}

describeEachDatabase('TOTP second factor', (database) => {
  let server: TestServer
  let clinic: TestClinic
  /** Secrets and backup codes handed out by the API, by role. */
  const known: Partial<Record<'owner' | 'practitioner', { secret: Buffer; backupCodes: string[] }>> = {}
  /** Each test comes from its own address, so the per-address sign-in limit of one test does not reach the next. */
  let ip = '127.0.0.1'
  let tests = 0
  beforeEach(() => {
    ip = `10.0.${++tests}.1`
  })
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Totp Clinic')
  })
  afterAll(async () => {
    await server.close()
  })

  const post = (url: string, payload: unknown, user?: { cookie: string; csrf?: string }, cookie?: string) =>
    server.app.inject({
      method: 'POST',
      url,
      remoteAddress: ip,
      headers: {
        ...(user === undefined ? {} : { cookie: user.cookie, 'x-csrf-token': user.csrf ?? '' }),
        ...(cookie === undefined ? {} : { cookie }),
      },
      payload: payload as Record<string, unknown>,
    })
  const me = (cookie: string) => server.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })
  const signInWithPassword = (email: string, password = PASSWORD) => post('/api/v1/auth/sign-in', { email, password })

  /** Turns TOTP on for `user` and returns its secret and backup codes. */
  async function enable(user: TestUser) {
    const setup = await post('/api/v1/auth/totp/enable', { password: PASSWORD }, user)
    expect(setup.statusCode, setup.body).toBe(200)
    const body = setup.json() as { otpauthUri: string; secret: string; backupCodes: string[] }
    const secret = base32Decode(body.secret)
    await awayFromStepEnd()
    const confirm = await post('/api/v1/auth/totp/verify', { code: hotp(secret, totpStep(Date.now()) - 1) }, user)
    expect(confirm.statusCode, confirm.body).toBe(200)
    return { secret, backupCodes: body.backupCodes, uri: body.otpauthUri }
  }

  describe('set-up', () => {
    it('needs the password, gives an otpauth URI and ten backup codes, and asks for codes only once confirmed', async () => {
      const user = clinic.users.practitioner
      const wrong = await post('/api/v1/auth/totp/enable', { password: 'not the password at all' }, user)
      expect(wrong.statusCode).toBe(400)
      expect(wrong.json().errors).toEqual([{ path: 'body.password', message: expect.any(String) }])

      const setup = await post('/api/v1/auth/totp/enable', { password: PASSWORD }, user)
      expect(setup.statusCode, setup.body).toBe(200)
      const { otpauthUri, secret, backupCodes } = setup.json()
      const uri = new URL(otpauthUri)
      expect(uri.protocol).toBe('otpauth:')
      expect(uri.searchParams.get('secret')).toBe(secret)
      expect(decodeURIComponent(uri.pathname)).toBe(`/Stipple:${user.email}`)
      expect(backupCodes).toHaveLength(10)
      // stored sealed and hashed: neither the secret nor a backup code is readable in the database
      const row = await server.db
        .selectFrom('auth_totp')
        .selectAll()
        .where('user_id', '=', user.userId)
        .executeTakeFirstOrThrow()
      expect(row.secret_sealed).not.toContain(secret)
      expect(row.enabled_at).toBeNull()
      const codes = await server.db
        .selectFrom('auth_totp_backup_codes')
        .selectAll()
        .where('user_id', '=', user.userId)
        .execute()
      expect(codes.map((c) => c.code_sha256)).not.toContain(backupCodes[0])

      // not confirmed yet: the password alone still signs in
      const plain = await signInWithPassword(user.email)
      expect(plain.statusCode).toBe(200)
      expect(plain.json().csrfToken).toEqual(expect.any(String))

      const key = base32Decode(secret)
      known.practitioner = { secret: key, backupCodes }
      const bad = await post('/api/v1/auth/totp/verify', { code: hotp(key, totpStep(Date.now()) + 5) }, user)
      expect(bad.statusCode).toBe(400)
      expect(bad.json().errors[0].path).toBe('body.code')
      await awayFromStepEnd()
      const ok = await post('/api/v1/auth/totp/verify', { code: hotp(key, totpStep(Date.now())) }, user)
      expect(ok.statusCode, ok.body).toBe(200)
      expect(ok.json()).toEqual({ enabled: true })
      const again = await post('/api/v1/auth/totp/enable', { password: PASSWORD }, user)
      expect(again.statusCode).toBe(409)

      const audit = await server.db
        .selectFrom('audit_log')
        .select(['action', 'actor_user_id', 'ip'])
        .where('action', '=', 'totp-enabled')
        .execute()
      expect(audit).toEqual([{ action: 'totp-enabled', actor_user_id: user.userId, ip }])
    })
  })

  describe('sign-in', () => {
    let user: TestUser
    let secret: Buffer
    let backupCodes: string[]
    beforeAll(async () => {
      user = clinic.users.owner
      ;({ secret, backupCodes } = await enable(user))
      known.owner = { secret, backupCodes }
    })

    it('answers the right password with { secondFactor: "totp" } and no session', async () => {
      const res = await signInWithPassword(user.email)
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({ secondFactor: 'totp' })
      const cookies = cookiesOf(res)
      expect(cookies).toHaveLength(1)
      expect(cookies[0]).toMatch(
        /^stipple\.second_factor=[^;]+; Max-Age=300; Path=\/api\/v1\/auth; HttpOnly; Secure; SameSite=Strict$/
      )
      expect((await me(cookieHeader(cookies))).statusCode).toBe(401)
    })

    it('refuses a wrong password as before, without a challenge', async () => {
      const res = await signInWithPassword(user.email, 'wrong password for sure')
      expect(res.statusCode).toBe(401)
      expect(res.headers['set-cookie']).toBeUndefined()
      server.limiter.recordSuccess(user.email)
    })

    it('completes with the current code: a session that works, then refuses the same code again', async () => {
      await awayFromStepEnd()
      const code = hotp(secret, totpStep(Date.now()))
      const challenge = cookieHeader(cookiesOf(await signInWithPassword(user.email)))
      const wrong = await post(
        '/api/v1/auth/sign-in/totp',
        { code: code === '000000' ? '111111' : '000000' },
        undefined,
        challenge
      )
      expect(wrong.statusCode).toBe(401)
      const done = await post('/api/v1/auth/sign-in/totp', { code }, undefined, challenge)
      expect(done.statusCode, done.body).toBe(200)
      expect(done.json()).toMatchObject({ user: { id: user.userId, email: user.email }, csrfToken: expect.any(String) })
      const session = cookieHeader(cookiesOf(done).filter((c) => !c.startsWith('stipple.second_factor=')))
      expect(cookiesOf(done).some((c) => /^stipple\.second_factor=; Max-Age=0/.test(c))).toBe(true)
      const who = await me(session)
      expect(who.statusCode).toBe(200)
      expect(who.json().user.id).toBe(user.userId)

      // the challenge is used up, and the code is used up even with a new challenge
      expect((await post('/api/v1/auth/sign-in/totp', { code }, undefined, challenge)).statusCode).toBe(401)
      const next = cookieHeader(cookiesOf(await signInWithPassword(user.email)))
      const replay = await post('/api/v1/auth/sign-in/totp', { code }, undefined, next)
      expect(replay.statusCode).toBe(401)
      // an older code than the one used is no good either
      const older = await post(
        '/api/v1/auth/sign-in/totp',
        { code: hotp(secret, totpStep(Date.now()) - 1) },
        undefined,
        next
      )
      expect(older.statusCode).toBe(401)
      server.limiter.recordSuccess(user.email)

      const rows = await server.db
        .selectFrom('audit_log')
        .select(['action', 'detail'])
        .where('actor_user_id', '=', user.userId)
        .where('entity', '=', 'session')
        .orderBy('id', 'desc')
        .limit(4)
        .execute()
      expect(rows.map((r) => r.action)).toContain('sign-in-failed')
      expect(rows).toContainEqual({ action: 'sign-in', detail: { secondFactor: 'totp' } })
    })

    it('takes each backup code once', async () => {
      const [first] = backupCodes
      if (first === undefined) throw new Error('no backup codes')
      const challenge = cookieHeader(cookiesOf(await signInWithPassword(user.email)))
      const done = await post('/api/v1/auth/sign-in/totp', { code: first.toUpperCase() }, undefined, challenge)
      expect(done.statusCode, done.body).toBe(200)
      expect((await me(cookieHeader(cookiesOf(done)))).statusCode).toBe(200)
      const again = cookieHeader(cookiesOf(await signInWithPassword(user.email)))
      expect((await post('/api/v1/auth/sign-in/totp', { code: first }, undefined, again)).statusCode).toBe(401)
      expect((await post('/api/v1/auth/sign-in/totp', { code: 'aaaaa-bbbbb' }, undefined, again)).statusCode).toBe(401)
      server.limiter.recordSuccess(user.email)
    })

    it('needs a challenge: no cookie, a made-up one, or one of an expired sign-in is 401', async () => {
      const code = hotp(secret, totpStep(Date.now()) + 1)
      expect((await post('/api/v1/auth/sign-in/totp', { code })).statusCode).toBe(401)
      const madeUp = 'stipple.second_factor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'
      expect((await post('/api/v1/auth/sign-in/totp', { code }, undefined, madeUp)).statusCode).toBe(401)
      const challenge = cookieHeader(cookiesOf(await signInWithPassword(user.email)))
      await server.db
        .updateTable('auth_totp_challenges')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .execute()
      expect((await post('/api/v1/auth/sign-in/totp', { code }, undefined, challenge)).statusCode).toBe(401)
    })

    it('refuses a sign-in completed from another site', async () => {
      const challenge = cookieHeader(cookiesOf(await signInWithPassword(user.email)))
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in/totp',
        remoteAddress: ip,
        headers: { cookie: challenge, origin: 'https://evil.example' },
        payload: { code: hotp(secret, totpStep(Date.now())) },
      })
      expect(res.statusCode).toBe(403)
    })
  })

  describe('limits and bad input', () => {
    it('rate-limits wrong codes like wrong passwords (429 with Retry-After), even for the right code afterwards', async () => {
      const user = clinic.users.front_desk
      const { secret } = await enable(user)
      const challenge = cookieHeader(cookiesOf(await signInWithPassword(user.email)))
      const statuses: number[] = []
      for (let i = 0; i < 5; i++) {
        const next = cookieHeader(cookiesOf(await signInWithPassword(user.email)))
        statuses.push((await post('/api/v1/auth/sign-in/totp', { code: `00000${i}` }, undefined, next)).statusCode)
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401])
      const limited = await post(
        '/api/v1/auth/sign-in/totp',
        { code: hotp(secret, totpStep(Date.now())) },
        undefined,
        challenge
      )
      expect(limited.statusCode).toBe(429)
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
      expect((await signInWithPassword(user.email)).statusCode).toBe(429)
      server.limiter.recordSuccess(user.email)
    })

    it('drops a challenge after five wrong codes', async () => {
      const user = clinic.users.client
      const { secret } = await enable(user)
      const challenge = cookieHeader(cookiesOf(await signInWithPassword(user.email)))
      for (let i = 0; i < 5; i++) {
        expect((await post('/api/v1/auth/sign-in/totp', { code: `99999${i}` }, undefined, challenge)).statusCode).toBe(
          401
        )
        server.limiter.recordSuccess(user.email) // only the challenge's own count is under test here
      }
      await awayFromStepEnd()
      const right = await post(
        '/api/v1/auth/sign-in/totp',
        { code: hotp(secret, totpStep(Date.now()) + 1) },
        undefined,
        challenge
      )
      expect(right.statusCode).toBe(401)
    })

    it('refuses bad bodies on every TOTP route with 400 naming the field, and unknown fields', async () => {
      const user = clinic.users.practitioner
      const cases: [string, unknown, string][] = [
        ['/api/v1/auth/totp/enable', {}, 'body.password'],
        ['/api/v1/auth/totp/enable', { password: 12 }, 'body.password'],
        ['/api/v1/auth/totp/enable', { password: 'x'.repeat(300) }, 'body.password'],
        ['/api/v1/auth/totp/enable', { password: PASSWORD, sneaky: 1 }, 'body'],
        ['/api/v1/auth/totp/verify', { code: '12345' }, 'body.code'],
        ['/api/v1/auth/totp/verify', { code: 123456 }, 'body.code'],
        ['/api/v1/auth/totp/verify', { code: "1' OR '1'='1" }, 'body.code'],
        ['/api/v1/auth/totp/disable', { password: PASSWORD }, 'body.code'],
        ['/api/v1/auth/totp/disable', { code: '123456' }, 'body.password'],
        ['/api/v1/auth/totp/disable', { password: PASSWORD, code: '<script>' }, 'body.code'],
        ['/api/v1/auth/sign-in/totp', { code: 'x'.repeat(100_000) }, 'body.code'],
        ['/api/v1/auth/sign-in/totp', { code: '123456', extra: true }, 'body'],
      ]
      for (const [url, body, path] of cases) {
        const res = await post(url, body, user)
        expect({ url, body: JSON.stringify(body).slice(0, 40), status: res.statusCode }).toMatchObject({ status: 400 })
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
        const paths = (res.json() as { errors: { path: string }[] }).errors.map((e) => e.path)
        expect(
          paths.some((p) => p === path || p.startsWith(`${path}.`)),
          `${url} ${paths.join(',')}`
        ).toBe(true)
      }
    })

    it('needs a signed-in user with the CSRF token for set-up and disabling', async () => {
      for (const url of ['/api/v1/auth/totp/enable', '/api/v1/auth/totp/verify', '/api/v1/auth/totp/disable']) {
        expect((await post(url, { password: PASSWORD, code: '123456' })).statusCode).toBe(401)
        const noCsrf = await post(url, { password: PASSWORD }, { cookie: clinic.users.practitioner.cookie })
        expect(noCsrf.statusCode).toBe(403)
      }
    })
  })

  describe('turning it off', () => {
    it('needs the password and a code; a backup code does; then the password alone signs in again', async () => {
      const user = clinic.users.practitioner // turned on in the set-up test
      const backup = known.practitioner?.backupCodes[0] ?? ''
      const wrongPassword = await post(
        '/api/v1/auth/totp/disable',
        { password: 'not it, not it at all', code: backup },
        user
      )
      expect(wrongPassword.statusCode).toBe(400)
      expect(wrongPassword.json().errors[0].path).toBe('body.password')
      const wrongCode = await post('/api/v1/auth/totp/disable', { password: PASSWORD, code: '000000' }, user)
      expect(wrongCode.statusCode).toBe(400)
      expect(wrongCode.json().errors[0].path).toBe('body.code')
      server.limiter.recordSuccess(user.email)

      const off = await post('/api/v1/auth/totp/disable', { password: PASSWORD, code: backup }, user)
      expect(off.statusCode, off.body).toBe(204)
      expect(
        await server.db.selectFrom('auth_totp').select('user_id').where('user_id', '=', user.userId).execute()
      ).toEqual([])
      const left = await server.db
        .selectFrom('auth_totp_backup_codes')
        .select('user_id')
        .where('user_id', '=', user.userId)
        .execute()
      expect(left).toEqual([])
      const plain = await signInWithPassword(user.email)
      expect(plain.statusCode).toBe(200)
      expect(plain.json().csrfToken).toEqual(expect.any(String))
      expect((await post('/api/v1/auth/totp/disable', { password: PASSWORD, code: '123456' }, user)).statusCode).toBe(
        409
      )
      expect(
        await server.db.selectFrom('audit_log').select('actor_user_id').where('action', '=', 'totp-disabled').execute()
      ).toEqual([{ actor_user_id: user.userId }])
    })

    it('turns off with a current code from the app', async () => {
      const user = clinic.users.owner // turned on for the sign-in tests
      const secret = known.owner?.secret ?? Buffer.alloc(20)
      await awayFromStepEnd()
      const code = hotp(secret, totpStep(Date.now()) + 1)
      const off = await post('/api/v1/auth/totp/disable', { password: PASSWORD, code }, user)
      expect(off.statusCode, off.body).toBe(204)
      expect((await signInWithPassword(user.email)).json().csrfToken).toEqual(expect.any(String))
    })
  })
})
