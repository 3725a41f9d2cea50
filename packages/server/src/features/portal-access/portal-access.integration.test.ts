import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { as, createTestClinic, openTestServer, signIn, type TestClinic, type TestServer } from '../../test/harness.ts'

describeEachDatabase('portal access', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let other: TestClinic
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Portal Clinic')
    other = await createTestClinic(server, 'Other Clinic')
  })
  afterAll(async () => {
    await server.close()
  })

  const newClient = async (body: Record<string, unknown>) =>
    (await as(server, clinic.users.front_desk)('POST', `/api/v1/clinics/${clinic.clinicId}/clients`, body)).json()
      .id as string
  const grant = (clientId: string, password = 'chosen by the client 1') =>
    as(server, clinic.users.practitioner)(
      'POST',
      `/api/v1/clinics/${clinic.clinicId}/clients/${clientId}/portal-access`,
      { password }
    )
  const counts = async () => ({
    users: (await server.db.selectFrom('auth_user').select('id').execute()).length,
    memberships: (await server.db.selectFrom('memberships').select('id').execute()).length,
  })

  it('lets the client sign in to their own portal with the password they chose, once', async () => {
    const clientId = await newClient({ givenName: 'Noor', familyName: 'Haddad', email: 'Noor.Haddad@example.com' })
    const url = `/api/v1/clinics/${clinic.clinicId}/clients/${clientId}/portal-access`
    const before = await as(server, clinic.users.front_desk)('GET', url)
    expect(before.json()).toEqual({ clientId, enabled: false, email: null })
    const res = await grant(clientId)
    expect(res.statusCode).toBe(201)
    const after = await as(server, clinic.users.front_desk)('GET', url)
    expect(after.json()).toEqual({ clientId, enabled: true, email: 'noor.haddad@example.com' })
    expect(res.json()).toMatchObject({ clientId, email: 'Noor.Haddad@example.com' })

    const session = await signIn(server, 'noor.haddad@example.com', 'chosen by the client 1')
    const me = await server.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } })
    expect(me.json().memberships).toEqual([expect.objectContaining({ clinicId: clinic.clinicId, role: 'client' })])
    const own = await server.app.inject({
      method: 'GET',
      url: `/api/v1/clinics/${clinic.clinicId}/portal/appointments`,
      headers: { cookie: session.cookie },
    })
    expect(own.statusCode).toBe(200)
    // the staff file says who set it up, in the audit log
    const audited = await server.db
      .selectFrom('audit_log')
      .select(['action', 'actor_membership_id'])
      .where('entity', '=', 'portal-access')
      .where('client_id', '=', clientId)
      .execute()
    expect(audited).toEqual([{ action: 'create', actor_membership_id: clinic.users.practitioner.membershipId }])

    const again = await grant(clientId)
    expect(again.statusCode).toBe(409)
    expect(again.json().detail).toContain('already has a portal account')
  })

  it('refuses a client without an email, a short password, an email already in use and an erased client, writing nothing', async () => {
    const before = await counts()
    const noEmail = await grant(await newClient({ givenName: 'Ola', familyName: 'Nordmann' }))
    expect(noEmail.statusCode).toBe(422)
    expect(noEmail.json().errors).toEqual([{ path: 'client.email', message: 'The client has no email address' }])

    const short = await grant(
      await newClient({ givenName: 'Al', familyName: 'Short', email: 'al@example.com' }),
      'short'
    )
    expect(short.statusCode).toBe(400)
    expect(short.json().errors[0]).toMatchObject({ path: 'body.password' })

    // a staff member's email is taken: the client needs their own
    const taken = await grant(
      await newClient({ givenName: 'Dup', familyName: 'Licate', email: clinic.users.owner.email.toUpperCase() })
    )
    expect(taken.statusCode).toBe(409)

    const erasedId = await newClient({ givenName: 'Eve', familyName: 'Gone', email: 'eve.gone@example.com' })
    await as(server, clinic.users.owner)('POST', `/api/v1/clinics/${clinic.clinicId}/clients/${erasedId}/erase`, {
      reason: 'client asked',
    })
    expect((await grant(erasedId)).statusCode).toBe(409)
    expect(await counts()).toEqual(before)
  })

  it("is another clinic's 404, and 403 for front desk (a portal account opens the whole record) and clients", async () => {
    const clientId = await newClient({ givenName: 'Kim', familyName: 'Lee', email: 'kim.lee@example.com' })
    const url = `/api/v1/clinics/${clinic.clinicId}/clients/${clientId}/portal-access`
    expect((await as(server, other.users.owner)('POST', url, { password: 'long enough 123' })).statusCode).toBe(404)
    expect((await as(server, clinic.users.client)('POST', url, { password: 'long enough 123' })).statusCode).toBe(403)
    expect((await as(server, clinic.users.front_desk)('POST', url, { password: 'long enough 123' })).statusCode).toBe(
      403
    )
    expect((await as(server, clinic.users.front_desk)('GET', url)).json()).toMatchObject({ enabled: false })
  })
})
