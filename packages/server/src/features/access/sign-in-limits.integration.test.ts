// Guessing is slowed without locking the account's owner out: an attacker hammering an account from one address,
// or from many, never stops the owner from signing in from an address of their own.
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestClinic, openTestServer, PASSWORD, type TestClinic, type TestServer } from '../../test/harness.ts'

describeEachDatabase('sign-in limits', (database) => {
  let server: TestServer
  let clinic: TestClinic
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Limits Clinic')
  })
  afterAll(async () => {
    await server.close()
  })

  const signIn = (email: string, password: string, from: string) =>
    server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password },
      remoteAddress: from,
    })

  it('slows one address guessing an account, while the owner signs in from a new address at once', async () => {
    const { email } = clinic.users.owner
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) statuses.push((await signIn(email, `guess ${i}`, '198.51.100.66')).statusCode)
    // five mistakes cost nothing; then the address waits 30 s before its next guess on this account
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429])
    const limited = await signIn(email, PASSWORD, '198.51.100.66')
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(29)
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(30)
    // the owner, from an address never seen before: not locked out
    expect((await signIn(email, PASSWORD, '192.0.2.44')).statusCode).toBe(200)
    // and a colleague behind the attacker's address is not slowed either
    expect((await signIn(clinic.users.front_desk.email, PASSWORD, '198.51.100.66')).statusCode).toBe(200)
    // the owner's success elsewhere does not lift the attacker's wait
    expect((await signIn(email, 'one more guess', '198.51.100.66')).statusCode).toBe(429)
  })

  it('holds a run spread over many addresses to 20 guesses, and the owner still signs in from a known address', async () => {
    const { email } = clinic.users.practitioner
    // the practitioner has signed in from the clinic's address before (the harness signs in from 127.0.0.1)
    const statuses: number[] = []
    for (let i = 0; i < 25; i++) statuses.push((await signIn(email, `guess ${i}`, `203.0.113.${i + 1}`)).statusCode)
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true)
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true)
    // a new address, even with the right password, waits while the run goes on (the documented price)
    expect((await signIn(email, PASSWORD, '203.0.113.200')).statusCode).toBe(429)
    // the owner of the account at the clinic signs in
    const owner = await signIn(email, PASSWORD, '127.0.0.1')
    expect(owner.statusCode, owner.body).toBe(200)
  })

  it('a clinic behind one address making 26 mistakes locks no one out', async () => {
    // staff who have signed in from the clinic's address before, each mistyping four times, and ten mistyped emails
    const staff = [clinic.users.owner, clinic.users.practitioner, clinic.users.front_desk, clinic.users.client]
    for (let round = 0; round < 4; round++) {
      for (const user of staff) expect((await signIn(user.email, 'typo', '127.0.0.1')).statusCode).toBe(401)
    }
    for (let i = 0; i < 10; i++)
      expect((await signIn(`typo${i}@example.test`, 'typo', '127.0.0.1')).statusCode).toBe(401)
    for (const user of staff) expect((await signIn(user.email, PASSWORD, '127.0.0.1')).statusCode).toBe(200)
  })
})
